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
