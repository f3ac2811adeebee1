"""What a client sends that the site cannot take: never a server error, never a lost draft.

- More than DATA_UPLOAD_MAX_NUMBER_FIELDS query fields: the project's 400 page (in the shell)
  or the API's error shape, with DEBUG off and on.
- A NUL character in a page's form: the same page back; a text field refuses it as the API
  does (core.typed_text), any other field has it removed with a message in the user's
  language; the API keeps refusing it in its error shape.
- Every error under /api/, the URL resolver's 404 included, is in the API's error shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role

MANY = "&".join(f"f{i}=1" for i in range(1100))
SHELL = 'class="site-header"'


def _api_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_too_many_query_fields_is_the_projects_400(
    client_for: Callable[..., Client], settings: Any, debug: bool
) -> None:
    settings.DEBUG = debug
    client = client_for(Role.MAVI, preferred_language="sv")
    page = client.get(f"{reverse('channels:list')}?{MANY}")
    assert page.status_code == 400
    text = page.content.decode()
    assert SHELL in text
    assert "för många fält" in text
    posted = client.post(reverse("compliance:check"), {f"f{i}": "1" for i in range(1100)})
    assert posted.status_code == 400
    assert SHELL in posted.content.decode()
    _api_error(client.get(f"/api/v1/channels/?{MANY}"), 400, "bad_request")


@pytest.mark.django_db
def test_a_nul_character_in_a_form_keeps_the_draft_and_says_why_in_the_users_language(
    client_for: Callable[..., Client],
) -> None:
    """The draft's text field refuses the NUL as the API does (where it is, in Swedish), the
    draft re-filled with U+FFFD in its place; the general "removed" message is not shown."""
    client = client_for(Role.EMPLOYEE, preferred_language="sv")
    draft = "Simhallen öppnar\x00 på måndag klockan nio"
    response = client.post(reverse("compliance:check"), {"text": draft, "role": "employee"})
    assert response.status_code == 200
    page = response.content.decode()
    assert SHELL in page
    assert "Simhallen öppnar\ufffd på måndag klockan nio" in page  # the draft, re-filled
    assert "NUL-tecken (U+0000) vid tecken 17" in page  # the message, in Swedish
    assert "togs bort" not in page
    assert "\x00" not in page


@pytest.mark.django_db
def test_a_nul_character_in_a_field_that_is_no_text_field_is_removed_with_a_message(
    client_for: Callable[..., Client],
) -> None:
    client = client_for(Role.EMPLOYEE, preferred_language="sv")
    response = client.post(
        reverse("compliance:check"), {"text": "Simhallen öppnar", "role": "employee\x00"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "NUL-tecken togs bort" in page


@pytest.mark.django_db
def test_a_nul_character_in_a_query_string_on_a_page_is_removed(
    client_for: Callable[..., Client],
) -> None:
    response = client_for(Role.MAVI).get(reverse("channels:list"), {"q": "uima\x00halli"})
    assert response.status_code == 200
    assert "uimahalli" in response.content.decode()


@pytest.mark.django_db
def test_the_api_refuses_a_nul_character_in_its_error_shape(
    client_for: Callable[..., Client],
) -> None:
    client = client_for(Role.MAVI)
    _api_error(client.get("/api/v1/channels/", {"q": "a\x00"}), 400, "invalid")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/channels/99999999999999999999999",
        "/api/v1/channels/99999999999999999999999/",
        "/api/v1/channels/-1",
        "/api/v1/channels/-1/",
        "/api/v1/incidents/9223372036854775808/",
        "/api/v1/no-such-thing/",
        "/api/",
    ],
)
def test_every_api_404_is_in_the_error_shape(
    client_for: Callable[..., Client], settings: Any, debug: bool, path: str
) -> None:
    settings.DEBUG = debug
    _api_error(client_for(Role.MAVI).get(path), 404, "not_found")


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("weird %22name%22<x>.csv", 'weird "name"<x>.csv'),
        ("rivi%0D%0Akaksi.jpg", "rivi kaksi.jpg"),
        ("100%41.csv", "100%41.csv"),  # a % of the name's own stays
        ("C:/polku/kuva.jpg", "kuva.jpg"),
    ],
)
def test_uploaded_file_names_are_decoded_as_browsers_encode_them(sent: str, shown: str) -> None:
    from someluotsi.core.pages import uploaded_file_name

    assert uploaded_file_name(sent) == shown
