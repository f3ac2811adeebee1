"""Conduct in a public role: rumours (§4.3), disparaging colleagues, officials or the city
(§4.2, §6.2), and personal opinions on city matters said without marking them personal (§9.2).
"""

from __future__ import annotations

from collections.abc import Iterator

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import AuthorRole, Match
from someluotsi.guideline.text.lexicon import Lexicon
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


class RoleConductDetector:
    """An employee or elected official speaking ill of city staff, officials or the city."""

    rules = ("conduct-001",)
    cues = CITY_PEOPLE.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role not in SPEAKING_ROLES:
            return
        people = ctx.text.find(CITY_PEOPLE)
        if not people:
            return
        reported: set[int] = set()
        for bad in ctx.text.find(DISPARAGING):
            near = [p for p in people if abs(p.first - bad.first) <= 8]
            if near and near[0].first not in reported:
                target = near[0]
                reported.add(target.first)
                yield ctx.match(
                    "conduct-001",
                    min(target.start, bad.start),
                    max(target.end, bad.end),
                    confidence=0.7,
                    reason="disparaging",
                    word=bad.term.text.rstrip("*"),
                )


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
