"""X API errors: HTTP 429 with x-rate-limit-reset (epoch seconds), RFC 7807 problems
(`usage-capped` stops until the period ends, `resource-not-found`, `not-authorized-for-resource`,
`client-forbidden`), 401 for an expired or revoked token."""

from __future__ import annotations

import httpx

from someluotsi.connectors.errors import (
    AUTH_EXPIRED,
    NOT_FOUND,
    PERMISSION,
    THROTTLED,
    ConnectorError,
)
from someluotsi.connectors.http import retry_after_seconds

PROBLEMS = "https://api.twitter.com/2/problems/"


def x_error(response: httpx.Response) -> ConnectorError | None:
    status = response.status_code
    problem_type = ""
    try:
        body = response.json()
        if isinstance(body, dict):
            problem_type = str(body.get("type", ""))
            if not problem_type and body.get("errors") and not body.get("data"):
                first = body["errors"][0]
                problem_type = str(first.get("type", "")) if isinstance(first, dict) else ""
    except ValueError:
        body = None
    kind = problem_type.removeprefix(PROBLEMS)
    if status == 429 and kind != "usage-capped":
        return ConnectorError(
            THROTTLED, "HTTP 429", retry_after=retry_after_seconds(response), status=status
        )
    if kind == "usage-capped":
        # The account's or app's daily/monthly cap: no point retrying before the period ends.
        return ConnectorError(THROTTLED, "usage capped", retryable=False, status=status)
    if status == 401:
        return ConnectorError(AUTH_EXPIRED, "HTTP 401", status=status)
    if kind == "resource-not-found" or status == 404:
        return ConnectorError(NOT_FOUND, kind or "HTTP 404", status=status)
    if kind in {"not-authorized-for-resource", "client-forbidden"} or status == 403:
        return ConnectorError(PERMISSION, kind or "HTTP 403", status=status)
    return None
