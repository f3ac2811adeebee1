"""Response headers that every dynamic response carries."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django.contrib import messages as flash
from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from someluotsi.api.errors import error_body


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


def _without_nul(values: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True, encoding=values.encoding)
    for key, vals in values.lists():
        cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in vals])
    cleaned._mutable = False
    return cleaned


def _is_form_post(request: HttpRequest) -> bool:
    return request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }


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
    - A NUL character: PostgreSQL cannot store or compare it, so it would otherwise surface as
      a server error wherever a raw value reaches a query. The API refuses it (400, its error
      shape). A page gets the fields with the NUL characters removed and a message in the
      user's language saying so: the view answers as usual (a form re-filled with what was
      typed, or the saved result), so nothing the person wrote is lost.

    It runs after the user's language is chosen and the messages are set up.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            nul_in_query = _has_nul(request.GET)
            nul_in_form = _is_form_post(request) and _has_nul(request.POST)
        except (TooManyFieldsSent, TooManyFilesSent):
            return bad_request_page(request, _("The request has too many fields."))
        if nul_in_query or nul_in_form:
            message = _("The request contains a NUL character.")
            if request.path.startswith("/api/"):
                return JsonResponse(error_body("invalid", message), status=400)
            if nul_in_query:
                request.GET = _without_nul(request.GET)  # type: ignore[assignment]
            if nul_in_form:
                request._post = _without_nul(request.POST)  # type: ignore[attr-defined]
            flash.warning(
                request,
                _("NUL characters were removed from what you sent. Check it and try again."),
            )
        return self.get_response(request)


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
