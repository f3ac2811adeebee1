"""The tone of a citizen's message — positive, neutral or negative — for the quality of
reactions (§16.3) and for storm detection (§17).

Word valences from AFINN (see data/tone/README.md) in Finnish, Swedish and English. Finnish and
Swedish words are inflected, so a word not found as written is looked up again without its
ending (kiitos → kiitoksia, hyvä → hyvää, dålig → dåliga); a negation word turns the valence of
the next three words (ei hyvä, inte bra, not good); emoji count too. The triage category, when
known, overrides: a threat or an insult is negative whatever its words, praise is positive.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.normalize import NormalizedText

DATA = Path(__file__).parents[1] / "data" / "tone"
NEGATIONS = frozenset(
    {"ei", "en", "et", "emme", "ette", "eivät", "eikä", "älä", "älkää", "inte", "ej", "icke",
     "aldrig", "not", "no", "never", "dont", "don't", "isn't", "wasn't", "ain't"}
)  # fmt: skip
# Finnish case and possessive endings, then Swedish and English inflection, longest first.
ENDINGS = tuple(
    sorted(
        {"ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä",
         "na", "nä", "an", "än", "en", "in", "on", "un", "yn", "ön", "ja", "jä", "ia", "iä",
         "ita", "itä", "ista", "istä", "ille", "illa", "illä", "ni", "si", "mme", "nne", "nsa",
         "nsä", "a", "ä", "n", "t", "kin", "kaan", "kään",
         "arna", "erna", "orna", "ar", "er", "or", "et", "are", "ast", "aste", "e", "s", "ed",
         "ing", "ly"},
        key=len,
        reverse=True,
    )
)  # fmt: skip
POSITIVE_EMOJI = frozenset("😀😃😄😁😊🙂😍🥰😘👍👏🙏❤💙💛💚🧡💜🤍🎉🌟✨💯🥳☺")
NEGATIVE_EMOJI = frozenset("😠😡🤬👎😤😒🙄😞😢😭💩🤮🤢😖😩😫")
NEGATIVE_CATEGORIES = frozenset({"threat", "inappropriate"})
POSITIVE_CATEGORIES = frozenset({"praise"})
MIN_STEM = 4
MAX_CHARS = 20_000  # a message's tone shows in its beginning; longer texts are read that far


class Tone(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


@dataclass(frozen=True, slots=True)
class ToneResult:
    tone: Tone
    score: float  # sum of valences; > 0 positive, < 0 negative
    words: tuple[str, ...]  # the words that counted, as written (lower case)


@cache
def _valences(language: str) -> dict[str, int]:
    path = DATA / f"afinn-{language}.tsv"
    table: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.rpartition("\t")
        if word and value.lstrip("-").isdigit():
            table[word.strip().lower()] = int(value)
    return table


def _lookup(word: str, table: dict[str, int]) -> int | None:
    if word in table:
        return table[word]
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            if stem in table:
                return table[stem]
            # Finnish stems drop or change their last vowel: kiitos/kiitoks-, hyvä/hyvää.
            for vowel in ("a", "ä", "i", "e", "o"):
                if stem + vowel in table:
                    return table[stem + vowel]
    return None


def tone(text: str | AnalysedText, *, language: str = "fi", category: str = "") -> ToneResult:
    """The tone of `text` in `language` (fi, sv or en; others read as English).

    `text` may be the `AnalysedText` triage already built for the message (its tokens are
    reused, not computed again).
    """
    table = _valences(language if language in {"fi", "sv", "en"} else "en")
    score = 0.0
    words: list[str] = []
    negated = 0
    original = text.original if isinstance(text, AnalysedText) else text
    if isinstance(text, AnalysedText) and len(original) <= MAX_CHARS:
        tokens = text.tokens
    else:
        tokens = NormalizedText(original[:MAX_CHARS]).tokens
    for token in tokens:
        word = token.text
        if word in NEGATIONS:
            negated = 3
            continue
        value = _lookup(word, table) if len(word) <= 40 else None
        if value is not None:
            score += -value if negated else value
            words.append(word)
        negated = max(0, negated - 1)
    beginning = original[:MAX_CHARS]
    score += 1.5 * sum(map(beginning.count, POSITIVE_EMOJI))
    score -= 1.5 * sum(map(beginning.count, NEGATIVE_EMOJI))
    if category in NEGATIVE_CATEGORIES:
        result = Tone.NEGATIVE
    elif category in POSITIVE_CATEGORIES or score >= 1:
        result = Tone.POSITIVE
    elif score <= -1:
        result = Tone.NEGATIVE
    else:
        result = Tone.NEUTRAL
    return ToneResult(tone=result, score=score, words=tuple(words))
