"""Past MAX_PER_RULE findings of one rule the report stays short, and the redacted copy still
removes every occurrence (a pasted list of 60 identity codes or phone numbers)."""

from __future__ import annotations

import pytest

from someluotsi.guideline import check
from someluotsi.guideline.checker.engine import MAX_PER_RULE
from someluotsi.guideline.checker.redaction import redact

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _identity_codes(count: int) -> list[str]:
    """Valid Finnish identity codes (the check character of the nine digits mod 31)."""
    codes = []
    for number in range(count):
        digits = f"{(number % 28) + 1:02d}{(number % 12) + 1:02d}{50 + number % 40:02d}"
        individual = f"{100 + 7 * number:03d}"
        check_char = CHECK_CHARS[int(digits + individual) % 31]
        codes.append(f"{digits}-{individual}{check_char}")
    return codes


def _phones(count: int) -> list[str]:
    return [f"040 {100 + number:03d} {4000 + number:04d}" for number in range(count)]


@pytest.mark.parametrize(
    ("label", "items", "rule"),
    [
        ("Asiakas", _identity_codes(MAX_PER_RULE + 10), "privacy-001"),
        ("Kund, ring", _phones(MAX_PER_RULE + 10), "privacy-004"),
        ("Client, call", _phones(MAX_PER_RULE + 12), "privacy-004"),
    ],
)
def test_every_occurrence_is_redacted_past_the_cap(label: str, items: list[str], rule: str) -> None:
    text = "\n".join(f"{label} {number}: {item}." for number, item in enumerate(items))
    report = check(text)
    found = [f for f in report.findings if f.rule == rule]
    assert 0 < len(found) <= MAX_PER_RULE
    cleaned = redact(text, report.findings)
    assert [item for item in items if item in cleaned] == []
