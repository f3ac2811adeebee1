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


def test_the_platform_id_is_shown_only_to_those_who_may_read_the_message(world: World) -> None:
    """The comment's id on the platform finds the comment, and its author, there: a reader who
    may not see the author does not get it either, as the link is not shown (stop 35)."""
    message = world.ingest("Milloin kirjasto aukeaa?")
    assert message.external_id
    pages = {}
    for user in (world.manager, world.updater):
        client = Client()
        client.force_login(user)
        pages[user.pk] = client.get(f"/inbox/{message.pk}/").content.decode()
    assert f"<code>{message.external_id}</code>" not in pages[world.manager.pk]
    assert f"<code>{message.external_id}</code>" in pages[world.updater.pk]
