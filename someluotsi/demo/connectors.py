"""The demo's platform connections: the city's Facebook page and the library's channel are
connected to the sandbox platform, with a few posts and comments already there (fetched by the
first connection's backfill). `manage.py sandbox_traffic` (started by tools/run) then keeps
citizens commenting, so the inbox fills while one watches."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.connectors.models import Connection, SandboxItem
from someluotsi.connectors.sandbox import platform
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.sandbox.traffic import PHRASES, author_name
from someluotsi.connectors.services import connection_save

# (channel handle, sandbox account id, account name)
DEMO_CONNECTIONS = (("kokkolankaupunki", "sbx-kokkola", "Kokkolan kaupunki – Karleby stad"),)


def demo_connectors_load(users: dict[str, User]) -> int:
    """Connect the demo channels to the sandbox once; returns how many were connected."""
    connected = 0
    rng = random.Random(2026)  # noqa: S311 - demo content, not secrets
    for handle, account_id, name in DEMO_CONNECTIONS:
        channel = Channel.objects.filter(handle=handle).order_by("pk").first()
        if (
            channel is None
            or SandboxItem.objects.filter(account_id=account_id, from_account=False).exists()
        ):
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
