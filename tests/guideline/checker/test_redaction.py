from __future__ import annotations

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
