"""Platform connections on a person's home page (core.waiting): connections of the channels
they may manage that stopped working or whose renewal runs out within RENEWAL_NOTICE."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_can_access_area
from someluotsi.channels.selectors import channel_list_editable
from someluotsi.connectors.enums import BROKEN_STATUSES, ConnectionStatus
from someluotsi.connectors.models import Connection
from someluotsi.core.waiting import Waiting, waiting_register

# How early a connection whose renewal ends is announced: time to connect it again.
RENEWAL_NOTICE = timedelta(days=14)


def connections_waiting(user: User) -> Waiting | None:
    """Broken connections and those expiring soon, on channels the user may change; urgent when
    any is broken (messages no longer arrive)."""
    if not user_can_access_area(user=user, area=Area.CHANNELS):
        return None
    soon = timezone.now() + RENEWAL_NOTICE
    connections = Connection.objects.filter(channel__in=channel_list_editable(user=user)).filter(
        Q(status__in=BROKEN_STATUSES)
        | Q(status=ConnectionStatus.ACTIVE, refresh_expires_at__lt=soon)
    )
    channel_ids = list(connections.values_list("channel_id", flat=True)[:2])
    count = connections.count()
    broken = connections.filter(status__in=BROKEN_STATUSES).exists()
    # One connection: its channel's page (the connection panel says when it runs out).
    url = (
        reverse("channels:detail", args=[channel_ids[0]])
        if len(channel_ids) == 1
        else reverse("channels:health")
    )
    text = ngettext(
        "%(count)d platform connection to renew", "%(count)d platform connections to renew", count
    ) % {"count": count}
    return Waiting("connectors.expiring", count, text, url, broken, 35)


def register() -> None:
    """Called from the app's ready()."""
    waiting_register("connectors.expiring", connections_waiting)
