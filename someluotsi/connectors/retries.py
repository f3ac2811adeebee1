"""Durable retries of the platform actions on messages (reply, hide, unhide, delete).

An action that failed in a way retrying may cure is left RETRYING with its back-off time in
`next_attempt_at` (actions.py). Who takes it up again, as for notification e-mails
(notifications/delivery.py):
- with Celery: the task that failed schedules its own retry at the back-off time, and the beat
  entry `connectors-actions-retry` sweeps every minute for anything due (a lost task, a worker
  that died mid-call, a broker that was down when the action was queued);
- in the embedded default (eager tasks, no beat): a sweep runs after a finished request at most
  once a minute per process (`request_finished`, after the response has gone out).
An action is claimed with one conditional UPDATE before each try (actions.py), so the task, the
beat sweep and a request sweep never run one action twice at the same time; a retried reply
first looks on the platform for what an earlier try did, so it is never posted twice.

Publishing's actions (publish, delete a post) are retried by publishing's own schedule.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from someluotsi.connectors import execution
from someluotsi.connectors.actions import STALE_CLAIM
from someluotsi.connectors.enums import ActionKind, ActionStatus
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import OutboundAction
from someluotsi.core.sweeps import sweep_once_in_a_while

logger = logging.getLogger(__name__)

# The kinds a message's page asks for (executed by execution.action_run).
MESSAGE_KINDS = (ActionKind.REPLY, ActionKind.HIDE, ActionKind.UNHIDE, ActionKind.DELETE)
# A PENDING action older than this was never run: its queued task was lost.
PENDING_GRACE = timedelta(minutes=1)
SWEEP_LOCK = "someluotsi:connectors:actions-sweep"
SWEEP_EVERY_SECONDS = 60


@dataclass(frozen=True)
class SweepResult:
    done: int
    retrying: int
    failed: int


def actions_due(*, now: datetime | None = None) -> list[int]:
    """Ids of the message actions to try now, oldest first: RETRYING ones whose back-off has
    passed, PENDING ones never run, RUNNING ones whose worker died mid-call."""
    now = now or timezone.now()
    due = (
        Q(status=ActionStatus.RETRYING)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        | Q(status=ActionStatus.PENDING, requested_at__lte=now - PENDING_GRACE)
        | Q(status=ActionStatus.RUNNING, claimed_at__lt=now - STALE_CLAIM)
    )
    rows = OutboundAction.objects.filter(due, kind__in=[k.value for k in MESSAGE_KINDS])
    return list(rows.order_by("requested_at", "pk").values_list("pk", flat=True))


def actions_retry_due(*, now: datetime | None = None, limit: int = 50) -> SweepResult:
    """Try every due action once (at most `limit`); the counts of the outcomes."""
    done = retrying = failed = 0
    for action_id in actions_due(now=now)[:limit]:
        try:
            execution.action_run(action_id=action_id)
        except ConnectorError as error:
            logger.info("action %s retry failed: %s", action_id, error.code)
        status = execution.action_status(action_id=action_id)
        done += status == ActionStatus.DONE
        retrying += status == ActionStatus.RETRYING
        failed += status == ActionStatus.FAILED
    return SweepResult(done=done, retrying=retrying, failed=failed)


def sweep_after_request(**kwargs: object) -> None:
    """`request_finished` receiver for the embedded default (no beat): a sweep at most once a
    minute per process, after the response has been sent."""
    sweep_once_in_a_while(
        lock=SWEEP_LOCK,
        every_seconds=SWEEP_EVERY_SECONDS,
        enabled=settings.CONNECTORS_RETRY_AFTER_REQUESTS,
        job=lambda: actions_retry_due(limit=10),
        what="platform action sweep",
    )
