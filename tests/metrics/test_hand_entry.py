"""A value or goal typed in by hand: a count (followers, likes, posts, reach) is a whole number,
and a fraction is refused at the field in the user's language (never a server error); watch
hours and goals that are shares, growth rates or hours keep their decimals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.core.errors import ApplicationError
from someluotsi.metrics.models import Goal, MetricValue
from someluotsi.metrics.services import goal_save, metric_value_record
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db

REFUSED = {
    "fi": "Määrä on kokonaisluku",
    "sv": "Ett antal är ett heltal",
    "en": "A count is a whole number",
}


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("metric", ["followers", "reactions", "posts", "new_followers"])
def test_a_fraction_of_a_count_is_refused_in_the_user_s_language(
    client_for: Callable[..., Client], language: str, metric: str
) -> None:
    client = client_for(Role.MAVI, preferred_language=language)
    channel = ChannelFactory.create()
    page = client.post(
        f"/metrics/channel/{channel.pk}/",
        {"action": "value", "day": _yesterday(), "metric": metric, "value": "2.5"},
    )
    assert page.status_code == 200
    assert REFUSED[language] in page.content.decode()
    assert not MetricValue.objects.filter(channel=channel).exists()


def test_a_whole_count_and_fractional_watch_hours_are_recorded(
    client_for: Callable[..., Client],
) -> None:
    client = client_for(Role.MAVI, preferred_language="en")
    channel = ChannelFactory.create()
    for metric, value in (("followers", "1200"), ("watch_hours", "12.5")):
        page = client.post(
            f"/metrics/channel/{channel.pk}/",
            {"action": "value", "day": _yesterday(), "metric": metric, "value": value},
        )
        assert page.status_code == 302, page.content.decode()[:500]
    stored = dict(MetricValue.objects.filter(channel=channel).values_list("metric", "value"))
    assert stored == {"followers": Decimal("1200.00"), "watch_hours": Decimal("12.50")}


@pytest.mark.parametrize(
    ("kind", "target", "kept"),
    [
        ("reach_month", "1500.5", False),
        ("posts_month", "0.5", False),
        ("follower_growth", "2.5", True),
        ("on_time", "92.5", True),
        ("median_response", "1.5", True),
        ("posts_month", "12", True),
    ],
)
def test_a_goal_for_a_count_is_whole_and_a_share_may_have_decimals(
    client_for: Callable[..., Client], kind: str, target: str, kept: bool
) -> None:
    client = client_for(Role.MAVI, preferred_language="sv")
    channel = ChannelFactory.create()
    page = client.post(
        f"/metrics/channel/{channel.pk}/",
        {"action": "goal", "kind": kind, "year": "2026", "target": target},
    )
    assert page.status_code == (302 if kept else 200)
    assert Goal.objects.filter(channel=channel).exists() is kept
    if not kept:
        assert REFUSED["sv"] in page.content.decode()


def test_the_services_refuse_a_fraction_of_a_count_too(make_user: Callable[..., User]) -> None:
    """Called from elsewhere than the form (the API, a script): the same rule."""
    user = make_user(Role.MAVI, preferred_language="en")
    channel = ChannelFactory.create()
    day = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ApplicationError) as refused:
        metric_value_record(actor=user, channel=channel, day=day, metric="views", value="3.25")
    assert refused.value.code == "fractional_count"
    with pytest.raises(ApplicationError):
        goal_save(actor=user, channel=channel, kind="reach_month", year=2026, target="10.5")
    row = metric_value_record(
        actor=user, channel=channel, day=day, metric="watch_hours", value="3.25"
    )
    assert row.value == Decimal("3.25")
