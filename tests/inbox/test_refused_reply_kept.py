"""A reply that is refused on the message page (a blocking check, a control character, over
the limit, a broken placeholder) comes back in the reply box as typed, with the refusal on the
same page: a redirect put the suggested reply back and the typed text was lost (a fresh tester
of stop 36; "bad input gets a clear error and loses nothing")."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client

from someluotsi.audit.models import AuditEvent
from someluotsi.inbox.enums import MessageStatus
from someluotsi.inbox.services import MAX_REPLY_CHARS
from tests.inbox.conftest import TUESDAY_10, World

QUESTION = "Milloin kirjasto aukeaa lauantaina?"
# (language, the reply typed, what the refusal says in that language)
REFUSED = [
    ("fi", "Hei! Asiakkaan henkilötunnus on 131052-308T, soitamme huomenna.", None),
    ("sv", "Hej! Kundens personbeteckning är 131052-308T, vi ringer i morgon.", None),
    ("en", "Hi! The customer's identity code is 131052-308T, we will call tomorrow.", None),
    ("fi", "Kiitos viestistä!\x0bKirjasto aukeaa lauantaina.", "U+000B"),
    ("sv", "Tack för meddelandet!\x0bBiblioteket öppnar på lördag.", "U+000B"),
    ("en", "Thank you for your message!\x0bThe library opens on Saturday.", "U+000B"),
]


@pytest.fixture(autouse=True)
def _on_tuesday() -> Iterator[None]:
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


def _client(world: World, language: str) -> Client:
    client = Client()
    client.force_login(world.mavi)
    client.cookies["someluotsi_language"] = language
    return client


def _reply_box(page: str) -> str:
    found = re.search(r'<textarea[^>]*name="reply"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert found is not None
    return html.unescape(found.group(1)).strip()


@pytest.mark.parametrize(("language", "typed", "named"), REFUSED)
def test_a_refused_reply_stays_in_the_box_as_typed(
    world: World, language: str, typed: str, named: str | None
) -> None:
    message = world.ingest(QUESTION)
    reads_before = AuditEvent.objects.filter(action="message.viewed").count()
    response = _client(world, language).post(
        f"/inbox/{message.pk}/act", {"action": "answer", "reply": typed}
    )
    assert response.status_code == 200  # the page again, not a redirect
    page = html.unescape(response.content.decode())
    shown = _reply_box(response.content.decode())
    # as typed; a control character shown as U+FFFD so that the page stays valid HTML
    assert shown == typed.replace("\x0b", "\ufffd")
    if named:
        assert named in page
    message.refresh_from_db()
    assert message.status != MessageStatus.ANSWERED
    # the page showed the message's text again: that read is audited as every read is
    assert AuditEvent.objects.filter(action="message.viewed").count() == reads_before + 1


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_reply_over_the_limit_stays_in_the_box(world: World, language: str) -> None:
    message = world.ingest(QUESTION)
    typed = "Kiitos! " * (MAX_REPLY_CHARS // 8 + 10)
    response = _client(world, language).post(
        f"/inbox/{message.pk}/act", {"action": "answer", "reply": typed}
    )
    assert response.status_code == 200
    assert _reply_box(response.content.decode()) == typed.strip()


def test_an_accepted_reply_still_redirects(world: World) -> None:
    message = world.ingest(QUESTION)
    response = _client(world, "fi").post(
        f"/inbox/{message.pk}/act",
        {"action": "answer", "reply": "Kiitos viestistä! Kirjasto aukeaa lauantaina klo 10."},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
