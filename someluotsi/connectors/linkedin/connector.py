"""The LinkedIn organisation page connector.

LinkedIn has no API to hide a comment (the message page says so); the organisation can delete
comments on its own posts. Direct messages of a page have no public API. URNs are ids; they are
URL-encoded whenever they appear in a path or query.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

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
from someluotsi.connectors.errors import (
    NOT_FOUND,
    NOT_SUPPORTED,
    PERMISSION,
    ConnectorError,
    WebhookRejectedError,
)
from someluotsi.connectors.linkedin.exceptions import linkedin_error
from someluotsi.connectors.parsing import from_epoch_millis, webhook_json

API = "https://api.linkedin.com"
OAUTH = "https://www.linkedin.com/oauth/v2"
SIGNATURE_HEADER = "X-LI-Signature"
COMMENT_ACTIONS = {"COMMENT", "COMMENT_EDIT"}


def enc(urn: str) -> str:
    """A URN inside a path or a query value (Rest.li requires it encoded)."""
    return quote(urn, safe="")


def comment_id_of(urn: str) -> str:
    """`urn:li:comment:(urn:li:activity:123,456)` → `456`."""
    return urn.rstrip(")").rsplit(",", 1)[-1] if urn.startswith("urn:li:comment:(") else urn


def post_link(post_urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{post_urn}/"


class LinkedInConnector:
    platform: str = "linkedin"
    capabilities: frozenset[Capability] = frozenset(
        {Capability.REPLY, Capability.DELETE, Capability.PUBLISH, Capability.DELETE_POST,
         Capability.METRICS, Capability.WEBHOOKS}
    )  # fmt: skip
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=3000, max_media=1, media_types=("image/jpeg", "image/png", "image/gif"),
        first_comment=True,
    )  # fmt: skip
    scopes: tuple[str, ...] = (
        "r_organization_social", "w_organization_social", "rw_organization_admin",
        "r_organization_social_feed", "w_organization_social_feed",
    )  # fmt: skip

    def __init__(self, config: PlatformConfig) -> None:
        self.config = config
        self.base = (config.api_base or API).rstrip("/")

    def _headers(self, token: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {token}",
            "LinkedIn-Version": self.config.version or "202610",
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def _call(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        response = http.call(
            method, f"{self.base}{path}", timeout=self.config.timeout, mapper=linkedin_error,
            headers=self._headers(token), **kwargs,
        )  # fmt: skip
        if not response.content:
            return {"_id": response.headers.get("x-restli-id", "")}
        body = http.json_of(response)
        if isinstance(body, dict) and response.headers.get("x-restli-id"):
            body.setdefault("_id", response.headers["x-restli-id"])
        return body

    # --- OAuth ----------------------------------------------------------------------------
    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        query = urlencode(
            {"response_type": "code", "client_id": self.config.client_id,
             "redirect_uri": redirect_uri, "state": state, "scope": " ".join(self.scopes)}
        )  # fmt: skip
        return f"{self.config.auth_base or OAUTH}/authorization?{query}"

    def _token(self, data: dict[str, str], fallback: TokenSet | None = None) -> TokenSet:
        base = self.config.auth_base or (self.config.api_base and self.base + "/oauth/v2") or OAUTH
        response = http.call(
            "POST", f"{base}/accessToken", timeout=self.config.timeout, mapper=linkedin_error,
            data={**data, "client_id": self.config.client_id,
                  "client_secret": self.config.client_secret},
        )  # fmt: skip
        body = http.json_of(response)
        now = datetime.now(UTC)
        token = str(body["access_token"])
        refresh_in = body.get("refresh_token_expires_in")
        if fallback is not None:
            account_id, name = fallback.account_id, fallback.account_name
        else:
            account_id, name = self._organisation(token)
        return TokenSet(
            access_token=token,
            refresh_token=str(body.get("refresh_token", "")),
            access_expires_at=now + timedelta(seconds=int(body.get("expires_in", 0) or 0))
            if body.get("expires_in") else None,
            # Counted from the first authorisation; refreshing does not extend it.
            refresh_expires_at=now + timedelta(seconds=int(refresh_in)) if refresh_in else None,
            scopes=tuple(str(body.get("scope", "")).replace(",", " ").split()),
            account_id=account_id, account_name=name,
        )  # fmt: skip

    def _organisation(self, token: str) -> tuple[str, str]:
        acls = self._call(
            "GET", "/rest/organizationAcls", token,
            params={"q": "roleAssignee", "role": "ADMINISTRATOR", "state": "APPROVED"},
        )  # fmt: skip
        elements = acls.get("elements", [])
        if not elements:
            raise ConnectorError(PERMISSION, "the member administers no page", retryable=False)
        urn = str(elements[0]["organization"])
        org = self._call("GET", f"/rest/organizations/{urn.rsplit(':', 1)[-1]}", token)
        return urn, str(org.get("localizedName", ""))

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        return self._token(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        )

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        if not tokens.refresh_token:
            raise ConnectorError("auth_expired", "no refresh token (not a refresh partner)")
        return self._token(
            {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}, tokens
        )

    # --- Reading --------------------------------------------------------------------------
    def _comment(
        self, data: Mapping[str, Any], *, org: str, post: str, post_text: str
    ) -> RemoteItem:
        urn = str(data.get("$URN") or data.get("commentUrn") or data["id"])
        parent = str(data.get("parentComment", ""))
        created = (data.get("created") or {}).get("time", 0)
        return RemoteItem(
            external_id=urn,
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            text=str((data.get("message") or {}).get("text", "")),
            created_at=from_epoch_millis(created),
            author=str(data.get("actor", "")),
            parent_id=parent,
            thread_id=post,
            thread_text=post_text,
            permalink=post_link(post),
            own=str(data.get("actor", "")) == org,
        )

    def _comments(self, token: str, target: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        start = 0
        for _page in range(10):
            page = self._call("GET", f"/rest/socialActions/{enc(target)}/comments", token,
                              params={"start": start, "count": 100})  # fmt: skip
            elements = page.get("elements", [])
            found += elements
            paging = page.get("paging") or {}
            start += len(elements)
            if not elements or start >= int(paging.get("total", start)):
                break
        return found

    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        since_ms = int(cursor.get("since_ms") or int(cursor.get("since", "0") or 0) * 1000)
        posts = self._call(
            "GET", "/rest/posts", account.token,
            params={"q": "author", "author": account.account_id, "count": 20,
                    "sortBy": "LAST_MODIFIED"},
        ).get("elements", [])  # fmt: skip
        items: list[RemoteItem] = []
        newest = since_ms
        published: list[datetime] = []
        for post in posts:
            post_urn = str(post["id"])
            if int(post.get("createdAt", 0)) > since_ms:
                published.append(from_epoch_millis(post["createdAt"]))
            for data in self._comments(account.token, post_urn):
                stamp = int((data.get("created") or {}).get("time", 0))
                if stamp <= since_ms:
                    continue
                newest = max(newest, stamp)
                items.append(self._comment(data, org=account.account_id, post=post_urn,
                                           post_text=str(post.get("commentary", ""))))  # fmt: skip
        return FetchResult(tuple(items), {"since_ms": str(newest)}, tuple(published))

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        try:
            data = self._call(
                "GET",
                f"/rest/socialActions/{enc(hint.thread_id)}/comments/{comment_id_of(hint.item_id)}",
                account.token,
            )
        except ConnectorError as error:
            if error.code == NOT_FOUND:
                return None
            raise
        data.setdefault("$URN", hint.item_id)
        return self._comment(data, org=account.account_id, post=hint.thread_id, post_text="")

    # --- Acting ---------------------------------------------------------------------------
    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        body: dict[str, Any] = {"actor": account.account_id, "object": item.thread_id,
                                "message": {"text": text}}  # fmt: skip
        # Replies nest one level: a reply to a reply goes under the top-level comment.
        parent = item.parent_id or item.external_id
        body["parentComment"] = parent
        created = self._call("POST", f"/rest/socialActions/{enc(parent)}/comments",
                             account.token, json=body)  # fmt: skip
        urn = str(created.get("$URN") or created.get("_id") or created.get("id", ""))
        return ActionResult(urn, post_link(item.thread_id))

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        parent = item.parent_id or item.external_id
        floor = int((since - timedelta(minutes=2)).timestamp() * 1000)
        for data in self._comments(account.token, parent):
            mine = str(data.get("actor", "")) == account.account_id
            recent = int((data.get("created") or {}).get("time", 0)) >= floor
            if (
                mine
                and recent
                and str((data.get("message") or {}).get("text", "")).strip() == text.strip()
            ):
                return ActionResult(str(data.get("$URN") or data["id"]), post_link(item.thread_id))
        return None

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        raise ConnectorError(NOT_SUPPORTED, "LinkedIn has no API to hide comments")

    def delete(self, *, account: Account, item: RemoteItem) -> None:
        target = item.parent_id or item.thread_id
        self._call(
            "DELETE",
            f"/rest/socialActions/{enc(target)}/comments/{comment_id_of(item.external_id)}",
            account.token, params={"actor": account.account_id},
        )  # fmt: skip

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        org = account.account_id
        size = self._call("GET", f"/rest/networkSizes/{enc(org)}", account.token,
                          params={"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"})  # fmt: skip
        points = [MetricPoint(day, "followers", float(size.get("firstDegreeSize", 0)))]
        start = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)
        end = start + 86_400_000
        # Rest.li tuple syntax goes unencoded; the URN inside it is encoded.
        query = (
            f"q=organizationalEntity&organizationalEntity={enc(org)}"
            f"&timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:DAY)"
        )
        stats = self._call(
            "GET", f"/rest/organizationalEntityShareStatistics?{query}", account.token
        )
        for element in stats.get("elements", [])[:1]:
            total = element.get("totalShareStatistics") or {}
            mapping = {"impressionCount": "impressions", "uniqueImpressionsCount": "reach",
                       "clickCount": "clicks", "commentCount": "comments", "shareCount": "shares",
                       "likeCount": "reactions"}  # fmt: skip
            for key, metric in mapping.items():
                if isinstance(total.get(key), int | float):
                    points.append(MetricPoint(day, metric, float(total[key])))
            interactions = sum(
                float(total.get(k, 0) or 0) for k in ("likeCount", "commentCount", "shareCount")
            )
            points.append(MetricPoint(day, "interactions", interactions))
        return points

    def _image(self, account: Account, media: Any) -> str:
        request = {"initializeUploadRequest": {"owner": account.account_id}}
        started = self._call(
            "POST", "/rest/images?action=initializeUpload", account.token, json=request
        )
        value = started["value"]
        # The upload URL takes the bytes without our bearer token.
        http.call("PUT", str(value["uploadUrl"]), timeout=self.config.timeout * 6,
                  content=media.content, headers={"Content-Type": media.content_type})  # fmt: skip
        return str(value["image"])

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        text = f"{post.text}\n\n{post.link}".strip() if post.link else post.text
        body: dict[str, Any] = {
            "author": account.account_id, "commentary": text, "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False,
        }  # fmt: skip
        if post.media:
            media = post.media[0]
            body["content"] = {
                "media": {"id": self._image(account, media), "altText": media.alt_text}
            }
        created = self._call("POST", "/rest/posts", account.token, json=body)
        urn = str(created.get("_id") or created.get("id", ""))
        if post.first_comment:
            self._call("POST", f"/rest/socialActions/{enc(urn)}/comments", account.token,
                       json={"actor": account.account_id, "object": urn,
                             "message": {"text": post.first_comment}})  # fmt: skip
        return PublishedPost(urn, post_link(urn), datetime.now(UTC))

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        floor = int((since - timedelta(minutes=2)).timestamp() * 1000)
        posts = self._call(
            "GET", "/rest/posts", account.token,
            params={"q": "author", "author": account.account_id, "count": 20,
                    "sortBy": "LAST_MODIFIED"},
        ).get("elements", [])  # fmt: skip
        for post in posts:
            if int(post.get("createdAt", 0)) >= floor and str(
                post.get("commentary", "")
            ).startswith(text.strip()):
                return PublishedPost(str(post["id"]), post_link(str(post["id"])),
                                     from_epoch_millis(post["createdAt"]))  # fmt: skip
        return None

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        self._call("DELETE", f"/rest/posts/{enc(platform_post_id)}", account.token)

    # --- Webhooks -------------------------------------------------------------------------
    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        """challengeCode → {"challengeCode", "challengeResponse": hex HMAC-SHA256(secret)}."""
        code = query.get("challengeCode", "")
        if not code or len(code) > 200 or not self.config.client_secret:
            return HandshakeAnswer(400, '{"error":"challengeCode missing"}', "application/json")
        digest = signatures.hmac_sha256(self.config.client_secret, code.encode()).hex()
        import json

        body = json.dumps({"challengeCode": code, "challengeResponse": digest})
        return HandshakeAnswer(200, body, "application/json")

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        value = signatures.header(headers, SIGNATURE_HEADER)
        if not value:
            raise WebhookRejectedError(401, "unsigned")
        signatures.require_secret(self.config.client_secret)
        expected = signatures.hmac_sha256(self.config.client_secret, b"hmacsha256=" + body)
        signatures.check_hex(expected, value)

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        data = webhook_json(body)
        if (
            not isinstance(data, dict)
            or data.get("type") != "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS"
        ):
            raise WebhookRejectedError(422, "unknown notification type")
        assert isinstance(data, dict)  # noqa: S101 - narrowed by the type check above
        notifications = data.get("notifications")
        if not isinstance(notifications, list):
            raise WebhookRejectedError(400, "notifications missing")
        hints = []
        for note in notifications:
            if not isinstance(note, dict):
                raise WebhookRejectedError(400, "notification malformed")
            action = note.get("action")
            if action not in COMMENT_ACTIONS | {"COMMENT_DELETE"}:
                continue  # likes, shares and the page's own comments carry nothing for the inbox
            org = str(note.get("organizationalEntity", ""))
            activity = str(note.get("generatedActivity", ""))
            post = str(note.get("sourcePost", ""))
            if not (org and activity and post):
                raise WebhookRejectedError(400, "notification ids missing")
            hints.append(WebhookHint(account_id=org, item_id=activity, thread_id=post,
                                     removed=action == "COMMENT_DELETE"))  # fmt: skip
        return hints
