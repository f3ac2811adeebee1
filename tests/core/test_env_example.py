"""`.env.example` lists every variable of the settings schema, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from config import settings as project_settings

ROOT = Path(__file__).resolve().parents[2]


def test_env_example_lists_exactly_the_schema() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    schema = set(project_settings.env.scheme)
    assert documented == schema
