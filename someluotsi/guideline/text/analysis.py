"""One analysed text: what every detector, the classifier, triage and the tone reading share.

A check (or an inbox message) builds one `AnalysedText` and hands the same object to every
detector. It is the one entrance to the text: the normalised view with its map back to the
original offsets (normalize.py), and, computed on first use and then kept, the tokens and
words, the sentences, the language (never identified when the caller said which it is), the
harmful-vocabulary analyses of every token and the hits of any word list. Nothing is computed
that no detector asks for, and nothing is computed twice: the language parts (one
identification per sentence) only when a detector needs them or the language was not given.

    analysed = AnalysedText("Tapan sinut huomenna.", language=None)
    analysed.text             # normalised: "tapan sinut huomenna."
    analysed.span(0, 5)       # offsets in the original text: (0, 5)
    analysed.words            # ("tapan", "sinut", "huomenna")
    analysed.vocabulary[0]    # the harm vocabulary's analyses of "tapan" (FormInfo tuple)
    analysed.find(lexicon)    # a word list's hits (LexiconMatch list), once per text
    analysed.main_language    # "fi" (the caller's language= when given: nothing identified)
    analysed.parts            # LanguagePart per sentence or line, identified on first use

Detectors that derive more from the text keep it in `cache` (a dict per text) so that other
detectors can reuse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

import regex

from someluotsi.guideline.model import LANGUAGES, LanguagePart
from someluotsi.guideline.text import language as language_id
from someluotsi.guideline.text.normalize import REPLACEMENT, NormalizedText, repeat_each
from someluotsi.guideline.text.normalize import uniform as uniform_text

_SURROGATE = re.compile("[\ud800-\udfff]")
_CLUSTER = regex.compile(r"\X")
_FORMAT = regex.compile(r"\p{Cf}")


class ReadingMap:
    """Where each character of a readable text (`readable_text`) starts and ends in the
    original: `starts[i]`, `ends[i]`, the grapheme cluster it was read from. Made on first
    use: a long text's language parts are not identified, so its map is rarely needed.
    `uniform`: the original with dashes, spaces and surrogates made uniform; `clusters`, its
    grapheme clusters, and `pieces`, what each reads as, when they are known."""

    __slots__ = ("_clusters", "_ends", "_pieces", "_starts", "_uniform")

    def __init__(
        self, uniform: str, clusters: list[str] | None = None, pieces: list[str] | None = None
    ) -> None:
        self._uniform, self._clusters, self._pieces = uniform, clusters, pieces
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    @property
    def starts(self) -> list[int]:
        self._make()
        assert self._starts is not None  # noqa: S101 - made just above
        return self._starts

    @property
    def ends(self) -> list[int]:
        self._make()
        return self._ends

    def _make(self) -> None:
        if self._starts is None:
            if self._clusters is None or self._pieces is None:
                self._clusters, self._pieces = _read_clusters(self._uniform)
            counts = list(map(len, self._pieces))
            bounds = list(accumulate(map(len, self._clusters), initial=0))
            self._starts = repeat_each(bounds, counts)
            self._ends = repeat_each(bounds[1:], counts)


def readable_text(
    original: str, non_ascii: AbstractSet[str] | None = None
) -> tuple[str, ReadingMap | None]:
    """`original` as the language identifier should read it, and where each of its characters
    starts and ends in `original` (None: the same offsets).

    One text, one answer whatever its Unicode form (issue 16): composed (NFC) whatever the
    keyboard sent, every dash of the Unicode dash family read as "-" and every odd space
    (no-break, narrow, ideographic) as " ", format characters (zero-width space, soft hyphen,
    BOM) left out, a lone surrogate (which no encoder takes) replaced with U+FFFD. Letter case
    is kept: the identifier was trained on written text. Linear in the length of `original`;
    raises nothing. `non_ascii`: the distinct characters of `original` above U+007F, when the
    caller has them (NormalizedText.non_ascii): a text whose such characters all read as
    themselves (`_reads_as_itself`, the letters of Finnish and Swedish) is its own reading,
    decided without a pass over the text.
    """
    if original.isascii():
        return original, None
    if non_ascii is not None and all(map(_reads_as_itself, non_ascii)):
        return original, None
    uniform = uniform_text(original)
    if _SURROGATE.search(uniform):
        uniform = _SURROGATE.sub(REPLACEMENT, uniform)
    if unicodedata.is_normalized("NFC", uniform):
        if not _FORMAT.search(uniform):
            return uniform, None  # one character for one: the offsets are the original's
        # Composed already, and so is each of its grapheme clusters: what the clusters read
        # as is the text without its format characters.
        return _FORMAT.sub("", uniform), ReadingMap(uniform)
    clusters, pieces = _read_clusters(uniform)
    return "".join(pieces), ReadingMap(uniform, clusters, pieces)


# Blocks with no character that composes with a character before it in NFC (no second
# element of a canonical composition): Latin-1 to the spacing modifier letters, general
# punctuation to the miscellaneous symbols and arrows (€, “”, …, •), and the emoji blocks.
_INERT_BLOCKS = ((0x00A0, 0x02FF), (0x2010, 0x2BFF), (0x1F000, 0x1FAFF))


@lru_cache(maxsize=4096)
def _reads_as_itself(char: str) -> bool:
    """Whether a character above U+007F leaves any text that has it unchanged in
    `readable_text`, whatever the other characters: one of `_INERT_BLOCKS` that is no
    combining mark, composed (NFC) alone, and no dash, odd space or format character.
    Other characters send the text through the full reading (test_analysis.py compares)."""
    point = ord(char)
    return (
        any(low <= point <= high for low, high in _INERT_BLOCKS)
        and unicodedata.combining(char) == 0
        and not unicodedata.category(char).startswith("M")
        and not _FORMAT.match(char)
        and unicodedata.normalize("NFC", char) == char
        and uniform_text(char) == char
    )


def _read_clusters(uniform: str) -> tuple[list[str], list[str]]:
    """The grapheme clusters of `uniform` and what each reads as: composed (NFC) and
    stripped of format characters, decided once per distinct cluster."""
    clusters = _CLUSTER.findall(uniform)
    read = {c: _FORMAT.sub("", unicodedata.normalize("NFC", c)) for c in dict.fromkeys(clusters)}
    return clusters, list(map(read.__getitem__, clusters))


if TYPE_CHECKING:
    from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
    from someluotsi.guideline.text.sentences import Sentences
    from someluotsi.guideline.text.vocabulary import FormInfo


class AnalysedText(NormalizedText):
    """A text analysed once for a whole check: see the module docstring.

    `language` is the caller's word for the text's language ("fi", "sv", "en"); when given,
    the text's language is not identified. Raises nothing on any string.
    """

    __slots__ = (
        "_categories",
        "_certain",
        "_language",
        "_lexicon_hits",
        "_main",
        "_parts",
        "_reading",
        "_vocabulary",
        "_word_vocabulary",
        "_words",
        "hint",
    )

    def __init__(self, original: str, *, language: str | None = None) -> None:
        super().__init__(original)
        self.hint = language
        self._main: str | None = None
        self._certain = True
        self._parts: tuple[LanguagePart, ...] | None = None
        self._words: tuple[str, ...] | None = None
        self._vocabulary: tuple[tuple[FormInfo, ...], ...] | None = None
        self._word_vocabulary: dict[str, tuple[FormInfo, ...]] | None = None
        self._categories: frozenset[str] | None = None
        self._lexicon_hits: dict[int, list[LexiconMatch]] = {}
        self._reading: tuple[str, ReadingMap | None] | None = None

    def release(self) -> None:
        """Forget what detectors kept with the text (`cache`), for a text that will not be
        checked again. What they keep refers back to the text (a detector's lazy readings
        hold its context), so a text and all it holds were left for Python's cyclic garbage
        collector: tens of objects per text, found in its costly full walks. Emptied, they
        are freed at once. The text itself stays usable (a detector recomputes)."""
        self.cache.clear()

    @classmethod
    def of(cls, text: str | AnalysedText, *, language: str | None = None) -> AnalysedText:
        """`text` itself when it is already analysed, else a new analysis of it."""
        if isinstance(text, AnalysedText):
            return text
        return cls(text, language=language)

    @staticmethod
    def identify_languages(texts: Sequence[AnalysedText]) -> None:
        """Identify the language and parts of every text in `texts` whose caller gave no
        language and that has not been identified yet, all in one batch
        (language.detect_many): what `main_language` would find one text at a time, for a
        fraction of the fixed cost per text. Raises nothing."""
        waiting = [t for t in texts if t._main is None and t.hint not in LANGUAGES]
        found = language_id.detect_many(
            [text._readable() for text in waiting], [text.hint for text in waiting]
        )
        for text, detected in zip(waiting, found, strict=True):
            text._main = detected.language
            text._certain = detected.certain
            text._parts = text._original_parts(detected.parts)

    @property
    def main_language(self) -> str:
        """The text's language: the caller's when given (then nothing is identified), else
        identified once, together with the parts (language.detect)."""
        if self._main is None:
            if self.hint in LANGUAGES:
                self._main = self.hint
            else:
                detected = language_id.detect(self._readable(), hint=self.hint)
                self._main = detected.language
                self._certain = detected.certain
                self._parts = self._original_parts(detected.parts)
        return self._main

    @property
    def parts(self) -> tuple[LanguagePart, ...]:
        """The language of each sentence or line of a few words (a bilingual post has two);
        identified on first use, and only then when the caller gave the language."""
        if self._parts is None:
            if self.hint in LANGUAGES:
                self._parts = self._original_parts(language_id.parts(self._readable()))
            else:
                self.main_language  # noqa: B018 - identifies the parts with the language
        assert self._parts is not None  # noqa: S101 - set by either branch
        return self._parts

    def _readable(self) -> str:
        """The text the language identifier reads: see `readable_text`."""
        if self._reading is None:
            self._reading = readable_text(self.original, self.non_ascii)
        return self._reading[0]

    def _original_parts(self, parts: tuple[LanguagePart, ...]) -> tuple[LanguagePart, ...]:
        """`parts` found in the readable text, with offsets into the original."""
        assert self._reading is not None  # noqa: S101 - _readable() ran first
        if self._reading[1] is None or not parts:
            return parts
        starts, ends = self._reading[1].starts, self._reading[1].ends
        return tuple(
            LanguagePart(starts[p.start], ends[p.end - 1] if p.end > p.start else starts[p.start],
                         p.language)
            for p in parts
        )  # fmt: skip

    @property
    def language_certain(self) -> bool:
        """Whether the main language was given or told by the text (not a mere default)."""
        self.main_language  # noqa: B018 - identifies the language once
        return self._certain

    @property
    def known_parts(self) -> tuple[LanguagePart, ...]:
        """The parts if they have been identified (never identifies them)."""
        return self._parts or ()

    @property
    def language(self) -> language_id.LanguageResult:
        """The main language and the language parts (each identified at most once)."""
        return language_id.LanguageResult(self.main_language, self.parts, self.language_certain)

    @property
    def words(self) -> tuple[str, ...]:
        """The normalised text of each token, in order."""
        if self._words is None:
            self._words = tuple(self.table.words)
        return self._words

    @property
    def sentences(self) -> Sentences:
        from someluotsi.guideline.text.sentences import sentences

        return sentences(self)

    @property
    def vocabulary(self) -> tuple[tuple[FormInfo, ...], ...]:
        """The harmful-language vocabulary's analyses of each token (text/vocabulary.py)."""
        if self._vocabulary is None:
            self._vocabulary = tuple(map(self.word_vocabulary.__getitem__, self.words))
        return self._vocabulary

    @property
    def word_vocabulary(self) -> dict[str, tuple[FormInfo, ...]]:
        """The harmful-language vocabulary's analyses of each distinct word, in order of
        first occurrence (a long text repeats its words: each is looked up once)."""
        if self._word_vocabulary is None:
            from someluotsi.guideline.text.vocabulary import vocabulary

            lookup = vocabulary().lookup
            self._word_vocabulary = {word: lookup(word) for word in self.table.distinct}
        return self._word_vocabulary

    @property
    def vocabulary_categories(self) -> frozenset[str]:
        """Every vocabulary category some token of the text belongs to (computed once)."""
        if self._categories is None:
            self._categories = frozenset(
                info.category for infos in self.word_vocabulary.values() for info in infos
            )
        return self._categories

    def find(self, lexicon: Lexicon) -> list[LexiconMatch]:
        """`lexicon.find(self.tokens)`, computed once per text and word list."""
        key = id(lexicon)
        found = self._lexicon_hits.get(key)
        if found is None:
            table = self.table
            found = self._lexicon_hits[key] = lexicon.find_in(
                table.words, table.starts, table.ends, table.distinct
            )
        return found
