"""Query strings with NUL bytes and junk never give a server error on any list page
(PostgreSQL refuses NUL bytes in text, so a raw value reaching a query would fail there)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role

PAGES = [
    "inbox:queue",
    "inbox:escalations",
    "inbox:figures",
    "channels:list",
    "channels:health",
    "channels:requests",
    "channels:campaigns",
    "channels:existing",
    "channels:absences",
    "accounts:people",
    "notifications:list",
]
JUNK = ["\x00", "-1", "9" * 30, "☃", "' OR 1=1 --"]
KEYS = ["channel", "category", "status", "assignee", "q", "days", "page", "platform", "unit"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_junk_query_strings_never_give_a_server_error(
    client_for: Callable[..., Client], name: str
) -> None:
    client = client_for(Role.MAVI)
    url = reverse(name)
    for junk in JUNK:
        query: dict[str, str | list[str]] = dict.fromkeys(KEYS, junk)
        query["target_groups"] = [junk, "youth"]
        response = client.get(url, query)
        assert response.status_code < 500, (url, junk)
