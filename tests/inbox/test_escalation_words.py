"""An escalation is announced as what the message is: an insult is not a "threatening message"."""

from __future__ import annotations

import pytest
from django.utils import translation

from someluotsi.inbox.escalations import escalation_subject, message_escalate
from someluotsi.notifications.models import Notification
from tests.inbox.conftest import World

CASES = [
    # text, language of the reader, words the subject must have, words it must not
    ("Olet täysi idiootti, kirjastonhoitaja.", "fi", "Loukkaava viesti", "Uhkaava"),
    ("Du är en idiot, bibliotekarie.", "sv", "Kränkande meddelande", "Hotfullt"),
    ("You are an idiot, librarian.", "en", "Offensive message", "Threatening"),
    ("Ammun sinut, kirjastonhoitaja.", "fi", "Poliisille ilmoitettava uhkaus", "Loukkaava"),
]


@pytest.mark.parametrize(("text", "language", "wanted", "unwanted"), CASES)
def test_escalation_subject_names_the_kind_of_message(
    world: World, text: str, language: str, wanted: str, unwanted: str
) -> None:
    world.supervisor.preferred_language = language
    world.supervisor.save()
    message = world.ingest(text, auto_escalate=False)
    message_escalate(actor=world.updater, message=message, note="")
    subject = Notification.objects.filter(recipient=world.supervisor).latest("pk").subject
    assert wanted in subject
    assert unwanted not in subject


def test_a_message_of_no_particular_kind_is_just_a_message(world: World) -> None:
    message = world.ingest("Kiitos hyvästä palvelusta!", auto_escalate=False)
    with translation.override("en"):
        assert escalation_subject(message, police=False) == "Message escalated to you in Kirjasto"
