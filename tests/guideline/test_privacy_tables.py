"""The privacy tables (tests/guideline/privacy/README.md): identifiers, links, a named person
with a sensitive detail, redaction, sensitive triage and role conduct, each case in fi, sv
and en with one expectation."""

from __future__ import annotations

from typing import Any

import pytest

from someluotsi.guideline.evaluation.privacy import LANGUAGES, PRIVACY_DIR, judge_row, load_rows

TABLES = {path.stem: load_rows(path) for path in sorted(PRIVACY_DIR.glob("*.toml"))}


def _params() -> list[Any]:
    return [
        pytest.param(row, language, id=f"{name}:{index + 1}:{language}:{row['kind'][:40]}")
        for name, rows in TABLES.items()
        for index, row in enumerate(rows)
        for language in LANGUAGES
    ]


@pytest.mark.parametrize(("row", "language"), _params())
def test_privacy_row(row: dict[str, Any], language: str) -> None:
    problems = judge_row(row, language)
    assert not problems, (row[language], problems)


def test_every_kind_has_its_table() -> None:
    expected = {
        "identifiers", "links", "sensitive_person", "redaction", "sensitive_triage", "conduct"
    }  # fmt: skip
    assert expected <= set(TABLES)
    for name, rows in TABLES.items():
        assert len(rows) >= 8, name
