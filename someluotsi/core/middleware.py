"""Response headers that every dynamic response carries."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
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


class RefuseNulBytesMiddleware:
    """A NUL character in a query string or a form field is a 400 before any view runs:
    PostgreSQL cannot store or compare it, so it would otherwise surface as a server error
    wherever a raw value reaches a query. API paths answer in the API's error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        suspect = _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}
            and _has_nul(request.POST)
        )
        if suspect:
            message = _("The request contains a NUL character.")
            if request.path.startswith("/api/"):
                return JsonResponse(error_body("invalid", message), status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
