"""The harm analysis answers per sentence and per hit from indexes built once; the answers are
those of the walks over the sentence's hits they replace, on any arrangement of hits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors import harm_grammar
from someluotsi.guideline.checker.detectors.harmful import (
    DEGRADING,
    IDIOM_OBJECTS,
    MESSAGE_BREAKS,
    MESSAGE_OBJECTS,
    MESSAGE_REACH,
    HarmAnalysis,
    Hit,
    _predicated,
)
from someluotsi.guideline.text.vocabulary import FormInfo

WORDS = ["ei", "ole", "on", "ovat", "ja", "tyhmiä", "x", "not", "are", "inte"]
GAPS = [" ", " ", " ", ", ", ". ", " ("]
LEMMAS = ["aikaa", "time", "email", "viesti", "tunnelma", "peli"]
CATEGORIES = ["innocent", "targets", "negative_adjectives", *DEGRADING]


@st.composite
def analyses(draw: st.DrawFn) -> HarmAnalysis:
    size = draw(st.integers(1, 14))
    words = [draw(st.sampled_from(WORDS)) for _ in range(size)]
    gaps = [""] + [draw(st.sampled_from(GAPS)) for _ in range(size - 1)]
    sentence_of = [0]
    for gap in gaps[1:]:
        sentence_of.append(sentence_of[-1] + (1 if "." in gap else 0))
    hits = [
        Hit(
            index,
            index,
            index + 1,
            FormInfo(
                draw(st.sampled_from(CATEGORIES)),
                draw(st.sampled_from(["fi", "en", "sv", ""])),
                draw(st.sampled_from(LEMMAS)),
                draw(st.sampled_from(["", "+phrase", "+compound"])),
            ),
        )
        for index in draw(st.lists(st.integers(0, size - 1), max_size=12))
    ]
    return HarmAnalysis(hits, sentence_of, words, gaps)


def _negated(analysis: HarmAnalysis, hit: Hit) -> bool:
    if hit.index < 0 or "+phrase" in hit.info.tags or "+compound" in hit.info.tags:
        return False
    sentence = analysis.sentence_of[hit.index]
    first = analysis.bounds(sentence)[0]
    lowest, start = max(first, hit.index - harm_grammar.WINDOW), hit.index
    while start > lowest and not any(m in analysis.gaps[start] for m in ",;:()"):
        start -= 1
    infos = [
        h.info for h in analysis.in_sentence(sentence, hit.info.category) if h.index == hit.index
    ]
    return any(
        harm_grammar.negated(analysis.words, hit.index, start, language or "fi")
        for language in {info.language for info in infos} or {hit.info.language}
    )


def _innocent_besides(analysis: HarmAnalysis, sentence: int, index: int) -> bool:
    for other in analysis.in_sentence(sentence, "innocent"):
        if other.index == index:
            # A phrase the verb opens; an idiom's object in the verb's own token (its piece
            # after an invisible character: "kill\u200btime").
            if "+phrase" in other.info.tags or other.info.lemma in IDIOM_OBJECTS:
                return True
            continue
        distance = other.index - index
        if other.info.lemma in MESSAGE_OBJECTS:
            # A message object within MESSAGE_REACH after the verb, nothing breaking between.
            if 1 <= distance <= MESSAGE_REACH and not any(
                analysis.words[at] in MESSAGE_BREAKS
                or any(mark in analysis.gaps[at] for mark in ",;:.!?")
                for at in range(index + 1, other.index + 1)
            ):
                return True
        elif other.info.lemma in IDIOM_OBJECTS:
            if 1 <= distance <= 2 and not any(
                h.index in range(index + 1, other.index)
                for h in analysis.in_sentence(sentence, "targets")
            ):
                return True
        else:
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(analyses())
def test_per_sentence_answers_agree_with_the_walks_over_hits(analysis: HarmAnalysis) -> None:
    for hit in analysis.hits:
        assert analysis.negated(hit) == _negated(analysis, hit)
    for sentence in set(analysis.sentence_of):
        attacks = [
            h
            for category in DEGRADING
            for h in analysis.in_sentence(sentence, category)
            if not _negated(analysis, h)
        ]
        assert analysis.first_attack(sentence) is (attacks[0] if attacks else None)
        first, end = analysis.bounds(sentence)
        for index in range(first, end):
            predicated = [
                h
                for h in analysis.in_sentence(sentence, "negative_adjectives")
                if h.index > index and _predicated(analysis, h.index) and not _negated(analysis, h)
            ]
            expected = predicated[0] if predicated else None
            assert analysis.predicated_after(sentence, index) is expected
            assert analysis.innocent_besides(sentence, index) == _innocent_besides(
                analysis, sentence, index
            )
