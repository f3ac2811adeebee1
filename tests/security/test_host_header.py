"""Links in e-mails point at SOMELUOTSI_BASE_URL, never at the host a request named: a
password reset asked for with a forged Host header (one of several ALLOWED_HOSTS, or behind a
proxy that passes any) would otherwise mail the victim a link that hands their reset token to
that host (password-reset poisoning)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://someluotsi.kokkola.fi", "https://someluotsi.kokkola.fi/accounts/password/reset/"),
        (
            "https://kokkola.fi/someluotsi/",
            "https://kokkola.fi/someluotsi/accounts/password/reset/",
        ),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/accounts/password/reset/"),
    ],
)
@pytest.mark.parametrize("secure", [False, True])
def test_the_reset_link_ignores_the_requests_host(
    settings: Any, make_user: Callable[..., User], base_url: str, expected: str, secure: bool
) -> None:
    settings.BASE_URL = base_url.rstrip("/")
    settings.ALLOWED_HOSTS = ["someluotsi.kokkola.fi", "kokkola.fi", "127.0.0.1", "evil.example"]
    settings.SECURE_SSL_REDIRECT = False
    make_user(Role.UPDATER, email="sanna.lind@kokkola.fi", preferred_language="en")
    response = Client(HTTP_HOST="evil.example").post(
        "/accounts/password/reset/", {"email": "sanna.lind@kokkola.fi"}, secure=secure
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = str(mail.outbox[0].body)
    assert "evil.example" not in body
    assert re.search(re.escape(expected) + r"\S+/", body), body


def test_without_a_base_url_the_link_is_the_requests_allowed_host(
    settings: Any, make_user: Callable[..., User]
) -> None:
    settings.BASE_URL = ""
    make_user(Role.UPDATER, email="sanna.lind@kokkola.fi", preferred_language="en")
    Client().post("/accounts/password/reset/", {"email": "sanna.lind@kokkola.fi"})
    assert "http://testserver/accounts/password/reset/" in str(mail.outbox[0].body)
