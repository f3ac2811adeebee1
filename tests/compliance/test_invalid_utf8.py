"""A form body that is not UTF-8 (a client that sent Latin-1) is refused with a message in the
user's language, never read with U+FFFD in place of each unreadable byte and checked as "OK"
(the command line refuses such input too: exit 3, "invalid_utf8"). The API reads JSON only and
refuses a body that is not UTF-8."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.compliance.models import CheckRun

FORM = "application/x-www-form-urlencoded"
# The same drafts in Latin-1 (invalid as UTF-8) in Finnish, Swedish and English.
LATIN_1 = {
    "fi": "Hyvää päivää, soita 040 123 4567".encode("latin-1"),
    "sv": "Hälsningar från Karleby, ring 040 123 4567".encode("latin-1"),
    "en": "Café opening, call 040 123 4567".encode("latin-1"),
}
SAID = {
    "fi": "muulla merkistökoodauksella kuin UTF-8",
    "sv": "en annan teckenkodning än UTF-8",
    "en": "another character encoding than UTF-8",
}
API_SAID = {
    "fi": "Sisältö ei ole kelvollista tekstiä.",
    "sv": "Innehållet är inte giltig text.",
    "en": "The body is not valid text.",
}


def quoted(raw: bytes) -> bytes:
    return b"".join(b"%%%02X" % byte for byte in raw)


def _page(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_latin_1_draft_on_the_check_page_is_refused_not_checked(
    make_user: Callable[..., User], language: str
) -> None:
    user = make_user(Role.EMPLOYEE)
    body = b"role=employee&text=" + quoted(LATIN_1[language])
    response = _page(user, language).post("/check/", body, content_type=FORM)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert SAID[language] in page
    assert "\ufffd" not in page
    assert not CheckRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_same_draft_in_utf_8_is_checked(make_user: Callable[..., User], language: str) -> None:
    user = make_user(Role.EMPLOYEE)
    text = LATIN_1[language].decode("latin-1")
    body = b"role=employee&text=" + quoted(text.encode("utf-8"))
    response = _page(user, language).post("/check/", body, content_type=FORM)
    assert response.status_code == 200
    assert CheckRun.objects.count() == 1


@pytest.mark.django_db
def test_a_typed_replacement_character_is_text_like_any_other(
    make_user: Callable[..., User],
) -> None:
    """U+FFFD that the person wrote arrives as UTF-8 (%EF%BF%BD) and is checked."""
    user = make_user(Role.EMPLOYEE)
    body = b"role=employee&text=" + quoted("Merkki \ufffd tekstissä".encode())
    response = _page(user, "fi").post("/check/", body, content_type=FORM)
    assert response.status_code == 200
    assert CheckRun.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_check_api_refuses_a_body_that_is_not_utf_8(
    make_user: Callable[..., User], language: str
) -> None:
    user = make_user(Role.EMPLOYEE)
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    client = APIClient()
    client.force_authenticate(user)
    body = b'{"text": "' + LATIN_1[language] + b'"}'
    response = client.post(
        "/api/v1/check", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert API_SAID[language] in str(response.json())
    assert not CheckRun.objects.exists()
