"""Reading the audit trail (auditors and system administrators only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from someluotsi.accounts.access import Area
from someluotsi.accounts.selectors import AnyUser, user_can_access_area
from someluotsi.audit.models import AuditEvent


@dataclass(frozen=True, kw_only=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    target_type: str = ""
    target_id: str = ""
    since: date | None = None
    until: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_list(*, user: AnyUser, filters: AuditFilter | None = None) -> QuerySet[AuditEvent]:
    """Events visible to `user`, newest first; empty for anyone without the audit area."""
    if not user_can_access_area(user=user, area=Area.AUDIT):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.all()
    f = filters or AuditFilter()
    if f.action:
        events = events.filter(action__startswith=f.action)
    if f.actor:
        events = events.filter(actor_label__icontains=f.actor)
    if f.target_type:
        events = events.filter(target_type=f.target_type)
    if f.target_id:
        events = events.filter(target_id=f.target_id)
    if f.since:
        events = events.filter(occurred_at__gte=_day_start(f.since))
    if f.until:
        events = events.filter(occurred_at__lt=_day_start(f.until + timedelta(days=1)))
    return events.order_by("-occurred_at", "-id")


def audit_action_names() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_events_for_target(*, target: models.Model) -> QuerySet[AuditEvent]:
    """A record's own history, newest first (shown beside the record to those who may see it)."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("-occurred_at", "-id")
