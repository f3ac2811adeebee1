"""Live messages start a storm scan of their channels once the ingestion commits: the inbox
sends `messages_ingested`, the incidents app listens (it never imports the other way)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from someluotsi.inbox.services import IncomingMessage, message_ingest
from someluotsi.incidents import receivers
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db


class FakeTask:
    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def delay(self, channel_ids: list[int]) -> None:
        self.calls.append(channel_ids)


@pytest.fixture
def task(monkeypatch: pytest.MonkeyPatch) -> FakeTask:
    fake = FakeTask()
    monkeypatch.setattr(receivers, "scan_storms", fake)
    return fake


def _ingest(hours_ago: float, *ids: str) -> list[int]:
    channel = ChannelFactory.create()
    when = timezone.now() - timedelta(hours=hours_ago)
    items = [
        IncomingMessage(
            channel=channel,
            external_id=i,
            kind="comment",
            text="Miksi uimahalli on kiinni?",
            received_at=when,
        )
        for i in ids
    ]
    message_ingest(actor=None, items=items, auto_escalate=False)
    return [channel.pk]


def test_live_messages_scan_their_channel_after_the_commit(
    task: FakeTask, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        channel_ids = _ingest(0.5, "a-1", "a-2")
    assert task.calls == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert task.calls == [channel_ids]


def test_old_messages_and_the_switch_start_no_scan(
    task: FakeTask, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _ingest(3, "old-1")
    with (
        override_settings(STORM_SCAN_ON_INGEST=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _ingest(0.5, "live-1")
    assert task.calls == []
    with django_capture_on_commit_callbacks(execute=True):
        channel_ids = _ingest(0.5, "live-2")
    assert task.calls == [channel_ids]
