"""Phone numbers written one after another, with only spaces between them, are each found.

A run of digits and separators used to be skipped when longer than two numbers, so a pasted
list of four or more numbers gave no finding at all (a fresh tester's report), and later when
longer than 240 characters (about fifteen numbers). The run is now decided as a whole, in time
linear in its length, up to MAX_RUN characters: every piece must be a phone number (or a date
or time beside one), else none is, so runs of years, prices or codes stay clean.
"""

from __future__ import annotations

import pytest

from someluotsi.guideline import check
from someluotsi.guideline.checker.detectors import personal_data
from someluotsi.guideline.checker.detectors.personal_data import MAX_LONG_RUNS, MAX_RUN, SHORT_RUN

FI = ["040 123 4567", "040 765 4321", "050 111 2222", "044 333 4444", "045 555 6666"]
SV = ["070-123 45 67", "070 765 43 21", "073 111 22 33", "076 333 44 55"]
INTL = ["+358 40 123 4567", "+46 70 123 45 67", "+358 50 765 4321", "+358 44 111 2222"]


@pytest.mark.parametrize("numbers", [FI, SV, INTL, FI + SV, FI * 3])
@pytest.mark.parametrize("lead", ["Numerot: ", "Nummer: ", "Call ", ""])
def test_every_number_of_a_list_is_found(numbers: list[str], lead: str) -> None:
    text = lead + " ".join(numbers) + "."
    found = [f.excerpt for f in check(text).findings if f.rule == "privacy-004"]
    assert found == numbers, text


@pytest.mark.parametrize(
    "text",
    [
        "Vuosina 2019 2020 2021 2022 2023 2024 2025 2026 kävijöitä oli paljon.",
        "Priser: 0 10 20 30 40 50 60 70 80 90 100 110 120 130 140 150 160 euro.",
        "Koodit 0400 1234 0500 2345 0600 3456 0700 4567 0800 5678.",
        "040 123 4567 2019 2020 2021",  # a bare number in the run: one longer number
    ],
)
def test_long_runs_of_other_figures_are_no_phone_numbers(text: str) -> None:
    assert not [f for f in check(text).findings if f.rule == "privacy-004"], text


def test_a_run_far_past_the_limit_is_checked_without_fail() -> None:
    """Past MAX_RUN a run is not decided (the cost of deciding grows with it): a 60 kB run
    still gets its report at once (docs/known-gaps.md records what it leaves unfound)."""
    numbers = " ".join(["040 123 4567"] * 5000)
    assert len(numbers) > 20 * MAX_RUN
    assert check(numbers).verdict is not None


@pytest.mark.parametrize("lead", ["Numerot: ", "Nummer: ", "Numbers: "])
def test_a_long_pasted_list_is_decided(lead: str) -> None:
    """Forty numbers with spaces between them (a run far past SHORT_RUN) are each found."""
    numbers = [f"04{i % 10} {1234560 + 7 * i}" for i in range(40)]
    text = lead + " ".join(numbers) + "."
    assert len(text) > 2 * SHORT_RUN
    found = [f.excerpt for f in check(text).findings if f.rule == "privacy-004"]
    assert found == numbers


def test_a_long_run_with_a_bare_number_has_none() -> None:
    """The whole long run is one decision: a bare number anywhere in it makes it no list."""
    numbers = [f"040 {1234560 + 7 * i}" for i in range(40)]
    numbers.insert(30, "2024")
    assert not [f for f in check(" ".join(numbers)).findings if f.rule == "privacy-004"]


def test_long_runs_past_the_budget_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_LONG_RUNS characters of long runs in one text, further long runs are not
    decided: the work a text of figures can cause is bounded."""
    decided: list[int] = []
    original = personal_data._phones_in_run

    def counting(run: str) -> list[tuple[int, int]]:
        decided.append(len(run))
        return original(run)

    monkeypatch.setattr(personal_data, "_phones_in_run", counting)
    run = " ".join(f"040 {1234560 + 7 * i}" for i in range(MAX_RUN // 13))
    runs = [run] * (MAX_LONG_RUNS // len(run) + 3)
    assert [f for f in check(" x ".join(runs)).findings if f.rule == "privacy-004"]
    assert 0 < sum(decided) <= MAX_LONG_RUNS < len(runs) * len(run)
