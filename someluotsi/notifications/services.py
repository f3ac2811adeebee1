"""Sending notifications: in-app rows now, e-mail after commit."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone, translation

from someluotsi.accounts.models import User
from someluotsi.notifications.models import Notification


def notification_send(
    *, recipients: Iterable[User], subject: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Create one notification per distinct recipient and e-mail each after commit."""
    from someluotsi.notifications.tasks import notification_email_send

    unique = {user.pk: user for user in recipients if user.is_active}
    created = [
        Notification.objects.create(recipient=user, subject=subject[:200], body=body, url=url)
        for user in unique.values()
    ]
    for notification in created:
        if notification.recipient.email:
            transaction.on_commit(partial(notification_email_send.delay, notification.pk))
    return created


def notification_send_worded(
    *,
    recipients: Iterable[User],
    subject: Callable[[], str],
    body: Callable[[], str] | None = None,
    url: str = "",
) -> list[Notification]:
    """Like `notification_send`, but words each notification in its recipient's language:
    `subject` and `body` are called under that language."""
    sent: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(user.preferred_language or "fi"):
            sent += notification_send(
                recipients=[user], subject=subject(), body=body() if body else "", url=url
            )
    return sent


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
