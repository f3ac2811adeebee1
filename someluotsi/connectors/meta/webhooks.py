"""Meta webhooks (Facebook Page `page` object, Instagram `instagram` object).

Handshake: GET hub.mode=subscribe, hub.verify_token (compared in constant time with
META_VERIFY_TOKEN), hub.challenge echoed. Delivery: X-Hub-Signature-256 = "sha256=" + hex
HMAC-SHA256(META_APP_SECRET, raw body). Meta signs the escaped-unicode bytes it sends, so the
body is never re-encoded before checking.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from someluotsi.connectors import signatures
from someluotsi.connectors.base import HandshakeAnswer, ItemKind, PlatformConfig, WebhookHint
from someluotsi.connectors.errors import WebhookRejectedError
from someluotsi.connectors.parsing import as_id, webhook_json

SIGNATURE_HEADER = "X-Hub-Signature-256"


def handshake(config: PlatformConfig, query: Mapping[str, str]) -> HandshakeAnswer:
    token = query.get("hub.verify_token", "")
    challenge = query.get("hub.challenge", "")
    if (
        query.get("hub.mode") != "subscribe"
        or not config.verify_token
        or not hmac.compare_digest(token.encode(), config.verify_token.encode())
        or not challenge
        or len(challenge) > 200
    ):
        return HandshakeAnswer(403, "verification failed")
    return HandshakeAnswer(200, challenge)


def verify(config: PlatformConfig, headers: Mapping[str, str], body: bytes) -> None:
    value = signatures.header(headers, SIGNATURE_HEADER)
    if not value:
        raise WebhookRejectedError(401, "unsigned")
    signatures.require_secret(config.client_secret)
    if not value.startswith("sha256="):
        raise WebhookRejectedError(401, "signature header malformed")
    signatures.check_hex(signatures.hmac_sha256(config.client_secret, body), value[7:])


def _entries(body: bytes, expected_object: str) -> list[dict[str, Any]]:
    data = webhook_json(body)
    if not isinstance(data, dict) or data.get("object") != expected_object:
        raise WebhookRejectedError(422, "unknown object type")
    entries = data.get("entry")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise WebhookRejectedError(400, "entry missing")
    return entries


def _id(value: object) -> str:
    try:
        return as_id(value)
    except ValueError as exc:
        raise WebhookRejectedError(400, "id malformed") from exc


def parse_page(body: bytes) -> list[WebhookHint]:
    """Comments (add, edited, remove) from the `feed` field and Messenger messages; other
    feed items (reactions, shares, the page's own posts) carry nothing for the inbox."""
    hints: list[WebhookHint] = []
    for entry in _entries(body, "page"):
        page_id = _id(entry.get("id"))
        for change in entry.get("changes", []) or []:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict) or change.get("field") != "feed":
                continue
            if value.get("item") != "comment":
                continue
            comment_id = _id(value.get("comment_id"))
            parent = str(value.get("parent_id") or "")
            post = str(value.get("post_id") or "")
            hints.append(
                WebhookHint(
                    account_id=page_id, item_id=comment_id,
                    kind=ItemKind.REPLY if parent and parent != post else ItemKind.COMMENT,
                    thread_id=post, removed=value.get("verb") == "remove",
                )
            )  # fmt: skip
        for event in entry.get("messaging", []) or []:
            message = event.get("message") if isinstance(event, dict) else None
            if not isinstance(message, dict) or message.get("is_echo") or "mid" not in message:
                continue
            sender = _id((event.get("sender") or {}).get("id"))
            hints.append(
                WebhookHint(
                    account_id=page_id, item_id=_id(message["mid"]), kind=ItemKind.DIRECT,
                    thread_id=sender,
                )
            )  # fmt: skip
    return hints


def parse_instagram(body: bytes) -> list[WebhookHint]:
    """`comments` (on the account's media) and `mentions` (the account @mentioned in a
    comment or caption)."""
    hints: list[WebhookHint] = []
    for entry in _entries(body, "instagram"):
        account_id = _id(entry.get("id"))
        for change in entry.get("changes", []) or []:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            field = change.get("field")
            if field == "comments":
                media = value.get("media") or {}
                hints.append(
                    WebhookHint(
                        account_id=account_id, item_id=_id(value.get("id")),
                        kind=ItemKind.REPLY if value.get("parent_id") else ItemKind.COMMENT,
                        thread_id=str(media.get("id", "")) if isinstance(media, dict) else "",
                    )
                )  # fmt: skip
            elif field == "mentions" and value.get("comment_id"):
                hints.append(
                    WebhookHint(
                        account_id=account_id, item_id=_id(value.get("comment_id")),
                        kind=ItemKind.MENTION, thread_id=str(value.get("media_id", "")),
                    )
                )  # fmt: skip
    return hints
