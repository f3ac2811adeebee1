"""The API speaks the signed-in user's saved language, token or session alike, as the pages do:
an endpoint's own `ui_language` > the user's saved language > Accept-Language > Finnish (found
by a fresh tester: /api/v1/check answered a Swedish-speaking user in Finnish)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User

DRAFT = "Hakijan henkilötunnus on 131052-308T, soita 040 123 4567."


def _token_client(user: User, accept: str = "fi") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=accept)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _first_message(client: APIClient, **extra: str) -> str:
    response = client.post("/api/v1/check", {"text": DRAFT, **extra}, format="json")
    assert response.status_code == 200, response.json()
    return str(response.json()["findings"][0]["message"])


@pytest.mark.django_db
def test_the_check_speaks_the_token_users_saved_language(make_user: Callable[..., User]) -> None:
    swede = make_user(Role.EMPLOYEE, preferred_language="sv")
    client = _token_client(swede, accept="fi")
    swedish = _first_message(client, ui_language="sv")
    finnish = _first_message(client, ui_language="fi")
    assert swedish != finnish
    # The saved language beats the browser's Accept-Language.
    assert _first_message(client) == swedish
    # The endpoint's own parameter beats the saved language.
    assert _first_message(client, ui_language="en").startswith("The text contains")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_api_errors_speak_the_token_users_saved_language(
    make_user: Callable[..., User], language: str
) -> None:
    user = make_user(Role.EMPLOYEE, preferred_language=language)
    response = _token_client(user, accept="fi").post("/api/v1/check", {}, format="json")
    assert response.status_code == 400
    with translation.override(language):
        assert response.json()["error"]["message"] == translation.gettext(
            "The request is not valid."
        )


@pytest.mark.django_db
def test_without_a_signed_in_user_accept_language_decides() -> None:
    response = APIClient(HTTP_ACCEPT_LANGUAGE="sv").get("/api/v1/me")
    with translation.override("sv"):
        assert response.json()["error"]["message"] == translation.gettext(
            "Authentication credentials were not provided."
        )
