"""The demo's messages on the channel it connects to the sandbox platform (the city's Facebook
page) are real comments there: hiding one or sending a reply from its page lands on the
platform instead of failing with "the target no longer exists"."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from someluotsi.accounts.models import User
from someluotsi.connectors.models import Connection, OutboundAction, SandboxItem
from someluotsi.connectors.selectors import working_connection
from someluotsi.inbox.models import Message

pytestmark = pytest.mark.django_db(transaction=True)


def _connected_demo_messages() -> list[Message]:
    connected = [c.channel_id for c in Connection.objects.filter(platform="sandbox")]
    return list(Message.objects.filter(channel_id__in=connected).order_by("pk"))


@override_settings(DEBUG=True, CONNECTORS_SANDBOX=True)
def test_a_demo_message_is_hidden_and_answered_on_the_sandbox(embedded_default: None) -> None:
    # The demo runs as the embedded default (tools/run: tasks in-process), so the platform
    # action is carried out before the response, also in the PostgreSQL stage with a worker.
    call_command("load_demo", stdout=StringIO())
    messages = _connected_demo_messages()
    assert messages, "the demo connects a channel with messages to the sandbox"
    missing = [
        (m.external_id, m.text[:40])
        for m in messages
        if not SandboxItem.objects.filter(item_id=m.external_id).exists()
    ]
    assert missing == []
    for message in messages:  # every one of them exists on the platform
        assert working_connection(channel=message.channel) is not None
        item = SandboxItem.objects.get(item_id=message.external_id)
        assert item.text == message.text
        assert not item.deleted
    client = Client()
    client.force_login(User.objects.get(username="mavi"))
    target = messages[0]
    response = client.post(
        f"/connectors/messages/{target.pk}/act", {"action": "hide", "key": "demo-hide"}
    )
    assert response.status_code == 302
    action = OutboundAction.objects.get(message=target, kind="hide")
    assert action.status == "done", action.error_code
    assert SandboxItem.objects.get(item_id=target.external_id).hidden
    reply = "Kiitos viestistä! Vastaamme arkisin klo 8–16."
    client.post(
        f"/connectors/messages/{messages[-1].pk}/act",
        {"action": "reply", "key": "demo-reply", "reply": reply},
    )
    sent = OutboundAction.objects.get(message=messages[-1], kind="reply")
    assert sent.status == "done", sent.error_code
    assert SandboxItem.objects.filter(parent_id=messages[-1].external_id, text=reply).exists()


@override_settings(DEBUG=True, CONNECTORS_SANDBOX=True)
def test_loading_the_demo_twice_makes_each_sandbox_comment_once(embedded_default: None) -> None:
    call_command("load_demo", stdout=StringIO())
    first = (SandboxItem.objects.count(), Message.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (SandboxItem.objects.count(), Message.objects.count()) == first
