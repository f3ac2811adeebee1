"""The note a unit manager sees in place of a message's text names everyone who can read it, as
the access rule (selectors.readability_for_user) has it: the channel's updaters (and their
cover), the mavi team and the people an escalation is addressed to."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.inbox.escalations import message_escalate
from someluotsi.inbox.selectors import message_can_read
from tests.inbox.conftest import World

NOTES = {
    "fi": "markkinointi- ja viestintätiimille (mavi)",
    "sv": "marknadsförings- och kommunikationsteamet (mavi)",
    "en": "the marketing and communications team (mavi)",
}


@pytest.mark.parametrize("language", sorted(NOTES))
def test_the_unit_managers_note_names_the_mavi_team(world: World, language: str) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    # The rule the sentence words: the updaters, the mavi team, an escalation's addressees.
    assert message_can_read(user=world.updater, message=message)
    assert message_can_read(user=world.mavi, message=message)
    assert not message_can_read(user=world.manager, message=message)
    client = Client()
    client.force_login(world.manager)
    client.cookies["someluotsi_language"] = language
    page = client.get(f"/inbox/{message.pk}/").content.decode()
    assert NOTES[language] in page


def test_an_escalations_addressee_can_read_as_the_note_says(world: World) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    escalation = message_escalate(actor=world.updater, message=message, note="")
    for recipient in escalation.recipients.all():
        assert message_can_read(user=recipient.user, message=message)
