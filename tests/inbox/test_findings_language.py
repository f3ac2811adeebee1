"""Checker findings on a message page and in the escalation evidence document are worded in
the reader's language (fi, sv, en), whatever language they were stored in; the stored findings
(the audit record) stay as the check worded them. A rule whose wording takes parameters
(link-003 names the trusted domain) is worded by a display-only check of the message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from someluotsi.compliance.engine import configured_engine
from someluotsi.inbox.evidence_document import evidence_context
from someluotsi.inbox.models import Escalation, Message
from someluotsi.inbox.wording import findings_worded
from tests.inbox.conftest import TUESDAY_10, World


@pytest.fixture(autouse=True)
def _on_tuesday() -> Iterator[None]:
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


# A message in each language with an insult (insult-001) and one with a lookalike of the
# city's domain (link-003, worded with the trusted domain as a parameter).
INSULTS = {
    "fi": "Olette ihan idiootteja siellä kaupungilla.",
    "sv": "Ni är idioter på stadshuset.",
    "en": "You are idiots at city hall.",
}
THREAT = "Tapan sinut kun tulet töihin huomenna."
LOOKALIKE = "Maksa sakko osoitteessa https://kokkola-fi.com/maksu heti"


def _words(rule: str, language: str) -> str:
    return configured_engine().rulebook.rule(rule).message[language]


def _page(world: World, message: Message, language: str) -> str:
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    return client.get(f"/inbox/{message.pk}/").content.decode()


@pytest.mark.parametrize("written", ["fi", "sv", "en"])
@pytest.mark.parametrize("reader", ["fi", "sv", "en"])
def test_an_insult_finding_is_worded_in_the_readers_language(
    world: World, written: str, reader: str
) -> None:
    message = world.ingest(INSULTS[written])
    stored = [f for f in message.findings if f["rule"] == "insult-001"]
    assert stored
    page = _page(world, message, reader)
    assert _words("insult-001", reader) in page
    for other in {"fi", "sv", "en"} - {reader}:
        assert _words("insult-001", other) not in page
    message.refresh_from_db()
    assert [f for f in message.findings if f["rule"] == "insult-001"] == stored


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        ("fi", "muistuttaa luotettua osoitetta (kokkola.fi)"),
        ("sv", "liknar en betrodd adress (kokkola.fi)"),
        ("en", "imitates a trusted one (kokkola.fi)"),
    ],
)
def test_a_worded_parameter_is_filled_in_the_readers_language(
    world: World, reader: str, expected: str
) -> None:
    message = world.ingest(LOOKALIKE)
    assert any(f["rule"] == "link-003" for f in message.findings)
    page = _page(world, message, reader)
    assert expected in page
    assert "{trusted}" not in page


def test_unknown_rules_and_spans_keep_their_stored_words() -> None:
    stored: list[dict[str, Any]] = [
        {"rule": "gone-999", "message": "Vanha sääntö."},
        {"rule": "link-003", "start": 0, "end": 4, "message": "Tallennettu."},
        {"rule": "insult-001", "start": 0, "end": 4, "message": "Tekstissä on loukkaava sana."},
    ]
    worded = findings_worded(stored, ui_language="en", text="Hei!", text_language="fi")
    assert [f["message"] for f in worded] == [
        "Vanha sääntö.",
        "Tallennettu.",
        _words("insult-001", "en"),
    ]
    assert stored[2]["message"] == "Tekstissä on loukkaava sana."  # not changed in place
    assert findings_worded(stored, ui_language="xx")[2]["message"] == _words("insult-001", "fi")


@pytest.mark.parametrize("reader", ["fi", "sv", "en"])
def test_the_evidence_document_words_findings_in_its_language(world: World, reader: str) -> None:
    message = world.ingest(THREAT + " " + LOOKALIKE)
    escalation = Escalation.objects.get(message=message)
    with translation.override(reader):
        findings = evidence_context(escalation, reader)["triage"]["findings"]
    rules = {f["rule"] for f in findings}
    assert "link-003" in rules
    assert len(rules) > 1
    for finding in findings:
        if finding["rule"] == "link-003":
            assert "(kokkola.fi)" in finding["text"]
            assert "{" not in finding["text"]
        else:
            assert finding["text"] == _words(finding["rule"], reader)
