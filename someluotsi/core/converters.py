"""URL path converters."""

from __future__ import annotations

from django.urls.converters import IntConverter

MAX_ID = 2**63 - 1


class IdConverter(IntConverter):
    """`<id:name>`: a database id, 0 to 2^63 - 1. Longer numbers do not match (a 404), where
    Django's `<id:>` would pass them on to a query that overflows (a 500 on SQLite). Every
    project URL uses it; tests/security/test_url_catalogue.py refuses a bare `<id:>`."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # no match: the resolver answers 404
        return number
