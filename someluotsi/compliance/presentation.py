"""Turning a report into what the page shows: the text cut into highlighted segments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.translation import gettext_lazy as _

from someluotsi.guideline.model import Category, Finding, Severity

CATEGORY_LABELS = {
    Category.PERSONAL_DATA: _("Personal data"),
    Category.CONFIDENTIAL: _("Confidential or unfinished"),
    Category.SECURITY: _("Security details"),
    Category.THREAT: _("Threat"),
    Category.INSULT: _("Insult"),
    Category.OBSCENE: _("Obscene language"),
    Category.IDENTITY_ATTACK: _("Identity attack"),
    Category.RUMOR: _("Rumour"),
    Category.ROLE_CONDUCT: _("Role conduct"),
    Category.DISCLAIMER: _("Missing disclaimer"),
    Category.SUSPICIOUS_LINK: _("Suspicious link or file"),
    Category.ACCESSIBILITY: _("Accessibility"),
    Category.ENGAGEMENT: _("Reach and engagement"),
}
SEVERITY_LABELS = {
    Severity.BLOCK: _("Must be fixed"),
    Severity.WARN: _("Check this"),
    Severity.INFO: _("Tip"),
}


@dataclass(frozen=True)
class Segment:
    text: str
    severity: str  # "" when not highlighted
    finding_numbers: tuple[int, ...]


def findings_by_importance(findings: Sequence[Finding]) -> list[Finding]:
    """Must-fix first, then check-this, then tips; in text order within each."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.start, f.rule))


def highlight_segments(text: str, findings: Sequence[Finding]) -> list[Segment]:
    """Cut the text at every finding boundary; each piece carries its worst severity."""
    spans = [(f.start, f.end, n, f.severity) for n, f in enumerate(findings, 1) if f.end > f.start]
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _s, e, *_ in spans)})
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = [(n, sev) for s, e, n, sev in spans if s <= start and end <= e]
        worst = max((sev for _n, sev in covering), key=lambda sev: sev.rank, default=None)
        segments.append(
            Segment(text[start:end], worst.value if worst else "", tuple(n for n, _ in covering))
        )
    return segments
