"""The example tables: for every rule, texts that must be flagged and texts that must pass."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from someluotsi.guideline.checker.detectors.model import RULE_FOR_ATTRIBUTE
from someluotsi.guideline.checker.engine import check, engine_for
from someluotsi.guideline.model import ChannelContext, ChannelKind, Media

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for file in sorted(CASES_DIR.glob("*.toml")):
        for index, case in enumerate(tomllib.loads(file.read_text(encoding="utf-8"))["case"]):
            cases.append((f"{file.stem}:{index + 1}:{case['rule']}:{case['expect']}", case))
    return cases


CASES = _load()


def run_case(case: dict[str, Any]) -> Any:
    channel = (
        ChannelContext(
            kind=ChannelKind(case.get("channel", "personal")), incident=case.get("incident", False)
        )
        if "channel" in case or "incident" in case
        else None
    )
    media = [Media(**item) for item in case.get("media", [])]
    return check(
        case["text"],
        role=case.get("role", "employee"),
        channel=channel,
        media=media,
        ui_language=case.get("lang", "fi"),
    )


@pytest.mark.parametrize("case", [c for _id, c in CASES], ids=[i for i, _c in CASES])
def test_example(case: dict[str, Any]) -> None:
    report = run_case(case)
    hits = [f for f in report.findings if f.rule == case["rule"]]
    if case["expect"] == "flag":
        assert hits, f"expected {case['rule']} in {[f.rule for f in report.findings]}"
        if "excerpt" in case:
            assert case["excerpt"] in [f.excerpt for f in hits]
    else:
        assert not hits, f"unexpected {case['rule']}: {[f.excerpt for f in hits]}"


def test_every_rule_has_flag_and_pass_examples() -> None:
    rulebook = engine_for().rulebook
    flagged = {c["rule"] for _i, c in CASES if c["expect"] == "flag"}
    passed = {c["rule"] for _i, c in CASES if c["expect"] == "pass"}
    # Model rules are measured by the evaluation (`someluotsi eval`), not by fixed examples.
    model_rules = set(RULE_FOR_ATTRIBUTE.values())
    rules = set(rulebook.rules) - model_rules
    assert rules - flagged == set()
    assert rules - {"privacy-009", "engagement-005", "identity-001"} - passed == set()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_examples_cover_each_language(language: str) -> None:
    assert sum(1 for _i, c in CASES if c.get("lang") == language) >= 15
