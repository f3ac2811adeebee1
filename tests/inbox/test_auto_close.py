"""Spam and obvious duplicates close themselves at ingestion: audited, undone by reopening."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings

from someluotsi.audit.models import AuditEvent
from someluotsi.inbox.enums import MessageStatus, Resolution
from someluotsi.inbox.models import Message
from someluotsi.inbox.services import duplicate_original, message_reopen
from tests.inbox.conftest import TUESDAY_10, World

SPAM = {
    "fi": "Voitit iPhonen! Klikkaa linkkiä http://bit.ly/3abc ja lunasta palkinto.",
    "sv": "Du har vunnit en iPhone! Klicka på länken http://bit.ly/3abc och hämta priset.",
    "en": "You won an iPhone! Click http://bit.ly/3abc to claim your prize now.",
}
QUESTIONS = {
    "fi": "Milloin kirjasto aukeaa lauantaina?",
    "sv": "När öppnar biblioteket på lördag?",
    "en": "When does the library open on Saturday?",
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_spam_closes_itself_and_is_audited(world: World, language: str) -> None:
    message = world.ingest(SPAM[language])
    message.refresh_from_db()
    assert message.category == "spam"
    assert message.status == MessageStatus.CLOSED
    assert message.resolution == Resolution.SPAM
    assert message.assignee is None
    event = AuditEvent.objects.get(action="message.auto_closed", target_id=str(message.pk))
    assert event.actor_id is None
    assert event.data["resolution"] == "spam"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_same_authors_same_text_again_is_closed_as_a_duplicate(
    world: World, language: str
) -> None:
    first = world.ingest(QUESTIONS[language])
    again = world.ingest(
        "  " + QUESTIONS[language].upper() + "!! ", received_at=TUESDAY_10 + timedelta(hours=1)
    )
    first.refresh_from_db()
    again.refresh_from_db()
    assert first.status == MessageStatus.ASSIGNED
    assert again.status == MessageStatus.CLOSED
    assert again.resolution == Resolution.DUPLICATE
    assert again.duplicate_of == first


def test_different_text_author_channel_or_a_week_later_is_not_a_duplicate(world: World) -> None:
    week_ago = TUESDAY_10 - timedelta(days=8)
    world.ingest(QUESTIONS["fi"], received_at=week_ago)
    other_text = world.ingest("Milloin kirjasto aukeaa sunnuntaina?")
    other_channel = world.ingest(QUESTIONS["fi"], channel=world.other_channel)
    a_week_later = world.ingest(QUESTIONS["fi"])
    first_of_another = world.ingest(QUESTIONS["sv"], received_at=week_ago)
    Message.objects.filter(pk=first_of_another.pk).update(author_handle="@toinen")
    other_author = world.ingest(QUESTIONS["sv"])
    for message in (other_text, other_channel, a_week_later, other_author):
        message.refresh_from_db()
        assert message.status != MessageStatus.CLOSED, message.text


def test_threats_are_never_closed_as_duplicates(world: World) -> None:
    world.ingest("Ammun sinut, kirjastonhoitaja.")
    again = world.ingest("Ammun sinut, kirjastonhoitaja.", received_at=TUESDAY_10)
    again.refresh_from_db()
    assert again.status == MessageStatus.ESCALATED
    assert duplicate_original(again) is None


def test_reopening_undoes_the_automatic_close(world: World) -> None:
    message = world.ingest(SPAM["fi"])
    message_reopen(actor=world.updater, message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED
    assert message.resolution == Resolution.NONE
    assert message.assignee == world.updater
    assert AuditEvent.objects.filter(action="message.reopened", target_id=str(message.pk)).exists()


def test_detail_page_says_why_and_offers_to_reopen(world: World) -> None:
    first = world.ingest(QUESTIONS["en"])
    again = world.ingest(QUESTIONS["en"], received_at=TUESDAY_10 + timedelta(minutes=5))
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = "en"
    page = client.get(f"/inbox/{again.pk}/").content.decode()
    assert "the same author sent the same text earlier" in page
    assert f'href="/inbox/{first.pk}/"' in page
    assert "Not a duplicate: open again" in page
    assert "closed message" in page  # the history in words, not an action code
    assert "message.auto_closed" not in page


@override_settings(INBOX_AUTO_CLOSE=False)
def test_auto_close_can_be_switched_off(world: World) -> None:
    message = world.ingest(SPAM["fi"])
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED


@pytest.mark.parametrize(
    ("text", "promise"),
    [
        ("Milloin kirjasto aukeaa lauantaina?", "Tarkistamme aukioloajat ja vastaamme tähän"),
        ("När öppnar biblioteket på lördag?", "Vi kontrollerar öppettiderna och svarar här"),
        ("When does the library open on Saturday?", "We will check the opening hours"),
    ],
)
def test_suggested_reply_says_by_when_the_city_answers(
    world: World, text: str, promise: str
) -> None:
    from django.utils import timezone

    from someluotsi.guideline.messages.replies import answer_by_phrase

    message = world.ingest(text)
    assert message.due_at is not None
    when = answer_by_phrase(
        timezone.localtime(message.due_at),
        timezone.localtime(message.received_at),
        message.language,
    )
    assert promise in message.suggested_reply
    assert when in message.suggested_reply
    assert "virka-aikana" not in message.suggested_reply
