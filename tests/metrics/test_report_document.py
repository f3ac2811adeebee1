"""The report as a designed document, read back from its PDF: the same figures as the dashboard
by one code path (a median first response of 0,0 hours is a figure on both), one language,
a cover, per-channel pages, storms and incidents, page numbers."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.enums import Platform
from someluotsi.channels.models import Channel
from someluotsi.inbox.services import IncomingMessage, message_answer, message_ingest
from someluotsi.metrics.enums import Metric, ValueSource
from someluotsi.metrics.models import MetricValue
from someluotsi.metrics.presentation import channel_labels
from someluotsi.metrics.reports import ReportSpec, report_context, report_pdf
from tests.factories import ChannelFactory, add_maintainer
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")
END_OF_JUNE = datetime(2026, 6, 30, 20, 0, tzinfo=HELSINKI)
ENGLISH = re.compile(
    r"\b(the|and|of|Channel|Channels|Followers|Reach|Messages|Goals|Summary|Page|Storm|"
    r"Incidents?|first response|report|no data|drafts checked)\b"
)


def _pdf_text(pdf: bytes) -> tuple[str, int]:
    text, reader = pdf_text(pdf)
    return text, len(reader.pages)


@pytest.fixture
def june(make_user: object) -> Channel:
    """A channel whose only answer came before working hours began: 0 working hours."""
    channel = ChannelFactory.create(name="Kokkolan kaupunki", platform=Platform.FACEBOOK)
    ChannelFactory.create(name="Kokkolan kaupunki", platform=Platform.LINKEDIN)
    for day in range(1, 31):
        MetricValue.objects.create(
            channel=channel, day=date(2026, 6, day), metric=Metric.REACH, value=100,
            source=ValueSource.MANUAL,
        )  # fmt: skip
    updater = make_user(Role.UPDATER)  # type: ignore[operator]
    add_maintainer(channel, updater)
    early = datetime(2026, 6, 16, 6, 0, tzinfo=HELSINKI)  # a Tuesday, before 8 o'clock
    with time_machine.travel(early, tick=False):
        [message] = message_ingest(
            actor=None,
            items=[
                IncomingMessage(
                    channel=channel, external_id="q-1", kind="comment",
                    text="Milloin uimahalli aukeaa?", received_at=early,
                    author_handle="@asukas", permalink="",
                )
            ],
        ).created  # fmt: skip
    with time_machine.travel(early.replace(minute=30), tick=False):
        message_answer(actor=updater, message=message, reply="Kello 8.")
    return channel


def test_dashboard_and_report_show_the_same_cells(june: Channel, make_user: object) -> None:
    mavi: User = make_user(Role.MAVI)  # type: ignore[operator]
    client = Client()
    client.force_login(mavi)
    with time_machine.travel(END_OF_JUNE, tick=False):
        page = client.get(reverse("metrics:dashboard"), {"days": 30})
        with translation.override("fi"):
            context = report_context(
                ReportSpec(year=2026, month=6, unit=None, language="fi"), Channel.objects.all()
            )
    dashboard = {line.label: line.cells for line in page.context["table"].rows}
    report = {line.label: line.cells for line in context["table"].rows}
    assert dashboard == report
    facebook = dashboard["Kokkolan kaupunki (Facebook)"]
    median = [c.key for c in page.context["table"].columns].index("median")
    assert facebook[median] == "0,0"  # answered before working hours: 0,0 h, not a dash
    html = page.content.decode()
    assert "Kokkolan kaupunki (LinkedIn)" in html


def test_same_named_channels_carry_their_platform() -> None:
    a = ChannelFactory.create(name="Nuoret", platform=Platform.INSTAGRAM)
    b = ChannelFactory.create(name="Nuoret", platform=Platform.TIKTOK)
    c = ChannelFactory.create(name="Kirjasto", platform=Platform.FACEBOOK)
    labels = channel_labels([a, b, c])
    assert labels == {a.pk: "Nuoret (Instagram)", b.pk: "Nuoret (TikTok)", c.pk: "Kirjasto"}


@pytest.mark.parametrize(
    ("language", "page", "title", "period"),
    [
        ("fi", "Sivu", "kesäkuu 2026", "1.6.2026–30.6.2026"),
        # The period in the language's short date, as on every page (sv as in Finland).
        ("sv", "Sida", "juni 2026", "1.6.2026–30.6.2026"),
    ],
)
def test_report_pdf_is_one_language_with_cover_and_channel_pages(
    june: Channel, language: str, page: str, title: str, period: str
) -> None:
    with time_machine.travel(END_OF_JUNE, tick=False):
        pdf = report_pdf(
            ReportSpec(year=2026, month=6, unit=None, language=language), Channel.objects.all()
        )
    text, pages = _pdf_text(pdf)
    assert pages >= 4  # cover, summary and table, charts, storms, a page per channel
    assert f"{page} 2/{pages}" in text
    assert title in text.lower()
    assert "Kokkolan kaupunki (Facebook)" in text
    assert "0,0" in text
    assert period in text
    prose = re.sub(r"Kokkolan kaupunki|Facebook|LinkedIn|Someluotsi", "", text)
    assert ENGLISH.findall(prose) == []
    assert "@asukas" not in text  # reports carry no authors or message texts
    assert "uimahalli" not in text
