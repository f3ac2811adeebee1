"""A throttled API request answers wholly in the request's language (found by a fresh tester:
"Pyyntö hidastettu. Expected available in 53 seconds.")."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from someluotsi.accounts.apis import TokenThrottle
from someluotsi.api.errors import throttled_message

EXPECTED = {
    "fi": r"Liian monta pyyntöä\. Yritä uudelleen (\d+) sekunnin kuluttua\.",
    "sv": r"För många förfrågningar\. Försök igen om (\d+) sekunder\.",
    "en": r"Too many requests\. Try again in (\d+) seconds\.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_throttle_message_is_in_one_language(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    cache.clear()
    monkeypatch.setattr(TokenThrottle, "rate", "1/min", raising=False)
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    body = {"username": "nobody", "password": "x"}
    client.post("/api/v1/auth/token", body)
    response = client.post("/api/v1/auth/token", body)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "throttled"
    match = re.fullmatch(EXPECTED[language], error["message"])
    assert match, error["message"]
    assert response["Retry-After"] == match.group(1)


@pytest.mark.parametrize(
    ("language", "wait", "text"),
    [
        ("fi", 1, "Liian monta pyyntöä. Yritä uudelleen 1 sekunnin kuluttua."),
        ("sv", 1, "För många förfrågningar. Försök igen om 1 sekund."),
        ("en", 1, "Too many requests. Try again in 1 second."),
        ("en", None, "Too many requests."),
    ],
)
def test_one_second_and_no_wait(language: str, wait: int | None, text: str) -> None:
    from django.utils import translation

    with translation.override(language):
        assert throttled_message(wait) == text
