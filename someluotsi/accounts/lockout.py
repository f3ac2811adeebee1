"""Login lock-out (django-axes) per username and address, and per address across usernames.

Axes counts failed sign-ins per username and client address (`AXES_FAILURE_LIMIT`, page and
API token alike): a locked username cannot sign in from that address, while everyone else at
the same address still can. One address that tries a few passwords on many usernames never
reaches that limit for any one of them, so the address as a whole is locked as well once its
failures within the cool-off period reach `LOGIN_ADDRESS_FAILURE_LIMIT` (higher than the
per-user limit: many people may share an office address).

The address-wide lock would let anyone behind a shared address (a city hall's NAT) lock all of
their colleagues out by typing nonsense usernames. So it spares the usernames that have signed
in successfully from that address within `LOGIN_KNOWN_ADDRESS_DAYS` (axes' access log): those
stay under their own per-username limit only, which still stops guessing their passwords. The
address is `core.client.client_address`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt, AccessLog
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def address_failures(address: str | None) -> int:
    """Failed sign-ins from `address` within the cool-off period, over every username."""
    if not address:
        return 0
    since = timezone.now() - settings.LOGIN_ADDRESS_COOLOFF
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return int(total or 0)


def known_at_address(username: str | None, address: str | None) -> bool:
    """Whether `username` signed in successfully from `address` within
    `LOGIN_KNOWN_ADDRESS_DAYS` days (axes' access log: successful sign-ins only)."""
    if not username or not address:
        return False
    since = timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return bool(
        AccessLog.objects.filter(
            username=username, ip_address=address, attempt_time__gte=since
        ).exists()
    )


def address_locked_for(address: str | None, username: str | None) -> bool:
    """Whether the address-wide limit refuses `username` at `address`: the address is over
    `LOGIN_ADDRESS_FAILURE_LIMIT` and the username has not signed in from there before."""
    if address_failures(address) < settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return False
    return not known_at_address(username, address)


class AddressAwareAxesHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler plus the per-address limit across usernames."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        return address_locked_for(address, get_client_username(request, credentials))

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        """Record the failure as Axes does; then lock the address when it is over its limit."""
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        address = getattr(request, "axes_ip_address", None)
        if address_locked_for(address, get_client_username(request, credentials)):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=None, ip_address=address)
