"""Percentages and dates follow the reader's language (fi/sv/en): never the Finnish "65 %" or
"pe 11.12." in English. Every template and view writes them through one helper (core.charts:
percent_text, weekday_label, month_label, clock_label; the `percent` and `weekday_day`
filters of `{% load ui %}`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from someluotsi.accounts.enums import Role
from someluotsi.core.charts import clock_label, month_label, percent_text, weekday_label

TEMPLATES = Path(__file__).resolve().parents[2] / "someluotsi" / "templates"
DAY = date(2026, 12, 11)  # a Friday

PERCENTS = {
    "fi": ("65\u00a0%", "33,3\u00a0%"),
    "sv": ("65\u00a0%", "33,3\u00a0%"),
    "en": ("65%", "33.3%"),
}
WEEKDAYS = {
    "fi": ("pe 11.12.", "perjantai 11.12."),
    "sv": ("fre 11/12", "fredag 11/12"),
    "en": ("Fri 11 Dec", "Friday 11 Dec"),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_percentage_is_written_the_readers_way(language: str) -> None:
    with translation.override(language):
        assert (percent_text(65), percent_text(33.3, 1)) == PERCENTS[language]
        assert percent_text(None) == "–"
        rendered = Template("{% load ui %}{{ a|percent }}|{{ b|percent:1 }}").render(
            Context({"a": 65, "b": 33.3})
        )
    assert rendered == "|".join(PERCENTS[language])


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_day_with_its_weekday_is_written_the_readers_way(language: str) -> None:
    with translation.override(language):
        assert (weekday_label(DAY), weekday_label(DAY, long=True)) == WEEKDAYS[language]
        rendered = Template('{% load ui %}{{ d|weekday_day }}|{{ d|weekday_day:"long" }}').render(
            Context({"d": DAY})
        )
    assert rendered == "|".join(WEEKDAYS[language])


def test_months_and_clock_times_follow_the_readers_language() -> None:
    labels = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            labels[language] = (month_label(DAY), clock_label(time(14, 5)))
    assert labels == {
        "fi": ("12/2026", "14.05"),
        "sv": ("12/2026", "14:05"),
        "en": ("Dec 2026", "14:05"),
    }
    with translation.override("en"):
        assert clock_label(datetime(2026, 12, 11, 9, 30, tzinfo=UTC)) == "09:30"


# "{{ x }} %" (a percent sign written after a figure by hand, not an SVG attribute's
# geometry x="{{ x }}%") and date formats with a hard-coded day order ("j.n.", "d.m.Y", "j/n")
# outside the helpers.
HAND_PERCENT = re.compile(r"""\}\}\s*%(?![}"'])""")
HAND_DATE = re.compile(r"""\|date:["'][^"']*[jdnm][./][^"']*["']""")


def test_no_template_writes_a_percentage_or_a_day_order_by_hand() -> None:
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (HAND_PERCENT, HAND_DATE):
            found = pattern.finditer(text)
            offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in found]
    assert offenders == []


def test_no_view_formats_a_day_or_a_clock_time_with_strftime() -> None:
    """Python code writes a shown date through Django's formats (date_format with a
    *_FORMAT name) or core.charts; strftime is for file names and platform APIs only."""
    root = TEMPLATES.parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if "guideline" in path.parts or "migrations" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"""strftime\(["']%[dHj]""", line):
                offenders.append(f"{path.relative_to(root)}: {line.strip()}")
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_calendar_weeks_day_headings_follow_the_language(
    client_for: Callable[..., Client], language: str
) -> None:
    client = client_for(Role.MAVI, preferred_language=language)
    page = client.get(
        reverse("publishing:calendar_view", args=["week"]), {"day": DAY.isoformat()}
    ).content.decode()
    assert WEEKDAYS[language][1] in page
    month = client.get(
        reverse("publishing:calendar_view", args=["month"]), {"day": DAY.isoformat()}
    ).content.decode()
    assert WEEKDAYS[language][0] in month
