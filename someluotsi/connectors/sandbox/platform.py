"""The sandbox platform's own side: what "the platform" stores and answers.

Ids are numeric strings above 2**53, as on Meta, X and TikTok, so that every path keeps them as
strings. Nothing here knows about the inbox.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from someluotsi.connectors.models import SandboxItem

ID_BASE = 2**53 + 1_000_000


def sandbox_secret() -> str:
    """The sandbox app's webhook secret, derived from the installation's secret key."""
    return hmac.new(settings.SECRET_KEY.encode(), b"sandbox-webhook", hashlib.sha256).hexdigest()


@transaction.atomic
def _create(**fields: object) -> SandboxItem:
    item = SandboxItem.objects.create(item_id="pending", **fields)
    item.item_id = str(ID_BASE + item.pk)
    item.save(update_fields=["item_id"])
    return item


def sandbox_post(*, account_id: str, text: str, at: datetime | None = None) -> SandboxItem:
    """The account publishes a post."""
    return _create(
        account_id=account_id, kind="post", text=text, from_account=True,
        created_at=at or timezone.now(),
    )  # fmt: skip


def sandbox_comment(
    *,
    account_id: str,
    thread_id: str,
    author: str,
    text: str,
    parent_id: str = "",
    at: datetime | None = None,
    from_account: bool = False,
) -> SandboxItem:
    """Someone comments under a post (or answers a comment: `parent_id`)."""
    return _create(
        account_id=account_id, kind="reply" if parent_id else "comment", thread_id=thread_id,
        parent_id=parent_id, author=author, text=text, from_account=from_account,
        created_at=at or timezone.now(),
    )  # fmt: skip


def sandbox_get(item_id: str) -> SandboxItem | None:
    return SandboxItem.objects.filter(item_id=item_id).first()


def sandbox_items_after(*, account_id: str, after: int, limit: int = 100) -> list[SandboxItem]:
    """Items with an internal sequence above `after`, oldest first (the cursor is the sequence)."""
    return list(
        SandboxItem.objects.filter(account_id=account_id, pk__gt=after).order_by("pk")[:limit]
    )
