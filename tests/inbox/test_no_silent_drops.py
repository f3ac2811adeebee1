"""Nothing typed is cut short or dropped in silence, and a text that shows nothing is no
message: over-long notes, reasons and names are refused with a message (the escalation note
of a handler, the services' own limits), blank texts are refused by the ingestion API and kept
untriaged when a platform delivers them (a media-only comment)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.core.errors import ApplicationError
from someluotsi.core.lengths import at_most
from someluotsi.inbox import escalations
from someluotsi.inbox.models import Escalation, Message
from someluotsi.inbox.services import MEDIA_ONLY_REASON
from someluotsi.incidents import services as incidents
from tests.compliance.test_invalid_utf8 import FORM, LATIN_1, quoted
from tests.compliance.test_invalid_utf8 import SAID as LATIN_1_SAID
from tests.factories import ChannelFactory, add_maintainer
from tests.inbox.conftest import World

THREAT = "Ammun sinut, kirjastonhoitaja, tiedän missä asut."
# Texts that show nothing: spaces of several kinds, zero-width and other format characters,
# a lone combining mark, a Hangul filler.
BLANKS = ["", "   ", "  \u200b ", "\u00a0\u2060\n", "\ufeff\u200d", "\u0301", "\u3164", "\t\u2028"]
# Look-alikes that do show something and stay messages (fi/sv/en, an emoji, one letter).
VISIBLE = ["Hei!", "Hej!", "Hi!", "\u200bHei", "👍", "å", "?"]
# The product's over-length message (core.typed_text), the figures written the reader's way.
TOO_LONG_WORDS = {
    "fi": "Teksti on liian pitkä: 4\u00a0001 merkkiä, enintään 4\u00a0000.",
    "sv": "Texten är för lång: 4\u00a0001 tecken, högst 4\u00a0000.",
    "en": "The text is too long: 4,001 characters, at most 4,000.",
}


def _page(world: World, language: str) -> Client:
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_over_long_escalation_note_is_refused_and_nothing_escalated(
    world: World, language: str
) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    response = _page(world, language).post(
        f"/inbox/{message.pk}/act", {"action": "escalate", "note": "x" * 4001}, follow=True
    )
    page = html.unescape(response.content.decode())
    assert not Escalation.objects.filter(message=message).exists()
    assert TOO_LONG_WORDS[language] in page, page[-3000:]


@pytest.mark.parametrize("length", [4000, 10])
def test_a_note_within_the_limit_is_kept_whole_in_the_evidence(world: World, length: int) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    note = "n" * length
    _page(world, "fi").post(f"/inbox/{message.pk}/act", {"action": "escalate", "note": note})
    escalation = Escalation.objects.get(message=message)
    assert escalation.evidence["note"] == note


def test_the_escalation_service_refuses_an_over_long_note(world: World) -> None:
    message = world.ingest(THREAT, auto_escalate=False)
    with pytest.raises(ApplicationError):
        escalations.message_escalate(actor=world.updater, message=message, note="x" * 4001)
    assert not Escalation.objects.filter(message=message).exists()


@pytest.mark.parametrize(
    ("language", "said"),
    [("fi", "enintään 500 merkkiä"), ("sv", "högst 500 tecken"), ("en", "at most 500 characters")],
)
def test_at_most_refuses_with_the_limit_and_the_length_in_the_readers_language(
    language: str, said: str
) -> None:
    assert at_most("x" * 500, 500, field="note") == "x" * 500
    with translation.override(language), pytest.raises(ApplicationError) as caught:
        at_most("x" * 501, 500, field="note")
    assert said in caught.value.message
    assert "501" in caught.value.message
    assert caught.value.code == "note_too_long"
    assert caught.value.details == {"field": "note", "max": 500, "length": 501}


def test_an_incident_title_over_its_limit_is_refused_not_cut(
    make_user: Callable[..., User],
) -> None:
    mavi = make_user(Role.MAVI)
    channel = ChannelFactory.create()
    with pytest.raises(ApplicationError) as caught:
        incidents.incident_open(actor=mavi, channel=channel, title="T" * 201, owner=mavi)
    assert caught.value.code == "title_too_long"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_any_form_with_a_latin_1_body_is_refused_an_escalation_note_too(
    world: World, language: str
) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    body = b"action=escalate&note=" + quoted(LATIN_1[language])
    response = _page(world, language).post(f"/inbox/{message.pk}/act", body, content_type=FORM)
    assert response.status_code == 400
    assert LATIN_1_SAID[language] in html.unescape(response.content.decode())
    assert not Escalation.objects.filter(message=message).exists()


# -- blank texts ----------------------------------------------------------------------------


@pytest.fixture
def deliverer(make_user: Callable[..., User]) -> tuple[APIClient, int]:
    user = make_user(Role.SERVICE_ACCOUNT)
    channel = ChannelFactory.create(platform="facebook")
    add_maintainer(channel, make_user(Role.UPDATER))
    client = APIClient()
    client.force_authenticate(user)
    return client, channel.pk


def _body(channel: int, text: str) -> dict[str, object]:
    return {
        "channel": channel,
        "external_id": "m-1",
        "kind": "comment",
        "text": text,
        "received_at": "2026-11-24T10:00:00+02:00",
        "author_handle": "@asukas",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("text", BLANKS)
def test_the_ingestion_api_refuses_a_text_that_shows_nothing(
    deliverer: tuple[APIClient, int], text: str
) -> None:
    client, channel = deliverer
    response = client.post("/api/v1/messages", _body(channel, text), format="json")
    assert response.status_code == 400, response.json()
    assert "text" in response.json()["error"]["details"]
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", VISIBLE)
def test_the_ingestion_api_keeps_a_short_text_that_shows_something(
    deliverer: tuple[APIClient, int], text: str
) -> None:
    client, channel = deliverer
    response = client.post("/api/v1/messages", _body(channel, text), format="json")
    assert response.status_code == 201, response.json()
    assert Message.objects.get().text == text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"),
    [("fi", "Viestissä ei ole tekstiä."), ("sv", "Meddelandet har ingen text."),
     ("en", "The message has no text.")],
)  # fmt: skip
def test_the_blank_text_refusal_speaks_the_callers_language(
    deliverer: tuple[APIClient, int], language: str, said: str
) -> None:
    client, channel = deliverer
    response = client.post(
        "/api/v1/messages",
        _body(channel, "  \u200b "),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert said in str(response.json()["error"]["details"]["text"])


@pytest.mark.parametrize("text", ["", "  \u200b ", "\u3164", "\ufeff"])
def test_a_platforms_media_only_item_is_kept_but_not_checked(world: World, text: str) -> None:
    """A connector's comment with a photo and no text is kept (someone looks at it), with no
    triage on its empty text: no findings, no suggested reply, "other" at normal priority."""
    message = world.ingest(text)
    assert message.text == text.strip() or message.text == text
    assert message.category == "other"
    assert message.priority == "normal"
    assert message.findings == []
    assert message.suggested_reply == ""
    assert message.reasons == [MEDIA_ONLY_REASON]
    assert message.tone == "neutral"


@pytest.mark.parametrize("text", ["Kiitos!", "Tack!", "Thanks!"])
def test_a_short_visible_text_is_still_triaged(world: World, text: str) -> None:
    message = world.ingest(text)
    assert message.reasons != [MEDIA_ONLY_REASON]
