"""A reply template may hold only the placeholders the reply is filled with ({feedback_url},
{answer_by}); a broken or unknown one is refused on save with a message in fi, sv and en, and
nothing is saved."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.core.errors import ApplicationError
from someluotsi.inbox.models import ReplyTemplate
from someluotsi.inbox.services import reply_template_save
from tests.inbox.conftest import World

BROKEN = [
    "Vastaamme {answer_by",
    "Vastaamme answer_by}.",
    "Vastaamme {0}.",
    "Vastaamme {answer_by.__class__}.",
    "Vastaamme {x!r:>99999999}.",
    "Katso {feedback_URL}.",
    "Katso {{feedback_url}}.",
    "Svar {svar_senast}.",
]
FINE = [
    "Vastaamme {answer_by}. Palaute: {feedback_url}",
    "Kiitos viestistä!",
    "",
]
WORDS = {"fi": "paikkamerkkejä", "sv": "platshållarna", "en": "placeholders"}


@pytest.mark.parametrize("text", BROKEN)
def test_a_broken_placeholder_is_refused(world: World, text: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        reply_template_save(actor=world.mavi, category="question", language="fi", text=text)
    assert caught.value.code == "bad_placeholder"
    assert not ReplyTemplate.objects.exists()


@pytest.mark.parametrize("text", FINE)
def test_the_allowed_placeholders_and_plain_text_are_saved(world: World, text: str) -> None:
    saved = reply_template_save(actor=world.mavi, category="question", language="fi", text=text)
    assert saved.text == text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_page_says_why_in_the_readers_language(world: World, language: str) -> None:
    client = Client()
    client.force_login(world.mavi)
    client.cookies["someluotsi_language"] = language
    data = {"category": "question", "language": "sv", "text": "Svar {answer_by", "version": 0}
    page = client.post("/inbox/replies/", data, follow=True).content.decode()
    assert WORDS[language] in page
    assert "{feedback_url}, {answer_by}" in page
    assert not ReplyTemplate.objects.exists()
