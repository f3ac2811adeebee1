"""End to end with a real Celery worker on a real broker (tools/test runs these on SQLite and on
PostgreSQL): signed webhooks become triaged, assigned messages; a reply whose first attempt
times out reaches the platform exactly once; a hide lands on the platform; a threat is escalated
with the permalink in the evidence; 10,000 duplicate deliveries make each message once."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from someluotsi.connectors.enums import ActionKind
from someluotsi.connectors.models import OutboundAction, SandboxItem
from someluotsi.connectors.moderation import action_request
from someluotsi.inbox.models import Escalation, Message
from tests.connectors.conftest import (
    World,
    connect,
    sandbox_event_body,
    signed_sandbox_post,
    wait_for,
)
from tests.connectors.platform_side import fixture_bytes, json_response

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _queued() -> int:
    from kombu.exceptions import ChannelError

    from config.celery import app

    with app.connection_for_read() as connection:
        channel: Any = connection.default_channel
        try:
            return int(channel.queue_declare(queue="celery", passive=True).message_count)
        except ChannelError:
            return 0  # an emptied Redis queue no longer exists


def _message(external_id: str) -> Message:
    found: Message = wait_for(
        lambda: Message.objects.filter(external_id=external_id).first(),
        what=f"message {external_id}",
    )
    return found


def test_signed_webhook_to_a_triaged_assigned_message(
    require_celery_worker: object, world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment("Milloin Isokadun katuvalo korjataan?")
    assert (
        signed_sandbox_post(
            Client(), sandbox_event_body(comment.account_id, comment.item_id)
        ).status_code
        == 200
    )
    message = _message(comment.item_id)
    assert message.category == "question"
    assert message.status == "assigned"
    assert message.assignee_id in {world.updater.pk, world.backup.pk}


def test_hide_from_the_page_is_hidden_on_the_platform(
    require_celery_worker: object, world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment("Tämä on ihan surkeaa touhua.")
    signed_sandbox_post(Client(), sandbox_event_body(comment.account_id, comment.item_id))
    message = _message(comment.item_id)
    client = Client()
    client.force_login(world.updater)
    client.post(f"/connectors/messages/{message.pk}/act", {"action": "hide", "key": "h1"})
    wait_for(lambda: SandboxItem.objects.get(pk=comment.pk).hidden, what="the hide on the platform")
    wait_for(
        lambda: Message.objects.get(pk=message.pk).moderation == "hidden", what="the inbox record"
    )


def test_a_threat_is_escalated_with_the_permalink(
    require_celery_worker: object, world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comment = citizen_comment("Tiedän missä asut, kannattaa varoa kun lähdet töistä.")
    signed_sandbox_post(Client(), sandbox_event_body(comment.account_id, comment.item_id))
    message = _message(comment.item_id)
    escalation = wait_for(
        lambda: Escalation.objects.filter(message=message).first(), what="the escalation"
    )
    assert message.category == "threat"
    assert f"/connectors/sandbox/items/{comment.item_id}/" in json.dumps(escalation.evidence)


def test_a_reply_whose_first_attempt_times_out_is_posted_once(
    require_celery_worker: object, world: World, api: HTTPServer, settings: Any
) -> None:
    connect(world, "facebook", "123456789")
    comment = {
        "id": "987_9007199254740993",
        "message": "Milloin katu aurataan?",
        "created_time": "2026-03-01T07:12:45+0000",
        "from": {"id": "5551", "name": "Matti M"},
        "permalink_url": "https://www.facebook.com/123456789/posts/987?comment_id=9007199254740993",
    }
    api.expect_request("/v25.0/987_9007199254740993").respond_with_json(comment)
    api.expect_request("/v25.0/123456789_987").respond_with_json({"message": "Aurausreitit"})
    import hashlib
    import hmac

    body = fixture_bytes("meta", "page_comment.json")
    signature = "sha256=" + hmac.new(b"meta-app-secret", body, hashlib.sha256).hexdigest()
    Client().post(
        "/webhooks/facebook/",
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature},
    )
    message = _message("987_9007199254740993")
    settings.CONNECTORS_HTTP_TIMEOUT = 1.0
    replies: list[dict[str, object]] = []

    def slow_post(request: Request) -> Response:
        replies.append(
            {
                "id": f"987_{9007199254741000 + len(replies)}",
                "message": request.form["message"],
                "from": {"id": "123456789"},
            }
        )
        if len(replies) == 1:
            time.sleep(3.0)  # stored, but the answer comes after our timeout
        return json_response({"id": replies[-1]["id"]})

    api.expect_request("/v25.0/987_9007199254740993/comments", method="POST").respond_with_handler(
        slow_post
    )
    api.expect_request("/v25.0/987_9007199254740993/comments", method="GET").respond_with_handler(
        lambda r: json_response({"data": replies})
    )
    text = "Aurataan tänään iltapäivällä. Kiitos kärsivällisyydestä!"
    action_request(actor=world.updater, message=message, kind=ActionKind.REPLY, key="k1", text=text)
    action = wait_for(
        lambda: OutboundAction.objects.filter(status="done").first(),
        timeout=45,
        what="the retried reply",
    )
    assert len(replies) == 1
    assert action.attempts == 2
    assert action.platform_id == replies[0]["id"]
    wait_for(
        lambda: Message.objects.get(pk=message.pk).status == "answered", what="the answered state"
    )


def test_ten_thousand_duplicate_deliveries_make_each_message_once(
    require_celery_worker: object, world: World, citizen_comment: Callable[..., SandboxItem]
) -> None:
    world.connect_sandbox()
    comments = [citizen_comment(f"Kysymys numero {n}: milloin uimahalli aukeaa?") for n in range(5)]
    client = Client()
    for n in range(10_000):
        comment = comments[n % len(comments)]
        response = signed_sandbox_post(
            client, sandbox_event_body(comment.account_id, comment.item_id)
        )
        assert response.status_code == 200
    ids = [c.item_id for c in comments]
    wait_for(
        lambda: Message.objects.filter(external_id__in=ids).count() == 5,
        timeout=120,
        what="five messages",
    )
    # Let the queue drain, then count again: nothing created twice.
    wait_for(lambda: _queued() == 0, timeout=300, what="the queue to drain")
    time.sleep(1.0)
    assert Message.objects.filter(external_id__in=ids).count() == 5
    assert Message.objects.count() == 5
