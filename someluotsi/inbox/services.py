"""Ingesting messages: validated as a whole, stored in one transaction, idempotent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from someluotsi.accounts.selectors import AnyUser
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.compliance.engine import configured_engine
from someluotsi.guideline.engine import MAX_CHARS
from someluotsi.guideline.triage import triage
from someluotsi.inbox.models import Message
from someluotsi.inbox.sla import WorkingCalendar, due_at


@dataclass(frozen=True, kw_only=True)
class IncomingMessage:
    channel: Channel
    external_id: str
    kind: str
    text: str
    received_at: datetime
    author_handle: str = ""
    parent_external_id: str = ""
    permalink: str = ""
    language: str | None = None


@dataclass(frozen=True)
class IngestResult:
    created: list[Message]
    duplicates: int


def _prepare(item: IncomingMessage) -> Message:
    if len(item.text) > MAX_CHARS:
        raise ValueError(f"text over {MAX_CHARS:,} characters")
    sorted_message = triage(item.text, language=item.language, engine=configured_engine())
    return Message(
        platform=item.channel.platform,
        external_id=item.external_id,
        channel=item.channel,
        kind=item.kind,
        parent_external_id=item.parent_external_id,
        author_handle=item.author_handle,
        text=item.text,
        language=sorted_message.language,
        received_at=item.received_at,
        permalink=item.permalink,
        category=sorted_message.category.value,
        priority=sorted_message.priority.value,
        actions=[action.value for action in sorted_message.actions],
        rule_ids=list(dict.fromkeys(f.rule for f in sorted_message.findings)),
        suggested_reply=sorted_message.reply,
        due_at=due_at(sorted_message.category.value, item.received_at, WorkingCalendar()),
    )


@transaction.atomic
def message_ingest(
    *,
    actor: AnyUser | None,
    items: Sequence[IncomingMessage],
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Triage and store messages; ones already stored (same platform and id) are skipped.

    All or nothing: the whole batch is validated by the caller and written in one transaction.
    Concurrent deliveries of the same message create one row (the unique constraint decides).
    Audited once per batch as `messages.ingested` (counts only, never bodies).
    """
    created: list[Message] = []
    duplicates = 0
    for done, item in enumerate(items, 1):
        if progress is not None:
            progress(done, len(items))
        if Message.objects.filter(
            platform=item.channel.platform, external_id=item.external_id
        ).exists():
            duplicates += 1
            continue
        message = _prepare(item)
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            duplicates += 1  # another request stored it a moment ago
            continue
        created.append(message)
    audit_record(
        actor=actor,
        action="messages.ingested",
        data={"created": len(created), "duplicates": duplicates},
    )
    return IngestResult(created, duplicates)
