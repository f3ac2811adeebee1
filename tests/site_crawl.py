"""Every page a signed-in person can reach, found the way they find it: by following links.

`crawl(client)` starts at the home page and follows every same-site link of every HTML page,
keeping one address per URL name (the first found, so the navigation's own links win). Pages
of apps added later are picked up as soon as something links to them; the URL catalogue
(tests/urlcatalogue) says which names are pages, so a test can fail on a page no role reaches.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404

# Not pages for a person: the API (its own tests), the admin (Django's), signing out (ends the
# crawl's session), allauth-like hand-offs to the identity provider.
SKIPPED_PREFIXES = ("/api/", "/admin/", "/oidc/", "/static/", "/accounts/logout/")
# URL namespaces whose views are not HTML pages a person reads.
SKIPPED_NAMESPACES = frozenset({"api", "admin", "oidc"})


@dataclass(frozen=True)
class Page:
    """One fetched page: its address, URL name (`inbox:detail`), status and HTML text."""

    url: str
    url_name: str
    status: int
    html: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str) -> list[str]:
    """The `href` of every `<a>` in `html`, in document order."""
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def url_name(path: str) -> str | None:
    """`namespace:name` of a site path, or None when the path is not a page of the site."""
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace in SKIPPED_NAMESPACES or not match.url_name:
        return None
    return match.view_name


def crawl(client: Client, start: str = "/", *, max_pages: int = 400) -> list[Page]:
    """Fetch every page reachable from `start` by links, one address per URL name.

    Returns the HTML pages in the order visited (breadth first). Downloads (CSV, PDF, JSON)
    are followed for their status only, not read. Raises AssertionError past `max_pages`.
    """
    seen_names: set[str] = set()
    queue: deque[str] = deque([start])
    pages: list[Page] = []
    while queue:
        url = queue.popleft()
        name = url_name(urlsplit(url).path)
        if name is None or name in seen_names:
            continue
        seen_names.add(name)
        assert len(pages) < max_pages, "the crawl found more pages than expected"
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        html = response.content.decode() if content_type.startswith("text/html") else ""
        pages.append(Page(url=url, url_name=name, status=response.status_code, html=html))
        for href in links(html):
            target, _fragment = urldefrag(href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            queue.append(target)
    return pages
