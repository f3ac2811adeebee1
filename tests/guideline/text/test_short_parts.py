"""A short sentence or line in another of fi/sv/en is a language part of its own
(text/language.py `_marked_language`): "Hyvää joulua! God jul! Merry Christmas!" has three
parts, a Finnish post ending "Tack!" stays Finnish with a Swedish part, and a short sentence
that marks no language ("Hei!", a name, "Kokkola 2026", a hashtag) joins its neighbour.

The table (short_parts.toml) is read with no hint (`check`, as the check page identifies a
post) and with the caller's language given (`language.parts`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.text import language

TABLE = Path(__file__).parent / "short_parts.toml"
ROWS: list[dict[str, Any]] = tomllib.loads(TABLE.read_text(encoding="utf-8"))["row"]
IDS = [row["kind"] for row in ROWS]


def _covered(text: str, start: int, end: int) -> str:
    return text[start:end].strip().rstrip("!.")


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_short_sentences_in_another_language_are_parts(row: dict[str, Any]) -> None:
    text = row["text"]
    report = check(text, channel=None)
    assert [part.language for part in report.parts] == row["parts"]
    if "main" in row:
        assert report.language == row["main"]
        assert report.language_certain
    if "texts" in row:
        covered = [_covered(text, part.start, part.end) for part in report.parts]
        assert covered == [piece.rstrip("!.") for piece in row["texts"]]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_the_parts_are_the_same_when_the_language_is_given(row: dict[str, Any]) -> None:
    found = language.parts(row["text"])
    assert [part.language for part in found] == row["parts"]
    assert found == language.detect(row["text"]).parts


def test_the_table_has_each_language_first_and_last() -> None:
    split = [row["parts"] for row in ROWS if not row["kind"].startswith("near miss")]
    for lang in ("fi", "sv", "en"):
        assert any(parts[0] == lang for parts in split), lang
        assert any(parts[-1] == lang for parts in split), lang
    assert sum(row["kind"].startswith("near miss") for row in ROWS) >= 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tack!", "sv"),
        ("God jul", "sv"),
        ("Hyvää viikonloppua!", "fi"),
        ("Merry Christmas", "en"),
        ("Hei!", None),
        ("Hej då", "sv"),
        ("OK!", None),
        ("Kokkola 2026", None),
        ("#tervetuloa #welcome", None),
        ("@kokkola thanks", "en"),
        ("kokkola.fi/tervetuloa", None),
        ("Kiitos, tack!", None),
        ("Tack och kiitos", "sv"),
        ("IT-tuki", None),
        ("OSA VI", None),
        ("THANK YOU", "en"),
        ("Tack", "sv"),
        ("Hyva\u0308a\u0308 pa\u0308iva\u0308a\u0308", "fi"),  # decomposed
        ("", None),
        ("!!!", None),
    ],
)
def test_marked_language(text: str, expected: str | None) -> None:
    assert language._marked_language(text, 0, len(text)) == expected
