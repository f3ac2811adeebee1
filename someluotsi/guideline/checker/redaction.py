"""The cleaned copy of a text: personal data, security details, insults, attacks, threats,
suspicious links and material under a secrecy marking replaced by a placeholder, on request
(`someluotsi check --redact`, the check page).

Each finding is removed over its whole span. The detectors make that span what must go:
a named person's sensitive matter (privacy-011) spans the whole statement, the name and the
fact together, so no readable fragment of it is left; a link spans the whole address; an
insult, an obscenity or an attack spans its words (the insult itself goes; the rest of the
sentence, "Olet [poistettu]", says nothing about anyone).

A threat (§10.6, §9.5, §2.5) is different: its finding spans the verb of violence or the
threatening phrase, which is what the check page highlights, but the verb alone is not the
threat. "Tapan sinut huomenna kirjastossa" with "[poistettu] sinut huomenna kirjastossa"
still says who is in danger, where and when. So the copy removes the whole sentence around a
threat finding (`THREAT_SENTENCE_CATEGORIES`): the verb, its object, the place and time and
any clause of the same sentence, up to the sentence's closing marks; the sentences before
and after it stay. Sentences are those of `text/sentences.py` (a line break, or ., ! or ?
with space after; not the dot of a date, a number or a short abbreviation).
Findings without a span (the trained model's scores on the whole text) cannot be cut out.
Advice (an `info` finding: the city's own business id, a named employee's work address) is
no data that must go, and stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from someluotsi.guideline.model import Category, Finding, Severity
from someluotsi.guideline.text.normalize import NormalizedText
from someluotsi.guideline.text.sentences import sentences

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
# Categories whose findings are removed with their whole sentence (a threat: see above).
THREAT_SENTENCE_CATEGORIES = frozenset({Category.THREAT})
# What closes a sentence after its last word and goes with it: ".", "!", "?", "…", quotes.
_CLOSING_MARKS = frozenset(".!?…\"')”’»")
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
    `rules` whatever its category (a secrecy marking's material); a finding of
    `THREAT_SENTENCE_CATEGORIES` is removed with its whole sentence; overlapping or touching
    spans become one placeholder; `info` findings (advice) are kept. `findings` carry offsets
    into `text` (a report on it)."""
    kept = [
        f
        for f in findings
        if (f.category in categories or f.rule in rules)
        and f.end > f.start
        and f.severity is not Severity.INFO
    ]
    normalized: NormalizedText | None = None
    spans: list[tuple[int, int]] = []
    for finding in kept:
        if finding.category in THREAT_SENTENCE_CATEGORIES and finding.end <= len(text):
            normalized = normalized or NormalizedText(text)
            spans.append(sentence_span(normalized, finding.start, finding.end))
        else:
            spans.append((finding.start, finding.end))
    spans.sort()
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


def sentence_span(text: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The span (original offsets, end exclusive) of the sentences of `text` that the span
    `start`..`end` of its original touches, with the marks that close the last one (".",
    "!", "?", quotes); `start`..`end` itself where no sentence has a word there."""
    found = sentences(text)
    if not found.of_token:
        return start, end
    first, _ = found.bounds(found.number_at(start))
    _, last = found.bounds(found.number_at(max(start, end - 1)))
    table = text.table
    begin = text.span(table.starts[first], table.ends[first])[0]
    finish = text.span(table.starts[last - 1], table.ends[last - 1])[1]
    original = text.original
    while finish < len(original) and original[finish] in _CLOSING_MARKS:
        finish += 1
    return min(begin, start), max(finish, end)
