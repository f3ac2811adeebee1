"""Flood inputs for the personal-data readings added for written-out e-mail addresses,
spaced identity codes, house-number-first streets, lower-case and initialled names and the
abbreviations for born: each stays linear
and bounded (a 90 kB text is checked at once, with at most MAX_OBFUSCATED addresses read)."""

from __future__ import annotations

import time

import pytest

from someluotsi.guideline import check
from someluotsi.guideline.checker.detectors.personal_data import MAX_OBFUSCATED

FLOODS = [
    "a at " * 18_000,
    "me at " + "a." * 40_000 + "com",
    "x(at)y." * 12_000,
    "matti(at)gmail.com " * 4_500,
    "(a)" * 30_000,
    "a snabel-a " * 9_000 + "b.se",
    "x ät y piste " * 7_000 + "fi",
    "matti@gmail dot " * 6_000 + "com",
    "a.b kissanhäntä c punkt se " * 3_500,
    "@" * 40_000 + " dot com",
    "a [dot] " * 9_000 + "b (at) c.fi",
    "x[dot]y[dot]z[dot]w[dot]" * 4_000,
    "010190 - " * 10_000,
    "12 Main " * 11_000,
    "1 A " * 22_000 + " Street",
    "matti virtanen " * 6_000 + "on alkoholisti",
    "Annan poika " * 7_000 + "on huostaanotettu",
    "Matti V. " * 10_000 + "sai sydänkohtauksen",
    "Matti Virtanen s.3.4.1980 " * 3_500,  # abbreviations for born in one sentence
    "a. Anna Berg b. 3.4.1980 " * 4_000,
    "M. Virtanen " * 8_000 + "sai sydänkohtauksen",  # initials
    "matti virtaselle " * 5_500 + "on syöpä",  # lower case, inflected
]


@pytest.mark.parametrize("text", FLOODS, ids=range(len(FLOODS)))
def test_a_flood_is_checked_at_once(text: str) -> None:
    started = time.process_time()
    report = check(text)
    assert report.verdict is not None
    assert time.process_time() - started < 20  # generous: a shared, loaded machine
    addresses = [f for f in report.findings if f.rule in ("privacy-005", "privacy-006")]
    assert len(addresses) <= MAX_OBFUSCATED
