"""Helpers for the platform side of contract tests: a local HTTP server (pytest-httpserver)
standing in for a platform's API, with what it received recorded for assertions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from werkzeug import Request, Response

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(platform: str, name: str) -> Any:
    return json.loads((FIXTURES / platform / name).read_text(encoding="utf-8"))


def fixture_bytes(platform: str, name: str) -> bytes:
    return (FIXTURES / platform / name).read_bytes()


def json_response(
    data: object, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(json.dumps(data), status=status, headers=headers or {},
                    content_type="application/json")  # fmt: skip


def form(request: Request) -> dict[str, str]:
    return {key: request.form[key] for key in request.form}
