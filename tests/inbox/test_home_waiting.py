"""Each role's home page says what waits for them, with counts and links, from one selector per
kind; a line never counts what its link would not show."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from someluotsi.accounts.models import User
from someluotsi.core.waiting import Waiting, waiting_for, waiting_kinds, waiting_register
from someluotsi.inbox.escalations import escalation_acknowledge
from someluotsi.inbox.models import Escalation, Message
from tests.inbox.conftest import TUESDAY_10, World


def _lines(user: User) -> dict[str, Waiting]:
    with translation.override("en"):
        return {line.kind: line for line in waiting_for(user=user)}


def test_every_app_registers_its_kinds() -> None:
    assert {
        "inbox.escalations",
        "inbox.overdue",
        "inbox.assigned",
        "inbox.unassigned",
        "channels.decisions",
        "channels.health",
        "incidents.alerts",
        "incidents.open",
        "notifications.unread",
    } <= set(waiting_kinds())


@time_machine.travel(TUESDAY_10 + timedelta(days=3), tick=False)
def test_threat_escalation_waits_for_the_supervisor_until_acknowledged(world: World) -> None:
    world.ingest("Ammun sinut, kirjastonhoitaja.")
    escalation = Escalation.objects.get()
    line = _lines(world.supervisor)["inbox.escalations"]
    assert line.count == 1
    assert line.urgent
    assert line.text == "1 escalation to acknowledge"
    client = Client()
    client.force_login(world.supervisor)
    listed = client.get(line.url).content.decode()
    assert f"/inbox/escalations/{escalation.pk}/" in listed
    escalation_acknowledge(actor=world.supervisor, escalation=escalation)
    assert "inbox.escalations" not in _lines(world.supervisor)
    assert f"/inbox/escalations/{escalation.pk}/" not in client.get(line.url).content.decode()


@time_machine.travel(TUESDAY_10 + timedelta(days=3), tick=False)
def test_updater_sees_overdue_and_assigned_messages_of_their_channel_only(world: World) -> None:
    world.ingest("Milloin kirjasto aukeaa?")
    world.ingest("Onko sali auki?", channel=world.other_channel)
    mine = _lines(world.updater)
    assert mine["inbox.overdue"].count == 1
    assert mine["inbox.overdue"].urgent
    assert mine["inbox.assigned"].count == 1
    assert mine["inbox.assigned"].text == "1 message assigned to you"
    # The backup updater answers the same channel: the message is overdue for them too, but
    # not theirs.
    backup = _lines(world.backup)
    assert backup["inbox.overdue"].count == 1
    assert "inbox.assigned" not in backup
    # The other channel's updater sees that channel's overdue message, not this one's.
    assert _lines(world.outsider)["inbox.overdue"].count == 1


def test_unassigned_messages_wait_for_the_channels_answerers(world: World) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?", received_at=TUESDAY_10)
    Message.objects.filter(pk=message.pk).update(assignee=None)
    assert _lines(world.updater)["inbox.unassigned"].count == 1
    assert "inbox.unassigned" not in _lines(world.supervisor)


def test_nothing_waiting_says_so_on_the_page(world: World) -> None:
    client = Client()
    client.force_login(world.safety)
    client.cookies["someluotsi_language"] = "en"
    page = client.get("/").content.decode()
    assert "Nothing waits for you right now." in page


def test_home_page_lists_the_lines_with_links(world: World) -> None:
    with time_machine.travel(TUESDAY_10 + timedelta(days=3), tick=False):
        world.ingest("Milloin kirjasto aukeaa?")
        client = Client()
        client.force_login(world.updater)
        client.cookies["someluotsi_language"] = "fi"
        page = client.get("/").content.decode()
    assert "Odottaa sinua" in page
    assert '<a href="/inbox/?status=open&amp;overdue=on">1 myöhässä oleva viesti</a>' in page
    assert "1 sinulle osoitettu viesti" in page


@pytest.fixture
def extra_kinds() -> Iterator[Callable[[str, Waiting], None]]:
    """Register made-up kinds for a test and remove them afterwards."""
    from someluotsi.core import waiting

    added: list[str] = []

    def add(kind: str, line: Waiting) -> None:
        waiting_register(kind, lambda user: line)
        added.append(kind)

    yield add
    for kind in added:
        waiting._SELECTORS.pop(kind)


def test_a_new_kind_is_listed_by_registering_one_selector(
    world: World, extra_kinds: Callable[[str, Waiting], None]
) -> None:
    extra_kinds("x.review", Waiting("x.review", 2, "2 things to review", "/x/"))
    assert "x.review" in [line.kind for line in waiting_for(user=world.mavi)]


def test_urgent_lines_come_first_then_by_order_and_empty_ones_are_left_out(
    world: World, extra_kinds: Callable[[str, Waiting], None]
) -> None:
    extra_kinds("x.first", Waiting("x.first", 1, "", "", order=0))
    extra_kinds("x.urgent", Waiting("x.urgent", 1, "", "", urgent=True, order=999))
    extra_kinds("x.empty", Waiting("x.empty", 0, "", "", urgent=True, order=0))
    kinds = [line.kind for line in waiting_for(user=world.safety)]
    assert kinds.index("x.urgent") < kinds.index("x.first")
    assert "x.empty" not in kinds


pytestmark = pytest.mark.django_db


@time_machine.travel(TUESDAY_10 + timedelta(days=3), tick=False)
def test_no_line_links_to_a_page_the_person_cannot_open(world: World) -> None:
    """A supervisor who also maintains a channel works it as its updater (§8.4, §12.2): the
    register's health line is theirs too, and every line's link opens for them; a supervisor
    who maintains nothing gets no health line."""
    from tests.factories import add_maintainer

    world.ingest("Milloin kirjasto aukeaa?")  # overdue now: the channel needs attention
    assert "channels.health" not in _lines(world.supervisor)
    add_maintainer(world.channel, world.supervisor)
    world.supervisor = User.objects.get(pk=world.supervisor.pk)  # no cached duty
    assert _lines(world.manager)["channels.health"].count == 1
    assert _lines(world.updater)["channels.health"].count == 1
    lines = _lines(world.supervisor)
    assert lines["channels.health"].count == 1
    client = Client()
    client.force_login(world.supervisor)
    for line in lines.values():
        assert client.get(line.url).status_code == 200, line.url


def test_publishing_and_connectors_add_their_lines() -> None:
    assert {"publishing.review", "publishing.clearances", "connectors.expiring"} <= set(
        waiting_kinds()
    )


def test_an_expiring_platform_connection_waits_for_those_who_run_the_channel(
    world: World,
) -> None:
    from django.utils import timezone

    from someluotsi.connectors.models import Connection

    Connection.objects.create(
        channel=world.channel,
        platform="sandbox",
        account_id="kirjasto",
        status="active",
        refresh_expires_at=timezone.now() + timedelta(days=3),
    )
    line = _lines(world.updater)["connectors.expiring"]
    assert line.count == 1
    assert not line.urgent
    assert line.url == f"/channels/{world.channel.pk}/"
    assert "connectors.expiring" not in _lines(world.outsider)
    Connection.objects.update(status="revoked")
    assert _lines(world.manager)["connectors.expiring"].urgent
