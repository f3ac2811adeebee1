from __future__ import annotations

from django.db.models import Q, QuerySet

from someluotsi.accounts.selectors import AnyUser
from someluotsi.notifications.models import EmailStatus, Notification


def notification_list_for_user(*, user: AnyUser) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_unread_count(*, user: AnyUser) -> int:
    return notification_list_for_user(user=user).filter(read_at__isnull=True).count()


def delivery_problems() -> QuerySet[Notification]:
    """E-mails that failed, or are waiting for a retry after a failed try (newest first)."""
    return Notification.objects.filter(
        Q(email_status=EmailStatus.FAILED)
        | Q(email_status=EmailStatus.PENDING, email_attempts__gt=0)
    ).order_by("-created_at", "-id")
