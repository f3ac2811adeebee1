"""The TikTok connector (API for Business v1.3, Accounts API; the developer must be a company
with Accounts API access).

Reads comments on the account's videos, replies, hides and unhides, deletes, and pulls daily
account figures. Not offered: publishing (the API takes videos from a public URL only, which the
installation does not serve) and direct messages (the Business Messaging API is a separate
approval). Tokens: access about a day, refresh about a year, read from each answer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from someluotsi.connectors import http, signatures
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
from someluotsi.connectors.errors import NOT_SUPPORTED, ConnectorError, WebhookRejectedError
from someluotsi.connectors.parsing import as_id, from_epoch_seconds, webhook_json
from someluotsi.connectors.tiktok.exceptions import tiktok_error

API = "https://business-api.tiktok.com"
AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/"
SIGNATURE_HEADER = "TikTok-Signature"
COMMENT_EVENTS = {"comment.update", "comment.create", "comment.delete"}


class TikTokConnector:
    platform: str = "tiktok"
    capabilities: frozenset[Capability] = frozenset(
        {Capability.REPLY, Capability.HIDE, Capability.DELETE, Capability.METRICS,
         Capability.WEBHOOKS}
    )  # fmt: skip
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=2200, max_media=1, media_types=("video/mp4",), needs_media=True
    )
    scopes: tuple[str, ...] = (
        "user.info.basic", "user.info.stats", "user.insights", "video.list", "comment.list",
        "comment.list.manage",
    )  # fmt: skip

    def __init__(self, config: PlatformConfig) -> None:
        self.config = config
        self.base = (config.api_base or API).rstrip("/") + "/open_api/v1.3"

    def _call(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        response = http.call(
            method, f"{self.base}{path}", timeout=self.config.timeout, mapper=tiktok_error,
            headers={"Access-Token": token} if token else {}, **kwargs,
        )  # fmt: skip
        return http.json_of(response).get("data") or {}

    # --- OAuth ----------------------------------------------------------------------------
    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        query = urlencode(
            {"client_key": self.config.client_id, "response_type": "code",
             "scope": ",".join(self.scopes), "redirect_uri": redirect_uri, "state": state}
        )  # fmt: skip
        return f"{self.config.auth_base or AUTHORIZE}?{query}"

    def _tokens(self, data: Mapping[str, Any], fallback: TokenSet | None) -> TokenSet:
        now = datetime.now(UTC)
        expires, refresh_in = data.get("expires_in"), data.get("refresh_token_expires_in")
        account_id = str(data.get("open_id") or (fallback.account_id if fallback else ""))
        return TokenSet(
            access_token=str(data["access_token"]),
            # Rotating refresh tokens: always keep the newest one.
            refresh_token=str(data.get("refresh_token", "")),
            access_expires_at=now + timedelta(seconds=int(expires)) if expires else None,
            refresh_expires_at=now + timedelta(seconds=int(refresh_in)) if refresh_in else None,
            scopes=tuple(str(data.get("scope", "")).replace(",", " ").split()),
            account_id=account_id,
            account_name=fallback.account_name if fallback else account_id,
        )

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        data = self._call(
            "POST", "/tt_user/oauth2/token/", "",
            json={"client_id": self.config.client_id, "client_secret": self.config.client_secret,
                  "grant_type": "authorization_code", "auth_code": code,
                  "redirect_uri": redirect_uri},
        )  # fmt: skip
        return self._tokens(data, None)

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        data = self._call(
            "POST", "/tt_user/oauth2/refresh_token/", "",
            json={"client_id": self.config.client_id, "client_secret": self.config.client_secret,
                  "grant_type": "refresh_token", "refresh_token": tokens.refresh_token},
        )  # fmt: skip
        return self._tokens(data, tokens)

    # --- Reading --------------------------------------------------------------------------
    @staticmethod
    def _comment(data: Mapping[str, Any], video: Mapping[str, Any]) -> RemoteItem:
        parent = str(data.get("parent_comment_id") or "")
        return RemoteItem(
            external_id=as_id(data["comment_id"]),
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            text=str(data.get("text", "")),
            created_at=from_epoch_seconds(data["create_time"]),
            author="@" + str(data.get("username", "")),
            parent_id=parent,
            thread_id=as_id(data.get("video_id") or video.get("item_id", "")),
            thread_text=str(video.get("caption", "")),
            permalink=str(video.get("share_url", "")),
            own=bool(data.get("owner", False)),
            hidden=data.get("status") == "HIDDEN",
        )

    def _videos(self, account: Account) -> list[dict[str, Any]]:
        data = self._call(
            "GET", "/business/video/list/", account.token,
            params={"business_id": account.account_id, "max_count": 20,
                    "fields": json.dumps(["item_id", "create_time", "caption", "share_url"])},
        )  # fmt: skip
        return list(data.get("videos", []))

    def _comments(self, account: Account, video_id: str, *, pages: int = 5) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        cursor = 0
        for _page in range(pages):
            data = self._call(
                "GET", "/business/comment/list/", account.token,
                params={"business_id": account.account_id, "video_id": video_id,
                        "max_count": 30, "cursor": cursor, "sort_field": "create_time",
                        "sort_order": "desc", "include_replies": "true"},
            )  # fmt: skip
            found += data.get("comments", [])
            if not data.get("has_more"):
                break
            cursor = int(data.get("cursor", 0))
        return found

    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        since = int(cursor.get("since", "0") or 0)
        newest = since
        items: list[RemoteItem] = []
        posts: list[datetime] = []
        for video in self._videos(account):
            if int(video.get("create_time", 0)) > since:
                posts.append(from_epoch_seconds(video["create_time"]))
            for data in self._comments(account, str(video["item_id"])):
                stamp = int(data.get("create_time", 0))
                if stamp > since:
                    newest = max(newest, stamp)
                    items.append(self._comment(data, video))
        return FetchResult(tuple(items), {"since": str(newest)}, tuple(posts))

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        # No single-comment lookup: the video's newest comments are read and the id found.
        for data in self._comments(account, hint.thread_id, pages=3):
            if as_id(data.get("comment_id", "")) == hint.item_id:
                return self._comment(data, {"item_id": hint.thread_id})
        return None

    # --- Acting ---------------------------------------------------------------------------
    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        data = self._call(
            "POST", "/business/comment/reply/create/", account.token,
            json={"business_id": account.account_id, "video_id": item.thread_id,
                  "comment_id": item.parent_id or item.external_id, "text": text},
        )  # fmt: skip
        return ActionResult(as_id(data.get("comment_id", "")))

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        data = self._call(
            "GET", "/business/comment/reply/list/", account.token,
            params={"business_id": account.account_id, "video_id": item.thread_id,
                    "comment_id": item.parent_id or item.external_id, "max_count": 30},
        )  # fmt: skip
        floor = int((since - timedelta(minutes=2)).timestamp())
        for row in data.get("comments", []):
            if (
                row.get("owner")
                and int(row.get("create_time", 0)) >= floor
                and (str(row.get("text", "")).strip() == text.strip())
            ):
                return ActionResult(as_id(row["comment_id"]))
        return None

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        self._call(
            "POST", "/business/comment/hide/", account.token,
            json={"business_id": account.account_id, "comment_id": item.external_id,
                  "video_id": item.thread_id, "action": "HIDE" if hidden else "UNHIDE"},
        )  # fmt: skip

    def delete(self, *, account: Account, item: RemoteItem) -> None:
        self._call(
            "POST", "/business/comment/delete/", account.token,
            json={"business_id": account.account_id, "comment_id": item.external_id},
        )  # fmt: skip

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        fields = ["followers_count", "profile_views", "video_views", "likes", "comments", "shares"]
        data = self._call(
            "GET", "/business/get/", account.token,
            params={"business_id": account.account_id, "start_date": day.isoformat(),
                    "end_date": day.isoformat(), "fields": json.dumps(fields)},
        )  # fmt: skip
        mapping = {"followers_count": "followers", "profile_views": "visits",
                   "video_views": "video_views", "likes": "reactions", "comments": "comments",
                   "shares": "shares"}  # fmt: skip
        points: list[MetricPoint] = []
        for row in data.get("metrics", []):
            if str(row.get("date", "")) != day.isoformat():
                continue
            for key, metric in mapping.items():
                if isinstance(row.get(key), int | float):
                    points.append(MetricPoint(day, metric, float(row[key])))
            interactions = sum(float(row.get(k, 0) or 0) for k in ("likes", "comments", "shares"))
            points.append(MetricPoint(day, "interactions", interactions))
        return points

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        raise ConnectorError(NOT_SUPPORTED, "TikTok publishes videos from public URLs only")

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        return None

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        raise ConnectorError(NOT_SUPPORTED, "TikTok has no API to delete a video")

    # --- Webhooks -------------------------------------------------------------------------
    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        # TikTok documents no GET verification; the callback is registered in its portal.
        return HandshakeAnswer(405, "TikTok verifies deliveries by signature only")

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        value = signatures.header(headers, SIGNATURE_HEADER)
        if not value:
            raise WebhookRejectedError(401, "unsigned")
        signatures.timestamped(
            secret=self.config.client_secret, header_value=value, body=body, now=now,
            window=self.config.replay_window,
        )  # fmt: skip

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        data = webhook_json(body)
        if not isinstance(data, dict) or "event" not in data or "user_openid" not in data:
            raise WebhookRejectedError(422, "unknown payload")
        event = str(data["event"])
        if event not in COMMENT_EVENTS:
            return []  # authorisation and video events carry nothing for the inbox
        try:
            content = json.loads(str(data.get("content") or "{}"))
            account = as_id(data["user_openid"])
            hint = WebhookHint(
                account_id=account, item_id=as_id(content["comment_id"]),
                kind=ItemKind.REPLY if content.get("parent_comment_id") else ItemKind.COMMENT,
                thread_id=as_id(content["video_id"]),
                removed=event == "comment.delete" or content.get("action") == "DELETE",
            )  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise WebhookRejectedError(400, "event content malformed") from exc
        return [hint]
