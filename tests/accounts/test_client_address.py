"""The client address comes from the configured number of trusted proxies only: throttling,
lock-out and the audit trail cannot be escaped by forging X-Forwarded-For, and one address
trying passwords on many usernames is locked as a whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.core.client import client_address
from tests.factories import TEST_PASSWORD

RF = RequestFactory()


def _request(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = RF.get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("hops", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.9", None, "203.0.113.9"),
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # header ignored without proxies
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # forged entry on the left
        (2, "10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "10.0.0.3", "10.0.0.2", "10.0.0.3"),  # too few entries: the nearest honest hop
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", " 2001:DB8::1 ", "2001:db8::1"),
        (0, "junk", None, None),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(
    hops: int, remote: str, forwarded: str | None, expected: str | None
) -> None:
    with override_settings(SOMELUOTSI_TRUSTED_PROXIES=hops):
        assert client_address(_request(remote, forwarded)) == expected


@pytest.mark.django_db
def test_token_throttle_ignores_a_forged_forwarded_header(make_user: Callable[..., User]) -> None:
    cache.clear()
    user = make_user(Role.EMPLOYEE)
    client = APIClient()
    statuses = [
        client.post(
            reverse("api:token"),
            {"username": user.username, "password": f"wrong-{n}"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(12)
    ]
    assert 429 in statuses
    assert statuses.index(429) <= 10


@pytest.mark.django_db
def test_login_lockout_ignores_a_forged_forwarded_header(make_user: Callable[..., User]) -> None:
    user = make_user(Role.EMPLOYEE)
    client = Client()
    url = reverse("accounts:login")
    codes = [
        client.post(
            url,
            {"username": user.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(6)
    ]
    assert codes[-1] == 429


@pytest.mark.django_db
@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_one_address_trying_many_usernames_is_locked(make_user: Callable[..., User]) -> None:
    users = [make_user(Role.EMPLOYEE) for _ in range(5)]
    client = Client()
    url = reverse("accounts:login")
    codes = [
        client.post(url, {"username": user.username, "password": "x"}).status_code
        for user in users[:4]
        for _attempt in range(2)  # below the per-username limit each time
    ]
    # The eighth failure from this address locks it, as the fifth for one username would.
    assert codes == [200] * 7 + [429]
    # Now even the right password of another username is refused from this address.
    response = client.post(url, {"username": users[4].username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert (
        other.post(url, {"username": users[4].username, "password": TEST_PASSWORD}).status_code
        == 302
    )


@pytest.mark.django_db
@override_settings(SOMELUOTSI_TRUSTED_PROXIES=1)
def test_audit_records_the_address_through_a_trusted_proxy(
    make_user: Callable[..., User],
) -> None:
    mavi = make_user(Role.MAVI)
    person = make_user(Role.EMPLOYEE, unit=mavi.unit)
    client = Client(REMOTE_ADDR="10.0.0.2")
    client.force_login(mavi)
    response = client.get(
        reverse("accounts:person_detail", args=[person.pk]),
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.23",
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="person.viewed")
    assert event.ip_address == "198.51.100.23"
