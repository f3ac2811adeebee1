"""/healthz: the overall state for anyone, the components for staff and a configured monitor
(found by a fresh tester: anonymous callers saw the database, the broker and notification
failures)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from config.celery import app
from tests.factories import UserFactory

MONITOR = "monitor-secret-1234"


@pytest.fixture
def staff(db: None) -> Client:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True))
    return client


@pytest.mark.django_db
def test_anonymous_callers_get_the_overall_state_only(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_a_signed_in_user_without_staff_rights_gets_the_overall_state_only(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
@override_settings(HEALTHZ_TOKEN=MONITOR)
@pytest.mark.parametrize(("token", "detailed"), [(MONITOR, True), ("wrong", False), ("", False)])
def test_the_monitor_token_opens_the_details(client: Client, token: str, detailed: bool) -> None:
    body = client.get("/healthz", headers={"X-Healthz-Token": token}).json()
    assert ("database" in body) is detailed
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_an_empty_token_setting_opens_nothing(client: Client) -> None:
    assert client.get("/healthz", headers={"X-Healthz-Token": ""}).json() == {"status": "ok"}


def test_healthz_reports_database_and_eager_broker(staff: Client) -> None:
    response = staff.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert (
        body["database"] == {"ok": True, "detail": "sqlite"}
        or body["database"]["detail"] == "postgresql"
    )
    assert body["broker"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_unreachable(
    client: Client, staff: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    for key in ("broker_url", "broker_write_url"):
        monkeypatch.setitem(app.conf, key, "redis://127.0.0.1:9/0")
    anonymous = client.get("/healthz")
    assert anonymous.status_code == 503
    assert anonymous.json() == {"status": "error"}
    response = staff.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"]["ok"] is False
