from __future__ import annotations

from django.db.models import QuerySet

from someluotsi.accounts.selectors import AnyUser
from someluotsi.notifications.models import Notification


def notification_list_for_user(*, user: AnyUser) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_unread_count(*, user: AnyUser) -> int:
    return notification_list_for_user(user=user).filter(read_at__isnull=True).count()
