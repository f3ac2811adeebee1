"""The response figures from a small constructed set, and the inbox's figures page, the metrics
dashboard, the channel's metrics page, the report's CSV and the figures API showing the same
numbers (inbox.figures is their one definition)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.channels.models import Channel
from someluotsi.inbox.enums import MessageStatus, Moderation, Resolution
from someluotsi.inbox.figures import ChannelFigures, last_days_bounds, response_figures
from someluotsi.inbox.models import Escalation, Message
from someluotsi.metrics.reports import ReportSpec, report_csv
from tests.factories import ChannelFactory, UserFactory

pytestmark = pytest.mark.django_db

HKI = ZoneInfo("Europe/Helsinki")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=HKI)  # a Thursday at noon


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HKI)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _message(channel: Channel, name: str, **fields: object) -> Message:
    values: dict[str, object] = {
        "platform": channel.platform,
        "external_id": name,
        "channel": channel,
        "kind": "comment",
        "text": f"text of {name}",
        "received_at": at(24, 10),  # Tuesday 10:00
        "category": "question",
        "priority": "normal",
        "due_at": at(24, 14),  # four working hours later
        "status": MessageStatus.ASSIGNED,
    }
    values.update(fields)
    return Message.objects.create(**values)


def _constructed_set(channel: Channel) -> None:
    """Nine messages; the comments say what each adds to the figures."""
    # Answered after 1 working hour, by its due time: handled, answered, on time.
    _message(channel, "replied", status=MessageStatus.ANSWERED, answered_at=at(24, 11),
             resolution=Resolution.ANSWERED)  # fmt: skip
    # Closed by a person (no action needed) after 5 h, past its due time: handled, late.
    _message(channel, "closed", status=MessageStatus.CLOSED, closed_at=at(24, 15),
             resolution=Resolution.NO_ACTION)  # fmt: skip
    # A threat due at once, escalated after half an hour: handled (the escalation), late.
    threat = _message(channel, "threat", category="threat", due_at=at(24, 10),
                      status=MessageStatus.ESCALATED, resolution=Resolution.ESCALATED)  # fmt: skip
    escalation = Escalation.objects.create(message=threat, evidence_sha256="0" * 64)
    Escalation.objects.filter(pk=escalation.pk).update(created_at=at(24, 10, 30))
    # Spam closed automatically at ingestion: received, nothing else.
    _message(channel, "spam", category="spam", status=MessageStatus.CLOSED, closed_at=at(24, 10),
             resolution=Resolution.SPAM)  # fmt: skip
    # Open past its due time: judged (late), open, overdue.
    _message(channel, "waiting")
    # Hidden on the platform but never replied to or closed: as the one above.
    _message(channel, "hidden", moderation=Moderation.HIDDEN)
    # Received today, due tomorrow: open, not judged yet.
    _message(channel, "fresh", category="feedback", received_at=at(26, 11), due_at=at(27, 11))
    # "Other" has no due time: answered after 2 h, counted in the times, never judged.
    _message(channel, "other", category="other", due_at=None, status=MessageStatus.ANSWERED,
             answered_at=at(24, 12), resolution=Resolution.ANSWERED)  # fmt: skip
    # Answered after 3 h and reopened (a follow-up): its first response stays; open again.
    _message(channel, "reopened", answered_at=at(24, 13), status=MessageStatus.ASSIGNED)


def _figures(channel: Channel) -> ChannelFigures:
    since, until = last_days_bounds(7, NOW.date())
    [row] = response_figures(channels=Channel.objects.filter(pk=channel.pk), since=since,
                             until=until, now=NOW)  # fmt: skip
    return row


def test_each_figure_follows_its_definition(frozen: None) -> None:
    channel = ChannelFactory.create()
    _constructed_set(channel)
    row = _figures(channel)
    assert row.received == 9
    assert row.auto_closed == 1
    # replied, closed, threat, other, reopened; the spam, hidden, waiting and fresh are not.
    assert row.handled == 5
    assert row.answered == 3  # replied, other, reopened
    # First responses 1, 5, 0.5, 2 and 3 working hours.
    assert row.median_hours == 2.0
    assert row.p90_hours == 5.0
    # Judged: replied (on time), reopened (on time), closed, threat, waiting, hidden (late).
    assert (row.on_time, row.judged) == (2, 6)
    assert row.on_time_percent == 33.3
    assert row.open == 4  # waiting, hidden, fresh, reopened
    assert row.overdue == 3  # waiting, hidden, reopened
    assert row.on_time <= row.handled
    assert row.answered <= row.handled


def test_a_hide_alone_is_no_response_but_closing_it_is(frozen: None) -> None:
    channel = ChannelFactory.create()
    hidden = _message(channel, "hidden", moderation=Moderation.HIDDEN)
    assert _figures(channel).handled == 0
    Message.objects.filter(pk=hidden.pk).update(
        status=MessageStatus.CLOSED, closed_at=at(24, 13), resolution=Resolution.IGNORED
    )
    row = _figures(channel)
    assert (row.handled, row.answered, row.median_hours, row.on_time) == (1, 0, 3.0, 1)


def test_the_pages_the_report_and_the_api_show_the_same_figures(frozen: None) -> None:
    channel = ChannelFactory.create(name="Kirjasto")
    _constructed_set(channel)
    mavi = UserFactory.create(roles=[Role.MAVI], preferred_language="fi")
    client = Client()
    client.force_login(mavi)

    inbox = client.get(reverse("inbox:figures"), {"days": "30"})
    [inbox_row] = inbox.context["rows"]
    page = inbox.content.decode()
    assert "33,3\u00a0% (2/6)" in page
    assert "2,0" in page
    assert "5,0" in page

    dashboard = client.get(reverse("metrics:dashboard"), {"days": "30"})
    table = dashboard.context["table"]
    cells = dict(zip([c.key for c in table.columns], table.rows[0].cells, strict=True))
    assert (cells["messages"], cells["median"], cells["on_time"]) == ("9", "2,0", "33,3")

    detail = client.get(reverse("metrics:channel", args=[channel.pk]), {"days": "30"})
    assert detail.context["row"].response == inbox_row
    assert "33,3 (2/6)" in detail.content.decode()

    spec = ReportSpec(year=2026, month=11, unit=None, language="fi")
    lines = list(csv.reader(io.StringIO(report_csv(spec, Channel.objects.all())), delimiter=";"))
    header, row = lines[1], lines[2]
    report = dict(zip(header, row, strict=True))
    assert report["Viestit"] == "9"
    assert report["Ensivastauksen mediaani (h)"] == "2,0"
    assert report["Ajallaan (%)"] == "33,3"

    api = client.get(reverse("api:channel-figures"), {"days": "30"}).json()["channels"][0]
    assert api["median_first_response_hours"] == inbox_row.median_hours == 2.0
    assert api["on_time_percent"] == inbox_row.on_time_percent == 33.3


def test_the_inbox_page_and_the_dashboard_count_the_same_days(frozen: None) -> None:
    """Both count from the start of the first day of the period, not from this moment minus
    the days (a message at 08:00 thirty days ago is in both, or in neither)."""
    channel = ChannelFactory.create()
    since, _until = last_days_bounds(30, NOW.date())
    assert since == datetime(2026, 10, 28, tzinfo=HKI)
    _message(channel, "edge", received_at=datetime(2026, 10, 28, 8, 0, tzinfo=HKI),
             due_at=None)  # fmt: skip
    mavi = UserFactory.create(roles=[Role.MAVI])
    client = Client()
    client.force_login(mavi)
    [inbox_row] = client.get(reverse("inbox:figures"), {"days": "30"}).context["rows"]
    dashboard_row = client.get(reverse("metrics:dashboard"), {"days": "30"}).context["table"]
    assert inbox_row.received == dashboard_row.rows[0].row.response.received == 1
