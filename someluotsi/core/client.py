"""The client's address: one function for throttling, login lock-out and the audit trail.

Behind `SOMELUOTSI_TRUSTED_PROXIES` = N reverse proxies (default 0: the application is reached
directly), each proxy appends the address it received the request from to `X-Forwarded-For`, so
the client is the N-th entry from the right; anything further left was written by the client
and is ignored. With N = 0 the header is ignored altogether and `REMOTE_ADDR` is the client.
A request that arrives with fewer entries than N (it bypassed a proxy) falls back to
`REMOTE_ADDR`, which is then the nearest honest address.

During a request the address is also kept in a context variable (`ClientAddressMiddleware`), so
that services which write audit events without being handed the request still record it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_current_address: ContextVar[str | None] = ContextVar("someluotsi_client_address", default=None)


def _valid(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as text (normalised), or None when none can be trusted."""
    remote = _valid(request.META.get("REMOTE_ADDR"))
    hops: int = settings.SOMELUOTSI_TRUSTED_PROXIES
    if hops <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) >= hops:
        return _valid(forwarded[-hops]) or remote
    return remote


def current_client_address() -> str | None:
    """The address of the request being served in this context (None outside a request)."""
    return _current_address.get()


class ClientAddressMiddleware:
    """Keeps the request's client address in a context variable while it is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _current_address.reset(token)
