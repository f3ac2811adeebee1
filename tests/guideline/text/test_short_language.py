"""Short texts are identified from their words, not defaulted to Finnish (text/language.py).

The table (short_texts.toml) holds greetings, questions, thanks and threats of fewer than
MIN_WORDS words in fi, sv and en; each must be identified in its language with no hint, and
triage must answer in that language and still see a short threat as one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.messages.triage import triage
from someluotsi.guideline.text import language

TABLE = Path(__file__).parent / "short_texts.toml"
ROWS: list[dict[str, Any]] = tomllib.loads(TABLE.read_text(encoding="utf-8"))["row"]
CASES = [(row, lang) for row in ROWS for lang in ("fi", "sv", "en")]
IDS = [f"{row['kind']}:{lang}" for row, lang in CASES]


def test_the_table_is_of_short_texts() -> None:
    for row, lang in CASES:
        assert len(language._WORD.findall(row[lang])) < language.MIN_WORDS, (row["kind"], lang)


@pytest.mark.parametrize(("row", "lang"), CASES, ids=IDS)
def test_short_text_language(row: dict[str, Any], lang: str) -> None:
    detected = language.detect(row[lang])
    assert detected.language == lang
    assert detected.certain


@pytest.mark.parametrize(("row", "lang"), CASES, ids=IDS)
def test_triage_answers_short_texts_in_their_language(row: dict[str, Any], lang: str) -> None:
    sorted_message = triage(row[lang])
    assert sorted_message.language == lang
    if "category" in row:
        assert sorted_message.category.value == row["category"]


@pytest.mark.parametrize("text", ["Ok", "123", "Anna Lindqvist", "?!", ""])
def test_texts_that_say_nothing_keep_the_default(text: str) -> None:
    detected = language.detect(text)
    assert detected.language == "fi"
    assert not detected.certain
    assert language.detect(text, hint="sv").language == "sv"


def test_a_hint_does_not_override_clear_words() -> None:
    assert language.detect("Tack för hjälpen!", hint="fi").language == "sv"


FEW_WORDS_TABLE = Path(__file__).parent / "few_word_texts.toml"
FEW_WORDS_ROWS: list[dict[str, Any]] = tomllib.loads(FEW_WORDS_TABLE.read_text(encoding="utf-8"))[
    "row"
]
FEW_WORDS_CASES = [(row, lang) for row in FEW_WORDS_ROWS for lang in ("fi", "sv", "en")]
FEW_WORDS_IDS = [f"{row['kind']}:{lang}" for row, lang in FEW_WORDS_CASES]


def test_the_few_words_table_is_of_few_words() -> None:
    for row, lang in FEW_WORDS_CASES:
        count = len(language._WORD.findall(row[lang]))
        assert language.MIN_WORDS <= count <= language.FEW_WORDS, (row["kind"], lang)


@pytest.mark.parametrize(("row", "lang"), FEW_WORDS_CASES, ids=FEW_WORDS_IDS)
def test_few_words_with_a_name_or_an_address(row: dict[str, Any], lang: str) -> None:
    detected = language.detect(row[lang])
    assert (detected.language, detected.certain) == (lang, True)
    assert [part.language for part in detected.parts] == [lang]
    if "rule" in row:
        report = check(row[lang])
        assert report.language == lang
        assert row["rule"] in {finding.rule for finding in report.findings}


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg, Matti Virtanen, John Smith, Karl Nyström",  # names only
        "Berg Anna, Smith John, Virtanen Matti",
        "Anna Berg, Storgatan 12, Karleby",  # a name and an address, no other word
    ],
)
def test_names_and_addresses_alone_say_nothing(text: str) -> None:
    detected = language.detect(text)
    assert not detected.certain
    assert detected.language == "fi"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # The model is sure (SHORT_CONFIDENCE): a marker word of another language is not read.
        ("Hyvä Kokkola, great job everyone tänään", "fi"),
        ("Tosi hyvä meininki at the festarit eilen", "fi"),
        ("Pekka Heikkilä moved to Kokkola", "fi"),
    ],
)
def test_the_markers_do_not_override_a_sure_model(text: str, lang: str) -> None:
    assert language.detect(text).language == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A marker word in a capitalised name is no vote (`_voted`, names_out).
        ("Klo 18 Stadium Road -konsertti torilla.", "fi"),
        ("Konsert vid The Road ikväll kl 18", "sv"),
        ("Hei Hei Festival tickets sold out", "en"),
    ],
)
def test_marker_words_in_names_do_not_vote(text: str, lang: str) -> None:
    assert language.detect(text).language == lang


@pytest.mark.parametrize(
    "text",
    ["Yhteys: anna.berg [at] kokkola [dot] fi", "Kontakt: anna.berg (at) kokkola (dot) fi"],
)
def test_an_address_written_out_is_no_english(text: str) -> None:
    assert language.detect(text).language != "en"


def test_the_markers_are_read_only_in_a_few_words() -> None:
    few = "Anna Berg lives at Storgatan 5 in Karleby"
    many = few + " near the old bridge by the sea now"
    unsure = ("sv", 0.85)
    assert language._few_words_language(few, unsure, (), False) == "en"
    assert len(language._WORD.findall(many)) > language.FEW_WORDS
    assert language._few_words_language(many, unsure, (), False) is None
    assert language._few_words_language(few, ("sv", 0.96), (), False) is None
    assert language._few_words_language(few, unsure, (), True) is None  # another script
