"""A draft that shows nothing (spaces, zero-width and other invisible format characters,
combining marks alone) is refused like an empty one on every path that takes a text: the
checker page, the check API, the check service, the inbox reply form and its service."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.compliance.models import CheckRun
from someluotsi.compliance.services import check_run_create
from someluotsi.core.blank import is_blank, trimmed
from someluotsi.core.errors import ApplicationError
from someluotsi.guideline.model import AuthorRole
from someluotsi.inbox.forms import AnswerForm

BLANK = [
    "",
    "   \n\t ",
    "\u200b",
    "\u200b\u200b \u200b",
    "\u2060",
    "\ufeff",
    "\u00ad\u00ad",
    "\u200c\u200d\u200e\u200f",
    "\u0301\u0308",  # combining marks with nothing to sit on
    "\u3164\u2800",  # fillers drawn as empty space
    "\u00a0\u202f\u3000",
]
VISIBLE = ["a", "\u200bKiitos\u200b", "e\u0301", "😀", "\ufeff#", "ok\u00ad"]

MESSAGES = {
    "fi": "Kirjoita tai liitä luonnos ensin.",
    "sv": "Skriv eller klistra in utkastet först.",
    "en": "Write or paste the draft first.",
}


@pytest.mark.parametrize("text", BLANK)
def test_invisible_texts_are_blank(text: str) -> None:
    assert is_blank(text)
    assert trimmed(text) == ""


@pytest.mark.parametrize("text", VISIBLE)
def test_visible_texts_are_not_blank(text: str) -> None:
    assert not is_blank(text)
    assert trimmed(f" {text} ") == text


@pytest.mark.django_db
@pytest.mark.parametrize("text", BLANK)
def test_page_refuses_a_blank_draft_like_an_empty_one(
    client_for: Callable[..., Client], text: str
) -> None:
    response = client_for(Role.EMPLOYEE).post(
        reverse("compliance:check"), {"text": text, "role": "employee"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [MESSAGES["fi"]]
    page = response.content.decode()
    assert "verdict-ok" not in page
    assert 'id="id_text_error"' in page  # the error the text area points to (aria-describedby)
    assert re.search(r'<textarea[^>]*aria-describedby="id_text_error"', page)
    assert not CheckRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("text", ["", " ", "\u200b", "\u2060\ufeff", "\u00ad", "\u0301"])
def test_api_refuses_a_blank_draft_in_the_callers_language(
    make_user: Callable[..., User], text: str, language: str
) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.EMPLOYEE))
    response = client.post(
        "/api/v1/check", {"text": text}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400, response.json()
    assert MESSAGES[language] in str(response.json())
    assert not CheckRun.objects.exists()


@pytest.mark.django_db
def test_service_refuses_a_blank_draft(make_user: Callable[..., User]) -> None:
    with pytest.raises(ApplicationError) as refused:
        check_run_create(
            user=make_user(Role.EMPLOYEE), text="\u200b \u2060", role=AuthorRole.EMPLOYEE
        )
    assert refused.value.code == "text_required"
    assert not CheckRun.objects.exists()


@pytest.mark.parametrize("text", BLANK)
def test_reply_form_refuses_a_blank_reply_with_the_required_message(text: str) -> None:
    with translation.override("sv"):
        form = AnswerForm(data={"reply": text})
        assert not form.is_valid()
        assert form.errors["reply"] == [str(form.fields["reply"].error_messages["required"])]
