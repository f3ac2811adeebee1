from __future__ import annotations

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.checker.redaction import redact


def test_redaction_removes_personal_data_and_keeps_the_rest() -> None:
    text = "Hakijan hetu 131052-308T ja puhelin 040 123 4567. Tervetuloa #KokkolaKarleby!"
    report = check(text, ui_language="fi")
    redacted = redact(text, report.findings, ui_language="fi")
    assert "131052-308T" not in redacted
    assert "040 123 4567" not in redacted
    assert redacted.count("[poistettu]") == 2
    assert redacted.endswith("Tervetuloa #KokkolaKarleby!")


def test_redaction_uses_the_ui_language_and_merges_overlaps() -> None:
    text = "Ring 070-123 45 67."
    report = check(text, ui_language="sv")
    assert redact(text, report.findings + report.findings, ui_language="sv") == "Ring [borttaget]."


def test_redaction_without_findings_returns_the_text() -> None:
    assert redact("Kiitos!", ()) == "Kiitos!"


@pytest.mark.parametrize(
    ("text", "language", "kept"),
    [
        (
            "Salassa pidettävä: Matti Virtanen, Isokatu 5, irtisanotaan. Tervetuloa!",
            "fi",
            "Tervetuloa!",
        ),
        ("Liitteenä lista irtisanottavista. Älä jaa tätä eteenpäin. Kiitos!", "fi", "Kiitos!"),
        ("Konfidentiellt: Anna Berg, Storgatan 5, sägs upp. Välkommen!", "sv", "Välkommen!"),
        ("CONFIDENTIAL\nThe layoff list: Anna Berg, 12 Main Street.\nWelcome!", "en", "Welcome!"),
    ],
)
def test_redaction_removes_what_a_secrecy_marking_marks(
    text: str, language: str, kept: str
) -> None:
    """The marked sentence goes as a whole, not only the address in it (§2.5, §9.4); a bare
    marking takes the sentence it marks with it; the rest of the text stays."""
    report = check(text, ui_language=language)
    redacted = redact(text, report.findings, ui_language=language)
    assert "Berg" not in redacted
    assert "Virtanen" not in redacted
    assert "irtisanottavista" not in redacted
    assert redacted.endswith(kept)


@pytest.mark.parametrize(
    "text",
    [
        "Internal only – do not share",
        "Luottamuksellinen, älä jaa eteenpäin!",
        "Konfidentiellt, får inte spridas.",
    ],
)
def test_markers_of_one_sentence_make_one_finding(text: str) -> None:
    report = check(text)
    assert [f.rule for f in report.findings].count("confidential-001") == 1


@pytest.mark.parametrize(
    ("text", "language", "gone", "kept"),
    [
        ("Tapan sinut huomenna kirjastossa.", "fi", ("sinut", "kirjastossa"), ""),
        (
            "Kiitos kokouksesta. Tapan sinut, kun tulet kotiin! Nähdään.",
            "fi",
            ("sinut", "kotiin"),
            "Kiitos kokouksesta. [poistettu] Nähdään.",
        ),
        ("Mä hakkaan sut torilla lauantaina.", "fi", ("torilla", "lauantaina"), ""),
        ("Jag ska döda dig i morgon vid biblioteket.", "sv", ("dig", "biblioteket"), ""),
        (
            "Tack för mötet.\nJag ska döda dig när du kommer hem. Hej då.",
            "sv",
            ("dig", "hem"),
            "Tack för mötet.\n[borttaget] Hej då.",
        ),
        ("I will kill you tomorrow at the library.", "en", ("you", "library"), ""),
        (
            "Thanks for the meeting. I will kill you at the market on Friday! Bye.",
            "en",
            ("market", "Friday"),
            "Thanks for the meeting. [removed] Bye.",
        ),
    ],
)
def test_redaction_removes_a_threat_with_its_sentence(
    text: str, language: str, gone: tuple[str, ...], kept: str
) -> None:
    """A threat's finding marks the verb, but the copy loses the whole threatening sentence:
    whom, where and when (§10.6, §9.5); the sentences around it stay as they were."""
    report = check(text, ui_language=language)
    assert any(f.category.value == "threat" for f in report.findings)
    redacted = redact(text, report.findings, ui_language=language)
    for word in gone:
        assert word not in redacted
    if kept:
        assert redacted == kept


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sammuta valot, kun lähdet. Kiitos!", "fi"),
        ("Den döda vinkeln är farlig vid korsningen.", "sv"),
        ("Please kill the lights when you leave. Thanks!", "en"),
    ],
)
def test_redaction_keeps_sentences_without_a_threat(text: str, language: str) -> None:
    """Near misses: a verb of violence in an idiom is no threat and its sentence stays."""
    report = check(text, ui_language=language)
    assert redact(text, report.findings, ui_language=language) == text


@pytest.mark.parametrize(
    ("text", "language", "insults"),
    [
        ("Olet täysi idiootti ja paska ihminen.", "fi", ("idiootti", "paska")),
        ("Du är en jävla idiot.", "sv", ("jävla", "idiot")),
        ("You are a fucking idiot, Matti.", "en", ("fucking", "idiot")),
    ],
)
def test_redaction_removes_insults(text: str, language: str, insults: tuple[str, ...]) -> None:
    """Insults and obscenities go over their words (README: the copy removes insults); what
    is left of the sentence names no insult."""
    report = check(text, ui_language=language)
    redacted = redact(text, report.findings, ui_language=language)
    for word in insults:
        assert word not in redacted
