"""Which channels a user may see: updaters their own, unit managers their units', the mavi
team and auditors all of them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import (
    AnyUser,
    user_can_access_area,
    user_has_role,
    user_managed_units,
)
from someluotsi.channels.models import Channel


def channel_list_for_user(*, user: AnyUser) -> QuerySet[Channel]:
    if user.pk is None or not user_can_access_area(user=user, area=Area.CHANNELS):
        return Channel.objects.none()
    channels = Channel.objects.select_related("unit").prefetch_related("maintainers")
    if user.is_superuser or user_has_role(user=user, roles={Role.MAVI, Role.AUDITOR}):
        return channels
    scope = Q(pk__in=Channel.objects.filter(maintainerships__user_id=user.pk).values("pk"))
    if user_has_role(user=user, roles={Role.UNIT_MANAGER}):
        units = user_managed_units(user=user)
        scope |= Q(unit__in=units) | Q(unit__parent__in=units)
    return channels.filter(scope).distinct()


def channel_get_for_user(*, user: AnyUser, channel_id: int) -> Channel | None:
    return channel_list_for_user(user=user).filter(pk=channel_id).first()
