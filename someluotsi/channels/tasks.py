"""Periodic channel work (scheduled in CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from someluotsi.channels.summary import health_summary_send


@shared_task
def channel_health_weekly_summary() -> int:
    return health_summary_send()
