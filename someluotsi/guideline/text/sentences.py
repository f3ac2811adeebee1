"""Sentence segmentation over tokens, computed once per text and shared by detectors.

A sentence ends at a line break or at ., ! or ? followed by space; a dot inside a link, a date
or a number does not end one.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, compress, pairwise

from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.normalize import NormalizedText, Token


class Sentences:
    """The sentences of a text, over its tokens: `of_token[i]` is token i's sentence number
    (0, 1, ... in order), `firsts[k]` sentence k's first token; `tokens[k]` (sentence k's
    tokens) and `starts` (each token's start offset in the original text) are made on first
    use."""

    __slots__ = ("_starts", "_text", "_tokens", "firsts", "of_token")

    def __init__(self, text: NormalizedText, of_token: list[int], firsts: list[int]) -> None:
        self._text = text
        self.of_token = of_token
        self.firsts = firsts
        self._tokens: list[list[Token]] | None = None
        self._starts: list[int] | None = None

    @property
    def tokens(self) -> list[list[Token]]:
        """The tokens of each sentence."""
        if self._tokens is None:
            tokens = self._text.tokens
            bounds = [*self.firsts, len(tokens)]
            self._tokens = [list(tokens[a:b]) for a, b in pairwise(bounds)]
        return self._tokens

    @property
    def starts(self) -> list[int]:
        """The original start offset of each token, for lookups."""
        if self._starts is None:
            self._starts = self._text.original_starts(self._text.table.starts)
        return self._starts

    def at(self, original_offset: int) -> list[Token]:
        """The tokens of the sentence around an offset of the original text."""
        if not self.starts:
            return []
        index = max(0, bisect_right(self.starts, original_offset) - 1)
        return self.tokens[self.of_token[index]]


def _ends_sentence(gap: str) -> bool:
    """Whether the text between two tokens ends a sentence: a line break, or sentence marks
    with nothing but space and quotes."""
    return gap != " " and (
        "\n" in gap or (("." in gap or "!" in gap or "?" in gap) and not gap.strip(" \t.!?\"')”"))
    )


def sentences(text: NormalizedText) -> Sentences:
    cached = text.cache.get("sentences")
    if isinstance(cached, Sentences):
        return cached
    gaps = text.table.gaps[1:-1]  # between tokens: gaps[i - 1] comes before token i
    # Decided once per distinct gap (most are one space), then summed up at C speed.
    ending = {gap for gap in dict.fromkeys(gaps) if _ends_sentence(gap)}
    if not text.table.words:
        of_token: list[int] = []
        firsts: list[int] = []
    elif not ending:
        of_token, firsts = [0] * len(text.table.words), [0]
    else:
        breaks = list(map(ending.__contains__, gaps))
        of_token = list(accumulate(breaks, initial=0))
        firsts = [0, *compress(range(1, len(breaks) + 1), breaks)]
    result = Sentences(text, of_token, firsts)
    text.cache["sentences"] = result
    return result


def sentence_matches(
    text: NormalizedText, lexicon: Lexicon, sentence: list[Token]
) -> list[LexiconMatch]:
    """`lexicon.find(sentence)`, computed once per sentence and lexicon for the whole check."""
    cache = text.cache.setdefault("sentence_matches", {})
    assert isinstance(cache, dict)  # noqa: S101 - created just above
    key = (id(lexicon), sentence[0].start if sentence else -1)
    if key not in cache:
        cache[key] = lexicon.find(sentence)
    found: list[LexiconMatch] = cache[key]
    return found
