"""Background work for notifications (see notifications/delivery.py for the whole design)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from someluotsi.notifications.delivery import (
    Outcome,
    notification_email_attempt,
    notifications_retry_due,
)
from someluotsi.notifications.models import Notification

logger = logging.getLogger(__name__)


@shared_task(ignore_result=False)
def notification_email_send(notification_id: int) -> bool:
    """Try one notification's e-mail; True when it was sent by this task. A failed try is
    recorded and, on a real worker, this task is scheduled again at the back-off time (in
    eager mode the request sweep or the `send_notifications` command takes it up)."""
    outcome = notification_email_attempt(notification_id)
    if outcome in {Outcome.RETRY, Outcome.UNREACHABLE} and not settings.CELERY_TASK_ALWAYS_EAGER:
        next_at = (
            Notification.objects.filter(pk=notification_id)
            .values_list("email_next_at", flat=True)
            .first()
        )
        if next_at is not None:
            try:
                notification_email_send.apply_async((notification_id,), eta=next_at)
            except Exception:  # noqa: BLE001 - the beat sweep takes it up later
                logger.warning("could not schedule the retry of notification %s", notification_id)
    return outcome is Outcome.SENT


@shared_task(name="notifications.retry_due")
def notifications_retry_due_task() -> int:
    """Every minute (beat): send the e-mails whose time has come; the number sent."""
    return notifications_retry_due().sent
