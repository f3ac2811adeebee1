"""Which permalinks a message may keep: https addresses on its platform's own domains.

A permalink is platform data shown as a link ("Open on the platform"); one that points
anywhere else would make the inbox link out to a site a sender chose. Ingestion neutralises
instead of refusing (nothing a platform delivered is lost): a message keeps its text and
loses only the address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from someluotsi.channels.addresses import PLATFORM_DOMAINS, host_on_domains

MAX_LENGTH = 1000


def _own_origin() -> tuple[str, str] | None:
    base = getattr(settings, "BASE_URL", "")
    if not base:
        return None
    parts = urlsplit(base)
    return (parts.scheme, parts.netloc.lower()) if parts.netloc else None


def is_web_address(url: str) -> bool:
    """True when `url` is an http or https address with a host (or a path on this site, as
    the sandbox platform's items are): what the ingestion API accepts as a permalink. A
    `javascript:`, `data:` or any other scheme, an address without one, a protocol-relative
    "//host" and one with spaces, control characters or quotes are not."""
    if any(ch.isspace() or ord(ch) < 0x20 or ch in '"<>\\`{}|^' for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        return url.startswith("/") and url[1:2] != "/"
    return parts.scheme.lower() in ("http", "https") and bool(host)


def safe_permalink(url: object, platform: str) -> str:
    """`url` when it is an https address on `platform`'s domains (or on this installation
    itself, absolute or as a path: the sandbox platform's items), else ""."""
    if not isinstance(url, str) or not url or len(url) > MAX_LENGTH:
        return ""
    if any(ch.isspace() or ord(ch) < 0x20 or ch in '"<>\\`{}|^' for ch in url):
        return ""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    if not parts.scheme and not parts.netloc and url.startswith("/") and url[1:2] != "/":
        return url  # a path on this site (the sandbox platform without a BASE_URL)
    if parts.username or parts.password or not host:
        return ""
    own = _own_origin()
    if own is not None and (parts.scheme, parts.netloc.lower()) == own:
        return url
    if parts.scheme != "https" or port not in (None, 443):
        return ""
    if host_on_domains(host, PLATFORM_DOMAINS.get(platform, ())):
        return url
    return ""
