"""The Facebook Page connector (Graph API, Page access token from Facebook Login).

Capabilities: read comments and Messenger messages, reply (comments and messages), hide and
unhide, delete, publish (text, link, images), delete posts, daily insights. Facebook Login does
not use PKCE for this server-side flow; `state` is checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from someluotsi.connectors import http
from someluotsi.connectors.base import (
    Account,
    ActionResult,
    Capability,
    FetchResult,
    HandshakeAnswer,
    ItemKind,
    MetricPoint,
    OutboundPost,
    PlatformConfig,
    PlatformLimits,
    PublishedPost,
    RemoteItem,
    TokenSet,
    WebhookHint,
)
from someluotsi.connectors.errors import (
    AUTH_EXPIRED,
    NOT_FOUND,
    PERMISSION,
    REJECTED,
    ConnectorError,
)
from someluotsi.connectors.meta import webhooks
from someluotsi.connectors.meta.client import GraphClient
from someluotsi.connectors.meta.exceptions import graph_error
from someluotsi.connectors.parsing import as_id, from_iso, to_epoch_seconds

COMMENT_FIELDS = "id,message,created_time,from,parent{id},permalink_url,is_hidden"
# Page insights that survive the 2025–2026 deprecations (platform-apis.md §1.4) → our metrics.
PAGE_METRICS = {
    "page_follows": "followers",
    "page_media_view": "views",
    "page_total_media_view_unique": "reach",
    "page_post_engagements": "interactions",
}


def _comment(
    data: Mapping[str, Any], *, page_id: str, thread_id: str, thread_text: str
) -> RemoteItem:
    author = data.get("from") or {}
    parent = (data.get("parent") or {}).get("id", "")
    return RemoteItem(
        external_id=as_id(data["id"]),
        kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
        text=str(data.get("message", "")),
        created_at=from_iso(str(data["created_time"])),
        author=str(author.get("name", "")),
        parent_id=str(parent),
        thread_id=thread_id,
        thread_text=thread_text,
        permalink=str(data.get("permalink_url", "")),
        own=str(author.get("id", "")) == page_id,
        hidden=bool(data.get("is_hidden", False)),
    )


class FacebookConnector:
    platform: str = "facebook"
    capabilities: frozenset[Capability] = frozenset(
        {Capability.REPLY, Capability.HIDE, Capability.DELETE, Capability.PUBLISH,
         Capability.DELETE_POST, Capability.METRICS, Capability.WEBHOOKS,
         Capability.DIRECT_MESSAGES}
    )  # fmt: skip
    # A Page post's text may be very long (63,206 characters); we keep the engine's limit.
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=63_206, max_media=10, media_types=("image/jpeg", "image/png", "image/gif"),
        first_comment=True,
    )  # fmt: skip
    scopes: tuple[str, ...] = (
        "pages_show_list", "pages_read_engagement", "pages_read_user_content",
        "pages_manage_engagement", "pages_manage_posts", "pages_manage_metadata", "read_insights",
        "pages_messaging",
    )  # fmt: skip

    def __init__(self, config: PlatformConfig) -> None:
        self.config = config

    def graph(self, token: str) -> GraphClient:
        return GraphClient(self.config, token)

    # --- OAuth ----------------------------------------------------------------------------
    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        base = self.config.auth_base or "https://www.facebook.com"
        query = urlencode(
            {"client_id": self.config.client_id, "redirect_uri": redirect_uri, "state": state,
             "response_type": "code", "scope": ",".join(self.scopes)}
        )  # fmt: skip
        return f"{base}/{self.config.version}/dialog/oauth?{query}"

    def _user_token(self, code: str, redirect_uri: str) -> str:
        app = self.graph("")
        short = http.json_of(http.call(
            "GET", app.url("oauth/access_token"), timeout=self.config.timeout, mapper=graph_error,
            params={"client_id": self.config.client_id, "client_secret": self.config.client_secret,
                    "redirect_uri": redirect_uri, "code": code},
        ))  # fmt: skip
        # A long-lived user token (about 60 days); Page tokens derived from it do not expire.
        long = http.json_of(http.call(
            "GET", app.url("oauth/access_token"), timeout=self.config.timeout, mapper=graph_error,
            params={"grant_type": "fb_exchange_token", "client_id": self.config.client_id,
                    "client_secret": self.config.client_secret,
                    "fb_exchange_token": short["access_token"]},
        ))  # fmt: skip
        return str(long["access_token"])

    def _pages(self, user_token: str) -> list[dict[str, Any]]:
        fields = "id,name,access_token,instagram_business_account{id,username}"
        return list(self.graph(user_token).pages("me/accounts", {"fields": fields}))

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        pages = self._pages(self._user_token(code, redirect_uri))
        if not pages:
            raise ConnectorError(PERMISSION, "the user manages no Page", retryable=False)
        page = pages[0]  # the Page the administrator chose in Facebook's dialog
        return TokenSet(
            access_token=str(page["access_token"]), scopes=self.scopes,
            account_id=as_id(page["id"]), account_name=str(page.get("name", "")),
        )  # fmt: skip

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        # Page tokens have no expiry; when Meta invalidates one (password change, role
        # removed, app removed) only reconnecting helps.
        raise ConnectorError(AUTH_EXPIRED, "page tokens are not refreshed; reconnect")

    # --- Reading --------------------------------------------------------------------------
    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        graph = self.graph(account.token)
        since = int(cursor.get("since", "0") or 0)
        newest = since
        items: list[RemoteItem] = []
        posts: list[datetime] = []
        window = since - 14 * 86400  # comments keep arriving under posts of the last weeks
        for post in graph.pages(
            f"{account.account_id}/feed",
            {"fields": "id,message,created_time,from{id}", "since": max(window, 0), "limit": 25},
        ):
            created = from_iso(str(post["created_time"]))
            if str((post.get("from") or {}).get("id", "")) == account.account_id:
                posts.append(created)
            for data in graph.pages(
                f"{post['id']}/comments",
                {"fields": COMMENT_FIELDS, "filter": "stream", "order": "chronological",
                 "since": since, "limit": 100},
            ):  # fmt: skip
                item = _comment(data, page_id=account.account_id, thread_id=str(post["id"]),
                                thread_text=str(post.get("message", "")))  # fmt: skip
                stamp = to_epoch_seconds(item.created_at)
                if stamp <= since:
                    continue
                newest = max(newest, stamp)
                items.append(item)
        return FetchResult(tuple(items), {"since": str(newest)}, tuple(posts))

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        graph = self.graph(account.token)
        try:
            if hint.kind == ItemKind.DIRECT:
                data = graph.get(hint.item_id, {"fields": "id,message,created_time,from"})
                return RemoteItem(
                    external_id=as_id(data["id"]), kind=ItemKind.DIRECT,
                    text=str(data.get("message", "")),
                    created_at=from_iso(str(data["created_time"])),
                    author=str((data.get("from") or {}).get("name", "")),
                    parent_id=hint.thread_id,  # the sender's page-scoped id: replies go there
                    own=str((data.get("from") or {}).get("id", "")) == account.account_id,
                )  # fmt: skip
            data = graph.get(hint.item_id, {"fields": COMMENT_FIELDS})
            thread_text = ""
            if hint.thread_id:
                thread_text = str(
                    graph.get(hint.thread_id, {"fields": "message"}).get("message", "")
                )
        except ConnectorError as error:
            if error.code == NOT_FOUND:
                return None
            raise
        return _comment(data, page_id=account.account_id, thread_id=hint.thread_id,
                        thread_text=thread_text)  # fmt: skip

    # --- Acting ---------------------------------------------------------------------------
    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        graph = self.graph(account.token)
        if item.kind == ItemKind.DIRECT:
            sent = graph.post(
                f"{account.account_id}/messages",
                {"recipient": f'{{"id":"{item.parent_id}"}}', "messaging_type": "RESPONSE",
                 "message": _json({"text": text})},
            )  # fmt: skip
            return ActionResult(str(sent.get("message_id", "")))
        created = graph.post(f"{item.external_id}/comments", {"message": text})
        reply_id = as_id(created["id"])
        return ActionResult(reply_id, self._permalink(graph, reply_id))

    @staticmethod
    def _permalink(graph: GraphClient, object_id: str) -> str:
        try:
            return str(graph.get(object_id, {"fields": "permalink_url"}).get("permalink_url", ""))
        except ConnectorError:
            return ""  # the reply stands; its link is a nicety

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        if item.kind == ItemKind.DIRECT:
            return None  # Messenger has no listing to reconcile against cheaply
        graph = self.graph(account.token)
        start = to_epoch_seconds(since - timedelta(minutes=2))
        for data in graph.pages(
            f"{item.external_id}/comments",
            {"fields": "id,message,from{id},permalink_url", "since": start, "limit": 100},
        ):
            if str((data.get("from") or {}).get("id", "")) == account.account_id and (
                str(data.get("message", "")).strip() == text.strip()
            ):
                return ActionResult(as_id(data["id"]), str(data.get("permalink_url", "")))
        return None

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        self.graph(account.token).post(
            item.external_id, {"is_hidden": "true" if hidden else "false"}
        )

    def delete(self, *, account: Account, item: RemoteItem) -> None:
        self.graph(account.token).delete(item.external_id)

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        graph = self.graph(account.token)
        since = datetime(day.year, day.month, day.day, tzinfo=UTC)
        params = {"period": "day", "since": to_epoch_seconds(since),
                  "until": to_epoch_seconds(since + timedelta(days=1))}  # fmt: skip
        points: list[MetricPoint] = []
        for metric, ours in PAGE_METRICS.items():
            try:  # one by one: Meta refuses a whole request for one deprecated metric
                listing = graph.get(f"{account.account_id}/insights", {**params, "metric": metric})
            except ConnectorError as error:
                if error.code == REJECTED:
                    continue
                raise
            for row in listing.get("data", []):
                for value in row.get("values", [])[-1:]:
                    if isinstance(value.get("value"), int | float):
                        points.append(MetricPoint(day, ours, float(value["value"])))
        return points

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        graph = self.graph(account.token)
        data: dict[str, Any] = {"message": post.text}
        if post.link:
            data["link"] = post.link
        for index, media in enumerate(post.media):
            photo = graph.post(
                f"{account.account_id}/photos",
                {"published": "false", "alt_text_custom": media.alt_text},
                files={"source": (media.filename, media.content, media.content_type)},
            )
            data[f"attached_media[{index}]"] = _json({"media_fbid": as_id(photo["id"])})
        created = graph.post(f"{account.account_id}/feed", data)
        post_id = as_id(created["id"])
        if post.first_comment:
            graph.post(f"{post_id}/comments", {"message": post.first_comment})
        details = graph.get(post_id, {"fields": "created_time,permalink_url"})
        return PublishedPost(post_id, str(details.get("permalink_url", "")),
                             from_iso(str(details["created_time"])))  # fmt: skip

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        graph = self.graph(account.token)
        for data in graph.pages(
            f"{account.account_id}/published_posts",
            {"fields": "id,message,created_time,permalink_url",
             "since": to_epoch_seconds(since - timedelta(minutes=2)), "limit": 25},
        ):  # fmt: skip
            if str(data.get("message", "")).strip() == text.strip():
                return PublishedPost(as_id(data["id"]), str(data.get("permalink_url", "")),
                                     from_iso(str(data["created_time"])))  # fmt: skip
        return None

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        self.graph(account.token).delete(platform_post_id)

    # --- Webhooks -------------------------------------------------------------------------
    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        return webhooks.handshake(self.config, query)

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        webhooks.verify(self.config, headers, body)

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        return webhooks.parse_page(body)


def _json(value: object) -> str:
    import json

    return json.dumps(value, separators=(",", ":"))
