"""Reads about connections, with the access rules of who may manage them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import AnyUser, user_has_role
from someluotsi.channels.models import Channel
from someluotsi.connectors.enums import BROKEN_STATUSES, ActionKind, ConnectionStatus
from someluotsi.connectors.models import Connection, InboundItem, OutboundAction, SandboxItem
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import readability_for_user


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


@dataclass(frozen=True)
class SandboxView:
    """What one person may see of a sandbox platform page (`item` and its thread).

    `root` is the post (the city's own words). `shown` are the comments and replies whose texts
    and authors the person may read under the inbox rule: the whole thread for those who may
    read the connected channel's messages, only the escalated comment for its addressees, none
    for others, who get `hidden` (how many are not shown) instead. `connection` is the channel's
    connection to the sandbox account (None when no channel is connected to it) and
    `message_ids` the inbox messages behind the comments shown (for the audit trail).
    """

    item: SandboxItem
    root: SandboxItem | None
    shown: list[SandboxItem]
    hidden: int
    connection: Connection | None
    message_ids: list[int]


def sandbox_view_for_user(*, user: AnyUser, item_id: str) -> SandboxView | None:
    """The sandbox page of `item_id` as `user` may see it, or None (a 404) when the item does
    not exist or is a comment the user may not read. A post is shown to every signed-in person
    (it is public on the platform), its comments only under the inbox rule."""
    if not getattr(user, "is_authenticated", False):
        return None
    item = SandboxItem.objects.filter(item_id=item_id[:200]).first()
    if item is None:
        return None
    readability = readability_for_user(user=user)
    connections = list(
        Connection.objects.filter(platform="sandbox", account_id=item.account_id).order_by("pk")
    )
    whole_thread = readability.all_channels or any(
        readability.can_read_channel(c.channel_id) for c in connections
    )
    root_id = item.thread_id or item.item_id
    root = SandboxItem.objects.filter(item_id=root_id, kind="post").first()
    thread = list(SandboxItem.objects.filter(thread_id=root_id).order_by("created_at", "pk"))
    if item.kind != "post" and item not in thread:
        thread.insert(0, item)
    inbound = {
        row.external_id: row.message
        for row in InboundItem.objects.filter(
            connection__in=connections, external_id__in=[i.item_id for i in [item, *thread]]
        ).select_related("message")
        if row.message is not None
    }
    if whole_thread:
        shown = thread
    else:
        # The single comments escalated to the user (the inbox rule's message ids).
        shown = [
            i for i in thread
            if i.item_id in inbound and readability.can_read(inbound[i.item_id])
        ]  # fmt: skip
    if item.kind != "post" and item not in shown:
        return None
    readable = [c for c in connections if readability.can_read_channel(c.channel_id)]
    first = readable or connections
    connection = first[0] if first else None
    return SandboxView(
        item=item,
        root=root,
        shown=shown,
        hidden=len(thread) - len(shown),
        connection=connection,
        message_ids=sorted({inbound[i.item_id].pk for i in shown if i.item_id in inbound}),
    )
