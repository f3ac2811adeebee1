"""The report's CSV writes plain numbers a spreadsheet reads as numbers ("4165", "-12", "30,5"
in fi/sv, "30.5" in en), never the page's grouped "4 165"; a plain GET of the report address
goes to the report form instead of a blank 405."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from someluotsi.accounts.enums import Role
from someluotsi.channels.models import Channel
from someluotsi.core.spreadsheet import csv_number
from someluotsi.metrics.enums import Metric, ValueSource
from someluotsi.metrics.models import MetricValue
from someluotsi.metrics.reports import ReportSpec, report_csv
from tests.factories import ChannelFactory, UserFactory

JUNE = datetime(2026, 6, 30, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.mark.parametrize(
    ("language", "value", "digits", "expected"),
    [
        ("fi", 4165, 0, "4165"),
        ("sv", 4165, 0, "4165"),
        ("en", 4165, 0, "4165"),
        ("fi", Decimal("1234567"), 0, "1234567"),
        ("fi", -12, 0, "-12"),
        ("en", -1200, 0, "-1200"),
        ("fi", Decimal("30.50"), 1, "30,5"),
        ("sv", 30.5, 1, "30,5"),
        ("en", 30.5, 1, "30.5"),
        ("en", 12345.5, 1, "12345.5"),
        ("fi", None, 0, ""),
        ("fi", 7, None, "7"),
        ("sv", 7.5, None, "7,5"),
    ],
)
def test_a_csv_number_has_no_grouping(
    language: str, value: float | None, digits: int | None, expected: str
) -> None:
    with translation.override(language):
        assert csv_number(value, digits) == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_report_csv_writes_plain_numbers(db: None, language: str) -> None:
    channel = ChannelFactory.create(name="Kaupungintalo")
    MetricValue.objects.bulk_create(
        MetricValue(channel=channel, day=date(2026, 6, day), metric=Metric.REACH,
                    value=Decimal("138.9"), source=ValueSource.MANUAL)
        for day in range(1, 31)
    )  # fmt: skip
    spec = ReportSpec(year=2026, month=6, unit=None, language=language)
    with time_machine.travel(JUNE, tick=False):
        text = report_csv(spec, Channel.objects.all())
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    header, line = rows[1], rows[2]
    reach = line[header.index(rows[1][4])]  # Channel; Platform; Followers; Change; Reach
    assert reach == "4167"  # 30 × 138.9, never "4 167"
    for cell in line[2:]:
        assert "\u00a0" not in cell
        assert "\u202f" not in cell
        assert " " not in cell.strip()
    assert not any(cell.startswith("'") for cell in line[2:])


def test_a_plain_get_of_the_report_address_shows_the_report_form(db: None) -> None:
    client = Client()
    client.force_login(UserFactory.create(roles=[Role.MAVI]))
    response = client.get("/metrics/report/")
    assert response.status_code == 302
    assert response["Location"].endswith("/metrics/#report-h")
    page = client.get(response["Location"]).content.decode()
    assert 'action="/metrics/report/"' in page
