"""Overlapping matches of one rule are one finding covering them (checker/engine.py)."""

from __future__ import annotations

from someluotsi.guideline.checker.engine import _resolve, check
from someluotsi.guideline.model import Match


def test_nested_phrases_of_one_rule_are_one_finding() -> None:
    report = check("Olet kuollut mies, valtuutettu.")
    threats = [f for f in report.findings if f.rule == "threat-003"]
    assert [f.excerpt for f in threats] == ["Olet kuollut mies"]


def test_overlapping_matches_merge_and_separate_ones_stay() -> None:
    matches = [
        Match("threat-003", 0, 12, 0.9, "intimidation", {"phrase": "olet kuollut"}),
        Match("threat-003", 0, 17, 0.8, "intimidation", {"phrase": "olet kuollut mies"}),
        Match("threat-003", 15, 25, 0.7, "intimidation", {"phrase": "other"}),
        Match("threat-003", 30, 35, 0.9, "intimidation", {"phrase": "later"}),
        Match("insult-001", 5, 10, 0.85, "insult_word", {"word": "idiot"}),
    ]
    resolved = _resolve(matches)
    spans = [(m.rule, m.start, m.end) for m in resolved]
    assert spans == [
        ("threat-003", 0, 25),
        ("insult-001", 5, 10),
        ("threat-003", 30, 35),
    ]
    merged = resolved[0]
    assert merged.params["phrase"] == "olet kuollut mies"  # said as the longest
    assert merged.confidence == 0.9
