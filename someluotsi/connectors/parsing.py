"""Shared parsing of platform payloads: JSON bodies, the platforms' time formats, string ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from someluotsi.connectors.errors import WebhookRejectedError


def webhook_json(body: bytes) -> Any:
    """A verified webhook body as JSON; 400 when it is not UTF-8 JSON.

    Numbers stay exact (Python ints), so a numeric id above 2**53 is not rounded; callers turn
    ids into strings with `as_id`.
    """
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise WebhookRejectedError(400, "body is not JSON") from exc


def as_id(value: object) -> str:
    """A platform id as a string: ints are exact in Python; floats would already have lost
    digits, so they are refused."""
    if isinstance(value, (bool, float)):
        raise ValueError("ids must be strings or integers")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    raise ValueError("missing id")


def from_epoch_seconds(value: object) -> datetime:
    """Unix seconds (TikTok, Meta webhooks), as int or numeric string → aware UTC."""
    return datetime.fromtimestamp(int(str(value)), tz=UTC)


def from_epoch_millis(value: object) -> datetime:
    """Epoch milliseconds (LinkedIn) → aware UTC, exact to the millisecond."""
    millis = int(str(value))
    return datetime.fromtimestamp(millis // 1000, tz=UTC).replace(
        microsecond=(millis % 1000) * 1000
    )


def from_iso(value: str) -> datetime:
    """ISO 8601 / RFC 3339 as the platforms write it: `2026-03-01T07:12:45+0000` (Meta),
    `…45.000Z` (X), `…45Z` (YouTube) → aware UTC."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    elif len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]  # +0000 → +00:00 (Python 3.11 accepts both; be explicit)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("time without a zone")
    return moment.astimezone(UTC)


def to_epoch_seconds(moment: datetime) -> int:
    return int(moment.timestamp())
