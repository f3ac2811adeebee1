"""Reading message exports (JSON list, JSON lines or CSV) into validated rows.

Every row is checked before anything is stored; the caller stores all or nothing, so a broken
file changes nothing and each problem is reported with its row number.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import translation

from someluotsi.channels.models import Channel
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.inbox.enums import MessageKind
from someluotsi.inbox.services import IncomingMessage, received_at_problem

MAX_FILE_BYTES = 50 * 1024 * 1024
REQUIRED = ("channel", "external_id", "kind", "text", "received_at")


@dataclass(frozen=True)
class ParsedFile:
    items: list[IncomingMessage]
    errors: list[str]


def _records(data: bytes, name: str) -> list[dict[str, Any]]:
    text = data.decode("utf-8-sig")
    if name.lower().endswith(".csv"):
        # strict: a stray quote inside a quoted field ("Hyvä "kirjasto") refuses the file,
        # naming the line, instead of the reader quietly storing a changed text.
        reader = csv.DictReader(io.StringIO(text), strict=True)
        try:
            return list(reader)
        except csv.Error as exc:
            raise ValueError(
                f"line {reader.reader.line_num}: malformed CSV quoting ({exc}); a quote inside"
                ' a quoted field is written twice ("")'
            ) from exc
    stripped = text.lstrip()
    if stripped.startswith("["):
        loaded = json.loads(text)
        if not isinstance(loaded, list):
            raise ValueError("a JSON file must hold a list of messages")
        return loaded
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def parse_messages(data: bytes, name: str, channels: dict[str, Channel]) -> ParsedFile:
    """Rows of an export; `channels` maps a channel id or handle to the channel."""
    if len(data) > MAX_FILE_BYTES:
        return ParsedFile([], [f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    try:
        records = _records(data, name)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, csv.Error) as exc:
        return ParsedFile([], [f"the file cannot be read: {exc}"])
    items: list[IncomingMessage] = []
    errors: list[str] = []
    kinds = {kind.value for kind in MessageKind}
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            errors.append(f"row {number}: not an object")
            continue
        missing = [key for key in REQUIRED if not str(record.get(key) or "").strip()]
        if missing and missing != ["text"]:
            errors.append(f"row {number}: missing {', '.join(missing)}")
            continue
        channel = channels.get(str(record["channel"]))
        problems = []
        if channel is None:
            problems.append(f"unknown channel {record['channel']!r}")
        if not isinstance(record["kind"], str) or record["kind"] not in kinds:
            problems.append(f"kind must be one of {', '.join(sorted(kinds))}")
        text = str(record.get("text") or "")
        if len(text) > MAX_CHARS:
            problems.append(f"text over {MAX_CHARS:,} characters")
        try:
            received = datetime.fromisoformat(str(record["received_at"]))
            if received.tzinfo is None:
                problems.append("received_at needs a time zone")
            else:
                with translation.override("en"):  # the importer reports in English
                    problem = received_at_problem(received)
                if problem is not None:
                    problems.append(f"received_at: {problem}")
        except ValueError:
            problems.append(f"received_at is not a date and time: {record['received_at']!r}")
        if problems or channel is None:
            errors.append(f"row {number}: " + "; ".join(problems))
            continue
        language = record.get("language")
        items.append(
            IncomingMessage(
                channel=channel,
                external_id=str(record["external_id"])[:200],
                kind=str(record["kind"]),
                text=text,
                received_at=received,
                author_handle=str(record.get("author_handle") or "")[:200],
                parent_external_id=str(record.get("parent_external_id") or "")[:200],
                permalink=str(record.get("permalink") or "")[:1000],
                # An unknown language is detected from the text instead of refused.
                language=language if language in {"fi", "sv", "en"} else None,
            )
        )
    return ParsedFile(items, errors)
