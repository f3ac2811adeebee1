"""Background work for notifications."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from someluotsi.notifications.models import Notification

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, ignore_result=False)
def notification_email_send(self, notification_id: int) -> bool:  # type: ignore[no-untyped-def]
    """E-mail one notification once; retried on transient mail-server errors."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    try:
        send_mail(
            subject=f"[Someluotsi] {notification.subject}",
            message=notification.body
            + (f"\n\n{settings.BASE_URL}{notification.url}" if notification.url else ""),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.recipient.email],
        )
    except OSError as exc:
        logger.warning("notification e-mail %s failed: %s", notification_id, type(exc).__name__)
        raise self.retry(exc=exc) from exc
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
