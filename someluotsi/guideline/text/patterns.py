"""Regular expressions with a linear-time guarantee.

Every detection pattern is compiled with RE2, which has no backtracking: matching time grows
linearly with the input whatever the pattern, so no post can stall the checker (ReDoS). RE2
refuses look-arounds and back-references at compile time, which keeps patterns honest. The one
exception is a single character class or a run of one (tokens, letters, emoji): those use the
standard library, which cannot backtrack on them either and is an order of magnitude faster for
their many small matches.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import re2  # type: ignore[import-untyped]

# RE2 logs compile errors through absl to stderr; our errors surface as exceptions instead.
logging.getLogger("absl").setLevel(logging.ERROR)

Pattern = Any  # re2._Regexp has no public type

WORD_CHARS = r"\p{L}\p{N}"

_compiled: list[LazyPattern] = []

# Single character classes and runs of one (linear in the standard library too).
# Letters and digits, one run per token ("sote-uudistus" gives two tokens).
TOKEN = re.compile(r"[^\W_]+")
LETTERS = re.compile(r"[^\W\d_]+")
WORDS_OF_TWO = re.compile(r"[^\W\d_]{2,}")
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")


_stdlib: list[re.Pattern[str]] = [TOKEN, LETTERS, WORDS_OF_TWO, EMOJI]


def compile_char_class(pattern: str) -> re.Pattern[str]:
    """A standard-library pattern for one character class (or a fixed sign and one run):
    it cannot backtrack, and it is much faster than RE2 for many small matches."""
    compiled = re.compile(pattern)
    _stdlib.append(compiled)
    return compiled


def stdlib_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(_stdlib)


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn")


class LazyPattern:
    """An RE2 pattern compiled on its first use.

    Some patterns take tens of milliseconds to compile (a Unicode class repeated up to a
    hundred times: the hashtag and file-name patterns take 70 and 40 ms), and most texts never
    need them; compiling every pattern at import made up a sixth of the cold start. On first
    use the compiled pattern's methods replace the ones here, so later calls cost nothing extra.
    """

    __slots__ = ("_compiled", "max_mem", "pattern", *_METHODS)

    def __init__(self, pattern: str, max_mem: int | None = None) -> None:
        self.pattern = pattern
        self.max_mem = max_mem  # bytes for RE2 (program and DFA cache); None: RE2's 8 MB
        self._compiled: Any = None

    def compiled(self) -> Any:
        """The RE2 pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            options = re2.Options()
            options.log_errors = False
            if self.max_mem is not None:
                options.max_mem = self.max_mem
            compiled = re2.compile(self.pattern, options)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            anchors = re2._Anchor  # the binding's own anchors
            for name, anchor, nothing in (
                ("search", anchors.UNANCHORED, _none),
                ("match", anchors.ANCHOR_START, _none),
                ("fullmatch", anchors.ANCHOR_BOTH, _none),
                ("findall", anchors.UNANCHORED, _empty_list),
            ):
                setattr(self, name, _quick_miss(compiled, getattr(compiled, name), anchor, nothing))
            self.finditer = partial(_finditer, compiled)
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for what is not set yet: the methods before the first use, and the
        # compiled pattern's other attributes (groups, groupindex, ...).
        return getattr(self.compiled(), name)


_NO_MATCH = (-1, -1)
# The UTF-8 of the last two texts searched (a check searches its lower-case view and its
# cased one with a few dozen patterns, each of which the binding would encode again). A text
# is known by identity: the pair keeps it alive, so no other string can take its id. One
# tuple, replaced whole, so that threads never see a text with another's bytes.
_recent: tuple[tuple[str, bytes], tuple[str, bytes]] = (("", b""), ("", b""))


def utf8(text: str) -> bytes:
    """`text` in UTF-8, as the RE2 binding encodes it (a lone surrogate raises
    UnicodeEncodeError alike); the same bytes object for the same text object as the last
    two calls had, without encoding it again."""
    global _recent
    recent = _recent
    if recent[0][0] is text:
        return recent[0][1]
    if recent[1][0] is text:
        return recent[1][1]
    encoded = text.encode("utf-8")
    _recent = ((text, encoded), recent[0])
    return encoded


def _none() -> None:
    return None


def _empty_list() -> list[Any]:
    return []


def _quick_miss(
    compiled: Any, method: Callable[..., Any], anchor: Any, nothing: Callable[[], Any]
) -> Callable[..., Any]:
    """`method` of the RE2 pattern, answering a whole-text call that finds nothing from one
    search over the UTF-8 text. The binding's methods are generators that set up offset
    decoding before they search, a few microseconds each; most calls (a checker runs ~30
    patterns per text) find nothing. Texts with a match are handed to `method` (searched
    again), so every answer is the binding's own."""
    search = compiled._regexp.Match  # the binding's compiled RE2

    def quick(text: Any, pos: int | None = None, endpos: int | None = None) -> Any:
        if pos is None and endpos is None and type(text) is str:
            encoded = utf8(text)
            if search(anchor, encoded, 0, len(encoded))[0] == _NO_MATCH:
                return nothing()
        return method(text, pos, endpos)

    return quick


class Found:
    """One match of `finditer`: the binding's match object's `group`, `groups`, `span`,
    `start`, `end` and indexing, for a match whose offsets are already known (in
    characters). Offsets of a group that did not take part are (-1, -1), its text None."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self._text = text
        self._spans = spans

    def __getitem__(self, group: int) -> str | None:
        start, end = self._spans[group]
        return None if start < 0 else self._text[start:end]

    def group(self, *groups: int) -> Any:
        if len(groups) <= 1:
            return self[groups[0] if groups else 0]
        return tuple(self[group] for group in groups)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        found = (self[group] for group in range(1, len(self._spans)))
        return tuple(default if item is None else item for item in found)

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._spans[group]

    def start(self, group: int = 0) -> int:
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        return self._spans[group][1]


def _finditer(compiled: Any, text: Any, pos: int | None = None, endpos: int | None = None) -> Any:
    """`compiled.finditer(text)`, the same matches, with less work per match: the binding
    decodes every match's offsets through a generator and several calls, which made a
    100 kB text of short matches (e-mail addresses, masked words) cost several microseconds
    a match. An ASCII text's byte offsets are its character offsets; others are decoded in
    one running pass, as the binding does. Other calls go to the binding."""
    if pos is not None or endpos is not None or type(text) is not str:
        return compiled.finditer(text, pos, endpos)
    return _matches(compiled._regexp.Match, text)


def _matches(search: Callable[..., list[tuple[int, int]]], text: str) -> Iterator[Found]:
    encoded = utf8(text)
    end = len(encoded)
    ascii_only = end == len(text)
    anchor = re2._Anchor.UNANCHORED
    position = 0
    last_byte = last_char = 0  # the binding's running decoding of byte offsets
    while True:
        spans = search(anchor, encoded, position, end)
        if spans[0] == _NO_MATCH:
            return
        if ascii_only:
            yield Found(text, spans)
        else:
            decoded = {_NO_MATCH[0]: _NO_MATCH[0]}
            for offset in sorted({offset for span in spans for offset in span if offset >= 0}):
                last_char += re2._re2.BytesToCharLen(encoded, last_byte, offset)
                last_byte = offset
                decoded[offset] = last_char
            yield Found(text, [(decoded[start], decoded[stop]) for start, stop in spans])
        if position == end:
            return
        if position == spans[0][1]:  # an empty match: step over one character
            position += re2._re2.CharLenToBytes(encoded, position, 1)
        else:
            position = spans[0][1]


# Room for the DFA of a pattern with a counted repetition of a large class
# ("\p{Lu}[\p{L}-]{1,40}katu"): its states count the repetition, and in RE2's default budget
# (8 MB for the program and both DFA caches) the cache fills on every few texts and is thrown
# away and rebuilt, or the search falls back to the NFA: 20 to 300 times slower per text,
# with the same matches. The memory is taken only as states are built (about 1 MB for the
# street-address pattern over the benchmark posts).
ROOMY = 64 << 20


def compile_pattern(pattern: str, *, max_mem: int | None = None) -> Pattern:
    """An RE2 pattern, compiled on first use (LazyPattern); a pattern RE2 cannot run in linear
    time is a programming error, raised by `all_patterns()` (and so by the tests). `max_mem`:
    RE2's memory budget in bytes (None: its default), `ROOMY` for a pattern whose DFA needs
    more than the default to run without rebuilding its cache."""
    lazy = LazyPattern(pattern, max_mem)
    _compiled.append(lazy)
    return lazy


def all_patterns() -> tuple[Pattern, ...]:
    """Every RE2 pattern of the modules imported so far, compiled (for the tests and the
    adversarial-input benchmark)."""
    return tuple(lazy.compiled() for lazy in _compiled)
