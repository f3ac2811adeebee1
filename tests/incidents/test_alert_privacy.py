"""A storm alert's evidence carries citizens' words and the busiest author's handle: only those
who may read the channel's messages (the inbox rule) get them, on the page and over the API;
everyone else sees counts and metadata. Each reading with texts is audited with the address."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.demo.load import demo_load
from someluotsi.incidents.models import StormAlert

pytestmark = pytest.mark.django_db

# The demo's communications manager is also on the mavi team.
READERS = ["mavi", "viestintapaallikko"]
# The auditor sees the alert, not the texts; every role and URL is walked in
# tests/security/test_access_matrix.py.
NON_READERS = ["tarkastaja"]


@pytest.fixture
def alert() -> StormAlert:
    demo_load()
    return StormAlert.objects.get()


def _personal(alert: StormAlert) -> list[str]:
    """What must not leak: each excerpt, each recurring word, the top author's handle."""
    evidence = alert.evidence
    found = [m["excerpt"] for m in evidence["messages"]]
    found += [str(term) for term, _n in evidence["terms"] if len(str(term)) >= 6]
    found.append(evidence["top_author"])
    assert all(found), found
    return found


def _page(username: str, alert: StormAlert) -> str:
    client = Client(REMOTE_ADDR="198.51.100.7")
    client.force_login(User.objects.get(username=username))
    response = client.get(f"/incidents/alerts/{alert.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _api(username: str, alert: StormAlert) -> dict[str, object]:
    client = APIClient(REMOTE_ADDR="198.51.100.8")
    client.force_authenticate(User.objects.get(username=username))
    response = client.get(f"/api/v1/storm-alerts/{alert.pk}")
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


@pytest.mark.parametrize("username", NON_READERS)
def test_non_readers_get_counts_and_metadata_only(alert: StormAlert, username: str) -> None:
    html = _page(username, alert)
    body = _api(username, alert)
    text = str(body)
    for secret in _personal(alert):
        assert secret not in html, html[html.find(secret) - 300 : html.find(secret) + 300]
        assert secret not in text
    evidence = body["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["readable"] is False
    assert evidence["top_author"] is None
    assert evidence["terms"] == []
    assert len(evidence["messages"]) == len(alert.evidence["messages"])  # metadata stays
    assert not AuditEvent.objects.filter(action="storm_alert.evidence_viewed").exists()


@pytest.mark.parametrize("username", READERS)
def test_readers_see_the_texts_and_each_reading_is_audited(
    alert: StormAlert, username: str
) -> None:
    html = _page(username, alert)
    body = _api(username, alert)
    excerpt = alert.evidence["messages"][0]["excerpt"]
    assert excerpt[:40] in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert excerpt in str(body)
    events = AuditEvent.objects.filter(
        action="storm_alert.evidence_viewed", target_id=alert.pk, actor__username=username
    )
    assert sorted(str(e.ip_address) for e in events) == ["198.51.100.7", "198.51.100.8"]
    ids = [m["id"] for m in alert.evidence["messages"]]
    assert all(e.data["messages"] == ids for e in events)


def test_incident_reads_are_audited_on_page_and_api(alert: StormAlert) -> None:
    incident = alert.incident
    assert incident is not None
    client = Client(REMOTE_ADDR="198.51.100.9")
    client.force_login(User.objects.get(username="tarkastaja"))
    assert client.get(f"/incidents/{incident.pk}/").status_code == 200
    api = APIClient(REMOTE_ADDR="198.51.100.10")
    api.force_authenticate(User.objects.get(username="tarkastaja"))
    assert api.get(f"/api/v1/incidents/{incident.pk}").status_code == 200
    events = AuditEvent.objects.filter(action="incident.viewed", target_id=incident.pk)
    assert sorted(str(e.ip_address) for e in events) == ["198.51.100.10", "198.51.100.9"]
