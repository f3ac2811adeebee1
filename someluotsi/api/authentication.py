"""Session sign-in for the API with its CSRF refusal in the reader's language.

DRF's SessionAuthentication refuses a write without a valid CSRF token with an English text
built from Django's untranslated reason ("CSRF Failed: CSRF token missing."), which would leave
English inside a Finnish or Swedish answer; this one says the same in the request's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular import authentication as spectacular_authentication
from rest_framework import authentication, exceptions
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refused:
            raise exceptions.PermissionDenied(
                _(
                    "The request was refused because its CSRF token is missing or not valid. "
                    "Reload the page and try again."
                ),
                code="csrf_failed",
            ) from refused


class SessionScheme(spectacular_authentication.SessionScheme):  # type: ignore[no-untyped-call]
    """The schema documents this sign-in as DRF's session cookie (cookieAuth)."""

    target_class = "someluotsi.api.authentication.SessionAuthentication"
