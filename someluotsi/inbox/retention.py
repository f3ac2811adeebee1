"""Retention: message texts and authors are removed after INBOX_RETENTION_DAYS (data
minimisation); the triage metadata stays for the figures. Evidence of an escalation is kept
while the case is open, and removed with the message's text once it is closed and old enough."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from someluotsi.audit.services import audit_record
from someluotsi.inbox.enums import EscalationStatus
from someluotsi.inbox.models import Escalation, Message


@dataclass(frozen=True)
class PurgeResult:
    messages: int
    evidence: int
    kept_for_open_cases: int


def inbox_purge_expired(
    *, days: int, now: datetime | None = None, batch: int = 1000
) -> PurgeResult:
    if days < 1:
        raise ValueError("retention must be at least one day")
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    open_case = Escalation.objects.filter(message=OuterRef("pk")).exclude(
        status=EscalationStatus.CLOSED
    )
    expired = Message.objects.filter(received_at__lt=cutoff, body_purged_at__isnull=True)
    kept = expired.filter(Exists(open_case)).count()
    purged = 0
    with transaction.atomic():
        ids = list(expired.exclude(Exists(open_case)).values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            purged += Message.objects.filter(pk__in=ids[start : start + batch]).update(
                text="",
                author_handle="",
                permalink="",
                suggested_reply="",
                reply_text="",
                findings=[],
                body_purged_at=now,
            )
        evidence = Escalation.objects.filter(
            status=EscalationStatus.CLOSED,
            evidence_purged_at__isnull=True,
            message__received_at__lt=cutoff,
        ).update(evidence={}, evidence_purged_at=now)
        audit_record(
            actor=None,
            action="messages.purged",
            data={"messages": purged, "evidence": evidence, "kept": kept, "days": days},
        )
    return PurgeResult(purged, evidence, kept)
