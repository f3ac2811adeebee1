"""Reading the audit trail (auditors only): filtered lists, one person's events for a
data-subject request, and the events about the messages a citizen wrote."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from someluotsi.accounts.access import Area
from someluotsi.accounts.selectors import AnyUser, user_can_access_area
from someluotsi.audit.models import AuditEvent, AuditSubject
from someluotsi.audit.registry import action_for, all_actions

USER = "accounts.user"


@dataclass(frozen=True, kw_only=True)
class AuditFilter:
    """What the auditor asked for. `action` is a registered code (exact) or a prefix
    (`message.`); `person` matches names and user names, as actor or as subject; `actor`
    matches the stored actor label only (the API's older filter)."""

    action: str = ""
    actor: str = ""
    person: str = ""
    target_type: str = ""
    target_id: str = ""
    since: date | None = None
    until: date | None = None
    personal_data: bool = False


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def people_matching(text: str) -> list[int]:
    """Users whose first name, last name or user name contains every word of `text`."""
    words = text.split()[:5]
    if not words:
        return []
    users = get_user_model().objects.all()
    for word in words:
        users = users.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__iexact=word)
        )
    return list(users.values_list("pk", flat=True)[:200])


def _about(model: str, ids: list[str]) -> Exists:
    return Exists(
        AuditSubject.objects.filter(event=OuterRef("pk"), subject_type=model, subject_id__in=ids)
    )


def audit_event_list(*, user: AnyUser, filters: AuditFilter | None = None) -> QuerySet[AuditEvent]:
    """Events visible to `user`, newest first; empty for anyone without the audit area."""
    if not user_can_access_area(user=user, area=Area.AUDIT):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.all()
    f = filters or AuditFilter()
    if f.action:
        if action_for(f.action) is not None:
            events = events.filter(action=f.action)
        else:
            events = events.filter(action__startswith=f.action)
    if f.actor:
        events = events.filter(actor_label__icontains=f.actor)
    if f.person:
        ids = people_matching(f.person)
        events = events.filter(Q(actor_id__in=ids) | _about(USER, [str(pk) for pk in ids]))
    if f.target_type and f.target_id:
        events = events.filter(
            Q(target_type=f.target_type, target_id=f.target_id)
            | _about(f.target_type, [f.target_id])
        )
    elif f.target_type:
        events = events.filter(target_type=f.target_type)
    elif f.target_id:
        events = events.filter(target_id=f.target_id)
    if f.since:
        events = events.filter(occurred_at__gte=_day_start(f.since))
    if f.until:
        events = events.filter(occurred_at__lt=_day_start(f.until + timedelta(days=1)))
    if f.personal_data:
        events = events.filter(
            action__in=[action.code for action in all_actions() if action.personal_data]
        )
    return events.order_by("-occurred_at", "-id")


def audit_action_names() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_events_for_target(*, target: models.Model) -> QuerySet[AuditEvent]:
    """A record's own history, newest first (shown beside the record to those who may see it)."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("-occurred_at", "-id")


def person_events(*, user: AnyUser, person_id: int) -> QuerySet[AuditEvent]:
    """Every event by the person or about them (their account, their roles, a message assigned
    to them, an escalation addressed to them …), newest first; none for non-auditors."""
    if not user_can_access_area(user=user, area=Area.AUDIT):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        Q(actor_id=person_id) | _about(USER, [str(person_id)])
    ).order_by("-occurred_at", "-id")


def events_about(*, user: AnyUser, subjects: list[tuple[str, str]]) -> QuerySet[AuditEvent]:
    """Every event about any of `subjects` ((model label, id) pairs: the messages a citizen
    wrote and their escalations): each reading, one message or a page of the queue, each
    change, each look at the evidence; newest first, none for non-auditors."""
    if not user_can_access_area(user=user, area=Area.AUDIT) or not subjects:
        return AuditEvent.objects.none()
    by_model: dict[str, list[str]] = {}
    for model, pk in subjects:
        by_model.setdefault(model, []).append(pk)
    about = [_about(model, ids) for model, ids in by_model.items()]
    return AuditEvent.objects.filter(reduce(operator.or_, about)).order_by("-occurred_at", "-id")
