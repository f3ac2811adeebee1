from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.models import Channel
from someluotsi.inbox.models import Message
from tests.factories import ChannelFactory, add_maintainer
from tests.helpers import run_concurrently


def _message(
    channel: Channel, external_id: str, text: str = "Miksi uimahalli on kiinni?"
) -> dict[str, Any]:
    return {
        "channel": channel.pk,
        "external_id": external_id,
        "kind": "comment",
        "text": text,
        "received_at": "2026-11-24T10:00:00+02:00",
        "author_handle": "@asukas",
    }


@pytest.fixture
def updater_and_channel(make_user: Callable[..., User]) -> tuple[User, Channel]:
    user = make_user(Role.UPDATER)
    channel = ChannelFactory.create(platform="facebook")
    add_maintainer(channel, user)
    return user, channel


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_single_message_is_stored_with_its_triage(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    response = _client(user).post("/api/v1/messages", _message(channel, "fb-1"), format="json")
    assert response.status_code == 201, response.json()
    message = Message.objects.get(pk=response.json()["created"][0])
    assert (message.platform, message.external_id) == ("facebook", "fb-1")
    assert message.category == "question"
    assert message.actions == ["reply"]
    assert message.suggested_reply.startswith("Kiitos kysymyksestä")
    # Tuesday 10:00 in Helsinki + 4 working hours.
    assert message.due_at is not None
    assert message.due_at.isoformat() == "2026-11-24T12:00:00+00:00"
    assert AuditEvent.objects.filter(action="messages.ingested").count() == 1


@pytest.mark.django_db
def test_bulk_ingestion_is_idempotent(updater_and_channel: tuple[User, Channel]) -> None:
    user, channel = updater_and_channel
    batch = [_message(channel, f"fb-{i}") for i in range(5)]
    first = _client(user).post("/api/v1/messages", batch, format="json").json()
    again = _client(user).post("/api/v1/messages", batch, format="json").json()
    assert len(first["created"]) == 5
    assert again == {"created": [], "duplicates": 5}
    assert Message.objects.count() == 5


@pytest.mark.django_db
def test_one_invalid_item_rejects_the_whole_batch(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    batch = [_message(channel, "fb-1"), {**_message(channel, "fb-2"), "received_at": "yesterday"}]
    response = _client(user).post("/api/v1/messages", batch, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_messages_for_channels_the_user_does_not_work_are_refused(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, _channel = updater_and_channel
    other = ChannelFactory.create()
    response = _client(user).post("/api/v1/messages", _message(other, "x-1"), format="json")
    assert response.status_code == 400
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_threat_is_triaged_for_escalation_and_the_police(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    payload = _message(channel, "fb-9", "Tapan sinut, tiedän missä asut.")
    created = _client(user).post("/api/v1/messages", payload, format="json").json()["created"]
    message = Message.objects.get(pk=created[0])
    assert message.category == "threat"
    assert message.priority == "urgent"
    assert "notify_police" in message.actions


@pytest.mark.django_db
def test_auditors_and_employees_cannot_ingest(make_user: Callable[..., User]) -> None:
    channel = ChannelFactory.create()
    for role in (Role.AUDITOR, Role.EMPLOYEE):
        response = _client(make_user(role)).post(
            "/api/v1/messages", _message(channel, "fb-1"), format="json"
        )
        assert response.status_code == 403


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_message_posted_twice_at_once_creates_one_record(
    require_postgres: None, updater_and_channel: tuple[User, Channel]
) -> None:
    user, channel = updater_and_channel
    statuses = run_concurrently(
        lambda: (
            _client(user)
            .post("/api/v1/messages", _message(channel, "fb-race"), format="json")
            .status_code
        )
    )
    assert statuses == [201, 201, 201, 201]
    assert Message.objects.filter(external_id="fb-race").count() == 1
