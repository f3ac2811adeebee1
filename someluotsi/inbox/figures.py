"""Response figures per channel, in working hours (§8.4): the one definition behind the inbox's
figures page, the metrics dashboard, a channel's metrics page, the reports (PDF, CSV and the
scheduled ones), the response-time goals and the figures API.

The definitions (README, "Metrics, goals and reports", says the same in words):

- Received: messages received in the period, every one (those closed automatically included).
- Closed automatically: spam and duplicates Someluotsi closed at ingestion (INBOX_AUTO_CLOSE).
  Nobody had to respond to them, so they count in none of the figures below.
- Handled: the city responded. A reply was recorded (a redirect to the feedback channel is a
  reply), the message was escalated (§10.6), or a person closed it (answered elsewhere, no
  action needed, ignored). Hiding or removing it on the platform is not by itself handling: the
  message stays in the queue until someone replies or closes it. The first response is the
  first of these moments; reopening a message does not undo it.
- Answered: handled messages with a recorded reply (a subset of handled).
- Median and 90th percentile of the first response: working hours from receipt to the first
  response, over the handled messages (their count is "handled").
- On time: of the messages that can be judged, those whose first response came by their due
  time. Judged are the messages with a due time that are handled, or still open past their due
  time now. An open message not yet due is not judged yet; a category without a due time
  ("other") is never judged.
- Open: waiting now (new or assigned); overdue: open past their due time now.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Min, QuerySet
from django.utils import timezone

from someluotsi.channels.models import Channel
from someluotsi.inbox.clock import configured_calendar
from someluotsi.inbox.enums import MessageStatus, Resolution
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import OPEN_STATUSES

# Resolutions Someluotsi sets itself at ingestion: nobody responded, nobody had to.
AUTO_RESOLUTIONS = frozenset({Resolution.SPAM, Resolution.DUPLICATE})


@dataclass(frozen=True)
class ChannelFigures:
    channel: Channel
    received: int
    auto_closed: int
    handled: int
    answered: int
    open: int
    overdue: int
    on_time: int
    judged: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.judged, 1) if self.judged else None


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of `start` to the end of `end` (inclusive) in the site's time zone: the
    window every figure of a period counts messages in (metrics.figures.Period.bounds too)."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, zone),
        datetime.combine(end + timedelta(days=1), time.min, zone),
    )


def last_days_bounds(days: int, today: date | None = None) -> tuple[datetime, datetime]:
    """The last `days` calendar days, today included (the dashboard's "last 30 days")."""
    end = today or timezone.localdate()
    return day_bounds(end - timedelta(days=days - 1), end)


def first_response(
    *,
    status: str,
    resolution: str,
    answered: datetime | None,
    escalated: datetime | None,
    closed: datetime | None,
) -> datetime | None:
    """When the city first responded to a message (the module's "handled"), or None: not yet,
    or closed automatically (no response)."""
    if status == MessageStatus.CLOSED and resolution in AUTO_RESOLUTIONS:
        return None
    moments = [moment for moment in (answered, escalated, closed) if moment is not None]
    return min(moments) if moments else None


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def response_figures(
    *,
    channels: QuerySet[Channel],
    since: datetime,
    until: datetime,
    now: datetime | None = None,
) -> list[ChannelFigures]:
    """The figures of the messages received from `since` (inclusive) to `until` (exclusive),
    a row per channel; open messages are judged overdue against `now` (default: now)."""
    now = now or timezone.now()
    calendar = configured_calendar()
    rows = (
        Message.objects.filter(channel__in=channels, received_at__gte=since, received_at__lt=until)
        .annotate(escalated=Min("escalations__created_at"))
        .values_list(
            "channel_id",
            "status",
            "resolution",
            "received_at",
            "due_at",
            "answered_at",
            "escalated",
            "closed_at",
        )
    )
    hours: dict[int, list[float]] = defaultdict(list)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for channel_id, status, resolution, received, due, answered, escalated, closed in rows:
        count = counts[channel_id]
        count["received"] += 1
        if status == MessageStatus.CLOSED and resolution in AUTO_RESOLUTIONS:
            count["auto_closed"] += 1
            continue
        responded = first_response(
            status=status,
            resolution=resolution,
            answered=answered,
            escalated=escalated,
            closed=closed,
        )
        if responded is not None:
            count["handled"] += 1
            count["answered"] += answered is not None
            elapsed = calendar.working_time_between(received, responded)
            hours[channel_id].append(elapsed.total_seconds() / 3600)
        is_open = status in OPEN_STATUSES
        count["open"] += is_open
        if due is not None:
            if responded is not None:
                count["judged"] += 1
                count["on_time"] += responded <= due
            elif due < now:
                count["judged"] += 1
            if is_open and due < now:
                count["overdue"] += 1
    figures = []
    for channel in channels.order_by("name"):
        count = counts.get(channel.pk, {})
        values = hours.get(channel.pk, [])
        figures.append(
            ChannelFigures(
                channel=channel,
                received=count.get("received", 0),
                auto_closed=count.get("auto_closed", 0),
                handled=count.get("handled", 0),
                answered=count.get("answered", 0),
                open=count.get("open", 0),
                overdue=count.get("overdue", 0),
                on_time=count.get("on_time", 0),
                judged=count.get("judged", 0),
                median_hours=round(statistics.median(values), 1) if values else None,
                p90_hours=round(_percentile(values, 0.9), 1) if values else None,
            )
        )
    return figures
