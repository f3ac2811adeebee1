from __future__ import annotations

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.text.normalize import NormalizedText, deleet


@pytest.mark.parametrize(
    ("original", "normalised"),
    [
        ("Kirjasto ON auki", "kirjasto on auki"),
        ("sa\u200blasana", "salasana"),  # zero-width space
        ("\u202eHetu", "hetu"),  # bidi override
        ("ｋｏｋｋｏｌａ", "kokkola"),  # full-width
        ("kokkolа", "kokkola"),  # Cyrillic a
        ("a\u0308iti", "äiti"),  # decomposed umlaut
        ("so\u00adme", "some"),  # soft hyphen
    ],
)
def test_normalisation(original: str, normalised: str) -> None:
    assert NormalizedText(original).text == normalised


def test_findings_point_into_the_original_text_despite_hidden_characters() -> None:
    text = "Hetu: 1310\u200b52-308T ja \u2066puh\u2069 040\u200b 123 4567."
    report = check(text)
    codes = {f.rule: f for f in report.findings}
    assert codes["privacy-001"].excerpt == "1310\u200b52-308T"
    assert (
        text[codes["privacy-001"].start : codes["privacy-001"].end] == codes["privacy-001"].excerpt
    )
    assert codes["privacy-004"].excerpt.replace("\u200b", "") == "040 123 4567"


def test_deleet_undoes_leetspeak_in_words_only() -> None:
    assert deleet("p4sk4") == "paska"
    assert deleet("2025") == "2025"
