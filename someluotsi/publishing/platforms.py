"""The only door to the platforms: the connectors' publishing contract.

Publishing calls `someluotsi.connectors.outbound` and `someluotsi.connectors.errors` and nothing
else of the connectors (the contract between the two apps, CONTRACT-publish.md). A channel
without a working connection publishes "by hand": the updater publishes on the platform and
enters the permalink here.

Never call `publish` or `delete` from a web request: they talk to a platform synchronously and
belong in a task (`tasks.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from someluotsi.channels.models import Channel
from someluotsi.connectors import outbound
from someluotsi.connectors.errors import ConnectorError


@dataclass(frozen=True)
class MediaFile:
    """An image or video as the platform gets it (the contract's OutboundMedia)."""

    content: bytes
    content_type: str
    alt_text: str
    filename: str


@dataclass(frozen=True)
class Outgoing:
    """What goes to one channel (the contract's OutboundPost)."""

    text: str
    link: str | None = None
    media: tuple[MediaFile, ...] = ()
    first_comment: str | None = None


@dataclass(frozen=True)
class Published:
    platform_post_id: str
    permalink: str
    published_at: datetime


class PlatformError(Exception):
    """A connector's refusal in the shape publishing needs (from the contract's ConnectorError).

    `code` is stable ("throttled", "auth_expired", "rejected", "not_connected",
    "unavailable", …), `retryable` says whether trying later may help, `retry_after` is the
    platform's own wait in seconds when it gave one, and `message` is worded for people.
    """

    def __init__(
        self, code: str, message: str, *, retryable: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after


def can_publish(channel: Channel) -> bool:
    """True when the channel has a working connection that publishes; otherwise by hand."""
    return bool(outbound.channel_can_publish(channel=channel))


def contract_limits(platform: str) -> outbound.PlatformLimits | None:
    """The connector's limits for a platform code, or None when no connector publishes there
    (the composer then uses its own table, `limits.py`)."""
    try:
        return outbound.post_limits(platform=platform)
    except ConnectorError:
        return None


def _as_platform_error(exc: ConnectorError) -> PlatformError:
    return PlatformError(
        exc.code,
        exc.user_message(),
        retryable=exc.retryable,
        retry_after=float(exc.retry_after) if exc.retry_after is not None else None,
    )


def publish(channel: Channel, outgoing: Outgoing, *, idempotency_key: str) -> Published:
    """Publish on the channel's platform; the same key never publishes twice.

    Raises PlatformError (from the connector's ConnectorError, or `not_connected` without one).
    """
    post = outbound.OutboundPost(
        text=outgoing.text,
        link=outgoing.link,
        media=tuple(
            outbound.OutboundMedia(
                content=m.content,
                content_type=m.content_type,
                alt_text=m.alt_text,
                filename=m.filename,
            )
            for m in outgoing.media
        ),
        first_comment=outgoing.first_comment,
    )
    try:
        result = outbound.post_publish(channel=channel, post=post, idempotency_key=idempotency_key)
    except ConnectorError as exc:
        raise _as_platform_error(exc) from exc
    return Published(
        platform_post_id=str(result.platform_post_id),
        permalink=str(result.permalink),
        published_at=result.published_at,
    )


def delete(channel: Channel, platform_post_id: str) -> None:
    """Delete a published post on the platform (already gone is not an error)."""
    try:
        outbound.post_delete(channel=channel, platform_post_id=platform_post_id)
    except ConnectorError as exc:
        raise _as_platform_error(exc) from exc
