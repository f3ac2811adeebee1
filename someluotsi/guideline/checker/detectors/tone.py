"""Replies during a storm (§17.3): don't get provoked. Belittling or sarcastic phrasing, and
shouting (capitals, piled-up exclamation or question marks), in a reply drafted during an
incident. Runs only for such replies: in an ordinary post "!!" is enthusiasm, not a tone.
"""

from __future__ import annotations

from collections.abc import Iterator

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.lexicon import Lexicon
from someluotsi.guideline.text.wordlists import load_terms

PROVOKED = Lexicon(load_terms("provocation"))
SHOUTED_WORDS = 3  # this many capitalised words in a row is shouting
PILED_MARKS = 2  # "!!", "?!", "??"


class ProvocationDetector:
    rules = ("tone-001",)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if not ctx.channel.incident:
            return
        for hit in ctx.text.find(PROVOKED):
            yield ctx.match(
                "tone-001", hit.start, hit.end, confidence=0.7, reason=hit.term.label,
                phrase=ctx.text.text[hit.start : hit.end],
            )  # fmt: skip
        yield from _shouting(ctx)


def _shouting(ctx: CheckContext) -> Iterator[Match]:
    original = ctx.text.cased  # offsets in the normalised text, capitals kept
    run_start, run = -1, 0
    position = 0
    for word in original.split():
        start = original.find(word, position)
        position = start + len(word)
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            if run == 0:
                run_start = start
            run += 1
            if run == SHOUTED_WORDS:
                yield ctx.match(
                    "tone-001", run_start, position, confidence=0.8, reason="shouting",
                    phrase=original[run_start:position][:40],
                )  # fmt: skip
                return
        else:
            run = 0
    marks = 0
    for index, char in enumerate(original):
        marks = marks + 1 if char in "!?" else 0
        if marks == PILED_MARKS:
            yield ctx.match(
                "tone-001", index - 1, index + 1, confidence=0.6, reason="exclamation",
                phrase=original[index - 1 : index + 1],
            )  # fmt: skip
            return
