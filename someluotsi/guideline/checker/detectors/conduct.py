"""Conduct in a public role: rumours (§4.3), disparaging colleagues, named people, officials
or the city (§4.2, §6.2), and personal opinions on city matters said without marking them
personal (§9.2).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import AuthorRole, Match
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.names import person_names
from someluotsi.guideline.text.sentences import sentences
from someluotsi.guideline.text.wordlists import load_words

RUMOURS = Lexicon((term, "rumour") for term in load_words("rumor"))
OPINIONS = Lexicon((term, "opinion") for term in load_words("opinion"))
DISCLAIMERS = Lexicon((term, "disclaimer") for term in load_words("disclaimers"))
CITY_MATTERS = Lexicon((term, "city") for term in load_words("city_matters"))
CITY_PEOPLE = Lexicon((term, "people") for term in load_words("city_people"))
DISPARAGING = Lexicon((term, "disparaging") for term in load_words("disparaging"))
SPEAKING_ROLES = frozenset({AuthorRole.EMPLOYEE, AuthorRole.ELECTED})


class RumorDetector:
    rules = ("rumor-001",)
    cues = RUMOURS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        for hit in ctx.text.find(RUMOURS):
            yield ctx.match(
                "rumor-001",
                hit.start,
                hit.end,
                confidence=0.7,
                reason="hearsay",
                phrase=hit.term.text,
            )


# Negation words (fi, sv, en; English contractions are split at the apostrophe: "doesn t").
# Not the Finnish "en" and "et" (the Swedish article "en": "en pajas"), nor "won".
NEGATIONS = frozenset(
    {
        "ei", "eikä", "emme", "ette", "eivät", "älä", "älkää",
        "inte", "aldrig", "ej", "icke",
        "not", "never", "isn", "aren", "wasn", "weren", "doesn", "don", "didn",
        "hasn", "haven", "hadn",
    }
)  # fmt: skip
# Swedish puts the negation after the finite verb ("slarvar aldrig", "ljuger inte").
AFTER_NEGATIONS = frozenset({"inte", "aldrig", "ej", "icke"})
# Words that start a new clause, or turn a negation into "only" ("ei ole kuin laiska", "inte
# annat än lat", "nothing but"): a negation before one does not reach the word after it.
CLAUSE_WORDS = frozenset(
    {"että", "mutta", "vaan", "koska", "kuin", "att", "men", "utan", "än", "but", "that", "than"}
)
NEGATION_REACH = 4  # words before a disparaging term that a negation may stand in
NEAR = 8  # tokens between the target and the disparaging word, in one sentence


class RoleConductDetector:
    """An employee or elected official speaking ill, in public, of the work of city staff,
    officials, a colleague or a named person, or of the city (§4.2, §6.2). A warning: the
    author may disagree, but about the matter, not the people."""

    rules = ("conduct-001",)
    cues = DISPARAGING.cues  # no finding without a disparaging word

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role not in SPEAKING_ROLES or not ctx.text.find(DISPARAGING):
            return
        of_token = sentences(ctx.text).of_token
        targets = [(p.first, p.start, p.end) for p in ctx.text.find(CITY_PEOPLE)]
        targets += [(n.first, n.start, n.end) for n in person_names(ctx.text)]
        if not targets:
            return
        # A disparaging word that is itself a named target is a name ("Pelle Svensson").
        named = {first for first, _start, _end in targets}
        bad_words = [
            bad
            for bad in ctx.text.find(DISPARAGING)
            if not _negated(ctx, bad) and bad.first not in named
        ]
        targets.sort()
        firsts = [target[0] for target in targets]
        reported: set[int] = set()
        for bad in bad_words:
            # The first target (in order) within NEAR tokens of the word, in its sentence.
            near = next(
                (
                    targets[at]
                    for at in range(
                        bisect_left(firsts, bad.first - NEAR),
                        bisect_right(firsts, bad.first + NEAR),
                    )
                    if of_token[targets[at][0]] == of_token[bad.first]
                ),
                None,
            )
            if near is not None and near[0] not in reported:
                first, start, end = near
                reported.add(first)
                yield ctx.match(
                    "conduct-001",
                    min(start, bad.start),
                    max(end, bad.end),
                    confidence=0.7,
                    reason="disparaging",
                    word=bad.term.text.rstrip("*"),
                )


def _negated(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """A disparaging term negated in its clause: a negation up to NEGATION_REACH words before
    it ("ei ole laiska", "ei koskaan laiminlyö", "is not lazy", "never messed up"), or, in
    Swedish, right after it ("slarvar aldrig med säkerheten"). A term that holds a negation
    itself ("ei osaa tehdä", "kan inte sitt jobb") is never negated again."""
    if any(spec.value in NEGATIONS or spec.value == "inte" for spec in hit.term.specs):
        return False
    words = ctx.text.words
    if hit.last < len(words) and words[hit.last] in AFTER_NEGATIONS:
        return True
    for i in range(hit.first - 1, max(0, hit.first - NEGATION_REACH) - 1, -1):
        if words[i] in CLAUSE_WORDS:
            return False
        if words[i] in NEGATIONS:
            return True
    return False


class DisclaimerDetector:
    """A personal opinion on a city matter without saying it is personal (a warning)."""

    rules = ("disclaimer-001",)
    cues = OPINIONS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role not in SPEAKING_ROLES:
            return
        opinions = ctx.text.find(OPINIONS)
        if not opinions or ctx.text.find(DISCLAIMERS) or not ctx.text.find(CITY_MATTERS):
            return
        first = opinions[0]
        yield ctx.match("disclaimer-001", first.start, first.end, confidence=0.7, reason="opinion")
