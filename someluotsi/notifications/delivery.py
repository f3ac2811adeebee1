"""Durable e-mail delivery of notifications.

A notification is a row first: the request that raised it succeeds whatever the mail server
does. Its e-mail copy is then tried after the transaction commits and, when the try fails,
again with exponential back-off (1, 2, 4, ... minutes, at most an hour apart) until it is sent
or, after `NOTIFICATION_EMAIL_MAX_ATTEMPTS` tries (or at once for an error that no retry can
cure, such as a malformed address), marked failed. A failure is announced in the app to the
mavi team, listed on `/notifications/deliveries/` (where it can be retried) and turns
`/healthz` to "degraded".

Who retries pending e-mails:
- with Celery: the task that failed schedules its own next try at the back-off time, and the
  beat entry `notifications-retry` sweeps every minute for anything due (a lost task, a broker
  that was down when the first try was queued);
- in the embedded default (eager tasks, no beat): a sweep runs after a finished request at most
  once a minute per process (`request_finished`, after the response has gone out, so no
  request waits for it), and `manage.py send_notifications` does the same from cron.
A sweep stops at the first error that says the mail server is unreachable, so a server that is
down costs one connection timeout (`EMAIL_TIMEOUT`) per sweep, not one per waiting e-mail.

Sends never overlap: a try first claims its row with a conditional update (status pending and
due), so the Celery task, the beat sweep and a request sweep cannot send one e-mail twice.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.core.mail import BadHeaderError, send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from someluotsi.core.oneline import one_line
from someluotsi.core.sweeps import sweep_once_in_a_while
from someluotsi.notifications.models import EmailStatus, Notification

logger = logging.getLogger(__name__)

FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=1)
# How long a claimed try holds its row before another sweep may take it up again.
CLAIM = timedelta(minutes=5)
SWEEP_LOCK = "someluotsi:notifications:sweep"
SWEEP_EVERY_SECONDS = 60
# Errors that mean the server cannot be reached at all: retry later, stop the sweep.
UNREACHABLE = (ConnectionError, TimeoutError, socket.timeout, smtplib.SMTPServerDisconnected,
               smtplib.SMTPConnectError, socket.gaierror)  # fmt: skip
# Errors no retry can cure: give up at once.
PERMANENT = (BadHeaderError, UnicodeError, smtplib.SMTPRecipientsRefused)


class Outcome(Enum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"  # not due, already sent, or claimed by another worker
    UNREACHABLE = "unreachable"  # will retry; the server is down


def backoff(attempts: int) -> timedelta:
    """Delay before try number `attempts` + 1: 1 min after the first failure, doubling, at
    most an hour."""
    delay: timedelta = FIRST_DELAY * (2 ** max(attempts - 1, 0))
    return min(delay, LONGEST_DELAY)


def _max_attempts() -> int:
    return int(settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS)


def _message(notification: Notification) -> tuple[str, str]:
    subject = one_line(f"[Someluotsi] {notification.subject}")[:250]
    body = notification.body + (
        f"\n\n{settings.BASE_URL}{notification.url}" if notification.url else ""
    )
    return subject, body


def notification_email_attempt(notification_id: int, *, now: datetime | None = None) -> Outcome:
    """Try to send one notification's e-mail now, if it is due; record the outcome. Never
    raises for a mail error (the caller's request or task must not fail because of mail)."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, email_status=EmailStatus.PENDING, email_next_at__lte=now
    ).update(email_next_at=now + CLAIM)
    if not claimed:
        return Outcome.SKIPPED
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    attempts = notification.email_attempts + 1
    if not notification.recipient.email:
        Notification.objects.filter(pk=notification_id).update(
            email_status=EmailStatus.NONE, email_next_at=None
        )
        return Outcome.SKIPPED
    subject, body = _message(notification)
    try:
        send_mail(
            subject=subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.recipient.email],
        )
    except Exception as exc:  # noqa: BLE001 - every mail error is recorded, none escapes
        permanent = isinstance(exc, PERMANENT)
        return _record_failure(notification, attempts, exc, now=now, permanent=permanent)
    Notification.objects.filter(pk=notification_id).update(
        email_status=EmailStatus.SENT,
        emailed_at=timezone.now(),
        email_attempts=attempts,
        email_next_at=None,
        email_error="",
    )
    return Outcome.SENT


def _record_failure(
    notification: Notification, attempts: int, exc: Exception, *, now: datetime, permanent: bool
) -> Outcome:
    error = f"{type(exc).__name__}"[:200]  # the class only: messages may echo addresses
    logger.warning("notification e-mail %s failed (try %s): %s", notification.pk, attempts, error)
    if permanent or attempts >= _max_attempts():
        Notification.objects.filter(pk=notification.pk).update(
            email_status=EmailStatus.FAILED,
            email_attempts=attempts,
            email_next_at=None,
            email_error=error,
            email_failed_at=now,
        )
        _announce_failure(notification)
        return Outcome.FAILED
    Notification.objects.filter(pk=notification.pk).update(
        email_attempts=attempts, email_next_at=now + backoff(attempts), email_error=error
    )
    return Outcome.UNREACHABLE if isinstance(exc, UNREACHABLE) else Outcome.RETRY


def _announce_failure(notification: Notification) -> None:
    """Tell the mavi team in the app (never by e-mail: the mail may be what is broken)."""
    from someluotsi.accounts.enums import Role
    from someluotsi.accounts.selectors import users_with_role

    url = reverse("notifications:deliveries")
    for user in users_with_role(role=Role.MAVI):
        with translation.override(user.preferred_language or "fi"):
            Notification.objects.create(
                recipient=user,
                subject=one_line(_("An e-mail notification could not be sent"))[:200],
                body=_("To %(name)s: %(subject)s. Open the list of deliveries to retry it.")
                % {"name": str(notification.recipient), "subject": notification.subject},
                url=url,
                email_status=EmailStatus.NONE,
                email_next_at=None,
            )


@dataclass(frozen=True)
class SweepResult:
    sent: int
    retrying: int
    failed: int
    stopped_early: bool


def notifications_retry_due(*, now: datetime | None = None, limit: int = 50) -> SweepResult:
    """Try every pending e-mail that is due (oldest first, at most `limit`); stop at the first
    sign that the mail server is unreachable."""
    now = now or timezone.now()
    due = Notification.objects.filter(
        email_status=EmailStatus.PENDING, email_next_at__lte=now
    ).order_by("email_next_at", "pk")
    counts = dict.fromkeys(Outcome, 0)
    stopped = False
    for notification_id in list(due.values_list("pk", flat=True)[:limit]):
        outcome = notification_email_attempt(notification_id, now=now)
        counts[outcome] += 1
        if outcome is Outcome.UNREACHABLE:
            stopped = True
            break
    return SweepResult(
        sent=counts[Outcome.SENT],
        retrying=counts[Outcome.RETRY] + counts[Outcome.UNREACHABLE],
        failed=counts[Outcome.FAILED],
        stopped_early=stopped,
    )


def sweep_after_request(**kwargs: object) -> None:
    """`request_finished` receiver for the embedded default (no beat): a sweep at most once a
    minute per process, after the response has been sent."""
    sweep_once_in_a_while(
        lock=SWEEP_LOCK,
        every_seconds=SWEEP_EVERY_SECONDS,
        enabled=settings.NOTIFICATION_RETRY_AFTER_REQUESTS,
        job=lambda: notifications_retry_due(limit=10),
        what="notification sweep",
    )


def notification_retry(*, notification: Notification, now: datetime | None = None) -> Outcome:
    """The mavi team asks for another try of a failed or waiting e-mail: it becomes due now."""
    now = now or timezone.now()
    Notification.objects.filter(pk=notification.pk).exclude(email_status=EmailStatus.SENT).update(
        email_status=EmailStatus.PENDING, email_attempts=0, email_next_at=now, email_failed_at=None
    )
    return notification_email_attempt(notification.pk, now=now)


@dataclass(frozen=True)
class DeliveryHealth:
    ok: bool
    failed_recently: int
    overdue: int


def delivery_health(*, now: datetime | None = None) -> DeliveryHealth:
    """Degraded when an e-mail failed in the last 24 hours or a waiting one is more than 30
    minutes past its time (nothing is retrying it)."""
    now = now or timezone.now()
    failed = Notification.objects.filter(
        email_status=EmailStatus.FAILED, email_failed_at__gte=now - timedelta(hours=24)
    ).count()
    overdue = Notification.objects.filter(
        email_status=EmailStatus.PENDING, email_next_at__lt=now - timedelta(minutes=30)
    ).count()
    return DeliveryHealth(ok=failed == 0 and overdue == 0, failed_recently=failed, overdue=overdue)
