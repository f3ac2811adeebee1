"""Sending notifications: in-app rows now, e-mail after commit, retried until delivered
(notifications/delivery.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
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


def _subject(text: str) -> str:
    return one_line(text)[:200]


def notification_send(
    *,
    recipients: Iterable[User],
    subject: str,
    body: str = "",
    url: str = "",
    wordings: dict[str, tuple[str, str]] | None = None,
) -> list[Notification]:
    """Create one notification per distinct active recipient now; each e-mail copy is tried
    after the transaction commits and retried until sent or marked failed. The subject is
    flattened to one line (names in it may come from anywhere). `wordings` ({language:
    (subject, body)}) lets the list show it in the reader's language of the moment; without
    it the notification reads as given in every language."""
    unique = {user.pk: user for user in recipients if user.is_active}
    worded = {
        language: [_subject(words[0]), words[1]] for language, words in (wordings or {}).items()
    }
    created = [
        Notification.objects.create(
            recipient=user,
            subject=_subject(subject),
            body=body,
            wordings=worded,
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
    """Like `notification_send`, but words each notification in its recipient's language
    (`subject` and `body` are called under it; the e-mail goes in those words) and keeps it
    worded in every interface language too, for the list to show in the reader's language of
    the moment (they may switch after it was made)."""
    sent: list[Notification] = []
    seen: set[int] = set()
    wordings: dict[str, tuple[str, str]] | None = None
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if wordings is None:
            wordings = _wordings(subject, body)
        own = wordings.get(user.preferred_language or "fi") or wordings[settings.LANGUAGE_CODE]
        sent += notification_send(
            recipients=[user], subject=own[0], body=own[1], url=url, wordings=wordings
        )
    return sent


def _wordings(
    subject: Callable[[], str], body: Callable[[], str] | None
) -> dict[str, tuple[str, str]]:
    """{language: (subject, body)} for every interface language (settings.LANGUAGES)."""
    worded: dict[str, tuple[str, str]] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            worded[language] = (str(subject()), str(body()) if body else "")
    return worded


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
