"""Periodic metrics work (scheduled in CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from someluotsi.metrics.schedules import scheduled_reports_send


@shared_task
def send_scheduled_reports() -> int:
    """Daily: the reports whose month or year has ended, to each recipient once."""
    return scheduled_reports_send()
