"""No page or API answer shows a person a link they may not open: every GET URL of the URL
catalogue is visited as every role, and every same-site link in the answer (an `<a href>` of an
HTML page, a URL among the values of a JSON answer such as the API root's) is followed with the
same session; none may answer 403. (A 404 is allowed: a made-up sample can link to nothing.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from tests.site_crawl import links
from tests.urlcatalogue import CATALOGUE, build_world
from tests.urlcatalogue.world import ROLES

# Not followed: signing out ends the session; static files are not access-checked.
NOT_FOLLOWED = ("/accounts/logout/", "/static/")


HOST = "testserver"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _targets(hrefs: Iterator[str] | list[str]) -> set[str]:
    """The same-site paths (with their queries) among `hrefs`."""
    found = set()
    for href in hrefs:
        target, _fragment = urldefrag(href)
        parts = urlsplit(target)
        if parts.scheme in {"http", "https"} and parts.netloc == HOST:
            target = target.split(HOST, 1)[1]
        elif parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(NOT_FOLLOWED):
            continue
        found.add(target)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "anonymous")
def test_no_page_links_to_a_page_the_role_may_not_open(role: Role | None) -> None:
    world = build_world()
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    sources: dict[str, set[str]] = {}  # link -> the pages showing it
    pages = 0
    for declared in CATALOGUE.values():
        if "GET" not in declared.methods:
            continue
        for url in declared.urls(world):
            response = client.get(url, declared.query)
            content_type = response.get("Content-Type", "")
            if response.status_code != 200:
                continue
            if content_type.startswith("text/html"):
                hrefs = _targets(links(response.content.decode()))
            elif content_type.startswith("application/json"):
                hrefs = _targets(_strings(json.loads(response.content)))
            else:
                continue
            pages += 1
            for target in hrefs:
                sources.setdefault(target, set()).add(url)
    forbidden = {}
    for target, shown_on in sorted(sources.items()):
        status = client.get(target).status_code
        if status == 403:
            forbidden[target] = sorted(shown_on)
    assert forbidden == {}, f"{role}: links answering 403 (link: pages showing it)"
    assert pages > 0
    print(f"\n{role}: {pages} pages, {len(sources)} links followed")  # noqa: T201
