"""The parallel tables: one case in Finnish, Swedish and English with one expectation.

A table is a TOML file of `[[row]]`s, each with `kind`, `fi`, `sv`, `en` and, for the harm
tables, the expected finding `category`, its highest `severity` and the triage `actions`
(tests/guideline/parallel/README.md). `run_row` checks one language of a row the way a city
would: the post checker for an employee's post (language identified, not given) and triage for
a citizen's message. `parallel_section` scores every table per language for `someluotsi eval`:
a row passes in a language when everything expected of it holds there.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from someluotsi.guideline.checker.detectors.model import RULE_FOR_ATTRIBUTE
from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for
from someluotsi.guideline.messages.triage import triage
from someluotsi.guideline.model import (
    AuthorRole,
    Category,
    ChannelContext,
    ChannelKind,
    Severity,
    Verdict,
)

LANGUAGES = ("fi", "sv", "en")
PARALLEL_DIR = Path(__file__).resolve().parents[3] / "tests" / "guideline" / "parallel"
HARM_CATEGORIES = frozenset(
    {Category.THREAT, Category.INSULT, Category.IDENTITY_ATTACK, Category.OBSCENE}
)
ATTACK_CATEGORIES = frozenset({Category.INSULT, Category.IDENTITY_ATTACK})
# The trained model's warnings ("the tone may be insulting") are measured by the Suomi24
# evaluation; the false-alarm tables hold the rules to account.
MODEL_RULES = frozenset(RULE_FOR_ATTRIBUTE.values())


@dataclass(frozen=True)
class Outcome:
    """What the engine made of one language of a row."""

    severity: str  # highest severity of the row's category, "none" without a finding
    actions: tuple[str, ...]  # triage actions
    category: str  # triage category
    rules: tuple[str, ...]  # every rule the check reported
    harm_rules: tuple[str, ...]  # threat, insult, identity and obscenity rules (not the model)
    attack_severities: dict[str, Severity]  # insult and identity rules with their severity


def load_table(path: Path) -> list[dict[str, Any]]:
    """The rows of one table; raises ValueError when a row lacks a language."""
    rows: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8")).get("row", [])
    for row in rows:
        missing = [language for language in LANGUAGES if not row.get(language)]
        if missing:
            raise ValueError(f"{path.name}: row {row.get('kind')!r} lacks {missing}")
    return rows


def run_row(row: dict[str, Any], language: str, engine: GuidelineEngine | None = None) -> Outcome:
    """Check and triage `row[language]` (the language is identified, as for a real text)."""
    engine = engine or engine_for()
    text = row[language]
    report = engine.check(text, role=AuthorRole.EMPLOYEE)
    expected = row.get("category")
    severities = [f.severity for f in report.findings if f.category.value == expected]
    severity = max(severities, key=lambda s: s.rank).value if severities else "none"
    triaged = triage(text, engine=engine)
    attacks: dict[str, Severity] = {}
    for finding in report.findings:
        if finding.category in ATTACK_CATEGORIES:
            attacks[finding.rule] = max(
                attacks.get(finding.rule, finding.severity), finding.severity, key=lambda s: s.rank
            )
    return Outcome(
        severity=severity,
        actions=tuple(action.value for action in triaged.actions),
        category=triaged.category.value,
        rules=tuple(f.rule for f in report.findings),
        harm_rules=tuple(
            f.rule
            for f in report.findings
            if f.category in HARM_CATEGORIES and f.rule not in MODEL_RULES
        ),
        attack_severities=attacks,
    )


def _harm_table(row: dict[str, Any], outcome: Outcome) -> bool:
    return outcome.severity == row["severity"] and set(outcome.actions) == set(row["actions"])


def _no_harm(_row: dict[str, Any], outcome: Outcome) -> bool:
    return not outcome.harm_rules and outcome.category not in {"threat", "inappropriate"}


def _not_an_attack(_row: dict[str, Any], outcome: Outcome) -> bool:
    return (
        Severity.BLOCK not in outcome.attack_severities.values()
        and outcome.category not in {"threat", "inappropriate"}
        and "remove" not in outcome.actions
    )


def _scunthorpe(_row: dict[str, Any], outcome: Outcome) -> bool:
    return not outcome.harm_rules


JUDGES: dict[str, Callable[[dict[str, Any], Outcome], bool]] = {
    "threat": _harm_table,
    "insult": _harm_table,
    "identity": _harm_table,
    "negatives": _no_harm,
    "counter_speech": _not_an_attack,
    "scunthorpe": _scunthorpe,
}


def _reclaimed_ok(engine: GuidelineEngine, text: str) -> bool:
    report = engine.check(
        text, role=AuthorRole.ORGANIZATION, channel=ChannelContext(kind=ChannelKind.CITY)
    )
    return report.verdict is not Verdict.BLOCK


def score_tables(
    engine: GuidelineEngine, directory: Path = PARALLEL_DIR
) -> dict[str, dict[str, tuple[int, int]]]:
    """{table: {language: (rows passed, rows)}} for every table in `directory`."""
    scores: dict[str, dict[str, tuple[int, int]]] = {}
    for path in sorted(directory.glob("*.toml")):
        name = path.stem
        rows = load_table(path)
        per_language: dict[str, tuple[int, int]] = {}
        for language in LANGUAGES:
            passed = 0
            for row in rows:
                if name == "reclaimed":
                    ok = _reclaimed_ok(engine, row[language])
                elif name in JUDGES:
                    ok = JUDGES[name](row, run_row(row, language, engine))
                else:
                    continue
                passed += ok
            per_language[language] = (passed, len(rows))
        scores[name] = per_language
    return scores


def parallel_section(engine: GuidelineEngine, directory: Path = PARALLEL_DIR) -> list[str]:
    """The markdown section of `someluotsi eval`: rows passed per table and language."""
    scores = score_tables(engine, directory)
    lines = [
        "## Parallel tables (the same cases in fi, sv and en)",
        "",
        "| table | fi | sv | en |",
        "| --- | --- | --- | --- |",
    ]
    for name, per_language in scores.items():
        cells = " | ".join(
            f"{passed}/{total}" for passed, total in (per_language[lang] for lang in LANGUAGES)
        )
        lines.append(f"| {name} | {cells} |")
    clean = directory.parent / "checker" / "clean_posts.toml"
    if clean.exists():
        flagged, total = clean_posts_flagged(engine, clean)
        lines += [
            "",
            f"Clean city posts with a harm finding or blocked (organisation and employee): "
            f"{flagged}/{total} ({100 * flagged / max(total, 1):.1f} %).",
        ]
    return lines


def clean_posts_flagged(engine: GuidelineEngine, path: Path) -> tuple[int, int]:
    """(clean posts with a threat, insult, obscenity or identity finding or a block for an
    organisation or an employee, posts) for tests/guideline/checker/clean_posts.toml."""
    posts = tomllib.loads(path.read_text(encoding="utf-8")).get("post", [])
    flagged = 0
    for post in posts:
        for role in (AuthorRole.ORGANIZATION, AuthorRole.EMPLOYEE):
            report = engine.check(post["text"], role=role, language=post.get("lang"))
            harmful = any(f.category in HARM_CATEGORIES for f in report.findings)
            if harmful or report.verdict is Verdict.BLOCK:
                flagged += 1
                break
    return flagged, len(posts)
