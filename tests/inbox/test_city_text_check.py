"""Every text the inbox says in the city's name passes one check (compliance.speaking): a reply
recorded as given, a reply sent live through a connector, the city's reply templates and a
person's saved replies. A blocking finding (personal data §9, threats and obscenity §10) is
refused with the findings worded in the reader's language; warnings are shown; clean texts and
near misses (a form field called "hetu", "kill boredom") go through."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client

from someluotsi.compliance.engine import configured_engine
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox import services
from someluotsi.inbox.enums import MessageStatus
from someluotsi.inbox.models import Message, ReplyTemplate, SavedReply
from tests.inbox.conftest import TUESDAY_10, World

QUESTION = "Milloin kirjasto aukeaa lauantaina?"
TESTERS_REPLY = "Vastaus: asiakkaan hetu on 131052-308T ja tapan sinut, vittu."

# (language, text, the blocking rule it must be refused for)
BLOCKED = [
    ("fi", TESTERS_REPLY, "privacy-001"),
    ("fi", "Asiakkaan henkilötunnus on 131052-308T.", "privacy-001"),
    ("fi", "Tapan sinut, jos kysyt vielä.", "threat-001"),
    ("sv", "Kundens personbeteckning är 131052-308T.", "privacy-001"),
    ("sv", "Jag dödar dig om du frågar igen.", "threat-001"),
    ("en", "The customer's identity code is 131052-308T.", "privacy-001"),
    ("en", "I will kill you if you ask again.", "threat-001"),
]
# Near misses that must stay clean: the words without the deed.
CLEAN = [
    ("fi", "Kiitos viestistä! Kirjasto aukeaa lauantaina klo 10."),
    ("fi", "Hetu-kenttä on lomakkeessa pakollinen, älä kirjoita sitä viestiin."),
    ("fi", "Tapahtuma tappaa tylsyyden! Tervetuloa."),
    ("sv", "Tack för ditt meddelande! Biblioteket öppnar på lördag kl. 10."),
    ("en", "Thank you for your message! The library opens on Saturday at 10."),
    ("en", "This event will kill boredom! Welcome."),
]
# Allowed, with a warning (link-001: a shortened link hides where it leads).
WARNED = [
    ("fi", "Kiitos palautteesta! Lue lisää http://bit.ly/x"),
    ("sv", "Tack för responsen! Läs mer på http://bit.ly/x"),
    ("en", "Thanks for the feedback! Read more at http://bit.ly/x"),
]


@pytest.fixture(autouse=True)
def _on_tuesday() -> Iterator[None]:
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


def _words(rule: str, language: str) -> str:
    return str(configured_engine().rulebook.rule(rule).message[language])


def _client(world: World, language: str) -> Client:
    client = Client()
    client.force_login(world.mavi)
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize(("language", "text", "rule"), BLOCKED)
def test_a_recorded_reply_with_a_blocking_finding_is_refused(
    world: World, language: str, text: str, rule: str
) -> None:
    message = world.ingest(QUESTION)
    with pytest.raises(ApplicationError) as refused:
        services.message_answer(
            actor=world.updater, message=message, reply=text, ui_language=language
        )
    assert refused.value.code == "reply_blocked"
    assert _words(rule, language) in refused.value.message
    message.refresh_from_db()
    assert message.status != MessageStatus.ANSWERED
    assert message.reply_text == ""


@pytest.mark.parametrize(("language", "text"), CLEAN + WARNED)
def test_a_clean_or_warned_recorded_reply_is_recorded(
    world: World, language: str, text: str
) -> None:
    message = world.ingest(QUESTION)
    services.message_answer(actor=world.updater, message=message, reply=text, ui_language=language)
    assert message.status == MessageStatus.ANSWERED
    assert message.reply_text == text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_testers_reply_on_the_page_is_refused_in_the_readers_language(
    world: World, language: str
) -> None:
    message = world.ingest(QUESTION)
    client = _client(world, language)
    response = client.post(
        f"/inbox/{message.pk}/act", {"action": "answer", "reply": TESTERS_REPLY}, follow=True
    )
    page = html.unescape(response.content.decode())
    for rule in ("privacy-001", "threat-001"):
        assert _words(rule, language) in page
    message.refresh_from_db()
    assert message.status != MessageStatus.ANSWERED
    assert not Message.objects.filter(reply_text__contains="131052-308T").exists()


@pytest.mark.parametrize(("language", "text"), WARNED)
def test_a_warned_reply_is_recorded_and_the_warning_shown(
    world: World, language: str, text: str
) -> None:
    message = world.ingest(QUESTION)
    response = _client(world, language).post(
        f"/inbox/{message.pk}/act", {"action": "answer", "reply": text}, follow=True
    )
    assert _words("link-001", language) in html.unescape(response.content.decode())
    message.refresh_from_db()
    assert message.reply_text == text


@pytest.mark.parametrize(("language", "text", "rule"), BLOCKED)
def test_a_reply_template_with_a_blocking_finding_is_refused(
    world: World, language: str, text: str, rule: str
) -> None:
    response = _client(world, language).post(
        "/inbox/replies/",
        # version 0: no wording saved yet (the page's form always sends the version it showed)
        {
            "category": "question",
            "language": language,
            "text": text + " {feedback_url}",
            "version": "0",
        },
        follow=True,
    )
    assert _words(rule, language) in html.unescape(response.content.decode())
    assert not ReplyTemplate.objects.exclude(text="").exists()


@pytest.mark.parametrize(("language", "text"), CLEAN)
def test_a_clean_reply_template_is_saved(world: World, language: str, text: str) -> None:
    services.reply_template_save(
        actor=world.mavi, category="question", language=language, text=text + " {feedback_url}"
    )
    assert ReplyTemplate.objects.get(category="question", language=language).text.startswith(text)


@pytest.mark.parametrize(("language", "text", "rule"), BLOCKED)
def test_a_saved_reply_with_a_blocking_finding_is_refused(
    world: World, language: str, text: str, rule: str
) -> None:
    response = _client(world, language).post(
        "/inbox/replies/mine/",
        {"action": "save", "title": "Vastaus", "language": language, "text": text},
        follow=True,
    )
    assert _words(rule, language) in html.unescape(response.content.decode())
    assert not SavedReply.objects.exists()


@pytest.mark.parametrize(("language", "text"), CLEAN)
def test_a_clean_saved_reply_is_kept(world: World, language: str, text: str) -> None:
    services.saved_reply_save(actor=world.mavi, title="Vastaus", language=language, text=text)
    assert SavedReply.objects.get().text == text
