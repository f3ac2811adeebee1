"""The inbox's lines on a person's home page (core.waiting): escalations to acknowledge,
overdue messages, messages assigned to them and messages nobody has taken."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_can_access_area
from someluotsi.core.waiting import Waiting, waiting_register
from someluotsi.inbox.selectors import (
    OPEN_STATUSES,
    channels_worked_by,
    escalations_to_acknowledge,
    message_list_for_user,
)


def _queue(query: str) -> str:
    return f"{reverse('inbox:queue')}?{query}"


def escalations_waiting(user: User) -> Waiting | None:
    """Escalations addressed to the user and not acknowledged yet: urgent (§10.6)."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return None
    count = escalations_to_acknowledge(user=user).count()
    text = ngettext(
        "%(count)d escalation to acknowledge",
        "%(count)d escalations to acknowledge",
        count,
    ) % {"count": count}
    url = f"{reverse('inbox:escalations')}?waiting=me"
    return Waiting("inbox.escalations", count, text, url, urgent=True, order=10)


def overdue_waiting(user: User) -> Waiting | None:
    """Open messages past their due time in the queues the user sees (§8.4): urgent."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return None
    count = (
        message_list_for_user(user=user)
        .filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
        .count()
    )
    text = ngettext("%(count)d overdue message", "%(count)d overdue messages", count) % {
        "count": count
    }
    return Waiting("inbox.overdue", count, text, _queue("status=open&overdue=on"), True, 20)


def assigned_waiting(user: User) -> Waiting | None:
    """Open messages assigned to the user."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return None
    count = (
        message_list_for_user(user=user)
        .filter(status__in=OPEN_STATUSES, assignee_id=user.pk)
        .count()
    )
    text = ngettext(
        "%(count)d message assigned to you", "%(count)d messages assigned to you", count
    ) % {"count": count}
    return Waiting("inbox.assigned", count, text, _queue("status=open&assignee=me"), order=30)


def unassigned_waiting(user: User) -> Waiting | None:
    """New messages nobody has taken, on the channels the user answers."""
    worked = channels_worked_by(user=user)
    if not worked.exists():
        return None
    count = (
        message_list_for_user(user=user)
        .filter(status__in=OPEN_STATUSES, assignee__isnull=True, channel__in=worked)
        .count()
    )
    text = ngettext(
        "%(count)d message nobody has taken", "%(count)d messages nobody has taken", count
    ) % {"count": count}
    return Waiting("inbox.unassigned", count, text, _queue("status=open&assignee=none"), order=40)


def register() -> None:
    """Called from the app's ready()."""
    waiting_register("inbox.escalations", escalations_waiting)
    waiting_register("inbox.overdue", overdue_waiting)
    waiting_register("inbox.assigned", assigned_waiting)
    waiting_register("inbox.unassigned", unassigned_waiting)
