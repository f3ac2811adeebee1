"""A small Graph API client over httpx: versioned URLs, the token in a header (never in a
logged URL), cursor paging by `paging.next`, and Graph errors mapped by `exceptions`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from someluotsi.connectors import http
from someluotsi.connectors.base import PlatformConfig
from someluotsi.connectors.meta.exceptions import graph_error

GRAPH = "https://graph.facebook.com"
MAX_PAGES = 10


class GraphClient:
    def __init__(self, config: PlatformConfig, token: str) -> None:
        self.config = config
        self.token = token
        self.base = (config.api_base or GRAPH).rstrip("/") + "/" + (config.version or "v25.0")

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        response = http.call(
            "GET", self.url(path), timeout=self.config.timeout, mapper=graph_error,
            headers=self._headers(), params=params,
        )  # fmt: skip
        return http.json_of(response)

    def post(self, path: str, data: Mapping[str, Any] | None = None, files: Any = None) -> Any:
        response = http.call(
            "POST", self.url(path), timeout=self.config.timeout, mapper=graph_error,
            headers=self._headers(), data=data,
        ) if files is None else http.call_multipart(
            self.url(path), timeout=self.config.timeout, mapper=graph_error,
            headers=self._headers(), data=data or {}, files=files,
        )  # fmt: skip
        return http.json_of(response)

    def delete(self, path: str) -> Any:
        response = http.call(
            "DELETE", self.url(path), timeout=self.config.timeout, mapper=graph_error,
            headers=self._headers(),
        )  # fmt: skip
        return http.json_of(response)

    def pages(
        self, path: str, params: Mapping[str, Any] | None = None, *, max_pages: int = MAX_PAGES
    ) -> Iterator[dict[str, Any]]:
        """Every item of an edge, following `paging.next` (at most `max_pages` pages)."""
        listing = self.get(path, params)
        for _page in range(max_pages):
            yield from listing.get("data", [])
            following = listing.get("paging", {}).get("next")
            if not following:
                return
            response = http.call(
                "GET", following, timeout=self.config.timeout, mapper=graph_error,
                headers=self._headers(),
            )  # fmt: skip
            listing = http.json_of(response)
