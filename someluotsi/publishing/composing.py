"""What the composer shows beside a draft: the guideline check of each language version, each
channel's text as the platform will get it with its count and limits, the media warnings, and
hashtag suggestions. Pure reads; nothing here is stored.

The check is the same engine and the same wording as the "Check a post" page; as-you-type
requests repeat most of the text, so reports are cached per exact input (LRU, in process).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from someluotsi.channels.enums import ChannelKind as ChannelModelKind
from someluotsi.channels.models import Channel
from someluotsi.compliance.engine import configured_engine
from someluotsi.compliance.presentation import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    Segment,
    findings_by_importance,
    highlight_segments,
)
from someluotsi.compliance.services import channel_context
from someluotsi.guideline.model import AuthorRole, ChannelContext, Media, Report, Severity
from someluotsi.publishing.enums import AssetKind, Consent
from someluotsi.publishing.limits import (
    PlatformLimits,
    count_chars,
    hashtags_in,
    limits_for,
    mentions_in,
)
from someluotsi.publishing.models import Asset, Campaign

_CACHE_SIZE = 512
_cache: OrderedDict[tuple[Any, ...], Report] = OrderedDict()
_cache_lock = threading.Lock()

# Who speaks on a channel (§4, §12.2): the city and its units as an organisation.
_CHANNEL_ROLES = {
    ChannelModelKind.CITY: AuthorRole.ORGANIZATION,
    ChannelModelKind.UNIT: AuthorRole.ORGANIZATION,
    ChannelModelKind.OFFICE_ROLE: AuthorRole.EMPLOYEE,
    ChannelModelKind.EXPERT: AuthorRole.EXPERT,
}
_KIND_WEIGHT = {ChannelModelKind.CITY: 0, ChannelModelKind.UNIT: 1}


def check_text(
    text: str,
    *,
    role: AuthorRole,
    channel: ChannelContext,
    media: Sequence[Media] = (),
    language: str | None = None,
    ui_language: str = "fi",
) -> Report:
    """The engine's report for a draft (cached on the exact input). Raises EngineError for
    text the engine refuses (over its size limit)."""
    engine = configured_engine()
    key = (id(engine), text, role, channel, tuple(media), language, ui_language)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    report = engine.check(
        text, role=role, channel=channel, media=media, language=language, ui_language=ui_language
    )
    with _cache_lock:
        _cache[key] = report
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return report


def speaking_context(channels: Iterable[Channel]) -> tuple[AuthorRole, ChannelContext]:
    """The role and channel the check assumes: the most public of the chosen channels
    (a city-level channel first), or an organisation's unit channel when none is chosen."""
    ordered = sorted(channels, key=lambda c: (_KIND_WEIGHT.get(ChannelModelKind(c.kind), 2), c.pk))
    if not ordered:
        return AuthorRole.ORGANIZATION, ChannelContext()
    channel = ordered[0]
    role = _CHANNEL_ROLES.get(ChannelModelKind(channel.kind), AuthorRole.ORGANIZATION)
    return role, channel_context(channel)


def asset_media(assets: Iterable[Asset], *, swedish: bool = False) -> list[Media]:
    return [
        Media(
            kind=asset.kind,
            alt=(asset.alt_text_sv or asset.alt_text) if swedish else asset.alt_text,
            captions=asset.has_captions,
            filename=asset.original_name,  # read for personal data like the alt text
        )
        for asset in assets
    ]


@dataclass(frozen=True)
class VersionCheck:
    """One language version's report as the page shows it (same wording as the check page)."""

    key: str
    label: str
    language: str
    report: Report
    segments: list[Segment]
    findings: list[dict[str, Any]]
    counts: dict[str, int]

    @property
    def blocking(self) -> list[str]:
        return sorted({f.rule for f in self.report.findings if f.severity is Severity.BLOCK})


def version_check(
    key: str, label: str, text: str, language: str | None, report: Report
) -> VersionCheck:
    ordered = findings_by_importance(report.findings)
    return VersionCheck(
        key=key,
        label=label,
        language=language or report.language,
        report=report,
        segments=highlight_segments(text, ordered, report.parts, language or report.language),
        findings=[
            {
                "number": number,
                "anchor": f"{key}-finding-{number}",
                "finding": finding,
                "category": CATEGORY_LABELS[finding.category],
                "severity": SEVERITY_LABELS[finding.severity],
            }
            for number, finding in enumerate(ordered, 1)
        ],
        counts={
            level: sum(1 for f in report.findings if f.severity.value == level)
            for level in ("block", "warn", "info")
        },
    )


@dataclass(frozen=True)
class Preview:
    """One channel's text as its platform gets it, counted the platform's way."""

    channel: Channel
    limits: PlatformLimits
    text: str
    link: str
    first_comment: str
    length: int
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return self.length > self.limits.max_chars

    @property
    def fits(self) -> bool:
        return not self.problems


def combined_text(text: str, text_sv: str) -> str:
    """A bilingual post as one text: Finnish first, then the Swedish version."""
    text, text_sv = text.strip(), text_sv.strip()
    return f"{text}\n\n{text_sv}" if text and text_sv else text or text_sv


def channel_preview(
    channel: Channel,
    *,
    text: str,
    link: str,
    first_comment: str,
    assets: Sequence[Asset],
) -> Preview:
    """The channel's copy with its length and what the platform would refuse or handle oddly."""
    limits = limits_for(channel.platform)
    length = count_chars(text, limits, link)
    problems: list[str] = []
    notes: list[str] = []
    if length > limits.max_chars:
        problems.append(
            ngettext(
                "%(over)d character too long for this platform (%(max)d at most).",
                "%(over)d characters too long for this platform (%(max)d at most).",
                length - limits.max_chars,
            )
            % {"over": length - limits.max_chars, "max": limits.max_chars}
        )
    if not text.strip():
        problems.append(_("The text is empty."))
    if len(assets) > limits.max_media:
        problems.append(
            ngettext(
                "At most %(max)d image or video on this platform.",
                "At most %(max)d images or videos on this platform.",
                limits.max_media,
            )
            % {"max": limits.max_media}
        )
    if limits.needs_video and not any(a.kind == AssetKind.VIDEO for a in assets):
        problems.append(_("This platform publishes videos: add a video."))
    elif limits.needs_media and not assets:
        problems.append(_("This platform needs an image or a video."))
    refused = [a for a in assets if not a.content_type.startswith(limits.media_types)]
    if refused:
        problems.append(
            _("The platform does not take these files: %(names)s.")
            % {"names": ", ".join(a.title for a in refused)}
        )
    hashtags = hashtags_in(text)
    if limits.max_hashtags is not None and len(hashtags) > limits.max_hashtags:
        problems.append(
            _("%(count)d hashtags; the platform allows %(max)d.")
            % {"count": len(hashtags), "max": limits.max_hashtags}
        )
    if link and not limits.links_clickable:
        notes.append(_("Links in the text are not clickable here: point to the profile's link."))
    if limits.link_length is not None and (link or "http" in text or "www." in text):
        notes.append(
            _("Each link counts as %(n)d characters (the platform shortens links).")
            % {"n": limits.link_length}
        )
    if mentions_in(text) and not limits.mentions_linked:
        notes.append(_("Mentions (@name) stay plain text: tag the page on the platform itself."))
    if first_comment and not limits.first_comment:
        problems.append(_("This platform has no first comment: move it into the text."))
    return Preview(channel, limits, text, link, first_comment, length, problems, notes)


@dataclass(frozen=True)
class AssetWarning:
    asset: Asset
    message: str
    blocking: bool = False


def asset_picker_notes(asset: Asset, day: date) -> list[str]:
    """Short notes for the composer's asset picker, the same states `asset_warnings` names
    in full: rights that ended before `day`, recognisable people without consent (§2.5)."""
    notes: list[str] = []
    if asset.rights_expire_on is not None and asset.rights_expire_on < day:
        notes.append(
            _("Rights ended %(day)s")
            % {"day": date_format(asset.rights_expire_on, "SHORT_DATE_FORMAT")}
        )
    if asset.consent == Consent.MISSING:
        notes.append(_("No consent from recognisable people (§2.5)"))
    return notes


def asset_warnings(assets: Iterable[Asset], *, on: date | None = None) -> list[AssetWarning]:
    """Rights that have ended (or end before the publishing day) and recognisable people
    without consent (§2.5); a missing alt text cannot happen (the library requires it)."""
    day = on or timezone.localdate()
    warnings: list[AssetWarning] = []
    for asset in assets:
        if asset.rights_expire_on is not None and asset.rights_expire_on < day:
            warnings.append(
                AssetWarning(
                    asset,
                    _("The rights to “%(title)s” ended on %(day)s.")
                    % {
                        "title": asset.title,
                        "day": date_format(asset.rights_expire_on, "SHORT_DATE_FORMAT"),
                    },
                    blocking=True,
                )
            )
        if asset.consent == Consent.MISSING:
            warnings.append(
                AssetWarning(
                    asset,
                    _(
                        "“%(title)s” shows recognisable people whose consent is not recorded "
                        "(§2.5): get it before publishing."
                    )
                    % {"title": asset.title},
                    blocking=True,
                )
            )
        if asset.kind == AssetKind.VIDEO and not asset.has_captions:
            warnings.append(
                AssetWarning(
                    asset, _("“%(title)s” has no captions (§1.1).") % {"title": asset.title}
                )
            )
    return warnings


@dataclass(frozen=True)
class HashtagSuggestion:
    tag: str
    reason: str
    replaces: str = ""


def hashtag_suggestions(
    text: str, *, city_tags: Sequence[str], campaign: Campaign | None, known: Iterable[str] = ()
) -> list[HashtagSuggestion]:
    """The city's and the campaign's hashtags missing from the text, and CamelCase for tags
    written in lower case whose readable form is known (the city's, the campaign's, or one used
    before in a published post), so screen readers can tell the words apart (§1.1)."""
    present = hashtags_in(text)
    present_lower = {tag.lower() for tag in present}
    readable: dict[str, str] = {}
    for tag in [*known, *city_tags, *(campaign.hashtag_list() if campaign else [])]:
        if tag.lower() != tag:
            readable[tag.lower()] = tag
    suggestions: list[HashtagSuggestion] = []
    for tag in present:
        proper = readable.get(tag.lower())
        if proper and proper != tag:
            suggestions.append(
                HashtagSuggestion(proper, _("Capitalise each word for screen readers."), tag)
            )
    for tag in city_tags:
        if tag.lower() not in present_lower:
            suggestions.append(HashtagSuggestion(tag, _("The city's hashtag.")))
    if campaign is not None:
        for tag in campaign.hashtag_list():
            if tag.lower() not in present_lower:
                suggestions.append(
                    HashtagSuggestion(
                        tag, _("The campaign's hashtag (%(name)s).") % {"name": campaign.name}
                    )
                )
    return suggestions


def city_hashtags() -> tuple[str, ...]:
    return configured_engine().rulebook.city.hashtags


_known_tags: tuple[float, tuple[str, ...]] = (0.0, ())
_KNOWN_TAGS_SECONDS = 300.0


def known_hashtags() -> tuple[str, ...]:
    """Readable (CamelCase) hashtags used in published posts, refreshed every five minutes."""
    global _known_tags
    import time

    from someluotsi.publishing.enums import PostStatus
    from someluotsi.publishing.models import Post

    stamp, tags = _known_tags
    if time.monotonic() - stamp < _KNOWN_TAGS_SECONDS:
        return tags
    texts = Post.objects.filter(status=PostStatus.PUBLISHED).order_by("-published_at")
    found = {
        tag
        for text in texts.values_list("text", flat=True)[:500]
        for tag in hashtags_in(text)
        if tag != tag.lower()
    }
    _known_tags = (time.monotonic(), tuple(sorted(found)))
    return _known_tags[1]


@dataclass(frozen=True)
class Analysis:
    """Everything the composer shows beside the draft."""

    versions: list[VersionCheck]
    previews: list[Preview]
    asset_warnings: list[AssetWarning]
    hashtags: list[HashtagSuggestion]
    needs_swedish: bool
    errors: list[str]

    @property
    def blocking_count(self) -> int:
        return sum(v.counts["block"] for v in self.versions)

    @property
    def warning_count(self) -> int:
        return sum(v.counts["warn"] for v in self.versions)


def analyse(
    *,
    text: str,
    text_sv: str,
    channels: Sequence[Channel],
    assets: Sequence[Asset],
    campaign: Campaign | None,
    variants: dict[int, tuple[str, str, str]],
    link: str,
    first_comment: str,
    publish_day: date | None,
    needs_swedish: bool,
    ui_language: str,
) -> Analysis:
    """Check each language version (and each channel's own text) and preview every channel.
    `variants` maps a channel id to its (text, link, first comment), blanks meaning the post's."""
    from someluotsi.guideline.model import EngineError
    from someluotsi.guideline.text.blank import is_blank

    role, context = speaking_context(channels)
    errors: list[str] = []
    versions: list[VersionCheck] = []
    parts = [
        ("main", _("Text (Finnish version)"), text, None, False),
        ("sv", _("Swedish version"), text_sv, "sv", True),
    ]
    for channel in channels:
        own = variants.get(channel.pk, ("", "", ""))[0]
        if not is_blank(own):
            parts.append((f"channel-{channel.pk}", str(channel), own, None, False))
    for key, label, body, language, swedish in parts:
        if is_blank(body):  # nothing to check: the engine refuses a text that shows nothing
            continue
        try:
            report = check_text(
                body,
                role=role,
                channel=context,
                media=asset_media(assets, swedish=swedish),
                language=language,
                ui_language=ui_language,
            )
        except EngineError as exc:
            errors.append(str(exc))
            continue
        versions.append(version_check(key, label, body, language, report))
    previews = []
    for channel in channels:
        own_text, own_link, own_comment = variants.get(channel.pk, ("", "", ""))
        previews.append(
            channel_preview(
                channel,
                text=own_text or combined_text(text, text_sv),
                link=own_link or link,
                first_comment=own_comment or first_comment,
                assets=assets,
            )
        )
    return Analysis(
        versions=versions,
        previews=previews,
        asset_warnings=asset_warnings(assets, on=publish_day),
        hashtags=hashtag_suggestions(
            f"{text}\n{text_sv}",
            city_tags=city_hashtags(),
            campaign=campaign,
            known=known_hashtags(),
        ),
        needs_swedish=needs_swedish and not text_sv.strip(),
        errors=errors,
    )
