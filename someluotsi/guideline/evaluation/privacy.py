"""The privacy tables: personal data, links, redaction, sensitive triage and role conduct,
one case in Finnish, Swedish and English with one expectation (issue 16, §3, §4, §6).

A table is a TOML file of `[[row]]`s with `kind`, `fi`, `sv`, `en` and what must hold
(tests/guideline/privacy/README.md):

- `flag` / `absent`: rules that must / must not be reported by the post checker, for the
  row's `role` (an employee by default); `excerpt` ({language: text}) the exact span of the
  first flagged rule; `verdict` the report's verdict;
- `gone` / `kept` ({language: [texts]}): what the redacted copy must no longer / still contain;
- `category` / `actions`: the triage of the text as a citizen's message.

`judge_row` says whether one language of a row holds and, when not, why; `privacy_section`
scores every table per language for `someluotsi eval`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for
from someluotsi.guideline.checker.redaction import redact
from someluotsi.guideline.messages.triage import triage

LANGUAGES = ("fi", "sv", "en")
PRIVACY_DIR = Path(__file__).resolve().parents[3] / "tests" / "guideline" / "privacy"


def load_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of one table; raises ValueError when a row lacks a language or says nothing
    to check."""
    rows: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8")).get("row", [])
    checks = ("flag", "absent", "gone", "kept", "category", "verdict")
    for row in rows:
        missing = [language for language in LANGUAGES if not row.get(language)]
        if missing:
            raise ValueError(f"{path.name}: row {row.get('kind')!r} lacks {missing}")
        if not any(key in row for key in checks):
            raise ValueError(f"{path.name}: row {row.get('kind')!r} checks nothing")
    return rows


def judge_row(
    row: dict[str, Any], language: str, engine: GuidelineEngine | None = None
) -> list[str]:
    """What fails in `row[language]` (an empty list when the row holds)."""
    engine = engine or engine_for()
    text = row[language]
    problems: list[str] = []
    report = engine.check(text, role=row.get("role", "employee"), ui_language=language)
    rules = [f.rule for f in report.findings]
    for rule in row.get("flag", ()):
        if rule not in rules:
            problems.append(f"{rule} missing (found {rules})")
    for rule in row.get("absent", ()):
        if rule in rules:
            excerpts = [f.excerpt for f in report.findings if f.rule == rule]
            problems.append(f"{rule} must not be reported: {excerpts}")
    excerpt = row.get("excerpt", {}).get(language)
    if excerpt is not None and row.get("flag"):
        found = [f.excerpt for f in report.findings if f.rule == row["flag"][0]]
        if excerpt not in found:
            problems.append(f"excerpt {excerpt!r} not in {found}")
    if "verdict" in row and report.verdict.value != row["verdict"]:
        problems.append(f"verdict {report.verdict.value}, expected {row['verdict']}")
    if "gone" in row or "kept" in row:
        cleaned = redact(text, report.findings, ui_language=language)
        for piece in row.get("gone", {}).get(language, ()):
            if piece.lower() in cleaned.lower():
                problems.append(f"{piece!r} left in the cleaned copy: {cleaned!r}")
        for piece in row.get("kept", {}).get(language, ()):
            if piece not in cleaned:
                problems.append(f"{piece!r} lost from the cleaned copy: {cleaned!r}")
    if "category" in row:
        result = triage(text, engine=engine)
        if result.category.value != row["category"]:
            problems.append(f"triage {result.category.value}, expected {row['category']}")
        actions = {action.value for action in result.actions}
        if "actions" in row and actions != set(row["actions"]):
            problems.append(f"actions {sorted(actions)}, expected {sorted(row['actions'])}")
    return problems


def score_tables(
    engine: GuidelineEngine, directory: Path = PRIVACY_DIR
) -> dict[str, dict[str, tuple[int, int]]]:
    """{table: {language: (rows that hold, rows)}} for every table in `directory`."""
    scores: dict[str, dict[str, tuple[int, int]]] = {}
    for path in sorted(directory.glob("*.toml")):
        rows = load_rows(path)
        scores[path.stem] = {
            language: (sum(not judge_row(row, language, engine) for row in rows), len(rows))
            for language in LANGUAGES
        }
    return scores


def privacy_section(engine: GuidelineEngine, directory: Path = PRIVACY_DIR) -> list[str]:
    """The markdown section of `someluotsi eval`: rows that hold per table and language."""
    lines = [
        "## Privacy, link, redaction, triage and conduct tables (fi, sv, en)",
        "",
        "| table | fi | sv | en |",
        "| --- | --- | --- | --- |",
    ]
    for name, per_language in score_tables(engine, directory).items():
        cells = " | ".join(f"{p}/{t}" for p, t in (per_language[lang] for lang in LANGUAGES))
        lines.append(f"| {name} | {cells} |")
    return lines
