"""Inbound: platform items become inbox messages through the inbox's ingestion service
(triage, assignment, SLA, escalation and the storm scan happen there), once each."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from someluotsi.connectors.base import RemoteItem, WebhookHint
from someluotsi.connectors.models import Connection, InboundItem, PlatformThread
from someluotsi.inbox.enums import Moderation
from someluotsi.inbox.models import Message
from someluotsi.inbox.services import IncomingMessage, message_ingest

logger = logging.getLogger(__name__)

MAX_TEXT = 100_000  # the engine's limit; longer platform texts are cut, never refused


def known_ids(*, connection: Connection, ids: Iterable[str]) -> set[str]:
    """Which of `ids` were already seen on this connection."""
    wanted = list(dict.fromkeys(ids))
    return set(
        InboundItem.objects.filter(connection=connection, external_id__in=wanted).values_list(
            "external_id", flat=True
        )
    )


def hints_new(*, connection: Connection, hints: Sequence[WebhookHint]) -> list[WebhookHint]:
    """The hints worth an API call: not seen before, once each (removals always pass)."""
    seen = known_ids(connection=connection, ids=[h.item_id for h in hints if not h.removed])
    fresh: dict[str, WebhookHint] = {}
    for hint in hints:
        if hint.removed or hint.item_id not in seen:
            fresh.setdefault(hint.item_id + ("-" if hint.removed else ""), hint)
    return list(fresh.values())


def _thread_save(connection: Connection, item: RemoteItem) -> None:
    """Keep the post's text for the thread context; written only when new or changed."""
    if not item.thread_id or not item.thread_text:
        return
    text = item.thread_text[:5000]
    thread, created = PlatformThread.objects.get_or_create(
        connection=connection, thread_id=item.thread_id, defaults={"text": text}
    )
    if not created and thread.text != text:
        thread.text = text
        thread.save(update_fields=["text", "updated_at"])


def items_ingest(*, connection: Connection, items: Sequence[RemoteItem]) -> int:
    """Store the citizens' items as inbox messages (the account's own replies are skipped);
    returns how many messages were created. Idempotent: an item already seen is skipped, and
    the inbox's (platform, id) constraint settles a race between two workers."""
    if not items:
        return 0
    seen = known_ids(connection=connection, ids=[i.external_id for i in items])
    channel = connection.channel
    fresh = [i for i in items if i.external_id not in seen]
    created = 0
    with transaction.atomic():
        incoming = [
            IncomingMessage(
                channel=channel,
                external_id=item.external_id,
                kind=item.kind.value,
                text=item.text[:MAX_TEXT],
                received_at=item.created_at,
                author_handle=item.author[:200],
                parent_external_id=(item.parent_id or item.thread_id)[:200],
                permalink=item.permalink[:1000],
                link_platform=connection.platform,
            )
            for item in fresh
            if not item.own
        ]
        result = message_ingest(actor=None, items=incoming) if incoming else None
        by_id = {m.external_id: m for m in result.created} if result else {}
        if result and (result.duplicates or result.conflicts):
            for message in Message.objects.filter(
                platform=channel.platform, external_id__in=[i.external_id for i in incoming]
            ):
                by_id.setdefault(message.external_id, message)
        for item in fresh:
            _thread_save(connection, item)
            try:
                with transaction.atomic():
                    InboundItem.objects.create(
                        connection=connection, external_id=item.external_id,
                        kind=item.kind.value, thread_id=item.thread_id, parent_id=item.parent_id,
                        message=by_id.get(item.external_id),
                    )  # fmt: skip
            except IntegrityError:
                continue  # another worker recorded it a moment ago
        created = len(result.created) if result else 0
    return created


def item_gone(*, connection: Connection, item_id: str) -> None:
    """The item was deleted on the platform (by its author or the platform): the message page
    says so; the message and its evidence stay under the inbox's retention rules."""
    from someluotsi.inbox.services import message_moderate

    row = InboundItem.objects.filter(connection=connection, external_id=item_id).first()
    if row is None:
        InboundItem.objects.get_or_create(
            connection=connection, external_id=item_id,
            defaults={"kind": "comment", "gone_at": timezone.now()},
        )  # fmt: skip
        return
    if row.gone_at is None:
        row.gone_at = timezone.now()
        row.save(update_fields=["gone_at"])
    message = row.message
    if message is not None and message.moderation != Moderation.REMOVED:
        message_moderate(actor=None, message=message, moderation=Moderation.REMOVED)  # type: ignore[arg-type]


def backfill_cursor(*, days: int) -> dict[str, str]:
    """The cursor of a first connection: everything since `days` ago."""
    since = timezone.now() - timedelta(days=days)
    return {"since": str(int(since.timestamp()))}
