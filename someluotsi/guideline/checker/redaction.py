"""The cleaned copy of a text: personal data, security details, insults, attacks, threats,
suspicious links and material under a secrecy marking replaced by a placeholder, on request
(`someluotsi check --redact`, the check page).

Each finding is removed over its whole span. The detectors make that span what must go:
a named person's sensitive matter (privacy-011) spans the whole statement, the name and the
fact together, so no readable fragment of it is left; a link spans the whole address.
Findings without a span (the trained model's scores on the whole text) cannot be cut out.
Advice (an `info` finding: the city's own business id, a named employee's work address) is
no data that must go, and stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from someluotsi.guideline.model import Category, Finding, Severity

REDACTED_CATEGORIES = frozenset(
    {
        Category.PERSONAL_DATA,
        Category.SECURITY,
        Category.INSULT,
        Category.IDENTITY_ATTACK,
        Category.OBSCENE,
        Category.THREAT,
        Category.SUSPICIOUS_LINK,
    }
)
# Rules removed whatever their category: a secrecy marking spans the material it marks
# (detectors/confidential.py), which must not stay in a copy meant for publishing.
REDACTED_RULES = frozenset({"confidential-001"})
PLACEHOLDERS = {"fi": "[poistettu]", "sv": "[borttaget]", "en": "[removed]"}


def redact(
    text: str,
    findings: Iterable[Finding],
    *,
    ui_language: str = "fi",
    categories: frozenset[Category] = REDACTED_CATEGORIES,
    rules: frozenset[str] = REDACTED_RULES,
) -> str:
    """`text` with the span of every finding in `categories` replaced by the placeholder of
    `ui_language` ("[poistettu]", "[borttaget]", "[removed]"), and of every finding of
    `rules` whatever its category (a secrecy marking's material); overlapping or touching spans
    become one placeholder; `info` findings (advice) are kept. `findings` carry offsets into
    `text` (a report on it)."""
    spans = sorted(
        (f.start, f.end)
        for f in findings
        if (f.category in categories or f.rule in rules)
        and f.end > f.start
        and f.severity is not Severity.INFO
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
