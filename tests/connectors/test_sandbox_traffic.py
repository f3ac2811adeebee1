"""The sandbox platform's simulated citizens: comments posted on the platform and announced with
signed webhooks, landing in the inbox triaged and assigned; the demo connects a channel."""

from __future__ import annotations

import random

import pytest

from someluotsi.connectors.models import SandboxItem
from someluotsi.connectors.sandbox import traffic
from someluotsi.connectors.webhooks import deliver_in_process
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
    assert (
        Message.objects.filter(
            channel=connection.channel, external_id__in=SandboxItem.objects.values("item_id")
        ).count()
        == 3
    )
