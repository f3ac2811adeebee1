"""The packed fi/sv/en language model scores exactly as py3langid does.

text/language.py scores with a copy of py3langid's model packed by
tools/build_language_model.py (its automaton replaced by sorted tables of node labels). These
tests run both on the same texts, including ones whose bytes exercise every label length, odd
Unicode and texts without a single feature, and require the same language and the same
probability to the bit.
"""

from __future__ import annotations

import tomllib
from array import array
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.model import LanguagePart
from someluotsi.guideline.text import language

ROOT = Path(__file__).parents[3]


@cache
def _reference() -> Any:
    langid = pytest.importorskip("py3langid.langid")
    identifier = langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )
    identifier.set_languages(["fi", "sv", "en"])
    identifier.nb_ptc = identifier.nb_ptc.astype(np.float32)  # as the engine used it
    return identifier


def _texts() -> list[str]:
    texts = [
        "",
        " ",
        "a",
        "ÄÖ",
        "🎉🎉🎉",
        "KAIKKI ISOLLA KIRJAIMILLA KIRJOITETTU VIESTI",
        "Kaupunginkirjasto on auki arkisin klo 10–20 ja lauantaisin klo 10–16.",
        "Stadsbiblioteket har öppet vardagar kl. 10–20.",
        "The city library is open on weekdays from 10 to 20.",
        "Kiitos! Tack! Thank you! 👍 #KokkolaKarleby",
        "a\u0308iti on kotona",  # combining diaeresis: NFC composes it
        "i\u200bd\u200bi\u200bo\u200bt\u200bi",
        "1234567890 " * 40,
        "v*ttu p**ka a@a@a@ https://www.example.fi/x/y/z",
        "Tervetuloa! Välkommen! Welcome! " * 30,
    ]
    for file in sorted((ROOT / "tests/guideline/checker/cases").glob("*.toml")):
        texts += [case["text"] for case in tomllib.loads(file.read_text("utf-8"))["case"]]
    clean = tomllib.loads((ROOT / "tests/guideline/checker/clean_posts.toml").read_text("utf-8"))
    texts += [post["text"] for post in clean["post"]]
    return texts


def test_the_packed_model_gives_py3langids_language_and_probability_on_every_text() -> None:
    reference = _reference()
    texts = _texts()
    assert len(texts) > 200
    for text in texts:
        expected_language, expected_probability = reference.classify(text)
        assert language.classify(text) == (expected_language, float(expected_probability)), text


def test_the_packed_model_agrees_on_every_sentence_and_on_sliced_texts() -> None:
    reference = _reference()
    sample = " ".join(_texts()[:120])
    pieces = [sample[i : i + n] for n in (1, 2, 3, 5, 7, 40) for i in range(0, 600, n + 1)]
    for piece in pieces:
        expected = reference.classify(piece)
        assert language.classify(piece) == (expected[0], float(expected[1])), piece


def test_the_packed_model_agrees_on_texts_past_the_byte_walk() -> None:
    """Texts longer than WALK_BYTES are scored from the states of all bytes at once
    (`_Model._features`, `_Model._states`), not walked word by word."""
    reference = _reference()
    joined = " ".join(_texts())
    long_texts = [joined[:n] for n in (language.WALK_BYTES + 1, 6000, 20_000)]
    long_texts.append("ä" * 3000 + " loppu. alku")  # past WALK_BYTES in bytes only
    for text in long_texts:
        assert len(text.encode("utf8", errors="surrogatepass")) > language.WALK_BYTES
        expected = reference.classify(text)
        assert language.classify(text) == (expected[0], float(expected[1])), len(text)


def test_a_text_without_features_is_undecided_evenly() -> None:
    found, probability = language.classify("")
    assert found in {"fi", "sv", "en"}
    assert probability == pytest.approx(1 / 3)


def _spans_cases() -> list[str]:
    texts = _texts()
    return [
        *texts,
        " ".join(texts[:40]),
        "\n".join(texts[40:80]),
        "Kirjasto on auki. Biblioteket är öppet! The library is open?\n\nTervetuloa / Välkommen",
        "...!!! ??? Hei... moi!!! hej .\n.\n. end",
    ]


def test_the_walk_a_word_at_a_time_gives_the_outputs_of_the_walk_byte_by_byte() -> None:
    model = language._model()
    for text in _spans_cases():
        data = text.encode("utf8", errors="surrogatepass")
        state, expected = 0, []
        for byte in data:  # one byte at a time from the root, as py3langid walks
            state, (output,) = model._walk_unit(state, bytes((byte,)))
            expected.append(output)
        assert model._outputs(data) == expected, text
        assert model._outputs(data) == expected, text  # again, from the cache of words


def test_classify_spans_gives_what_classify_gives_for_the_text_and_each_span() -> None:
    model = language._model()
    checked = 0
    for text in _spans_cases():
        spans = [*language._part_spans(text), (0, len(text)), (1, max(1, len(text) - 1))]
        spans = [(a, b) for a, b in spans if a < b]
        whole, parts = model.classify_spans(text, spans)
        assert whole == model.classify(text), text
        for (start, end), found in zip(spans, parts, strict=True):
            assert found == model.classify(text[start:end]), (text, start, end)
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("seed", range(5))
def test_the_break_pattern_finds_what_re2_finds(seed: int) -> None:
    import random

    import re2  # type: ignore[import-untyped]

    reference = re2.compile(language.BREAK_PATTERN)
    rng = random.Random(seed)
    alphabet = ".!?/| \t\n\r\f\vab\u00a0\u2028"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        expected = [m.span() for m in reference.finditer(text)]
        assert language._breaks(text) == expected, repr(text)


def _old_detect(text: str, hint: str | None) -> language.LanguageResult:
    """detect() as it was before the batch (words counted over the whole text)."""
    fallback = hint if hint in ("fi", "sv", "en") else "fi"
    words = len(language._WORD.findall(text)) if len(text) < 2000 else language.MIN_WORDS
    other = language._other_script(text, 0, len(text))
    if words < language.MIN_WORDS:
        if other:
            segments = language._segments(text)
            return language.LanguageResult(fallback, language._whole(segments, "other"), False)
        short = language.short_text_language(text)
        segments = language._segments(text)
        whole = language._whole(segments, short) if short else ()
        if len(segments) > 1:  # short sentences that mark their language: parts of their own
            whole = language._with_short_parts(text, segments, [], [], whole)
        return language.LanguageResult(short or fallback, whole, certain=short is not None)
    spans = language._part_spans(text)
    (main, confidence), classified = language._model().classify_spans(text, spans)
    read = language._with_scripts(text, spans, classified)
    found = language._merged(spans, read)
    segments = language._segments(text) if len(text) < 20_000 else []
    if (
        confidence < language.SHORT_CONFIDENCE
        and not language._has_other_letter(text)
        and len(text) <= language.FEW_WORDS_CHARS
        and len({part.language for part in found}) <= 1
        and words <= language.FEW_WORDS
        and (voted := language._voted(text, (main, confidence), names_out=True)) is not None
    ):  # a few words the model is unsure of: read as a short text is
        whole = language._whole(segments, voted)
        voted_spans = [(voted, 1.0)] * len(spans)
        whole = language._with_short_parts(text, segments, spans, voted_spans, whole)
        return language.LanguageResult(voted, whole)
    certain = confidence >= language.MIN_CONFIDENCE and not other
    if not certain:
        main = fallback
    known = [part for part in found if part.language != "other"]
    if len({part.language for part in known}) > 1 or (known and len(known) < len(found)):
        main = known[0].language
        certain = True
    tiled = language._tiled(segments, spans, found)
    tiled = language._with_short_parts(text, segments, spans, read, tiled)
    return language.LanguageResult(main, tiled, certain)


def test_a_batch_identifies_each_text_as_it_would_alone() -> None:
    texts = [
        *_spans_cases(),
        "Hej. Hej. Hej.",  # three words: short
        "Yksi kaksi. Kolme",  # four words over two segments
        "ÄÄNESTYS ALKAA HUOMENNA. RÖSTNINGEN BÖRJAR I MORGON KL 9.",
        "a\u0308iti. isa\u0308 on kotona tänään / Mamma och pappa är hemma i dag",
        "x " * 1500,  # long: not counted
    ]
    hints = [(None, "sv", "en", "xx")[i % 4] for i in range(len(texts))]
    batch = language.detect_many(texts, hints)
    assert len(batch) == len(texts)
    for text, hint, found in zip(texts, hints, batch, strict=True):
        assert found == language.detect(text, hint=hint) == _old_detect(text, hint), text
    # The same texts in another order and in a batch of one give the same results.
    assert language.detect_many(texts[::-1], hints[::-1]) == batch[::-1]
    assert language.detect_many([], []) == []


@pytest.mark.parametrize("group_chars", [1, 300, 10**9])
def test_a_batch_scored_in_groups_of_any_size_gives_what_each_gives_alone(
    group_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`classify_spans_many` scores its items in groups of about GROUP_CHARS characters (one
    text a group, several, or all at once): the grouping moves no result."""
    texts = _spans_cases()[:120]
    expected = [language.detect(text) for text in texts]
    monkeypatch.setattr(language, "GROUP_CHARS", group_chars)
    assert language.detect_many(texts, [None] * len(texts)) == expected
    model = language._model()
    items = [(text, language._part_spans(text)) for text in texts]
    assert model.classify_spans_many(items) == [model.classify_spans(t, s) for t, s in items]


def test_parts_is_the_same_as_before_the_batch() -> None:
    for text in _spans_cases():
        expected: tuple[LanguagePart, ...] = ()
        segments = language._segments(text)
        if not (len(text) < 2000 and len(language._WORD.findall(text)) < language.MIN_WORDS):
            spans = language._part_spans(text)
            classified = [language.classify(text[a:b]) for a, b in spans]
            read = language._with_scripts(text, spans, classified)
            expected = language._tiled(segments, spans, language._merged(spans, read))
            expected = language._with_short_parts(text, segments, spans, read, expected)
        elif len(segments) > 1:  # short sentences that mark their language: parts of their own
            expected = language._with_short_parts(text, segments, [], [], ())
        assert language.parts(text) == expected, text


_ODD = st.text(
    alphabet=st.sampled_from(list("aåäöeiAÄÖ .!?/|\n\t-–0123456789🎉\u0308\u200b\u00a0ß\ud800"))
    | st.characters(),
    max_size=120,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ODD, max_size=6))
def test_a_batch_of_any_strings_gives_what_each_gives_alone(texts: list[str]) -> None:
    found = language.detect_many(texts, [None] * len(texts))
    assert found == [language.detect(text) for text in texts]


def test_the_dict_tables_move_where_the_binary_search_moves() -> None:
    """`_move` looks transitions up by binary search until TABLES_AFTER, then in dicts: both
    must go to the same state with the same output, for states of every label length."""
    searching = language._Model(language.MODEL, compiled=False)
    tabled = language._Model(language.MODEL, compiled=False)
    tabled._looked_up = language.TABLES_AFTER  # the dict tables from the first look-up
    states = sorted({0, 1, len(searching._labels) - 1, *range(1, len(searching._labels), 997)})
    assert {searching._lengths[state] for state in states} == set(range(language.MAX_LABEL + 1))
    for state in states:
        for byte in (0x20, 0x61, 0x6B, 0xC3, 0xA4, 0xB6, 0x2E, 0x31, 0xFF):
            assert tabled._move(state, byte) == searching._move(state, byte), (state, byte)
    assert searching._nodes is None  # fewer look-ups than TABLES_AFTER: never made
    assert tabled._nodes is not None


@pytest.mark.parametrize("limit", [50, 100_000 * 5000, 1 << 62])
def test_the_packed_sort_gives_what_a_stable_argsort_gives(limit: int) -> None:
    # The last limit leaves no room for positions: the argsort fallback.
    rng = np.random.default_rng(limit % 97)
    for size in (1, 2, 3, 17, 1000, 20_000):
        keys = rng.integers(0, min(limit, 1 << 40), size, dtype=np.int64)
        keys[: size // 2] = keys[0]  # many equal keys: their positions must stay in order
        rng.shuffle(keys)
        ordered, positions = language._sorted_with_positions(keys.copy(), limit)
        expected = keys.argsort(kind="stable")
        assert positions.tolist() == expected.tolist()
        assert ordered.tolist() == keys[expected].tolist()


def test_spans_in_any_order_and_odd_parts_score_as_each_alone() -> None:
    model = language._model()
    texts = [
        "Äiti tulee kotiin. ÖLJY ON KALLISTA NYT. Pappa jää töihin tänään illalla.",
        "a\u0308iti tulee. Äiti e\u0301tait la\u0300 tänään illalla ja huomenna.",  # not NFC
        "Ääh \ud800 öö \udfff ää. 🎉 Hyvää päivää kaikille täällä! Tack så mycket för i dag.",
        "ä" * 3000 + " loppu. alku",  # long: past WALK_BYTES in bytes, not in characters
        "Kiitos.\n\nTack.\n\nThanks a lot for today, everyone here.",
    ]
    items = []
    for text in texts:
        parts = language._part_spans(text)
        spans = [*parts[::-1], (0, len(text)), (2, max(2, len(text) - 3)), *parts]
        items.append((text, [(a, b) for a, b in spans if a < b]))
    for (text, spans), (whole, found) in zip(items, model.classify_spans_many(items), strict=True):
        assert whole == model.classify(text), text
        for (start, end), result in zip(spans, found, strict=True):
            assert result == model.classify(text[start:end]), (text, start, end)


def test_few_pieces_scored_alone_give_what_the_batch_arithmetic_gives() -> None:
    """`_probabilities` scores a layout of at most FEW_PIECES pieces piece by piece, a larger
    one with the batch arithmetic; both ways agree to the bit on any layout."""
    model = language._model()
    compared = 0
    for text in _texts() + _spans_cases():
        parts = language._part_spans(text)
        for spans in ([], [(0, len(text))], parts[:1], parts, [(1, max(1, len(text) - 1))]):
            layout = language._Layout()
            if model._lay_out(text, [(a, b) for a, b in spans if a < b], layout) is None:
                continue
            assert model._probabilities_alone(layout) == model._probabilities_together(layout)
            compared += 1
    assert compared > 300


def test_a_text_too_long_to_split_is_one_part_in_its_language() -> None:
    """Past LONG_TEXT characters a text is not split into parts (a bound on the cost), but it
    is still one part in its language, never none (a third fresh tester: the API said
    "languages": [] for 20,000 characters). With language= given, parts are identified only
    when a detector asks (engine.check), as for any text."""
    from someluotsi.guideline.checker.engine import check

    sentence = "Kokkolan kaupunginkirjasto on avoinna arkisin kello yhdeksästä kahdeksaan. "
    text = sentence * (language.LONG_TEXT // len(sentence) + 5)
    report = check(text)
    assert [(p.start, p.end, p.language) for p in report.parts] == [(0, len(text), "fi")]
    swedish = "Stadsbiblioteket i Karleby har öppet vardagar från nio till åtta. "
    assert language.parts(swedish * (language.LONG_TEXT // len(swedish) + 5))[0].language == "sv"


@pytest.mark.parametrize(("new_moves", "rest_bytes"), [(0, 0), (2, 10), (8, 64)])
def test_a_text_read_with_array_operations_gives_the_walk_byte_by_byte(
    monkeypatch: pytest.MonkeyPatch, new_moves: int, rest_bytes: int
) -> None:
    """A text of new words has the rest read with arrays (`_read_rest`): the same outputs
    as py3langid's walk one byte at a time, and the words it keeps walk as they would."""
    monkeypatch.setattr(language, "NEW_MOVES", new_moves)
    monkeypatch.setattr(language, "REST_BYTES", rest_bytes)
    texts = [
        *_spans_cases(),
        "  two  spaces  and a trailing one ",
        " ",
        "a",
        "äö å \u2019 \U0001f600 x",
        "ab " * 50,
    ]
    walker = language._model()  # the reference walk, byte by byte
    # nothing met yet: words are new at first
    model = language._Model(language.MODEL, compiled=False)
    read_rest = model._read_rest
    rests: list[int] = []

    def counted(data: bytes, offset: int, state: int, units: list[bytes]) -> bytes:
        rests.append(offset)
        return read_rest(data, offset, state, units)

    monkeypatch.setattr(model, "_read_rest", counted)
    for text in texts:
        data = text.encode("utf8", errors="surrogatepass")
        state, expected = 0, []
        for byte in data:
            state, (output,) = walker._walk_unit(state, bytes((byte,)))
            expected.append(output)
        assert model._outputs(data) == expected, text
        assert model._outputs(data) == expected, text  # again, from the words kept
    assert rests  # the array reading was taken
    assert model._words
    for (before, unit), (after, outputs) in model._words.items():
        walked_state, walked = walker._walk_unit(before, unit)
        assert (after, array("i", outputs).tolist()) == (walked_state, list(walked)), unit


def test_the_states_at_once_are_the_walks_states() -> None:
    model = language._model()
    for text in _spans_cases():
        data = text.encode("utf8", errors="surrogatepass")
        state, expected = 0, []
        for byte in data:
            state, _ = model._walk_unit(state, bytes((byte,)))
            expected.append(state)
        assert model._states(data).tolist() == expected, text
