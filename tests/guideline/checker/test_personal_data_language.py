"""The personal-data detectors do not read the text's language.

tools/bench_engine.py and tools/count_instructions.py time them told the language, as
Presidio is told it; that is only a fair "detectors alone" figure if what they find does not
depend on it. Every language (given or identified) must give the same findings.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for
from someluotsi.guideline.checker.registry import DETECTORS

CASES = Path(__file__).parent / "cases"

TEXTS = [
    "Matti Virtanen (hetu 131052-308T) asuu Isokatu 3 B 12, puh. 040 123 4567.",
    "Anna Lind, personnummer 19811218-9876, bor på Storgatan 5 i Karleby, ring 070-123 45 67.",
    "Contact john.smith@example.com or call +358 40 123 4567; IBAN FI21 1234 5600 0007 85.",
    "Auton ABC-123 omistaja on Y-tunnus 1234567-8 -yrityksen toimitusjohtaja.",
    "Hänen diagnoosinsa on masennus, kertoi Maija Korhonen. / Hon är sjukskriven.",
    "Soita vaihteeseen 06 828 9111 tai palaute@kokkola.fi",
]


def _privacy_engine() -> GuidelineEngine:
    return GuidelineEngine(
        engine_for().rulebook,
        detectors=[d for d in DETECTORS if all(r.startswith("privacy-") for r in d.rules)],
    )


def _texts() -> list[str]:
    texts = list(TEXTS)
    for file in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(file.read_text(encoding="utf-8"))["case"]:
            if str(case.get("rule", "")).startswith("privacy-"):
                texts.append(case["text"])  # should-flag and should-pass (traps) alike
    return texts


def test_the_table_has_personal_data_in_every_language() -> None:
    engine = _privacy_engine()
    found = [engine.check(text) for text in _texts()]
    assert sum(1 for report in found if report.findings) > 30
    assert {report.language for report in found if report.findings} == {"fi", "sv", "en"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_personal_data_findings_do_not_depend_on_the_language(language: str) -> None:
    engine = _privacy_engine()
    for text in _texts():
        identified = engine.check(text).findings
        told = engine.check(text, language=language).findings
        assert told == identified, (language, text)
