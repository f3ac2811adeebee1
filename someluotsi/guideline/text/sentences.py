"""Sentence segmentation over tokens, computed once per text and shared by detectors.

A sentence ends at a line break or at ., ! or ? followed by space; a dot inside a link, a date
or a number does not end one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.normalize import NormalizedText, Token


@dataclass(frozen=True)
class Sentences:
    of_token: list[int]  # sentence number of each token
    tokens: list[list[Token]]  # tokens of each sentence
    starts: list[int]  # original start offset of each token, for lookups

    def at(self, original_offset: int) -> list[Token]:
        """The tokens of the sentence around an offset of the original text."""
        if not self.starts:
            return []
        index = max(0, bisect_right(self.starts, original_offset) - 1)
        return self.tokens[self.of_token[index]]


def sentences(text: NormalizedText) -> Sentences:
    cached = text.cache.get("sentences")
    if isinstance(cached, Sentences):
        return cached
    tokens, normalised = text.tokens, text.text
    of_token: list[int] = []
    groups: list[list[Token]] = []
    number = -1
    for index, token in enumerate(tokens):
        if index == 0:
            number = 0
            groups.append([])
        else:
            gap = normalised[tokens[index - 1].end : token.start]
            # A line break, or sentence marks with nothing but space and quotes; most gaps
            # are one space.
            if gap != " " and (
                "\n" in gap
                or (("." in gap or "!" in gap or "?" in gap) and not gap.strip(" \t.!?\"')”"))
            ):
                number += 1
                groups.append([])
        of_token.append(number)
        groups[number].append(token)
    starts = [text.span(t.start, t.end)[0] for t in tokens]
    result = Sentences(of_token, groups, starts)
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
