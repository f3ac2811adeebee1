"""One analysed text: what every detector, the classifier, triage and the tone reading share.

A check (or an inbox message) builds one `AnalysedText` and hands the same object to every
detector. It is the one entrance to the text: the normalised view with its map back to the
original offsets (normalize.py), and, computed on first use and then kept, the tokens and
words, the sentences, the language (never identified when the caller said which it is), the
harmful-vocabulary analyses of every token and the hits of any word list. Nothing is computed
that no detector asks for, and nothing is computed twice.

    analysed = AnalysedText("Tapan sinut huomenna.", language=None)
    analysed.text             # normalised: "tapan sinut huomenna."
    analysed.span(0, 5)       # offsets in the original text: (0, 5)
    analysed.words            # ("tapan", "sinut", "huomenna")
    analysed.vocabulary[0]    # the harm vocabulary's analyses of "tapan" (FormInfo tuple)
    analysed.find(lexicon)    # a word list's hits (LexiconMatch list), once per text
    analysed.language         # LanguageResult("fi", parts)

Detectors that derive more from the text keep it in `cache` (a dict per text) so that other
detectors can reuse it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from someluotsi.guideline.model import LANGUAGES
from someluotsi.guideline.text import language as language_id
from someluotsi.guideline.text.normalize import NormalizedText

if TYPE_CHECKING:
    from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
    from someluotsi.guideline.text.sentences import Sentences
    from someluotsi.guideline.text.vocabulary import FormInfo


class AnalysedText(NormalizedText):
    """A text analysed once for a whole check: see the module docstring.

    `language` is the caller's word for the text's language ("fi", "sv", "en"); when given,
    the text's language is not identified. Raises nothing on any string.
    """

    __slots__ = ("_language", "_lexicon_hits", "_vocabulary", "_words", "hint")

    def __init__(self, original: str, *, language: str | None = None) -> None:
        super().__init__(original)
        self.hint = language
        self._language: language_id.LanguageResult | None = None
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
    def language(self) -> language_id.LanguageResult:
        """The main language and the language parts (identified at most once)."""
        if self._language is None:
            detected = language_id.detect(self.original, hint=self.hint)
            if self.hint in LANGUAGES:
                detected = language_id.LanguageResult(self.hint, detected.parts)
            self._language = detected
        return self._language

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
