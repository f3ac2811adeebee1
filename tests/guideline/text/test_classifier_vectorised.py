"""The classifier's vectorised feature hashing and scoring against the plain definitions."""

from __future__ import annotations

import math
import zlib
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import (
    DIMENSION,
    MAX_TOKENS,
    MAX_WORD,
    NGRAMS,
    THREATENING,
    UNTRAINED_CATEGORIES,
    AttributeModel,
    features,
    harm_classifier,
    with_hostility,
)


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) & (DIMENSION - 1)


def reference_features(text: AnalysedText) -> dict[int, float]:
    """The definition, one zlib call per feature (the engine's code before vectorising)."""
    counts: Counter[int] = Counter()
    low, high = NGRAMS
    tokens = [token.text[:MAX_WORD] for token in text.tokens[:MAX_TOKENS]]
    for token in tokens:
        word = f" {token} "
        for size in range(low, min(high, len(word)) + 1):
            for start in range(len(word) - size + 1):
                counts[_bucket(word[start : start + size])] += 1
    for index, token in enumerate(tokens):
        counts[_bucket(f"w:{token}")] += 1
        if index:
            counts[_bucket(f"b:{tokens[index - 1]} {token}")] += 1
    for index in range(len(tokens)):
        for info in text.vocabulary[index]:
            if info.category in UNTRAINED_CATEGORIES:
                continue  # a category the model was trained without ("tjuv", "pedo")
            counts[_bucket(f"__{info.category}__")] += 2
            if info.category == "threat_verbs" and any(t in info.tags for t in THREATENING):
                counts[_bucket("__threatening_verb__")] += 2
    letters = [c for c in text.original if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.5:
        counts[_bucket("__shouting__")] += 2
    vector = {index: 1.0 + math.log(count) for index, count in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {index: value / norm for index, value in vector.items()}


SAMPLES = [
    "",
    "a",
    "Tapan sinut, idiootti! Vitun paska kaupunki.",
    "Kiitos kaikille: kirjasto on auki klo 10–20 (§ 131). Välkommen! 🎉👨‍👩‍👧 ÄÄNESTÄ NYT",
    "Ωmega кокkola ｋｏｋｋｏｌａ 𝐀𝐁 ﬁne İstanbul straße " + "x" * 60,
    "sana " * 50,
]


@pytest.mark.parametrize("text", SAMPLES)
def test_vectorised_features_equal_the_definition(text: str) -> None:
    analysed = AnalysedText(text)
    ours, reference = features(analysed), reference_features(analysed)
    assert ours.keys() == reference.keys()
    for key, value in reference.items():
        assert ours[key] == pytest.approx(value, rel=1e-12)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_vectorised_features_equal_the_definition_on_any_text(text: str) -> None:
    analysed = AnalysedText(text)
    ours, reference = features(analysed), reference_features(analysed)
    assert ours.keys() == reference.keys()
    assert np.allclose([ours[k] for k in reference], list(reference.values()), rtol=1e-12)


@pytest.mark.parametrize("text", SAMPLES[2:])
def test_one_matrix_product_gives_each_models_probability(text: str) -> None:
    classifier = harm_classifier()
    assert classifier is not None
    vector = reference_features(AnalysedText(text))
    hostility = classifier.hostility
    if hostility is not None:
        vector = with_hostility(vector, hostility.probability(vector))
    scores = classifier.scores(AnalysedText(text))
    for name, model in classifier.models.items():
        assert isinstance(model, AttributeModel)
        assert scores[name] == pytest.approx(model.probability(vector), abs=1e-6)
    subset = classifier.scores(AnalysedText(text), ["insult"])
    assert list(subset) == ["insult"]
    assert subset["insult"] == pytest.approx(scores["insult"], abs=1e-6)


def test_features_stay_exact_when_the_word_cache_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words' hashes are kept per word; when the cache fills up it is emptied and the text's
    words are hashed again, including those that were known before."""
    from someluotsi.guideline.text import classifier

    monkeypatch.setattr(classifier, "_word_cache", {})
    monkeypatch.setattr(classifier, "MAX_CACHED_WORDS", 6)
    for text in ("yksi kaksi kolme neljä", "kolme neljä viisi kuusi seitsemän", SAMPLES[2]):
        analysed = AnalysedText(text)
        ours, reference = features(analysed), reference_features(analysed)
        assert ours.keys() == reference.keys()
        assert np.allclose([ours[k] for k in reference], list(reference.values()), rtol=1e-12)
        assert len(classifier._word_cache) <= 6 or len(set(analysed.words)) > 6
