"""A person's own saved reply may hold only the placeholders the team's templates may
({feedback_url}, {answer_by}), which are filled when the reply is used; a reply still holding a
placeholder in curly brackets is never recorded as the city's answer."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from someluotsi.compliance.engine import configured_engine
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox import services
from someluotsi.inbox.enums import MessageStatus
from someluotsi.inbox.models import SavedReply
from someluotsi.inbox.services import saved_reply_save
from tests.inbox.conftest import World

QUESTION = "Milloin kirjasto on auki?"
UNKNOWN = ["Hei {author}", "Hei {0}", "Hei {answer_by.__class__}", "Vastaamme {answer_by"]


def _client(user: object, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("text", UNKNOWN)
def test_an_unknown_placeholder_is_refused_on_save(world: World, text: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        saved_reply_save(actor=world.updater, title="Oma", language="fi", text=text)
    assert caught.value.code == "bad_placeholder"
    assert not SavedReply.objects.exists()


def test_the_page_says_why_and_saves_nothing(world: World) -> None:
    page = _client(world.updater).post(
        "/inbox/replies/mine/",
        {"title": "Oma", "language": "fi", "text": "Hei {author}"},
        follow=True,
    )
    assert page.status_code == 200
    assert "{feedback_url}, {answer_by}" in html.unescape(page.content.decode())
    assert not SavedReply.objects.exists()


def test_the_known_placeholders_are_kept_and_filled_when_used(world: World) -> None:
    reply = saved_reply_save(
        actor=world.updater,
        title="Palaute",
        language="fi",
        text="Vastaamme {answer_by}. Palaute: {feedback_url}",
    )
    message = world.ingest(QUESTION)
    page = _client(world.updater).get(f"/inbox/{message.pk}/?use=saved-{reply.pk}")
    text = html.unescape(page.content.decode())
    assert configured_engine().rulebook.city.feedback_url in text
    assert "Vastaamme {answer_by}" not in text


@pytest.mark.parametrize("text", [*UNKNOWN, "Palaute: {feedback_url}", "Hei {}"])
def test_a_reply_with_a_placeholder_left_is_not_recorded(world: World, text: str) -> None:
    message = world.ingest(QUESTION)
    with pytest.raises(ApplicationError) as caught:
        services.message_answer(actor=world.updater, message=message, reply=text)
    assert caught.value.code == "bad_placeholder"
    response = _client(world.updater).post(
        f"/inbox/{message.pk}/act", {"action": "answer", "reply": text}, follow=True
    )
    assert "curly brackets" in html.unescape(response.content.decode())
    message.refresh_from_db()
    assert message.status != MessageStatus.ANSWERED
    assert not message.reply_text


@pytest.mark.parametrize(
    "text",
    [
        "Kirjasto on auki 10–16.",
        "Kiitos :{ ja { hei } – palaute osoitteessa https://kartta.kokkola.fi/eFeedback",
    ],
)
def test_a_filled_reply_or_a_loose_brace_is_recorded(world: World, text: str) -> None:
    message = world.ingest(QUESTION)
    services.message_answer(actor=world.updater, message=message, reply=text)
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
    assert message.reply_text == text
