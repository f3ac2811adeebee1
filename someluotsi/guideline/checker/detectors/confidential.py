"""Confidential or unfinished material (§2.5, §6.4, §9.4).

A draft word alone is not enough: city plans are published as drafts for comment
("kaavaluonnos on nähtävillä"). Unfinished material is flagged when the text says it is not
public yet.
"""

from __future__ import annotations

from collections.abc import Iterator

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.lexicon import Lexicon
from someluotsi.guideline.text.wordlists import load_terms, load_words

MARKERS = Lexicon(load_terms("confidential"))
DRAFTS = Lexicon((term, "draft") for term in load_words("drafts"))
LEAKS = Lexicon((term, "leak") for term in load_words("leaks"))


class ConfidentialDetector:
    rules = ("confidential-001", "confidential-002", "confidential-003")
    cues = MARKERS.cues | LEAKS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        drafts = ctx.text.find(DRAFTS)
        for hit in ctx.text.find(MARKERS):
            if hit.term.label == "marker":
                yield ctx.match(
                    "confidential-001",
                    hit.start,
                    hit.end,
                    confidence=0.9,
                    reason="secrecy_marker",
                    term=hit.term.text,
                )
            elif drafts:
                draft = drafts[0]
                yield ctx.match(
                    "confidential-002",
                    min(draft.start, hit.start),
                    max(draft.end, hit.end),
                    confidence=0.9,
                    reason="draft_not_public",
                )
            else:
                yield ctx.match(
                    "confidential-002", hit.start, hit.end, confidence=0.75, reason="not_public"
                )
        for hit in ctx.text.find(LEAKS):
            yield ctx.match("confidential-003", hit.start, hit.end, confidence=0.7, reason="leak")
