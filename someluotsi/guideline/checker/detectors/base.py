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

    A detector may also have a `cues` attribute (a frozenset of lower-case strings, or of
    tuples of them that a text must all hold): then the engine runs it only when at least one
    cue occurs in the normalised text, found for all detectors at once in one pass
    (checker/prefilter.py). Together the cues must be a necessary condition of every match, on
    every path of `detect`: the digits for a number, "@" for an address, the words of every
    word list it reads (`Lexicon.cues`). A detector without `cues` (or with an empty set)
    always runs.

    A detector may also have `prepare(texts)` (a sequence of AnalysedText): the engine calls
    it once for a batch before checking the texts one by one (`GuidelineEngine.analyse_many`),
    so that work done better for many texts at once (the classifier's scores) is done so and
    left on each text; what `detect` finds must not depend on whether it was called.
    """

    @property
    def rules(self) -> tuple[str, ...]: ...

    def detect(self, ctx: CheckContext) -> Iterable[Match]: ...


def is_word_char(char: str) -> bool:
    return char.isalnum()


def bounded(text: str, start: int, end: int) -> bool:
    """True when the span is not glued to letters or digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not is_word_char(before) and not is_word_char(after)


# Characters that join two pieces into one longer identifier when written without spaces:
# "2024-0401234", "FI/1234567-8", "kuva_0401234.jpg". A dot or a comma joins only digits
# ("1.131052-308T", "123,5"), so "puh.040 123 4567" and "hetu:131052-308T." still stand alone.
_JOINERS = "-/_\\+"
_DIGIT_JOINERS = ".,"


def joined(text: str, start: int, end: int) -> bool:
    """True when the span is glued to a longer number or identifier on either side: a letter
    or digit right next to it, or a joiner (`-`, `/`, `_`, `\\`, `+`) with a letter or digit
    beyond it, or a dot or comma with a digit beyond it. An identifier (or a phone number)
    that starts or ends inside a longer one is not that identifier (issue 16, §3)."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum():
            return True
        beyond = text[start - 2] if start > 1 else " "
        if (before in _JOINERS and beyond.isalnum()) or (
            before in _DIGIT_JOINERS and beyond.isdigit()
        ):
            return True
    if end < len(text):
        after = text[end]
        if after.isalnum():
            return True
        beyond = text[end + 1] if end + 1 < len(text) else " "
        if (after in _JOINERS and beyond.isalnum()) or (
            after in _DIGIT_JOINERS and beyond.isdigit()
        ):
            return True
    return False
