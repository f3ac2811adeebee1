"""Accessibility (§1.1): shouting in capitals, emoji floods, multi-word hashtags that screen
readers cannot split, images without alt text, videos without captions, link-only posts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import accumulate, islice, pairwise

import regex

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.normalize import SPACES
from someluotsi.guideline.text.patterns import EMOJI, compile_char_class, compile_pattern
from someluotsi.guideline.text.patterns import LETTERS as WORD

# A hashtag: "#" and two or more letters, digits or underscores, of which the first
# MAX_HASHTAG are read. The run is matched whole and cut in Python: `{2,100}` of a Unicode
# class made a program too large for RE2's DFA (its NFA then took tens of microseconds a
# post), and it finds the same tags, since no tag can start inside a run of tag characters.
HASHTAG = compile_pattern(r"(?:^|[^\p{L}\p{N}_&])(#[\p{L}\p{N}_]{2,})")
MAX_HASHTAG = 100  # characters after "#"
URL = compile_pattern(r"(?:https?://|www\.)\S+")
TAG = compile_char_class(r"[#@][\w.]+")
# An extended grapheme cluster (UAX #29, the `regex` module's \X) that starts with an emoji.
EMOJI_CLUSTER = regex.compile(r"(?=" + EMOJI.pattern + r")\X")
MIN_SHOUT_WORDS = 3
MAX_EMOJI = 5
MAX_EMOJI_RUN = 3
LONG_HASHTAG = 15
PLACEHOLDER_ALTS = frozenset({"", "kuva", "image", "bild", "img", "photo", "valokuva", "picture"})


# One code per word: "U" in capitals, "V" in capitals and of four letters or more, "L" any
# other word of two letters or more, "s" a one-letter word. A shout is a run of capitals with
# nothing but one-letter words between them.
_SHOUT_RUN = re.compile("[UV](?:s*[UV])*")
_WORD_SPLIT = re.compile("(" + WORD.pattern + ")")
# Runs of two or more letters other than a-z: every word in capitals of two letters or more
# is one of them, whole (its neighbours are no letters). Few texts have three, so the words
# of most texts are never coded. The class is [^\W\d_a-z] with a-z and the space first: the
# standard library tries a class's items in order, so most characters are ruled out before
# their Unicode category is looked up (a third of the cost).
_CAPITALS = compile_char_class(r"[^a-z \W\d_]{2,}")


def _may_shout(original: str) -> bool:
    """False when `original` cannot have a shout: fewer than MIN_SHOUT_WORDS words in
    capitals of two letters or more, or fewer than two of four letters or more (a necessary
    condition only: True says nothing)."""
    capitals = [run for run in _CAPITALS.findall(original) if run.isupper()]
    return len(capitals) >= MIN_SHOUT_WORDS and sum(len(run) >= 4 for run in capitals) >= 2


def _shout_code(word: str) -> str:
    if len(word) < 2:
        return "s"
    if word.isupper():
        return "V" if len(word) >= 4 else "U"
    return "L"


def _blank(gap: str) -> bool:
    """Only spaces (of any width, not line breaks) and invisible characters (joiners,
    variation selectors, zero-width spaces)."""
    return all(
        char == " " or char in SPACES or unicodedata.category(char) in {"Cf", "Mn"} for char in gap
    )


class AccessibilityDetector:
    rules = ("a11y-001", "a11y-002", "a11y-003", "a11y-004", "a11y-005", "a11y-006", "a11y-007")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        # Words, hashtags and links are read in the case-preserving normalised view (a
        # zero-width space inside a word does not split it); offsets map back to the original.
        # Emoji are counted in the original, where their joiners and selectors still are.
        cased = ctx.text.cased
        yield from self._shouting(ctx, cased)
        yield from self._emoji(ctx, ctx.text.original)
        yield from self._hashtags(ctx, cased)
        yield from self._media(ctx)
        yield from self._link_only(ctx, cased)

    @staticmethod
    def _shouting(ctx: CheckContext, original: str) -> Iterator[Match]:
        """Runs of at least MIN_SHOUT_WORDS words in capitals (words of two letters or more;
        one-letter words neither count nor break a run), two of them of four letters or
        more. Each distinct word is read once and the runs are found in a string of one
        code per word, so a long text costs no Python work per word."""
        if not _may_shout(original):
            return
        words = WORD.findall(original)
        codes = {word: _shout_code(word) for word in dict.fromkeys(words)}
        if "U" not in codes.values() and "V" not in codes.values():
            return
        coded = "".join(map(codes.__getitem__, words))
        bounds: list[int] | None = None
        for run in _SHOUT_RUN.finditer(coded):
            shout = run.group()
            if len(shout) - shout.count("s") < MIN_SHOUT_WORDS or shout.count("V") < 2:
                continue  # acronym-only runs ("EU:n ALV ja KELA"): shouting has real words
            if bounds is None:  # where each word starts and ends, for the runs found
                pieces = _WORD_SPLIT.split(original)
                bounds = list(accumulate(map(len, pieces), initial=0))
            first, last = run.start(), run.end() - 1
            yield ctx.match(
                "a11y-001",
                bounds[2 * first + 1],
                bounds[2 * last + 2],
                confidence=0.9,
                reason="caps",
            )

    @staticmethod
    def _emoji(ctx: CheckContext, original: str) -> Iterator[Match]:
        if not EMOJI.search(original):
            return
        # One emoji to a reader and a screen reader is one extended grapheme cluster (UAX #29):
        # a family joined with zero-width joiners, a flag's two regional indicators, a skin tone.
        spans = [found.span() for found in EMOJI_CLUSTER.finditer(original)]
        if not spans:
            return
        # The longest run of emoji with only spaces or joiners between them, as indexes.
        best_first = best_last = run_first = 0
        for index in range(1, len(spans)):
            gap = original[spans[index - 1][1] : spans[index][0]]
            if not _blank(gap):
                run_first = index
            if index - run_first > best_last - best_first:
                best_first, best_last = run_first, index
        run_length = best_last - best_first + 1
        if len(spans) > MAX_EMOJI or run_length > MAX_EMOJI_RUN:
            start, end = (
                (spans[best_first][0], spans[best_last][1])
                if run_length > MAX_EMOJI_RUN
                else (spans[0][0], spans[-1][1])
            )
            yield ctx.match(
                "a11y-002",
                start,
                end,
                confidence=0.9,
                reason="emoji",
                count=str(len(spans)),
                normalised=False,
            )

    @staticmethod
    def _hashtags(ctx: CheckContext, original: str) -> Iterator[Match]:
        if "#" not in original:
            return
        known = {tag.lower(): tag for tag in ctx.city.hashtags}
        for found in HASHTAG.finditer(original):
            start, end = found.span(1)
            end = min(end, start + 1 + MAX_HASHTAG)
            tag = original[start:end]
            proper = known.get(tag.lower())
            if proper is not None and tag != proper and tag == tag.lower():
                yield ctx.match(
                    "a11y-003",
                    start,
                    end,
                    confidence=0.95,
                    reason="hashtag_known",
                    suggested=proper,
                )
            elif proper is None and tag == tag.lower() and len(tag) - 1 >= LONG_HASHTAG:
                yield ctx.match("a11y-004", start, end, confidence=0.5, reason="hashtag_long")

    @staticmethod
    def _media(ctx: CheckContext) -> Iterator[Match]:
        for media in ctx.media:
            if media.kind == "image" and media.alt.strip().lower() in PLACEHOLDER_ALTS:
                yield ctx.match("a11y-005", 0, 0, confidence=1.0, reason="no_alt")
            if media.kind == "video" and not media.captions:
                yield ctx.match("a11y-006", 0, 0, confidence=1.0, reason="no_captions")

    @staticmethod
    def _link_only(ctx: CheckContext, original: str) -> Iterator[Match]:
        if "http" not in original and "www." not in original:
            return
        # The text with every link, then every tag, replaced by a space (the links found in
        # one pass: the RE2 binding's own `sub` costs microseconds in Python per call).
        found = list(URL.finditer(original))
        if not found:
            return
        pieces = [original[: found[0].start()]]
        pieces.extend(original[a.end() : b.start()] for a, b in pairwise(found))
        pieces.append(original[found[-1].end() :])
        rest = TAG.sub(" ", " ".join(pieces))
        if len(list(islice(WORD.finditer(rest), 3))) < 3:
            yield ctx.match(
                "a11y-007", found[0].start(), found[0].end(), confidence=0.9, reason="link_only"
            )
