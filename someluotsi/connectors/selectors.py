"""Reads about connections, with the access rules of who may manage them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import AnyUser, user_has_role
from someluotsi.channels.models import Channel
from someluotsi.connectors.enums import BROKEN_STATUSES, ActionKind, ConnectionStatus
from someluotsi.connectors.models import Connection, OutboundAction
from someluotsi.inbox.models import Message


def connection_for_channel(*, channel: Channel) -> Connection | None:
    """The channel's connection, whatever its state (None when never connected)."""
    return Connection.objects.filter(channel=channel).first()


def working_connection(*, channel: Channel) -> Connection | None:
    """The channel's connection when it is active."""
    return Connection.objects.filter(channel=channel, status=ConnectionStatus.ACTIVE).first()


def connection_can_manage(*, user: AnyUser, channel: Channel) -> bool:
    """The mavi team connects channels; their maintainers too where the city allows it
    (CONNECTORS_MAINTAINERS_MAY_CONNECT). Auditors never change anything."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_has_role(user=user, roles={Role.AUDITOR}) and not user.is_superuser:
        return False
    if user.is_superuser or user_has_role(user=user, roles={Role.MAVI}):
        return True
    return bool(
        settings.CONNECTORS_MAINTAINERS_MAY_CONNECT
        and channel.maintainers.filter(pk=getattr(user, "pk", 0)).exists()
    )


def broken_connections(*, channel_ids: list[int] | None = None) -> QuerySet[Connection]:
    """Connections that stopped working (expired or revoked) and need someone to reconnect."""
    rows = Connection.objects.filter(status__in=BROKEN_STATUSES)
    return rows.filter(channel_id__in=channel_ids) if channel_ids is not None else rows


def connections_due_for_poll(*, now: datetime | None = None) -> QuerySet[Connection]:
    """Active connections not checked for CONNECTORS_POLL_MINUTES."""
    now = now or timezone.now()
    stale = now - timedelta(minutes=settings.CONNECTORS_POLL_MINUTES)
    return Connection.objects.filter(status=ConnectionStatus.ACTIVE).filter(
        Q(last_polled_at__isnull=True) | Q(last_polled_at__lt=stale)
    )


def connections_needing_refresh(*, now: datetime | None = None) -> QuerySet[Connection]:
    """Active connections whose access token expires within the hour (refreshed ahead)."""
    now = now or timezone.now()
    return Connection.objects.filter(
        status=ConnectionStatus.ACTIVE,
        access_expires_at__isnull=False,
        access_expires_at__lt=now + timedelta(hours=1),
    )


def actions_for_message(*, message: Message) -> QuerySet[OutboundAction]:
    return OutboundAction.objects.filter(message=message).select_related("requested_by")


def message_actions_pending(*, message: Message) -> bool:
    return OutboundAction.objects.filter(
        message=message, kind__in=[k.value for k in ActionKind], status__in=["pending", "retrying"]
    ).exists()
