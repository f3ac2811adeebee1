"""The sandbox platform end to end in-process: signed webhook → triaged, assigned message;
reply, hide and delete from the message page land on the platform side."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from django.test import Client

from someluotsi.connectors.models import InboundItem, OutboundAction, SandboxItem
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World, sandbox_event_body, signed_sandbox_post

# Real commits: the backfill and the platform actions are queued with transaction.on_commit.
pytestmark = pytest.mark.django_db(transaction=True)


def _deliver(client: Client, item: SandboxItem) -> None:
    response = signed_sandbox_post(client, sandbox_event_body(item.account_id, item.item_id))
    assert response.status_code == 200, response.content


def test_signed_webhook_becomes_a_triaged_assigned_message(
    world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment("Milloin Isokadun katuvalo korjataan?")
    _deliver(Client(), comment)
    message = Message.objects.get(external_id=comment.item_id)
    assert message.channel == world.channel
    assert message.category == "question"
    assert message.assignee in {world.updater, world.backup}
    assert message.status == "assigned"
    assert message.permalink.endswith(f"/connectors/sandbox/items/{comment.item_id}/")
    assert message.parent_external_id == comment.thread_id
    assert InboundItem.objects.get(external_id=comment.item_id).message == message


def test_a_first_connection_backfills_history(
    world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    older = citizen_comment("Kiitos hyvästä tiedotteesta!")
    world.connect_sandbox()  # the backfill poll runs after commit (eager here)
    assert Message.objects.filter(external_id=older.item_id).exists()


def test_duplicate_deliveries_create_one_message(
    world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment()
    from django.core.cache import cache

    client = Client()
    for n in range(50):
        if n % 2:
            cache.clear()  # past the repeat window: the task's de-duplication decides
        _deliver(client, comment)
    assert Message.objects.filter(external_id=comment.item_id).count() == 1


def test_a_threat_is_escalated_with_the_permalink_in_the_evidence(
    world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment("Tapan sinut kun tulet töistä, tiedän missä asut.")
    _deliver(Client(), comment)
    message = Message.objects.get(external_id=comment.item_id)
    assert message.category == "threat"
    escalation = message.escalations.get()
    assert comment.item_id in json.dumps(escalation.evidence)
    assert f"/connectors/sandbox/items/{comment.item_id}/" in json.dumps(escalation.evidence)


def _page_act(client: Client, message: Message, action: str, **extra: str) -> None:
    response = client.post(
        f"/connectors/messages/{message.pk}/act", {"action": action, "key": "k-" + action, **extra}
    )
    assert response.status_code == 302


@pytest.fixture
def connected_message(world: World, citizen_comment: Callable[..., SandboxItem]) -> Message:
    world.connect_sandbox()
    comment = citizen_comment("Milloin uimahalli aukeaa taas?")
    _deliver(Client(), comment)
    return Message.objects.get(external_id=comment.item_id)


def test_reply_from_the_page_lands_once_on_the_platform(
    world: World, connected_message: Message
) -> None:
    client = Client()
    client.force_login(world.updater)
    reply = "Uimahalli aukeaa maanantaina klo 6. Tervetuloa!"
    _page_act(client, connected_message, "reply", reply=reply)
    _page_act(client, connected_message, "reply", reply=reply)  # a double submit
    replies = SandboxItem.objects.filter(parent_id=connected_message.external_id)
    assert [(r.text, r.from_account) for r in replies] == [(reply, True)]
    action = OutboundAction.objects.get(message=connected_message)
    assert action.status == "done"
    assert action.platform_id == replies[0].item_id
    connected_message.refresh_from_db()
    assert connected_message.status == "answered"
    assert connected_message.reply_text == reply
    page = client.get(f"/inbox/{connected_message.pk}/")
    assert replies[0].item_id in page.content.decode()


def test_hide_unhide_and_delete_land_on_the_platform(
    world: World, connected_message: Message
) -> None:
    client = Client()
    client.force_login(world.updater)
    item = SandboxItem.objects.get(item_id=connected_message.external_id)
    _page_act(client, connected_message, "hide")
    item.refresh_from_db()
    assert item.hidden
    connected_message.refresh_from_db()
    assert connected_message.moderation == "hidden"
    _page_act(client, connected_message, "unhide")
    item.refresh_from_db()
    assert not item.hidden
    _page_act(client, connected_message, "delete")
    item.refresh_from_db()
    assert item.deleted
    connected_message.refresh_from_db()
    assert connected_message.moderation == "removed"


def test_a_blocked_reply_needs_an_audited_override(
    world: World, connected_message: Message
) -> None:
    from someluotsi.audit.models import AuditEvent

    client = Client()
    client.force_login(world.updater)
    bad = "Soita minulle, hetuni on 131052-308T ja puhelin 040 123 4567."
    _page_act(client, connected_message, "reply", reply=bad)
    assert not SandboxItem.objects.filter(parent_id=connected_message.external_id).exists()
    page = client.get(f"/inbox/{connected_message.pk}/").content.decode()
    assert "override_reason" in page
    _page_act(client, connected_message, "reply", reply=bad, override_reason="Asiakas pyysi.")
    assert SandboxItem.objects.filter(parent_id=connected_message.external_id).count() == 1
    event = AuditEvent.objects.get(action="platform_action.requested")
    assert event.data["override_reason"] == "Asiakas pyysi."
    assert event.data["check"] == "block"


def test_someone_who_does_not_work_the_channel_cannot_act(
    world: World, connected_message: Message
) -> None:
    client = Client()
    client.force_login(world.outsider)
    response = client.post(
        f"/connectors/messages/{connected_message.pk}/act", {"action": "hide", "key": "x"}
    )
    assert response.status_code in {403, 404}
    assert not SandboxItem.objects.filter(hidden=True).exists()


def test_a_deleted_comment_is_marked_removed(world: World, connected_message: Message) -> None:
    body = sandbox_event_body("sbx-kokkola", connected_message.external_id, verb="remove")
    assert signed_sandbox_post(Client(), body).status_code == 200
    connected_message.refresh_from_db()
    assert connected_message.moderation == "removed"


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b'{"object":"sandbox","events":[]}', {}, 401),
        (b'{"object":"sandbox","events":[]}', {"X-Sandbox-Signature": "t=1,s=00"}, 403),
    ],
)
def test_unsigned_or_wrongly_signed_deliveries_are_refused(
    world: World, body: bytes, headers: dict[str, str], status: int
) -> None:
    response = Client().post(
        "/webhooks/sandbox/", data=body, content_type="application/json", headers=headers
    )
    assert response.status_code == status
    assert not Message.objects.exists()


def test_a_replayed_delivery_is_refused(
    world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment()
    Message.objects.all().delete()
    InboundItem.objects.all().delete()
    body = sandbox_event_body(comment.account_id, comment.item_id)
    response = signed_sandbox_post(Client(), body, at=int(time.time()) - 3600)
    assert response.status_code == 403
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"object":"page","entry":[]}',
        b'{"object":"sandbox","events":[{"kind":"poll"}]}',
        "ä".encode("latin-1"),
    ],
)
def test_malformed_or_unknown_bodies_get_4xx_and_store_nothing(world: World, body: bytes) -> None:
    world.connect_sandbox()
    response = signed_sandbox_post(Client(), body)
    assert 400 <= response.status_code < 500
    assert not Message.objects.exists()


def test_an_over_limit_body_is_refused(world: World, settings: object) -> None:
    body = b'{"object":"sandbox","events":[' + b" " * 300_000 + b"]}"
    response = signed_sandbox_post(Client(), body)
    assert response.status_code == 413
    assert not Message.objects.exists()


def test_handshake_echoes_the_challenge(db: None) -> None:
    response = Client().get("/webhooks/sandbox/", {"challenge": "abc123"})
    assert response.status_code == 200
    assert response.content == b"abc123"
    assert Client().get("/webhooks/myspace/").status_code == 404


# The live reply passes the same check as a recorded one (compliance.speaking): refused with
# the findings in the reader's language, a warned reply goes with the warning shown.
LIVE_BLOCKED = {
    "fi": ("Vastaus: asiakkaan hetu on 131052-308T ja tapan sinut, vittu.", "privacy-001"),
    "sv": ("Jag dödar dig om du frågar igen.", "threat-001"),
    "en": ("The customer's identity code is 131052-308T.", "privacy-001"),
}
LIVE_WARNED = {
    "fi": "Kiitos palautteesta! Lue lisää http://bit.ly/x",
    "sv": "Tack för responsen! Läs mer på http://bit.ly/x",
    "en": "Thanks for the feedback! Read more at http://bit.ly/x",
}


def _rule_words(rule: str, language: str) -> str:
    from someluotsi.compliance.engine import configured_engine

    return str(configured_engine().rulebook.rule(rule).message[language])


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_blocked_live_reply_names_its_findings_in_the_readers_language(
    world: World, connected_message: Message, language: str
) -> None:
    import html

    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    text, rule = LIVE_BLOCKED[language]
    response = client.post(
        f"/connectors/messages/{connected_message.pk}/act",
        {"action": "reply", "key": "k", "reply": text},
        follow=True,
    )
    assert _rule_words(rule, language) in html.unescape(response.content.decode())
    assert not SandboxItem.objects.filter(parent_id=connected_message.external_id).exists()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_warned_live_reply_goes_with_the_warning_shown(
    world: World, connected_message: Message, language: str
) -> None:
    import html

    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    response = client.post(
        f"/connectors/messages/{connected_message.pk}/act",
        {"action": "reply", "key": "k", "reply": LIVE_WARNED[language]},
        follow=True,
    )
    assert _rule_words("link-001", language) in html.unescape(response.content.decode())
    assert SandboxItem.objects.filter(parent_id=connected_message.external_id).count() == 1


def test_a_message_gone_from_the_platform_offers_no_live_action(
    world: World, connected_message: Message
) -> None:
    client = Client()
    client.force_login(world.updater)
    page = client.get(f"/inbox/{connected_message.pk}/").content.decode()
    live = f'action="/connectors/messages/{connected_message.pk}/act"'
    assert live in page
    body = sandbox_event_body("sbx-kokkola", connected_message.external_id, verb="remove")
    assert signed_sandbox_post(Client(), body).status_code == 200
    page = client.get(f"/inbox/{connected_message.pk}/").content.decode()
    assert live not in page


def test_a_target_an_action_found_missing_offers_no_live_action(
    world: World, connected_message: Message
) -> None:
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = "en"
    SandboxItem.objects.filter(item_id=connected_message.external_id).update(deleted=True)
    _page_act(client, connected_message, "hide")
    action = OutboundAction.objects.get(message=connected_message)
    assert action.error_code == "not_found"
    page = client.get(f"/inbox/{connected_message.pk}/").content.decode()
    assert "Actions on the platform are not offered" in page
    assert f'action="/connectors/messages/{connected_message.pk}/act"' not in page


@pytest.mark.parametrize(("reply", "code"), [("\x00", "U+0000"), ("Kiitos\x1b!", "U+001B")])
def test_a_live_reply_with_a_refused_character_is_refused_and_nothing_sent(
    world: World, connected_message: Message, reply: str, code: str
) -> None:
    """The reply is read as typed (core.typed_text.posted_text): a NUL alone is named with its
    position, not sent as an empty reply nor refused as one."""
    client = Client()
    client.force_login(world.updater)
    response = client.post(
        f"/connectors/messages/{connected_message.pk}/act",
        {"action": "reply", "key": "k", "reply": reply},
        follow=True,
    )
    assert code in response.content.decode()
    assert not SandboxItem.objects.filter(parent_id=connected_message.external_id).exists()
