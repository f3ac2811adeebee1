"""Scoring many texts at once (`HarmClassifier.score_many`) gives each text, to the bit, what
scoring it alone gives; the engine's batch preparation uses it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.text import classifier
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import MAX_TOKENS, MAX_WORD, harm_classifier

TEXTS = [
    "",
    "a",
    "Tapan sinut, idiootti! Vitun paska kaupunki.",
    "Kiitos kaikille: kirjasto on auki klo 10–20 (§ 131). Välkommen! 🎉👨‍👩‍👧 ÄÄNESTÄ NYT",
    "Ωmega кокkola ｋｏｋｋｏｌａ 𝐀𝐁 ﬁne İstanbul straße " + "x" * (MAX_WORD + 20),
    "sana " * 50,
    "!!! ??? ...",  # no words between texts that have some
    "KAIKKI ISOLLA KIRJAIMILLA KIRJOITETTU VIESTI TÄNÄÄN",
    "Muslimit juhlivat ramadania. Mamut pois!",
    "Kissanpentu tappoi hiiren pihalla.",
    "ord " * (MAX_TOKENS + 40),
    "\ud800 yksinäinen puolisko \udfff",
    "Soita 040 123 4567, idiootti. The library is open; biblioteket är öppet.",
    "...",  # and none at the end
]


def _alone(texts: list[str]) -> list[dict[str, float]]:
    harm = harm_classifier()
    assert harm is not None
    return [harm.scores(AnalysedText(text)) for text in texts]


def _together(texts: list[str]) -> list[dict[str, float]]:
    harm = harm_classifier()
    assert harm is not None
    analysed = [AnalysedText(text) for text in texts]
    harm.score_many(analysed)
    assert all("harm_scores" in text.cache for text in analysed)
    return [harm.scores(text) for text in analysed]


def _same(ours: list[dict[str, float]], alone: list[dict[str, float]]) -> None:
    """Equal to the bit: every probability's hex form is the same."""
    assert [{k: v.hex() for k, v in s.items()} for s in ours] == [
        {k: v.hex() for k, v in s.items()} for s in alone
    ]


def test_a_batch_scores_each_text_as_it_is_scored_alone() -> None:
    texts = TEXTS * 3
    _same(_together(texts), _alone(texts))


def test_a_batch_with_words_never_seen_hashes_them_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(classifier, "_word_cache", {})
    texts = [f"{text} uusisana{index}" for index, text in enumerate(TEXTS)]
    ours = _together(texts)
    monkeypatch.setattr(classifier, "_word_cache", {})
    _same(ours, _alone(texts))


def test_a_batch_larger_than_the_word_cache_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch whose words would not fit is scored in halves; a full cache is emptied."""
    monkeypatch.setattr(classifier, "_word_cache", {})
    monkeypatch.setattr(classifier, "MAX_CACHED_WORDS", 40)
    monkeypatch.setattr(classifier, "MAX_BATCH_WORDS", 30)
    texts = [f"sana{index} " * 3 + text for index, text in enumerate(TEXTS * 2)]
    _same(_together(texts), _alone(texts))


def test_texts_scored_already_are_left_as_they_are() -> None:
    harm = harm_classifier()
    assert harm is not None
    analysed = [AnalysedText(text) for text in TEXTS]
    marker = {"toxicity": 0.5}
    analysed[2].cache["harm_scores"] = marker
    harm.score_many(analysed)
    assert analysed[2].cache["harm_scores"] is marker
    harm.score_many([])  # nothing to do


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=0, max_size=12))
def test_any_batch_scores_each_text_as_it_is_scored_alone(texts: list[str]) -> None:
    _same(_together(texts), _alone(texts))


def test_the_engines_batch_gives_each_text_the_report_it_gets_alone() -> None:
    """`analyse_many` scores the texts together (the model detector's `prepare`); each
    check of a prepared text equals the check of the text alone, model findings included."""
    engine = engine_for()
    # check() refuses the empty text (BlankTextError): the shortest checked one stands for it.
    texts = [
        *(text or "." for text in TEXTS),
        "Jotkut ihmistyypit ovat patologisia valehtelijoita.",
    ]
    languages: list[str | None] = [None] * len(texts)
    languages[3] = "sv"
    prepared = engine.analyse_many(texts, languages)
    assert all(isinstance(t, AnalysedText) and "harm_scores" in t.cache for t in prepared[2:4])
    reports = [engine.check(text) for text in prepared]
    alone = [
        engine.check(text, language=language)
        for text, language in zip(texts, languages, strict=True)
    ]
    assert reports == alone
    assert "insult-002" in reports[-1].rule_ids  # the model's finding (model.py)
