"""The register's lines on a person's home page (core.waiting): new-channel decisions to make
(§11.1) and the channels one looks after that need attention (channel health)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import ngettext

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_can_access_area
from someluotsi.channels.enums import RequestStatus
from someluotsi.channels.health import channel_health
from someluotsi.channels.models import ChannelRequest
from someluotsi.channels.selectors import channel_list_editable, decisions_waiting_for
from someluotsi.core.waiting import Waiting, waiting_register


def decisions_waiting(user: User) -> Waiting | None:
    """Pending new-channel requests on which the user has a decision to make."""
    count = len(decisions_waiting_for(user=user))
    text = ngettext(
        "%(count)d new-channel decision to make", "%(count)d new-channel decisions to make", count
    ) % {"count": count}
    url = f"{reverse('channels:requests')}?status=pending"
    return Waiting("channels.decisions", count, text, url, order=15)


def own_requests_waiting(user: User) -> Waiting | None:
    """The user's own new-channel requests still waiting for decisions (anyone may ask)."""
    count = ChannelRequest.objects.filter(
        requested_by_id=user.pk, status=RequestStatus.PENDING
    ).count()
    text = ngettext(
        "%(count)d of your new-channel requests waits for decisions",
        "%(count)d of your new-channel requests wait for decisions",
        count,
    ) % {"count": count}
    url = f"{reverse('channels:requests')}?status=pending"
    return Waiting("channels.own_requests", count, text, url, order=80)


def health_waiting(user: User) -> Waiting | None:
    """Channels the user may change (maintains, manages, or all for the mavi team) that have a
    critical health finding: nobody maintains them, everyone is away, messages overdue."""
    editable = channel_list_editable(user=user)
    if not user_can_access_area(user=user, area=Area.CHANNELS) or not editable.exists():
        return None
    report = channel_health(channels=editable, inactive_days=settings.CHANNEL_INACTIVE_DAYS)
    count = sum(1 for row in report if row.critical)
    text = ngettext(
        "%(count)d channel needs attention", "%(count)d channels need attention", count
    ) % {"count": count}
    return Waiting("channels.health", count, text, reverse("channels:health"), order=50)


def register() -> None:
    """Called from the app's ready()."""
    waiting_register("channels.decisions", decisions_waiting)
    waiting_register("channels.health", health_waiting)
    waiting_register("channels.own_requests", own_requests_waiting)
