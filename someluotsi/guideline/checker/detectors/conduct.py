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


NEGATIONS = frozenset({"ei", "eikä", "emme", "inte", "aldrig", "not", "never", "isn"})
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
        bad_words = [bad for bad in ctx.text.find(DISPARAGING) if not _negated(ctx, bad)]
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
    """A one-word disparaging term right after a negation ("ei ole laiska", "is not lazy")."""
    if len(hit.term.specs) > 1 or hit.term.specs[0].value in NEGATIONS:
        return False
    words = ctx.text.words
    return any(words[i] in NEGATIONS for i in range(max(0, hit.first - 2), hit.first))


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
