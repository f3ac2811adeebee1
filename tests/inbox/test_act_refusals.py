"""Refusals on the inbox's one action endpoint are consistent: someone who may see a message but
not work it (a unit manager, §8.3: metadata only) gets a 403 for every action, `take` and
`assign` included, whatever else the form holds; nothing changes. Someone who works the channel
and is refused for the input gets the page back with a message (302), as before."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.audit.models import AuditEvent
from someluotsi.inbox.models import Message
from tests.inbox.conftest import World

ACTIONS: list[dict[str, str]] = [
    {"action": "take"},
    {"action": "assign", "assignee": ""},
    {"action": "assign", "assignee": "{updater}"},
    {"action": "assign", "assignee": "{manager}"},
    {"action": "answer", "reply": "Kiitos palautteesta!"},
    {"action": "answer", "reply": ""},
    {"action": "close", "resolution": "answered"},
    {"action": "close", "resolution": ""},
    {"action": "ignore"},
    {"action": "reopen"},
    {"action": "hide"},
    {"action": "escalate", "note": "Huomio"},
    {"action": "escalate", "note": "x" * 4001},
    {"action": "no-such-action"},
]


@pytest.mark.parametrize("body", ACTIONS, ids=lambda b: "-".join(b.values())[:40])
def test_a_unit_manager_is_refused_with_403_for_every_action(
    world: World, body: dict[str, str]
) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    client = Client()
    client.force_login(world.manager)
    assert client.get(f"/inbox/{message.pk}/").status_code == 200  # they may see it
    before = (message.status, message.assignee_id, message.moderation)
    events = AuditEvent.objects.count()
    form = {
        key: value.format(updater=world.updater.pk, manager=world.manager.pk)
        for key, value in body.items()
    }
    response = client.post(f"/inbox/{message.pk}/act", form)
    assert response.status_code == 403, (body, response.status_code)
    message.refresh_from_db()
    assert (message.status, message.assignee_id, message.moderation) == before
    assert not AuditEvent.objects.filter(pk__gt=events, action__startswith="message.").exists()


def test_a_channel_worker_still_takes_and_is_told_of_bad_input(world: World) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    client = Client()
    client.force_login(world.updater)
    url = f"/inbox/{message.pk}/act"
    before = message.assignee_id
    refused = client.post(url, {"action": "assign", "assignee": str(world.manager.pk)})
    assert refused.status_code == 302
    assert Message.objects.get(pk=message.pk).assignee_id == before
    client.force_login(world.backup)
    taken = client.post(url, {"action": "take"})
    assert taken.status_code == 302
    assert Message.objects.get(pk=message.pk).assignee_id == world.backup.pk
