"""Language identification for Finnish, Swedish and English, per text and per part.

py3langid restricted to fi/sv/en (99 % on full texts in the project's measurements). Short or
uncertain texts fall back to the caller's hint (the channel's or author's language). Bilingual
posts are split at sentence and line breaks and each part is labelled, so a Finnish–Swedish city
post is recognised as both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from someluotsi.guideline.model import LANGUAGES, LanguagePart
from someluotsi.guideline.text.patterns import WORDS_OF_TWO, compile_pattern

MIN_WORDS = 4
MIN_CONFIDENCE = 0.8
# Sentence ends, line breaks and the " / " that bilingual posts put between their languages.
_BREAK = compile_pattern(r"[.!?]+\s+|\n+|\s/\s|\s\|\s")
_WORD = WORDS_OF_TWO


@cache
def _identifier() -> Any:
    from py3langid import langid  # type: ignore[import-untyped]

    identifier = langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )
    identifier.set_languages(list(LANGUAGES))
    # Keep only the three languages' columns, in float32: the full float16 table of all
    # languages is ~28 MB, and float16 rows were converted on every product anyway (exactly:
    # every float16 is a float32, so the scores do not change).
    identifier.nb_ptc = identifier.nb_ptc.astype(np.float32)
    identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    return identifier


def preload() -> None:
    _identifier()


def classify(text: str) -> tuple[str, float]:
    language, confidence = _identifier().classify(text)
    return str(language), float(confidence)


@dataclass(frozen=True, slots=True)
class LanguageResult:
    language: str
    parts: tuple[LanguagePart, ...]

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(part.language for part in self.parts) | {self.language}


def _segments(text: str) -> list[tuple[int, int]]:
    segments: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        segments.append((start, match.start()))
        start = match.end()
    segments.append((start, len(text)))
    return [(a, b) for a, b in segments if text[a:b].strip()]


def detect(text: str, *, hint: str | None = None) -> LanguageResult:
    """The main language of `text` and its language parts.

    `hint` wins for short or uncertain texts; with no hint those default to Finnish, the city's
    majority language.
    """
    fallback = hint if hint in LANGUAGES else "fi"
    words = len(_WORD.findall(text)) if len(text) < 2000 else MIN_WORDS
    if words < MIN_WORDS:
        return LanguageResult(fallback, ())
    main, confidence = classify(text)
    if confidence < MIN_CONFIDENCE:
        main = fallback
    found = parts(text)
    if len({part.language for part in found}) > 1:
        main = found[0].language  # bilingual posts lead with their primary language
    return LanguageResult(main, found)


def parts(text: str) -> tuple[LanguagePart, ...]:
    """The language of each part of `text` (sentences and lines of at least MIN_WORDS words,
    neighbours of one language merged); parts identified with little confidence are left out."""
    found: list[LanguagePart] = []
    if len(text) < 2000 and len(_WORD.findall(text)) < MIN_WORDS:
        return ()
    for start, end in _segments(text) if len(text) < 20_000 else []:
        segment = text[start:end]
        if len(_WORD.findall(segment)) < MIN_WORDS:
            continue
        language, part_confidence = classify(segment)
        if part_confidence < MIN_CONFIDENCE:
            continue
        if found and found[-1].language == language:
            found[-1] = LanguagePart(found[-1].start, end, language)
        else:
            found.append(LanguagePart(start, end, language))
    return tuple(found)
