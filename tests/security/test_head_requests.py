"""HEAD works wherever GET does (RFC 9110 §9.3.2): every GET URL of the catalogue answers a
HEAD with GET's status and no body, for a role with the most rights, an auditor and anonymous
visitors (monitoring probes /healthz with HEAD)."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from tests.urlcatalogue import CATALOGUE, build_world


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MAVI, Role.AUDITOR, None], ids=str)
def test_head_answers_as_get_does(role: Role | None) -> None:
    world = build_world()
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    visited = 0
    for declared in CATALOGUE.values():
        if "GET" not in declared.methods:
            continue
        for url in declared.urls(world):
            got = client.get(url, declared.query).status_code
            if got == 405:  # declared with GET for its query, but a form's target
                continue
            head = client.head(url, declared.query)
            visited += 1
            assert head.status_code != 405, f"{role} HEAD {url} -> 405 (GET {got})"
            assert head.status_code == got, f"{role} HEAD {url} -> {head.status_code}, GET {got}"
            body = (
                b"".join(head.streaming_content)  # type: ignore[attr-defined]
                if head.streaming
                else head.content
            )
            assert body == b"", f"{role} HEAD {url} has a body"
    assert visited > 100


@pytest.mark.django_db
def test_healthz_answers_head() -> None:
    assert Client().head("/healthz").status_code == 200
