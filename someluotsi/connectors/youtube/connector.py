"""The YouTube channel connector (Google OAuth 2.0 with PKCE, offline access).

Comments are polled (commentThreads.list over the whole channel, newest first): YouTube pushes
only new videos. Hiding sets a comment "held for review"; deleting someone else's comment is
done by rejecting it (comments.delete works only on the channel's own comments). Publishing is a
video upload; YouTube has no API for community posts and no direct messages.
"""

from __future__ import annotations

import json
import secrets
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
from someluotsi.connectors.errors import ConnectorError, WebhookRejectedError
from someluotsi.connectors.parsing import from_iso
from someluotsi.connectors.youtube.exceptions import google_error

API = "https://www.googleapis.com"
ANALYTICS = "https://youtubeanalytics.googleapis.com"
AUTHORIZE = "https://accounts.google.com/o/oauth2/v2/auth"
ANALYTICS_METRICS = (
    "views,estimatedMinutesWatched,likes,comments,shares,subscribersGained,subscribersLost"
)
TOKEN = "https://oauth2.googleapis.com/token"  # noqa: S105 - an endpoint, not a secret


def watch_link(video_id: str, comment_id: str = "") -> str:
    return f"https://www.youtube.com/watch?v={video_id}" + (
        f"&lc={comment_id}" if comment_id else ""
    )


class YouTubeConnector:
    platform: str = "youtube"
    capabilities: frozenset[Capability] = frozenset(
        {
            Capability.REPLY,
            Capability.HIDE,
            Capability.DELETE,
            Capability.PUBLISH,
            Capability.DELETE_POST,
            Capability.METRICS,
            Capability.PKCE,
        }
    )
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=5000,
        max_media=1,
        media_types=("video/mp4", "video/quicktime"),
        needs_media=True,
    )
    scopes: tuple[str, ...] = (
        "https://www.googleapis.com/auth/youtube.force-ssl",
        "https://www.googleapis.com/auth/youtube.upload",
        "https://www.googleapis.com/auth/yt-analytics.readonly",
    )

    def __init__(self, config: PlatformConfig) -> None:
        self.config = config
        self.base = (config.api_base or API).rstrip("/") + "/youtube/v3"

    def _call(self, method: str, url: str, token: str, **kwargs: Any) -> Any:
        response = http.call(
            method,
            url,
            timeout=self.config.timeout,
            mapper=google_error,
            headers={"Authorization": f"Bearer {token}"},
            **kwargs,
        )
        return http.json_of(response) if response.content else {}

    # --- OAuth ----------------------------------------------------------------------------
    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        query = urlencode(
            {
                "client_id": self.config.client_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": " ".join(self.scopes),
                "state": state,
                "access_type": "offline",
                "prompt": "consent",
                "include_granted_scopes": "true",
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self.config.auth_base or AUTHORIZE}?{query}"

    def _token_url(self) -> str:
        return (self.config.api_base.rstrip("/") + "/token") if self.config.api_base else TOKEN

    def _tokens(self, body: Mapping[str, Any], fallback: TokenSet | None) -> TokenSet:
        token = str(body["access_token"])
        if fallback is None:
            listing = self._call(
                "GET", f"{self.base}/channels", token, params={"part": "snippet", "mine": "true"}
            )
            items = listing.get("items", [])
            if not items:
                raise ConnectorError("permission", "the account has no channel", retryable=False)
            account_id, name = str(items[0]["id"]), str(items[0]["snippet"].get("title", ""))
        else:
            account_id, name = fallback.account_id, fallback.account_name
        expires = body.get("expires_in")
        return TokenSet(
            access_token=token,
            # Google keeps the refresh token on refresh (the old one stays valid).
            refresh_token=str(
                body.get("refresh_token") or (fallback.refresh_token if fallback else "")
            ),
            access_expires_at=datetime.now(UTC) + timedelta(seconds=int(expires))
            if expires
            else None,
            scopes=tuple(str(body.get("scope", "")).split()),
            account_id=account_id,
            account_name=name,
        )

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        body = http.json_of(
            http.call(
                "POST",
                self._token_url(),
                timeout=self.config.timeout,
                mapper=google_error,
                data={
                    "code": code,
                    "client_id": self.config.client_id,
                    "client_secret": self.config.client_secret,
                    "redirect_uri": redirect_uri,
                    "grant_type": "authorization_code",
                    "code_verifier": code_verifier,
                },
            )
        )
        return self._tokens(body, None)

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        body = http.json_of(
            http.call(
                "POST",
                self._token_url(),
                timeout=self.config.timeout,
                mapper=google_error,
                data={
                    "refresh_token": tokens.refresh_token,
                    "client_id": self.config.client_id,
                    "client_secret": self.config.client_secret,
                    "grant_type": "refresh_token",
                },
            )
        )
        return self._tokens(body, tokens)

    # --- Reading --------------------------------------------------------------------------
    def _comment(
        self, data: Mapping[str, Any], *, channel: str, video: str, titles: Mapping[str, str]
    ) -> RemoteItem:
        snippet = data.get("snippet") or {}
        parent = str(snippet.get("parentId", ""))
        author = str((snippet.get("authorChannelId") or {}).get("value", ""))
        video = video or str(snippet.get("videoId", ""))
        return RemoteItem(
            external_id=str(data["id"]),
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            text=str(snippet.get("textOriginal") or snippet.get("textDisplay", "")),
            created_at=from_iso(str(snippet["publishedAt"])),
            author=str(snippet.get("authorDisplayName", "")),
            parent_id=parent,
            thread_id=video,
            thread_text=titles.get(video, ""),
            permalink=watch_link(video, str(data["id"])) if video else "",
            own=author == channel,
            hidden=snippet.get("moderationStatus") in {"heldForReview", "rejected"},
        )

    def _titles(self, token: str, video_ids: set[str]) -> dict[str, str]:
        if not video_ids:
            return {}
        listing = self._call(
            "GET",
            f"{self.base}/videos",
            token,
            params={"part": "snippet", "id": ",".join(sorted(video_ids)[:50])},
        )
        return {str(v["id"]): str(v["snippet"].get("title", "")) for v in listing.get("items", [])}

    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        since = datetime.fromtimestamp(int(cursor.get("since", "0") or 0), tz=UTC)
        params: dict[str, Any] = {
            "part": "snippet,replies",
            "allThreadsRelatedToChannelId": account.account_id,
            "order": "time",
            "maxResults": 100,
            "textFormat": "plainText",
        }
        threads: list[dict[str, Any]] = []
        for _page in range(10):  # 1 quota unit a page
            listing = self._call("GET", f"{self.base}/commentThreads", account.token, params=params)
            page = listing.get("items", [])
            threads += page
            older = any(
                from_iso(str(t["snippet"]["topLevelComment"]["snippet"]["updatedAt"])) <= since
                for t in page
            )
            if older or not listing.get("nextPageToken"):
                break
            params["pageToken"] = listing["nextPageToken"]
        titles = self._titles(
            account.token, {str(t["snippet"].get("videoId", "")) for t in threads} - {""}
        )
        items: list[RemoteItem] = []
        for thread in threads:
            video = str(thread["snippet"].get("videoId", ""))
            rows = [
                thread["snippet"]["topLevelComment"],
                *((thread.get("replies") or {}).get("comments", [])),
            ]
            for row in rows:
                item = self._comment(row, channel=account.account_id, video=video, titles=titles)
                if item.created_at > since:
                    items.append(item)
        newest = max((i.created_at for i in items), default=since)
        return FetchResult(tuple(items), {"since": str(int(newest.timestamp()))})

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        listing = self._call(
            "GET",
            f"{self.base}/comments",
            account.token,
            params={"part": "snippet", "id": hint.item_id, "textFormat": "plainText"},
        )
        items = listing.get("items", [])
        if not items:
            return None
        return self._comment(items[0], channel=account.account_id, video=hint.thread_id, titles={})

    # --- Acting ---------------------------------------------------------------------------
    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        # Replies attach to the thread's top-level comment (the thread id).
        parent = item.parent_id or item.external_id
        created = self._call(
            "POST",
            f"{self.base}/comments",
            account.token,
            params={"part": "snippet"},
            json={"snippet": {"parentId": parent, "textOriginal": text}},
        )
        comment_id = str(created["id"])
        return ActionResult(
            comment_id, watch_link(item.thread_id, comment_id) if item.thread_id else ""
        )

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        parent = item.parent_id or item.external_id
        listing = self._call(
            "GET",
            f"{self.base}/comments",
            account.token,
            params={
                "part": "snippet",
                "parentId": parent,
                "maxResults": 100,
                "textFormat": "plainText",
            },
        )
        for row in listing.get("items", []):
            snippet = row.get("snippet") or {}
            mine = (snippet.get("authorChannelId") or {}).get("value") == account.account_id
            if mine and str(snippet.get("textOriginal", "")).strip() == text.strip():
                return ActionResult(
                    str(row["id"]),
                    watch_link(item.thread_id, str(row["id"])) if item.thread_id else "",
                )
        return None

    def _moderate(self, account: Account, comment_id: str, status: str) -> None:
        self._call(
            "POST",
            f"{self.base}/comments/setModerationStatus",
            account.token,
            params={"id": comment_id, "moderationStatus": status},
        )

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        self._moderate(account, item.external_id, "heldForReview" if hidden else "published")

    def delete(self, *, account: Account, item: RemoteItem) -> None:
        self._moderate(account, item.external_id, "rejected")

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        channel = self._call(
            "GET",
            f"{self.base}/channels",
            account.token,
            params={"part": "statistics", "id": account.account_id},
        )
        points: list[MetricPoint] = []
        for item in channel.get("items", [])[:1]:
            stats = item.get("statistics") or {}
            if not stats.get("hiddenSubscriberCount") and "subscriberCount" in stats:
                points.append(MetricPoint(day, "followers", float(stats["subscriberCount"])))
        bases = self.config.api_base or ""
        analytics = (bases.rstrip("/") if bases else ANALYTICS) + "/v2/reports"
        report = self._call(
            "GET",
            analytics,
            account.token,
            params={
                "ids": "channel==MINE",
                "startDate": day.isoformat(),
                "endDate": day.isoformat(),
                "metrics": ANALYTICS_METRICS,
                "dimensions": "day",
            },
        )
        headers = [h["name"] for h in report.get("columnHeaders", [])]
        for row in report.get("rows", []):
            values = dict(zip(headers, row, strict=False))
            points += [
                MetricPoint(day, "video_views", float(values.get("views", 0))),
                MetricPoint(
                    day,
                    "watch_hours",
                    round(float(values.get("estimatedMinutesWatched", 0)) / 60, 2),
                ),
                MetricPoint(day, "comments", float(values.get("comments", 0))),
                MetricPoint(day, "shares", float(values.get("shares", 0))),
                MetricPoint(day, "reactions", float(values.get("likes", 0))),
                MetricPoint(
                    day,
                    "interactions",
                    float(values.get("likes", 0))
                    + float(values.get("comments", 0))
                    + float(values.get("shares", 0)),
                ),
                MetricPoint(
                    day,
                    "new_followers",
                    float(values.get("subscribersGained", 0))
                    - float(values.get("subscribersLost", 0)),
                ),
            ]
        return points

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        if not post.media:
            raise ConnectorError("rejected", "YouTube publishes videos", retryable=False)
        video = post.media[0]
        title = (post.text.splitlines() or [""])[0][:100] or video.filename[:100]
        metadata = {
            "snippet": {
                "title": title,
                "description": post.text + (f"\n{post.link}" if post.link else ""),
            },
            "status": {"privacyStatus": "public"},
        }
        boundary = "someluotsi-" + secrets.token_hex(8)
        body = (
            f"--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".encode()
            + json.dumps(metadata).encode()
            + f"\r\n--{boundary}\r\nContent-Type: {video.content_type}\r\n\r\n".encode()
            + video.content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        upload = (
            self.config.api_base.rstrip("/") if self.config.api_base else API
        ) + "/upload/youtube/v3/videos"
        response = http.call(
            "POST",
            upload,
            timeout=self.config.timeout * 30,
            mapper=google_error,
            headers={
                "Authorization": f"Bearer {account.token}",
                "Content-Type": f"multipart/related; boundary={boundary}",
            },
            params={"part": "snippet,status", "uploadType": "multipart"},
            content=body,
        )
        created = http.json_of(response)
        video_id = str(created["id"])
        published = (created.get("snippet") or {}).get("publishedAt")
        return PublishedPost(
            video_id, watch_link(video_id), from_iso(published) if published else datetime.now(UTC)
        )

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        return None  # uploads are not reconciled: a timed-out upload is reported, not retried blind

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        self._call("DELETE", f"{self.base}/videos", account.token, params={"id": platform_post_id})

    # --- Webhooks: none for comments ------------------------------------------------------
    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        return HandshakeAnswer(404, "YouTube does not push comments; they are polled")

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        raise WebhookRejectedError(404, "YouTube does not push comments; they are polled")

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        return []
