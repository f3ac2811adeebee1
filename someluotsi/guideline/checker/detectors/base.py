"""The detector plug point and the context every detector receives.

A detector gets a `CheckContext`: the analysed text (`ctx.text`, text/analysis.py: normalised
text with its offset map, tokens, words, sentences, language, vocabulary hits and word-list hits,
each computed once per check and shared by all detectors), the author's role, the channel, the
attachments and the city's facts. It yields `Match`es with offsets in the normalised text
(`ctx.match` maps them back to the original) or, with `normalised=False`, in the original.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from someluotsi.guideline.checker.rulebook import CityProfile
from someluotsi.guideline.model import AuthorRole, ChannelContext, Match, Media
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.language import LanguageResult


@dataclass(frozen=True, slots=True)
class CheckContext:
    text: AnalysedText
    role: AuthorRole
    channel: ChannelContext
    media: tuple[Media, ...]
    city: CityProfile

    @property
    def language(self) -> LanguageResult:
        """The text's language and language parts, identified on first use (or the caller's)."""
        return self.text.language

    def match(
        self,
        rule: str,
        start: int,
        end: int,
        *,
        confidence: float,
        reason: str,
        normalised: bool = True,
        **params: str,
    ) -> Match:
        """A match; `start`/`end` are offsets in the normalised text unless `normalised=False`."""
        if normalised:
            start, end = self.text.span(start, end)
        return Match(rule, start, end, confidence, reason, params)


class Detector(Protocol):
    """Finds one kind of problem. `rules` lists every rule id it may report.

    A detector may also have a `cues` attribute (a frozenset of lower-case strings): then the
    engine runs it only when at least one cue occurs in the normalised text, found for all
    detectors at once in one pass (checker/prefilter.py). A cue must be a necessary condition
    of every match: the digits for a number, "@" for an address, the heads of a word list
    (`Lexicon.cues`). A detector without `cues` (or with an empty set) always runs.
    """

    @property
    def rules(self) -> tuple[str, ...]: ...

    def detect(self, ctx: CheckContext) -> Iterable[Match]: ...


DIGITS = frozenset("0123456789")


def is_word_char(char: str) -> bool:
    return char.isalnum()


def bounded(text: str, start: int, end: int) -> bool:
    """True when the span is not glued to letters or digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not is_word_char(before) and not is_word_char(after)
