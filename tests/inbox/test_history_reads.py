"""A message page's history shows what was done; the reads ("X read message N", one per
visit) are folded into one line that opens to the latest of them, in fi/sv/en. The audit
trail keeps every read."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from someluotsi.audit.history import READ_ACTIONS, record_history
from someluotsi.audit.models import AuditEvent
from someluotsi.inbox import services
from tests.inbox.conftest import World

SUMMARY = {
    "fi": r"Luettu (\d+) kertaa, viimeksi (.+?) \d",
    "sv": r"Läst (\d+) gånger, senast av (.+?) \d",
    "en": r"Read (\d+) times, last by (.+?) at \d",
}
EARLIER = {
    "fi": "Aiemmat lukukerrat ovat lokitiedoissa.",
    "sv": "Tidigare läsningar finns i granskningsloggen.",
    "en": "Earlier reads are in the audit trail.",
}
VISITS = 22


def _client(world: World, language: str) -> Client:
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_reads_are_folded_and_the_actions_stay_in_view(world: World, language: str) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    services.message_assign(actor=world.mavi, message=message, assignee=world.updater)
    client = _client(world, language)
    for _ in range(VISITS):
        response = client.get(f"/inbox/{message.pk}/")
        assert response.status_code == 200
    page = html.unescape(response.content.decode())
    reads = AuditEvent.objects.filter(action="message.viewed", target_id=str(message.pk)).count()
    assert reads >= VISITS  # every read stays in the audit trail
    section = page[page.index('id="history-heading"') :]
    actions, _, folded = section.partition('<details class="history-reads">')
    assert folded, section[:2000]
    # The actions' list holds no read: as many lines as events other than reads.
    done = AuditEvent.objects.filter(target_id=str(message.pk)).exclude(action__in=READ_ACTIONS)
    assert actions.count("<li>") == done.filter(target_type="inbox.message").count() >= 1
    found = re.search(SUMMARY[language], folded)
    assert found, folded[:500]
    assert int(found.group(1)) in {reads, reads - 1}  # this visit may be recorded after
    assert world.updater.get_full_name() in found.group(2)
    listed = folded[: folded.index("</details>")]
    assert listed.count("<li>") == 20
    assert EARLIER[language] in listed


def test_one_read_is_said_in_the_singular(world: World) -> None:
    message = world.ingest("Milloin kirjasto aukeaa?")
    services.message_view_record(actor=world.updater, message=message, request=None)
    history = record_history(target=message)
    assert history.read_count == 1
    assert history.last_read is not None
    assert not history.more_reads
    assert all(line.event.action not in READ_ACTIONS for line in history.lines)
