from __future__ import annotations

from pathlib import Path

import pytest

from someluotsi.guideline.checker.engine import GuidelineEngine
from someluotsi.guideline.checker.rulebook import (
    DEFAULT_RULEBOOK,
    RulebookError,
    rulebook_load,
    rulebook_parse,
)
from someluotsi.guideline.model import AuthorRole, Severity

GOOD_RULE = """
[[rules]]
id = "privacy-001"
category = "personal_data"
guideline = ["§2.5"]
severity = { default = "block", expert = "warn" }
message = { fi = "a", sv = "b", en = "c" }
suggestion = { fi = "a", sv = "b", en = "c" }
"""
HEADER = """
[rulebook]
id = "test"
version = "1"
municipality = "Testikunta"
title = "Testi"
[city]
domains = ["testikunta.fi"]
"""


def test_bundled_rulebook_loads_and_every_rule_is_trilingual() -> None:
    rulebook = rulebook_load()
    assert rulebook.id == "kokkola-2021"
    assert len(rulebook.rules) >= 30
    for rule in rulebook.rules.values():
        assert set(rule.message) == {"fi", "sv", "en"}
        assert rule.guideline


def test_severity_falls_back_to_default_per_role() -> None:
    rulebook = rulebook_parse(HEADER + GOOD_RULE)
    rule = rulebook.rule("privacy-001")
    assert rule.severity_for(AuthorRole.EXPERT) is Severity.WARN
    assert rule.severity_for(AuthorRole.ELECTED) is Severity.BLOCK


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD_RULE.replace('"privacy-001"', '"Privacy1"'), "id must look like 'privacy-001'"),
        (GOOD_RULE.replace('"personal_data"', '"gossip"'), "unknown category 'gossip'"),
        (GOOD_RULE.replace('"§2.5"', '"2.5"'), "guideline section must look like '§10.6'"),
        (
            GOOD_RULE.replace('default = "block"', 'default = "blok"'),
            "must be one of block, warn, info",
        ),
        (GOOD_RULE.replace("expert", "mayor"), "severity for unknown role 'mayor'"),
        (
            GOOD_RULE.replace('sv = "b", en = "c" }\nsuggestion', 'en = "c" }\nsuggestion'),
            "'message.sv' is missing",
        ),
        (GOOD_RULE + GOOD_RULE, "the id is used twice"),
        (GOOD_RULE.replace('guideline = ["§2.5"]\n', ""), "guideline: must be a list"),
    ],
)
def test_broken_rulebook_is_refused_with_a_named_problem(broken: str, message: str) -> None:
    with pytest.raises(RulebookError) as excinfo:
        rulebook_parse(HEADER + broken, source="testikunta.toml")
    assert "testikunta.toml" in str(excinfo.value)
    assert message in str(excinfo.value)


def test_invalid_toml_is_refused() -> None:
    with pytest.raises(RulebookError, match="not valid TOML"):
        rulebook_parse("[rulebook\nid=")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match="cannot read the rulebook"):
        rulebook_load(tmp_path / "missing.toml")


def test_engine_refuses_a_rulebook_that_lacks_detector_rules() -> None:
    with pytest.raises(RulebookError, match="lacks rules the detectors report"):
        GuidelineEngine(rulebook_parse(HEADER + GOOD_RULE))


def test_another_city_can_point_at_its_own_rulebook(tmp_path: Path) -> None:
    text = (
        DEFAULT_RULEBOOK.read_text(encoding="utf-8")
        .replace('municipality = "Kokkola"', 'municipality = "Kälviä"')
        .replace('contact_phones = ["06 828 9111"', 'contact_phones = ["040 123 4567"')
    )
    own = tmp_path / "kalvia.toml"
    own.write_text(text, encoding="utf-8")
    from someluotsi.guideline.checker.engine import check

    default = check("Soita numeroon 040 123 4567.")
    other = check("Soita numeroon 040 123 4567.", rulebook_path=str(own))
    assert [f.rule for f in default.findings] == ["privacy-004"]
    assert other.findings == ()
