from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from tests.factories import TEST_PASSWORD


def _assert_error_shape(body: dict[str, object], code: str) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert error["message"]


@pytest.mark.django_db
def test_unauthenticated_request_gets_the_error_shape() -> None:
    response = APIClient().get("/api/v1/me")
    assert response.status_code in {401, 403}
    _assert_error_shape(response.json(), "not_authenticated")


@pytest.mark.django_db
def test_unknown_api_path_gets_the_error_shape() -> None:
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    _assert_error_shape(response.json(), "not_found")


@pytest.mark.django_db
def test_missing_object_gets_the_error_shape(make_user: Callable[..., User]) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.MAVI))
    response = client.get("/api/v1/channels/999999")
    assert response.status_code == 404
    _assert_error_shape(response.json(), "not_found")


@pytest.mark.django_db
def test_validation_error_gets_the_error_shape(make_user: Callable[..., User]) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.AUDITOR))
    response = client.get("/api/v1/audit-events", {"since": "not-a-date"})
    assert response.status_code == 400
    body = response.json()
    _assert_error_shape(body, "invalid")
    assert "since" in body["error"]["details"]


@pytest.mark.django_db
def test_forbidden_area_gets_the_error_shape(make_user: Callable[..., User]) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.EMPLOYEE))
    response = client.get("/api/v1/audit-events")
    assert response.status_code == 403
    _assert_error_shape(response.json(), "permission_denied")


@pytest.mark.django_db
def test_token_obtained_with_password_authenticates(make_user: Callable[..., User]) -> None:
    user = make_user(Role.UPDATER)
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token", {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=user).key == token
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me").json()
    assert me["username"] == user.username
    assert me["roles"] == ["updater"]
    assert "channels" in me["areas"]


@pytest.mark.django_db
def test_session_auth_works_for_the_browser(client_for: Callable[..., Client]) -> None:
    assert client_for(Role.MAVI).get("/api/v1/me").json()["roles"] == ["mavi"]


@pytest.mark.django_db
def test_auditor_reads_audit_events_but_cannot_write_anything(
    make_user: Callable[..., User],
) -> None:
    audit_record(actor=None, action="demo.loaded")
    client = APIClient()
    client.force_authenticate(make_user(Role.AUDITOR))
    listing = client.get("/api/v1/audit-events")
    assert listing.status_code == 200
    assert listing.json()["results"][0]["action"] == "demo.loaded"
    for method in (client.post, client.put, client.patch, client.delete):
        response = method("/api/v1/audit-events", {"action": "x"}, format="json")
        assert response.status_code == 403, method


@pytest.mark.django_db
def test_audit_events_endpoint_allows_no_writes_even_for_superusers(
    make_user: Callable[..., User],
) -> None:
    client = APIClient()
    client.force_authenticate(make_user(is_superuser=True))
    assert client.post("/api/v1/audit-events", {}, format="json").status_code == 405
    assert client.delete("/api/v1/audit-events").status_code == 405


@pytest.mark.django_db
def test_openapi_schema_is_served() -> None:
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Someluotsi API"
    for path in (
        "/api/v1/me",
        "/api/v1/channels",
        "/api/v1/audit-events",
        "/api/v1/units",
        "/api/v1/metric-values",
        "/api/v1/metrics/channels",
        "/api/v1/storm-alerts/{id}",
        "/api/v1/incidents/{id}",
    ):
        assert path in schema["paths"]


@pytest.mark.django_db
def test_api_root_links_resources(make_user: Callable[..., User]) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.EMPLOYEE))
    body = client.get("/api/v1/").json()
    assert body["me"].endswith("/api/v1/me")


@pytest.mark.parametrize(
    ("role", "listed", "left_out"),
    [
        (Role.EMPLOYEE, {"me", "check"}, {"channel-health", "channels", "audit-events"}),
        (Role.SUPERVISOR, {"me", "check"}, {"channel-health", "incidents"}),
        (Role.MAVI, {"channel-health", "channels", "incidents"}, {"audit-events"}),
        (Role.AUDITOR, {"audit-events", "channel-health"}, set()),
    ],
)
def test_api_root_links_only_what_the_user_may_open(
    make_user: Callable[..., User], role: Role, listed: set[str], left_out: set[str]
) -> None:
    client = APIClient()
    client.force_authenticate(make_user(role))
    body = client.get("/api/v1/").json()
    assert listed <= set(body)
    assert not left_out & set(body)
    for url in body.values():
        assert client.get(url).status_code != 403, url
