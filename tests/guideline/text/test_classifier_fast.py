"""The classifier's fast paths against their plain definitions (issue 20).

The features (`features`, `feature_arrays`) must stay those the committed model was trained on
(tools/train_toxicity.py calls `features`): every hashing path (a few new words one by one,
many at once), the counting without np.unique, the vocabulary read per distinct word and the
shouting count from a table are compared here with the definition, one zlib call per feature,
on Finnish, Swedish and English texts with odd Unicode, long words and repeats. The scores
are compared with the plain arithmetic of one model at a time, and the detector with its
order before issue 20 (set-aside texts asked first).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors import model as model_detector
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.detectors.model import HarmModelDetector
from someluotsi.guideline.checker.rulebook import rulebook_load
from someluotsi.guideline.model import AuthorRole, ChannelContext, Match
from someluotsi.guideline.text import classifier
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import (
    DIMENSION,
    MAX_TOKENS,
    MAX_WORD,
    feature_arrays,
    features,
    gate_open,
    harm_classifier,
    vocabulary_categories,
    with_hostility,
)
from tests.guideline.text.test_classifier_vectorised import reference_features


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) & (DIMENSION - 1)


def plain_shouting(original: str) -> bool:
    """The definition: more than half of the letters are upper case."""
    letters = "".join(filter(str.isalpha, original))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.5


LONG = "epäjärjestelmällistyttämättömyydelläänsäkäänköhänkin"  # 52 letters, over MAX_WORD
TEXTS = [
    # fi
    "Tapan sinut, idiootti! Vitun paska kaupunki.",
    "Kaupunginvaltuusto kokoontuu maanantaina kello 17 valtuustosaliin.",
    "ÄÄNESTÄ NYT! Päiväkodin pihan leikkivälineet uusitaan kesän aikana 🎉👨‍👩‍👧",
    f"{LONG} {LONG}a {LONG}b ja ja ja ja {LONG[:39]} {LONG[:40]} {LONG[:41]}",
    'Maahanmuuttajat pois! Mamut ulos. Rasismi on väärin: "mamut pois" -kirjoittelu loppuu.',
    "Kissanpentu tappoi hiiren pihalla, ja koira haukkui naapurin idiootille.",
    # sv
    "Stadsfullmäktige sammanträder på måndag klockan 17 i fullmäktigesalen.",
    "Jag ska döda dig, din jävla idiot. Invandrarna ut!",
    "VÄLKOMMEN till sommarfesten på servicehuset på torsdag! Ålänningar och Öresund.",
    # en
    "I will kill you, you stupid idiot. Immigrants out!",
    "The city council meets on Monday at 5 pm in the council chamber.",
    # odd Unicode: combining marks, full width, mathematical letters, title case, Turkish,
    # German, Greek final sigma, circled letters (upper case but no letters), lone surrogates
    "Ωmega кокkola ｋｏｋｋｏｌａ 𝐀𝐁𝐂 𝐝 ﬁne İstanbul straße ΣΊΣΥΦΟΣ ǅemal Ⓐⓑ a\u0308iti",
    "e\u0301e\u0301 \ud800abc \udfff \u200bzero\u200dwidth x" + "y" * 60,
    "𝐀𝐁𝐂𝐃 𝐄𝐅 abc",
    "ⒶⒷⒸⒹ abc",
    # repeats: a count above the table of logarithms, tokens past MAX_TOKENS
    "idiootti " * (MAX_TOKENS + 100),
    "sana " * MAX_TOKENS + "idiootti tapan sinut",
    "",
    "a",
    "!!! ??? ...",
]


@pytest.fixture(params=["one by one", "vectorised"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way of hashing new words, from an empty word cache."""
    monkeypatch.setattr(classifier, "_word_cache", {})
    few = 10**9 if request.param == "one by one" else 0
    monkeypatch.setattr(classifier, "FEW_WORDS", few)
    return str(request.param)


def _assert_same_vector(text: str) -> None:
    analysed = AnalysedText(text)
    ours, reference = features(analysed), reference_features(analysed)
    assert ours.keys() == reference.keys()
    assert np.allclose([ours[k] for k in reference], list(reference.values()), rtol=1e-12)


@pytest.mark.parametrize("text", TEXTS)
def test_features_equal_the_definition(hashing: str, text: str) -> None:
    _assert_same_vector(text)
    _assert_same_vector(text)  # again, from the word cache


def test_feature_arrays_are_sorted_distinct_and_normalised() -> None:
    for text in TEXTS:
        buckets, values = feature_arrays(AnalysedText(text))
        assert buckets.dtype == np.intp
        assert values.dtype == np.float64
        assert np.all(np.diff(buckets) > 0)
        if len(values):
            assert float(values @ values) == pytest.approx(1.0)


def test_both_hashings_keep_the_same_entry_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word's n-gram buckets (in any order), its "b:" CRC and bytes do not depend on how
    many new words were hashed with it."""
    words = [LONG, LONG + "x", "ja", "päivä", "𝐀𝐁", "\ud800ab", "straße", "ǅemal", "e\u0301"]
    monkeypatch.setattr(classifier, "_word_cache", {})
    classifier._hash_many(words)
    many = dict(classifier._word_cache)
    classifier._word_cache.clear()
    for word in words:
        classifier._hash_word(word)
    for word in words:
        one = classifier._word_cache[word]
        ngrams = np.frombuffer(one[0], dtype=np.uint16)
        assert sorted(ngrams) == sorted(np.frombuffer(many[word][0], dtype=np.uint16)), word
        assert one[1:] == many[word][1:], word


def test_the_word_cache_keeps_no_long_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token longer than MAX_WORD is kept under its first MAX_WORD characters (a 100 kB
    token must not stay in memory), and found there again."""
    monkeypatch.setattr(classifier, "_word_cache", {})
    text = f"{LONG} {LONG}x {'z' * 100_000} sana {LONG}"
    for _ in range(2):
        _assert_same_vector(text)
        assert set(classifier._word_cache) == {LONG[:MAX_WORD], "z" * MAX_WORD, "sana"}


@pytest.mark.parametrize("text", TEXTS)
def test_shouting_equals_the_definition(text: str) -> None:
    assert classifier._shouting(text) == plain_shouting(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_shouting_equals_the_definition_on_any_text(text: str) -> None:
    assert classifier._shouting(text) == plain_shouting(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=50), min_size=1, max_size=30))
def test_features_equal_the_definition_on_any_words(words: list[str]) -> None:
    classifier._word_cache.clear()
    _assert_same_vector(" ".join(words))


@pytest.mark.parametrize("text", [t for t in TEXTS if t.strip()])
def test_scores_equal_each_models_plain_probability(text: str) -> None:
    harm = harm_classifier()
    assert harm is not None
    vector = reference_features(AnalysedText(text))
    if harm.hostility is not None:
        vector = with_hostility(vector, harm.hostility.probability(vector))
    scores = harm.scores(AnalysedText(text))
    assert list(scores) == list(harm.models)
    for name, model in harm.models.items():
        assert scores[name] == pytest.approx(model.probability(vector), abs=1e-6), name
    assert list(harm.scores(AnalysedText(text), ["obscene", "nothing", "insult"])) == [
        "obscene",
        "insult",
    ]


def _old_detect(ctx: CheckContext) -> Iterator[Match]:
    """HarmModelDetector.detect before issue 20: the set-aside texts asked first."""
    harm = harm_classifier()
    if harm is None or len(ctx.text.table.words) < model_detector.MIN_TOKENS:
        return
    categories = vocabulary_categories(ctx.text)
    if model_detector._set_aside(ctx, categories):
        return
    for attribute, rule in model_detector.RULE_FOR_ATTRIBUTE.items():
        model = harm.models.get(attribute)
        if model is None or model.threshold > 1 or not gate_open(attribute, categories):
            continue
        threshold = model.threshold
        if attribute == "identity_attack" and not categories & model_detector.HOSTILE:
            threshold = max(threshold, model_detector.NEUTRAL_GROUP_THRESHOLD)
        score = harm.scores(ctx.text, [attribute])[attribute]
        if score >= threshold:
            yield ctx.match(
                rule, 0, 0, confidence=score, reason="model_score", score=f"{score:.2f}"
            )


DETECTOR_TEXTS = [
    *TEXTS,
    "Muslimit ovat saastaa ja heidät pitää ajaa pois maasta.",
    'Rasismi on väärin: "mamut pois" -kirjoittelu pitää lopettaa.',
    "Kissanpentu tappoi hiiren pihalla eilen illalla.",
    "Tapa hummeri nopeasti kiehuvassa vedessä.",
    "Olet täysi idiootti ja vitun ääliö, painu helvettiin.",
    "You are a fucking moron and a disgusting pig.",
    "Du är en jävla idiot och ett äckligt svin.",
]


@pytest.mark.parametrize("text", DETECTOR_TEXTS)
def test_detector_finds_what_it_found_before(text: str) -> None:
    city = rulebook_load().city

    def context() -> CheckContext:
        return CheckContext(text=AnalysedText(text), role=AuthorRole.EMPLOYEE,
                            channel=ChannelContext(), media=(), city=city)  # fmt: skip

    ours = list(HarmModelDetector().detect(context()))
    before = list(_old_detect(context()))
    assert ours == before
