"""Turning a report into what the page shows: the text cut into highlighted segments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from someluotsi.core.templatetags.ui import language_name
from someluotsi.guideline.model import Category, Finding, LanguagePart, Report, Severity

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


# The name of a part in another script (the engine's "other"), which Django does not know.
OTHER_SCRIPT = _("another script")


# The languages a piece is marked in (`lang`); a part in another script keeps the text's own.
MARKED_LANGUAGES = frozenset({"fi", "sv", "en"})


@dataclass(frozen=True)
class Segment:
    text: str
    severity: str  # "" when not highlighted
    finding_numbers: tuple[int, ...]
    # The language of the part of the text the piece is in, where it differs from the text's
    # main language (the `lang` of the page's container), else "": a screen reader then
    # switches voices within a bilingual post (WCAG 2.1, 3.1.2 Language of Parts).
    language: str = ""


def _language(code: str) -> str:
    """A language's name in the page's language (`ui.language_name`), or the other script's."""
    return str(OTHER_SCRIPT) if code == "other" else language_name(code)


def language_line(report: Report) -> str:
    """The languages the check read the text in, named in the page's language, the main one
    first and then the others of `report.parts` in the order they come ("Swedish, Finnish"
    for "Biblioteket är stängt på midsommar. Kirjasto on suljettu juhannuksena."); for a
    text whose language nothing told (`report.language_certain` false) the language it was
    read in, said so."""
    codes = list(dict.fromkeys([report.language, *(part.language for part in report.parts)]))
    names = ", ".join(map(_language, codes))
    if not report.language_certain:
        return gettext("language not recognised, read as %(language)s") % {
            "language": _language(report.language)
        }
    if len(codes) == 1:
        return gettext("text language %(language)s") % {"language": names}
    return gettext("text languages %(languages)s") % {"languages": names}


def findings_by_importance(findings: Sequence[Finding]) -> list[Finding]:
    """Must-fix first, then check-this, then tips; in text order within each."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.start, f.rule))


def highlight_segments(
    text: str,
    findings: Sequence[Finding],
    parts: Sequence[LanguagePart] = (),
    main_language: str = "",
) -> list[Segment]:
    """Cut the text at every finding boundary and, given the report's language `parts`, at
    every part boundary; each piece carries its worst severity, the numbers of the findings
    over it (1-based, in the order of `findings`) and the language of its part where that is
    not `main_language` (`Segment.language`).

    One sweep over the sorted cuts, the findings over a piece kept as they open and close:
    O((findings + parts) log) plus the findings open at each piece."""
    spans = [(f.start, f.end, n, f.severity) for n, f in enumerate(findings, 1) if f.end > f.start]
    foreign = [
        p
        for p in parts
        if p.end > p.start and p.language != main_language and p.language in MARKED_LANGUAGES
    ]
    cuts = sorted(
        {0, len(text)}
        | {s for s, *_ in spans}
        | {e for _s, e, *_ in spans}
        | {p.start for p in foreign}
        | {p.end for p in foreign}
    )
    opening: dict[int, list[tuple[int, Severity]]] = {}
    closing: dict[int, list[int]] = {}
    for start, end, number, severity in spans:
        opening.setdefault(start, []).append((number, severity))
        closing.setdefault(end, []).append(number)
    languages = {p.start: p.language for p in foreign}
    ends = {p.end for p in foreign}
    open_now: dict[int, Severity] = {}
    language = ""
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        for number in closing.get(start, ()):
            open_now.pop(number, None)
        open_now.update(opening.get(start, ()))
        if start in ends:
            language = ""
        language = languages.get(start, language)
        worst = max(open_now.values(), key=lambda sev: sev.rank, default=None)
        segments.append(
            Segment(
                text[start:end],
                worst.value if worst else "",
                tuple(sorted(open_now)),
                language,
            )
        )
    return segments
