"""The demo's platform connections: the city's Facebook page and the library's channel are
connected to the sandbox platform, with a few posts and comments already there (fetched by the
first connection's backfill). `manage.py sandbox_traffic` (started by tools/run) then keeps
citizens commenting, so the inbox fills while one watches."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta

from django.utils import timezone

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.connectors.models import Connection, SandboxItem
from someluotsi.connectors.sandbox import platform
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.sandbox.connector import permalink as sandbox_permalink
from someluotsi.connectors.sandbox.traffic import PHRASES, author_name
from someluotsi.connectors.services import connection_save
from someluotsi.inbox.services import IncomingMessage

# (channel handle, sandbox account id, account name)
DEMO_CONNECTIONS = (("kokkolankaupunki", "sbx-kokkola", "Kokkolan kaupunki – Karleby stad"),)
# The post the demo inbox's messages on a connected channel are comments under.
DEMO_INBOX_POST = "Kysy kaupungilta – Fråga staden: kommentoi tähän, vastaamme arkisin."
# The seeded thread's first comment marks an account as seeded (demo_connectors_load).
SEED_AUTHOR = "question-200"


def demo_sandbox_account(channel: Channel) -> str | None:
    """The sandbox account the demo connects `channel` to (DEMO_CONNECTIONS: the first channel
    with the handle, the city's Facebook page), or None for a channel left unconnected."""
    for handle, account_id, _name in DEMO_CONNECTIONS:
        first = Channel.objects.filter(handle=handle).order_by("pk").first()
        if first is not None and first.pk == channel.pk:
            return account_id
    return None


def demo_sandbox_comment(*, account_id: str, author: str, text: str, at: datetime) -> SandboxItem:
    """A demo inbox message as a citizen's comment on the sandbox platform, so that the live
    actions (reply, hide, delete) find it there. Idempotent: the same author's same text under
    the demo inbox post is made once."""
    post = SandboxItem.objects.filter(
        account_id=account_id, kind="post", text=DEMO_INBOX_POST, deleted=False
    ).first() or platform.sandbox_post(
        account_id=account_id, text=DEMO_INBOX_POST, at=at - timedelta(hours=1)
    )
    existing = SandboxItem.objects.filter(
        account_id=account_id, thread_id=post.item_id, author=author, text=text,
        from_account=False,
    ).first()  # fmt: skip
    if existing is not None:
        return existing
    return platform.sandbox_comment(
        account_id=account_id, thread_id=post.item_id, author=author, text=text, at=at
    )


def demo_on_platform(item: IncomingMessage) -> IncomingMessage:
    """A demo message as the demo delivers it: on a channel the demo connects to the sandbox
    (`demo_sandbox_account`) it is first made a citizen's comment there and takes that
    comment's id, thread and address, so that the page's live actions (reply, hide, delete)
    find their target; on any other channel it is returned as it is (made-up ids, no
    connection, no live action offered)."""
    account_id = demo_sandbox_account(item.channel)
    if account_id is None:
        return item
    comment = demo_sandbox_comment(
        account_id=account_id, author=item.author_handle, text=item.text, at=item.received_at
    )
    return dataclasses.replace(
        item,
        external_id=comment.item_id,
        parent_external_id=comment.thread_id,
        permalink=sandbox_permalink(comment.item_id),
        link_platform="sandbox",
    )


def demo_connectors_load(users: dict[str, User]) -> int:
    """Connect the demo channels to the sandbox once; returns how many were connected."""
    connected = 0
    rng = random.Random(2026)  # noqa: S311 - demo content, not secrets
    for handle, account_id, name in DEMO_CONNECTIONS:
        channel = Channel.objects.filter(handle=handle).order_by("pk").first()
        seeded = SandboxItem.objects.filter(
            account_id=account_id, author=author_name(SEED_AUTHOR)
        ).exists()
        if channel is None or seeded:
            continue
        now = timezone.now()
        post = platform.sandbox_post(
            account_id=account_id, text=PHRASES["posts"]["fi"][0], at=now - timedelta(hours=5)
        )
        for minutes, kind in ((200, "question"), (150, "praise"), (90, "feedback")):
            platform.sandbox_comment(
                account_id=account_id, thread_id=post.item_id,
                author=author_name(f"{kind}-{minutes}"), text=rng.choice(PHRASES[kind]["fi"]),
                at=now - timedelta(minutes=minutes),
            )  # fmt: skip
        existing = Connection.objects.filter(channel=channel, platform="sandbox").first()
        if existing is not None:  # the publishing demo connected it already: fetch the thread
            from someluotsi.connectors.tasks import poll_connection

            poll_connection.delay(existing.pk)
            continue
        connection_save(
            actor=users.get("mavi"), channel=channel, platform="sandbox",
            tokens=SandboxConnector().issue_tokens(account_id, name),
        )  # fmt: skip
        connected += 1
    return connected
