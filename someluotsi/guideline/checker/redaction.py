"""Redaction of personal data and security details on request."""

from __future__ import annotations

from collections.abc import Iterable

from someluotsi.guideline.model import Category, Finding

REDACTED_CATEGORIES = frozenset({Category.PERSONAL_DATA, Category.SECURITY})
PLACEHOLDERS = {"fi": "[poistettu]", "sv": "[borttaget]", "en": "[removed]"}


def redact(
    text: str,
    findings: Iterable[Finding],
    *,
    ui_language: str = "fi",
    categories: frozenset[Category] = REDACTED_CATEGORIES,
) -> str:
    """Replace the spans of findings in `categories` with a placeholder (overlaps merged)."""
    spans = sorted(
        (f.start, f.end) for f in findings if f.category in categories and f.end > f.start
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    placeholder = PLACEHOLDERS.get(ui_language, PLACEHOLDERS["fi"])
    pieces: list[str] = []
    position = 0
    for start, end in merged:
        pieces.append(text[position:start])
        pieces.append(placeholder)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
