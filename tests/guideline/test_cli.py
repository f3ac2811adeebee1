from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "someluotsi.guideline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_json_report_has_the_documented_shape() -> None:
    result = _cli("check", "--format", "json", "--role", "elected", "Hetu 131052-308T")
    assert result.returncode == 1, result.stderr  # a block verdict fails, as a linter's
    report = json.loads(result.stdout)
    assert set(report) >= {"id", "guideline_version", "language", "role", "verdict", "findings"}
    assert report["role"] == "elected"
    assert report["verdict"] == "block"
    finding = report["findings"][0]
    assert set(finding) >= {
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "excerpt",
        "guideline",
        "message",
        "suggestion",
        "confidence",
    }
    assert finding["guideline"] == ["§2.5", "§6.4"]


def test_check_reads_stdin_and_prints_text() -> None:
    result = _cli("check", "--lang", "sv", "-", stdin="Ring 070-123 45 67")
    assert result.returncode == 0
    assert result.stdout.startswith("WARN")
    assert "telefonnummer" in result.stdout


def test_batch_keeps_order_echoes_ids_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": 7, "text": "Kiitos kaikille!"}),
        "{broken",
        json.dumps({"id": "x", "text": "Tilille FI21 1234 5600 0007 85", "role": "expert"}),
        json.dumps({"id": "too-long", "text": "a" * 100_001}),
        json.dumps({"id": "no-text"}),
    ]
    result = _cli("check", "--batch", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [7, None, "x", "too-long", "no-text"]
    assert out[0]["verdict"] == "ok"
    assert out[1]["error"]["code"] == "invalid_json"
    assert out[2]["findings"][0]["rule"] == "privacy-007"
    assert "limit" in out[3]["error"]["message"]
    assert out[3]["error"]["code"] == "too_long"  # its own code, as an empty text's
    assert out[4]["error"]["code"] == "invalid"


def test_a_batch_longer_than_a_chunk_gives_each_line_what_a_check_alone_gives() -> None:
    """Lines are analysed a chunk at a time (languages identified together); every report
    must still be the one the engine gives that text alone, in input order."""
    from someluotsi.guideline.__main__ import BATCH_CHUNK
    from someluotsi.guideline.checker.engine import engine_for

    texts = [
        "Kirjasto on auki. Biblioteket är öppet i dag! The library is open?",
        "Tack för hjälpen!",
        "Soita 040 123 4567, idiootti.",
        "KAIKKI ISOLLA KIRJAIMILLA KIRJOITETTU VIESTI TÄNÄÄN",
        "a\u0308iti on kotona / Mamma är hemma i dag",
        "ok",
    ]
    items: list[dict[str, Any]] = [
        {"id": i, "text": texts[i % len(texts)] + f" {i}"} for i in range(BATCH_CHUNK + 7)
    ]
    items[3]["language"] = "sv"
    items[BATCH_CHUNK]["language"] = "en"
    lines = [json.dumps(item) for item in items]
    lines.insert(BATCH_CHUNK - 1, "{broken")
    result = _cli("check", "--batch", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(items) + 1
    assert out.pop(BATCH_CHUNK - 1)["error"]["code"] == "invalid_json"
    engine = engine_for()
    for item, got in zip(items, out, strict=True):
        alone = engine.check(item["text"], language=item.get("language"), report_id=item["id"])
        assert got == json.loads(json.dumps(alone.to_dict())), item


BAD_LINES = [
    ('{"id": "m", "text": "Kuva", "media": [{"kind": "image", "alt": 5}]}', "invalid", "m"),
    ('{"id": "m", "text": "Kuva", "media": [{"kind": "image", "alt": null}]}', "invalid", "m"),
    ('{"id": "m", "text": "Kuva", "media": {"kind": "image"}}', "invalid", "m"),
    ('{"id": "m", "text": "Kuva", "media": [{"kind": "hologram"}]}', "invalid", "m"),
    ('{"id": "m", "text": "Kuva", "media": [{"kind": "video", "captions": "no"}]}', "invalid", "m"),
    ('{"id": "m", "text": "Kuva", "media": [{"kind": "image", "colour": 1}]}', "invalid", "m"),
    ('{"id": "r", "text": "hei", "role": ' + "9" * 5000 + "}", "invalid_json", None),
    ("[" * 100_000 + "]" * 100_000, "invalid_json", None),
    ('{"id": NaN, "text": "x"}', "invalid_json", None),
    ('{"id": 1e400, "text": "x"}', "invalid_json", None),
    ('{"id": "l", "text": "Soita 040 123 4567", "language": "xx"}', "invalid", "l"),
    ('{"id": "l", "text": "Hej", "language": ["fi"]}', "invalid", "l"),
    ('{"id": "l", "text": "Hej", "ui_language": "de"}', "invalid", "l"),
    ('{"id": {"a": 1}, "text": 5}', "invalid", {"a": 1}),  # the id as given, as a report's
    ('{"id": [1, 2], "text": ""}', "empty_text", [1, 2]),
    ('{"id": "long", "text": "' + "a" * 100_001 + '"}', "too_long", "long"),
]


@pytest.mark.parametrize(("line", "code", "ident"), BAD_LINES)
def test_a_bad_batch_line_is_an_error_of_its_own_and_loses_no_other_line(
    line: str, code: str, ident: object
) -> None:
    good = json.dumps({"id": "ok", "text": "Kiitos kaikille!"})
    result = _cli("check", "--batch", stdin="\n".join([good, line, good]) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = [json.loads(text) for text in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["ok", ident, "ok"]
    assert out[1]["error"]["code"] == code
    assert out[0]["verdict"] == out[2]["verdict"] == "ok"


def test_a_batch_file_with_a_byte_order_mark_reads_its_first_line() -> None:
    result = _cli("check", "--batch", stdin="\ufeff" + json.dumps({"id": 1, "text": "Hei"}) + "\n")
    assert json.loads(result.stdout)["id"] == 1


def test_a_reader_that_stops_early_ends_the_batch_quietly() -> None:
    lines = "".join(json.dumps({"id": i, "text": f"Hei {i}"}) + "\n" for i in range(2000))
    command = f"{sys.executable} -m someluotsi.guideline check --batch | head -1"
    result = subprocess.run(  # noqa: S602 - a fixed pipeline of our own command
        command, shell=True, input=lines, capture_output=True, text=True, timeout=120, check=False
    )
    assert json.loads(result.stdout)["id"] == 0
    assert "Traceback" not in result.stderr
    assert "BrokenPipeError" not in result.stderr


def test_a_chunk_holds_a_bounded_number_of_lines_and_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from someluotsi.guideline import __main__ as cli

    monkeypatch.setattr(cli, "BATCH_CHUNK", 3)
    monkeypatch.setattr(cli, "BATCH_CHARS", 100)
    lines = ["a" * 40 + "\n", " \n", "b" * 40 + "\n", "c\n", "d\n", "e\n", "f" * 300 + "\n", "g\n"]
    chunks = list(cli._chunks(lines))
    # a, blank, b (83 characters, 3 lines); c, d, e; the long f alone; g
    assert [len(c) for c in chunks] == [3, 3, 1, 1]
    # Every line, blank ones too (each gets its output line), numbered from 1.
    assert [line for chunk in chunks for _, line in chunk] == lines
    assert chunks[0][2] == (3, "b" * 40 + "\n")


def test_too_long_text_is_a_clear_error() -> None:
    result = _cli("check", "-", stdin="x" * 100_001)
    assert result.returncode == 3
    assert "the limit is 100,000" in result.stderr


def test_broken_rulebook_is_reported(tmp_path: object) -> None:
    result = _cli("check", "--rulebook", "/nonexistent/city.toml", "Moi")
    assert result.returncode == 2
    assert "cannot read the rulebook" in result.stderr


BAD_BYTES = [
    b"\xff\xfe Hetu 131052-308T \xed\xa0\x80",
    b"\xc3",
    b"puh 040\xe2\x80\x91123 4567 \x80",
]


INVALID_UTF8 = {
    "fi": "ei ole kelvollista UTF-8-tekstiä",
    "sv": "är inte giltig UTF-8-text",
    "en": "is not valid UTF-8 text",
}


def _run_bytes(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "someluotsi.guideline", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""},
    )


@pytest.mark.parametrize("data", BAD_BYTES)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_invalid_utf8_is_refused_not_checked(data: bytes, lang: str) -> None:
    """Bytes that are not UTF-8, on stdin or in an argument, are refused with exit status 3
    (as an empty or too long text) and a message in the asked language; nothing is checked
    as if the bytes were text, and no traceback."""
    for args, stdin in (
        (["check", "--lang", lang, "--format", "json", "--fail-on", "never", "-"], data),
        (["check", "--lang", lang, "--fail-on", "never", os.fsdecode(data)], b""),
    ):
        result = _run_bytes(args, stdin)
        assert result.returncode == 3
        assert result.stdout == b""
        assert INVALID_UTF8[lang] in result.stderr.decode()
        assert b"Traceback" not in result.stderr
    triage = _run_bytes(["triage", "-"], data)
    assert triage.returncode == 3
    assert INVALID_UTF8["en"] in triage.stderr.decode()


@pytest.mark.parametrize("data", BAD_BYTES)
def test_a_batch_line_of_invalid_utf8_is_an_error_with_its_line_number(data: bytes) -> None:
    """In a batch, a line with bytes that are not UTF-8 is that line's error (invalid_utf8,
    its line number, in the line's language where its bytes still say it), and the other
    lines are answered; a JSON escape of a lone surrogate is valid JSON but no text, refused
    as the pages and the API refuse it (control_characters, never checked)."""
    escaped = json.dumps({"id": 1, "text": data.decode("latin-1") + "\ud800 131052-308T"})
    raw = b'{"id": 2, "text": "' + data + b'", "ui_language": "sv"}'
    stdin = escaped.encode() + b"\n" + raw + b"\n" + b'{"id": 3, "text": "Hei"}\n'
    result = _run_bytes(["check", "--batch", "--lang", "fi"], stdin)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-500:]
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line.get("id") for line in lines] == [1, 2, 3]  # its id read, its text never
    assert lines[0]["error"]["code"] == "control_characters"
    assert "verdict" in lines[2]
    assert lines[1]["error"]["code"] == "invalid_utf8"
    assert lines[1]["line"] == 2
    assert INVALID_UTF8["fi"] in lines[1]["error"]["message"]


@pytest.mark.parametrize(
    "line",
    [
        '{"id": 1, "text": "Hei"}',
        "\ufeff" + '{"id": 1, "text": "Hei"}',
        '{"id": 1.5e3, "text": "x", "n": -0.0}',
        '{"id": NaN, "text": "x"}',
        '{"id": Infinity, "text": "x"}',
        '{"id": 1e400, "text": "x"}',
        '{"id": 1, "text": "x"',
        '{"id": "\\ud800", "text": "x"} trailing',
        "",
        "[1, 2]",
    ],
)
def test_a_batch_line_is_read_as_json_loads_reads_it(line: str) -> None:
    """The batch keeps one JSON decoder for every line; what it reads, and every error and
    its message, are json.loads's with the same arguments (a second byte order mark too)."""
    from someluotsi.guideline.__main__ import _finite, _loads, _not_a_number

    def outcome(read: Any) -> tuple[str, str]:
        try:
            return "value", repr(read(line))
        except ValueError as exc:  # JSONDecodeError is one
            return type(exc).__name__, str(exc)

    assert outcome(_loads) == outcome(
        lambda text: json.loads(text, parse_float=_finite, parse_constant=_not_a_number)
    )


@pytest.mark.parametrize("kind", ["personal", "city", "nope", ["city"], 5, None])
def test_a_batch_lines_channel_is_what_channel_kind_makes_of_it(kind: object) -> None:
    from someluotsi.guideline.__main__ import _channel
    from someluotsi.guideline.model import ChannelContext, ChannelKind

    def outcome(make: Any) -> tuple[str, object]:
        try:
            return "value", make(kind)
        except ValueError as exc:
            return type(exc).__name__, str(exc)

    assert outcome(_channel) == outcome(lambda value: ChannelContext(kind=ChannelKind(value)))
    if isinstance(kind, str) and kind in set(ChannelKind):
        assert _channel(kind) is _channel(kind)


@pytest.mark.parametrize("enabled", [True, False])
def test_a_batch_leaves_the_garbage_collector_as_it_found_it(
    enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch collects garbage once per chunk and sets what stays alive aside; after it,
    the collector runs (or not) as before and nothing is left set aside."""
    import gc
    import io

    from someluotsi.guideline.__main__ import BATCH_CHUNK, _batch

    lines = "".join(json.dumps({"id": i, "text": "Hei"}) + "\n" for i in range(BATCH_CHUNK + 3))
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    out = io.StringIO()
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        assert _batch(lambda item: {"id": item["id"]}, out) == 0
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == 0
    finally:
        if was:
            gc.enable()
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == list(
        range(BATCH_CHUNK + 3)
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("check", "--batch", "Soita 040 123 4567"), "a text argument"),
        (("check", "--batch", "--redact"), "--redact"),
        (("check", "--batch", "--format", "text"), "--format text"),
        (("triage", "--batch", "Hej"), "a text argument"),
    ],
)
def test_a_batch_refuses_what_it_cannot_do_instead_of_ignoring_it(
    args: tuple[str, ...], named: str
) -> None:
    result = _cli(*args, stdin='{"id": 1, "text": "Hei"}\n')
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--batch" in result.stderr
    assert named in result.stderr


def test_a_batch_with_json_format_is_still_a_batch() -> None:
    result = _cli("check", "--batch", "--format", "json", stdin='{"id": 1, "text": "Hei"}\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == 1


def test_the_line_ending_after_the_last_line_of_stdin_is_no_part_of_the_text() -> None:
    from someluotsi.guideline.checker.engine import MAX_CHARS

    text = "a" * MAX_CHARS
    for ending in ("\n", "\r\n"):
        result = _cli("check", "--format", "json", "-", stdin=text + ending)
        assert result.returncode == 0, result.stderr
    # A second line ending is text: over the limit, refused with the reason.
    result = _cli("check", "--format", "json", "-", stdin=text + "\n\n")
    assert result.returncode != 0
    assert "100" in result.stderr


def test_a_batch_error_names_its_input_line_blank_lines_counted() -> None:
    stdin = '{"id": 1, "text": "Hei"}\n\n{bad json\n{"id": 4, "text": 5}\n'
    result = _cli("check", "--batch", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("line") for o in out] == [None, 2, 3, 4]
    assert out[1]["error"]["code"] == "blank_line"
    assert out[2]["error"]["code"] == "invalid_json"
    assert out[3]["id"] == 4


def test_a_batch_answers_every_input_line_blank_and_empty_ones_with_an_error() -> None:
    """Output line N answers input line N: a blank line is a blank_line error and an empty
    or white-space text an empty_text error (never a verdict for nothing)."""
    lines = [
        '{"id": 1, "text": "Hei"}',
        "",
        "   ",
        '{"id": 4, "text": "  "}',
        '{"id": 5, "text": ""}',
    ]
    for command in ("check", "triage"):
        result = _cli(command, "--batch", stdin="\n".join(lines) + "\n")
        assert result.returncode == 0, result.stderr
        out = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(out) == len(lines)
        assert "error" not in out[0]
        codes = [o["error"]["code"] for o in out[1:]]
        assert codes == ["blank_line", "blank_line", "empty_text", "empty_text"]
        assert [o["line"] for o in out[1:]] == [2, 3, 4, 5]
        assert [o["id"] for o in out[3:]] == [4, 5]


@pytest.mark.parametrize(
    ("args", "text", "status"),
    [
        ((), "Kiitos kaikille tapahtumaan osallistuneille!", 0),
        ((), "Hetu 131052-308T", 1),
        (("--fail-on", "never"), "Hetu 131052-308T", 0),
        (("--fail-on", "block"), "Ring 070-123 45 67", 0),
        (("--fail-on", "warn"), "Ring 070-123 45 67", 1),
        (("--fail-on", "warn"), "Thank you all for coming!", 0),
    ],
)
def test_the_exit_status_follows_the_verdict_and_fail_on(
    args: tuple[str, ...], text: str, status: int
) -> None:
    result = _cli("check", *args, text)
    assert result.returncode == status, result.stderr
    assert result.stdout  # the report is printed whatever the status


def test_a_batch_fails_only_when_asked() -> None:
    stdin = '{"id": 1, "text": "Hei"}\n{"id": 2, "text": "Hetu 131052-308T"}\n'
    assert _cli("check", "--batch", stdin=stdin).returncode == 0
    assert _cli("check", "--batch", "--fail-on", "block", stdin=stdin).returncode == 1
    assert _cli("check", "--batch", "--fail-on", "warn", stdin=stdin).returncode == 1
    only_ok = '{"id": 1, "text": "Hei"}\n'
    assert _cli("check", "--batch", "--fail-on", "warn", stdin=only_ok).returncode == 0


EMPTY = {"fi": "ei tarkistettavaa", "sv": "inget att granska", "en": "nothing to check"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_an_empty_text_is_an_error_not_an_ok(lang: str, text: str) -> None:
    """Refused with exit status 3 in the language of --lang (English without one)."""
    for command, language in (
        (["check", "--lang", lang], lang),
        (["check"], "en"),
        (["triage"], "en"),
    ):
        result = _cli(*command, "--", text)
        assert result.returncode == 3
        assert result.stdout == ""
        assert EMPTY[language] in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "\u00a0\u00a0",  # no-break spaces
        "\u2003\u3000\u2009",  # em, ideographic and thin spaces
        "\u200b\u2060\ufeff",  # zero-width characters
        "\u00ad\u200e\u202e",  # a soft hyphen and direction marks
        "\u2800\u3164",  # fillers drawn as empty space
        " \u0301\x01",  # a combining mark with nothing to sit on, a control character
    ],
)
def test_a_text_of_unicode_blanks_is_refused_like_white_space(text: str) -> None:
    """Every character that shows nothing counts as white space (text/blank.py): exit 3 for
    one text, empty_text for a batch line's text, blank_line for a blank batch line."""
    for command in (["check"], ["triage"]):
        result = _cli(*command, "--", text)
        assert result.returncode == 3, (command, result.stdout)
        assert "nothing to check" in result.stderr
    lines = [json.dumps({"id": 1, "text": text}), text, '{"id": 3, "text": "Hei"}']
    result = _cli("check", "--batch", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("error", {}).get("code") for o in out] == ["empty_text", "blank_line", None]


def test_a_text_that_starts_with_a_dash_goes_after_double_dash() -> None:
    result = _cli("check", "--format", "json", "--", "-hei kaikki")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "ok"
    # Without "--" argparse reads "-hei" as -h with an argument: the error says what to do.
    for command in ("check", "triage"):
        result = _cli(command, "-hei")
        assert result.returncode == 2
        assert f'someluotsi {command} -- "-hei"' in result.stderr
    assert "--" in _cli("check", "--help").stdout


@pytest.mark.parametrize("command", [("check", "--fail-on", "never", "--redact"), ("triage",)])
def test_text_output_shows_control_characters_instead_of_sending_them(
    command: tuple[str, ...],
) -> None:
    # An escape sequence in a text (retitle, clear screen) must not reach the terminal: the
    # text is refused as the pages and the API refuse it, its first control character named.
    result = _cli(*command, "-", stdin="Sinä idiootti\x1b]0;HACKED\x07 \x1b[2J")
    assert result.returncode == 3
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    assert "(U+001B)" in result.stderr


@pytest.mark.parametrize(
    ("lang", "text", "alt"),
    [
        ("fi", "Kesäkuvia kirjastosta, tervetuloa!", "Lapsia lukemassa kirjaston sohvalla"),
        ("sv", "Sommarbilder från biblioteket, välkommen!", "Barn som läser i bibliotekets soffa"),
        ("en", "Summer pictures from the library, welcome!", "Children reading on the sofa"),
    ],
)
def test_a_single_check_takes_the_media_of_a_batch_line(lang: str, text: str, alt: str) -> None:
    """`--media` is a batch line's "media": the same line checked alone gives its report."""
    media = [{"kind": "image", "alt": ""}, {"kind": "video", "captions": False}]
    line = json.dumps({"id": 1, "text": text, "media": media, "ui_language": lang})
    batch = json.loads(_cli("check", "--batch", stdin=line + "\n").stdout)
    single = _cli(
        "check", "--format", "json", "--fail-on", "never", "--lang", lang,
        "--media", json.dumps(media), "--", text,
    )  # fmt: skip
    assert single.returncode == 0, single.stderr
    report = json.loads(single.stdout)
    rules = [f["rule"] for f in report["findings"]]
    assert {"a11y-005", "a11y-006"} <= set(rules)
    assert report["findings"] == batch["findings"]
    described = [{"kind": "image", "alt": alt}]
    clean = json.loads(
        _cli("check", "--format", "json", "--media", json.dumps(described), "--", text).stdout
    )
    assert not {"a11y-005", "engagement-003"} & {f["rule"] for f in clean["findings"]}


@pytest.mark.parametrize(
    "media",
    ['[{"kind": "gif"}]', "[{", '{"kind": "image"}', '[{"kind": "image", "alt": 3}]', "1e999"],
)
def test_bad_media_is_a_usage_error(media: str) -> None:
    result = _cli("check", "--media", media, "--", "Hei")
    assert result.returncode == 2
    assert "--media" in result.stderr
    assert result.stdout == ""


def test_batch_lines_without_media_take_the_media_option() -> None:
    lines = [
        json.dumps({"id": 1, "text": "Kesäkuvia kirjastosta"}),
        json.dumps({"id": 2, "text": "Kesäkuvia kirjastosta", "media": []}),
    ]
    result = _cli("check", "--batch", "--media", '[{"kind": "video"}]', stdin="\n".join(lines))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert "a11y-006" in {f["rule"] for f in out[0]["findings"]}
    assert "a11y-006" not in {f["rule"] for f in out[1]["findings"]}


# Every error of the command line in the language asked for, the valid values named in words.
USAGE_ERRORS = [
    (
        ["--role", "x", "Hei"],
        {"fi": "luottamushenkilö", "sv": "förtroendevald", "en": "elected official"},
    ),
    (
        ["--channel", "nope", "Hei"],
        {"fi": "oma kanava", "sv": "egen kanal", "en": "a personal channel"},
    ),
    (["--language", "de", "Hei"], {"fi": "ruotsi", "sv": "finska", "en": "Swedish"}),
    (["--fail-on", "often", "Hei"], {"fi": "ei koskaan", "sv": "aldrig", "en": "never"}),
    (
        ["--format", "xml", "Hei"],
        {"fi": "luettava teksti", "sv": "läsbar text", "en": "readable text"},
    ),
    (["--role"], {"fi": "tarvitsee arvon", "sv": "behöver ett värde", "en": "needs a value"}),
    (
        ["--batch", "Hei"],
        {"fi": "teksti-argumenttia", "sv": "ett textargument", "en": "a text argument"},
    ),
    (
        ["--media", "[1]", "Hei"],
        {"fi": "tarvitsee kentän", "sv": "behöver fältet", "en": "needs 'kind'"},
    ),
    (
        ["--media", "{", "Hei"],
        {"fi": "ei kelvollista JSONia", "sv": "ingen giltig JSON", "en": "not valid JSON"},
    ),
    (
        ["-x", "Hei"],
        {"fi": "tuntemattomia argumentteja", "sv": "okända argument", "en": "unknown arguments"},
    ),
    (
        ["--rulebook", "/nonexistent/city.toml", "Hei"],
        {
            "fi": "säännöstöä ei voi käyttää",
            "sv": "regelboken kan inte",
            "en": "cannot read the rulebook",
        },
    ),
    (["-"], {"fi": "enintään 100", "sv": "högst 100", "en": "the limit is 100,000"}),
]
ERROR_WORDS = {"fi": "virhe", "sv": "fel", "en": "error"}


@pytest.mark.parametrize(("args", "said"), USAGE_ERRORS)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_errors_are_said_in_the_language_asked_for(
    args: list[str], said: dict[str, str], lang: str
) -> None:
    stdin = "x" * 100_001 if args == ["-"] else ""
    result = _cli("check", "--lang", lang, *args, stdin=stdin)
    assert result.returncode in (2, 3), result.stderr
    assert said[lang] in result.stderr
    assert "AuthorRole" not in result.stderr
    assert "ChannelKind" not in result.stderr
    if result.returncode == 2 and "rulebook" not in args[0]:
        assert f": {ERROR_WORDS[lang]}: " in result.stderr


def test_errors_stay_in_english_when_no_language_is_asked_for() -> None:
    result = _cli("check", "--role", "x", "Hei")
    assert result.returncode == 2
    assert "error: --role: 'x' is not allowed; choose one of: employee (city employee)" in (
        result.stderr
    )


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_role_is_described_in_the_choice_error(lang: str) -> None:
    """Each role of --role is listed with what it means (the role "expert" was listed bare in
    English and Swedish, where its word equals its value)."""
    from someluotsi.guideline.model import AuthorRole

    result = _cli("check", "--lang", lang, "--role", "x", "Hei")
    assert result.returncode == 2
    for role in AuthorRole:
        assert f"{role.value} (" in result.stderr, (role, result.stderr)


def test_check_help_describes_every_role() -> None:
    from someluotsi.guideline.model import AuthorRole

    result = _cli("check", "--help")
    assert result.returncode == 0
    flat = " ".join(result.stdout.split())
    for role in AuthorRole:
        assert f"{role.value} (" in flat, (role, flat)
    assert "expert (a subject expert)" in flat


BATCH_ERRORS: list[tuple[dict[str, Any], dict[str, str]]] = [
    ({"role": "x"}, {"fi": "luottamushenkilö", "sv": "förtroendevald", "en": "elected official"}),
    ({"role": ["x"]}, {"fi": "luottamushenkilö", "sv": "förtroendevald", "en": "elected official"}),
    ({"channel": "nope"}, {"fi": "oma kanava", "sv": "egen kanal", "en": "a personal channel"}),
    ({"language": "de"}, {"fi": "englanti", "sv": "engelska", "en": "English"}),
    (
        {"media": [{"kind": "x"}]},
        {"fi": "tarvitsee kentän", "sv": "behöver fältet", "en": "needs 'kind'"},
    ),
    (
        {"text": "   "},
        {"fi": "ei tarkistettavaa", "sv": "inget att granska", "en": "nothing to check"},
    ),
    (
        {"text": "x" * 100_001},
        {"fi": "enintään 100", "sv": "högst 100", "en": "the limit is 100,000"},
    ),
    (
        {"text": 5},
        {
            "fi": "tarvitsee JSON-objektin",
            "sv": "behöver ett JSON-objekt",
            "en": "needs a JSON object",
        },
    ),
]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_batch_lines_error_is_in_its_ui_language(lang: str) -> None:
    """A bad role, channel, language, media, text: the line's error in its "ui_language",
    with the valid values in words and no Python class names; the next line is answered."""
    lines = [
        json.dumps({"id": n, "text": "Hei", **fields, "ui_language": lang})
        for n, (fields, _) in enumerate(BATCH_ERRORS)
    ]
    result = _cli("check", "--batch", stdin="\n".join([*lines, '{"id": 99, "text": "Hei"}']) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(BATCH_ERRORS) + 1
    for answer, (_fields, said) in zip(out, BATCH_ERRORS, strict=False):
        assert said[lang] in answer["error"]["message"], answer
        assert "AuthorRole" not in answer["error"]["message"]
        assert "ChannelKind" not in answer["error"]["message"]
    assert out[-1]["verdict"] == "ok"


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fi", "tyhjä rivi"), ("sv", "en tom rad"), ("en", "a blank line")],
)
def test_a_batch_without_ui_language_says_its_errors_in_the_lang_option(
    lang: str, said: str
) -> None:
    result = _cli("check", "--batch", "--lang", lang, stdin='\n{"id": 1, "text": "Hei"}\n{bad\n')
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["error"]["message"] == said
    assert out[2]["error"]["code"] == "invalid_json"
    assert out[2]["line"] == 3


@pytest.mark.parametrize("data", BAD_BYTES)
def test_a_batch_line_whose_id_is_not_utf8_gets_its_error_without_an_id(data: bytes) -> None:
    """The id of a line with bytes that are not UTF-8 is given back only when the bad bytes
    were elsewhere; an id made of them is never echoed (it is not text)."""
    stdin = b'{"id": "a' + data + b'", "text": "Hei"}\n{"id": "b", "text": "Hei"}\n'
    result = _run_bytes(["check", "--batch"], stdin)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-500:]
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line.get("id") for line in lines] == [None, "b"]
    assert lines[0]["error"]["code"] == "invalid_utf8"


OUTPUT_ERROR = {
    "fi": "tulostetta ei voitu kirjoittaa",
    "sv": "utdata kunde inte skrivas",
    "en": "The output could not be written",
}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("batch", [True, False])
def test_output_that_cannot_be_written_is_one_line_and_exit_status_4(
    lang: str, batch: bool
) -> None:
    """A full disk (/dev/full answers every write with ENOSPC) is said in one line in the
    asked language, with exit status 4, never a traceback; nothing claims success."""
    args = ["check", "--lang", lang]
    stdin = ""
    if batch:
        args.append("--batch")
        stdin = "".join(json.dumps({"id": i, "text": "Hei"}) + "\n" for i in range(300))
    else:
        args += ["--fail-on", "never", "Kiitos kaikille!"]
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run(
            [sys.executable, "-m", "someluotsi.guideline", *args],
            input=stdin,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert OUTPUT_ERROR[lang] in result.stderr


def test_ctrl_c_ends_the_command_with_status_130_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from someluotsi.guideline import __main__ as cli

    def interrupted(argv: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_main", interrupted)
    monkeypatch.setattr(cli, "_quiet_stdout", lambda: None)  # keep pytest's stdout
    assert cli.main(["check", "--batch"]) == 130
    assert capsys.readouterr().err == ""


def test_an_os_error_that_is_not_about_writing_is_not_passed_off_as_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the errors of a write the machine caused (no space, quota, file size, I/O) are
    said as "could not be written"; any other OSError is a fault and is raised."""
    from someluotsi.guideline import __main__ as cli

    def failing(argv: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cli, "_main", failing)
    with pytest.raises(PermissionError):
        cli.main(["check", "Hei"])


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 80, "short"),
        ("x" * 80, 80, "x" * 80),
        ("one two three four", 10, "one two…"),
        ("x" * 100, 10, "x" * 9 + "…"),  # no space near: cut mid-word
        ("value has 5000 digits and more", 18, "value has 5000…"),
        ("ääkköset ja åäö sekä emoji 😀😀😀", 20, "ääkköset ja åäö…"),
    ],
)
def test_a_shortened_message_ends_at_a_whole_word(text: str, limit: int, expected: str) -> None:
    from someluotsi.guideline.__main__ import shortened

    got = shortened(text, limit)
    assert got == expected
    assert len(got) <= limit
