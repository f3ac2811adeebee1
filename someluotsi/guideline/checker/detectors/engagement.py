"""Engagement advice (§2.4, §15.4, §1.1), severity info: city hashtags on city accounts,
tagging the people and organisations concerned, images or video, and both of the city's
languages on its shared channels. Replies to comments (drafted during an incident) are not
posts: they answer in the asker's language and need no hashtag, tag or picture."""

from __future__ import annotations

from collections.abc import Iterator

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import AuthorRole, ChannelKind, Match
from someluotsi.guideline.text.language import MIN_WORDS
from someluotsi.guideline.text.patterns import WORDS_OF_TWO

MIN_WORDS_FOR_TAGS = 10


class EngagementDetector:
    rules = (
        "engagement-001",
        "engagement-002",
        "engagement-003",
        "engagement-004",
        "engagement-005",
    )

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        words = len(ctx.text.table.words)
        if words < 4 or ctx.channel.incident:
            return
        organisation = ctx.role is AuthorRole.ORGANIZATION or ctx.channel.kind in {
            ChannelKind.CITY,
            ChannelKind.UNIT,
        }
        if not organisation:
            return
        lowered = ctx.text.text  # normalised: lower case, composed, no zero-width characters
        tagged = any(tag.lower() in lowered for tag in ctx.city.hashtags)
        if ctx.channel.kind is ChannelKind.CITY and ctx.city.hashtags and not tagged:
            yield ctx.match(
                "engagement-001",
                0,
                0,
                confidence=1.0,
                reason="city_hashtag",
                hashtags=" ".join(ctx.city.hashtags),
            )
        if words >= MIN_WORDS_FOR_TAGS and "@" not in lowered:
            yield ctx.match("engagement-002", 0, 0, confidence=0.6, reason="no_tags")
        if not ctx.media:
            yield ctx.match("engagement-003", 0, 0, confidence=0.8, reason="no_media")
        if ctx.channel.kind is ChannelKind.CITY:
            languages = _languages_said(ctx)
            if "fi" in languages and "sv" not in languages:
                yield ctx.match("engagement-004", 0, 0, confidence=0.8, reason="no_swedish")
            elif "sv" in languages and "fi" not in languages:
                yield ctx.match("engagement-005", 0, 0, confidence=0.8, reason="no_finnish")


def _languages_said(ctx: CheckContext) -> frozenset[str]:
    """The languages a post says something in, for §15.4's both languages: its main language
    and those of its language parts of MIN_WORDS words or more, hashtags and mentions not
    counted. A short part ("Tack!", "Välkommen på premiären! #KokkolaKarleby":
    text/language.py gives it its own language) is no version of the post for readers of
    that language when the news is told in another, so it counts only in a post of short
    parts alone ("Hyvää joulua! God jul!"). Raises nothing."""
    found = ctx.language
    text = ctx.text.original
    sizes = [_words(text[part.start : part.end]) for part in found.parts]
    if not any(size >= MIN_WORDS for size in sizes):
        return found.languages
    said = {
        part.language for part, size in zip(found.parts, sizes, strict=True) if size >= MIN_WORDS
    }
    return frozenset(said | {found.language})


def _words(part: str) -> int:
    """The words of two letters or more in `part`, those of hashtags and mentions left out."""
    return sum(len(WORDS_OF_TWO.findall(chunk)) for chunk in part.split() if chunk[0] not in "#@")
