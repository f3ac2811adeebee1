"""HMAC signatures over raw request bytes, compared in constant time (`hmac.compare_digest`).

Each platform signs the bytes it sent; re-serialising a parsed body changes them (Meta signs an
escaped-unicode form, so ä/ö/å differ), which is why verification always runs on the raw body
before any parsing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from someluotsi.connectors.errors import WebhookRejectedError


def hmac_sha256(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def require_secret(secret: str) -> None:
    """Without the app secret nothing can be verified: refuse everything (403)."""
    if not secret:
        raise WebhookRejectedError(403, "webhook secret not configured")


def check_hex(expected: bytes, received: str) -> None:
    """Compare a hex signature; 403 on mismatch. Case-insensitive hex, no timing leak."""
    if not hmac.compare_digest(expected.hex().encode(), received.strip().lower().encode()):
        raise WebhookRejectedError(403, "signature mismatch")


def check_base64(expected: bytes, received: str) -> None:
    if not hmac.compare_digest(base64.b64encode(expected), received.strip().encode()):
        raise WebhookRejectedError(403, "signature mismatch")


def header(headers: object, name: str) -> str:
    """A header by case-insensitive name ('' when absent); 401 is the caller's to raise."""
    getter = getattr(headers, "get", None)
    if getter is None:
        return ""
    value = getter(name) or getter(name.lower()) or ""
    return str(value)


def timestamped(*, secret: str, header_value: str, body: bytes, now: float, window: float) -> None:
    """`t=<epoch s>,s=<hex HMAC-SHA256(secret, t + "." + body)>` (TikTok, the sandbox): the
    signature first, then the replay window (a replayed old delivery is refused, 403)."""
    require_secret(secret)
    parts = dict(part.split("=", 1) for part in header_value.split(",") if "=" in part)
    stamp, signature = parts.get("t", "").strip(), parts.get("s", "")
    if not stamp.isdigit() or not signature:
        raise WebhookRejectedError(401, "signature header malformed")
    check_hex(hmac_sha256(secret, stamp.encode() + b"." + body), signature)
    if abs(now - int(stamp)) > window:
        raise WebhookRejectedError(403, "timestamp outside the replay window")


def sign_timestamped(secret: str, body: bytes, stamp: int) -> str:
    """The header value `timestamped` accepts (the sandbox's sender, tests)."""
    return f"t={stamp},s={hmac_sha256(secret, str(stamp).encode() + b'.' + body).hex()}"
