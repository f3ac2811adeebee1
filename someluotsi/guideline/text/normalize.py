"""Text normalisation that keeps offsets into the original text.

Detectors match on a normalised view (lower case, NFKC, zero-width, format and control characters
removed, Cyrillic and Greek look-alikes folded to Latin) and report spans of the original text, so
a finding always highlights what the author wrote. Leetspeak is undone only where word lists are
matched (`deleet`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat

import numpy as np
import regex

from someluotsi.guideline.text.patterns import TOKEN

# TOKEN with a group: `split` gives the text between tokens and the tokens, alternately.
_TOKEN_SPLIT = re.compile("(" + TOKEN.pattern + ")")

# Look-alikes used to dodge filters and to fake domains (a Cyrillic "а" in "kokkolа.fi").
HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ı": "i",  # Turkish dotless i ("ıdıootti")
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ѵ": "v",
        "ӏ": "l",
        "ɡ": "g",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
    }
)
LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "€": "e",
        "!": "i",
        "|": "l",
    }
)

# One text, one answer, whatever its Unicode form: every dash of the Unicode dash family reads
# as "-", every space character as " " (compatibility forms such as the non-breaking and
# narrow spaces already do under NFKC), and format characters (zero-width space and joiners,
# soft hyphen, bidi controls) and variation selectors disappear.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
UNIFORM = str.maketrans({**dict.fromkeys(DASHES, "-"), **dict.fromkeys(SPACES, " ")})
_NOT_UNIFORM = re.compile("[" + re.escape(DASHES + SPACES) + "]")


def uniform(text: str) -> str:
    """`text.translate(UNIFORM)`: its dashes read as "-" and its odd spaces as " ". Most texts
    have none, and a search for them runs at C speed (about 3 ns a character) where
    `translate` with a dict looks up every character (about 50 ns for a Finnish text's)."""
    return text.translate(UNIFORM) if _NOT_UNIFORM.search(text) else text


# Characters that may need more than lower-casing: format (Cf) and variation selectors,
# combining marks, lone surrogates, Cyrillic and Greek, punctuation and spaces of the general
# punctuation block, full-width and other compatibility forms, the dotted capital I and the
# dotless small i. Most of them (an en dash, "§", a non-breaking space) map to one character
# each and are translated in one pass; the others take the character-by-character path.
_SPECIAL = regex.compile(
    r"[\p{Cf}\p{Mn}\p{Cs}\u0370-\u03FF\u0400-\u052F\u1680\u2000-\u206F"
    r"\u2100-\u214F\u2212\u2460-\u24FF\u3000\uFB00-\uFB4F\uFE00-\uFE0F"
    r"\uFE50-\uFE6F\uFF00-\uFFEF\u0130\u0131\U0001D400-\U0001D7FF\u00A0-\u00BF"
    r"\u0080-\u0084\u0086-\u009F\x00-\x08\x0e-\x1b\x7f]"
)
# Control characters that are no white space: invisible in most views, and dropped like the
# format characters ("Ta\x01pan" reads "tapan"). Tabs, line breaks and the separators that
# `str.split` takes for white space (\x1c-\x1f, U+0085) are kept.
CONTROLS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0x85)]))
CONTROLS += "".join(map(chr, range(0x86, 0xA0)))
_ASCII_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f]")
# A character that normalisation drops, right after a letter or a digit: where a seam can be
# (`NormalizedText.seams`); one search at C speed.
_DROPPED_INSIDE = regex.compile(r"[^\W_][\p{Cf}\uFE00-\uFE0F" + CONTROLS + "]")
REPLACEMENT = "\ufffd"  # for a lone surrogate, which no encoder accepts


@lru_cache(maxsize=8192)
def _pieces(char: str) -> tuple[tuple[str, str], ...]:
    """What one character becomes: (case-preserving, lower-case) pieces, usually one."""
    category = unicodedata.category(char)
    if category == "Cs":
        return ((REPLACEMENT, REPLACEMENT),)
    mapped = unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char
    folded = mapped.translate(UNIFORM).translate(HOMOGLYPHS)
    lowered = folded.lower().translate(HOMOGLYPHS)
    lower = [p for p in lowered if not (len(lowered) > 1 and unicodedata.category(p) == "Mn")]
    cased = list(folded) if len(folded) == len(lower) else lower  # "İ" lowers to 2 characters
    return tuple(zip(cased, lower, strict=True))


def _dropped(char: str, category: str) -> bool:
    """Zero-width and other format characters, variation selectors, control characters that
    are no white space (CONTROLS)."""
    return category == "Cf" or "\ufe00" <= char <= "\ufe0f" or char in CONTROLS


@lru_cache(maxsize=8192)
def _simple(char: str) -> tuple[str, str] | None:
    """(case-preserving, lower-case) for a character that maps to exactly one character and
    needs no neighbour (not a format character or combining mark), else None."""
    category = unicodedata.category(char)
    if category in {"Mn", "Cs"} or _dropped(char, category):
        return None
    pieces = _pieces(char)
    return pieces[0] if len(pieces) == 1 else None


def repeat_each(values: Iterable[int], counts: list[int]) -> list[int]:
    """Each value repeated its count's times (counts of 0 and 1, the usual ones, select)."""
    if not counts or max(counts) <= 1:
        return list(compress(values, counts))
    return list(chain.from_iterable(map(repeat, values, counts)))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Every byte but the ASCII digits': deleting them from a text's UTF-8 leaves its ASCII digits
# (no byte of a multi-byte character is below 0x80).
NOT_ASCII_DIGITS = bytes(sorted(set(range(256)) - set(b"0123456789")))


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _non_ascii(original: str) -> set[str]:
    """The distinct characters of `original` above U+007F: its runs of ASCII removed and the
    set of what is left made, both at C speed (a third less than the set of all its
    characters for a Finnish text; a list of every non-ASCII character, as `findall` gave,
    cost a flood of zero-width spaces 20 ms)."""
    return set() if original.isascii() else set(_ASCII_RUNS.sub("", original))


@lru_cache(maxsize=8192)
def _is_special(char: str) -> bool:
    """Whether `_SPECIAL` matches this one character, decided once per character."""
    return _SPECIAL.match(char) is not None


def _specials(original: str, non_ascii: set[str] | None = None) -> set[str]:
    """The distinct characters of `original` that `_SPECIAL` matches: its distinct characters
    above U+007F (`non_ascii`, when the caller has them) tried one by one, not every
    character of the text, and the ASCII control characters (the only special ones below
    U+0080) found by one search at C speed."""
    if non_ascii is None:
        non_ascii = _non_ascii(original)
    found = set(filter(_is_special, non_ascii))
    if _ASCII_CONTROL.search(original):  # the only special characters below U+0080
        found.update(_ASCII_CONTROL.findall(original))
    return found


def _digit_count(original: str, non_ascii: set[str]) -> int:
    """How many characters of `original` are decimal digits (what the standard library's
    `\\d` matches: category Nd, "٣" and "３" as well as "3"): the ASCII ones in one pass over
    its UTF-8 at C speed, the others (rare) per distinct digit; `non_ascii` is the text's
    distinct characters above U+007F."""
    encoded = original.encode("utf-8", "surrogatepass")  # a lone surrogate is no digit
    return len(encoded.translate(None, NOT_ASCII_DIGITS)) + sum(
        original.count(char) for char in non_ascii if char.isdecimal()
    )


@lru_cache(maxsize=8192)
def _caseless_pair(char: str, lower: str) -> bool:
    return char.lower() == char and lower.lower() == lower


def _caseless(pair: tuple[str, str]) -> bool:
    """Whether a special character and what it becomes in the lower-case view are both
    their own lower case ("–" and "-", "§", a no-break space and " "), decided once a pair."""
    return _caseless_pair(*pair)


def _replace_each(text: str, mapping: dict[str, str]) -> str:
    """`text` with each character that is a key of `mapping` replaced by its value, all at
    once (as `str.translate` does). A few `str.replace` calls instead of `translate`, whose
    dictionary look-up per character makes it the slow part of a short text; they give the
    same result when no value is itself a key to replace (else `translate` is used)."""
    changed = {char: value for char, value in mapping.items() if char != value}
    if not changed.keys().isdisjoint(changed.values()):
        return text.translate({ord(char): value for char, value in changed.items()})
    for char, value in changed.items():
        text = text.replace(char, value)
    return text


# Texts with at most this many distinct characters to change are changed by `str.replace`,
# one pass each at C speed; others by `str.translate`, a dictionary look-up per character.
MAX_REPLACED = 64


def _map_each(text: str, mapping: dict[str, str]) -> str:
    """`"".join(mapping[char] for char in text)`: every character of `text` (each a key of
    `mapping`) replaced by its value, which may be empty or longer. By `str.replace` for the
    characters that change when they are few and no value holds one of them (so that no
    replacement is replaced again), else by `str.translate`; both without Python work per
    character."""
    changed = {char: value for char, value in mapping.items() if char != value}
    if len(changed) <= MAX_REPLACED and not any(
        char in changed for value in changed.values() for char in value
    ):
        for char, value in changed.items():
            text = text.replace(char, value)
        return text
    return text.translate({ord(char): value for char, value in changed.items()})


def _offsets(original: str, lower_of: dict[str, str]) -> tuple[list[int], list[int]]:
    """Where each character of `"".join(lower_of[char] for char in original)` starts and
    ends in `original`: each character of the original gives as many as its value has,
    each from its own offset to the next. The count of each character is looked up for the
    whole text at once (its code points, sorted keys and a binary search in numpy)."""
    if not original:
        return [], []
    keys = sorted(lower_of)
    points = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = np.array([ord(char) for char in keys], dtype=np.uint32)
    lengths = np.array([len(lower_of[char]) for char in keys], dtype=np.intp)
    counts = lengths[np.searchsorted(table, points)]
    positions = np.arange(len(original) + 1, dtype=np.intp)
    if lengths.max() <= 1:  # characters dropped, none made longer: a selection
        kept = counts.astype(bool)
        return positions[:-1][kept].tolist(), positions[1:][kept].tolist()
    starts: list[int] = np.repeat(positions[:-1], counts).tolist()
    ends: list[int] = np.repeat(positions[1:], counts).tolist()
    return starts, ends


def _compose(
    chars: str, lower_of: dict[str, str], cased_of: dict[str, str]
) -> tuple[str, str, int]:
    """What a stretch of characters becomes with combining marks composed onto the character
    before them where NFC can (else dropped): (lower case, cased, the end offset in `chars`
    of its last character, which took in the marks composed onto it; 0 when it gives
    nothing). Every character it gives but the last ends after the first of `chars`."""
    out: list[str] = []
    cased: list[str] = []
    last_end = 0
    for index, char in enumerate(chars):
        piece = lower_of[char]
        if piece:
            out.extend(piece)
            cased.extend(cased_of[char])
            last_end = index + 1
        elif out and unicodedata.category(char) == "Mn" and not _dropped(char, "Mn"):
            # Compose a decomposed "a" + diaeresis into "ä" where possible.
            composed = unicodedata.normalize("NFC", out[-1] + char)
            if len(composed) == 1:
                out[-1] = composed
                upper = unicodedata.normalize("NFC", cased[-1] + char)
                cased[-1] = upper if len(upper) == 1 else composed
                last_end = index + 1
    return "".join(out), "".join(cased), last_end


def _with_marks(
    original: str, lower_of: dict[str, str], cased_of: dict[str, str]
) -> tuple[str, str, list[int], list[int]]:
    """(text, cased, starts, ends) of a text with combining marks (`_slow_path`). The text
    is cut into clusters: a character that gives something (`lower_of`) and the characters
    after it that give nothing alone (marks, format characters), which can only compose
    onto it; any such characters before the first are a cluster of their own and give
    nothing. Each distinct cluster is composed once (`_compose`), and the columns are put
    together without Python work per character (a flood of "a" + a combining mark)."""
    silent = "".join(sorted(re.escape(char) for char, piece in lower_of.items() if not piece))
    clusters = re.findall(f"(?s)[^{silent}][{silent}]*|[{silent}]+", original)
    made = {cluster: _compose(cluster, lower_of, cased_of) for cluster in dict.fromkeys(clusters)}
    lower = {cluster: found[0] for cluster, found in made.items()}
    cased = {cluster: found[1] for cluster, found in made.items()}
    last_end = {cluster: found[2] for cluster, found in made.items()}
    size = len(clusters)
    lengths = np.fromiter(map(len, clusters), np.intp, size)
    firsts = np.cumsum(lengths) - lengths  # where each cluster starts in `original`
    counts = np.fromiter(map(len, map(lower.__getitem__, clusters)), np.intp, size)
    last_ends = np.fromiter(map(last_end.__getitem__, clusters), np.intp, size)
    starts: list[int] = np.repeat(firsts, counts).tolist()
    ends = np.repeat(firsts + 1, counts)
    giving = counts > 0
    ends[np.cumsum(counts)[giving] - 1] = (firsts + last_ends)[giving]
    return (
        "".join(map(lower.__getitem__, clusters)),
        "".join(map(cased.__getitem__, clusters)),
        starts,
        ends.tolist(),
    )


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # normalised (lower case)
    start: int  # offsets in the normalised text
    end: int


class TokenTable:
    """The tokens of a normalised text as columns: `words[i]` is token i's text, `starts[i]`
    and `ends[i]` its offsets in the normalised text, `gaps[i]` the text before it (since the
    previous token's end, or the text's start), and `gaps[len(words)]` the text after the
    last one. The same tokens as `TOKEN.finditer(text)`, found with one `split` and a running
    sum of lengths, with no Python work per token: a 100 kB text may have 50,000 tokens."""

    __slots__ = ("_distinct", "ends", "gaps", "starts", "words")

    def __init__(self, text: str) -> None:
        pieces = _TOKEN_SPLIT.split(text)  # gap, token, gap, ..., token, gap
        offsets = list(accumulate(map(len, pieces), initial=0))
        self.words: list[str] = pieces[1::2]
        self.gaps: list[str] = pieces[0::2]
        self.starts: list[int] = offsets[1:-1:2]
        self.ends: list[int] = offsets[2::2]
        self._distinct: tuple[str, ...] | None = None

    @property
    def distinct(self) -> tuple[str, ...]:
        """The distinct words, in order of first occurrence (a long text repeats its words:
        what depends on the word alone is computed once per distinct word)."""
        if self._distinct is None:
            self._distinct = tuple(dict.fromkeys(self.words))
        return self._distinct


class NormalizedText:
    """A normalised view of `original` with a map back to original offsets.

    `text` is the lower-case view every detector matches on; `cased` is the same view with
    the letters' case kept (for what needs capitals: street names, plates, shouting). Both
    have the same length and the same map back to `original` (`span`).
    """

    __slots__ = (
        "_ends", "_starts", "_table", "_tokens", "cache", "cased", "digit_count", "non_ascii",
        "original", "text",
    )  # fmt: skip

    def __init__(self, original: str) -> None:
        self.original = original
        self._tokens: tuple[Token, ...] | None = None
        self._table: TokenTable | None = None
        self.cache: dict[str, object] = {}  # analyses shared by the detectors of one check
        # The distinct characters of `original` above U+007F (for detectors that ask).
        self.non_ascii = non_ascii = _non_ascii(original)
        # Many detectors need digits; count them once (C speed) instead of once per detector.
        self.digit_count = _digit_count(original, non_ascii)
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        lowered = original.lower()
        special = _specials(original, non_ascii) if len(lowered) == len(original) else None
        if special is not None and not special:
            self.text, self.cased = lowered, original
            return
        simple = {char: _simple(char) for char in special} if special else None
        if simple and all(simple.values()):
            cased = _replace_each(original, {c: m[0] for c, m in simple.items() if m})
            lower = {c: m[1] for c, m in simple.items() if m}
            if all(map(_caseless, lower.items())):
                # Lower case first, then replace: the same, as no character lower-cases to a
                # special one and these neither change nor make one that would (a capital
                # sigma, whose lower case depends on its neighbours, is not caseless).
                text = _replace_each(lowered, lower)
            else:
                text = _replace_each(original, lower).lower()
            if len(text) == len(original):
                self.text, self.cased = text, cased
                return
        self._slow_path()

    def _slow_path(self, distinct: set[str] | None = None) -> None:
        """Character by character: format characters dropped, combining marks composed with
        the character before them where they can be, every other character mapped to its
        pieces (`_pieces`). What a character becomes is decided once per distinct character;
        a text without combining marks is then mapped without Python work per character.
        `distinct`: the text's distinct characters, when the caller has them."""
        original = self.original
        lower_of: dict[str, str] = {}
        cased_of: dict[str, str] = {}
        marks = False
        for char in set(original) if distinct is None else distinct:
            category = unicodedata.category(char)
            if _dropped(char, category):
                lower_of[char] = cased_of[char] = ""  # zero-width, bidi marks, soft hyphen...
            elif category == "Mn":
                lower_of[char] = cased_of[char] = ""
                marks = True
            else:
                pieces = _pieces(char)
                cased_of[char] = "".join(cased for cased, _lower in pieces)
                lower_of[char] = "".join(lower for _cased, lower in pieces)
        if not marks:
            self.text = _map_each(original, lower_of)
            self.cased = _map_each(original, cased_of)
            self._starts, self._ends = _offsets(original, lower_of)
            return
        self.text, self.cased, self._starts, self._ends = _with_marks(original, lower_of, cased_of)

    def token_slice(self, first: int, end: int) -> list[Token]:
        """Tokens `first`..`end` (end exclusive) as objects, made for the slice alone when
        the whole text's were not made."""
        if self._tokens is not None:
            return list(self._tokens[first:end])
        table = self.table
        return list(
            map(Token, table.words[first:end], table.starts[first:end], table.ends[first:end])
        )

    def original_starts(self, starts: list[int]) -> list[int]:
        """Where the characters at these offsets of the normalised text (each below its
        length) start in the original text."""
        if self._starts is None:
            return starts
        return list(map(self._starts.__getitem__, starts))

    def seams(self) -> list[int]:
        """The offsets k (0 < k < len(text)) of the normalised text where characters of the
        original were dropped between its characters k-1 and k (a zero-width space, a soft
        hyphen, a control character: "tapan\u200bsinut"), in order; none when nothing was
        dropped. Found at C speed from the map back to the original."""
        if self._starts is None or self._ends is None or len(self._starts) < 2:
            return []
        if not _DROPPED_INSIDE.search(self.original):
            return []  # what was dropped stands by no letter (an emoji's variation selector)
        after = np.fromiter(self._starts, np.intp, len(self._starts))[1:]
        before = np.fromiter(self._ends, np.intp, len(self._ends))[:-1]
        found: list[int] = (np.flatnonzero(after > before) + 1).tolist()
        return found

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if self._starts is None or self._ends is None:
            return start, end
        if start >= end:
            position = self._starts[start] if start < len(self._starts) else len(self.original)
            return position, position
        return self._starts[start], self._ends[end - 1]

    @property
    def table(self) -> TokenTable:
        """The tokens as columns (`TokenTable`), found in one pass at C speed."""
        if self._table is None:
            self._table = TokenTable(self.text)
        return self._table

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The tokens (`TOKEN` matches of the normalised text) as objects, in order. A
        detector that reads every token of a long text reads `table` instead."""
        if self._tokens is None:
            table = self.table
            self._tokens = tuple(map(Token, table.words, table.starts, table.ends))
        return self._tokens


def deleet(word: str) -> str:
    """Undo leetspeak in a word that has letters ("p4sk4" -> "paska"); leave numbers alone."""
    if word.isdigit() or not any(c.isalpha() for c in word):
        return word
    return word.translate(LEET)


# A letter written three times or more in a row ("tapaaan", "kiiiill", "dööödar"): a word
# drawn out, which no word of Finnish, Swedish or English has (their long sounds are two
# letters: "tapaan", "kuolee", "kill"). Letters only: "000" and "www" are no stretched word
# ("www" is no letter run of a word either, and reads as "w" harmlessly). One step a character.
STRETCH = re.compile(r"([^\W\d_])\1\1")
_STRETCH_RUN = re.compile(r"([^\W\d_])\1{2,}")
# Runs read in both lengths (`unstretched`): 2**MAX_STRETCH_RUNS spellings at most; a word
# with more runs is read with all of them once, then all of them twice.
MAX_STRETCH_RUNS = 3


def unstretched(word: str) -> tuple[str, ...]:
    """The spellings a word with letters drawn out may stand for ("tapaaan" -> "tapan",
    "tapaan"): each run of three or more of one letter written once or twice (a Finnish long
    vowel, an English double consonant), every run once first, then the others in order of
    how many runs are written twice. Empty for a word with no such run; runs of two are kept
    as they are ("kiiiill" -> "kill", "kiill"). Linear in the word; at most
    2**MAX_STRETCH_RUNS spellings."""
    runs = list(_STRETCH_RUN.finditer(word))
    if not runs:
        return ()
    if len(runs) > MAX_STRETCH_RUNS:
        return (_STRETCH_RUN.sub(r"\1", word), _STRETCH_RUN.sub(r"\1\1", word))
    spellings: list[str] = []
    for doubled in sorted(range(1 << len(runs)), key=int.bit_count):
        pieces: list[str] = []
        at = 0
        for bit, run in enumerate(runs):
            pieces.append(word[at : run.start()])
            pieces.append(run.group(1) * (2 if doubled >> bit & 1 else 1))
            at = run.end()
        pieces.append(word[at:])
        spellings.append("".join(pieces))
    return tuple(spellings)
