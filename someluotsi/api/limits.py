"""Bounds on what one API request may ask for, so that cheap requests get a 4xx, not a 500.

- JSON bodies nested deeper than `MAX_JSON_DEPTH` are refused before they are decoded
  (Python's decoder would otherwise exhaust the stack).
- Lists take `limit` (1-`MAX_LIMIT`, default `PAGE_SIZE`) and `offset` (0-`MAX_OFFSET`); a value
  outside is a 400, not a silent cap, and the schema documents both maximums.
- Ids, in paths (the `int` converter bounded in config.urls) and in bodies and filters
  (`IdField`), stay within the database's 64-bit integers.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser
from rest_framework.request import Request

MAX_JSON_DEPTH = 32
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
MAX_ID = 2**63 - 1


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (brackets inside strings are
    skipped); linear in the text's length."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


# A byte-order mark some Windows tools (Notepad, PowerShell's UTF8 encoding) write at the start
# of a UTF-8 file: not JSON (RFC 8259 §8.1), but a parser "MAY ignore" it, and a body saved by
# such a tool should not be refused for it.
BYTE_ORDER_MARK = "\ufeff"


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser that refuses over-deep nesting with a 400 in the API's error shape
    and reads a body that starts with a UTF-8 byte-order mark (one, which it drops). The
    body's size limit (DATA_UPLOAD_MAX_MEMORY_SIZE, a 413) is Django's, before parsing."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(_("The body is not valid text.")) from exc
        text = text.removeprefix(BYTE_ORDER_MARK)
        if json_depth(text) > MAX_JSON_DEPTH:
            raise ParseError(
                _("The JSON is nested deeper than %(n)s levels.") % {"n": MAX_JSON_DEPTH}
            )
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("The body is not valid JSON.")) from exc


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def IdField(**kwargs: Any) -> serializers.IntegerField:  # noqa: N802 - a field factory
    """An integer id: 1 to 2^63 - 1 (the database's largest), else a 400 naming the field."""
    kwargs.setdefault("min_value", 1)
    kwargs.setdefault("max_value", MAX_ID)
    return serializers.IntegerField(**kwargs)


def query_int(request: Request, name: str, *, low: int, high: int) -> int | None:
    """The query parameter `name` as a whole number from `low` to `high`; None when it is not
    given; anything else, an empty value too ("year=": the schema says integer), is a 400
    naming the parameter (as `limit` and `offset`)."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    return _bounded(request, name, low, low, high)


def _bounded(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12 or not low <= int(raw) <= high:
        raise ValidationError(
            {name: [_("A whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
        )
    return int(raw)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """`limit` 1-MAX_LIMIT (default PAGE_SIZE) and `offset` 0-MAX_OFFSET; outside is a 400."""

    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int:
        return _bounded(
            request, self.limit_query_param, int(self.default_limit or 50), 1, MAX_LIMIT
        )

    def get_offset(self, request: Request) -> int:
        return _bounded(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": MAX_LIMIT},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
            if parameter["name"] == self.limit_query_param:
                parameter["description"] = (
                    f"Number of results to return per page: 1-{MAX_LIMIT}, default "
                    f"{self.default_limit}."
                )
        return parameters
