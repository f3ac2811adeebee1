"""Dictionary words that only look like harmful compounds (issue 16 §5): decided with Voikko at
build time (tools/build_dictionary_stems.py), shipped as stems, honoured at run time."""

from __future__ import annotations

import pytest

from someluotsi.guideline.text.vocabulary import STEMS_FILE, Vocabulary, vocabulary

ROWS = [
    ("insult", "fi", "kusi", "kusi", "+compound"),
    ("insult", "fi", "kusiaivo", "kusiaivo", "+sg+nom"),
    ("groups", "fi", "muslimi", "muslimi", "+sg+nom"),
    ("dehumanising", "fi", "koirat", "koira", "+pl+nom"),
]


def test_the_shipped_stems_come_from_the_build_with_their_counts() -> None:
    lines = STEMS_FILE.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("# Dictionary words flagged before:") for line in lines)
    assert "kusiai" in lines


@pytest.mark.parametrize("word", ["kusiaiset", "kusiaispesä", "kusiaisten"])
def test_an_ant_is_not_an_insult(word: str) -> None:
    assert vocabulary().compound_part(word, "insult") is None


@pytest.mark.parametrize("word", ["kusipää", "kusipäitä", "kusiaivoja"])
def test_real_compounds_are_still_found(word: str) -> None:
    words = vocabulary()
    assert words.lookup(word) or words.compound_part(word, "insult")


def test_a_stem_blocks_compounds_and_group_compounds_but_not_listed_forms() -> None:
    without = Vocabulary(ROWS)
    assert without.compound_part("kusiaispesä", "insult") == "kusi"
    assert without.group_compound("muslimikoirat", ("dehumanising",)) is not None
    # Toy stems: the mechanism, not the shipped data.
    stems = Vocabulary(ROWS, ["kusiai", "muslimikoira"])
    assert stems.compound_part("kusiaispesä", "insult") is None
    assert stems.lookup("kusiaivo")  # a listed form wins over a stem
    assert stems.group_compound("muslimikoirat", ("dehumanising",)) is None
