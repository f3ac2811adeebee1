from __future__ import annotations

from django.db.models import QuerySet

from someluotsi.accounts.access import Area
from someluotsi.accounts.selectors import AnyUser, user_can_access_area
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_list_for_user
from someluotsi.incidents.models import Incident, StormAlert


def incident_channels(*, user: AnyUser) -> QuerySet[Channel]:
    """The channels whose storms a user sees: those they see in the register."""
    if not user_can_access_area(user=user, area=Area.INCIDENTS):
        return Channel.objects.none()
    return channel_list_for_user(user=user)


def incident_can_work(*, user: AnyUser, channel: Channel) -> bool:
    return incident_channels(user=user).filter(pk=channel.pk).exists()


def alert_list_for_user(*, user: AnyUser) -> QuerySet[StormAlert]:
    return StormAlert.objects.filter(channel__in=incident_channels(user=user)).select_related(
        "channel", "incident"
    )


def incident_list_for_user(*, user: AnyUser) -> QuerySet[Incident]:
    return Incident.objects.filter(channel__in=incident_channels(user=user)).select_related(
        "channel", "owner"
    )
