"""Scheduled reports: due after the month ends, one e-mail per recipient and period in their
language with the PDF attached, nothing twice, failures tried again, every step audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.metrics.models import DeliveryStatus, ReportDelivery, ReportSchedule
from someluotsi.metrics.schedules import (
    MAX_ATTEMPTS,
    Outside,
    schedule_save,
    scheduled_reports_send,
)
from tests.factories import ChannelFactory
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")
MADE = datetime(2026, 5, 20, 12, 0, tzinfo=HELSINKI)
JULY_1 = datetime(2026, 7, 1, 6, 30, tzinfo=HELSINKI)


def _text(pdf: bytes) -> str:
    return pdf_text(pdf)[0]


@pytest.fixture
def schedule(make_user: Callable[..., User]) -> ReportSchedule:
    ChannelFactory.create(name="Kirjasto")
    mavi = make_user(Role.MAVI)
    swede = make_user(Role.UNIT_MANAGER, preferred_language="sv")
    with time_machine.travel(MADE, tick=False):
        return schedule_save(
            actor=mavi,
            name="Kuukausiraportti",
            frequency="monthly",
            unit=None,
            users=[swede],
            outside=[Outside("lautakunta@example.fi", "fi")],
        )


def test_reports_go_once_to_each_recipient_in_their_language(
    schedule: ReportSchedule,
) -> None:
    with time_machine.travel(JULY_1, tick=False):
        assert scheduled_reports_send() == 2
        assert scheduled_reports_send() == 0  # the beat ran twice: nothing twice
    assert {d.period for d in ReportDelivery.objects.all()} == {"2026-06"}
    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(by_address) == 2
    swedish = next(m for a, m in by_address.items() if a != "lautakunta@example.fi")
    assert "rapport" in swedish.subject.lower()
    [(name, pdf, kind)] = swedish.attachments
    assert kind == "application/pdf"
    assert name.endswith("-sv.pdf")
    assert "Sida 1/" in _text(pdf)
    finnish = by_address["lautakunta@example.fi"]
    assert "Sivu 1/" in _text(finnish.attachments[0][1])
    assert AuditEvent.objects.filter(action="metrics.report_sent").count() == 2


def test_nothing_is_due_before_the_first_whole_period(schedule: ReportSchedule) -> None:
    with time_machine.travel(datetime(2026, 5, 31, 23, 0, tzinfo=HELSINKI), tick=False):
        assert scheduled_reports_send() == 0
    with time_machine.travel(datetime(2026, 6, 1, 7, 0, tzinfo=HELSINKI), tick=False):
        assert scheduled_reports_send() == 2  # May ended after the schedule was made


def test_a_failing_mail_server_is_tried_again_and_then_given_up(
    schedule: ReportSchedule,
) -> None:
    with (
        time_machine.travel(JULY_1, tick=False),
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")),
    ):
        for _run in range(MAX_ATTEMPTS):
            assert scheduled_reports_send() == 0
    statuses = set(ReportDelivery.objects.values_list("status", flat=True))
    assert statuses == {DeliveryStatus.FAILED}
    assert AuditEvent.objects.filter(action="metrics.report_failed").count() == 2
    with time_machine.travel(JULY_1, tick=False):
        assert scheduled_reports_send() == 0  # given up: not sent again silently


def test_only_the_mavi_team_schedules(client_for: Callable[..., Client]) -> None:
    assert client_for(Role.UPDATER).get(reverse("metrics:schedules")).status_code == 403
    mavi = client_for(Role.MAVI)
    assert mavi.get(reverse("metrics:schedules")).status_code == 200
    response = mavi.post(
        reverse("metrics:schedules"),
        {"name": "Vuosi", "frequency": "yearly", "outside": "hallitus@example.fi sv\nei-osoite"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["outside"]
    response = mavi.post(
        reverse("metrics:schedules"),
        {"name": "Vuosi", "frequency": "yearly", "outside": "hallitus@example.fi sv"},
    )
    assert response.status_code == 302
    saved = ReportSchedule.objects.get(name="Vuosi")
    assert saved.recipients.get().report_language == "sv"
    assert AuditEvent.objects.filter(action="metrics.report_scheduled").exists()
