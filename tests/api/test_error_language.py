"""An API error speaks one language, the request's: its message and every detail.

The same bad request is sent in Finnish, Swedish and English; each Finnish and Swedish detail
must differ from the English one (a detail left in English, "Datetime value out of range.",
is a DRF message our catalogues lack: someluotsi/api/drf_messages.py), and the message is the
request's language's. The read-only refusal speaks the auditor's saved language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User

# A number where the text should be is refused (and a control character, core.typed_text).
BAD_MESSAGE = (
    '{"channel": 0, "external_id": "", "kind": "nonsense", "text": 5,'
    ' "received_at": "0001-01-01T00:00:00+14:00", "permalink": 5,'
    ' "language": "de"}'
)


def _details(body: dict[str, Any]) -> dict[str, list[str]]:
    return {key: [str(item) for item in value] for key, value in body["error"]["details"].items()}


@pytest.mark.django_db
def test_an_api_error_speaks_the_requests_language_in_message_and_details(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.SERVICE_ACCOUNT)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    answers = {}
    for language in ("fi", "sv", "en"):
        # The token's user's saved language decides, as on the pages (test_user_language.py).
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        response = client.post(
            "/api/v1/messages",
            BAD_MESSAGE,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 400
        answers[language] = response.json()
        with translation.override(language):
            assert answers[language]["error"]["message"] == translation.gettext(
                "The request is not valid."
            )
    english = _details(answers["en"])
    assert {"text", "received_at", "kind", "permalink", "language"} <= set(english)
    for language in ("fi", "sv"):
        details = _details(answers[language])
        assert set(details) == set(english)
        same = {key: details[key] for key in details if set(details[key]) & set(english[key])}
        assert same == {}, f"{language}: details left in English: {same}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_read_only_refusal_speaks_the_auditors_saved_language(
    make_user: Callable[..., User], language: str
) -> None:
    auditor = make_user(Role.AUDITOR)
    auditor.preferred_language = language
    auditor.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(auditor)
    with translation.override(language):
        refusal = translation.gettext("Your role may read but not change anything.")
        no_access = translation.gettext("No access")
    api = client.post("/api/v1/check", {"text": "x"}, content_type="application/json")
    assert api.status_code == 403
    assert api.json()["error"]["message"] == refusal
    page = client.post("/check/", {"text": "x"})
    assert page.status_code == 403
    assert no_access in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_csrf_refusal_speaks_the_users_language(
    make_user: Callable[..., User], language: str
) -> None:
    """A session write without its CSRF token is refused in the user's language, not in DRF's
    English ("CSRF Failed: CSRF token missing.")."""
    user = make_user(Role.MAVI)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    with translation.override(language):
        expected = translation.gettext(
            "The request was refused because its CSRF token is missing or not valid. "
            "Reload the page and try again."
        )
    answer = client.post("/api/v1/check", {"text": "x"}, content_type="application/json")
    assert answer.status_code == 403
    assert answer.json()["error"] == {"code": "csrf_failed", "message": expected} | {
        key: value for key, value in answer.json()["error"].items() if key == "details"
    }
    assert "CSRF Failed" not in answer.content.decode()
