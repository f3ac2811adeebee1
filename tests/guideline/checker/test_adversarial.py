"""The engine says the same as before on 100 kB adversarial texts (evaluation/adversarial.py):
a speed change must not change a finding, and bounds that keep long texts fast must not
either. The expectations (adversarial.json) were written by tools/adversarial_expectations.py
with the engine of main before the speed work of issue 20 (the same findings, to the offset)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.evaluation.adversarial import ALL_ADVERSARIAL, checked

EXPECTED = json.loads((Path(__file__).parent / "adversarial.json").read_text(encoding="utf-8"))


def test_every_kind_has_an_expectation() -> None:
    assert set(EXPECTED["kinds"]) == set(ALL_ADVERSARIAL)


@pytest.mark.parametrize("kind", sorted(EXPECTED["kinds"]))
def test_an_adversarial_text_gets_the_expected_findings(kind: str) -> None:
    # A text that shows nothing ("spaces") is refused (BlankTextError): its expectation says so.
    assert checked(ALL_ADVERSARIAL[kind](EXPECTED["size"]), check) == EXPECTED["kinds"][kind]
