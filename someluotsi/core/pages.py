"""Helpers shared by the server-rendered pages."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from someluotsi.core.errors import ApplicationError


def show_refusal(request: HttpRequest, exc: ApplicationError) -> None:
    """A service's refusal on a page: a missing right is a 403 page, anything else a message
    the user can act on."""
    if exc.status_code == 403:
        raise PermissionDenied(exc.message) from exc
    flash.error(request, exc.message)


def posted_id(value: str | None) -> int:
    """A posted id, or 0 (no such row) for anything that is not a small whole number."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 12 else 0
