"""The sandbox platform's pages: the world's two channels are connected to sandbox accounts
whose comments are the copies of the world's messages (the same texts and authors, so the same
markers), linked to them as the connectors link what they fetch. The access matrix then checks
that a comment's copy reaches only those who may read the message (the inbox rule)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from someluotsi.channels.models import Channel
from someluotsi.connectors.models import Connection, InboundItem
from someluotsi.connectors.sandbox.platform import sandbox_comment, sandbox_post
from someluotsi.inbox.models import Message
from tests.urlcatalogue import visit
from tests.urlcatalogue.world import EXTENSIONS, World


def _connect(channel: Channel, account_id: str, messages: list[Message]) -> dict[str, str]:
    """Connect `channel` to a sandbox account with a post and a comment per message; returns
    {"post": id, <message id>: comment id}."""
    connection = Connection.objects.create(
        channel=channel, platform="sandbox", account_id=account_id, account_name=channel.name
    )
    at = timezone.now() - timedelta(hours=2)
    post = sandbox_post(account_id=account_id, text="Kirjaston syysohjelma on julkaistu.", at=at)
    ids = {"post": post.item_id}
    for message in messages:
        comment = sandbox_comment(
            account_id=account_id, thread_id=post.item_id, author=message.author_handle,
            text=message.text, at=message.received_at,
        )  # fmt: skip
        InboundItem.objects.create(
            connection=connection, external_id=comment.item_id, kind="comment",
            thread_id=post.item_id, message=message,
        )  # fmt: skip
        ids[str(message.pk)] = comment.item_id
    return ids


def _extend(world: World) -> None:
    own, other = [world.message, world.threat], [world.other_message]
    world.extra["sandbox"] = _connect(world.channel, "sbx-kirjasto", own)
    world.extra["other_sandbox"] = _connect(world.other_channel, "sbx-liikunta", other)


EXTENSIONS.append(_extend)


def _items(world: World) -> list[dict[str, str]]:
    own, other = world.extra["sandbox"], world.extra["other_sandbox"]
    return [
        {"item_id": own["post"]},  # the post: every signed-in person, comments by the rule
        {"item_id": own[str(world.message.pk)]},  # a question: those who work the channel
        {"item_id": own[str(world.threat.pk)]},  # the escalated threat: its addressees too
        {"item_id": other[str(world.other_message.pk)]},  # another unit's channel
        {"item_id": "no-such-item"},
    ]


visit("connectors:sandbox_item", samples=_items, note="the sandbox platform's own page")
