"""Platform actions that failed in a way retrying may cure are taken up again when their
back-off has passed, without Celery beat: a request sweep at most once a minute in the embedded
default, the beat entry `connectors-actions-retry` with Celery (connectors/retries.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from someluotsi.connectors import retries
from someluotsi.connectors.enums import ActionStatus
from someluotsi.connectors.errors import REJECTED, UNAVAILABLE, ConnectorError
from someluotsi.connectors.execution import action_run
from someluotsi.connectors.models import OutboundAction, SandboxItem
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.tasks import retry_actions
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World, sandbox_event_body, signed_sandbox_post

pytestmark = pytest.mark.django_db(transaction=True)
REPLY = "Uimahalli aukeaa maanantaina klo 6. Tervetuloa!"


@pytest.fixture
def message(world: World, citizen_comment: Callable[..., SandboxItem]) -> Message:
    world.connect_sandbox()
    comment = citizen_comment("Milloin uimahalli aukeaa taas?")
    body = sandbox_event_body(comment.account_id, comment.item_id)
    assert signed_sandbox_post(Client(), body).status_code == 200
    return Message.objects.get(external_id=comment.item_id)


@pytest.fixture
def platform_down(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """Switch the sandbox platform's replies off (an outage: retryable) and on again."""
    real = SandboxConnector.reply
    state = {"down": True}

    def reply(self: SandboxConnector, **kwargs: Any) -> Any:
        if state["down"]:
            raise ConnectorError(UNAVAILABLE, "platform down")
        return real(self, **kwargs)

    monkeypatch.setattr(SandboxConnector, "reply", reply)
    return lambda down: state.update(down=down)


def _ask_reply(world: World, message: Message) -> OutboundAction:
    client = Client()
    client.force_login(world.updater)
    response = client.post(
        f"/connectors/messages/{message.pk}/act", {"action": "reply", "reply": REPLY, "key": "k1"}
    )
    assert response.status_code == 302
    return OutboundAction.objects.get(message=message)


def _replies(message: Message) -> list[str]:
    return list(
        SandboxItem.objects.filter(parent_id=message.external_id).values_list("text", flat=True)
    )


def _time_passes(action: OutboundAction) -> None:
    OutboundAction.objects.filter(pk=action.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    cache.delete(retries.SWEEP_LOCK)  # a minute has passed for the sweep too


@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="the embedded default")
def test_a_failed_reply_is_retried_after_a_request_once_its_back_off_has_passed(
    world: World, message: Message, platform_down: Callable[[bool], None]
) -> None:
    action = _ask_reply(world, message)
    assert action.status == ActionStatus.RETRYING
    assert action.next_attempt_at is not None
    assert action.next_attempt_at > timezone.now()
    assert _replies(message) == []
    platform_down(False)
    cache.delete(retries.SWEEP_LOCK)
    Client().get("/healthz")  # not yet due: nothing is tried
    action.refresh_from_db()
    assert action.status == ActionStatus.RETRYING
    _time_passes(action)
    Client().get("/healthz")  # any request, after its response: the sweep
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert _replies(message) == [REPLY]
    message.refresh_from_db()
    assert message.reply_text == REPLY
    Client().get("/healthz")
    assert _replies(message) == [REPLY]  # once


@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="the embedded default")
def test_the_request_sweep_runs_at_most_once_a_minute(
    world: World, message: Message, platform_down: Callable[[bool], None]
) -> None:
    action = _ask_reply(world, message)
    platform_down(False)
    cache.delete(retries.SWEEP_LOCK)
    Client().get("/healthz")  # the minute's sweep: nothing due yet
    OutboundAction.objects.filter(pk=action.pk).update(next_attempt_at=timezone.now())
    Client().get("/healthz")  # within the same minute: no sweep
    action.refresh_from_db()
    assert action.status == ActionStatus.RETRYING


def test_the_beat_task_takes_up_due_actions_and_is_scheduled_every_minute(
    world: World, message: Message, platform_down: Callable[[bool], None]
) -> None:
    entries = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries.get("connectors.retry_actions") == 60.0
    action = OutboundAction.objects.create(
        idempotency_key="reply:beat", connection=message.channel.connection,
        channel=message.channel, message=message, kind="reply", text=REPLY,
        target_id=message.external_id, requested_by=world.updater,
    )  # fmt: skip
    with pytest.raises(ConnectorError):
        action_run(action_id=action.pk)
    action.refresh_from_db()
    assert action.status == ActionStatus.RETRYING
    assert retry_actions() == 0  # not due yet
    platform_down(False)
    _time_passes(action)
    assert retry_actions() == 1
    assert _replies(message) == [REPLY]


def test_lost_and_abandoned_actions_are_due_and_final_failures_are_not(
    world: World, message: Message
) -> None:
    now = timezone.now()

    def make(key: str, **fields: Any) -> int:
        return OutboundAction.objects.create(
            idempotency_key=key, connection=message.channel.connection, channel=message.channel,
            message=message, kind=fields.pop("kind", "hide"), target_id=message.external_id,
            **fields,
        ).pk  # fmt: skip

    lost = make("lost", status=ActionStatus.PENDING)
    OutboundAction.objects.filter(pk=lost).update(requested_at=now - timedelta(minutes=5))
    fresh = make("fresh", status=ActionStatus.PENDING)
    abandoned = make("abandoned", status=ActionStatus.RUNNING, claimed_at=now - timedelta(hours=1))
    running = make("running", status=ActionStatus.RUNNING, claimed_at=now)
    failed = make("failed", status=ActionStatus.FAILED, error_code=REJECTED)
    publish = make("publish", kind="publish", status=ActionStatus.RETRYING)
    assert set(retries.actions_due(now=now)) == {lost, abandoned}
    assert not {fresh, running, failed, publish} & set(retries.actions_due(now=now))


def test_a_final_failure_leaves_no_retry_time(world: World, message: Message) -> None:
    action = OutboundAction.objects.create(
        idempotency_key="reply:final", connection=message.channel.connection,
        channel=message.channel, message=message, kind="reply", text=REPLY,
        target_id="no-such-item", requested_by=world.updater,
    )  # fmt: skip
    with pytest.raises(ConnectorError):
        action_run(action_id=action.pk)
    action.refresh_from_db()
    assert action.status == ActionStatus.FAILED
    assert action.next_attempt_at is None
    assert retries.actions_due(now=timezone.now() + timedelta(days=1)) == []
