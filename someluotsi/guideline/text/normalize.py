"""Text normalisation that keeps offsets into the original text.

Detectors match on a normalised view (lower case, NFKC, zero-width and format characters removed,
Cyrillic and Greek look-alikes folded to Latin) and report spans of the original text, so a
finding always highlights what the author wrote. Leetspeak is undone only where word lists are
matched (`deleet`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from someluotsi.guideline.text.patterns import TOKEN, compile_pattern

_DIGITS = re.compile(r"\d")

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

# Characters that need the slow path: format (Cf) and variation selectors, combining marks,
# Cyrillic and Greek, full-width and other compatibility forms, and the dotted capital I.
_SPECIAL = compile_pattern(
    r"[\p{Cf}\p{Mn}\x{0370}-\x{03FF}\x{0400}-\x{052F}\x{2000}-\x{206F}"
    r"\x{2100}-\x{214F}\x{2460}-\x{24FF}\x{FB00}-\x{FB4F}\x{FE00}-\x{FE0F}"
    r"\x{FF00}-\x{FFEF}\x{0130}\x{1D400}-\x{1D7FF}\x{00A0}-\x{00BF}]"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # normalised (lower case)
    start: int  # offsets in the normalised text
    end: int


class NormalizedText:
    """A normalised view of `original` with a map back to original offsets."""

    __slots__ = ("_ends", "_starts", "_tokens", "cache", "digit_count", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        self._tokens: tuple[Token, ...] | None = None
        self.cache: dict[str, object] = {}  # analyses shared by the detectors of one check
        # Many detectors need digits; count them once (C speed) instead of once per detector.
        self.digit_count = len(_DIGITS.findall(original)) if _DIGITS.search(original) else 0
        lowered = original.lower()
        if len(lowered) == len(original) and not _SPECIAL.search(original):
            self.text = lowered
            self._starts: list[int] | None = None
            self._ends: list[int] | None = None
        else:
            self._slow_path()

    def _slow_path(self) -> None:
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for index, char in enumerate(self.original):
            category = unicodedata.category(char)
            if category == "Cf" or "\ufe00" <= char <= "\ufe0f":
                continue  # zero-width, bidi marks, soft hyphen, variation selectors
            if category == "Mn":
                if out:  # compose a decomposed "a" + diaeresis into "ä" where possible
                    composed = unicodedata.normalize("NFC", out[-1] + char)
                    if len(composed) == 1:
                        out[-1] = composed
                        ends[-1] = index + 1
                continue
            mapped = unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char
            mapped = mapped.translate(HOMOGLYPHS).lower().translate(HOMOGLYPHS)
            for piece in mapped:
                if len(mapped) > 1 and unicodedata.category(piece) == "Mn":
                    continue  # "İ".lower() adds a combining dot
                out.append(piece)
                starts.append(index)
                ends.append(index + 1)
        self.text = "".join(out)
        self._starts = starts
        self._ends = ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if self._starts is None or self._ends is None:
            return start, end
        if start >= end:
            position = self._starts[start] if start < len(self._starts) else len(self.original)
            return position, position
        return self._starts[start], self._ends[end - 1]

    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._tokens is None:
            self._tokens = tuple(
                Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(self.text)
            )
        return self._tokens


def deleet(word: str) -> str:
    """Undo leetspeak in a word that has letters ("p4sk4" -> "paska"); leave numbers alone."""
    if word.isdigit() or not any(c.isalpha() for c in word):
        return word
    return word.translate(LEET)
