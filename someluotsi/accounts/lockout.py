"""Login lock-out (django-axes) per username and address, and per address across usernames.

Axes counts failed sign-ins per username and client address (`AXES_FAILURE_LIMIT`, page and
API token alike). One address that tries a few passwords on many usernames never reaches that
limit for any one of them, so the address as a whole is locked as well once its failures within
the cool-off period reach `LOGIN_ADDRESS_FAILURE_LIMIT` (higher than the per-user limit: many
people may share an office address). The address is `core.client.client_address`.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
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


class AddressAwareAxesHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler plus the per-address limit across usernames."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        return address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        """Record the failure as Axes does; then lock the address when it is over its limit."""
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        address = getattr(request, "axes_ip_address", None)
        if address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=None, ip_address=address)
