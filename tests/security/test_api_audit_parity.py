"""The API reads personal data under the same rules as the pages: a search of the audit trail
for a person is a reading of that person's data, recorded (`audit.trail_searched`, with the
client address) whether it came from the page or from GET /api/v1/audit-events, once per search
(its first page), and never for a search without a person."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.7"


def _auditor_client() -> Client:
    client = Client(REMOTE_ADDR=ADDRESS)
    client.force_login(UserFactory.create(roles=[Role.AUDITOR]))
    return client


def _searches() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="audit.trail_searched"))


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/audit/", {"person": "Sanna Lind"}),
        ("/api/v1/audit-events", {"person": "Sanna Lind"}),
        ("/api/v1/audit-events", {"person": "Sanna Lind", "offset": "0"}),
    ],
)
def test_a_person_search_is_recorded_on_the_page_and_in_the_api(
    url: str, query: dict[str, str]
) -> None:
    sanna = UserFactory.create(first_name="Sanna", last_name="Lind")
    response = _auditor_client().get(url, query)
    assert response.status_code == 200
    [event] = _searches()
    assert event.data == {"person": "Sanna Lind", "people": [sanna.pk]}
    assert event.ip_address == ADDRESS


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/api/v1/audit-events", {}),
        ("/api/v1/audit-events", {"action": "post.created"}),
        ("/api/v1/audit-events", {"person": "Sanna", "offset": "50"}),
        ("/audit/", {"person": "Sanna", "page": "2"}),
    ],
)
def test_no_search_is_recorded_without_a_person_or_for_a_later_page(
    url: str, query: dict[str, str]
) -> None:
    UserFactory.create(first_name="Sanna", last_name="Lind")
    _auditor_client().get(url, query)
    assert _searches() == []
