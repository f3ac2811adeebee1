"""Response headers that every dynamic response carries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
    RawPostDataException,
)
from django.shortcuts import render
from django.urls import Resolver404, get_resolver, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from someluotsi.api.errors import error_body
from someluotsi.core.errors import ApplicationError


class NoStoreMiddleware:
    """`Cache-Control: no-store` (with `private`, `no-cache`, `max-age=0`) on every page, API
    answer and download: most of them carry personal data (inbox, messages, evidence, people,
    alerts), and a shared or browser cache must never keep a copy. Static files are served by
    whitenoise above this middleware and keep their long cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


def _has_nul(values: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in vals) for key, vals in values.lists())


class NulRemovedQueryDict(QueryDict):
    """A page's form fields with NUL characters removed (what every raw reader of
    `request.POST` gets), that still knows what was typed: `typed_value(name)` is the last
    value of `name` as sent, NUL included, for the fields that had one (None for the others).
    The text fields read it (core.typed_text.TextPolicyWidget), so that they refuse the NUL
    with the same message, position and all, as the API; `on_claim` is told each name read.
    A copy is a plain form without the typed values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.typed: dict[str, str] = {}
        self.on_claim: Callable[[str], None] | None = None

    def typed_value(self, name: str) -> str | None:
        """The value of `name` as typed when it had a NUL, else None."""
        value = self.typed.get(name)
        if value is not None and self.on_claim is not None:
            self.on_claim(name)
        return value


def _without_nul(values: QueryDict) -> NulRemovedQueryDict:
    cleaned = NulRemovedQueryDict(mutable=True, encoding=values.encoding)
    typed: dict[str, str] = {}
    for key, vals in values.lists():
        name = key.replace("\x00", "")
        cleaned.setlist(name, [v.replace("\x00", "") for v in vals])
        if vals and "\x00" in vals[-1]:
            typed[name] = vals[-1]
    cleaned.typed = typed
    cleaned._mutable = False
    return cleaned


def _withdraw(request: HttpRequest, message: str) -> None:
    """Take back a warning queued for this request (every NUL was refused by a text field,
    which says so itself)."""
    queued = getattr(flash.get_messages(request), "_queued_messages", None)
    if isinstance(queued, list):
        queued[:] = [m for m in queued if str(m.message) != message]


def _is_form_post(request: HttpRequest) -> bool:
    return request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }


def _form_body_not_utf8(request: HttpRequest) -> bool:
    """Whether a URL-encoded form body carries bytes that are not UTF-8 (a Latin-1 encoded
    "ä" is %E4): Django would read each such byte as U+FFFD, and a checker would then pass the
    replaced text as "OK". A real U+FFFD typed by a person arrives as %EF%BF%BD and passes.
    Linear in the body (bounded by DATA_UPLOAD_MAX_MEMORY_SIZE); read before the form is."""
    if request.content_type != "application/x-www-form-urlencoded" or request.method in {
        "GET",
        "HEAD",
        "OPTIONS",
    }:
        return False
    try:
        unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    except RawPostDataException:
        return False
    return False


def bad_request_page(request: HttpRequest, message: str = "") -> HttpResponse:
    """The project's 400: the API's error shape under /api/, else the page in the site shell
    (someluotsi/templates/400.html) in the user's language."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body("bad_request", message or _("The request is not valid.")), status=400
        )
    try:
        return render(request, "400.html", {"message": message}, status=400)
    except Exception:  # noqa: BLE001 - the shell itself failed: the plain page, never a 500
        return HttpResponseBadRequest(message or _("The request is not valid."))


class RequestInputMiddleware:
    """What a client sends in its query string or form fields, checked before any view runs.

    - More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (or files than ..._FILES): the project's
      400 (a page in the shell, or the API's error shape), answered here so that DEBUG's error
      page, which reads the same fields again, never turns it into a 500.
    - A URL-encoded form body that is not UTF-8 (a client that sent Latin-1): the project's
      400 with a message in the user's language, never its text read with U+FFFD in place
      of each unreadable byte (the checker would call that text "OK"; the command line refuses
      such input too, exit 3 "invalid_utf8"). The API reads JSON only and refuses a body that
      is not UTF-8 itself (api/limits.py).
    - A NUL character: PostgreSQL cannot store or compare it, so it would otherwise surface as
      a server error wherever a raw value reaches a query. The API refuses it (400, its error
      shape). A page gets the fields with the NUL characters removed and a message in the
      user's language saying so: the view answers as usual (a form re-filled with what was
      typed, or the saved result), so nothing the person wrote is lost. A form's text field
      reads the value as typed instead (`NulRemovedQueryDict.typed_value`) and refuses the
      NUL as the API does (core.typed_text: "a NUL character at character 17"); when every
      NUL was in such a field, the general message is taken back.

    It runs after the user's language is chosen and the messages are set up.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _form_body_not_utf8(request):
            return bad_request_page(
                request,
                _(
                    "The form was sent in another character encoding than UTF-8, so its text "
                    "cannot be read reliably and nothing was done. Send it again from the page."
                ),
            )
        try:
            nul_in_query = _has_nul(request.GET)
            nul_in_form = _is_form_post(request) and _has_nul(request.POST)
        except (TooManyFieldsSent, TooManyFilesSent):
            return bad_request_page(request, _("The request has too many fields."))
        if nul_in_query or nul_in_form:
            message = _("The request contains a NUL character.")
            if request.path.startswith("/api/"):
                return JsonResponse(error_body("invalid", message), status=400)
            removed = _("NUL characters were removed from what you sent. Check it and try again.")
            if nul_in_query:
                request.GET = _without_nul(request.GET)  # type: ignore[assignment]
            if nul_in_form:
                post = _without_nul(request.POST)
                request._post = post  # type: ignore[attr-defined]
                pending = set(post.typed)

                def claimed(name: str) -> None:
                    pending.discard(name)
                    if not pending and not nul_in_query:
                        _withdraw(request, removed)

                post.on_claim = claimed
            flash.warning(request, removed)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A client's mistake a view did not catch (an `ApplicationError` with status 400, e.g.
        a query-string date out of range, core.dates): the project's 400 with its message,
        never a 500."""
        if isinstance(exception, ApplicationError) and exception.status_code == 400:
            return bad_request_page(request, str(exception))
        return None


class ApiErrorShapeMiddleware:
    """Every error answer under /api/ is in the API's error shape, whoever produced it: the
    URL resolver's 404 (an id that matches no route, DEBUG's technical page included), a CSRF
    or method refusal, a server error page. API views already answer in the shape."""

    CODES: ClassVar[dict[int, str]] = {
        400: "bad_request",
        401: "not_authenticated",
        403: "permission_denied",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        429: "throttled",
    }

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        status = response.status_code
        code = self.CODES.get(status, "server_error" if status >= 500 else "error")
        if status == 404:
            message = _("Not found.")
        elif status >= 500:
            message = _("Internal error; it has been logged.")
        elif status == 403:
            message = _("You do not have permission to perform this action.")
        else:
            message = _("The request is not valid.")
        shaped = JsonResponse(error_body(code, str(message)), status=status)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                shaped[header] = response[header]
        return shaped


class NotFoundPageMiddleware:
    """With DEBUG on (the demo that tools/run starts, a developer's machine) a missing page gets
    the product's own 404 page (someluotsi/templates/404.html, in the site shell and the
    reader's language), as in production, instead of Django's English technical page.

    Django shows its technical page for a 404 whenever DEBUG is on, from the URL resolver (no
    route) and from a view (Http404); both are answered here with the project's 404 handler
    (config.urls.handler404: the API keeps its error shape). With DEBUG off, or with
    DJANGO_DEBUG_TECHNICAL_404=true, nothing changes: Django answers as it always does. It sits
    inside the language, messages and clickjacking middleware, so the page has them all; a
    path that resolves only with a slash added is still redirected by CommonMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return bool(settings.DEBUG) and not getattr(settings, "DEBUG_TECHNICAL_404", False)

    @staticmethod
    def _not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
        resolver = get_resolver(getattr(request, "urlconf", None))
        handler = cast(
            Callable[[HttpRequest, Exception], HttpResponse], resolver.resolve_error_handler(404)
        )
        return handler(request, exception)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._active():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exc:
                return self._not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's Http404 (get_object_or_404 and the like), under DEBUG."""
        if self._active() and isinstance(exception, Http404):
            return self._not_found(request, exception)
        return None
