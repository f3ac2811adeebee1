"""The paths that keep floods cheap (issue 20: a 100 kB adversarial text) say what the plain
computations they replace said: emoji clusters found by the standard library where each is one
character, risky file names found around their extensions' dots, masked words found run by
run in one pass where masks are dense, the spelt-out search behind a search for spaces, a
sentence's word-list hit and first named person found without reading the whole sentence, the
character-by-character normalisation's columns built without Python work per character (and
its combining marks composed once per distinct cluster), and links' spans found without asking
RE2 for a group."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors import harmful
from someluotsi.guideline.checker.detectors.accessibility import (
    EMOJI_CLUSTER,
    _emoji_clusters,
    _longest_run,
)
from someluotsi.guideline.checker.detectors.harmful import (
    _SINGLES,
    _SPACED_PAIR,
    MASKED,
    masked_words,
)
from someluotsi.guideline.checker.detectors.links import FILE, file_names
from someluotsi.guideline.checker.detectors.personal_data import PLATE_CONTEXT
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.names import first_in_sentence, names_in_sentence
from someluotsi.guideline.text.normalize import (
    NormalizedText,
    _dropped,
    _map_each,
    _offsets,
    _pieces,
)
from someluotsi.guideline.text.sentences import sentence_has, sentence_matches, sentences
from someluotsi.guideline.text.urls import URL, _url_spans

EMOJI_PIECES = st.sampled_from(
    ["🎉", "👨", "\u200d", "👩", "🇫", "🇮", "🏻", "\ufe0f", "a", " ", "\u0308", "\u0e33", "☀",
     "\n", "\u200b", "\u200c", "🔪", "⚰", "⭐", "ä", "\u00a0", "\u2003"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(EMOJI_PIECES, max_size=30).map("".join))
def test_emoji_clusters_are_the_grapheme_pattern_s(text: str) -> None:
    clusters = _emoji_clusters(text)
    spans = [clusters.span(index) for index in range(clusters.count)]
    assert spans == [m.span() for m in EMOJI_CLUSTER.finditer(text)]
    assert clusters.gaps == [text[a[1] : b[0]] for a, b in pairwise(spans)]
    assert _emoji_clusters(text, NormalizedText(text).non_ascii).gaps == clusters.gaps


def _reference_run(gaps: list[str], blank: set[str]) -> tuple[int, int]:
    """The former walk: the first longest run of emoji with blank gaps between them."""
    best_first = best_last = run_first = 0
    for index in range(1, len(gaps) + 1):
        if gaps[index - 1] not in blank:
            run_first = index
        if index - run_first > best_last - best_first:
            best_first, best_last = run_first, index
    return best_first, best_last


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "\u200d", "a", " a ", "\u2003"]), max_size=20))
def test_longest_emoji_run_is_the_walk_s(gaps: list[str]) -> None:
    assert _longest_run(gaps) == _reference_run(gaps, {"", " ", "\u200d", "\u2003"})


FILE_PIECES = st.sampled_from(
    ["a", "AB", "-", "_", "(", ")", ".", "/", " ", "exe", ".exe", ".js", ".jse", "1", "ä", "🎉",
     ".appimage", ".sh", "\n", "a" * 30, "b" * 60, "€", "@"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(FILE_PIECES, max_size=40).map("".join))
def test_file_names_are_the_pattern_s_matches_in_the_whole_text(text: str) -> None:
    assert list(file_names(text)) == [m.span(1) for m in FILE.compiled().finditer(text)]


def test_file_names_far_apart_and_at_the_edges_of_a_long_name() -> None:
    for text in [
        "AB-" * 3000 + " a.exe",
        "a" * 99 + ".exe " + "b" * 100 + ".exe " + "c" * 101 + ".exe " + "d" * 150 + "_e.exe",
        "x.exe" + "y" * 500 + "(z.sh " + "." * 300 + "w.js",
        "-" + "x" * 120 + "-(y" * 30 + ".exe",
    ]:
        assert list(file_names(text)) == [m.span(1) for m in FILE.compiled().finditer(text)]


MASK_PIECES = st.sampled_from(
    ["v*ttu", "p**ka", "a@", "a.b@c.fi", " ", "*", "_", "#", "ä", "1", "x", "-", "@@", "a_b",
     ",", "€", "é", "\u0301", "ж", "€*"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(MASK_PIECES, max_size=30).map("".join), st.sampled_from([1, 40, 10**9]))
def test_masked_words_are_the_same_by_either_way_of_finding_runs(text: str, dense: int) -> None:
    expected = [(m.start(1), m.end(1), m.group(1)) for m in MASKED.compiled().finditer(text)]
    saved = harmful.DENSE_MASKS
    harmful.DENSE_MASKS = dense  # 1: from each mask outwards; 10**9: in one pass
    try:
        assert list(masked_words(text)) == expected
    finally:
        harmful.DENSE_MASKS = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "b", "cd", ".", "@", "  ", "1", "ä"]), max_size=30))
def test_spelt_out_words_need_a_space_before_two_one_character_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    if _SINGLES.search(text):
        assert _SPACED_PAIR.search(text)


SENTENCES = st.lists(
    st.sampled_from(["auto", "ABC-123", "Matti", "Virtanen", "sairaala", "on", ".", "\n", "bil",
                     "kävi", "rekisterikilpi", "Anna", "Liisa", "hän"]),
    max_size=30,
).map(" ".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(SENTENCES)
def test_a_sentence_s_first_hit_and_first_name_are_those_of_the_whole_search(text: str) -> None:
    for number in range(len(sentences(AnalysedText(text)).firsts)):
        analysed = AnalysedText(text)
        assert sentence_has(analysed, PLATE_CONTEXT, number) == bool(
            sentence_matches(AnalysedText(text), PLATE_CONTEXT, number)
        )
        every = names_in_sentence(AnalysedText(text), number)
        assert first_in_sentence(analysed, number) == (every[0] if every else None)


def _reference_columns(original: str, mapping: dict[str, str]) -> tuple[str, list[int]]:
    pieces = [mapping[char] for char in original]
    return "".join(pieces), [i for i, piece in enumerate(original) for _ in mapping[piece]]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abAB\u200bﬁ-", max_size=30), st.booleans())
def test_characters_mapped_all_at_once_are_mapped_each(original: str, chained: bool) -> None:
    mapping = {"a": "a", "b": "b", "A": "a", "B": "b", "\u200b": "", "ﬁ": "fi", "-": "-"}
    if chained:
        mapping["-"] = "A"  # a value that is a key to replace: translate, not replace
    text, starts = _reference_columns(original, mapping)
    assert _map_each(original, mapping) == text
    assert _offsets(original, mapping)[0] == starts
    assert _offsets(original, mapping)[1] == [start + 1 for start in starts]


def test_a_flood_of_invisible_characters_keeps_its_offsets() -> None:
    original = "a\u200b" * 1000 + "ﬁ" + "\U0001f389\u200d" * 10
    text = NormalizedText(original)
    assert text.text == "a" * 1000 + "fi" + "\U0001f389" * 10
    assert text.span(0, 1) == (0, 1)
    assert text.span(999, 1002) == (1998, 2001)


URL_PIECES = st.sampled_from(
    ["http://", "https://", "www.", "a", "b.", "fi", ".fi", "/x", "?q=1", " ", "\n", "%", "+",
     "~", "@", "x:y@", ".", "-", "_", "\\", "1.2.3.4", ":8080", "ä", "😀", "(", '"', "xn--abc",
     "€", "§", "1", "..", ",", "%x@a.fi/p"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(URL_PIECES, max_size=14).map("".join))
def test_link_spans_are_the_capturing_pattern_s_groups(text: str) -> None:
    assert list(_url_spans(text)) == [m.span(1) for m in URL.compiled().finditer(text)]


def test_link_spans_of_long_links_and_of_links_that_start_the_text() -> None:
    for text in ["http://" + "a." * 5000, "+x@a.fi/" + "a" * 300, "%a@b.fi/x y.fi", " www.a.fi"]:
        assert list(_url_spans(text)) == [m.span(1) for m in URL.compiled().finditer(text)]


def _reference_marks(original: str) -> tuple[str, str, list[int], list[int]]:
    """The former walk over every character of a text with combining marks."""
    lower_of: dict[str, str] = {}
    cased_of: dict[str, str] = {}
    for char in set(original):
        category = unicodedata.category(char)
        if _dropped(char, category) or category == "Mn":
            lower_of[char] = cased_of[char] = ""
        else:
            pieces = _pieces(char)
            cased_of[char] = "".join(cased for cased, _lower in pieces)
            lower_of[char] = "".join(lower for _cased, lower in pieces)
    out: list[str] = []
    cased: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(original):
        piece = lower_of[char]
        if piece:
            out.extend(piece)
            cased.extend(cased_of[char])
            starts.extend([index] * len(piece))
            ends.extend([index + 1] * len(piece))
        elif out and unicodedata.category(char) == "Mn" and not _dropped(char, "Mn"):
            composed = unicodedata.normalize("NFC", out[-1] + char)
            if len(composed) == 1:
                out[-1] = composed
                upper = unicodedata.normalize("NFC", cased[-1] + char)
                cased[-1] = upper if len(upper) == 1 else composed
                ends[-1] = index + 1
    return "".join(out), "".join(cased), starts, ends


MARK_PIECES = st.sampled_from(
    ["a", "A", "\u0308", "\u0301", "\u200b", "\ufe0f", "ﬁ", "İ", "o", "\u0338", "=", " ", "\u00ad"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(MARK_PIECES, max_size=20).map("".join))
def test_marks_composed_by_clusters_are_as_composed_one_by_one(original: str) -> None:
    if not any(unicodedata.category(char) == "Mn" for char in original):
        original += "\u0308"
    text = NormalizedText.__new__(NormalizedText)
    text.original = original
    text._slow_path()
    assert (text.text, text.cased, text._starts, text._ends) == _reference_marks(original)


def test_a_flood_of_combining_marks_keeps_its_offsets() -> None:
    original = "\u0301" + "a\u0308" * 500 + "ﬁ\u0301\u200b\u0308" + "O\u0308\u0338" * 100
    text = NormalizedText.__new__(NormalizedText)
    text.original = original
    text._slow_path()
    assert (text.text, text.cased, text._starts, text._ends) == _reference_marks(original)
