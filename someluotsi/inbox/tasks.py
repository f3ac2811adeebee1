"""Periodic inbox work (scheduled in CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from someluotsi.inbox.retention import inbox_purge_expired as purge
from someluotsi.inbox.services import inbox_send_reminders as remind


@shared_task
def inbox_send_reminders() -> int:
    return remind()


@shared_task
def inbox_purge_expired() -> dict[str, int]:
    result = purge(days=settings.INBOX_RETENTION_DAYS)
    return {"messages": result.messages, "evidence": result.evidence}
