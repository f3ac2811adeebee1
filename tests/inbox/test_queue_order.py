"""The work queue puts the most urgent first: overdue messages, then priority, then due time;
every column sorts both ways; priority and the time left are shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from someluotsi.core.timewords import duration_words, time_left_words
from someluotsi.inbox.enums import MessageStatus, Priority
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import QUEUE_SORTS, QueueFilters, message_queue, queue_counts
from tests.inbox.conftest import TUESDAY_10, World


def _make(world: World, name: str, *, priority: str, due_in_hours: float | None) -> Message:
    message = world.ingest(f"Viesti {name}", external_id=name)
    due = None if due_in_hours is None else TUESDAY_10 + timedelta(hours=due_in_hours)
    Message.objects.filter(pk=message.pk).update(priority=priority, due_at=due)
    return message


@pytest.fixture
def mixed(world: World) -> World:
    _make(world, "low-late", priority=Priority.LOW, due_in_hours=-5)
    _make(world, "urgent-soon", priority=Priority.URGENT, due_in_hours=1)
    _make(world, "normal-soon", priority=Priority.NORMAL, due_in_hours=2)
    _make(world, "high-late", priority=Priority.HIGH, due_in_hours=-1)
    _make(world, "normal-later", priority=Priority.NORMAL, due_in_hours=8)
    _make(world, "normal-none", priority=Priority.NORMAL, due_in_hours=None)
    answered = _make(world, "answered", priority=Priority.URGENT, due_in_hours=-9)
    Message.objects.filter(pk=answered.pk).update(status=MessageStatus.ANSWERED)
    # Variety for the other columns: two channels, three categories, two assignees. The
    # factory draws names at random, so the two assignees are given different ones here.
    type(world.backup).objects.filter(pk=world.backup.pk).update(first_name="Aino", last_name="Aho")
    type(world.updater).objects.filter(pk=world.updater.pk).update(
        first_name="Ville", last_name="Virta"
    )
    Message.objects.filter(external_id__in=["low-late", "normal-soon"]).update(
        channel=world.other_channel, category="question", assignee=world.backup
    )
    Message.objects.filter(external_id__in=["urgent-soon", "answered"]).update(
        category="threat", assignee=world.updater
    )
    for index, message in enumerate(Message.objects.order_by("pk")):
        Message.objects.filter(pk=message.pk).update(
            received_at=TUESDAY_10 - timedelta(hours=index)
        )
    return world


# What each sort key orders by, read back from a message.
SORT_VALUES: dict[str, Callable[[Any], object]] = {
    "priority": lambda m: m.priority_rank,
    "due": lambda m: m.due_at.timestamp(),
    "received": lambda m: m.received_at.timestamp(),
    "channel": lambda m: m.channel.name,
    "category": lambda m: m.category_rank,
    "status": lambda m: m.status_rank,
    "assignee": lambda m: (m.assignee.first_name, m.assignee.last_name),
}


def _ids(world: World, **filters: object) -> list[str]:
    queue = message_queue(user=world.mavi, filters=QueueFilters(**filters), now=TUESDAY_10)  # type: ignore[arg-type]
    return [message.external_id for message in queue]


def test_default_order_is_overdue_first_then_priority_then_due_time(mixed: World) -> None:
    assert _ids(mixed) == [
        "high-late",
        "low-late",
        "urgent-soon",
        "normal-soon",
        "normal-later",
        "normal-none",
        "answered",  # handled messages after every open one, however urgent they were
    ]


def test_open_filter_keeps_the_urgency_order(mixed: World) -> None:
    assert _ids(mixed, status="open")[:3] == ["high-late", "low-late", "urgent-soon"]


@pytest.mark.parametrize("key", sorted(k for k in QUEUE_SORTS if k))
def test_every_column_sorts_both_ways(mixed: World, key: str) -> None:
    assert set(SORT_VALUES) == {k for k in QUEUE_SORTS if k}
    value = SORT_VALUES[key]
    for sort, descending in ((key, False), (f"-{key}", True)):
        queue = message_queue(user=mixed.mavi, filters=QueueFilters(sort=sort), now=TUESDAY_10)
        values = [value(m) for m in queue if m.due_at and m.assignee]  # missing ones sort last
        assert len(set(values)) > 1
        assert values == sorted(values, reverse=descending), sort  # type: ignore[type-var]
        assert len(queue) == Message.objects.count()


def test_due_order_puts_messages_without_a_due_time_last_both_ways(mixed: World) -> None:
    assert _ids(mixed, sort="due")[-1] == "normal-none"
    assert _ids(mixed, sort="-due")[-1] == "normal-none"
    assert _ids(mixed, sort="due")[0] == "answered"


def test_priority_order(mixed: World) -> None:
    order = _ids(mixed, sort="priority")
    assert order.index("urgent-soon") < order.index("high-late") < order.index("normal-soon")
    assert order[-1] == "low-late"


def test_unknown_sort_falls_back_to_urgency(mixed: World) -> None:
    assert _ids(mixed, sort="-text;drop") == _ids(mixed)


@time_machine.travel(TUESDAY_10, tick=False)
def test_queue_page_shows_priority_and_time_left_and_links_each_column(mixed: World) -> None:
    client = Client()
    client.force_login(mixed.mavi)
    client.cookies["someluotsi_language"] = "en"
    page = client.get("/inbox/").content.decode()
    rows = page.split("<tbody>")[1]
    assert rows.index("Viesti high-late") < rows.index("Viesti urgent-soon")
    assert "overdue by 1 h" in rows
    assert "1 h left" in rows
    assert ">Urgent<" in rows
    assert ">Low<" in rows
    for key in ("priority", "due", "category", "channel", "status", "assignee", "received"):
        assert f'href="?sort={key}"' in page
    sorted_page = client.get("/inbox/?status=open&sort=priority").content.decode()
    assert 'aria-sort="ascending"' in sorted_page
    assert "sort=-priority" in sorted_page  # the same heading now reverses the order
    rows = sorted_page.split("<tbody>")[1]
    assert rows.index("Viesti urgent-soon") < rows.index("Viesti high-late")


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0.5, "under a minute"),
        (1, "1 min"),
        (59, "59 min"),
        (60, "1 h"),
        (135, "2 h 15 min"),
        (24 * 60, "1 d"),
        (27 * 60 + 59, "1 d 3 h"),
    ],
)
def test_duration_words(minutes: float, words: str) -> None:
    with translation.override("en"):
        assert duration_words(timedelta(minutes=minutes)) == words
        assert duration_words(-timedelta(minutes=minutes)) == words


def test_time_left_words_in_three_languages() -> None:
    expected = {
        "fi": ("2 t 15 min jäljellä", "myöhässä 1 vrk 3 t"),
        "sv": ("2 h 15 min kvar", "försenat med 1 d 3 h"),
        "en": ("2 h 15 min left", "overdue by 1 d 3 h"),
    }
    for language, (left, late) in expected.items():
        with translation.override(language):
            assert time_left_words(TUESDAY_10 + timedelta(minutes=135), TUESDAY_10) == left
            assert time_left_words(TUESDAY_10 - timedelta(hours=27), TUESDAY_10) == late


def test_the_summary_counts_what_its_labels_say_and_escalated_threats_are_not_lost(
    mixed: World,
) -> None:
    """Escalated threats are not open in the queue any more, but they are still waiting: the
    summary shows them beside the open threats, and each figure's link lists exactly them."""
    escalated = _make(mixed, "escalated", priority=Priority.URGENT, due_in_hours=None)
    Message.objects.filter(pk=escalated.pk).update(
        status=MessageStatus.ESCALATED, category="threat"
    )
    closed = _make(mixed, "closed-threat", priority=Priority.URGENT, due_in_hours=None)
    Message.objects.filter(pk=closed.pk).update(status=MessageStatus.CLOSED, category="threat")
    counts = queue_counts(user=mixed.mavi, now=TUESDAY_10)
    # Threats: the open one and the escalated one; neither the answered nor the closed one.
    assert counts == {"open": 6, "overdue": 2, "mine": 0, "threats": 2, "escalated": 1}
    assert len(_ids(mixed, status="escalated")) == counts["escalated"]
    assert sorted(_ids(mixed, status="waiting", category="threat")) == [
        "escalated",
        "urgent-soon",
    ]
    client = Client()
    client.force_login(mixed.mavi)
    client.cookies["someluotsi_language"] = "en"
    page = client.get("/inbox/").content.decode()
    assert '<a href="?status=escalated"><strong>1</strong> escalated</a>' in page
    # The threats tile links to exactly what it counts; a plain category link lists the same.
    assert '<a href="?status=waiting&amp;category=threat"><strong>2</strong> threats</a>' in page
    for query in ("?status=waiting&category=threat", "?category=threat"):
        listed = client.get("/inbox/" + query).content.decode()
        assert f'href="/inbox/{escalated.pk}/"' in listed, query
        assert f'href="/inbox/{closed.pk}/"' not in listed, query
