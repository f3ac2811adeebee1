"""The command line refuses the characters the pages and the API refuse (text/refused.py):
NUL, control characters, noncharacters and lone surrogates, single texts with exit status 3
and batch lines with a "control_characters" error, in the asked language. A NUL read as
nothing hid a threat ("hei\\0Tapan sinut..." was OK): a fresh tester of stop 36."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.__main__ import _batch_item, _text_problem
from someluotsi.guideline.text.refused import REFUSED, first_refused

THREAT = "Tapan sinut, jos vielä kerran tulet virastoon."
WORDS = {
    "nul": {"fi": "NUL-merkki", "sv": "NUL-tecken", "en": "NUL character"},
    "control": {"fi": "ohjausmerkki", "sv": "styrtecken", "en": "control character"},
    "noncharacter": {"fi": "ei kuulu tekstiin", "sv": "inte hör till text", "en": "not meant"},
}
CASES = [("nul", "\x00", "U+0000"), ("control", "\x1b", "U+001B"), ("control", "\x85", "U+0085"),
         ("noncharacter", "\ufffe", "U+FFFE")]  # fmt: skip


def _run(args: list[str], stdin: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "someluotsi.guideline", *args],
        input=stdin.encode("utf-8", "surrogatepass"),
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""},
    )


@pytest.mark.parametrize(("kind", "char", "code"), CASES)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_single_text_with_a_refused_character_is_refused_not_checked(
    kind: str, char: str, code: str, lang: str
) -> None:
    result = _run(["check", "--lang", lang, "-"], f"hei{char}{THREAT}")
    assert result.returncode == 3
    assert result.stdout == b""
    said = result.stderr.decode()
    assert WORDS[kind][lang] in said
    assert f"({code})" in said
    assert " 4" in said  # the position, counted from 1 as on the pages


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_batch_line_with_a_refused_character_is_its_own_error(lang: str) -> None:
    lines = [
        json.dumps({"id": 1, "text": f"hei\x00{THREAT}", "ui_language": lang}),
        json.dumps({"id": 2, "text": "a\ud800b"}),
        json.dumps({"id": 3, "text": THREAT}),
    ]
    result = _run(["check", "--batch", "--lang", lang], "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-500:]
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["id"] for line in out] == [1, 2, 3]
    assert out[0]["error"]["code"] == out[1]["error"]["code"] == "control_characters"
    assert WORDS["nul"][lang] in out[0]["error"]["message"]
    assert "U+D800" in out[1]["error"]["message"]
    assert out[2]["verdict"] == "block"  # the same threat without the NUL


def test_tab_line_feed_and_carriage_return_are_text() -> None:
    result = _run(["check", "--fail-on", "never", "-"], "Hei\tkaikki!\r\nTervetuloa.")
    assert result.returncode == 0, result.stderr.decode()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_a_text_is_refused_exactly_when_it_holds_a_refused_character(
    before: str, after: str
) -> None:
    for text in (before + after, before + "\x00" + after):
        problem = _text_problem(text)
        item = _batch_item(json.dumps({"id": 1, "text": text}))
        refused = first_refused(text)
        if problem is not None and problem.key in ("empty_text", "too_long"):
            assert item.get("error", {}).get("code") == "empty_text"
            continue
        if refused is None:
            assert problem is None
            assert "error" not in item
        else:
            assert problem is not None
            assert problem.key.startswith("refused_")
            assert problem.fields["position"] == refused[0] + 1
            assert item["error"]["code"] == "control_characters"
            assert REFUSED.search(text[: refused[0]]) is None  # the first one is named
