"""One place where connectors talk HTTP (httpx): timeouts, transport failures and the generic
status codes become `ConnectorError`s; each platform's `exceptions.py` maps its own error bodies.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from someluotsi.connectors.errors import (
    AUTH_EXPIRED,
    NOT_FOUND,
    PERMISSION,
    REJECTED,
    THROTTLED,
    TIMEOUT,
    UNAVAILABLE,
    ConnectorError,
)

logger = logging.getLogger(__name__)

# A platform's error body → a ConnectorError, or None to fall back to the status code.
ErrorMapper = Callable[[httpx.Response], ConnectorError | None]


def retry_after_seconds(response: httpx.Response, *, now: float | None = None) -> float | None:
    """`Retry-After` (seconds) or X's `x-rate-limit-reset` (epoch seconds), when present."""
    value = response.headers.get("retry-after")
    if value and value.strip().isdigit():
        return float(value.strip())
    reset = response.headers.get("x-rate-limit-reset")
    if reset and reset.strip().isdigit():
        return max(0.0, float(reset.strip()) - (time.time() if now is None else now))
    return None


def status_error(response: httpx.Response) -> ConnectorError:
    """The generic meaning of an HTTP status."""
    status = response.status_code
    if status == 429:
        return ConnectorError(
            THROTTLED, "HTTP 429", retry_after=retry_after_seconds(response), status=status
        )
    if status == 401:
        return ConnectorError(AUTH_EXPIRED, "HTTP 401", status=status)
    if status == 403:
        return ConnectorError(PERMISSION, "HTTP 403", status=status)
    if status in {404, 410}:
        return ConnectorError(NOT_FOUND, f"HTTP {status}", status=status)
    if status >= 500:
        return ConnectorError(UNAVAILABLE, f"HTTP {status}", status=status)
    return ConnectorError(REJECTED, f"HTTP {status}", status=status)


def call(
    method: str,
    url: str,
    *,
    timeout: float,
    mapper: ErrorMapper | None = None,
    ok_statuses: frozenset[int] = frozenset(),
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    json: Any = None,
    content: bytes | None = None,
    auth: tuple[str, str] | None = None,
) -> httpx.Response:
    """One request; returns a 2xx response (or one in `ok_statuses`), raises ConnectorError.

    A timeout on a write is TIMEOUT (the platform may have acted: callers reconcile before
    retrying); on a read it is UNAVAILABLE. Logs the method, host and status, never the query
    (tokens travel there on some platforms) or the body.
    """
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            response = client.request(
                method, url, headers=headers, params=params, data=data, json=json,
                content=content, auth=auth,
            )  # fmt: skip
    except httpx.TimeoutException as exc:
        code = UNAVAILABLE if method.upper() == "GET" else TIMEOUT
        raise ConnectorError(code, f"{method} {httpx.URL(url).host}: timed out") from exc
    except httpx.HTTPError as exc:
        raise ConnectorError(
            UNAVAILABLE, f"{method} {httpx.URL(url).host}: {type(exc).__name__}"
        ) from exc
    logger.debug("%s %s → %s", method, httpx.URL(url).host, response.status_code)
    if mapper is not None:
        mapped = mapper(response)
        if mapped is not None:
            raise mapped
    if response.is_success or response.status_code in ok_statuses:
        return response
    raise status_error(response)


def json_of(response: httpx.Response) -> Any:
    """The body as JSON; UNAVAILABLE when the platform answered something else."""
    try:
        return response.json()
    except ValueError as exc:
        raise ConnectorError(UNAVAILABLE, "answer was not JSON") from exc


def call_multipart(
    url: str,
    *,
    timeout: float,
    mapper: ErrorMapper | None,
    headers: Mapping[str, str],
    data: Mapping[str, Any],
    files: Any,
) -> httpx.Response:
    """A multipart upload (media bytes); a timeout is TIMEOUT like any write."""
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            response = client.post(url, headers=headers, data=data, files=files)
    except httpx.TimeoutException as exc:
        raise ConnectorError(TIMEOUT, f"upload to {httpx.URL(url).host}: timed out") from exc
    except httpx.HTTPError as exc:
        raise ConnectorError(UNAVAILABLE, f"upload: {type(exc).__name__}") from exc
    if mapper is not None:
        mapped = mapper(response)
        if mapped is not None:
            raise mapped
    if response.is_success:
        return response
    raise status_error(response)
