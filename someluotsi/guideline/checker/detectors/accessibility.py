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
from someluotsi.guideline.text.urls import trim_link_end

# A hashtag: "#" and two or more letters, digits or underscores, of which the first
# MAX_HASHTAG are read. The run is matched whole and cut in Python: `{2,100}` of a Unicode
# class made a program too large for RE2's DFA (its NFA then took tens of microseconds a
# post), and it finds the same tags, since no tag can start inside a run of tag characters.
HASHTAG = compile_pattern(r"(?:^|[^\p{L}\p{N}_&])(#[\p{L}\p{N}_]{2,})")
MAX_HASHTAG = 100  # characters after "#"
URL = compile_pattern(r"(?:https?://|www\.)\S+")
# Words that point at a link without saying what it leads to (a11y-007), in fi, sv and en.
LINK_FILLERS = frozenset(
    {
        "lue", "lisää", "katso", "klikkaa", "klikkaamalla", "tästä", "täältä", "tässä", "tänne",
        "linkki", "linkistä", "linkin", "takaa", "alta", "ks", "lisätietoja",
        "läs", "mer", "här", "klicka", "se", "länk", "länken", "via", "info",
        "read", "more", "click", "here", "see", "link", "at", "the", "this", "go", "to",
        # what a pointer adds without saying what is behind it ("Klicka här för mer
        # information", "Click here for more details", "Tutustu tästä")
        "lisätietoa", "tietoa", "tutustu", "ja", "för", "information", "informationen",
        "och", "om", "for", "details", "and", "find", "out", "learn", "about",
    }
)  # fmt: skip
TAG = compile_char_class(r"[#@][\w.]+")
# Decorative letters and digits (a11y-008): mathematical alphanumerics, full-width Latin,
# circled and squared letters, small capitals and modifier letters. A run: decorative
# characters with at most spaces, digits and punctuation between them.
_DECORATIVE = (
    r"\x{1D400}-\x{1D7FF}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}\x{FF10}-\x{FF19}"
    r"\x{24B6}-\x{24E9}\x{1F130}-\x{1F189}\x{1D00}-\x{1D2B}\x{0280}\x{0299}\x{029C}"
    r"\x{026A}\x{0274}\x{028F}\x{0262}\x{029F}\x{0281}"
)
# Between decorative characters of one run: any space, an invisible character, a digit, a
# punctuation mark ("ＳＵＭＭＥＲ\u00a0ＦＥＳＴＩＶＡＬ" is one run) or a letter with a diacritic,
# which has no decorative form and so stays plain inside a styled word ("𝐕ä𝐥𝐤𝐨𝐦𝐦𝐞𝐧",
# "𝐓𝐞𝐫𝐯𝐞𝐭𝐮𝐥𝐨𝐚 𝐤𝐚𝐮𝐩𝐮𝐧𝐠𝐢𝐧𝐭𝐚𝐥𝐨𝐥𝐥𝐞 ö𝐢𝐥𝐥𝐚": the finding started after the "ä").
_BETWEEN = (
    r"\s\x{00A0}\x{00AD}\x{2000}-\x{200F}\x{202F}\x{2060}\x{3000}\x{FEFF}\d.,!?:'-"
    r"\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{024F}"
)
DECORATIVE_RUN = compile_pattern(rf"[{_DECORATIVE}](?:[{_DECORATIVE}{_BETWEEN}]*[{_DECORATIVE}])?")
MIN_DECORATIVE = 3  # decorative characters in a run (one ® or a lone 𝑥 in a formula is none)
# Five or more letters, each alone between one or two spaces: "T A P A H T U M A", "B I G  S A L E"
# (group 1).
SPACED_LETTERS = compile_pattern(r"(?:^|[^\pL\pN])((?:\pL {1,2}){4,}\pL)(?:[^\pL\pN]|$)")
_DECORATIVE_RANGES = (
    (0x1D400, 0x1D7FF), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0xFF10, 0xFF19),
    (0x24B6, 0x24E9), (0x1F130, 0x1F189), (0x1D00, 0x1D2B),
)  # fmt: skip
_SMALL_CAPITALS = frozenset("\u0280\u0299\u029c\u026a\u0274\u028f\u0262\u029f\u0281")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _decorative(char: str) -> bool:
    """Whether `char` is a decorative letter or digit (DECORATIVE_RUN's class)."""
    code = ord(char)
    return char in _SMALL_CAPITALS or any(low <= code <= high for low, high in _DECORATIVE_RANGES)


def _may_decorate(chars: frozenset[str] | set[str]) -> bool:
    """Whether a text's distinct non-ASCII characters may hold a decorative one, at C speed:
    every decorative character is a small capital or at U+1D00 or above."""
    return not _SMALL_CAPITALS.isdisjoint(chars) or max(chars) >= "\u1d00"


def _plain_letter(char: str) -> bool:
    """A character that is no decorative letter: what lets a text skip the search."""
    return not _decorative(char)


# An extended grapheme cluster (UAX #29, the `regex` module's \X) that starts with an emoji.
EMOJI_CLUSTER = regex.compile(r"(?=" + EMOJI.pattern + r")\X")
# The same, as the one group of a pattern that splits a text: the pieces between the
# clusters and the clusters come out at C speed (a match object per emoji of a flood cost
# more than the rest of the check).
_EMOJI_CLUSTER_SPLIT = regex.compile("(" + EMOJI_CLUSTER.pattern + ")")
# Where every cluster is one emoji character (`_emoji_clusters`), the standard library splits
# the text alike, several times faster than the `regex` module's \X.
_EMOJI_SPLIT = compile_char_class(EMOJI.pattern)
_GRAPHEME = regex.compile(r"\X")
_ENDS_CLUSTER: dict[str, bool] = {}  # a character -> whether a cluster ends before it
MAX_KNOWN_CHARACTERS = 10_000  # of `_ENDS_CLUSTER`, then all forgotten
_REGIONAL_INDICATORS = frozenset(map(chr, range(0x1F1E6, 0x1F200)))
MIN_SHOUT_WORDS = 3
MAX_EMOJI = 5
MAX_EMOJI_RUN = 3
LONG_HASHTAG = 15
PLACEHOLDER_ALTS = frozenset({"", "kuva", "image", "bild", "img", "photo", "valokuva", "picture"})
# An alt text that is only a file name or a camera's or a screenshot tool's default says as
# little as none (a fresh tester of stop 36: "IMG_2024.jpg" passed where "kuva" warned): one
# word with a file extension ("kesajuhla_final.jpg"), or nothing but numbers, separators and
# the words of such names ("DSC00123", "Screenshot 2024-05-01 at 10.00.00", "photo (3).heic",
# "Kuvakaappaus 2024-05-01 klo 10.00.00", "Skärmavbild 2024-05-01 kl. 10.00.00"). A
# description with a file-like word among others ("A poster: download the PDF at kokkola.fi")
# is one.
FILE_EXTENSIONS = (
    ".jpg", ".jpeg", ".png", ".gif", ".heic", ".heif", ".webp", ".bmp", ".tif", ".tiff",
    ".svg", ".avif", ".dng", ".raw", ".pdf", ".mp4", ".mov",
)  # fmt: skip
FILE_NAME_WORDS = frozenset(
    {"img", "image", "images", "dsc", "dscn", "dscf", "dcim", "pxl", "mvimg", "pict", "pic",
     "photo", "photos", "foto", "picture", "screenshot", "screen", "shot", "kuvakaappaus",
     "näyttökuva", "näyttökaappaus", "skärmavbild", "skärmbild", "skärmdump", "kuva",
     "valokuva", "bild", "untitled", "nimetön", "namnlös", "copy", "kopio", "kopia", "edited",
     "whatsapp", "at", "klo", "kl", "final", "scan", "jpg", "jpeg", "png", "heic", "gif",
     "webp"}
)  # fmt: skip
_ALT_WORD = re.compile(r"[^\W\d_]+")


def _placeholder_alt(alt: str) -> bool:
    """Whether an image's alt text says nothing of the image: empty or a word for an image
    alone (PLACEHOLDER_ALTS), a file name (one word with a file extension), or only the words
    of a camera's or a tool's default name with numbers (FILE_NAME_WORDS), or numbers alone."""
    text = alt.strip().lower()
    if text in PLACEHOLDER_ALTS:
        return True
    if not any(char.isspace() for char in text) and text.endswith(FILE_EXTENSIONS):
        return True
    words = _ALT_WORD.findall(text)
    if not words and not any(char.isdigit() for char in text):
        return False  # emoji or punctuation alone: not a file's name
    return all(word in FILE_NAME_WORDS for word in words)


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


def _ends_cluster(char: str) -> bool:
    """Whether an emoji's grapheme cluster ends before `char` (one character): it does unless
    `char` extends it (a joiner, a selector, a skin tone, a combining or spacing mark), which
    no emoji decides but a regional indicator, which pairs with the next one (UAX #29)."""
    found = _ENDS_CLUSTER.get(char)
    if found is None:
        if len(_ENDS_CLUSTER) >= MAX_KNOWN_CHARACTERS:
            _ENDS_CLUSTER.clear()
        cluster = _GRAPHEME.match("\u2600" + char)  # an emoji, then the character
        found = _ENDS_CLUSTER[char] = cluster is not None and len(cluster.group()) == 1
    return found


class _Clusters:
    """The emoji clusters of a text (`EMOJI_CLUSTER`'s matches): `count` of them, `gaps[i]`
    the text between cluster i and i + 1, `span(i)` cluster i's offsets."""

    __slots__ = ("_bounds", "_pieces", "count", "gaps")

    def __init__(self, pieces: list[str], single: bool) -> None:
        # `single`: `pieces` is the text split at each cluster, one emoji character each
        # (before the first, between them, after the last); else it holds the clusters too
        # (before the first, the first, between, ..., the last, after it).
        self._pieces = pieces
        self._bounds: list[int] | None = None
        if single:
            self.count, self.gaps = len(pieces) - 1, pieces[1:-1]
        else:
            self.count, self.gaps = len(pieces) // 2, pieces[2:-1:2]
            self._bounds = list(accumulate(map(len, pieces), initial=0))

    def span(self, index: int) -> tuple[int, int]:
        """Cluster `index`'s start and end offsets (summed up when asked: a flood's clusters
        are counted, and only a run's first and last are placed)."""
        if self._bounds is not None:
            return self._bounds[2 * index + 1], self._bounds[2 * index + 2]
        start = sum(map(len, islice(self._pieces, index + 1))) + index
        return start, start + 1


def _emoji_clusters(original: str, non_ascii: set[str] | None = None) -> _Clusters:
    """The emoji clusters of `original` (`EMOJI_CLUSTER`'s matches). Where every distinct
    character of the text above ASCII (`non_ascii`, when the caller has them) ends a cluster
    before it (`_ends_cluster`; regional indicators pair up, so none may be there), each
    cluster is one emoji character and the standard library finds them; otherwise the `regex`
    module (its \\X)."""
    if non_ascii is None:
        non_ascii = {char for char in set(original) if not char.isascii()}
    if all(map(_ends_cluster, non_ascii)) and non_ascii.isdisjoint(_REGIONAL_INDICATORS):
        return _Clusters(_EMOJI_SPLIT.split(original), single=True)
    return _Clusters(_EMOJI_CLUSTER_SPLIT.split(original), single=False)


def _longest_run(gaps: list[str]) -> tuple[int, int]:
    """The first longest run of emoji with only blank gaps (`_blank`) between them, as the
    indexes of its first and last emoji; `gaps[i]` is the text between emoji i and i + 1.
    Each distinct gap is read once and the runs are found in a string of one code per gap
    ("b" blank, "x" not), so a flood of emoji costs no Python work per emoji."""
    codes = {gap: "b" if _blank(gap) else "x" for gap in dict.fromkeys(gaps)}
    best_first = best_last = 0
    first = 0
    for piece in "".join(map(codes.__getitem__, gaps)).split("x"):
        if len(piece) > best_last - best_first:
            best_first, best_last = first, first + len(piece)
        first += len(piece) + 1
    return best_first, best_last


class AccessibilityDetector:
    rules = (
        "a11y-001", "a11y-002", "a11y-003", "a11y-004", "a11y-005", "a11y-006", "a11y-007",
        "a11y-008",
    )  # fmt: skip

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
        yield from self._letters(ctx, ctx.text.original)

    @staticmethod
    def _letters(ctx: CheckContext, original: str) -> Iterator[Match]:
        """a11y-008 (§1.1): decorative letters ("𝐓𝐚𝐩𝐚𝐡𝐭𝐮𝐦𝐚", "ｆｕｌｌ", "ⓒⓘⓡⓒⓛⓔ", "ᴋᴀᴘɪᴛᴇᴇʟɪ"),
        at least MIN_DECORATIVE of them in a run, and words written with spaces between their
        letters ("T A P A H T U M A"): a screen reader reads the first by each symbol's name or
        not at all and the second letter by letter, and search finds neither. Decorative
        letters are read in the original (normalisation folds them), spaced letters in the
        normalised text with its case (odd spaces plain, invisible characters out); a text
        without a decorative letter among its characters is told so without a search."""
        chars = ctx.text.non_ascii
        if chars and _may_decorate(chars) and not all(map(_plain_letter, chars)):
            # A lone surrogate (which RE2 cannot take) read as U+FFFD: one for one, the
            # offsets stay the original's.
            if any("\ud800" <= char <= "\udfff" for char in ctx.text.non_ascii):
                original = _SURROGATE.sub("\ufffd", original)
            for found in DECORATIVE_RUN.finditer(original):
                if sum(map(_decorative, found.group())) >= MIN_DECORATIVE:
                    yield ctx.match(
                        "a11y-008",
                        found.start(),
                        found.end(),
                        confidence=0.9,
                        reason="decorative_letters",
                        normalised=False,
                    )
        cased = ctx.text.cased  # odd spaces made plain, invisible characters left out
        if " " in cased:
            for found in SPACED_LETTERS.finditer(cased):
                yield ctx.match(
                    "a11y-008",
                    found.start(1),
                    found.end(1),
                    confidence=0.8,
                    reason="spaced_letters",
                )

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
        clusters = _emoji_clusters(original, ctx.text.non_ascii)
        if not clusters.count:
            return
        best_first, best_last = _longest_run(clusters.gaps)
        run_length = best_last - best_first + 1
        if clusters.count > MAX_EMOJI or run_length > MAX_EMOJI_RUN:
            first, last = (
                (best_first, best_last) if run_length > MAX_EMOJI_RUN else (0, clusters.count - 1)
            )
            start, end = clusters.span(first)[0], clusters.span(last)[1]
            yield ctx.match(
                "a11y-002",
                start,
                end,
                confidence=0.9,
                reason="emoji",
                count=str(clusters.count),
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
            if media.kind == "image" and _placeholder_alt(media.alt):
                yield ctx.match("a11y-005", 0, 0, confidence=1.0, reason="no_alt")
            if media.kind == "video" and not media.captions:
                yield ctx.match("a11y-006", 0, 0, confidence=1.0, reason="no_captions")

    @staticmethod
    def _link_only(ctx: CheckContext, original: str) -> Iterator[Match]:
        """a11y-007 (§1.1) at the first link when nothing but links, tags and words that
        only point at a link ("Lue lisää:", "Läs mer här", "Click here") is written: any
        other word around a link says what it leads to ("Aukioloajat: https://…",
        "Ilmoittaudu https://… viimeistään")."""
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
        if not any(word.group().lower() not in LINK_FILLERS for word in WORD.finditer(rest)):
            first = found[0]
            end = first.start() + max(1, len(trim_link_end(first.group())))  # not "),."
            yield ctx.match("a11y-007", first.start(), end, confidence=0.9, reason="link_only")
