"""Sending notifications: in-app rows now, e-mail after commit, retried until delivered
(notifications/delivery.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone, translation

from someluotsi.accounts.models import User
from someluotsi.core.oneline import one_line
from someluotsi.notifications.models import EmailStatus, Notification

logger = logging.getLogger(__name__)


def _dispatch(notification_id: int) -> None:
    """Queue the first e-mail try. Nothing here may fail the request that raised the
    notification: an unreachable broker leaves the row pending for the next sweep."""
    from someluotsi.notifications.tasks import notification_email_send

    try:
        notification_email_send.delay(notification_id)
    except Exception:  # noqa: BLE001 - the broker may be down; the sweep retries
        logger.warning("notification %s e-mail left for the next sweep", notification_id)


def notification_send(
    *, recipients: Iterable[User], subject: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Create one notification per distinct active recipient now; each e-mail copy is tried
    after the transaction commits and retried until sent or marked failed. The subject is
    flattened to one line (names in it may come from anywhere)."""
    unique = {user.pk: user for user in recipients if user.is_active}
    created = [
        Notification.objects.create(
            recipient=user,
            subject=one_line(subject)[:200],
            body=body,
            url=url,
            email_status=EmailStatus.PENDING if user.email else EmailStatus.NONE,
            email_next_at=timezone.now() if user.email else None,
        )
        for user in unique.values()
    ]
    for notification in created:
        if notification.email_status == EmailStatus.PENDING:
            transaction.on_commit(partial(_dispatch, notification.pk))
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
