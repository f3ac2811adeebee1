"""Triage of a public accusation that a named person drinks or is drunk at work (§2.5, §6.4,
§10.5): a sensitive matter about a person, hidden and redirected, never ignored; the same
words with a soft drink or without a person stay ordinary messages."""

from __future__ import annotations

import pytest

from someluotsi.guideline.messages.triage import Action, TriageCategory, triage

ACCUSATIONS = [
    "Rehtori Korhonen juo töissä.",
    "Opettaja Virtanen on taas kännissä koulussa.",
    "Valtuutettu Nieminen on humalassa kokouksissa.",
    "Rektor Nyström dricker på jobbet.",
    "Läraren Berg är full på jobbet igen.",
    "Principal Smith is drunk at work.",
    "Councillor Brown drinks at work every day.",
]
HARMLESS = [
    "Rehtori Korhonen juo töissä kahvia.",
    "Muistakaa juoda vettä töissä helteellä!",
    "Rektor Nyström dricker på jobbet bara te.",
    "Principal Smith drinks at work only coffee.",
]


@pytest.mark.parametrize("text", ACCUSATIONS)
def test_a_named_person_drinking_at_work_is_sensitive_and_hidden(text: str) -> None:
    result = triage(text)
    assert result.category is TriageCategory.SENSITIVE, result.reasons
    assert Action.HIDE in result.actions
    assert "privacy-011" in {finding.rule for finding in result.findings}


@pytest.mark.parametrize("text", HARMLESS)
def test_a_soft_drink_or_no_person_is_no_accusation(text: str) -> None:
    result = triage(text)
    assert result.category is not TriageCategory.SENSITIVE, result.reasons
    assert "privacy-011" not in {finding.rule for finding in result.findings}
