"""The shortcuts of the personal-data detectors skip only work that could find nothing: the
digit stretches that pick the phone-number runs, the test for a group that may start a phone
number, the key words that gate the sensitive-person detector, the roomier RE2 budget of the
street-address pattern."""

from __future__ import annotations

from bisect import bisect_left

import re2  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.detectors.personal_data import (
    MIN_DIGITS,
    PHONE_RUN,
    PLATE_EITHER,
    PLATE_FI,
    PLATE_SE,
    SENSITIVE,
    SENSITIVE_KEY,
    SENSITIVE_TERMS,
    STREET,
    SensitivePersonDetector,
    _digit_runs,
    _e164,
    _may_hold_phone,
    _near_words,
    _phones_in_run,
    key_word_pattern,
    key_words,
)
from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.checker.prefilter import Prefilter
from someluotsi.guideline.checker.registry import DETECTORS
from someluotsi.guideline.evaluation.privacy import LANGUAGES, PRIVACY_DIR, load_rows
from someluotsi.guideline.model import AuthorRole, ChannelContext
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.lexicon import parse_term
from someluotsi.guideline.text.normalize import Token
from someluotsi.guideline.text.patterns import ROOMY, compile_pattern
from someluotsi.guideline.text.sentences import sentences

NUMBERY = st.lists(
    st.sampled_from(
        ["0", "1", "4", "9", "040", "123", "4567", " ", "  ", "-", " - ", "/", ".", "(", ")",
         "+", "+358", "a", "x", "ä", "٣", "１", ",", "\n", "§", "€", "12.6.", "9-16"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


def _worth_deciding(run: str) -> bool:
    return sum(c.isdigit() for c in run) >= MIN_DIGITS and _may_hold_phone(run)


def _reference_runs(text: str) -> list[tuple[int, str]]:
    """PHONE_RUN over the whole text, the runs that may hold a phone number."""
    runs = [(m.start(), m.group().rstrip(" -/.")) for m in PHONE_RUN.finditer(text)]
    return [(start, run) for start, run in runs if _worth_deciding(run)]


@settings(max_examples=800, deadline=None)
@given(NUMBERY)
def test_digit_stretches_give_the_runs_of_the_whole_text(text: str) -> None:
    found = [(start, run) for start, run in _digit_runs(text) if _worth_deciding(run)]
    assert found == _reference_runs(text)


def test_digit_stretches_keep_a_leading_plus_or_bracket() -> None:
    text = "soita +358 40 123 4567 tai (06) 828 9111, ei 12.6.2025 eikä 150 000"
    assert [run for _start, run in _digit_runs(text)] == [
        run for _start, run in _reference_runs(text)
    ]
    assert [run for _start, run in _digit_runs(text)][:2] == ["+358 40 123 4567", "(06) 828 9111"]


@settings(max_examples=500, deadline=None)
@given(NUMBERY)
def test_a_run_without_a_group_that_may_start_a_phone_number_has_none(text: str) -> None:
    for match in PHONE_RUN.finditer(text):
        run = match.group().rstrip(" -/.")
        if not _may_hold_phone(run):
            assert _phones_in_run(run) == []


def test_a_phone_number_may_start_any_group_of_a_run() -> None:
    for run in ("9-16 (040) 123 4567", "12.6. +358 40 123 4567", "9-16 040 123 4567",
                "040 123 4567", "+46 70 123 45 67", "(06) 828 9111"):  # fmt: skip
        assert _phones_in_run(run)
        assert _may_hold_phone(run)


WORDS = sorted({spec.value for term, label in SENSITIVE_TERMS for spec in
                parse_term(term, label).specs})  # fmt: skip
SENSITIVE_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from([" ", " ", ". ", "-", "_", "ä", "x", "1", "Matti Virtanen ", "on ", "\n"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(SENSITIVE_TEXTS)
def test_every_text_with_a_sensitive_term_has_a_key_word(original: str) -> None:
    text = AnalysedText(original)
    if text.find(SENSITIVE):
        assert SENSITIVE_KEY.search(text.text)
        # the prefilter runs the detector: a key word as a string or, for a two-letter one
        # ("aa"), as a whole word (its cue pattern)
        detector = SensitivePersonDetector()
        assert Prefilter([detector]).select(text.text) == [detector]


def test_key_words_are_the_longest_required_words() -> None:
    specs = key_words([("a klinik*", "x"), ("ei vielä? julkistettu*", "y"), ("ill", "z")])
    assert [(s.kind, s.value) for s in specs] == [
        ("prefix", "klinik"),
        ("prefix", "julkistettu"),
        ("exact", "ill"),
    ]
    pattern = compile_pattern(key_word_pattern(specs))
    assert pattern.search("hän on a-klinikalla")
    assert pattern.search("sjuk och ill.")
    assert not pattern.search("will you from the esityslistalta")  # inside other words
    assert not compile_pattern(key_word_pattern([])).search("mitä tahansa")


STREETS = [
    "Hän asuu osoitteessa Rantakatu 12 B 4, 67100 Kokkola.",
    "Kirjasto, Isokatu 3, 67100 Kokkola, järjestää satutunnin.",
    "Hon bor på Storgatan 5 sedan i våras.",
    "He lives at 10 Downing Street, or at Baker Street 221 b.",
    "Pitkänsillankatu 12 ja Länsitullinkatu 2-4 ja " + "Aaaaaaaaaa" * 5 + "katu 3",
]


def test_the_roomy_street_pattern_finds_what_the_default_budget_finds() -> None:
    options = re2.Options()
    options.log_errors = False
    default = re2.compile(STREET.pattern, options)
    assert STREET.compiled().options.max_mem == ROOMY
    for text in STREETS:
        assert [m.span(1) for m in STREET.finditer(text)] == [
            m.span(1) for m in default.finditer(text)
        ]


# ------------------------------------------------------------------ the prefilter's cue patterns
PERSONAL = [d for d in DETECTORS if all(rule.startswith("privacy-") for rule in d.rules)]
PREFILTER = Prefilter(PERSONAL)
CITY = engine_for().rulebook.city
IDENTIFIERS = st.sampled_from(
    ["131052-308T", "010594Y9032", "120298V061L", "890864-4829", "19890864-4829",
     "198908644829", "8908644829", "1572860-0", "FI15728600", "FI88 3231 9487 5749 11",
     "FI21-1234-5600-0007-85", "SE45 5000 0000 0583 9825 7466", "DE89370400440532013000",
     "040 123 4567", "06 8289", "0612345", "09 123 4", "+358 9 1234",
     "+358 40 123 4567", "(06) 828 9111", "046-978 1064", "+46 70 123 45 67",
     "Isokatu 12 B 4", "Storgatan 5, 67100 Kokkola", "Baker Street 221", "ABC-123",
     "ÖÄ-12", "ABC 123", "anna@example.com", "hetu", "auto", "bil", "car", "asuu", "bor"]
)  # fmt: skip
ODD = st.sampled_from(
    ["", " ", "  ", "\u00a0", "\u2011", "–", "\u200b", "ｆｉ", "А", "\u0308", "İ", "Σ", ".",
     ",", "-", "/", "(", ")", "+", "0", "1", "x", "ä", "\n", "Matti Virtanen "]
)  # fmt: skip
PERSONAL_TEXTS = st.lists(st.one_of(IDENTIFIERS, ODD, st.text(max_size=3)), max_size=12).map(
    "".join
)


def _assert_cues_hold(original: str) -> None:
    text = AnalysedText(original)
    ctx = CheckContext(text=text, role=AuthorRole.EMPLOYEE, channel=ChannelContext(), media=(),
                       city=CITY)  # fmt: skip
    selected = set(map(id, PREFILTER.select(text.text)))
    for detector in PERSONAL:
        if id(detector) not in selected:
            assert not list(detector.detect(ctx)), (type(detector).__name__, original)


@settings(max_examples=600, deadline=None)
@given(PERSONAL_TEXTS)
def test_the_prefilter_runs_every_personal_data_detector_that_finds_something(
    original: str,
) -> None:
    _assert_cues_hold(original)


def test_the_prefilter_runs_the_detectors_on_the_privacy_tables() -> None:
    for path in sorted(PRIVACY_DIR.glob("*.toml")):
        for row in load_rows(path):
            for language in LANGUAGES:
                _assert_cues_hold(row[language])


def test_cue_patterns_skip_texts_with_digits_but_no_candidate() -> None:
    names = {type(d).__name__ for d in PREFILTER.select("kokous 12.6.2025 klo 10-12 (§ 131).")}
    assert not names & {"PhoneNumberDetector", "IbanDetector", "PersonalIdentityCodeDetector",
                        "SwedishPersonalNumberDetector", "BusinessIdDetector"}  # fmt: skip
    names = {type(d).__name__ for d in PREFILTER.select("soita 040 123 4567, hetu 131052-308t")}
    assert {"PhoneNumberDetector", "PersonalIdentityCodeDetector"} <= names


# ------------------------------------------------------------------ the words near an address
def _reference_near_words(ctx: CheckContext, number: int, start: int, end: int) -> list[Token]:
    """The sentence-walking definition `_near_words` replaces."""
    original = ctx.text.original
    before: list[Token] = []
    after: list[Token] = []
    split = sentences(ctx.text)
    first, last = split.bounds(number) if number >= 0 else (0, 0)
    if last - first >= 64:
        first = bisect_left(split.starts, start)
        sentence = ctx.text.token_slice(max(0, first - 6), first + 12)
    else:
        sentence = split.tokens_of(number) if number >= 0 else []
    for token in sentence:
        t_start, t_end = ctx.text.span(token.start, token.end)
        if t_start > 0 and original[t_start - 1] in "/.":
            continue
        if t_end <= start:
            before.append(token)
        elif t_start >= end:
            after.append(token)
    return before[-5:] + after[:3]


ADDRESS_PIECES = st.sampled_from(
    ["Isokatu 3", "Storgatan 5, 67100 Kokkola", "Kirjasto", "kirjasto, ", "www.kokkola.fi/",
     "kokkola.fi/Isokatu 3", "a.Rantakatu 12", " ", ", ", ". ", "\n", "asuu ", "bor på ",
     "sana " * 70, "\u200b", "a\u0308iti ", "Äänekoski ", "/", ".", "İ", "Torikatu 4 B 2"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(ADDRESS_PIECES, max_size=14).map("".join))
def test_near_words_are_the_sentence_walks(original: str) -> None:
    text = AnalysedText(original)
    ctx = CheckContext(text=text, role=AuthorRole.EMPLOYEE, channel=ChannelContext(), media=(),
                       city=CITY)  # fmt: skip
    split = sentences(text)
    for found in STREET.finditer(text.cased):
        o_start, o_end = text.span(*found.span(1))
        for number in {split.number_at(o_start), -1}:
            for start, end in ((o_start, o_end), (o_start, o_start), (0, len(original))):
                assert _near_words(ctx, number, start, end) == _reference_near_words(
                    ctx, number, start, end
                )


PLATE_PIECES = st.sampled_from(
    ["ABC-123", "ÖÄ-12", "ABC 123", "ABC 12A", "AB-1", "Å", "-", " ", "1", "12", "x", "X", "ä",
     "\u2011", "–", "\u00a0", "ｂ", "ABCD-12", "bil ", "auto ", ", ", "\n"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PLATE_PIECES, st.text(max_size=3)), max_size=12).map("".join))
def test_either_plate_pattern_finds_every_plate_candidate(original: str) -> None:
    cased = AnalysedText(original).cased
    if any(True for pattern in (PLATE_FI, PLATE_SE) for _found in pattern.finditer(cased)):
        assert PLATE_EITHER.search(cased)


def test_phone_numbers_are_formatted_once_as_e164() -> None:
    assert _e164("040 123 4567") == "+358401234567"
    assert _e164("+46 70 123 45 67") == "+46701234567"
    assert _e164("12.6.2025") is None
