"""What the incidents app does when the inbox reports something (connected in apps.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from someluotsi.inbox.models import Message
from someluotsi.incidents.tasks import scan_storms


def scan_on_ingest(sender: Any, *, messages: Sequence[Message], **kwargs: Any) -> None:
    """Scan the channels that just received live messages (from the last two hours) for a storm,
    once the ingestion commits; off with STORM_SCAN_ON_INGEST=false (the periodic scan runs
    regardless)."""
    recent = timezone.now() - timedelta(hours=2)
    live = sorted({m.channel_id for m in messages if m.received_at >= recent})
    if live and settings.STORM_SCAN_ON_INGEST:
        transaction.on_commit(partial(scan_storms.delay, live))
