"""The sandbox platform's simulated citizens: comments posted on the platform and announced with
signed webhooks, landing in the inbox triaged and assigned; the demo connects a channel."""

from __future__ import annotations

import random

import pytest

from someluotsi.connectors.models import SandboxItem
from someluotsi.connectors.sandbox import traffic
from someluotsi.connectors.webhooks import deliver_in_process
from someluotsi.guideline.evaluation.traffic import CITY_CHANNELS
from someluotsi.guideline.storms.detector import Event
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_traffic_fills_the_inbox_through_signed_webhooks(world: World) -> None:
    world.connect_sandbox()
    waits: list[float] = []
    posted = list(traffic.run(send=deliver_in_process, limit=8, speed=3600, sleep=waits.append))
    assert len(posted) == 8
    messages = Message.objects.filter(external_id__in=[c.item_id for c in posted])
    assert messages.count() == 8
    assert all(m.assignee_id in {world.updater.pk, world.backup.pk} for m in messages)
    assert all(m.permalink for m in messages)
    assert SandboxItem.objects.filter(kind="post").count() == 3


def test_threat_events_get_threat_texts_that_triage_as_threats() -> None:
    from someluotsi.guideline.messages.triage import triage

    rng = random.Random(1)
    from datetime import UTC, datetime

    for _ in range(10):
        text = traffic.comment_text(rng, Event(at=datetime.now(UTC), threat=True, negative=True))
        assert triage(text).category.value == "threat", text


def test_the_demo_connects_the_city_page_to_the_sandbox() -> None:
    from django.core.management import call_command
    from django.test import override_settings

    from someluotsi.connectors.models import Connection

    with override_settings(DEBUG=True):
        call_command("load_demo", verbosity=0)
        call_command("load_demo", verbosity=0)  # twice: nothing duplicated
    connection = Connection.objects.get()
    assert connection.platform == "sandbox"
    on_platform = Message.objects.filter(
        channel=connection.channel, external_id__in=SandboxItem.objects.values("item_id")
    )
    # Every message of the connected page is a comment on the sandbox (the seeded thread's 3,
    # the demo inbox's and the storm's), so the page's live actions find their targets.
    assert on_platform.count() == Message.objects.filter(channel=connection.channel).count()
    assert on_platform.count() > 3


def test_traffic_waits_while_the_cap_of_open_sandbox_messages_is_reached(world: World) -> None:
    """The demo inbox is not buried: nothing is added while `max_open` messages are open."""
    world.connect_sandbox()
    waits: list[float] = []
    counts = iter([5, 5, 4, 0, 0, 0])
    posted = list(
        traffic.run(
            send=deliver_in_process, limit=2, speed=3600, max_open=5, sleep=waits.append,
            open_count=lambda: next(counts),
        )
    )  # fmt: skip
    assert len(posted) == 2
    assert waits.count(traffic.OPEN_CHECK_SECONDS) == 2  # two checks found the cap reached
    assert (
        traffic.open_sandbox_messages()
        == Message.objects.filter(
            external_id__in=[c.item_id for c in posted], status__in=["new", "assigned"]
        ).count()
    )


def test_the_default_rate_is_a_few_comments_a_minute() -> None:
    """A demo left running adds at most a couple of messages a minute to its sandbox channel
    (the plan's delays are real seconds)."""
    accounts = ["a"]
    items = traffic.plan(
        accounts=accounts, seed=7, speed=traffic.DEFAULT_SPEED, hours=24,
        profile=CITY_CHANNELS[0],
    )  # fmt: skip
    per_minute = len(items) / (24 * 3600 / traffic.DEFAULT_SPEED / 60)
    assert 0 < per_minute <= 2, per_minute
