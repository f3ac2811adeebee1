"""A channel's metrics page answers every post with what happened: an unknown action, a goal
removal that names no goal of the channel (`goal=abc`, a goal that is gone) and a goal form
with errors each get a visible message, where the page used to come back unchanged in
silence."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from someluotsi.accounts.enums import Role
from someluotsi.metrics.models import Goal
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db


def _words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "launch"}, "Unknown action."),
        ({"goal": "abc"}, "Unknown action."),
        (
            {"action": "remove_goal", "goal": "abc"},
            "This channel has no such goal: it may have been removed already. Nothing was changed.",
        ),
        (
            {"action": "remove_goal", "goal": "999999"},
            "This channel has no such goal: it may have been removed already. Nothing was changed.",
        ),
        ({"action": "goal", "goal": "abc"}, "Check the highlighted fields."),
    ],
)
def test_a_post_the_page_cannot_act_on_gets_a_message(
    client_for: Callable[..., Client], language: str, data: dict[str, str], message: str
) -> None:
    client = client_for(Role.MAVI, preferred_language=language)
    channel = ChannelFactory.create()
    goal = Goal.objects.create(
        channel=channel, kind="reach_month", year=timezone.localdate().year, target=Decimal(1000)
    )
    response = client.post(f"/metrics/channel/{channel.pk}/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="message message-error"' in page
    assert _words(language, message) in page
    assert Goal.objects.filter(pk=goal.pk).exists()
    if data.get("action") == "goal":
        assert "<details open><summary>" in page  # the goal form's errors are in sight


def test_a_goal_is_still_removed(client_for: Callable[..., Client]) -> None:
    client = client_for(Role.MAVI)
    channel = ChannelFactory.create()
    goal = Goal.objects.create(
        channel=channel, kind="reach_month", year=timezone.localdate().year, target=Decimal(1000)
    )
    response = client.post(
        f"/metrics/channel/{channel.pk}/", {"action": "remove_goal", "goal": str(goal.pk)}
    )
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
