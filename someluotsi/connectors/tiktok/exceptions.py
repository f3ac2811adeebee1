"""TikTok API for Business errors. Logical errors come with HTTP 200 and a non-zero `code`
(platform-apis.md §6.1): 40100–40199 are token problems (reconnect), 40130 a scope the account
did not grant, 40016/40100-range throttles and HTTP 429 are rate limits (about 40 requests a
minute per account and endpoint), 5xxxx are TikTok's own failures. Unknown codes are refusals.
The `request_id` is kept in the detail for TikTok's support."""

from __future__ import annotations

import httpx

from someluotsi.connectors.errors import (
    AUTH_EXPIRED,
    NOT_FOUND,
    PERMISSION,
    REJECTED,
    THROTTLED,
    UNAVAILABLE,
    ConnectorError,
)

RATE_LIMIT_CODES = frozenset({40016, 40100})
AUTH_CODES = frozenset({40102, 40104, 40105, 40106})
SCOPE_CODES = frozenset({40001, 40130})
NOT_FOUND_CODES = frozenset({40010, 40011})


def tiktok_error(response: httpx.Response) -> ConnectorError | None:
    if response.status_code == 429:
        return ConnectorError(THROTTLED, "HTTP 429", retry_after=60.0, status=429)
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or "code" not in body:
        return None
    code = body.get("code")
    if code == 0:
        return None
    detail = f"tiktok code {code} request {body.get('request_id', '')}"
    if code in RATE_LIMIT_CODES:
        return ConnectorError(THROTTLED, detail, retry_after=60.0)
    if code in AUTH_CODES:
        return ConnectorError(AUTH_EXPIRED, detail)
    if code in SCOPE_CODES:
        return ConnectorError(PERMISSION, detail, retryable=False)
    if code in NOT_FOUND_CODES:
        return ConnectorError(NOT_FOUND, detail)
    if isinstance(code, int) and code >= 50000:
        return ConnectorError(UNAVAILABLE, detail)
    return ConnectorError(REJECTED, detail, retryable=False)
