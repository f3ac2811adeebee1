"""A statement's finding (privacy-011 over its sentences, confidential-001 over what a marker
marks) starts where its sentence starts, with the markup, entity, quote or emoji attached
before the first word, and ends with what closes it: `finding.start`/`end` slice the original
text exactly to the excerpt, never from inside a tag ("b>Soita" for "<b>Soita")."""

from __future__ import annotations

import pytest

from someluotsi.guideline.checker.engine import EXCERPT_CHARS, check
from someluotsi.guideline.text.normalize import NormalizedText
from someluotsi.guideline.text.sentences import statement_end, statement_start

STATEMENTS = {
    "fi": (
        "Soita 040 1234567, Matti Virtanen on masentunut.",
        "Liisa Korhosen lapset on huostaanotettu, kertoi naapuri.",
    ),
    "sv": (
        "Ring 040 1234567, Anders Ek är deprimerad.",
        "Anders Ek är misstänkt för stöld enligt grannarna.",
    ),
    "en": (
        "Call 040 1234567, Matti Virtanen is depressed.",
        "Everyone knows Maria Lindqvist has cancer, send her flowers.",
    ),
}
WRAPPERS = (
    ("", ""),
    ("<b>", "</b>"),
    ("<strong>", "</strong>"),
    ("<p>", "</p>"),
    ("&quot;", "&quot;"),
    ("&amp;", ""),
    ("«", "»"),
    ('"', '"'),
    ("(", ")"),
    ("**", "**"),
    ("😢", ""),
    ("👉🏽", " 🙏"),
    ("<b>🙂", "</b>"),
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(("before", "after"), WRAPPERS)
def test_a_statement_is_sliced_whole_with_what_wraps_it(
    language: str, before: str, after: str
) -> None:
    for statement in STATEMENTS[language]:
        for lead in ("", "  ", "\n"):
            text = f"{lead}{before}{statement}{after}"
            [finding] = [
                f for f in check(text, ui_language=language).findings if f.rule == "privacy-011"
            ]
            assert finding.start == len(lead), (text, finding.excerpt)
            whole = text.rstrip(" 🙏") if after == " 🙏" else text
            assert finding.end == len(whole), (text, finding.excerpt)
            assert text[finding.start : finding.end][:EXCERPT_CHARS] == finding.excerpt


def test_a_statement_never_reaches_back_over_a_full_stop_or_on_into_the_next_sentence() -> None:
    text = NormalizedText("Hei.<b>Soita nyt.</b> Sitten")
    words = text.table.words
    assert words[:3] == ["hei", "b", "soita"]
    assert statement_start(text, 1) == 4  # "<b>", not ".<b>"
    assert statement_start(text, 0) == 0
    # "nyt." is followed by "</b>", whose "b" is a word of its own: only the full stop.
    assert statement_end(text, words.index("nyt")) == len("Hei.<b>Soita nyt.")
    # At the text's end, or before a space, what closes the word is taken in.
    closed = NormalizedText("Soita nyt.»  Sitten")
    assert statement_end(closed, 1) == len("Soita nyt.»")
