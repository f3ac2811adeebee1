"""Free text a view reads from a page's form itself (an incident's reply draft, note, title,
dismissal reason and summary; a clearance draft; a platform reply) is refused like a form
field's: a NUL alone ("\\x00") is named with its position, never answered "write the reply
first" because the request middleware had removed it before the service read the value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import QueryDict
from django.test import Client
from django.utils import translation

from someluotsi.core.errors import ApplicationError
from someluotsi.core.middleware import _without_nul
from someluotsi.core.typed_text import posted_text
from someluotsi.demo.load import demo_load
from someluotsi.incidents.models import Incident, IncidentEntry
from tests.incidents.test_demo_flow import login

pytestmark = pytest.mark.django_db

REFUSED_NUL = {
    "fi": "NUL-merkki",
    "sv": "NUL-tecken",
    "en": "NUL character",
}
WRITE_FIRST = {
    "fi": "Kirjoita ensin vastaus.",
    "sv": "Skriv först svaret.",
    "en": "Write the reply first.",
}
REMOVED = "NUL characters were removed"


@pytest.fixture
def demo() -> None:
    demo_load()


def _client(language: str) -> Client:
    client = login("mavi")
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(("text", "position"), [("\x00", "1"), ("Kiitos\x00 palautteesta", "7")])
def test_a_reply_draft_with_a_nul_is_refused_with_its_position(
    demo: None, language: str, text: str, position: str
) -> None:
    client = _client(language)
    incident = Incident.objects.get()
    url = f"/incidents/{incident.pk}/"
    before = IncidentEntry.objects.filter(incident=incident).count()
    partial = client.post(url, {"action": "draft", "text": text}, HTTP_HX_REQUEST="true")
    shown = partial.content.decode()
    assert REFUSED_NUL[language] in shown, shown
    assert "U+0000" in shown
    assert f" {position} " in shown or f" {position}." in shown or f"{position}." in shown
    assert WRITE_FIRST[language] not in shown
    page = client.post(url, {"action": "draft", "text": text}, follow=True).content.decode()
    assert REFUSED_NUL[language] in page
    assert WRITE_FIRST[language] not in page
    with translation.override(language):
        removed = translation.gettext(REMOVED + " from what you sent. Check it and try again.")
    assert removed not in page  # the draft's refusal says it; no general message beside it
    assert IncidentEntry.objects.filter(incident=incident).count() == before


@pytest.mark.parametrize(
    ("action", "field"),
    [("note", "text"), ("statement", "text"), ("close", "summary")],
)
@pytest.mark.parametrize("text", ["\x00", "Tiedote\x01 huomenna"])
def test_the_incidents_other_raw_texts_are_refused_alike(
    demo: None, action: str, field: str, text: str
) -> None:
    client = _client("en")
    incident = Incident.objects.get()
    url = f"/incidents/{incident.pk}/"
    before = IncidentEntry.objects.filter(incident=incident).count()
    page = client.post(url, {"action": action, field: text}, follow=True).content.decode()
    code = "U+0000" if "\x00" in text else "U+0001"
    assert code in page
    assert IncidentEntry.objects.filter(incident=incident).count() == before
    assert Incident.objects.get().status == incident.status


def test_posted_text_reads_what_was_typed_and_refuses_it() -> None:
    typed = _without_nul(QueryDict("reply=%00&note=ok&other=a%00b"))
    claimed: list[str] = []
    typed.on_claim = claimed.append
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        posted_text(typed, "reply")
    assert refused.value.code == "control_characters"
    assert refused.value.details == {"field": "reply"}
    assert "U+0000" in refused.value.message
    assert "at character 1" in refused.value.message
    assert claimed == ["reply"]
    assert posted_text(typed, "note") == "ok"
    assert posted_text(typed, "missing", "–") == "–"
    with pytest.raises(ApplicationError):
        posted_text(QueryDict("reply=a%01"), "reply")
    assert posted_text(QueryDict("reply=Hei%09vaan"), "reply") == "Hei\tvaan"


# Free texts a view reads from request.POST itself (with a text default, not an id's
# posted_id); each goes through posted_text. The
# message page's "answer" re-shows a refused reply (its form field already refused it).
FREE_TEXT = re.compile(
    r"""request\.POST\.get\(\s*["'](text|note|reason|title|summary|draft_text|reply|"""
    r"""override_reason|account|answer|comment)["'],\s*["']"""
)
SHOWN_AGAIN = "typed_reply=request.POST.get("


def test_no_view_reads_a_free_text_past_the_typed_text_policy() -> None:
    root = Path(__file__).resolve().parents[2] / "someluotsi"
    found = [
        f"{path.relative_to(root)}: {line.strip()}"
        for path in sorted(root.rglob("views*.py")) + sorted(root.rglob("views/*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if FREE_TEXT.search(line) and SHOWN_AGAIN not in line
    ]
    assert found == []
