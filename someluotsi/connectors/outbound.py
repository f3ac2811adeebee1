"""Publishing on the platforms: the contract with the `publishing` app (CONTRACT-publish.md).

`publishing` imports only this module and `someluotsi.connectors.errors`. Calls are synchronous
and talk to the platform: call them from a Celery task, never from a web request.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from someluotsi.channels.models import Channel
from someluotsi.connectors.actions import action_claim, action_perform
from someluotsi.connectors.base import (
    Capability,
    OutboundMedia,
    OutboundPost,
    PlatformLimits,
    PublishedPost,
)
from someluotsi.connectors.credentials import (
    connection_account,
    connection_record_error,
)
from someluotsi.connectors.enums import ActionKind, ActionStatus
from someluotsi.connectors.errors import (
    NOT_CONNECTED,
    NOT_FOUND,
    NOT_SUPPORTED,
    REJECTED,
    UNAVAILABLE,
    ConnectorError,
)
from someluotsi.connectors.models import OutboundAction
from someluotsi.connectors.registry import CONNECTORS, connector_for, platform_enabled
from someluotsi.connectors.selectors import working_connection

__all__ = [
    "OutboundMedia",
    "OutboundPost",
    "PlatformLimits",
    "PublishedPost",
    "channel_can_publish",
    "post_delete",
    "post_limits",
    "post_publish",
]


def channel_can_publish(*, channel: Channel) -> bool:
    """True when the channel has a working connection whose connector supports publishing."""
    connection = working_connection(channel=channel)
    if connection is None or not platform_enabled(connection.platform):
        return False
    return Capability.PUBLISH in connector_for(connection.platform).capabilities


def post_limits(*, platform: str) -> PlatformLimits:
    """The platform's limits for the composer (pure data). `platform` is a connector name
    (facebook, instagram, youtube, linkedin, x, tiktok, sandbox); ConnectorError(NOT_SUPPORTED)
    for others."""
    if platform not in CONNECTORS:
        raise ConnectorError(NOT_SUPPORTED, f"no connector for {platform!r}")
    return connector_for(platform).limits


def _published(action: OutboundAction) -> PublishedPost:
    return PublishedPost(
        platform_post_id=action.platform_id,
        permalink=action.permalink,
        published_at=datetime.fromisoformat(action.payload["published_at"]),
    )


def _validate(post: OutboundPost, limits: PlatformLimits) -> None:
    if len(post.media) > limits.max_media:
        raise ConnectorError(REJECTED, "too many media", retryable=False)
    if limits.needs_media and not post.media:
        raise ConnectorError(REJECTED, "the platform publishes media only", retryable=False)
    for media in post.media:
        if media.content_type not in limits.media_types:
            raise ConnectorError(REJECTED, f"media type {media.content_type}", retryable=False)
        if not media.alt_text.strip():
            raise ConnectorError(REJECTED, "media without alt text", retryable=False)
    if post.first_comment and not limits.first_comment:
        raise ConnectorError(NOT_SUPPORTED, "no first comment on this platform")


def post_publish(*, channel: Channel, post: OutboundPost, idempotency_key: str) -> PublishedPost:
    """Publish on the platform (synchronously; call it from a Celery task, never a request).

    The same idempotency_key never publishes twice: it returns the first result, and a retry
    after a timeout first looks for the post on the platform. Raises ConnectorError
    (`not_connected`, `throttled`, `auth_expired`, `rejected`, `timeout`, `unavailable`, …);
    retryable ones should be retried by the caller with back-off (`retry_after` when given).
    Audited as `platform_action.done` / `.failed`; the channel's latest post is updated.
    """
    key = f"publish:{channel.pk}:{idempotency_key}"
    existing = OutboundAction.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.status == ActionStatus.DONE:
        return _published(existing)
    connection = working_connection(channel=channel)
    if connection is None:
        raise ConnectorError(NOT_CONNECTED, "channel has no working connection")
    connector = connector_for(connection.platform)
    if Capability.PUBLISH not in connector.capabilities:
        raise ConnectorError(NOT_SUPPORTED, f"{connection.platform} does not publish")
    _validate(post, connector.limits)
    if existing is None:
        try:
            with transaction.atomic():
                existing = OutboundAction.objects.create(
                    idempotency_key=key, connection=connection, channel=channel,
                    kind=ActionKind.PUBLISH, text=post.text,
                )  # fmt: skip
        except IntegrityError:
            existing = OutboundAction.objects.get(idempotency_key=key)
    action = action_claim(action_id=existing.pk)
    if action is None:
        existing.refresh_from_db()
        if existing.status == ActionStatus.DONE:
            return _published(existing)
        if existing.status == ActionStatus.FAILED:
            raise ConnectorError(existing.error_code or REJECTED, "failed earlier", retryable=False)
        raise ConnectorError(UNAVAILABLE, "the same publication is in progress", retry_after=30)
    try:
        account = connection_account(connection=connection)
        since = action.first_attempt_at or action.requested_at
        published = action_perform(
            action=action, connector=connector, account=account,
            perform=lambda: connector.publish(account=account, post=post),
            reconcile=lambda: connector.find_post(account=account, text=post.text, since=since),
            ident=lambda result: (result.platform_post_id, result.permalink),
        )  # fmt: skip
    except ConnectorError as error:
        if action.status == ActionStatus.RUNNING:  # failed before the call (token refresh)
            from someluotsi.connectors.actions import action_fail

            action_fail(action=action, error=error, final=not error.retryable)
        connection_record_error(connection=connection, error=error)
        raise
    action.payload = {"published_at": published.published_at.isoformat()}
    action.save(update_fields=["payload"])
    from someluotsi.channels.services import channel_record_post

    channel_record_post(actor=None, channel=channel, at=published.published_at)
    return published


def post_delete(*, channel: Channel, platform_post_id: str) -> None:
    """Delete (withdraw) a published post on the platform. Deleting a post that is already gone
    is not an error. Audited as `platform_action.done`."""
    connection = working_connection(channel=channel)
    if connection is None:
        raise ConnectorError(NOT_CONNECTED, "channel has no working connection")
    connector = connector_for(connection.platform)
    if Capability.DELETE_POST not in connector.capabilities:
        raise ConnectorError(NOT_SUPPORTED, f"{connection.platform} cannot delete posts")
    key = f"delete_post:{channel.pk}:{platform_post_id}"
    action, _created = OutboundAction.objects.get_or_create(
        idempotency_key=key,
        defaults={"connection": connection, "channel": channel, "kind": ActionKind.DELETE_POST,
                  "target_id": platform_post_id},
    )  # fmt: skip
    if action.status == ActionStatus.DONE:
        return
    if action.status == ActionStatus.FAILED:
        action.status = ActionStatus.RETRYING  # asked again: try again
        action.save(update_fields=["status"])
    claimed = action_claim(action_id=action.pk)
    if claimed is None:
        raise ConnectorError(UNAVAILABLE, "the same deletion is in progress", retry_after=30)

    def perform() -> str:
        try:
            connector.delete_post(account=account, platform_post_id=platform_post_id)
        except ConnectorError as error:
            if error.code != NOT_FOUND:
                raise
        return platform_post_id

    try:
        account = connection_account(connection=connection)
        action_perform(
            action=claimed, connector=connector, account=account, perform=perform,
            reconcile=None, ident=lambda pid: (pid, ""),
        )  # fmt: skip
    except ConnectorError as error:
        if claimed.status == ActionStatus.RUNNING:
            from someluotsi.connectors.actions import action_fail

            action_fail(action=claimed, error=error, final=not error.retryable)
        connection_record_error(connection=connection, error=error)
        raise
