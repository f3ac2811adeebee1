"""The escalation's evidence as a document an officer can file, read back from the PDF's text:
one language, local times to the second with the zone named, the message as captured, the
addressees with their acknowledgements, the outcome, page numbers, and the attached evidence
whose SHA-256 is the one printed."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pypdf
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from someluotsi.inbox.escalations import escalation_acknowledge, escalation_close
from someluotsi.inbox.evidence_document import evidence_pdf
from someluotsi.inbox.models import Escalation
from tests.helpers import pdf_text
from tests.inbox.conftest import TUESDAY_10, World

THREAT = "Tapan sinut huomenna kirjaston edessä, odota vaan."
# Words of the English version that must not appear in a Finnish or Swedish document.
ENGLISH = re.compile(
    r"\b(the|and|of|with|Escalation|Evidence|Message|Received|Author|Platform|Category|"
    r"Priority|Outcome|Notified|Acknowledged|not acknowledged|Page|yes|no|Summary|"
    r"threat|Supervisor|Occupational|Finnish time|at)\b"
)
FI_MOMENT = re.compile(r"\b\d{1,2}\.\d{1,2}\.20\d\d klo \d\d\.\d\d\.\d\d\b")
SV_MOMENT = re.compile(r"\b\d{1,2}\.\d{1,2}\.20\d\d kl\. \d\d\.\d\d\.\d\d\b")


def _text(pdf: bytes) -> tuple[str, pypdf.PdfReader]:
    return pdf_text(pdf)


@pytest.fixture
def closed_case(world: World) -> Escalation:
    with time_machine.travel(TUESDAY_10, tick=False):
        message = world.ingest(THREAT)
    escalation = Escalation.objects.get(message=message)
    with time_machine.travel(TUESDAY_10 + timedelta(minutes=12, seconds=7), tick=False):
        escalation_acknowledge(actor=world.supervisor, escalation=escalation)
    with time_machine.travel(TUESDAY_10 + timedelta(hours=3), tick=False):
        escalation_close(
            actor=world.safety, escalation=escalation, outcome="Rikosilmoitus tehty poliisille."
        )
    escalation.refresh_from_db()
    return escalation


def test_finnish_document_is_finnish_throughout(world: World, closed_case: Escalation) -> None:
    text, reader = _text(evidence_pdf(closed_case, language="fi"))
    # Without the message and the machine-readable bits, no English word is left.
    prose = text.replace(THREAT, "")
    prose = re.sub(r"https?://\S+|certutil -hashfile \S+ SHA256|shasum -a 256 \S+", "", prose)
    assert ENGLISH.findall(prose) == []
    assert "Todisteaineisto uhkaavasta viestistä" in text
    assert THREAT in text
    # Local times to the second with the zone named; no UTC or microseconds.
    assert "Suomen aikaa (Europe/Helsinki, UTC+2)" in text
    assert FI_MOMENT.search(text)
    assert "24.11.2026 klo 10.00.00" in text  # sent (received) in local time
    assert "24.11.2026 klo 10.12.07" in text  # the supervisor's acknowledgement
    assert not re.search(r"\d\d:\d\d:\d\d\.\d+|\+00:00|T\d\d:\d\d", text)
    # Platform, permalink and author as captured.
    assert "Facebook" in text
    assert "https://www.facebook.com/kirjasto/posts/1" in text
    assert "@asukas" in text
    # Who was notified, who acknowledged, the outcome.
    assert world.supervisor.get_full_name() in text
    assert world.safety.get_full_name() in text
    assert "ei kuitattu" in text  # the safety manager closed it without acknowledging first
    assert "Rikosilmoitus tehty poliisille." in text
    # The guideline's section in words, page numbers, the digest.
    assert "§10.6" in text
    assert "esihenkilölle" in text
    assert f"Sivu 1/{len(reader.pages)}" in text
    assert closed_case.evidence_sha256 in text.replace(" ", "")


def test_swedish_document_is_swedish_throughout(closed_case: Escalation) -> None:
    text, _reader = _text(evidence_pdf(closed_case, language="sv"))
    prose = re.sub(r"https?://\S+|certutil -hashfile \S+ SHA256|shasum -a 256 \S+", "", text)
    assert ENGLISH.findall(prose.replace(THREAT, "")) == []
    assert "finsk tid (Europe/Helsinki, UTC+2)" in text
    assert SV_MOMENT.search(text)
    assert "Sida 1/" in text
    assert "Hotfullt meddelande" in text or "hotfullt meddelande" in text
    assert "Suomen aikaa" not in text


def test_attached_evidence_has_the_printed_digest(closed_case: Escalation) -> None:
    _unused, reader = _text(evidence_pdf(closed_case, language="en"))
    name = f"evidence-{closed_case.pk}.json"
    [data] = reader.attachments[name]
    assert hashlib.sha256(data).hexdigest() == closed_case.evidence_sha256


def test_summer_times_name_the_summer_offset(world: World) -> None:
    summer = TUESDAY_10.replace(month=6, day=16)
    with time_machine.travel(summer, tick=False):
        message = world.ingest(THREAT, received_at=summer)
    escalation = Escalation.objects.get(message=message)
    text, _reader = _text(evidence_pdf(escalation, language="en"))
    assert "Finnish time (Europe/Helsinki, UTC+3)" in text
    assert "16 June 2026 at 10:00:00" in text


def test_download_is_in_the_readers_language_and_audited(
    world: World, closed_case: Escalation
) -> None:
    world.supervisor.preferred_language = "sv"
    world.supervisor.save()
    client = Client()
    client.force_login(world.supervisor)
    url = reverse("inbox:escalation_export", args=[closed_case.pk, "pdf"])
    text, _reader = _text(client.get(url).content)
    assert "Sida 1/" in text
    text, _reader = _text(client.get(url, {"lang": "fi"}).content)
    assert "Sivu 1/" in text
    outsider = Client()
    outsider.force_login(world.outsider)
    assert outsider.get(url).status_code == 404


def test_a_message_with_markup_and_long_words_renders_as_text(world: World) -> None:
    hostile = "<script>alert(1)</script> <img src=http://127.0.0.1:1/x> " + "ä" * 400
    message = world.ingest("Tapan sinut. " + hostile)
    escalation = Escalation.objects.get(message=message)
    text, _reader = _text(evidence_pdf(escalation, language="fi"))
    assert "<script>alert(1)</script>" in text.replace(" ", "")
    assert "ä" * 400 in text.replace(" ", "")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_long_names_wrap_their_cells_and_every_moment_is_still_there(
    world: World, closed_case: Escalation, language: str
) -> None:
    """Long names (hyphenated double names are common in Finland) make the table of addressees
    wrap; the acknowledgement's moment is still printed in full, in its own cell."""
    for person in (world.supervisor, world.safety):
        person.first_name = "Kristiina-Maria Annukka"
        person.last_name = "Jääskeläinen-Vähämäki"
        person.save()
    text, _reader = _text(evidence_pdf(closed_case, language=language))
    moment = {
        "fi": "24.11.2026 klo 10.12.07",
        "sv": "24.11.2026 kl. 10.12.07",
        "en": "24 November 2026 at 10:12:07",
    }[language]
    assert moment in text
    assert text.count("Kristiina-Maria Annukka Jääskeläinen-Vähämäki") >= 2
