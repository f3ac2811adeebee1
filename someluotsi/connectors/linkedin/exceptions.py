"""LinkedIn errors: 401 = the grant expired or was revoked (reconnect), 403 = the member lost
the page role, 429 = the daily quota (resets at 00:00 UTC), 404 = gone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from someluotsi.connectors.errors import THROTTLED, ConnectorError


def seconds_to_utc_midnight(now: datetime | None = None) -> float:
    now = now or datetime.now(UTC)
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()


def linkedin_error(response: httpx.Response) -> ConnectorError | None:
    if response.status_code == 429:
        # Daily application and member quotas per endpoint; they reset at midnight UTC.
        return ConnectorError(THROTTLED, "HTTP 429", retry_after=seconds_to_utc_midnight(),
                              status=429)  # fmt: skip
    return None  # the generic status meanings (http.status_error) fit the rest
