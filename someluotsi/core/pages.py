"""Helpers shared by the server-rendered pages."""

from __future__ import annotations

import re

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from someluotsi.core.errors import ApplicationError
from someluotsi.core.oneline import one_line


def show_refusal(request: HttpRequest, exc: ApplicationError) -> None:
    """A service's refusal on a page: a missing right is a 403 page, anything else a message
    the user can act on."""
    if exc.status_code == 403:
        raise PermissionDenied(exc.message) from exc
    flash.error(request, exc.message)


def posted_id(value: str | None) -> int:
    """A posted id, or 0 (no such row) for anything that is not a small whole number."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 12 else 0


_BROWSER_ESCAPES = re.compile(r"%(22|0d|0a)", re.IGNORECASE)


def uploaded_file_name(name: str | None) -> str:
    """An uploaded file's name as the person wrote it. Browsers send a quote and line breaks
    in a file name percent-encoded (`weird "name".csv` arrives as `weird %22name%22.csv`, per
    the HTML standard's multipart rules); those three are decoded, any other `%` is the
    name's own. Kept on one line, at most 255 characters; templates escape it when shown."""
    decoded = _BROWSER_ESCAPES.sub(
        lambda m: '"' if m.group(1) == "22" else " ", (name or "").rsplit("/", 1)[-1]
    )
    return one_line(decoded)[-255:]


def site_base(request: HttpRequest) -> str:
    """The site's address without a trailing slash: SOMELUOTSI_BASE_URL when configured (the
    address people use, behind any proxy), else the one this request came to."""
    from django.conf import settings

    return settings.BASE_URL or request.build_absolute_uri("/").rstrip("/")
