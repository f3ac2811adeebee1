"""The parallel tables: every threat, insult and identity case in fi, sv and en with one
expectation (tests/guideline/parallel/README.md), and the false-alarm tables beside them."""

from __future__ import annotations

from typing import Any

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.evaluation.parallel import (
    LANGUAGES,
    PARALLEL_DIR,
    load_table,
    run_row,
)
from someluotsi.guideline.model import ChannelContext, ChannelKind, Severity

TABLES = {name: load_table(PARALLEL_DIR / f"{name}.toml") for name in (
    "threat", "insult", "identity", "negatives", "counter_speech", "reclaimed", "scunthorpe"
)}  # fmt: skip


def _params(name: str) -> list[Any]:
    return [
        pytest.param(row, language, id=f"{name}:{index + 1}:{language}:{row['kind']}")
        for index, row in enumerate(TABLES[name])
        for language in LANGUAGES
    ]


@pytest.mark.parametrize(
    ("row", "language"), _params("threat") + _params("insult") + _params("identity")
)
def test_parallel_case(row: dict[str, Any], language: str) -> None:
    outcome = run_row(row, language)
    assert outcome.severity == row["severity"], (row[language], outcome.rules)
    assert set(outcome.actions) == set(row["actions"]), (row[language], outcome.actions)


@pytest.mark.parametrize(("row", "language"), _params("negatives"))
def test_violent_words_in_ordinary_speech_are_no_harm(row: dict[str, Any], language: str) -> None:
    outcome = run_row(row, language)
    assert not outcome.harm_rules, (row[language], outcome.harm_rules)
    assert outcome.category not in {"threat", "inappropriate"}, (row[language], outcome.category)


@pytest.mark.parametrize(("row", "language"), _params("counter_speech"))
def test_counter_speech_is_not_an_attack(row: dict[str, Any], language: str) -> None:
    outcome = run_row(row, language)
    blocking = [r for r, s in outcome.attack_severities.items() if s == Severity.BLOCK]
    assert not blocking, (row[language], outcome.rules)
    assert outcome.category not in {"threat", "inappropriate"}, (row[language], outcome.category)
    assert "remove" not in outcome.actions


@pytest.mark.parametrize(("row", "language"), _params("reclaimed"))
def test_reclaimed_word_in_a_pride_post_warns_at_most(row: dict[str, Any], language: str) -> None:
    report = check(
        row[language], role="organization", channel=ChannelContext(kind=ChannelKind.CITY)
    )
    assert report.verdict.value != "block", [(f.rule, f.excerpt) for f in report.findings]


@pytest.mark.parametrize(("row", "language"), _params("scunthorpe"))
def test_ordinary_words_with_a_harmful_stem_are_no_harm(row: dict[str, Any], language: str) -> None:
    outcome = run_row(row, language)
    assert not outcome.harm_rules, (row[language], outcome.harm_rules)


def test_the_tables_are_large_enough_and_parallel() -> None:
    assert len(TABLES["threat"]) >= 40
    assert len(TABLES["insult"]) >= 20
    assert len(TABLES["identity"]) >= 20
    assert len(TABLES["negatives"]) >= 15
    kinds = {row["kind"].split(",")[0] for row in TABLES["negatives"]}
    assert {"sports", "film", "game", "cooking"} <= kinds
    for rows in TABLES.values():
        for row in rows:
            assert all(row.get(language, "").strip() for language in LANGUAGES), row
            assert len({row[language] for language in LANGUAGES}) == 3, row
    police = [row for row in TABLES["threat"] if "notify_police" in row["actions"]]
    assert 0 < len(police) < len(TABLES["threat"])
