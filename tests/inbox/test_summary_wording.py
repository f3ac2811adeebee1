"""The queue's summary counts agree in number with their word ("1 försenat", "4 försenade";
"1 uhkaus", "4 uhkausta"), the status "Assigned" is "Osoitettu" in Finnish and the triage
heading is "Triagering" in Swedish (never "Sortering", the word for a sort order)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, npgettext

from tests.inbox.conftest import TUESDAY_10, World

SUMMARY = [
    # (language, singular word, count, expected)
    ("sv", "overdue", "overdue", 1, "försenat"),
    ("sv", "overdue", "overdue", 4, "försenade"),
    ("sv", "open", "open", 1, "öppet"),
    ("sv", "open", "open", 4, "öppna"),
    ("sv", "mine", "mine", 1, "mitt"),
    ("sv", "mine", "mine", 4, "mina"),
    ("sv", "escalated", "escalated", 1, "eskalerat"),
    ("sv", "escalated", "escalated", 4, "eskalerade"),
    ("fi", "threat", "threats", 1, "uhkaus"),
    ("fi", "threat", "threats", 4, "uhkausta"),
    ("fi", "mine", "mine", 4, "omaa"),
    ("fi", "overdue", "overdue", 4, "myöhässä"),
    ("en", "threat", "threats", 1, "threat"),
    ("en", "threat", "threats", 4, "threats"),
    ("en", "overdue", "overdue", 4, "overdue"),
]


@pytest.mark.parametrize(("language", "singular", "plural", "count", "expected"), SUMMARY)
def test_a_summary_word_agrees_with_its_count(
    language: str, singular: str, plural: str, count: int, expected: str
) -> None:
    with translation.override(language):
        assert npgettext("inbox summary", singular, plural, count) == expected


@pytest.mark.parametrize(
    ("language", "msgid", "expected"),
    [
        ("fi", "Assigned", "Osoitettu"),
        ("sv", "Triage", "Triagering"),
        ("en", "Triage", "Triage"),
    ],
)
def test_status_and_heading_words(language: str, msgid: str, expected: str) -> None:
    with translation.override(language):
        assert gettext(msgid) == expected


@pytest.fixture
def _on_tuesday() -> Iterator[None]:
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


@pytest.mark.usefixtures("_on_tuesday")
@pytest.mark.parametrize(("count", "word"), [(1, "öppet"), (4, "öppna")])
def test_the_swedish_queue_summary_counts_in_number(world: World, count: int, word: str) -> None:
    for n in range(count):
        world.ingest(f"Milloin kirjasto aukeaa lauantaina? {n}")
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = "sv"
    page = client.get("/inbox/").content.decode()
    assert re.search(rf"<strong>{count}</strong>\s*{word}<", page)
