"""The X connector (API v2, OAuth 2.0 with PKCE and `offline.access` for refresh tokens).

Reads mentions (which include replies to the account's posts), replies, hides replies to the
account's own posts, publishes (text, up to four images with alt text, a first reply), deletes
its own posts, and reads the follower count. X does not let an account delete other people's
posts, and reading direct messages is priced per event and not built.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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
from someluotsi.connectors.errors import NOT_FOUND, ConnectorError, WebhookRejectedError
from someluotsi.connectors.parsing import as_id, from_iso, webhook_json
from someluotsi.connectors.x.exceptions import x_error

API = "https://api.x.com"
AUTHORIZE = "https://x.com/i/oauth2/authorize"
TWEET_FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets"
SIGNATURE_HEADER = "x-twitter-webhooks-signature"


def _replied_to(tweet: Mapping[str, Any]) -> str:
    for ref in tweet.get("referenced_tweets", []) or []:
        if ref.get("type") == "replied_to":
            return str(ref.get("id", ""))
    return ""


class XConnector:
    platform: str = "x"
    capabilities: frozenset[Capability] = frozenset(
        {Capability.REPLY, Capability.HIDE, Capability.PUBLISH, Capability.DELETE_POST,
         Capability.METRICS, Capability.WEBHOOKS, Capability.PKCE}
    )  # fmt: skip
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=280, max_media=4, media_types=("image/jpeg", "image/png", "image/gif"),
        link_shortened_to=23, first_comment=True,
    )  # fmt: skip
    scopes: tuple[str, ...] = (
        "tweet.read", "tweet.write", "tweet.moderate.write", "users.read", "media.write",
        "offline.access",
    )  # fmt: skip

    def __init__(self, config: PlatformConfig) -> None:
        self.config = config
        self.base = (config.api_base or API).rstrip("/")

    def _call(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        response = http.call(
            method, f"{self.base}{path}", timeout=self.config.timeout, mapper=x_error,
            headers={"Authorization": f"Bearer {token}"}, **kwargs,
        )  # fmt: skip
        return http.json_of(response) if response.content else {}

    # --- OAuth 2.0 with PKCE --------------------------------------------------------------
    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        query = urlencode(
            {"response_type": "code", "client_id": self.config.client_id,
             "redirect_uri": redirect_uri, "scope": " ".join(self.scopes), "state": state,
             "code_challenge": code_challenge, "code_challenge_method": "S256"}
        )  # fmt: skip
        return f"{self.config.auth_base or AUTHORIZE}?{query}"

    def _token(self, data: dict[str, str]) -> dict[str, Any]:
        response = http.call(
            "POST", f"{self.base}/2/oauth2/token", timeout=self.config.timeout, mapper=x_error,
            data=data, auth=(self.config.client_id, self.config.client_secret),
        )  # fmt: skip
        return dict(http.json_of(response))

    def _tokens(self, body: Mapping[str, Any], fallback: TokenSet | None = None) -> TokenSet:
        now = datetime.now(UTC)
        expires = body.get("expires_in")
        token = str(body["access_token"])
        if fallback is not None and fallback.account_id:
            account_id, name = fallback.account_id, fallback.account_name
        else:
            me = self._call("GET", "/2/users/me", token)["data"]
            account_id, name = as_id(me["id"]), "@" + str(me.get("username", ""))
        return TokenSet(
            access_token=token,
            # Refresh tokens rotate: the newest one is the only valid one.
            refresh_token=str(body.get("refresh_token", "")),
            access_expires_at=now + timedelta(seconds=int(expires)) if expires else None,
            scopes=tuple(str(body.get("scope", "")).split()),
            account_id=account_id, account_name=name,
        )  # fmt: skip

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        body = self._token(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
             "code_verifier": code_verifier, "client_id": self.config.client_id}
        )  # fmt: skip
        return self._tokens(body)

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        body = self._token(
            {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token,
             "client_id": self.config.client_id}
        )  # fmt: skip
        return self._tokens(body, fallback=tokens)

    # --- Reading --------------------------------------------------------------------------
    def _item(self, tweet: Mapping[str, Any], users: Mapping[str, str], me: str) -> RemoteItem:
        author = str(tweet.get("author_id", ""))
        handle = users.get(author, author)
        replied = _replied_to(tweet)
        reply_to_me = str(tweet.get("in_reply_to_user_id", "")) == me
        return RemoteItem(
            external_id=as_id(tweet["id"]),
            kind=ItemKind.REPLY if reply_to_me and replied else ItemKind.MENTION,
            text=str(tweet.get("text", "")),
            created_at=from_iso(str(tweet["created_at"])),
            author="@" + handle,
            parent_id=replied,
            thread_id=str(tweet.get("conversation_id", "")),
            permalink=f"https://x.com/{handle}/status/{tweet['id']}",
            own=author == me,
        )

    @staticmethod
    def _users(listing: Mapping[str, Any]) -> dict[str, str]:
        return {
            str(user["id"]): str(user.get("username", ""))
            for user in (listing.get("includes") or {}).get("users", [])
        }

    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        params: dict[str, Any] = {"max_results": 100, "tweet.fields": TWEET_FIELDS,
                                  "expansions": "author_id"}  # fmt: skip
        if cursor.get("since_id"):
            params["since_id"] = cursor["since_id"]
        elif cursor.get("since"):
            start = datetime.fromtimestamp(int(cursor["since"]), tz=UTC)
            params["start_time"] = start.strftime("%Y-%m-%dT%H:%M:%SZ")
        items: list[RemoteItem] = []
        newest = cursor.get("since_id", "")
        for _page in range(10):
            listing = self._call("GET", f"/2/users/{account.account_id}/mentions", account.token,
                                 params=params)  # fmt: skip
            users = self._users(listing)
            items += [self._item(t, users, account.account_id) for t in listing.get("data", [])]
            meta = listing.get("meta") or {}
            if meta.get("newest_id") and (not newest or int(meta["newest_id"]) > int(newest)):
                newest = str(meta["newest_id"])
            if not meta.get("next_token"):
                break
            params["pagination_token"] = meta["next_token"]
        return FetchResult(tuple(items), {"since_id": newest} if newest else dict(cursor))

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        try:
            listing = self._call(
                "GET", f"/2/tweets/{hint.item_id}", account.token,
                params={"tweet.fields": TWEET_FIELDS, "expansions": "author_id"},
            )  # fmt: skip
        except ConnectorError as error:
            if error.code == NOT_FOUND:
                return None
            raise
        if not listing.get("data"):
            return None  # deleted: X answers 200 with errors[] and no data
        return self._item(listing["data"], self._users(listing), account.account_id)

    # --- Acting ---------------------------------------------------------------------------
    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        body = {"text": text, "reply": {"in_reply_to_tweet_id": item.external_id}}
        created = self._call("POST", "/2/tweets", account.token, json=body)
        tweet_id = as_id(created["data"]["id"])
        return ActionResult(tweet_id, f"https://x.com/i/web/status/{tweet_id}")

    def _own_since(self, account: Account, since: datetime) -> list[dict[str, Any]]:
        start = (since - timedelta(minutes=2)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        listing = self._call(
            "GET", f"/2/users/{account.account_id}/tweets", account.token,
            params={"start_time": start, "max_results": 100,
                    "tweet.fields": "created_at,referenced_tweets"},
        )  # fmt: skip
        return list(listing.get("data", []))

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        for tweet in self._own_since(account, since):
            if (
                _replied_to(tweet) == item.external_id
                and tweet.get("text", "").strip() == text.strip()
            ):
                return ActionResult(as_id(tweet["id"]), f"https://x.com/i/web/status/{tweet['id']}")
        return None

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        self._call("PUT", f"/2/tweets/{item.external_id}/hidden", account.token,
                   json={"hidden": hidden})  # fmt: skip

    def delete(self, *, account: Account, item: RemoteItem) -> None:
        raise ConnectorError("not_supported", "X deletes only the account's own posts")

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        user = self._call("GET", f"/2/users/{account.account_id}", account.token,
                          params={"user.fields": "public_metrics"})["data"]  # fmt: skip
        followers = (user.get("public_metrics") or {}).get("followers_count")
        return [MetricPoint(day, "followers", float(followers))] if followers is not None else []

    def _upload(self, account: Account, media: Any) -> str:
        response = http.call_multipart(
            f"{self.base}/2/media/upload", timeout=self.config.timeout, mapper=x_error,
            headers={"Authorization": f"Bearer {account.token}"},
            data={"media_category": "tweet_image"},
            files={"media": (media.filename, media.content, media.content_type)},
        )  # fmt: skip
        media_id = as_id(http.json_of(response)["data"]["id"])
        alt = {"id": media_id, "metadata": {"alt_text": {"text": media.alt_text[:1000]}}}
        self._call("POST", "/2/media/metadata", account.token, json=alt)
        return media_id

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        text = f"{post.text} {post.link}".strip() if post.link else post.text
        body: dict[str, Any] = {"text": text}
        if post.media:
            body["media"] = {"media_ids": [self._upload(account, m) for m in post.media]}
        created = self._call("POST", "/2/tweets", account.token, json=body)
        tweet_id = as_id(created["data"]["id"])
        if post.first_comment:
            first = {"text": post.first_comment, "reply": {"in_reply_to_tweet_id": tweet_id}}
            self._call("POST", "/2/tweets", account.token, json=first)
        return PublishedPost(tweet_id, f"https://x.com/i/web/status/{tweet_id}", datetime.now(UTC))

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        for tweet in self._own_since(account, since):
            if not _replied_to(tweet) and tweet.get("text", "").startswith(text.strip()[:200]):
                return PublishedPost(as_id(tweet["id"]), f"https://x.com/i/web/status/{tweet['id']}",
                                     from_iso(str(tweet["created_at"])))  # fmt: skip
        return None

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        self._call("DELETE", f"/2/tweets/{platform_post_id}", account.token)

    # --- Webhooks (Account Activity) ------------------------------------------------------
    def _digest(self, message: bytes) -> str:
        mac = hmac.new(self.config.verify_token.encode(), message, hashlib.sha256).digest()
        return "sha256=" + base64.b64encode(mac).decode()

    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        """The CRC: sha256=base64(HMAC-SHA256(consumer secret, crc_token)) as JSON."""
        token = query.get("crc_token", "")
        if not token or len(token) > 500 or not self.config.verify_token:
            return HandshakeAnswer(400, '{"error":"crc_token missing"}', "application/json")
        body = json.dumps({"response_token": self._digest(token.encode())})
        return HandshakeAnswer(200, body, "application/json")

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        value = signatures.header(headers, SIGNATURE_HEADER)
        if not value:
            raise WebhookRejectedError(401, "unsigned")
        signatures.require_secret(self.config.verify_token)
        if not value.startswith("sha256="):
            raise WebhookRejectedError(401, "signature header malformed")
        expected = hmac.new(self.config.verify_token.encode(), body, hashlib.sha256).digest()
        signatures.check_base64(expected, value[7:])

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        data = webhook_json(body)
        if not isinstance(data, dict) or "for_user_id" not in data:
            raise WebhookRejectedError(422, "unknown payload")
        try:
            me = as_id(data["for_user_id"])
            hints = []
            for event in data.get("tweet_create_events", []) or []:
                author = as_id((event.get("user") or {}).get("id_str", ""))
                if author == me:
                    continue  # the account's own posts and replies
                replying = str(event.get("in_reply_to_user_id_str") or "") == me
                hints.append(WebhookHint(
                    account_id=me, item_id=as_id(event["id_str"]),
                    kind=ItemKind.REPLY if replying else ItemKind.MENTION,
                ))  # fmt: skip
            for event in data.get("tweet_delete_events", []) or []:
                status = event.get("status") or {}
                hints.append(WebhookHint(account_id=me, item_id=as_id(status["id"]), removed=True))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise WebhookRejectedError(400, "event malformed") from exc
        return hints
