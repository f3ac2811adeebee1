"""The evidence PDF is in the language asked for with ?lang=, and for a missing or unknown
one in the reader's preferred language (not Finnish regardless)."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from someluotsi.inbox.evidence_document import evidence_pdf
from someluotsi.inbox.models import Escalation
from tests.helpers import pdf_text
from tests.inbox.conftest import TUESDAY_10, World

THREAT = "Tapan sinut huomenna kirjaston edessä, odota vaan."


def _text(pdf: bytes) -> str:
    return pdf_text(pdf)[0]


@pytest.mark.parametrize("preferred", ["fi", "sv", "en"])
@pytest.mark.parametrize("asked", ["", "xx", "de", "sv"])
def test_an_unknown_language_falls_back_to_the_readers_own(
    world: World, preferred: str, asked: str
) -> None:
    with time_machine.travel(TUESDAY_10, tick=False):
        message = world.ingest(THREAT)
    escalation = Escalation.objects.get(message=message)
    reader = world.supervisor
    reader.preferred_language = preferred
    reader.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(reader)
    url = f"/inbox/escalations/{escalation.pk}/evidence.pdf"
    expected = asked if asked in ("fi", "sv", "en") else preferred
    with time_machine.travel(TUESDAY_10, tick=False):  # the document prints when it was made
        response = client.get(url, {"lang": asked} if asked else {})
        assert response.status_code == 200
        assert _text(response.content) == _text(evidence_pdf(escalation, language=expected))
