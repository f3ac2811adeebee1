"""Engagement advice (§2.4, §15.4, §1.1), severity info: city hashtags on city accounts,
tagging the people and organisations concerned, images or video, and both of the city's
languages on its shared channels. Replies to comments (drafted during an incident) are not
posts: they answer in the asker's language and need no hashtag, tag or picture."""

from __future__ import annotations

from collections.abc import Iterator

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import AuthorRole, ChannelKind, Match

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
            languages = ctx.language.languages
            if "fi" in languages and "sv" not in languages:
                yield ctx.match("engagement-004", 0, 0, confidence=0.8, reason="no_swedish")
            elif "sv" in languages and "fi" not in languages:
                yield ctx.match("engagement-005", 0, 0, confidence=0.8, reason="no_finnish")
