"""A HEAD request sends the headers of a page and no body: nothing personal reaches the reader,
so it must not leave a "viewed" entry in the audit trail, while a GET of the same page still
does (audit.services.audit_record, read_not_sent). One case per kind of page or API endpoint
that records a reading of personal data; the demo city supplies the records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.audit.services import audit_record, read_not_sent
from someluotsi.demo.load import demo_load
from someluotsi.inbox.models import Escalation, Message
from someluotsi.incidents.models import Incident, StormAlert
from someluotsi.publishing.enums import Consent
from someluotsi.publishing.models import Asset

pytestmark = pytest.mark.django_db


def _message() -> str:
    return reverse("inbox:detail", args=[Message.objects.order_by("pk").first().pk])  # type: ignore[union-attr]


def _escalation() -> str:
    return reverse("inbox:escalation", args=[Escalation.objects.order_by("pk").first().pk])  # type: ignore[union-attr]


def _escalation_json() -> str:
    escalation = Escalation.objects.order_by("pk").first()
    assert escalation is not None
    return reverse("inbox:escalation_export", args=[escalation.pk, "json"])


def _incident() -> str:
    return reverse("incidents:incident", args=[Incident.objects.get().pk])


def _incident_api() -> str:
    return f"/api/v1/incidents/{Incident.objects.get().pk}"


def _alert() -> str:
    return reverse("incidents:alert", args=[StormAlert.objects.get().pk])


def _alert_api() -> str:
    return f"/api/v1/storm-alerts/{StormAlert.objects.get().pk}"


def _person() -> str:
    return reverse("accounts:person_detail", args=[User.objects.get(username="paivittaja").pk])


def _person_report() -> str:
    return reverse("audit:person", args=[User.objects.get(username="paivittaja").pk])


def _asset_file() -> str:
    asset = Asset.objects.exclude(consent=Consent.NO_PEOPLE).order_by("pk").first()
    assert asset is not None
    return reverse("publishing:asset_file", args=[asset.pk])


# (kind, reader, address, action it records, through the API)
CASES: list[tuple[str, str, Callable[[], str], str, bool]] = [
    ("inbox queue", "mavi", lambda: reverse("inbox:queue"), "messages.listed", False),
    ("message page", "mavi", _message, "message.viewed", False),
    ("escalation page", "tyosuojelu", _escalation, "escalation.exported", False),
    ("escalation evidence JSON", "tyosuojelu", _escalation_json, "escalation.exported", False),
    ("incident page", "tarkastaja", _incident, "incident.viewed", False),
    ("incident over the API", "tarkastaja", _incident_api, "incident.viewed", True),
    ("storm alert page", "mavi", _alert, "storm_alert.evidence_viewed", False),
    ("storm alert over the API", "mavi", _alert_api, "storm_alert.evidence_viewed", True),
    ("person page", "mavi", _person, "person.viewed", False),
    (
        "person report of the audit",
        "tarkastaja",
        _person_report,
        "audit.person_report_viewed",
        False,
    ),
    ("asset file", "mavi", _asset_file, "asset.file_viewed", False),
]


def _client(username: str, api: bool) -> Any:
    user = User.objects.get(username=username)
    if api:
        api_client = APIClient()
        api_client.force_authenticate(user)
        return api_client
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("kind", "reader", "address", "action", "api"), CASES, ids=[c[0] for c in CASES]
)
def test_head_records_no_reading_get_does(
    kind: str, reader: str, address: Callable[[], str], action: str, api: bool
) -> None:
    demo_load()
    url = address()
    client = _client(reader, api)
    before = AuditEvent.objects.filter(action=action).count()
    head = client.head(url)
    assert head.status_code == 200, kind
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert body == b""  # no body: nothing was read
    assert AuditEvent.objects.filter(action=action).count() == before, kind
    assert client.get(url).status_code == 200, kind
    assert AuditEvent.objects.filter(action=action).count() == before + 1, kind


class _Request:
    def __init__(self, method: str) -> None:
        self.method = method
        self.META = {"REMOTE_ADDR": "198.51.100.1"}


@pytest.mark.parametrize(
    ("method", "action", "skipped"),
    [
        ("HEAD", "message.viewed", True),
        ("HEAD", "escalation.exported", True),
        ("HEAD", "incident.viewed", True),
        # Near misses: a reading by GET (or POST), a HEAD of a change, no request at all.
        ("GET", "message.viewed", False),
        ("POST", "incident.viewed", False),
        ("HEAD", "message.answered", False),
        ("HEAD", "channel.updated", False),
        (None, "message.viewed", False),
    ],
)
def test_only_a_head_reading_of_personal_data_is_left_out(
    method: str | None, action: str, skipped: bool
) -> None:
    request = _Request(method) if method else None
    assert read_not_sent(action=action, request=request) is skipped
    event = audit_record(actor=None, action=action, request=request)  # type: ignore[arg-type]
    assert (event is None) is skipped
    assert AuditEvent.objects.filter(action=action).count() == (0 if skipped else 1)
