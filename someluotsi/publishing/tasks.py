"""Background work for publishing: the minute-by-minute publishing run and deletions."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from someluotsi.publishing import delivery, platforms


@shared_task(name="publishing.publish_due", ignore_result=True)
def publishing_publish_due() -> int:
    """Claim the copies whose time has come and publish them one after another (a claim is
    taken once, so overlapping runs never publish a copy twice); returns how many were claimed."""
    claimed = delivery.due_targets(timezone.now())
    for target_id in claimed:
        delivery.target_publish(target_id)
    return len(claimed)


@shared_task(name="publishing.publish_target", ignore_result=True)
def publishing_publish_target(target_id: int) -> str:
    """One attempt; a retry is planned in the database (delivery.target_attempt_failed)."""
    return delivery.target_publish(target_id)


@shared_task(
    bind=True,
    name="publishing.delete_target",
    max_retries=5,
    default_retry_delay=120,
    ignore_result=True,
)
def publishing_delete_target(self, target_id: int) -> str:  # type: ignore[no-untyped-def]
    """Delete a withdrawn copy on its platform, retrying what the platform says may pass."""
    try:
        return delivery.target_delete(target_id)
    except platforms.PlatformError as exc:
        raise self.retry(
            exc=exc, countdown=delivery.backoff(self.request.retries + 1, exc.retry_after)
        ) from exc
