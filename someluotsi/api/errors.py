"""One error shape for every API error:

{"error": {"code": "not_found", "message": "...", "details": {...}}}
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from someluotsi.core.errors import ApplicationError


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _too_big_message() -> str:
    return _("The request body is over the size limit (%(mb)s MB).") % {
        "mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    }


def throttled_message(wait: int | None) -> str:
    """ "Request was throttled. Try again in 53 seconds." wholly in the active language.

    DRF formats the number into its "Expected available in {wait} seconds." before looking
    the text up, so its catalogue never matches and the second sentence stays English."""
    message = _("Too many requests.")
    if wait is None:
        return message
    again = ngettext("Try again in %(wait)d second.", "Try again in %(wait)d seconds.", wait) % {
        "wait": wait
    }
    return f"{message} {again}"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    wait = getattr(exc, "wait", None) if isinstance(exc, exceptions.Throttled) else None
    if wait is not None:
        exc = exceptions.Throttled(detail=throttled_message(wait))
        exc.wait = wait  # type: ignore[attr-defined]  # the Retry-After header
    if isinstance(exc, ApplicationError):
        return Response(error_body(exc.code, exc.message, exc.details), status=exc.status_code)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("too_large", _too_big_message()), status=413)
    if isinstance(exc, SuspiciousOperation):
        return Response(error_body("bad_request", _("The request is not valid.")), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body("invalid", _("The request is not valid."), detail)
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        response.data = error_body(code, str(exc.detail))
    return response


def _json_error(request: HttpRequest, code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


def api_bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    if isinstance(exception, RequestDataTooBig):
        return _json_error(request, "too_large", _too_big_message(), 413)
    return _json_error(request, "bad_request", _("The request is not valid."), 400)


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return _json_error(request, "not_found", _("Not found."), status.HTTP_404_NOT_FOUND)


def api_server_error(request: HttpRequest) -> JsonResponse:
    return _json_error(
        request,
        "server_error",
        _("Internal error; it has been logged."),
        status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
