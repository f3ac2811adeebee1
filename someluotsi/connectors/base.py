"""The small protocol every platform connector implements, and the values it speaks in.

A connector is a plain object without Django models: it gets an `Account` (the platform's id for
the connected page or user and a decrypted access token) and talks to one platform over HTTP.
Times are aware UTC datetimes; every platform id is a string (ids exceed 2**53).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol


class Capability(StrEnum):
    """What a platform lets a connector do (README: what each platform does not allow)."""

    REPLY = "reply"
    HIDE = "hide"
    DELETE = "delete"
    PUBLISH = "publish"
    DELETE_POST = "delete_post"
    METRICS = "metrics"
    WEBHOOKS = "webhooks"
    DIRECT_MESSAGES = "direct_messages"
    PKCE = "pkce"


class ItemKind(StrEnum):
    """Inbox kinds (the values of inbox.enums.MessageKind)."""

    COMMENT = "comment"
    REPLY = "reply"
    MENTION = "mention"
    DIRECT = "direct"


@dataclass(frozen=True)
class PlatformConfig:
    """The city's app on a platform: credentials and where its API is.

    `api_base` is the platform's own address unless CONNECTORS_API_BASE_URLS points elsewhere
    (a proxy, or the tests' local HTTP server). `version` is the pinned API version (Meta
    `v25.0`, LinkedIn `YYYYMM`).
    """

    client_id: str = ""
    client_secret: str = ""
    verify_token: str = ""
    api_base: str = ""
    auth_base: str = ""
    version: str = ""
    timeout: float = 10.0
    replay_window: float = 300.0

    @property
    def configured(self) -> bool:
        return bool(self.client_id and self.client_secret)


@dataclass(frozen=True)
class Account:
    """The connected account as a connector sees it; `token` is decrypted, never logged."""

    account_id: str
    token: str = field(repr=False)
    name: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TokenSet:
    """Tokens as the platform returned them; lifetimes from its `expires_in` fields."""

    access_token: str = field(repr=False)
    refresh_token: str = field(default="", repr=False)
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    scopes: tuple[str, ...] = ()
    account_id: str = ""
    account_name: str = ""


@dataclass(frozen=True)
class RemoteItem:
    """A comment, reply, mention or direct message on the platform.

    `thread_id` is the post (video, tweet) the item belongs to and `thread_text` its text or
    title (the thread context on the message page); `parent_id` the comment it answers.
    `own` marks the account's own replies (never ingested as citizens' messages).
    """

    external_id: str
    kind: ItemKind
    text: str
    created_at: datetime
    author: str = ""
    parent_id: str = ""
    thread_id: str = ""
    thread_text: str = ""
    permalink: str = ""
    own: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class FetchResult:
    """Items found since a cursor, the cursor to continue from, and posts the account made."""

    items: tuple[RemoteItem, ...]
    cursor: Mapping[str, str]
    posts: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class ActionResult:
    """What the platform answered to a reply, hide or delete."""

    platform_id: str = ""
    permalink: str = ""


@dataclass(frozen=True)
class MetricPoint:
    """One daily figure; `metric` is a value of metrics.enums.Metric."""

    day: date
    metric: str
    value: float


@dataclass(frozen=True)
class WebhookHint:
    """What a webhook says happened: an item id to fetch through the API (or one removed)."""

    account_id: str
    item_id: str
    kind: ItemKind = ItemKind.COMMENT
    thread_id: str = ""
    removed: bool = False


@dataclass(frozen=True)
class HandshakeAnswer:
    status: int
    body: str
    content_type: str = "text/plain"


@dataclass(frozen=True)
class PlatformLimits:
    """Pure data for the composer: text length as the platform counts it, media, links."""

    max_text_chars: int
    max_media: int
    media_types: tuple[str, ...]
    link_shortened_to: int | None = None  # X counts every link as 23 characters
    first_comment: bool = False
    needs_media: bool = False  # Instagram, YouTube and TikTok posts are media


@dataclass(frozen=True)
class OutboundMedia:
    content: bytes = field(repr=False)
    content_type: str
    alt_text: str
    filename: str


@dataclass(frozen=True)
class OutboundPost:
    text: str
    link: str | None = None
    media: tuple[OutboundMedia, ...] = ()
    first_comment: str | None = None


@dataclass(frozen=True)
class PublishedPost:
    platform_post_id: str
    permalink: str
    published_at: datetime


class Connector(Protocol):
    """One platform. Methods raise `errors.ConnectorError`; webhook checks `WebhookRejectedError`.

    Methods a platform does not allow raise ConnectorError(NOT_SUPPORTED) and the capability is
    missing from `capabilities`.
    """

    platform: str
    capabilities: frozenset[Capability]
    limits: PlatformLimits
    scopes: tuple[str, ...]

    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        """Where to send the user to grant access (OAuth 2.0 authorization code)."""
        ...

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        """Trade the authorization code for tokens and find the account they manage."""
        ...

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        """New tokens before the old ones expire (lifetimes as the platform returns them)."""
        ...

    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        """Items newer than the cursor (an empty cursor: the backfill window)."""
        ...

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        """The item a webhook hinted at, through the API; None when it is gone."""
        ...

    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult: ...

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        """The account's reply with this text made after `since`, if the platform has one:
        a retry after a timeout adopts it instead of posting twice."""
        ...

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None: ...

    def delete(self, *, account: Account, item: RemoteItem) -> None: ...

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]: ...

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost: ...

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        """A post with this text made after `since` (publishing's retry after a timeout)."""
        ...

    def delete_post(self, *, account: Account, platform_post_id: str) -> None: ...

    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        """Answer the platform's webhook verification (GET)."""
        ...

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        """Check the signature over the raw bytes in constant time; raise WebhookRejectedError."""
        ...

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        """Hints from a verified body; WebhookRejectedError(400/422) for malformed or unknown."""
        ...
