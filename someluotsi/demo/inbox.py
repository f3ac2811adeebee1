"""A demo inbox: realistic citizens' messages on the demo channels, some handled, some overdue,
one threat escalated. Loaded once per message id (idempotent); times are relative to now.

A message on a channel the demo connects to the sandbox platform (demo.connectors) is first
made a citizen's comment there and takes its id, so that "Hide on the platform" and "Send the
reply to the platform" work on it; other channels' messages have made-up ids and no
connection (their pages offer no live action)."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel, ChannelMaintainer
from someluotsi.demo.connectors import demo_on_platform
from someluotsi.inbox.services import IncomingMessage, message_answer, message_ingest

MESSAGES_FILE = Path(__file__).parent / "data" / "demo_messages.toml"

# Answering agreements (§8.4): who answers which channel on which weekdays.
AGREEMENTS = {"paivittaja": [0, 1, 2, 3, 4], "mavi": [0, 1, 2, 3, 4]}


@transaction.atomic
def demo_inbox_load(users: dict[str, User]) -> int:
    """Ingest the demo messages that are not there yet; returns how many were added."""
    for username, weekdays in AGREEMENTS.items():
        ChannelMaintainer.objects.filter(user=users[username]).update(
            answers_messages=True, answer_weekdays=weekdays
        )
    now = timezone.now()
    channels = {(c.handle, c.platform): c for c in Channel.objects.all()}
    items, answers = [], {}
    rows = tomllib.loads(MESSAGES_FILE.read_text(encoding="utf-8"))["message"]
    for index, row in enumerate(rows, 1):
        external_id = f"demo-{index}"
        platform, handle = row["platform"], row["channel"]
        channel = channels[(handle, platform)]
        incoming = demo_on_platform(
            IncomingMessage(
                channel=channel,
                external_id=external_id,
                kind="comment",
                text=row["text"],
                received_at=now - timedelta(hours=row["hours_ago"]),
                author_handle=row["author"],
                parent_external_id=f"demo-post-{index % 5}",
                permalink=f"https://www.{platform}.com/{handle}/posts/demo-{index}",
            )
        )
        external_id = incoming.external_id
        items.append(incoming)
        if row.get("answer"):
            answers[external_id] = row["answer"]
    result = message_ingest(actor=None, items=items)
    for message in result.created:
        if message.external_id in answers:
            answerer = message.assignee or users["mavi"]
            message_answer(actor=answerer, message=message, reply=answers[message.external_id])
    return len(result.created)
