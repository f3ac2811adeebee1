"""Every date a client can put in a query string is bounded: each GET URL of the catalogue,
visited with impossible and nonsense dates in every date parameter the project reads, answers
a 4xx or a page with the form's error, never a 500 (an overflow of year 1 or 9999, a template
rendered without its context)."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from tests.urlcatalogue import CATALOGUE, build_world

# Every name a view or API reads a date or a time from (core.dates is the one parser).
DATE_PARAMETERS = ("day", "since", "until", "start", "end", "starts_on", "ends_on", "date")
VALUES = ("0001-01-01", "9999-12-31", "abc", "2026-02-30", "0001-01-01T00:00:00+14:00")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MAVI, Role.AUDITOR], ids=lambda role: role.value)
def test_no_date_in_a_query_string_gives_a_server_error(role: Role) -> None:
    world = build_world()
    client = Client()
    client.force_login(world.user(role))
    visited = 0
    for declared in CATALOGUE.values():
        if "GET" not in declared.methods:
            continue
        for url in declared.urls(world):
            for value in VALUES:
                query = {**declared.query, **dict.fromkeys(DATE_PARAMETERS, value)}
                response = client.get(url, query)
                visited += 1
                assert response.status_code < 500, f"{role} GET {url} {value} -> 500"
    assert visited > 100


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "abc"])
@pytest.mark.parametrize(
    "path",
    [
        "/publishing/",
        "/publishing/calendar/month/",
        "/publishing/calendar/week/",
        "/publishing/calendar/list/",
    ],
)
def test_a_calendar_day_out_of_range_is_a_400_with_a_message(path: str, value: str) -> None:
    world = build_world()
    client = Client()
    client.force_login(world.user(Role.MAVI))
    response = client.get(path, {"day": value})
    assert response.status_code == 400, response.status_code
    assert b"2000-01-01" in response.content or b"2026-03-01" in response.content
    assert client.get(path, {"day": "2026-03-01"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/audit/", {"since": "0001-01-01"}),
        ("/audit/", {"until": "9999-12-31"}),
        ("/audit/export.csv", {"since": "abc"}),
        ("/audit/export.csv", {"until": "9999-12-31"}),
        ("/api/v1/audit-events", {"since": "0001-01-01"}),
        ("/api/v1/audit-events", {"until": "9999-12-31"}),
    ],
)
def test_an_audit_date_out_of_range_is_refused_with_a_reason(
    path: str, query: dict[str, str]
) -> None:
    world = build_world()
    client = Client()
    client.force_login(world.user(Role.AUDITOR))
    response = client.get(path, query)
    if path.startswith("/api/"):
        assert response.status_code == 400
        assert set(response.json()["error"]["details"]) == set(query)
    else:
        assert response.status_code in {200, 400}
        assert response["Content-Type"].startswith("text/html")
        assert b'aria-invalid="true"' in response.content or b"errorlist" in response.content
