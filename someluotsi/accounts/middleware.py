"""Per-request rules about the user: the saved interface language, and read-only roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from rest_framework.permissions import SAFE_METHODS

from someluotsi.accounts.selectors import AnyUser, user_is_read_only
from someluotsi.api.errors import error_body


class UserLanguageMiddleware:
    """The interface language, pages and API alike: the language chosen on this site (the
    language cookie) > the signed-in user's saved language (a session, or an API token in the
    Authorization header) > the browser's Accept-Language (LocaleMiddleware, above) > Finnish.
    An API endpoint's own language parameter (`ui_language` of /api/v1/check) is above all
    of these for what it covers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = user_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def user_language(request: HttpRequest) -> str | None:
    """The signed-in user's saved language for `request`, or None when the language was chosen
    on this site (the cookie) or nobody is signed in."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return None
    language = getattr(_request_user(request), "preferred_language", None)
    return str(language) if language else None


# Requests a read-only user may still send: signing in and out, the API token exchange, the
# interface language, resetting their own password by the e-mailed link (the same forms are
# open to anyone signed out) and marking their own notification read (notification_read finds
# only the user's own): their own session and sign-in, not the city's records.
READ_ONLY_EXEMPT_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:set_language",
        "accounts:password_reset",
        "accounts:password_reset_confirm",
        "api:token",
        "notifications:read",
    }
)

# The narrow allow-list of work a read-only user may ask for because it changes no city data:
# - metrics:report: a metrics report file for themselves. An auditor reads the figures; the
#   report holds figures and incident titles (never a message text or an author, reports.py;
#   a title staff wrote may name someone, so a download is a reading of personal data), is theirs
#   alone to download, goes after METRICS_REPORT_KEEP_HOURS, and the request and every download are
#   audited (metrics.report_requested, metrics.report_created). tests/security lists it.
# - audit:author, audit:author_export: the auditor's own search of a citizen's data-subject
#   report and its CSV, posted so that the citizen's name stays out of addresses (request logs,
#   browser history); they read only, and each search and export is audited
#   (audit.author_searched, audit.exported), as the other audit pages' reads are.
READ_ONLY_ALLOWED_URL_NAMES = frozenset({"metrics:report", "audit:author", "audit:author_export"})


def _request_user(request: HttpRequest) -> AnyUser | None:
    """The session's user, or the user of an API token in the Authorization header."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return cast(AnyUser, user)
    if not hasattr(request, "_someluotsi_token_user"):
        request._someluotsi_token_user = _token_user(request)  # type: ignore[attr-defined]
    return cast(AnyUser | None, request._someluotsi_token_user)  # type: ignore[attr-defined]


def _token_user(request: HttpRequest) -> AnyUser | None:
    """The active user of an API token in the Authorization header (as DRF's TokenAuthentication
    reads it), or None."""
    header = str(request.META.get("HTTP_AUTHORIZATION", "")).split()
    if len(header) == 2 and header[0].lower() == "token":
        token = Token.objects.select_related("user").filter(key=header[1][:40]).first()
        if token is not None and token.user.is_active:
            return cast(AnyUser, token.user)
    return None


class ReadOnlyRoleMiddleware:
    """Auditors (every read-only role, accounts.access.READ_ONLY_ROLES) never change the city's
    data: the one place that refuses them every state-changing request (any method but GET,
    HEAD, OPTIONS and TRACE) on every page and API endpoint, whatever the view would have
    allowed, but for their own session (READ_ONLY_EXEMPT_URL_NAMES), the figures-only
    report file they make for themselves and their posted search of a citizen's report
    (READ_ONLY_ALLOWED_URL_NAMES). Pages answer 403 with
    the usual page; the API answers 403 in its error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            user = _request_user(request)
            if user is not None and user_is_read_only(user=user) and not _exempt(request):
                if request.path.startswith("/api/"):
                    message = _("Your role may read but not change anything.")
                    return JsonResponse(error_body("read_only", message), status=403)
                raise PermissionDenied
        return self.get_response(request)


def _exempt(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in READ_ONLY_EXEMPT_URL_NAMES | READ_ONLY_ALLOWED_URL_NAMES
