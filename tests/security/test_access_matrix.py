"""Every URL pattern x every role: no message text or author handle reaches a role that may not
read that channel's messages (the inbox rule), on any page, API answer, export or PDF; every
response that does carry them was audited with the client address; no URL gives a server
error; every answer is no-store with a Content-Security-Policy. A URL nobody declared in
tests/urlcatalogue fails the first test until someone says how to visit it."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.audit.models import AuditEvent
from tests.urlcatalogue import CATALOGUE, NAMESPACES, build_world, undeclared, url_patterns
from tests.urlcatalogue.world import ROLES

ADDRESS = "198.51.100.42"
# Answers that are not text: searched by who may fetch them instead of by their content.
BINARY_TYPES = ("application/pdf", "image/", "application/octet-stream", "application/zip")


def test_every_url_is_declared_in_the_catalogue() -> None:
    assert undeclared() == [], "declare how to visit these in tests/urlcatalogue/"


def test_the_catalogue_declares_no_url_that_does_not_exist() -> None:
    names = {name for name, _route in url_patterns()}
    assert sorted(set(CATALOGUE) - names) == []


def test_every_path_id_is_bounded() -> None:
    """`<int:>` lets a 40-digit id through to the database (a 500 on SQLite): use `<id:>`."""
    unbounded = [
        (name, route)
        for name, route in url_patterns()
        if "<int:" in route and name.split(":", 1)[0] not in NAMESPACES
    ]
    assert unbounded == []


def _body(response: HttpResponseBase) -> str:
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content).decode("utf-8", "replace")  # type: ignore[arg-type]
    assert isinstance(response, HttpResponse)
    return response.content.decode("utf-8", "replace")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "anonymous")
def test_no_role_reads_messages_it_may_not(role: Role | None) -> None:
    world = build_world()
    client = Client(REMOTE_ADDR=ADDRESS)
    if role is not None:
        client.force_login(world.user(role))
    readable = world.readable_messages(role)
    forbidden = {m for mid, ms in world.markers.items() if mid not in readable for m in ms}
    allowed = {m for mid, ms in world.markers.items() if mid in readable for m in ms}
    seen: set[str] = set()
    visited = 0
    for declared in CATALOGUE.values():
        for url in declared.urls(world):
            last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
            response = client.get(url, declared.query)
            visited += 1
            where = f"{role} GET {url} -> {response.status_code}"
            assert response.status_code < 500, where
            assert "no-store" in response.get("Cache-Control", ""), where
            policy = response.get("Content-Security-Policy", "")
            content_type = response.get("Content-Type", "")
            # This origin only, or nothing at all (a file served in a sandbox).
            assert re.search(r"default-src '(self|none)'", policy), where
            assert "unsafe-inline" not in policy, where
            if content_type.startswith(BINARY_TYPES):
                if response.status_code == 200 and content_type.startswith("application/pdf"):
                    # The only PDF with message texts is the escalated message's evidence.
                    assert world.threat.pk in readable, where
                continue
            body = _body(response)
            leaked = sorted(marker for marker in forbidden if marker in body)
            assert leaked == [], where
            shown = {marker for marker in allowed if marker in body}
            if shown:
                events = AuditEvent.objects.filter(id__gt=last_event or 0)
                assert events.filter(ip_address=ADDRESS).exists(), f"not audited: {where}"
            seen |= shown
    # The crawl reaches the texts where they are allowed: the test can see a leak.
    assert seen == allowed
    admin = client.get("/admin/")
    assert admin.status_code == 302  # nobody here is staff: sent to the admin's login
    assert visited >= len(CATALOGUE)
    print(f"\n{role}: {visited} URLs of {len(CATALOGUE)} URL names visited")  # noqa: T201


@pytest.mark.django_db
def test_every_sample_reaches_its_object() -> None:
    """A URL with path arguments is checked only if its samples name real objects: each such URL
    answers something other than 404 to at least one role for at least one sample (a made-up
    id alone would let a leaking view pass the matrix unseen)."""
    world = build_world()
    clients = []
    for role in ROLES:
        client = Client(REMOTE_ADDR=ADDRESS)
        if role is not None:
            client.force_login(world.user(role))
        clients.append(client)
    unreached = []
    for declared in CATALOGUE.values():
        samples = declared.samples(world)
        if "GET" not in declared.methods or samples == [{}]:
            continue
        urls = declared.urls(world)
        if not any(
            client.get(url, declared.query).status_code != 404 for url in urls for client in clients
        ):
            unreached.append(declared.name)
    assert unreached == []
