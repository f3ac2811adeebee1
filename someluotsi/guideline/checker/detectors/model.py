"""The trained classifier as a detector: a warning when a score passes its threshold.

Thresholds were chosen by cross-validation for the best F1 of "rules or model" (see
tools/train_toxicity.py). Model findings only warn: a person decides. They are dropped when a
rule of the same category already explains the text (registry.REDUNDANT_WITH).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors import harm_context, harmful
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import (
    HarmClassifier,
    gate_open,
    harm_classifier,
    vocabulary_categories,
)

RULE_FOR_ATTRIBUTE = {
    "toxicity": "insult-003",
    "insult": "insult-002",
    "threat": "threat-005",
    "identity_attack": "identity-003",
    "obscene": "obscene-002",
}
MIN_TOKENS = 3  # a word or two says too little for the model
# Vocabulary that makes a text hostile in the rules' eyes. Without any of it, a group word with
# a neutral predicate ("Muslimit juhlivat ramadania") needs a much higher identity score.
HOSTILE = frozenset(
    {"dehumanising", "insult", "obscene", "identity", "negative_adjectives", "vulgar_nouns",
     "threat_verbs", "threat_phrases", "intimidation", "weapons", "fate"}
)  # fmt: skip
NEUTRAL_GROUP_THRESHOLD = 0.5


def _wanted(classifier: HarmClassifier, categories: frozenset[str]) -> list[str]:
    """The attributes that can speak for a text with these vocabulary categories: a model its
    threshold switches off (above 1) or whose gate is closed is left out."""
    return [
        attribute
        for attribute in RULE_FOR_ATTRIBUTE
        if (model := classifier.models.get(attribute)) is not None
        and model.threshold <= 1
        and gate_open(attribute, categories)
    ]


class HarmModelDetector:
    rules = tuple(RULE_FOR_ATTRIBUTE.values())

    def prepare(self, texts: Sequence[AnalysedText]) -> None:
        """Score at once (`HarmClassifier.score_many`) each of a batch's texts that `detect`
        will score, so that their checks find the scores made; the findings are the same."""
        classifier = harm_classifier()
        if classifier is None:
            return
        classifier.score_many(
            [
                text
                for text in texts
                if len(text.table.words) >= MIN_TOKENS
                and _wanted(classifier, vocabulary_categories(text))
            ]
        )

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        classifier = harm_classifier()
        if classifier is None or len(ctx.text.table.words) < MIN_TOKENS:
            return
        categories = vocabulary_categories(ctx.text)
        wanted = _wanted(classifier, categories)
        if not wanted:
            return
        scores = classifier.scores(ctx.text, wanted)
        passed = []
        for attribute in wanted:
            threshold = classifier.models[attribute].threshold
            if attribute == "identity_attack" and not categories & HOSTILE:
                threshold = max(threshold, NEUTRAL_GROUP_THRESHOLD)
            if scores[attribute] >= threshold:
                passed.append(attribute)
        # Asked only when a score passes: most texts pass none, and the scores are cheaper
        # than the questions about the text's words.
        if not passed or _set_aside(ctx, categories):
            return
        # The score is the whole text's: a whole-text finding at 0..0 of the original text,
        # like the other whole-post findings (never shifted by a character dropped in
        # normalisation, and never a span the redacted copy would remove in full).
        for attribute in passed:
            yield ctx.match(
                RULE_FOR_ATTRIBUTE[attribute],
                0,
                0,
                normalised=False,
                confidence=scores[attribute],
                reason="model_score",
                score=f"{scores[attribute]:.2f}",
            )


# Words of a quality that a negation takes back ("ei ole koskaan ollut laiska", "är inte lat",
# "has never been lazy"): a text whose only hostile words are these, each negated, praises.
DENIABLE = frozenset({"negative_adjectives", "insult", "dehumanising"})


def _all_negated(ctx: CheckContext, hostile: frozenset[str]) -> bool:
    """Every hit of the hostile categories is a negated word of the text (harmful's reading:
    a negation before it in its clause); a masked or spelt-out one is not."""
    analysis = harmful.analyse(ctx)
    hits = [hit for category in hostile for hit in analysis.of(category)]
    return bool(hits) and all(analysis.negated(hit) for hit in hits)


def _set_aside(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """Texts the rules read as harmless, whose words the model still scores high:
    a quality denied ("Matti Virtanen ei ole koskaan ollut laiska": each hostile word
    negated), counter-speech whose only harmful word is a slur and which rejects it ('Rasismi on
    väärin: "mamut pois" -kirjoittelu pitää lopettaa'), and a violent verb about a food
    animal or a pest with no person in the text ("Kissanpentu tappoi hiiren pihalla")."""
    words = ctx.text.table.distinct  # what is asked of each word, not of their order
    if categories & HOSTILE == {"identity"} and harm_context.rejects(words):
        return True
    hostile = categories & HOSTILE
    if hostile and hostile <= DENIABLE and _all_negated(ctx, hostile):
        return True
    violent_only = categories & HOSTILE <= {"threat_verbs", "fate"}
    return violent_only and "targets" not in categories and harm_context.animal_context(words)
