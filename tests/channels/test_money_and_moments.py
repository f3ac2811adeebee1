"""Money and moments are written one way per language (core.money, core.times).

"1200.00 €" in English and "1200,00 €" in Finnish (no thousands separator) on a channel's
page and in the mavi team's notification; Swedish pages mixed "2026-11-03 09:10" with
"3.12.2026 kl. 09.19.58"."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation

from someluotsi.channels.campaigns import CampaignDraft, campaign_register
from someluotsi.core.money import euros
from someluotsi.core.times import moment_text
from someluotsi.notifications.models import Notification
from tests.channels.conftest import City

NB = "\u00a0"

MILLION = f"1{NB}234{NB}567,89{NB}€"
MONEY = [
    # (amount, fi, sv, en)
    (Decimal("1200"), f"1{NB}200,00{NB}€", f"1{NB}200,00{NB}€", "€1,200.00"),
    (Decimal("450.5"), f"450,50{NB}€", f"450,50{NB}€", "€450.50"),
    (Decimal("0.05"), f"0,05{NB}€", f"0,05{NB}€", "€0.05"),
    (
        Decimal("1234567.89"),
        f"1{NB}234{NB}567,89{NB}€",
        f"1{NB}234{NB}567,89{NB}€",
        "€1,234,567.89",
    ),
    (Decimal("-12.5"), f"-12,50{NB}€", f"-12,50{NB}€", "-€12.50"),
    ("1200.00", f"1{NB}200,00{NB}€", f"1{NB}200,00{NB}€", "€1,200.00"),  # an audit record's text
    (None, "–", "–", "–"),
    ("–", "–", "–", "–"),
]


@pytest.mark.parametrize(("amount", "fi", "sv", "en"), MONEY)
def test_one_money_formatter_by_language(amount: object, fi: str, sv: str, en: str) -> None:
    for language, expected in (("fi", fi), ("sv", sv), ("en", en)):
        with translation.override(language):
            assert euros(amount) == expected  # type: ignore[arg-type]
            rendered = Template("{% load ui %}{{ v|euros }}").render(Context({"v": amount}))
            assert rendered == expected


MOMENT = datetime(2026, 11, 3, 9, 10, 58, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.mark.parametrize(
    ("language", "short", "full"),
    [
        ("fi", "3.11.2026 klo 09.10", "3.11.2026 klo 09.10.58"),
        ("sv", "3.11.2026 kl. 09.10", "3.11.2026 kl. 09.10.58"),
        ("en", "3 November 2026 at 09:10", "3 November 2026 at 09:10:58"),
    ],
)
def test_one_moment_helper_by_language(language: str, short: str, full: str) -> None:
    """To the minute on lists and to the second in documents: the same day and clock style."""
    with translation.override(language):
        assert moment_text(MOMENT, seconds=False) == short
        assert moment_text(MOMENT) == full
        template = Template("{% load moments %}{{ v|moment_short }}|{{ v|moment }}")
        assert template.render(Context({"v": MOMENT})) == f"{short}|{full}"


@pytest.mark.parametrize(
    ("language", "day"), [("fi", "3.11.2026"), ("sv", "3.11.2026"), ("en", "3 Nov 2026")]
)
def test_a_short_date_is_written_as_the_moments_day(language: str, day: str) -> None:
    """Swedish as written in Finland: "3.11.2026", not Sweden's ISO "2026-11-03"."""
    with translation.override(language):
        rendered = Template('{{ v|date:"SHORT_DATE_FORMAT" }}').render(Context({"v": MOMENT}))
        assert rendered == day


def _register(city: City, budget: str) -> int:
    today = timezone.localdate()
    draft = CampaignDraft(
        channel=city.library_ig,
        purpose="Reading challenge week",
        target_group="Families with children in Kokkola",
        budget_eur=budget,
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=21),
        decided_by_name="Kari Nieminen, library director",
        decided_at=timezone.now() - timedelta(days=2),
    )
    return campaign_register(actor=city.requester, draft=draft).pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sum_text", "not_there"),
    [
        ("fi", f"1{NB}200,00{NB}€", ["1200,00", "1200.00", "-"]),
        ("sv", f"1{NB}200,00{NB}€", ["1200,00", "1200.00", "-"]),
        ("en", "€1,200.00", ["1200.00 €", "1200,00"]),
    ],
)
def test_pages_and_notifications_write_the_sum_one_way(
    city: City, language: str, sum_text: str, not_there: list[str]
) -> None:
    _register(city, "1200")
    notification = Notification.objects.filter(recipient=city.mavi).get()
    # A subject is one plain line (an e-mail header): its no-break spaces are plain ones.
    worded_subject = notification.wordings[language][0]
    assert worded_subject.endswith(sum_text.replace(NB, " ")), worded_subject
    city.mavi.preferred_language = language
    city.mavi.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(city.mavi)
    for url in (f"/channels/{city.library_ig.pk}/", "/channels/campaigns/"):
        page = client.get(url).content.decode()
        assert sum_text in page, url
        for wrong in not_there[:2]:
            assert wrong not in page, (url, wrong)


@pytest.mark.django_db
def test_swedish_campaign_pages_write_no_iso_moments(city: City) -> None:
    """The decision time on /channels/campaigns/ as on the audit pages: "… kl. 09.10"."""
    _register(city, "450")
    city.mavi.preferred_language = "sv"
    city.mavi.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(city.mavi)
    page = client.get("/channels/campaigns/").content.decode()
    decided = timezone.localtime(timezone.now() - timedelta(days=2))
    assert f"{decided:%Y-%m-%d}" not in page
    assert f"{decided.day}.{decided.month}.{decided.year} kl. " in page
