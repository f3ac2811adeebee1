"""A new password ends every way in that the old one opened: API tokens as well as other
sessions. A token obtained with a stolen password must stop working when the password is
reset (by e-mail), changed, or set by the mavi team in the admin; signing in (even with a
password hash upgraded on the way) keeps it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Kirjasto-Lauantai-2026!"


def _api_status(key: str) -> int:
    return Client().get("/api/v1/me", headers={"authorization": f"Token {key}"}).status_code


def _token(user: User) -> str:
    response = Client().post(
        "/api/v1/auth/token",
        {"username": user.username, "password": TEST_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    return str(response.json()["token"])


def test_a_password_reset_by_e_mail_revokes_the_api_tokens(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.UPDATER, email="sanna.lind@kokkola.fi", preferred_language="en")
    key = _token(user)
    assert _api_status(key) == 200
    client = Client()
    client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link
    form = client.get(link.group(1), follow=True)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert _api_status(key) == 401
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.parametrize("how", ["set_password", "unusable"])
def test_any_new_password_revokes_the_api_tokens(make_user: Callable[..., User], how: str) -> None:
    user = make_user(Role.UPDATER)
    key = _token(user)
    if how == "set_password":
        user.set_password(NEW_PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    assert _api_status(key) == 401


def test_signing_in_and_other_saves_keep_the_token(
    make_user: Callable[..., User], settings: Any
) -> None:
    user = make_user(Role.UPDATER)
    key = _token(user)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    user.first_name = "Sanna"
    user.save()
    # A hash from an older hasher is upgraded at sign-in: the same password, not a new one.
    User.objects.filter(pk=user.pk).update(password=make_password(TEST_PASSWORD, hasher="md5"))
    signed_in = Client().post(
        "/accounts/login/", {"username": user.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302
    user.refresh_from_db()
    assert not user.password.startswith("md5$")
    assert _api_status(key) == 200
