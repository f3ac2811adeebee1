"""Google API errors: 403 `quotaExceeded` (the daily quota, reset at midnight Pacific time),
`rateLimitExceeded` (short back-off), 401 (token), 403 `forbidden` / `insufficientPermissions`,
404 `commentNotFound` / `videoNotFound`, `commentsDisabled`."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from someluotsi.connectors.errors import (
    AUTH_EXPIRED,
    NOT_FOUND,
    PERMISSION,
    REJECTED,
    THROTTLED,
    ConnectorError,
)

PACIFIC = ZoneInfo("America/Los_Angeles")


def seconds_to_pacific_midnight(now: datetime | None = None) -> float:
    local = (now or datetime.now(PACIFIC)).astimezone(PACIFIC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - local).total_seconds()


def google_error(response: httpx.Response) -> ConnectorError | None:
    if response.is_success:
        return None
    try:
        error = response.json().get("error", {})
        reasons = {str(e.get("reason", "")) for e in error.get("errors", []) if isinstance(e, dict)}
    except (ValueError, AttributeError):
        reasons = set()
    status = response.status_code
    if "quotaExceeded" in reasons or "dailyLimitExceeded" in reasons:
        return ConnectorError(THROTTLED, "quotaExceeded", retry_after=seconds_to_pacific_midnight(),
                              status=status)  # fmt: skip
    if "rateLimitExceeded" in reasons or "userRateLimitExceeded" in reasons or status == 429:
        return ConnectorError(THROTTLED, "rateLimitExceeded", status=status)
    if status == 401 or "authError" in reasons:
        return ConnectorError(AUTH_EXPIRED, "HTTP 401", status=status)
    if reasons & {"commentNotFound", "videoNotFound", "notFound"} or status == 404:
        return ConnectorError(NOT_FOUND, ",".join(sorted(reasons)), status=status)
    if reasons & {"commentsDisabled", "processingFailure", "invalidCommentMetadata"}:
        return ConnectorError(REJECTED, ",".join(sorted(reasons)), retryable=False, status=status)
    if status == 403:
        return ConnectorError(PERMISSION, ",".join(sorted(reasons)), status=status)
    return None
