"""The metrics and incidents API on the demo data: the pages' visibility, validation in the
API's error shape, and a value recorded by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.demo.load import demo_load
from someluotsi.incidents.models import Incident, StormAlert
from someluotsi.metrics.models import MetricValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    demo_load()


def _client(username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.get(username=username))
    return client


def test_values_filter_by_channel_metric_and_days(demo: None) -> None:
    channel = StormAlert.objects.get().channel
    today = timezone.localdate()
    response = _client("mavi").get(
        "/api/v1/metric-values",
        {
            "channel": str(channel.pk),
            "metric": "reach",
            "start": (today - timedelta(days=9)).isoformat(),
        },
    )
    assert response.status_code == 200
    body = response.json()
    expected = MetricValue.objects.filter(
        channel=channel, metric="reach", day__gte=today - timedelta(days=9)
    ).count()
    assert body["count"] == expected > 0
    assert {row["metric"] for row in body["results"]} == {"reach"}
    bad = _client("mavi").get("/api/v1/metric-values", {"metric": "likes", "start": "eilen"})
    assert bad.status_code == 400
    assert set(bad.json()["error"]["details"]) == {"metric", "start"}


def test_a_value_is_recorded_by_someone_who_may_edit_the_channel(demo: None) -> None:
    channel = Channel.objects.filter(storm_alerts__isnull=False).get()
    day = timezone.localdate() - timedelta(days=1)
    body = {"channel": channel.pk, "day": day.isoformat(), "metric": "followers", "value": "9999"}
    created = _client("mavi").post("/api/v1/metric-values", body, format="json")
    assert created.status_code == 201
    assert MetricValue.objects.get(channel=channel, day=day, metric="followers").value == 9999
    future = dict(body, day=(timezone.localdate() + timedelta(days=1)).isoformat())
    refused = _client("mavi").post("/api/v1/metric-values", future, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "future_day"
    auditor = _client("tarkastaja").post("/api/v1/metric-values", body, format="json")
    assert auditor.status_code == 403


def test_channel_figures_and_goals(demo: None) -> None:
    response = _client("mavi").get("/api/v1/metrics/channels", {"days": 90})
    assert response.status_code == 200
    body = response.json()
    assert (timezone.localdate() - timedelta(days=89)).isoformat() == body["start"]
    stormy = next(c for c in body["channels"] if c["messages_received"] >= 24)
    assert stormy["tones"]["negative"] >= 10
    assert stormy["goals"]
    assert _client("mavi").get("/api/v1/metrics/channels", {"days": 7}).status_code == 400


def test_alerts_and_incidents_read_only(demo: None) -> None:
    client = _client("mavi")
    alerts = client.get("/api/v1/storm-alerts").json()
    assert alerts["count"] == 1
    alert = client.get(f"/api/v1/storm-alerts/{alerts['results'][0]['id']}").json()
    assert alert["evidence"]["messages"]
    assert "negative" in alert["signals"]
    assert client.get("/api/v1/storm-alerts", {"status": "dismissed"}).json()["count"] == 0
    incident = Incident.objects.get()
    detail = client.get(f"/api/v1/incidents/{incident.pk}").json()
    assert [step["step"] for step in detail["playbook"]][:2] == ["assess", "apologise"]
    assert any(entry["kind"] == "reply_draft" and entry["review"] for entry in detail["entries"])
    assert client.post("/api/v1/incidents", {}, format="json").status_code == 405


def test_people_without_the_incidents_area_see_nothing(demo: None) -> None:
    assert _client("luottamushenkilo").get("/api/v1/storm-alerts").status_code == 403
    assert _client("luottamushenkilo").get("/api/v1/metric-values").status_code == 403


def test_a_maintainer_sees_the_storms_of_their_own_channels_only(demo: None) -> None:
    """The employee maintains the sports channel (§12.2): its storms are his to face (§17.3),
    no other channel's."""
    answer = _client("tyontekija").get("/api/v1/storm-alerts")
    assert answer.status_code == 200
    own = set(
        Channel.objects.filter(maintainers__username="tyontekija").values_list("pk", flat=True)
    )
    assert {alert["channel"] for alert in answer.json()["results"]} <= own
