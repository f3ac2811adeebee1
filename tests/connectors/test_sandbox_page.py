"""The sandbox platform's page shows citizens' comments and their authors only under the inbox
rule: the whole thread to those who work the connected channel, the escalated comment to its
addressees, counts to everyone else, and a 404 for a comment they may not read. Each reading is
audited with the messages behind the comments."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.audit.models import AuditEvent, AuditSubject
from someluotsi.connectors.enums import ActionKind, ActionStatus
from someluotsi.connectors.models import OutboundAction
from tests.urlcatalogue import World, build_world

ADDRESS = "198.51.100.7"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _page(world: World, role: Role | None, item_id: str) -> tuple[int, str]:
    client = Client(REMOTE_ADDR=ADDRESS)
    if role is not None:
        client.force_login(world.user(role))
    response = client.get(reverse("connectors:sandbox_item", args=[item_id]))
    return response.status_code, response.content.decode()


def _markers(world: World, *messages: object) -> set[str]:
    return {m for message in messages for m in world.markers[message.pk]}  # type: ignore[attr-defined]


def _shown(world: World, html: str) -> set[str]:
    return {m for ms in world.markers.values() for m in ms if m in html}


@pytest.mark.parametrize("role", [Role.UNIT_MANAGER, Role.EMPLOYEE, Role.AUDITOR])
def test_who_may_not_read_the_channel_gets_a_404_for_a_comment_and_counts_on_the_post(
    world: World, role: Role
) -> None:
    comment = world.extra["sandbox"][str(world.message.pk)]
    assert _page(world, role, comment)[0] == 404
    status, html = _page(world, role, world.extra["sandbox"]["post"])
    assert status == 200
    assert "Kirjaston syysohjelma" in html  # the city's own post is public on the platform
    assert _shown(world, html) == set()
    note = re.search(r'id="sandbox-hidden">\s*(\d+)', html)
    assert note is not None
    assert note.group(1) == "2"  # the question and the threat, counted, not shown
    assert not AuditEvent.objects.filter(action="sandbox_item.viewed").exists()


def test_the_addressee_of_an_escalation_reads_that_comment_only(world: World) -> None:
    status, html = _page(world, Role.SUPERVISOR, world.extra["sandbox"][str(world.threat.pk)])
    assert status == 200
    assert _shown(world, html) == _markers(world, world.threat)
    assert _page(world, Role.SUPERVISOR, world.extra["sandbox"][str(world.message.pk)])[0] == 404


def test_the_channels_updater_reads_the_thread_and_not_another_units(world: World) -> None:
    status, html = _page(world, Role.UPDATER, world.extra["sandbox"]["post"])
    assert status == 200
    assert _shown(world, html) == _markers(world, world.message, world.threat)
    other = world.extra["other_sandbox"][str(world.other_message.pk)]
    assert _page(world, Role.UPDATER, other)[0] == 404


def test_every_reading_is_audited_with_the_messages_behind_the_comments(world: World) -> None:
    status, _html = _page(world, Role.MAVI, world.extra["sandbox"]["post"])
    assert status == 200
    event = AuditEvent.objects.get(action="sandbox_item.viewed")
    assert event.ip_address == ADDRESS
    assert event.actor == world.user(Role.MAVI)
    assert event.data["ids"] == sorted([world.message.pk, world.threat.pk])
    subjects = set(
        AuditSubject.objects.filter(event=event, subject_type="inbox.message").values_list(
            "subject_id", flat=True
        )
    )
    assert subjects == {str(world.message.pk), str(world.threat.pk)}


def test_anonymous_visitors_are_sent_to_sign_in(world: World) -> None:
    status, _html = _page(world, None, world.extra["sandbox"]["post"])
    assert status == 302


def test_the_message_page_links_the_platform_copy_only_for_readers(world: World) -> None:
    reply_id = world.extra["sandbox"][str(world.message.pk)]
    OutboundAction.objects.create(
        idempotency_key="matrix-reply", channel=world.channel, message=world.message,
        kind=ActionKind.REPLY, status=ActionStatus.DONE, text="Kiitos!", done_at=timezone.now(),
        platform_id=reply_id, permalink=f"https://sandbox.example/items/{reply_id}/",
    )  # fmt: skip
    detail = reverse("inbox:detail", args=[world.message.pk])
    for role, linked in [(Role.UPDATER, True), (Role.UNIT_MANAGER, False)]:
        client = Client()
        client.force_login(world.user(role))
        response = client.get(detail)
        assert response.status_code == 200
        assert (f"https://sandbox.example/items/{reply_id}/" in response.content.decode()) is linked
