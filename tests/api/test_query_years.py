"""A year on the campaigns list is a whole number a date can have (1-9999); anything
else, an empty value too (the schema says integer; schemathesis sent "year="), is a 400 in the
API's one error shape naming the parameter, as `limit` and `offset` are, never silently
ignored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(make_user: Callable[..., User]) -> Client:
    token = Token.objects.create(user=make_user(Role.MAVI))
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.mark.parametrize(
    "year", ["abc", "99999999999", "0", "10000", "-2026", "2026.0", "٢٠٢٦", str(2**63), ""]
)
def test_a_bad_year_is_a_400_naming_it(api: Client, year: str) -> None:
    response = api.get("/api/v1/campaigns", {"year": year})
    assert response.status_code == 400, (year, response.status_code)
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "invalid"
    assert set(body["error"]) == {"code", "message", "details"}
    assert "year" in str(body["error"]["details"])


@pytest.mark.parametrize("query", [{"year": "2026"}, {"year": "1999"}, {}])
def test_a_year_that_can_be_is_served(api: Client, query: dict[str, str]) -> None:
    response = api.get("/api/v1/campaigns", query)
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_the_schema_describes_the_campaign_lists_year_and_unit() -> None:
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    operation = response.json()["paths"]["/api/v1/campaigns"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["year"]["in"] == "query"
    assert parameters["year"]["schema"]["type"] == "integer"
    assert parameters["unit"]["schema"]["type"] == "string"
    # The paginated list's own parameters are kept.
    assert {"limit", "offset"} <= parameters.keys()
