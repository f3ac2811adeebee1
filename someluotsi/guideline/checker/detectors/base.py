"""The detector plug point and the context every detector receives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from someluotsi.guideline.checker.rulebook import CityProfile
from someluotsi.guideline.model import AuthorRole, ChannelContext, Match, Media
from someluotsi.guideline.text.language import LanguageResult
from someluotsi.guideline.text.normalize import NormalizedText


@dataclass(frozen=True, slots=True)
class CheckContext:
    text: NormalizedText
    role: AuthorRole
    channel: ChannelContext
    media: tuple[Media, ...]
    language: LanguageResult
    city: CityProfile

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
    """Finds one kind of problem. `rules` lists every rule id it may report."""

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
