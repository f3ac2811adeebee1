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
from typing import TYPE_CHECKING

from someluotsi.guideline.model import LANGUAGES, LanguagePart
from someluotsi.guideline.text import language as language_id
from someluotsi.guideline.text.normalize import REPLACEMENT, NormalizedText

_SURROGATE = re.compile("[\ud800-\udfff]")

if TYPE_CHECKING:
    from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
    from someluotsi.guideline.text.sentences import Sentences
    from someluotsi.guideline.text.vocabulary import FormInfo


class AnalysedText(NormalizedText):
    """A text analysed once for a whole check: see the module docstring.

    `language` is the caller's word for the text's language ("fi", "sv", "en"); when given,
    the text's language is not identified. Raises nothing on any string.
    """

    __slots__ = ("_language", "_lexicon_hits", "_main", "_parts", "_vocabulary", "_words", "hint")

    def __init__(self, original: str, *, language: str | None = None) -> None:
        super().__init__(original)
        self.hint = language
        self._main: str | None = None
        self._parts: tuple[LanguagePart, ...] | None = None
        self._words: tuple[str, ...] | None = None
        self._vocabulary: tuple[tuple[FormInfo, ...], ...] | None = None
        self._lexicon_hits: dict[int, list[LexiconMatch]] = {}

    @classmethod
    def of(cls, text: str | AnalysedText, *, language: str | None = None) -> AnalysedText:
        """`text` itself when it is already analysed, else a new analysis of it."""
        if isinstance(text, AnalysedText):
            return text
        return cls(text, language=language)

    @property
    def main_language(self) -> str:
        """The text's language: the caller's when given (then nothing is identified), else
        identified once, together with the parts (language.detect)."""
        if self._main is None:
            if self.hint in LANGUAGES:
                self._main = self.hint
            else:
                detected = language_id.detect(self._readable(), hint=self.hint)
                self._main, self._parts = detected.language, detected.parts
        return self._main

    @property
    def parts(self) -> tuple[LanguagePart, ...]:
        """The language of each sentence or line of a few words (a bilingual post has two);
        identified on first use, and only then when the caller gave the language."""
        if self._parts is None:
            if self.hint in LANGUAGES:
                self._parts = language_id.parts(self._readable())
            else:
                self.main_language  # noqa: B018 - identifies the parts with the language
        assert self._parts is not None  # noqa: S101 - set by either branch
        return self._parts

    def _readable(self) -> str:
        """The original text for the language identifier, a lone surrogate (which no encoder
        takes) replaced; the same length, so the parts' offsets stay the original's."""
        if self.original.isascii() or not _SURROGATE.search(self.original):
            return self.original
        return _SURROGATE.sub(REPLACEMENT, self.original)

    @property
    def known_parts(self) -> tuple[LanguagePart, ...]:
        """The parts if they have been identified (never identifies them)."""
        return self._parts or ()

    @property
    def language(self) -> language_id.LanguageResult:
        """The main language and the language parts (each identified at most once)."""
        return language_id.LanguageResult(self.main_language, self.parts)

    @property
    def words(self) -> tuple[str, ...]:
        """The normalised text of each token, in order."""
        if self._words is None:
            self._words = tuple(token.text for token in self.tokens)
        return self._words

    @property
    def sentences(self) -> Sentences:
        from someluotsi.guideline.text.sentences import sentences

        return sentences(self)

    @property
    def vocabulary(self) -> tuple[tuple[FormInfo, ...], ...]:
        """The harmful-language vocabulary's analyses of each token (text/vocabulary.py)."""
        if self._vocabulary is None:
            from someluotsi.guideline.text.vocabulary import vocabulary

            lookup = vocabulary().lookup
            self._vocabulary = tuple(lookup(word) for word in self.words)
        return self._vocabulary

    @property
    def vocabulary_categories(self) -> frozenset[str]:
        """Every vocabulary category some token of the text belongs to."""
        return frozenset(info.category for infos in self.vocabulary for info in infos)

    def find(self, lexicon: Lexicon) -> list[LexiconMatch]:
        """`lexicon.find(self.tokens)`, computed once per text and word list."""
        key = id(lexicon)
        found = self._lexicon_hits.get(key)
        if found is None:
            found = self._lexicon_hits[key] = lexicon.find(self.tokens)
        return found
