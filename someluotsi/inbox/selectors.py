"""Who may see which messages, and the work queue's reads.

Message texts and authors are personal data: they are readable only by those who work the
channel (its maintainers, and the mavi team, who run the city's channels) and by the people an
escalation of that message is addressed to. Unit managers see their units' queues as metadata
(category, status, due time) so that they can follow the workload without reading messages.

`readability_for_user` is THE inbox rule: every page, API, export, PDF, e-mail and
notification that would carry a message's text, excerpt, words or author asks it first
(storm-alert evidence, escalation evidence, the queue, the message page); everyone else gets
counts and metadata. Each reading is audited by the caller with the client address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import OrderBy
from django.utils import timezone

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import (
    AnyUser,
    user_can_access_area,
    user_has_role,
    user_managed_units,
)
from someluotsi.channels.models import Channel, MaintainerAbsence
from someluotsi.channels.selectors import channels_covered_by, user_can_maintain_unit
from someluotsi.inbox.enums import EscalationStatus, MessageStatus, Priority, TriageCategory
from someluotsi.inbox.models import Escalation, Message, SavedReply

OPEN_STATUSES = (MessageStatus.NEW, MessageStatus.ASSIGNED)
# What still needs attention: open in the queue, or escalated to a supervisor (§10.6) and not
# closed yet. The queue's `?status=waiting`; the summary's threats count these.
WAITING_STATUSES = (*OPEN_STATUSES, MessageStatus.ESCALATED)


def channel_activity(now: datetime) -> dict[str, Any]:
    """The inbox's part of channel health (channels.health, registered in apps.py): annotations
    on a channel queryset with the time of the last answer (`last_answer`) and the number of open
    messages past their due time at `now` (`overdue`)."""
    return {
        "last_answer": Max("messages__answered_at"),
        "overdue": Count(
            "messages",
            filter=Q(messages__status__in=OPEN_STATUSES, messages__due_at__lt=now),
        ),
    }


def _uid(user: AnyUser) -> int:
    """The user's id for lookups; 0 (matches nobody) for the anonymous user."""
    return user.pk or 0


def user_sees_all_channels(*, user: AnyUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user_has_role(user=user, roles={Role.MAVI})
    )


def covered_today(*, user: AnyUser) -> QuerySet[MaintainerAbsence]:
    """Today's absences the user covers: they stand in for those people on all their channels
    (§12.1)."""
    today = timezone.localdate()
    return MaintainerAbsence.objects.filter(
        cover_id=_uid(user), starts_on__lte=today, ends_on__gte=today
    )


def channels_worked_by(*, user: AnyUser) -> QuerySet[Channel]:
    """Channels whose messages the user answers: maintained ones and, while they cover someone
    who is away, that person's channels; all for the mavi team."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return Channel.objects.none()
    if user_sees_all_channels(user=user):
        return Channel.objects.all()
    covered = channels_covered_by(user=user).values("pk")
    return Channel.objects.filter(
        Q(maintainerships__user_id=_uid(user)) | Q(pk__in=covered)
    ).distinct()


def channels_in_queue(*, user: AnyUser) -> QuerySet[Channel]:
    """Channels whose queue the user may list: worked ones (covers included) plus a unit
    manager's units'."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return Channel.objects.none()
    if user_sees_all_channels(user=user):
        return Channel.objects.all()
    covered = channels_covered_by(user=user).values("pk")
    scope = Q(maintainerships__user_id=_uid(user)) | Q(pk__in=covered)
    if user_has_role(user=user, roles={Role.UNIT_MANAGER}):
        units = user_managed_units(user=user)
        scope |= Q(unit__in=units) | Q(unit__parent__in=units)
    return Channel.objects.filter(scope).distinct()


def message_list_for_user(*, user: AnyUser) -> QuerySet[Message]:
    if not user_can_access_area(user=user, area=Area.INBOX):
        return Message.objects.none()
    messages = Message.objects.select_related("channel", "assignee")
    if user_sees_all_channels(user=user):
        return messages
    queue = channels_in_queue(user=user).values("pk")
    escalated = Escalation.objects.filter(recipients__user_id=_uid(user)).values("message_id")
    return messages.filter(Q(channel__in=queue) | Q(pk__in=escalated))


@dataclass(frozen=True)
class Readability:
    """Which rows of a page the user may read in full (texts, authors, links)."""

    all_channels: bool
    channel_ids: frozenset[int]
    message_ids: frozenset[int]

    def can_read(self, message: Message) -> bool:
        return (
            self.all_channels
            or message.channel_id in self.channel_ids
            or message.pk in self.message_ids
        )

    def can_read_channel(self, channel_id: int) -> bool:
        """Whether every message of the channel is readable (texts and authors of a whole
        channel's traffic: storm evidence, recurring words, the busiest author)."""
        return self.all_channels or channel_id in self.channel_ids


def readability_for_user(*, user: AnyUser) -> Readability:
    """The inbox rule for `user`: the channels whose messages they may read (those they work,
    all for the mavi team) and the single messages escalated to them."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return Readability(False, frozenset(), frozenset())
    if user_sees_all_channels(user=user):
        return Readability(True, frozenset(), frozenset())
    channel_ids = frozenset(channels_worked_by(user=user).values_list("pk", flat=True))
    message_ids = frozenset(
        Escalation.objects.filter(recipients__user_id=_uid(user)).values_list(
            "message_id", flat=True
        )
    )
    return Readability(False, channel_ids, message_ids)


def message_can_read(*, user: AnyUser, message: Message) -> bool:
    return readability_for_user(user=user).can_read(message)


def message_can_work(*, user: AnyUser, message: Message) -> bool:
    """Whether the user may change the message's state (answer, assign, close, escalate)."""
    return channels_worked_by(user=user).filter(pk=message.channel_id).exists()


def message_get_for_user(*, user: AnyUser, message_id: int) -> Message | None:
    return message_list_for_user(user=user).filter(pk=message_id).first()


# Priority order for sorting: the most urgent first (the triage's priorities, §10.6, §8.4).
PRIORITY_RANK: dict[str, int] = {
    Priority.URGENT: 0,
    Priority.HIGH: 1,
    Priority.NORMAL: 2,
    Priority.LOW: 3,
}

# Categories in the triage's precedence (threats first), statuses in the workflow's order.
CATEGORY_RANK: dict[str, int] = {value: rank for rank, value in enumerate(TriageCategory.values)}
STATUS_RANK: dict[str, int] = {value: rank for rank, value in enumerate(MessageStatus.values)}


def _rank(field: str, ranks: dict[str, int]) -> Case:
    return Case(
        *[When(**{field: value}, then=Value(rank)) for value, rank in ranks.items()],
        default=Value(len(ranks)),
        output_field=IntegerField(),
    )


# The queue's sort keys (`?sort=due`, `?sort=-received`) and the fields they order by; "" is
# the default, urgency: open before handled, overdue first, then priority, then the due time.
QUEUE_SORTS: dict[str, tuple[str, ...]] = {
    "": ("-is_open", "-is_overdue", "priority_rank", "due_at", "-received_at"),
    "priority": ("priority_rank", "due_at", "-received_at"),
    "due": ("due_at", "priority_rank", "-received_at"),
    "received": ("received_at",),
    "channel": ("channel__name", "-received_at"),
    "category": ("category_rank", "-received_at"),
    "status": ("status_rank", "-received_at"),
    "assignee": ("assignee__first_name", "assignee__last_name", "-received_at"),
}


@dataclass(frozen=True)
class QueueFilters:
    """The work queue's filters and order.

    `sort` is a key of QUEUE_SORTS, optionally with a leading "-" for the reverse order
    ("-received" is newest first); anything else means the default urgency order.
    """

    channel: int | None = None
    category: str = ""
    status: str = ""
    assignee: str = ""  # "" any, "me", "none", or a user id
    overdue: bool = False
    sort: str = ""


def _queue_order(sort: str) -> list[OrderBy]:
    """ORDER BY terms for a sort key; missing due times and assignees sort last either way.

    A reversed key flips its first field only; the tie-breakers keep their own direction.
    """
    key = sort.removeprefix("-")
    fields = QUEUE_SORTS.get(key) if key else None
    descending = fields is not None and sort.startswith("-")
    terms: list[OrderBy] = []
    for position, field in enumerate(fields or QUEUE_SORTS[""]):
        reverse = field.startswith("-") != (descending and position == 0)
        expression = F(field.removeprefix("-"))
        terms.append(
            expression.desc(nulls_last=True) if reverse else expression.asc(nulls_last=True)
        )
    terms.append(F("id").desc())
    return terms


def message_queue(
    *, user: AnyUser, filters: QueueFilters, now: datetime | None = None
) -> QuerySet[Message]:
    """The work queue, most urgent first unless `filters.sort` says otherwise.

    Each message is annotated with `is_open`, `is_overdue` (open and past its due time at
    `now`), `priority_rank` (0 urgent … 3 low), `category_rank` (0 threat …) and `status_rank`
    (0 new …).
    """
    now = now or timezone.now()
    messages = message_list_for_user(user=user)
    if filters.channel:
        messages = messages.filter(channel_id=filters.channel)
    if filters.category:
        messages = messages.filter(category=filters.category)
    if filters.status == "open":
        messages = messages.filter(status__in=OPEN_STATUSES)
    elif filters.status == "waiting":
        messages = messages.filter(status__in=WAITING_STATUSES)
    elif filters.status:
        messages = messages.filter(status=filters.status)
    if filters.assignee == "me":
        messages = messages.filter(assignee_id=user.pk)
    elif filters.assignee == "none":
        messages = messages.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        messages = messages.filter(assignee_id=int(filters.assignee))
    if filters.overdue:
        messages = messages.filter(status__in=OPEN_STATUSES, due_at__lt=now)
    is_open = Q(status__in=OPEN_STATUSES)
    messages = messages.annotate(
        is_open=Case(
            When(is_open, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        is_overdue=Case(
            When(is_open & Q(due_at__lt=now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        priority_rank=_rank("priority", PRIORITY_RANK),
        category_rank=_rank("category", CATEGORY_RANK),
        status_rank=_rank("status", STATUS_RANK),
    )
    return messages.order_by(*_queue_order(filters.sort))


def overdue_messages(*, now: datetime | None = None) -> QuerySet[Message]:
    now = now or timezone.now()
    return Message.objects.filter(status__in=OPEN_STATUSES, due_at__lt=now).select_related(
        "channel", "assignee"
    )


def queue_counts(*, user: AnyUser, now: datetime | None = None) -> dict[str, int]:
    """The queue's summary for `user`: open (new or assigned) messages, of them overdue, the
    user's own, the messages escalated to a supervisor (§10.6) that are not closed yet, which
    are no longer open in the queue but still waiting for someone, and the threats that need
    attention: open or escalated, not closed (the queue's `?status=waiting&category=threat`)."""
    now = now or timezone.now()
    is_open = Q(status__in=OPEN_STATUSES)
    waiting = message_list_for_user(user=user).filter(status__in=WAITING_STATUSES)
    return waiting.aggregate(
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=is_open & Q(due_at__lt=now)),
        mine=Count("pk", filter=is_open & Q(assignee_id=user.pk)),
        threats=Count("pk", filter=Q(category="threat")),
        escalated=Count("pk", filter=Q(status=MessageStatus.ESCALATED)),
    )


def escalation_list_for_user(*, user: AnyUser) -> QuerySet[Escalation]:
    """Escalations addressed to the user, plus all of them for those who work the channel."""
    if not user_can_access_area(user=user, area=Area.INBOX):
        return Escalation.objects.none()
    escalations = Escalation.objects.select_related("message", "message__channel", "created_by")
    if user_sees_all_channels(user=user):
        return escalations
    worked = channels_worked_by(user=user).values("pk")
    return escalations.filter(
        Q(recipients__user_id=_uid(user)) | Q(message__channel__in=worked)
    ).distinct()


def works_escalations_only(*, user: AnyUser) -> bool:
    """Whether the user's inbox work is the escalations addressed to them (§10.6): they work
    no channel's queue (not the mavi team, no channel of their own or covered) and at least
    one escalation is addressed to them, as for the occupational safety manager or a
    supervisor without channels. Their inbox opens on those escalations."""
    if user_sees_all_channels(user=user) or channels_in_queue(user=user).exists():
        return False
    return Escalation.objects.filter(recipients__user_id=_uid(user)).exists()


def escalations_to_acknowledge(*, user: AnyUser) -> QuerySet[Escalation]:
    """Open escalations addressed to the user that they have not acknowledged yet (§10.6)."""
    return (
        escalation_list_for_user(user=user)
        .filter(recipients__user_id=_uid(user), recipients__acknowledged_at__isnull=True)
        .exclude(status=EscalationStatus.CLOSED)
    )


def escalation_get_for_user(*, user: AnyUser, escalation_id: int) -> Escalation | None:
    return escalation_list_for_user(user=user).filter(pk=escalation_id).first()


def open_escalation_for(*, message: Message) -> Escalation | None:
    return (
        message.escalations.exclude(status=EscalationStatus.CLOSED).order_by("-created_at").first()
    )


def channel_workers(*, channel: Channel) -> QuerySet[User]:
    """People who may be assigned the channel's messages: maintainers, whoever covers an absent
    maintainer today (the cover stands in on the person's channels of units the cover may
    maintain: channels.selectors.user_can_maintain_unit), the mavi team."""
    maintainers = Q(maintainerships__channel=channel)
    mavi = Q(role_assignments__role=Role.MAVI)
    today = timezone.localdate()
    cover_ids = MaintainerAbsence.objects.filter(
        user__maintainerships__channel=channel, starts_on__lte=today, ends_on__gte=today
    ).values_list("cover_id", flat=True)
    covering = [
        cover.pk
        for cover in User.objects.filter(pk__in=cover_ids)
        if user_can_maintain_unit(user=cover, unit=channel.unit)
    ]
    return (
        User.objects.filter(is_active=True)
        .filter(maintainers | mavi | Q(pk__in=covering))
        .distinct()
    )


def saved_replies_for(*, user: AnyUser) -> QuerySet[SavedReply]:
    """The user's own saved replies, by title; nobody else's."""
    return SavedReply.objects.filter(owner_id=_uid(user)).order_by("title", "pk")
