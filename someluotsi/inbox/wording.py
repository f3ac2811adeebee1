"""Checker findings worded in the reader's language.

A message's findings are stored as the check worded them when the message arrived, in the
message's own language (guideline.messages.triage checks with ui_language = the message's
language): that stored record stays as it is, for the audit trail. Pages and documents show
each finding in the reader's UI language, re-worded from the rule id with the rulebook's text
in that language. A rule whose text takes parameters (link-003 names the trusted domains)
cannot be re-worded from the id alone: the message's text is checked again for display only,
in the reader's language, and the finding of the same rule and span gives the words. When the
rulebook no longer has the rule, or the display check finds no such finding, the stored words
are shown: never a wording the check did not produce.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any

from someluotsi.compliance.engine import configured_engine
from someluotsi.guideline.checker.engine import GuidelineEngine
from someluotsi.guideline.model import AuthorRole, EngineError, Finding

LANGUAGES = ("fi", "sv", "en")


def _has_fields(template: str) -> bool:
    return any(
        field is not None for _text, field, _spec, _conv in string.Formatter().parse(template)
    )


def _language(value: str | None) -> str:
    return value if value in LANGUAGES else "fi"


def findings_worded(
    findings: Iterable[Mapping[str, Any]],
    *,
    ui_language: str | None,
    text: str = "",
    text_language: str | None = None,
) -> list[dict[str, Any]]:
    """Copies of stored findings (dicts with rule, start, end, excerpt, guideline, message…)
    whose "message" is in `ui_language` (fi, sv or en; anything else: Finnish). The stored
    dicts are not changed. `text` (in `text_language`) is the checked text, for rules whose
    wording takes parameters; without it those keep their stored words."""
    ui = _language(ui_language)
    stored = list(findings)
    engine = configured_engine()
    rechecked: list[Finding] | None = None
    worded = []
    for finding in stored:
        copy = dict(finding)
        rule = engine.rulebook.rules.get(str(finding.get("rule", "")))
        if rule is not None:
            template = rule.message[ui]
            if not _has_fields(template):
                copy["message"] = template
            elif text:
                if rechecked is None:
                    rechecked = _recheck(engine, text, text_language, ui)
                same = next((f for f in rechecked if _same(f, finding)), None)
                if same is not None:
                    copy["message"] = same.message
        worded.append(copy)
    return worded


def _same(found: Finding, stored: Mapping[str, Any]) -> bool:
    """The display check's finding for a stored one: the same rule and span (or, where the
    span was not stored, as in escalation evidence, the same excerpt)."""
    if found.rule != stored.get("rule"):
        return False
    if stored.get("start") is not None and stored.get("end") is not None:
        return (found.start, found.end) == (stored.get("start"), stored.get("end"))
    return found.excerpt == stored.get("excerpt")


def _recheck(engine: GuidelineEngine, text: str, language: str | None, ui: str) -> list[Finding]:
    """The display-only check of `text` in the reader's language. Nothing is stored; a text
    the engine refuses (over its length limit, or showing nothing) gives no findings."""
    try:
        report = engine.check(
            text,
            role=AuthorRole.ORGANIZATION,
            language=language if language in LANGUAGES else None,
            ui_language=ui,
        )
    except EngineError:  # TextTooLongError, BlankTextError
        return []
    return list(report.findings)
