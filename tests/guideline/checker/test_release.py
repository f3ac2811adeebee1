"""A checked text's cache is emptied when nobody else holds the text (`AnalysedText.release`):
what the detectors keep refers back to the text, and was left to the cyclic collector. The
reports stay the same, and a released text can be checked again with the same result."""

from __future__ import annotations

import gc

from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.text.analysis import AnalysedText

TEXTS = [
    "Tapan sinut idiootti, soita 040 123 4567 www.kokkola.fi",
    "Kiitos kaikille! Tack alla! Thank you all for coming today.",
    "Hetu 131052-308T. Stadshuset öppnar kl. 9 / Kaupungintalo aukeaa klo 9.",
    ".",  # the shortest text that is checked (a blank one is refused: BlankTextError)
    "\ud800 ä\u0308 🎉 " * 20,
]


def test_a_released_text_gives_the_same_report_again() -> None:
    engine = engine_for()
    for text in TEXTS:
        expected = engine.check(text).to_dict()
        analysed = AnalysedText(text)
        assert engine.check(analysed).to_dict() == expected
        assert analysed.cache  # kept: the caller holds the text
        analysed.release()
        assert not analysed.cache
        assert engine.check(analysed).to_dict() == expected


def test_a_check_of_a_string_leaves_no_cycles_behind() -> None:
    engine = engine_for()
    for text in TEXTS:
        engine.check(text)  # warm: first-use caches
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for text in TEXTS * 3:
            engine.check(text)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
