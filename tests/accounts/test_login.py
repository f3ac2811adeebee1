from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from tests.factories import TEST_PASSWORD


def _login(client: Client, username: str, password: str) -> int:
    url = reverse("accounts:login")
    return client.post(url, {"username": username, "password": password}).status_code


@pytest.mark.django_db
def test_login_succeeds_with_right_password(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.EMPLOYEE)
    assert _login(client, user.username, TEST_PASSWORD) == 302
    assert client.get(reverse("core:home")).context["user"] == user


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.EMPLOYEE)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.username, "wrong-password") == 200
    assert _login(client, user.username, "wrong-password") == 429
    # Now even the right password is refused until the cool-off ends.
    assert _login(client, user.username, TEST_PASSWORD) == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_username_not_global(client: Client, make_user: Callable[..., User]) -> None:
    victim, other = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, victim.username, "wrong-password")
    assert _login(client, other.username, TEST_PASSWORD) == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"), [("fi", "Kirjaudu"), ("sv", "Logga in"), ("en", "Log in")]
)
def test_login_page_speaks_the_chosen_language(client: Client, language: str, heading: str) -> None:
    client.post(
        reverse("accounts:set_language"), {"language": language, "next": "/accounts/login/"}
    )
    html = client.get(reverse("accounts:login")).content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.django_db
def test_language_choice_is_saved_and_audited(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.EMPLOYEE)
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "sv", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "sv"
    assert AuditEvent.objects.filter(
        action="user.language_changed", target_id=str(user.pk)
    ).exists()


@pytest.mark.django_db
def test_language_switch_refuses_offsite_redirect(client: Client) -> None:
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_saved_language_wins_over_the_browsers_when_no_choice_was_made_here(
    make_user: Callable[..., User],
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(make_user(Role.EMPLOYEE, preferred_language="sv"))
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="sv">' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in client.get(reverse("core:home")).content.decode()
