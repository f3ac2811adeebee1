"""Every moment in an API answer is written in one zone: the installation's (TIME_ZONE,
Europe/Helsinki), as DRF writes a model's datetime fields. A storm alert's evidence (kept as
UTC text in a JSON column) once answered its messages' and timeline's times in +00:00 beside
the alert's own +02:00."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from someluotsi.accounts.models import User
from someluotsi.core.dates import api_datetime, api_moments_in
from someluotsi.demo.load import demo_load
from someluotsi.incidents.models import Incident, StormAlert

pytestmark = pytest.mark.django_db

MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _moments(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (path, text) in an answer that is an ISO 8601 moment with a time."""
    if isinstance(value, dict):
        return [m for key, item in value.items() for m in _moments(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [m for i, item in enumerate(value) for m in _moments(item, f"{path}[{i}]")]
    if isinstance(value, str) and MOMENT.match(value):
        return [(path, value)]
    return []


def _in_local_zone(text: str) -> bool:
    moment = datetime.fromisoformat(text)
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        moment.utcoffset() is not None and moment.utcoffset() == moment.astimezone(zone).utcoffset()
    )


def test_a_stored_moment_is_written_in_the_installations_zone() -> None:
    assert api_datetime("2026-12-11T12:05:00+00:00") == "2026-12-11T14:05:00+02:00"
    assert api_datetime(datetime(2026, 6, 11, 12, 5, tzinfo=UTC)) == "2026-06-11T15:05:00+03:00"
    assert api_datetime(None) is None
    assert api_datetime("not a moment") == "not a moment"


def test_every_moment_of_the_storm_and_incident_answers_is_in_one_zone() -> None:
    demo_load()
    client = APIClient()
    client.force_authenticate(User.objects.get(username="mavi"))
    alert = StormAlert.objects.get()
    incident = Incident.objects.get()
    found: list[tuple[str, str]] = []
    for url in (
        "/api/v1/storm-alerts",
        f"/api/v1/storm-alerts/{alert.pk}",
        "/api/v1/incidents",
        f"/api/v1/incidents/{incident.pk}",
        "/api/v1/channels",
        "/api/v1/channel-requests",
        "/api/v1/campaigns",
        "/api/v1/channels/health",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        found += [(url + path, text) for path, text in _moments(response.json())]
    detail = client.get(f"/api/v1/storm-alerts/{alert.pk}").json()
    assert detail["evidence"]["messages"]
    assert detail["evidence"]["timeline"]
    assert any(".evidence.timeline" in path for path, _text in found)
    assert any(".evidence.messages" in path for path, _text in found)
    assert [(path, text) for path, text in found if not _in_local_zone(text)] == []


def test_the_audit_trails_recorded_moments_are_answered_in_the_same_zone() -> None:
    """An event's data records moments as the service wrote them (a post's new time in UTC);
    the answer writes them in the zone of `occurred_at`, the same instants."""
    demo_load()
    client = APIClient()
    client.force_authenticate(User.objects.get(username="tarkastaja"))
    body = client.get("/api/v1/audit-events", {"page_size": 500}).json()
    found = _moments(body)
    assert any(".data." in path for path, _text in found)
    assert [(path, text) for path, text in found if not _in_local_zone(text)] == []


def test_recorded_json_keeps_dates_naive_times_and_other_texts() -> None:
    data = {
        "at": "2026-12-11T12:05:00.5+00:00",
        "to": ["2026-06-01T00:00:00Z", "2026-06-01", "2026-06-01T00:00:00", "klo 12:05"],
        "n": 3,
    }
    assert api_moments_in(data) == {
        "at": "2026-12-11T14:05:00.500000+02:00",
        "to": ["2026-06-01T03:00:00+03:00", "2026-06-01", "2026-06-01T00:00:00", "klo 12:05"],
        "n": 3,
    }
