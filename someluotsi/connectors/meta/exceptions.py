"""Graph API errors as ConnectorErrors.

Codes from Meta's "Handling errors" and rate-limiting pages: 1/2 or is_transient: retry;
4, 17, 32, 613 and the Business Use Case codes 80001–80014: throttled (back off, reading
X-Business-Use-Case-Usage's estimated_time_to_regain_access in minutes); 190: token expired
or invalid; 10 and 200–299: permission; 100 with subcode 33: the object does not exist;
368: blocked for policy; 506: duplicate post.
"""

from __future__ import annotations

import json

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

THROTTLE_CODES = frozenset({4, 17, 32, 341, 613}) | frozenset(range(80001, 80015))


def regain_seconds(response: httpx.Response) -> float | None:
    """The longest `estimated_time_to_regain_access` (minutes) in the BUC usage header."""
    raw = response.headers.get("x-business-use-case-usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
        minutes = [
            float(entry.get("estimated_time_to_regain_access", 0))
            for entries in usage.values()
            for entry in entries
        ]
    except (ValueError, AttributeError, TypeError):
        return None
    longest = max(minutes, default=0.0)
    return longest * 60 if longest > 0 else None


def graph_error(response: httpx.Response) -> ConnectorError | None:
    """The ConnectorError a Graph error body stands for, or None when it is no error."""
    if response.is_success:
        return None
    try:
        error = response.json().get("error", {})
    except (ValueError, AttributeError):
        return None
    if not isinstance(error, dict):
        return None
    code = error.get("code")
    subcode = error.get("error_subcode")
    detail = f"graph code {code}/{subcode}"
    if code in THROTTLE_CODES:
        return ConnectorError(
            THROTTLED, detail, retry_after=regain_seconds(response), status=response.status_code
        )
    if code == 190 or (error.get("type") == "OAuthException" and code in {102, 463, 467}):
        return ConnectorError(AUTH_EXPIRED, detail, status=response.status_code)
    if code in {1, 2} or error.get("is_transient"):
        return ConnectorError(UNAVAILABLE, detail, status=response.status_code)
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return ConnectorError(PERMISSION, detail, status=response.status_code)
    if (code == 100 and subcode == 33) or response.status_code == 404:
        return ConnectorError(NOT_FOUND, detail, status=response.status_code)
    return ConnectorError(REJECTED, detail, retryable=False, status=response.status_code)
