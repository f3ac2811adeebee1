"""Background work of the connectors (thin: each task calls one function).

Webhook hints and polling feed the inbox; outbound actions retry with exponential back-off on
the platforms' throttle signals; tokens are refreshed ahead of expiry; figures are pulled daily.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.utils import timezone

from someluotsi.connectors import execution, ingest, metrics, retries
from someluotsi.connectors.actions import MAX_ATTEMPTS, backoff_seconds
from someluotsi.connectors.base import ItemKind, WebhookHint
from someluotsi.connectors.credentials import (
    connection_account,
    connection_record_error,
    connection_refresh,
)
from someluotsi.connectors.enums import ConnectionStatus
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.registry import connector_for
from someluotsi.connectors.selectors import connections_due_for_poll, connections_needing_refresh

logger = logging.getLogger(__name__)


def _hint(data: dict[str, Any]) -> WebhookHint:
    return WebhookHint(
        account_id=str(data["account_id"]),
        item_id=str(data["item_id"]),
        kind=ItemKind(data.get("kind", "comment")),
        thread_id=str(data.get("thread_id", "")),
        removed=bool(data.get("removed", False)),
    )


@shared_task(name="connectors.process_hints", acks_late=True, ignore_result=True)
def process_hints(platform: str, hints: list[dict[str, Any]]) -> int:
    """Fetch what a verified webhook pointed at, through the API, and ingest it once."""
    parsed = [_hint(h) for h in hints]
    created = 0
    for account_id in sorted({h.account_id for h in parsed}):
        connection = (
            Connection.objects.filter(
                platform=platform, account_id=account_id, status=ConnectionStatus.ACTIVE
            )
            .select_related("channel")
            .first()
        )
        if connection is None:
            logger.info("webhook for an account not connected here (%s)", platform)
            continue
        mine = [h for h in parsed if h.account_id == account_id]
        fresh = ingest.hints_new(connection=connection, hints=mine)
        if not fresh:
            continue
        try:
            account = connection_account(connection=connection)
            connector = connector_for(platform)
            items = []
            for hint in fresh:
                if hint.removed:
                    ingest.item_gone(connection=connection, item_id=hint.item_id)
                    continue
                item = connector.fetch_item(account=account, hint=hint)
                if item is None:
                    ingest.item_gone(connection=connection, item_id=hint.item_id)
                else:
                    items.append(item)
        except ConnectorError as error:
            connection_record_error(connection=connection, error=error)
            # The polling fallback picks up what could not be fetched now.
            logger.info("webhook fetch failed on %s: %s", platform, error.code)
            continue
        created += ingest.items_ingest(connection=connection, items=items)
    return created


@shared_task(name="connectors.poll_connection", ignore_result=True)
def poll_connection(connection_id: int) -> int:
    """Fetch everything new since the connection's cursor (the first time: the backfill)."""
    return ingest_poll(connection_id)


def ingest_poll(connection_id: int, *, max_pages: int = 20) -> int:
    connection = Connection.objects.select_related("channel").get(pk=connection_id)
    if connection.status != ConnectionStatus.ACTIVE:
        return 0
    cursor = dict(connection.cursor) or ingest.backfill_cursor(
        days=settings.CONNECTORS_BACKFILL_DAYS
    )
    created = 0
    try:
        account = connection_account(connection=connection)
        connector = connector_for(connection.platform)
        for _page in range(max_pages):
            result = connector.fetch_since(account=account, cursor=cursor)
            created += ingest.items_ingest(connection=connection, items=result.items)
            if result.posts:
                from someluotsi.channels.services import channel_record_post

                channel_record_post(actor=None, channel=connection.channel, at=max(result.posts))
            moved = dict(result.cursor) != cursor
            cursor = dict(result.cursor)
            Connection.objects.filter(pk=connection.pk).update(cursor=cursor)
            if not result.items or not moved or result.cursor.get("more") != "1":
                break
    except ConnectorError as error:
        connection_record_error(connection=connection, error=error)
        return created
    Connection.objects.filter(pk=connection.pk).update(
        last_polled_at=timezone.now(),
        backfilled_at=connection.backfilled_at or timezone.now(),
        last_error_code="",
    )
    return created


@shared_task(name="connectors.poll_due", ignore_result=True)
def poll_due() -> int:
    """Celery beat: queue a poll for every connection not checked for a while."""
    ids = list(connections_due_for_poll().values_list("pk", flat=True))
    for pk in ids:
        poll_connection.delay(pk)
    return len(ids)


@shared_task(name="connectors.refresh_tokens")
def refresh_tokens() -> int:
    """Celery beat: renew tokens that expire within the hour."""
    renewed = 0
    for connection in connections_needing_refresh():
        if not connection.refresh_token_enc:
            continue
        try:
            connection_refresh(connection=connection)
            renewed += 1
        except ConnectorError as error:
            logger.info("token refresh failed for connection %s: %s", connection.pk, error.code)
    return renewed


@shared_task(name="connectors.pull_metrics")
def pull_metrics(day: str | None = None) -> int:
    """Celery beat, every morning: yesterday's figures of each connected channel."""
    wanted = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return metrics.metrics_pull_all(day=wanted)


@shared_task(name="connectors.run_action", bind=True, max_retries=None, acks_late=True)
def run_action(self: Task[..., str], action_id: int) -> str:
    """Carry out a reply, hide, unhide or delete; retry with exponential back-off on
    throttling, timeouts and outages. In the eager embedded mode (no worker to come back
    later) it tries at most twice, at once."""
    tries = 2 if self.request.is_eager else 1
    for _try in range(tries):
        try:
            return execution.action_run(action_id=action_id)
        except ConnectorError as error:
            attempts = execution.action_attempts(action_id=action_id)
            if not error.retryable or attempts >= MAX_ATTEMPTS:
                return error.code
            if self.request.is_eager:
                continue
            raise self.retry(
                countdown=backoff_seconds(attempts=attempts, retry_after=error.retry_after),
                exc=error,
            ) from error
    return execution.action_status(action_id=action_id)


@shared_task(name="connectors.retry_actions", ignore_result=True)
def retry_actions() -> int:
    """Celery beat, every minute: replies, hides and deletes whose retry is due; the number
    done now."""
    return retries.actions_retry_due().done
