"""The Instagram professional account connector (Instagram API with Facebook Login).

Reads comments and mentions on the account's media, replies, hides and unhides, deletes, and
pulls daily insights. Not offered: publishing (the API takes media only from a public URL,
which the city's installation does not serve), deleting the account's own posts (no API),
and reading direct messages (Instagram messaging needs a separate Meta review; not built).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from someluotsi.connectors.base import (
    Account,
    ActionResult,
    Capability,
    FetchResult,
    HandshakeAnswer,
    ItemKind,
    MetricPoint,
    OutboundPost,
    PlatformLimits,
    PublishedPost,
    RemoteItem,
    TokenSet,
    WebhookHint,
)
from someluotsi.connectors.errors import NOT_FOUND, NOT_SUPPORTED, PERMISSION, ConnectorError
from someluotsi.connectors.meta import webhooks
from someluotsi.connectors.meta.facebook import FacebookConnector
from someluotsi.connectors.parsing import as_id, from_iso, to_epoch_seconds

COMMENT_FIELDS = "id,text,timestamp,username,from{id,username},parent_id,hidden,media{id}"
# Account insights after the 2025 deprecations (`impressions` → `views`).
ACCOUNT_METRICS = {"reach": "reach", "views": "views", "total_interactions": "interactions"}


def _comment(data: Mapping[str, Any], *, account_id: str, media: Mapping[str, Any]) -> RemoteItem:
    author = data.get("from") or {}
    parent = str(data.get("parent_id") or "")
    return RemoteItem(
        external_id=as_id(data["id"]),
        kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
        text=str(data.get("text", "")),
        created_at=from_iso(str(data["timestamp"])),
        author="@" + str(data.get("username") or author.get("username", "")),
        parent_id=parent,
        thread_id=str(media.get("id", "")),
        thread_text=str(media.get("caption", "")),
        # Comments have no links of their own on Instagram: the media's permalink.
        permalink=str(media.get("permalink", "")),
        own=str(author.get("id", "")) == account_id,
        hidden=bool(data.get("hidden", False)),
    )


class InstagramConnector(FacebookConnector):
    platform: str = "instagram"
    capabilities: frozenset[Capability] = frozenset(
        {Capability.REPLY, Capability.HIDE, Capability.DELETE, Capability.METRICS,
         Capability.WEBHOOKS}
    )  # fmt: skip
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=2200, max_media=10, media_types=("image/jpeg",), needs_media=True
    )
    scopes: tuple[str, ...] = (
        "instagram_basic", "instagram_manage_comments", "instagram_manage_insights",
        "pages_show_list", "pages_read_engagement",
    )  # fmt: skip

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        for page in self._pages(self._user_token(code, redirect_uri)):
            linked = page.get("instagram_business_account")
            if linked:
                return TokenSet(
                    access_token=str(page["access_token"]), scopes=self.scopes,
                    account_id=as_id(linked["id"]),
                    account_name="@" + str(linked.get("username", "")),
                )  # fmt: skip
        raise ConnectorError(
            PERMISSION, "no Instagram professional account linked", retryable=False
        )

    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        graph = self.graph(account.token)
        since = int(cursor.get("since", "0") or 0)
        newest = since
        items: list[RemoteItem] = []
        posts: list[datetime] = []
        for media in graph.pages(
            f"{account.account_id}/media",
            {"fields": "id,caption,permalink,timestamp", "limit": 25}, max_pages=2,
        ):  # fmt: skip
            posts.append(from_iso(str(media["timestamp"])))
            for data in graph.pages(
                f"{media['id']}/comments",
                {"fields": COMMENT_FIELDS + ",replies{" + COMMENT_FIELDS + "}", "limit": 50},
            ):
                rows = [data, *((data.get("replies") or {}).get("data", []))]
                for row in rows:
                    item = _comment(row, account_id=account.account_id, media=media)
                    stamp = to_epoch_seconds(item.created_at)
                    if stamp > since:
                        newest = max(newest, stamp)
                        items.append(item)
        fresh_posts = tuple(p for p in posts if to_epoch_seconds(p) > since)
        return FetchResult(tuple(items), {"since": str(newest)}, fresh_posts)

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        graph = self.graph(account.token)
        try:
            data = graph.get(hint.item_id, {"fields": COMMENT_FIELDS})
            media_id = hint.thread_id or str((data.get("media") or {}).get("id", ""))
            media = graph.get(media_id, {"fields": "id,caption,permalink"}) if media_id else {}
        except ConnectorError as error:
            if error.code == NOT_FOUND:
                return None
            raise
        item = _comment(data, account_id=account.account_id, media=media)
        if hint.kind == ItemKind.MENTION:
            from dataclasses import replace

            item = replace(item, kind=ItemKind.MENTION)
        return item

    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        graph = self.graph(account.token)
        if item.kind == ItemKind.MENTION:
            created = graph.post(
                f"{account.account_id}/mentions",
                {"media_id": item.thread_id, "comment_id": item.external_id, "message": text},
            )
        else:
            # Instagram threads are one level deep: a reply to a reply goes to its parent.
            target = item.parent_id or item.external_id
            created = graph.post(f"{target}/replies", {"message": text})
        return ActionResult(as_id(created["id"]))

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        graph = self.graph(account.token)
        target = item.parent_id or item.external_id
        for data in graph.pages(f"{target}/replies", {"fields": "id,text,timestamp,from{id}"}):
            mine = str((data.get("from") or {}).get("id", "")) == account.account_id
            recent = from_iso(str(data["timestamp"])) >= since - timedelta(minutes=2)
            if mine and recent and str(data.get("text", "")).strip() == text.strip():
                return ActionResult(as_id(data["id"]))
        return None

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        self.graph(account.token).post(item.external_id, {"hide": "true" if hidden else "false"})

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        graph = self.graph(account.token)
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        listing = graph.get(
            f"{account.account_id}/insights",
            {"metric": ",".join(ACCOUNT_METRICS), "period": "day", "metric_type": "total_value",
             "since": to_epoch_seconds(start),
             "until": to_epoch_seconds(start + timedelta(days=1))},
        )  # fmt: skip
        points = [
            MetricPoint(day, ACCOUNT_METRICS[row["name"]], float(row["total_value"]["value"]))
            for row in listing.get("data", [])
            if row.get("name") in ACCOUNT_METRICS and "total_value" in row
        ]
        profile = graph.get(account.account_id, {"fields": "followers_count"})
        if isinstance(profile.get("followers_count"), int):
            points.append(MetricPoint(day, "followers", float(profile["followers_count"])))
        return points

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        raise ConnectorError(NOT_SUPPORTED, "Instagram publishes media from public URLs only")

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        return None

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        raise ConnectorError(NOT_SUPPORTED, "Instagram has no API to delete media")

    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        return webhooks.handshake(self.config, query)

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        return webhooks.parse_instagram(body)
