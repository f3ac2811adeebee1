from __future__ import annotations

from celery import shared_task

from someluotsi.incidents.detection import storms_scan


@shared_task(name="incidents.scan_storms")
def scan_storms(channel_ids: list[int] | None = None) -> int:
    """Every five minutes (beat), and right after new messages arrive for their channels."""
    return storms_scan(channel_ids=channel_ids)
