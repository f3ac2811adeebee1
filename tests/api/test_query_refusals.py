"""Query parameters that cannot be meant are a 400 in the API's one error shape, worded in the
caller's language, never a silent empty list: a campaign list's unit code that names no unit, a
metric or audit trail period that ends before it starts, a figures period that is none of the
valid ones (named in the message). A JSON body that starts with a UTF-8 byte-order mark is
read, and the body's size limit still holds for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.campaigns import CampaignDraft, campaign_register
from tests.factories import ChannelFactory, UnitFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]


def _api(make_user: Callable[..., User], language: str = "fi") -> Client:
    token = Token.objects.create(user=make_user(Role.MAVI, preferred_language=language))
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def _refused(response: Any, parameter: str) -> str:
    """The 400's message for `parameter`, after checking the error shape."""
    assert response.status_code == 400, (response.status_code, response.content)
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == "invalid"
    return " ".join(str(text) for text in error["details"][parameter])


# --- a. the campaign list's unit ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Yksikköä koodilla “abc” ei ole."),
        ("sv", "Det finns ingen enhet med koden “abc”."),
        ("en", "No unit with the code “abc”."),
    ],
)
def test_a_campaign_unit_that_is_no_units_code_is_a_400(
    make_user: Callable[..., User], language: str, expected: str
) -> None:
    response = _api(make_user, language).get("/api/v1/campaigns", {"unit": "abc"})
    assert _refused(response, "unit") == expected


def test_a_campaign_unit_that_exists_filters_the_list(make_user: Callable[..., User]) -> None:
    unit, other = UnitFactory.create(code="kirjasto"), UnitFactory.create(code="liikunta")
    mavi = make_user(Role.MAVI)
    today = timezone.localdate()
    campaign_register(
        actor=mavi,
        draft=CampaignDraft(
            channel=ChannelFactory.create(unit=unit),
            purpose="Lukuhaaste",
            target_group="Lapsiperheet",
            budget_eur="450",
            starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=21),
            decided_by_name="Kari Nieminen",
            decided_at=timezone.now() - timedelta(days=2),
        ),
    )
    api = _api(make_user)
    assert len(api.get("/api/v1/campaigns", {"unit": "kirjasto"}).json()["results"]) == 1
    assert api.get("/api/v1/campaigns", {"unit": other.code}).json()["results"] == []
    # No unit, or an empty one, is every campaign, as before.
    assert len(api.get("/api/v1/campaigns").json()["results"]) == 1
    assert len(api.get("/api/v1/campaigns", {"unit": ""}).json()["results"]) == 1


# --- b. a metric period that ends before it starts -------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Loppupäivä on ennen alkupäivää."),
        ("sv", "Slutdatumet är före startdatumet."),
        ("en", "The end date is before the start date."),
    ],
)
def test_metric_values_ending_before_they_start_are_a_400(
    make_user: Callable[..., User], language: str, expected: str
) -> None:
    response = _api(make_user, language).get(
        "/api/v1/metric-values", {"start": "2024-01-01", "end": "2023-01-01"}
    )
    assert _refused(response, "end") == expected


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2024-01-01", "end": "2024-01-01"},  # one day
        {"start": "2023-01-01", "end": "2024-01-01"},
        {"start": "2024-01-01"},
        {"end": "2023-01-01"},
    ],
)
def test_metric_values_of_a_real_period_are_served(
    make_user: Callable[..., User], query: dict[str, str]
) -> None:
    response = _api(make_user).get("/api/v1/metric-values", query)
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_an_unknown_metric_names_the_valid_ones(make_user: Callable[..., User]) -> None:
    response = _api(make_user, "en").get("/api/v1/metric-values", {"metric": "likes"})
    message = _refused(response, "metric")
    assert message.startswith('"likes" is not a valid choice: one of ')
    assert "followers" in message


# --- c. the figures' period names the valid values -------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", '"7" ei ole kelvollinen valinta: valitse jokin näistä: 30, 90, 365.'),
        ("sv", '"7" är inget giltigt val: välj ett av 30, 90, 365.'),
        ("en", '"7" is not a valid choice: one of 30, 90, 365.'),
    ],
)
def test_a_figures_period_that_is_none_of_the_valid_ones_names_them(
    make_user: Callable[..., User], language: str, expected: str
) -> None:
    response = _api(make_user, language).get("/api/v1/metrics/channels", {"days": "7"})
    assert _refused(response, "days") == expected


@pytest.mark.parametrize("days", ["30", "90", "365"])
def test_a_valid_figures_period_is_served(make_user: Callable[..., User], days: str) -> None:
    response = _api(make_user).get("/api/v1/metrics/channels", {"days": days})
    assert response.status_code == 200
    assert "channels" in response.json()


# --- d. a JSON body with a UTF-8 byte-order mark ---------------------------------------------

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_json_body_with_a_byte_order_mark_is_read(
    make_user: Callable[..., User], language: str
) -> None:
    body = BOM + '{"text": "Kirjasto on auki tänään klo 10–18."}'.encode()
    response = _api(make_user, language).post(
        "/api/v1/check", body, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert "verdict" in response.json()


def test_a_json_body_with_a_byte_order_mark_and_a_charset_is_read(
    make_user: Callable[..., User],
) -> None:
    body = BOM + '{"text": "Kirjasto on auki tänään."}'.encode()
    response = _api(make_user).post(
        "/api/v1/check", body, content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "body",
    [
        BOM + BOM + b'{"text": "Hei"}',  # one mark is dropped, not any number of them
        BOM,  # nothing after the mark
        b'{"text": "Hei"}' + BOM,  # a mark that is not at the start
    ],
)
def test_a_byte_order_mark_does_not_make_other_bodies_json(
    make_user: Callable[..., User], body: bytes
) -> None:
    response = _api(make_user, "en").post("/api/v1/check", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_with_a_byte_order_mark_keeps_the_size_limit(
    make_user: Callable[..., User],
) -> None:
    body = BOM + ('{"text": "' + "a" * 5000 + '"}').encode()
    response = _api(make_user).post("/api/v1/check", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


# --- an audit trail period that ends before it starts ----------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Loppupäivä on ennen alkupäivää."),
        ("sv", "Slutdatumet är före startdatumet."),
        ("en", "The end date is before the start date."),
    ],
)
def test_audit_events_ending_before_they_start_are_a_400(
    make_user: Callable[..., User], language: str, expected: str
) -> None:
    token = Token.objects.create(user=make_user(Role.AUDITOR, preferred_language=language))
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/audit-events", {"since": "2024-01-01", "until": "2023-01-01"})
    assert _refused(response, "until") == expected


@pytest.mark.parametrize(
    "query", [{"since": "2024-01-01", "until": "2024-01-01"}, {"since": "2023-01-01"}]
)
def test_audit_events_of_a_real_period_are_served(
    make_user: Callable[..., User], query: dict[str, str]
) -> None:
    token = Token.objects.create(user=make_user(Role.AUDITOR))
    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/audit-events", query)
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
