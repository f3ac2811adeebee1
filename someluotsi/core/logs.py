"""Logging filters (settings.LOGGING).

A refused request (403) is an everyday event, not a fault: Django logs it on `django.request`
with the exception's traceback, which floods the server log and hides real errors.
`ForbiddenOneLine` turns it into one line: the user's id, the path and the reason.
"""

from __future__ import annotations

import logging

MAX_REASON = 200


class ForbiddenOneLine(logging.Filter):
    """On `django.request`: a 403 record becomes "Forbidden: user=<id or -> path=<path>
    reason=<the refusal's message, or its class>" at its own level, without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        error = record.exc_info[1]
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "-"
        path = str(getattr(request, "path", ""))[:300]
        reason = " ".join(str(error).split())[:MAX_REASON] or type(error).__name__
        record.msg = "Forbidden: user=%s path=%s reason=%s"
        record.args = (user_id, path, reason)
        record.exc_info = None
        record.exc_text = None
        return True
