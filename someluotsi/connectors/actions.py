"""Outbound actions carried out on the platform, exactly once.

An action is a row with a unique idempotency key. A worker *claims* it with one conditional
UPDATE (no lock held during the HTTP call, which SQLite could not afford); a second worker with
the same action finds nothing to claim. A retry after a timeout first asks the platform whether
the first try landed (`find_reply` / `find_post`) and adopts what it finds, so a retried reply is
never posted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.db.models import F, Q
from django.utils import timezone

from someluotsi.audit.services import audit_record
from someluotsi.connectors.base import Account, Connector
from someluotsi.connectors.enums import ActionStatus
from someluotsi.connectors.errors import AUTH_EXPIRED, ConnectorError
from someluotsi.connectors.models import OutboundAction

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A claim older than this is taken to be a worker that died mid-call.
STALE_CLAIM = timedelta(minutes=5)
# Reconciliation looks this far before the first attempt (platform clocks differ a little).
CLOCK_SLACK = timedelta(minutes=2)

T = TypeVar("T")


def action_claim(*, action_id: int) -> OutboundAction | None:
    """Take the action for this worker; None when it is done, failed or someone else's."""
    now = timezone.now()
    claimable = Q(status__in=[ActionStatus.PENDING, ActionStatus.RETRYING]) | Q(
        status=ActionStatus.RUNNING, claimed_at__lt=now - STALE_CLAIM
    )
    updated = (
        OutboundAction.objects.filter(pk=action_id)
        .filter(claimable)
        .update(status=ActionStatus.RUNNING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not updated:
        return None
    action = OutboundAction.objects.select_related("connection", "message").get(pk=action_id)
    if action.first_attempt_at is None:
        action.first_attempt_at = now
        action.save(update_fields=["first_attempt_at"])
    return action


def action_finish(
    *, action: OutboundAction, platform_id: str, permalink: str, adopted: bool
) -> None:
    action.status = ActionStatus.DONE
    action.platform_id = platform_id
    action.permalink = permalink
    action.error_code = ""
    action.done_at = timezone.now()
    action.save(update_fields=["status", "platform_id", "permalink", "error_code", "done_at"])
    audit_record(
        actor=action.requested_by,
        action="platform_action.done",
        target=action.message or action.channel,
        data={
            "action": action.pk,
            "kind": action.kind,
            "platform_id": platform_id,
            "permalink": permalink,
            "attempts": action.attempts,
            "adopted_after_timeout": adopted,
        },
    )


def action_fail(*, action: OutboundAction, error: ConnectorError, final: bool) -> None:
    """Record a failed attempt: RETRYING, due again after the back-off (`next_attempt_at`: the
    task's own retry or the sweep of connectors/retries.py tries again), or FAILED for good."""
    action.status = ActionStatus.FAILED if final else ActionStatus.RETRYING
    action.error_code = error.code
    action.next_attempt_at = (
        None
        if final
        else timezone.now()
        + timedelta(
            seconds=backoff_seconds(attempts=action.attempts, retry_after=error.retry_after)
        )
    )
    action.save(update_fields=["status", "error_code", "next_attempt_at"])
    if final:
        audit_record(
            actor=action.requested_by,
            action="platform_action.failed",
            target=action.message or action.channel,
            data={"action": action.pk, "kind": action.kind, "code": error.code,
                  "attempts": action.attempts},
        )  # fmt: skip


def action_perform(
    *,
    action: OutboundAction,
    connector: Connector,
    account: Account,
    perform: Callable[[], T],
    reconcile: Callable[[], T | None] | None,
    ident: Callable[[T], tuple[str, str]],
) -> T:
    """Run `perform` for a claimed action, after `reconcile` when an earlier try may have
    landed. Records the outcome; re-raises ConnectorError (retryable ones leave RETRYING)."""
    adopted = False
    result: T | None = None
    try:
        if reconcile is not None and action.attempts > 1:
            result = reconcile()
            adopted = result is not None
        if result is None:
            result = perform()
    except ConnectorError as error:
        final = not error.retryable or action.attempts >= MAX_ATTEMPTS or error.code == AUTH_EXPIRED
        action_fail(action=action, error=error, final=final)
        logger.info("action %s %s failed: %s", action.pk, action.kind, error.code)
        raise
    platform_id, permalink = ident(result)
    action_finish(action=action, platform_id=platform_id, permalink=permalink, adopted=adopted)
    return result


def backoff_seconds(*, attempts: int, retry_after: float | None) -> float:
    """Exponential back-off (5 s, 10 s, 20 s … at most 15 min), or the platform's own wait."""
    if retry_after is not None:
        return min(max(retry_after, 1.0), 24 * 3600.0)
    return float(min(5 * 2 ** max(attempts - 1, 0), 900))
