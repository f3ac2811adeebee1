"""The sandbox connector: the protocol of `connectors.base` against the sandbox platform."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from someluotsi.connectors import signatures
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
    REJECTED,
    ConnectorError,
    WebhookRejectedError,
)
from someluotsi.connectors.models import SandboxItem
from someluotsi.connectors.parsing import as_id, webhook_json
from someluotsi.connectors.sandbox import platform

SIGNATURE_HEADER = "X-Sandbox-Signature"
ACCESS_LIFETIME = timedelta(hours=1)
REFRESH_LIFETIME = timedelta(days=90)
_SALT = "someluotsi.connectors.sandbox.oauth"


def permalink(item_id: str) -> str:
    return settings.BASE_URL + reverse("connectors:sandbox_item", args=[item_id])


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _remote(item: SandboxItem) -> RemoteItem:
    thread = platform.sandbox_get(item.thread_id) if item.thread_id else None
    return RemoteItem(
        external_id=item.item_id,
        kind=ItemKind.REPLY if item.parent_id else ItemKind.COMMENT,
        text=item.text,
        created_at=item.created_at,
        author=item.author,
        parent_id=item.parent_id,
        thread_id=item.thread_id,
        thread_text=thread.text if thread else "",
        permalink=permalink(item.item_id),
        own=item.from_account,
        hidden=item.hidden,
    )


class SandboxConnector:
    platform: str = "sandbox"
    capabilities: frozenset[Capability] = frozenset(Capability) - {Capability.DIRECT_MESSAGES}
    limits: PlatformLimits = PlatformLimits(
        max_text_chars=5000, max_media=4, media_types=("image/jpeg", "image/png"),
        first_comment=True,
    )  # fmt: skip
    scopes: tuple[str, ...] = ("read", "write", "moderate", "publish", "insights")

    def __init__(self, config: PlatformConfig | None = None) -> None:
        self.config = config or PlatformConfig()

    # --- OAuth 2.0 with PKCE -------------------------------------------------------------
    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        query = urlencode(
            {"state": state, "code_challenge": code_challenge, "code_challenge_method": "S256",
             "redirect_uri": redirect_uri, "scope": " ".join(self.scopes)}
        )  # fmt: skip
        return reverse("connectors:sandbox_authorize") + "?" + query

    @staticmethod
    def issue_code(*, account_id: str, account_name: str, code_challenge: str) -> str:
        """What the sandbox's consent page hands back (signed, short-lived)."""
        return signing.dumps(
            {"a": account_id, "n": account_name, "c": code_challenge}, salt=_SALT, compress=True
        )

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        try:
            grant = signing.loads(code, salt=_SALT, max_age=600)
        except signing.BadSignature as exc:
            raise ConnectorError(REJECTED, "authorization code not valid") from exc
        if _challenge(code_verifier) != grant["c"]:
            raise ConnectorError(REJECTED, "PKCE verifier does not match")
        return self.issue_tokens(grant["a"], grant["n"])

    def issue_tokens(self, account_id: str, name: str) -> TokenSet:
        now = timezone.now()
        return TokenSet(
            access_token=f"sbx.{account_id}.{secrets.token_urlsafe(24)}",
            refresh_token=f"sbxr.{account_id}.{secrets.token_urlsafe(24)}",
            access_expires_at=now + ACCESS_LIFETIME,
            refresh_expires_at=now + REFRESH_LIFETIME,
            scopes=self.scopes,
            account_id=account_id,
            account_name=name,
        )

    # The name the publishing contract first gave (CONTRACT-publish.md, 2026-11-29).
    _tokens = issue_tokens

    def refresh(self, *, tokens: TokenSet) -> TokenSet:
        if not tokens.refresh_token.startswith("sbxr."):
            raise ConnectorError(AUTH_EXPIRED, "refresh token not valid")
        return self.issue_tokens(tokens.refresh_token.split(".")[1], tokens.account_name)

    def _check(self, account: Account) -> None:
        if not account.token.startswith(f"sbx.{account.account_id}."):
            raise ConnectorError(AUTH_EXPIRED, "access token not valid for the account")

    # --- Reading --------------------------------------------------------------------------
    def fetch_since(self, *, account: Account, cursor: Mapping[str, str]) -> FetchResult:
        self._check(account)
        after = int(cursor.get("after", "0") or 0)
        rows = platform.sandbox_items_after(account_id=account.account_id, after=after)
        items = tuple(_remote(row) for row in rows if row.kind != "post" and not row.deleted)
        posts = tuple(row.created_at for row in rows if row.kind == "post")
        last = rows[-1].pk if rows else after
        return FetchResult(items=items, cursor={"after": str(last)}, posts=posts)

    def fetch_item(self, *, account: Account, hint: WebhookHint) -> RemoteItem | None:
        self._check(account)
        row = platform.sandbox_get(hint.item_id)
        if row is None or row.deleted or row.account_id != account.account_id:
            return None
        return _remote(row)

    # --- Acting ---------------------------------------------------------------------------
    def _target(self, account: Account, item_id: str) -> SandboxItem:
        self._check(account)
        row = platform.sandbox_get(item_id)
        if row is None or row.deleted or row.account_id != account.account_id:
            raise ConnectorError(NOT_FOUND, "no such item")
        return row

    def reply(self, *, account: Account, item: RemoteItem, text: str) -> ActionResult:
        target = self._target(account, item.external_id)
        created = platform.sandbox_comment(
            account_id=account.account_id, thread_id=target.thread_id or target.item_id,
            author=account.name or account.account_id, text=text, parent_id=target.item_id,
            from_account=True,
        )  # fmt: skip
        return ActionResult(created.item_id, permalink(created.item_id))

    def find_reply(
        self, *, account: Account, item: RemoteItem, text: str, since: datetime
    ) -> ActionResult | None:
        self._check(account)
        found = SandboxItem.objects.filter(
            account_id=account.account_id, parent_id=item.external_id, from_account=True,
            text=text, created_at__gte=since, deleted=False,
        ).first()  # fmt: skip
        return ActionResult(found.item_id, permalink(found.item_id)) if found else None

    def set_hidden(self, *, account: Account, item: RemoteItem, hidden: bool) -> None:
        target = self._target(account, item.external_id)
        target.hidden = hidden
        target.save(update_fields=["hidden"])

    def delete(self, *, account: Account, item: RemoteItem) -> None:
        target = self._target(account, item.external_id)
        target.deleted = True
        target.save(update_fields=["deleted"])

    def daily_metrics(self, *, account: Account, day: date) -> list[MetricPoint]:
        self._check(account)
        rows = SandboxItem.objects.filter(account_id=account.account_id, deleted=False)
        today = rows.filter(created_at__date=day)
        counts = dict(today.values_list("kind").annotate(n=Count("id")))
        comments = counts.get("comment", 0) + counts.get("reply", 0)
        followers = 1000 + rows.filter(created_at__date__lte=day, from_account=False).count()
        return [
            MetricPoint(day, "followers", float(followers)),
            MetricPoint(day, "comments", float(comments)),
            MetricPoint(day, "interactions", float(comments)),
            MetricPoint(day, "posts", float(counts.get("post", 0))),
        ]

    def publish(self, *, account: Account, post: OutboundPost) -> PublishedPost:
        self._check(account)
        text = post.text if not post.link else f"{post.text}\n{post.link}".strip()
        if len(text) > self.limits.max_text_chars:
            raise ConnectorError(REJECTED, "text too long")
        created = platform.sandbox_post(account_id=account.account_id, text=text)
        if post.first_comment:
            platform.sandbox_comment(
                account_id=account.account_id, thread_id=created.item_id,
                author=account.name or account.account_id, text=post.first_comment,
                from_account=True,
            )  # fmt: skip
        return PublishedPost(created.item_id, permalink(created.item_id), created.created_at)

    def find_post(self, *, account: Account, text: str, since: datetime) -> PublishedPost | None:
        self._check(account)
        found = SandboxItem.objects.filter(
            account_id=account.account_id, kind="post", created_at__gte=since, deleted=False,
            text__startswith=text,
        ).first()  # fmt: skip
        if found is None:
            return None
        return PublishedPost(found.item_id, permalink(found.item_id), found.created_at)

    def delete_post(self, *, account: Account, platform_post_id: str) -> None:
        self._check(account)
        SandboxItem.objects.filter(account_id=account.account_id, item_id=platform_post_id).update(
            deleted=True
        )  # already gone is not an error

    # --- Webhooks -------------------------------------------------------------------------
    def handshake(self, *, query: Mapping[str, str]) -> HandshakeAnswer:
        challenge = query.get("challenge", "")
        if not challenge or len(challenge) > 200:
            return HandshakeAnswer(400, "missing challenge")
        return HandshakeAnswer(200, challenge)

    def verify_webhook(self, *, headers: Mapping[str, str], body: bytes, now: float) -> None:
        value = signatures.header(headers, SIGNATURE_HEADER)
        if not value:
            raise WebhookRejectedError(401, "unsigned")
        signatures.timestamped(
            secret=platform.sandbox_secret(), header_value=value, body=body, now=now,
            window=self.config.replay_window,
        )  # fmt: skip

    def parse_webhook(self, *, body: bytes) -> list[WebhookHint]:
        data = webhook_json(body)
        if not isinstance(data, dict) or data.get("object") != "sandbox":
            raise WebhookRejectedError(422, "unknown object type")
        events = data.get("events")
        if not isinstance(events, list):
            raise WebhookRejectedError(400, "events missing")
        hints = []
        for event in events:
            if not isinstance(event, dict) or event.get("kind") not in {
                "comment",
                "reply",
                "mention",
            }:
                raise WebhookRejectedError(422, "unknown event")
            try:
                hints.append(
                    WebhookHint(
                        account_id=as_id(event.get("account_id")),
                        item_id=as_id(event.get("item_id")),
                        kind=ItemKind(event["kind"]),
                        removed=event.get("verb") == "remove",
                    )
                )
            except ValueError as exc:
                raise WebhookRejectedError(400, "event ids malformed") from exc
        return hints


def sign(body: bytes, *, at: int) -> str:
    """The signature header value the sandbox platform sends with `body` at epoch `at`."""
    return signatures.sign_timestamped(platform.sandbox_secret(), body, at)
