"""Response-time figures per channel, in working hours (§8.4)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from someluotsi.channels.models import Channel
from someluotsi.inbox.clock import configured_calendar
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import OPEN_STATUSES


@dataclass(frozen=True)
class ChannelFigures:
    channel: Channel
    received: int
    answered: int
    open: int
    overdue: int
    on_time: int
    with_due: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.with_due, 1) if self.with_due else None


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def response_figures(
    *, channels: QuerySet[Channel], days: int = 30, now: datetime | None = None
) -> list[ChannelFigures]:
    """Messages received in the last `days`: how many, how fast the first answer came in
    working hours, and how many were handled by their due time."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    calendar = configured_calendar()
    rows = Message.objects.filter(channel__in=channels, received_at__gte=since).values_list(
        "channel_id", "status", "received_at", "due_at", "answered_at", "closed_at"
    )
    hours: dict[int, list[float]] = defaultdict(list)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for channel_id, status, received, due, answered, closed in rows.iterator():
        count = counts[channel_id]
        count["received"] += 1
        handled = answered or closed
        if answered:
            count["answered"] += 1
            elapsed = calendar.working_time_between(received, answered)
            hours[channel_id].append(elapsed.total_seconds() / 3600)
        if status in OPEN_STATUSES:
            count["open"] += 1
            if due and due < now:
                count["overdue"] += 1
        if due:
            count["with_due"] += 1
            if handled and handled <= due:
                count["on_time"] += 1
    figures = []
    for channel in channels.order_by("name"):
        count = counts.get(channel.pk, {})
        values = hours.get(channel.pk, [])
        figures.append(
            ChannelFigures(
                channel=channel,
                received=count.get("received", 0),
                answered=count.get("answered", 0),
                open=count.get("open", 0),
                overdue=count.get("overdue", 0),
                on_time=count.get("on_time", 0),
                with_due=count.get("with_due", 0),
                median_hours=round(statistics.median(values), 1) if values else None,
                p90_hours=round(_percentile(values, 0.9), 1) if values else None,
            )
        )
    return figures
