"""The register API: the same visibility and refusals as the services, in the API's error
shape."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel, ChannelRequest
from tests.channels.conftest import City


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _request_body(city: City, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit": city.unit.code,
        "platform": "tiktok",
        "name": "Kirjasto TikTok",
        "maintainers": [city.requester.username, city.colleague.username],
        "goals": "Reading tips for young people.",
        "target_groups": ["youth"],
        "languages": ["fi", "sv"],
        "hours_per_week": "3.0",
        "why_not_existing": "The city's TikTok cannot carry weekly reading tips.",
    }
    body.update(changes)
    return body


@pytest.mark.django_db
def test_request_create_and_decide_through_the_api(city: City) -> None:
    refused = _client(city.requester).post(
        "/api/v1/channel-requests", _request_body(city, why_not_existing=""), format="json"
    )
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "why_not_existing_required"
    assert city.city_tiktok.pk in error["details"]["existing"]
    created = _client(city.requester).post(
        "/api/v1/channel-requests", _request_body(city), format="json"
    )
    assert created.status_code == 201
    item = created.json()
    assert item["status"] == "pending"
    assert item["existing_shown"]
    url = f"/api/v1/channel-requests/{item['id']}/decisions"
    assert _client(city.mavi).post(url, {"outcome": "approve"}, format="json").status_code == 403
    first = _client(city.unit_manager).post(url, {"outcome": "approve"}, format="json")
    assert first.status_code == 201
    again = _client(city.unit_manager).post(url, {"outcome": "approve"}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "same_person"
    done = _client(city.comms).post(url, {"outcome": "approve"}, format="json")
    assert done.json()["status"] == "approved"
    channel_id = done.json()["channel"]
    detail = _client(city.requester).get(f"/api/v1/channels/{channel_id}").json()
    assert [m["username"] for m in detail["maintainerships"]] == [
        city.requester.username,
        city.colleague.username,
    ]
    late = _client(city.division_manager).post(
        url, {"outcome": "reject", "reason": "Too late now."}, format="json"
    )
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "request_closed"


@pytest.mark.django_db
def test_requests_are_visible_to_the_people_concerned_only(city: City) -> None:
    _client(city.requester).post("/api/v1/channel-requests", _request_body(city), format="json")
    item = ChannelRequest.objects.get()
    for user, seen in (
        (city.requester, 1),
        (city.colleague, 1),
        (city.division_manager, 1),
        (city.comms, 1),
        (city.auditor, 1),
        (city.other_manager, 0),
    ):
        listing = _client(user).get("/api/v1/channel-requests").json()
        assert listing["count"] == seen, user
    response = _client(city.other_manager).get(f"/api/v1/channel-requests/{item.pk}")
    assert response.status_code == 404
    decide = _client(city.other_manager).post(
        f"/api/v1/channel-requests/{item.pk}/decisions", {"outcome": "approve"}, format="json"
    )
    assert decide.status_code == 404


@pytest.mark.django_db
def test_auditors_read_but_never_write(city: City) -> None:
    client = _client(city.auditor)
    assert client.get("/api/v1/channel-requests").status_code == 200
    assert (
        client.post("/api/v1/channel-requests", _request_body(city), format="json").status_code
        == 403
    )
    assert client.get("/api/v1/campaigns").status_code == 200
    assert client.get("/api/v1/channels/health").status_code == 200


@pytest.mark.django_db
def test_register_an_existing_account_through_the_api(city: City) -> None:
    body = {
        "platform": "youtube",
        "name": "Kirjasto YouTube",
        "unit": city.unit.code,
        "kind": "unit",
        "languages": ["fi"],
    }
    assert _client(city.requester).post("/api/v1/channels", body, format="json").status_code == 403
    created = _client(city.mavi).post("/api/v1/channels", body, format="json")
    assert created.status_code == 201
    assert Channel.objects.filter(pk=created.json()["id"], languages=["fi"]).exists()
    bad = _client(city.mavi).post(
        "/api/v1/channels", {**body, "name": "x", "languages": ["xx"]}, format="json"
    )
    assert bad.status_code == 400


@pytest.mark.django_db
def test_campaigns_through_the_api(city: City) -> None:
    today = timezone.localdate()
    body = {
        "channel": city.library_ig.pk,
        "purpose": "Reading week",
        "target_group": "Families",
        "budget_eur": "300.00",
        "starts_on": today.isoformat(),
        "ends_on": today.isoformat(),
        "decided_by_name": "Kari Nieminen",
        "decided_at": (timezone.now() - timedelta(days=1)).isoformat(),
    }
    assert (
        _client(city.other_manager).post("/api/v1/campaigns", body, format="json").status_code
        == 404
    )
    created = _client(city.requester).post("/api/v1/campaigns", body, format="json")
    assert created.status_code == 201
    assert created.json()["mavi_notified_at"]
    listing = _client(city.mavi).get(f"/api/v1/campaigns?year={today.year}&unit={city.unit.code}")
    assert listing.json()["count"] == 1
    assert _client(city.mavi).get("/api/v1/campaigns?year=1999").json()["count"] == 0
    negative = _client(city.requester).post(
        "/api/v1/campaigns", {**body, "budget_eur": "-1"}, format="json"
    )
    assert negative.status_code == 400
    assert negative.json()["error"]["code"] == "bad_budget"


@pytest.mark.django_db
def test_health_endpoint_lists_findings_with_sections(city: City) -> None:
    rows = _client(city.requester).get("/api/v1/channels/health").json()
    assert [row["name"] for row in rows] == ["Kirjasto IG"]
    codes = {f["code"] for f in rows[0]["findings"]}
    assert {"no_backup", "no_goals"} <= codes
    assert all(f["section"].startswith("§") for f in rows[0]["findings"])
