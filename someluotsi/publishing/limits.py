"""Per-platform limits and how each platform counts a text: the one place the composer reads them.

Where a connector publishes to the platform, its `post_limits` (the connectors' contract) gives
the text length, media count and types, link shortening, first comments and whether media are
required; `limits_for` lays those over the table below. The table keeps what the contract does
not say (how X weighs characters, Instagram's hashtag cap and unclickable links, video-only
platforms, linked mentions) and the figures for platforms without a connector, from the
platforms' published limits in 2026:
Facebook 63,206 characters; Instagram captions 2,200 characters and 30 hashtags, at least one
image or video, links not clickable; X 280 weighted characters (twitter-text v3: most Latin,
Cyrillic and general punctuation weigh 1, everything else and each emoji 2; every URL counts as
23); LinkedIn 3,000 characters; YouTube descriptions 5,000 (a video needed); TikTok captions
2,200 (a video needed). Platforms without a publishing API here get a generous limit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
HASHTAG = re.compile(r"(?<![\w#])#(\w{1,100})")
MENTION = re.compile(r"(?<![\w@])@(\w{1,100})")
# twitter-text v3 (config/v3.json): code points in these ranges weigh 100, others 200; the
# scale is 2 per displayed character, so the limit 280 is 560 in weights.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_X_URL_LENGTH = 23


@dataclass(frozen=True)
class PlatformLimits:
    """What one platform accepts.

    `max_chars` in the platform's own count (`counting`: "chars" = Unicode characters after
    NFC, "x" = twitter-text weighted); `link_length` is what a link counts as when the platform
    shortens links (None: as written); `media_types` are MIME type prefixes.
    """

    platform: str
    max_chars: int
    counting: str = "chars"
    max_media: int = 10
    media_types: tuple[str, ...] = ("image/", "video/")
    needs_media: bool = False
    needs_video: bool = False
    link_length: int | None = None
    links_clickable: bool = True
    max_hashtags: int | None = None
    first_comment: bool = True
    mentions_linked: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)


LIMITS: dict[str, PlatformLimits] = {
    "facebook": PlatformLimits("facebook", 63_206, mentions_linked=False),
    "instagram": PlatformLimits(
        "instagram",
        2_200,
        needs_media=True,
        links_clickable=False,
        max_hashtags=30,
        media_types=("image/jpeg", "image/png", "video/"),
    ),
    "x": PlatformLimits(
        "x", 280, counting="x", max_media=4, link_length=_X_URL_LENGTH, first_comment=True
    ),
    "linkedin": PlatformLimits("linkedin", 3_000, max_media=9, mentions_linked=False),
    "youtube": PlatformLimits(
        "youtube", 5_000, max_media=1, media_types=("video/",), needs_video=True, needs_media=True
    ),
    "tiktok": PlatformLimits(
        "tiktok",
        2_200,
        max_media=1,
        media_types=("video/",),
        needs_video=True,
        needs_media=True,
        first_comment=False,
    ),
}
_DEFAULT = PlatformLimits("other", 10_000, first_comment=False, mentions_linked=False)


def limits_for(platform: str) -> PlatformLimits:
    """The limits of a platform code (channels.enums.Platform): the connector's where one
    publishes there, our table's otherwise; unknown platforms get the default."""
    from someluotsi.publishing.platforms import contract_limits

    ours = LIMITS.get(platform, _DEFAULT)
    theirs = contract_limits(platform)
    if theirs is None:
        return ours
    return replace(
        ours,
        platform=platform,
        max_chars=theirs.max_text_chars,
        max_media=theirs.max_media,
        media_types=tuple(theirs.media_types),
        link_length=theirs.link_shortened_to,
        first_comment=theirs.first_comment,
        needs_media=theirs.needs_media or ours.needs_media,
    )


def _x_weight(char: str) -> int:
    point = ord(char)
    return 1 if any(low <= point <= high for low, high in _LIGHT_RANGES) else 2


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def count_chars(text: str, limits: PlatformLimits, link: str = "") -> int:
    """The length of `text` (and a separate `link`, sent with it) as the platform counts it."""
    text = unicodedata.normalize("NFC", text)
    if link and link not in text and limits.counting == "x":
        text = f"{text} {link}"
    if limits.counting == "x":
        total = 0
        position = 0
        for found in URL.finditer(text):
            total += _x_text_weight(text[position : found.start()])
            total += _X_URL_LENGTH
            position = found.end()
        return total + _x_text_weight(text[position:])
    if limits.link_length is not None:
        return len(URL.sub("x" * limits.link_length, text))
    return len(text)


def _x_text_weight(text: str) -> int:
    total = 0
    skip_joiner = False
    for char in text:
        if char == "\u200d":
            skip_joiner = True  # a joined emoji sequence counts once
            continue
        if char == "\ufe0f" or 0x1F3FB <= ord(char) <= 0x1F3FF:
            continue  # variation selectors and skin tones belong to the emoji before them
        if skip_joiner and _is_emoji(char):
            skip_joiner = False
            continue
        skip_joiner = False
        total += 2 if _is_emoji(char) else _x_weight(char)
    return total


def hashtags_in(text: str) -> list[str]:
    return [f"#{tag}" for tag in HASHTAG.findall(text)]


def mentions_in(text: str) -> list[str]:
    return [f"@{name}" for name in MENTION.findall(text)]
