"""Flood inputs for the readings of accusations (an accusing noun after a copula) and of weapon
emoji with a place: each is read once per sentence, so a 90 kB sentence full of them is checked
at once (the person before a copula was searched for from the sentence's start per noun: 3,300
titled nouns in one sentence took 8 s)."""

from __future__ import annotations

import time

import pytest

from someluotsi.guideline import check

FLOODS = [
    "se on varas " * 8_000,  # no person before any copula: the whole sentence each time
    "det är en tjuv " * 6_000,
    "it is a thief " * 6_500,
    " ".join(f"sivistys{i}johtaja on varas" for i in range(3_300)),  # titles to test
    "💣 kirjastoon " * 6_500,
    "koulu 🔫 " * 11_000 + "huomenna",
]


@pytest.mark.parametrize("text", FLOODS, ids=range(len(FLOODS)))
def test_a_flood_is_checked_at_once(text: str) -> None:
    started = time.process_time()
    report = check(text)
    assert report.verdict is not None
    # Under half a second here; a reading per noun from the sentence's start took 8 s.
    assert time.process_time() - started < 5
