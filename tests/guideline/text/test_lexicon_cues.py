"""A word list's cues (the strings the engine's prefilter looks for before it runs a detector)
are the required words of each term, the most telling first, never a word of every text
alone, and every text a term matches holds them all: a cue missing from a matched text would
silence a finding.

Issue 20: after stop 37, phrases that start with "a", "on", "is" or "är" ("a key", "on
vartioimaton", "is unguarded", "är obevakad") made "a", "on", "is" and "är" cues of the
security detectors, which then ran on 893 of 904 Suomi24 comments instead of 48.
"""

from __future__ import annotations

import sys

import pytest

import someluotsi.guideline as guideline
from someluotsi.guideline import triage
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.lexicon import Lexicon, Term, _cues, parse_term

CASES = [
    # (term, its cues, the most telling first): fi, sv, en
    ("on vartioimaton", ("vartioimaton",)),  # "on" is inside "vartioimaton"
    ("ei vielä? julki*", ("julki", "ei")),  # an optional word is no cue, however long
    ("ovat valvomatta", ("valvomatta", "ovat")),
    ("avain*", ("avain",)),
    ("*koodi*", ("koodi",)),
    ("kd:tä", ("tä", "kd")),  # equally long: the last first
    ("är obevakad", ("obevakad", "är")),
    ("kopplas bort", ("kopplas", "bort")),
    ("står obevakad*", ("obevakad", "står")),
    ("i dag", ("dag",)),  # a one-letter word tells nothing
    ("a key", ("key",)),
    ("is unguarded", ("unguarded", "is")),
    ("our key*", ("key", "our")),
    ("hall key*", ("hall", "key")),
    ("can't do her job", ("job", "her", "can", "do")),
    ("can't", ("can",)),  # cut at an apostrophe: "can t" and "can´t" match too
    ("don't you dare", ("dare", "you", "don")),
]


@pytest.mark.parametrize(("text", "cues"), CASES)
def test_a_terms_cues_are_its_required_words_the_most_telling_first(
    text: str, cues: tuple[str, ...]
) -> None:
    assert _cues(parse_term(text, "x")) == cues


def _holds(normalised: str, cue: str | tuple[str, ...]) -> bool:
    """Whether a normalised text holds a cue as the prefilter reads one."""
    return all(part in normalised for part in ((cue,) if isinstance(cue, str) else cue))


def test_a_word_cut_at_an_apostrophe_is_found_where_its_cue_is() -> None:
    """ "can't" matches "can t" and "can´t" too (the tokens "can", "t"): its cue is "can"."""
    lexicon = Lexicon([("can't", "x"), ("couldn't care less", "y")])
    for text in ("I can t.", "I can\u00b4t.", "I can't.", "I couldn t care less"):
        assert AnalysedText(text).find(lexicon), text
        assert any(_holds(AnalysedText(text).text, cue) for cue in lexicon.cues), text


def test_a_list_of_phrases_has_no_cue_of_every_text() -> None:
    lexicon = Lexicon([("a key", "k"), ("on vartioimaton", "g"), ("är obevakad", "g")])
    assert lexicon.cues == {"key", "vartioimaton", ("obevakad", "är")}
    # and the phrases are still found where they are
    for text, label in (
        ("Avain on a key under the mat", "k"),
        ("Varasto on vartioimaton yöllä", "g"),
        ("Depån är obevakad", "g"),
    ):
        assert [hit.term.label for hit in AnalysedText(text).find(lexicon)] == [label]


def _sample(raw: str, grow: bool) -> str:
    """A word the term's raw word ("salasan*", "*koodi*", "can't") matches: its stars left
    out, or (`grow`) letters in their place."""
    word = raw.removesuffix("?")
    filler = ("ovi", "ssa") if grow else ("", "")
    if word.startswith("*") and len(word) > 1:
        word = filler[0] + word[1:]
    if word.endswith("*") and len(word) > 1:
        word = word[:-1] + filler[1]
    return word


def _texts(term: Term) -> list[str]:
    """Texts the term may match: its words as written (apostrophes kept, left out, or another
    mark in their place), with letters where its stars allow them, and with its optional
    words left out."""
    words = term.text.lower().split()
    plain = " ".join(_sample(word, False) for word in words)
    return [
        plain,
        plain.replace("'", " "),  # "can t": the tokens of "can't" without its apostrophe
        plain.replace("'", "\u00b4"),  # "can´t"
        " ".join(_sample(word, True) for word in words),
        " ".join(_sample(word, True) for word in words if not word.endswith("?")),
    ]


def test_every_text_a_term_of_the_engines_lists_matches_holds_its_cue() -> None:
    """All word lists the engine has made: a term found in a text is found where one of its
    list's cues occurs in the normalised text, as the prefilter searches it."""
    guideline.check("Hei")  # the default engine, its detectors and their word lists made
    triage("Hei")
    # The lists the engine's modules hold (not a scan of all objects: a dead weak proxy
    # elsewhere in the suite raises on `isinstance`).
    lexicons = list(
        {
            id(value): value
            for name, module in list(sys.modules.items())
            if name.startswith("someluotsi.guideline") and module is not None
            for value in list(vars(module).values())
            if type(value) is Lexicon
        }.values()
    )
    assert len(lexicons) > 30
    matched = 0
    for lexicon in lexicons:
        terms = {
            term.text: term
            for table in (lexicon._exact, lexicon._prefix)
            for terms in table.values()
            for term in terms
        }
        terms.update({term.text: term for term in (*lexicon._short_prefix, *lexicon._other)})
        for term in terms.values():
            for text in _texts(term):
                analysed = AnalysedText(text)
                if any(hit.term is term for hit in analysed.find(lexicon)):
                    matched += 1
                    normalised = analysed.text.lower()
                    assert all(cue in normalised for cue in _cues(term)), text
                    assert any(_holds(normalised, cue) for cue in lexicon.cues), text
    assert matched > 1_000


# Function words and everyday words of no list: the words phrases of the lists start with
# ("on vartioimaton", "är obevakad", "is unguarded", "a key") but none of their telling ones.
PLAIN = [
    "Kirjaston aukioloajat muuttuvat ensi viikolla, tervetuloa!",
    "Tämä on hyvä asia ja se on totta.",
    "Det här är en bra sak och det var roligt.",
    "This is a good thing and it was fun.",
]


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_text_runs_no_security_or_leak_detector(text: str) -> None:
    """The prefilter leaves out the detectors of codes, keys, gaps in protection and
    confidential material for a text with none of their words (fi/sv/en)."""
    from someluotsi.guideline.checker.engine import engine_for

    engine = engine_for()
    selected = {type(d).__name__ for d in engine.prefilter.select(AnalysedText(text).text)}
    assert not selected & {"SecurityDetector", "SecurityGapDetector", "ConfidentialDetector"}


@pytest.mark.parametrize(
    ("term", "texts"),
    [
        ("wifi-avain*", ["Wifi-avain on x", "wifi avain on x"]),
        ("wifi-nyckel*", ["Wifi-nyckeln är x", "wifi nyckel"]),
        ("self-harm*", ["thoughts of self-harm", "self harming"]),
        ("kd:tä", ["Äänestäkää KD:tä", "kd tä"]),
    ],
)
def test_a_hyphenated_term_matches_with_and_without_its_hyphen(term: str, texts: list[str]) -> None:
    """The tokenizer splits words at hyphens and colons; so do terms (before stop 38 a term
    kept whole never matched: no token holds a hyphen)."""
    lexicon = Lexicon([(term, "x")])
    for text in texts:
        assert AnalysedText(text).find(lexicon), text


@pytest.mark.parametrize("term", ["palaa!", "tulipalo!", "e-mail@", "a.b"])
def test_a_term_with_a_character_no_word_holds_is_refused(term: str) -> None:
    with pytest.raises(ValueError, match="no word has"):
        parse_term(term, "x")
