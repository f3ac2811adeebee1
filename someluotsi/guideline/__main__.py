"""The `someluotsi` command line. Starts without Django.

someluotsi check [--role ROLE] [--format text|json] [--lang fi|sv|en] [--fail-on LEVEL] [TEXT | -]
someluotsi check --batch < drafts.jsonl > reports.jsonl
someluotsi check -- "-hei"   (a text that starts with "-" goes after "--")

Exit status: 0 when the check ran (and no verdict reached --fail-on), 1 when a verdict reached
--fail-on (by default a single check's "block", like a linter), 2 for a usage or rulebook
error, 3 for a text that cannot be checked (empty, too long).
someluotsi triage TEXT; someluotsi eval; someluotsi storms [--seeds 101,102] [--days 30]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any, NoReturn, TextIO

from someluotsi import __version__
from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for
from someluotsi.guideline.checker.redaction import redact
from someluotsi.guideline.checker.rulebook import RulebookError
from someluotsi.guideline.model import (
    AuthorRole,
    ChannelContext,
    ChannelKind,
    EngineError,
    Media,
    Report,
)
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.blank import is_blank

EXIT_FAILED_CHECK = 1  # a verdict reached --fail-on
EXIT_INPUT_ERROR = 3
FAIL_ON = ("never", "warn", "block")
# The verdicts that reach each --fail-on level.
FAILING = {
    "never": frozenset(),
    "warn": frozenset({"warn", "block"}),
    "block": frozenset({"block"}),
}
DASH_HINT = (
    'A text that starts with "-" goes after "--", or on standard input: someluotsi %s -- "-hei"'
)
EXIT_HELP = (
    "exit status: 0 the command ran (and no verdict reached check's --fail-on); 1 a verdict "
    "reached --fail-on (by default, a single check's block, as a linter); 2 a usage or "
    "rulebook error; 3 a text that cannot be checked (empty or only white space and invisible "
    "characters, too long)"
)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose error for a text that looks like an option ("-hei" reads as
    -h with an argument, "-x" as an unknown option) says how to give such a text."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and `message` (with the "--" hint where it helps) and exit 2."""
        looks_like_option = "ignored explicit argument" in message or (
            "unrecognized arguments: -" in message
        )
        command = (self.prog.split()[1:] or ["check"])[0]
        if looks_like_option and command in ("check", "triage"):
            message = f"{message}\n{DASH_HINT % command}"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="someluotsi",
        description="Check social media texts against a municipality's guideline.",
        epilog=EXIT_HELP,
    )
    parser.add_argument("--version", action="version", version=f"someluotsi {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check a draft post before publishing",
        epilog=f"{DASH_HINT % 'check'}. {EXIT_HELP}.",
    )
    check.add_argument("text", nargs="?", default="-", help="the draft, or - to read stdin")
    check.add_argument("--role", choices=[r.value for r in AuthorRole], default="employee")
    check.add_argument(
        "--channel",
        choices=[k.value for k in ChannelKind],
        default="personal",
        help="kind of channel the post goes to",
    )
    check.add_argument("--format", choices=["text", "json"], default=None, help="default: text")
    check.add_argument(
        "--lang", choices=["fi", "sv", "en"], default="fi", help="language of the messages"
    )
    check.add_argument(
        "--language",
        choices=["fi", "sv", "en"],
        default=None,
        help="language of the text, when known",
    )
    check.add_argument("--rulebook", default=None, help="a municipality's rulebook file (TOML)")
    check.add_argument("--redact", action="store_true", help="also print a redacted version")
    check.add_argument(
        "--media",
        default=None,
        metavar="JSON",
        help='the attachments, as a batch line\'s "media": a JSON list of at most '
        f'{MAX_MEDIA} objects {{"kind": image|video|file, "alt", "captions", "filename"}}; '
        "with --batch, for the lines that give none",
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="exit with status 1 when a verdict is at least this (warn: warn or block), else 0; "
        "default: block for one text (as a linter), never for --batch (then: any line's report)",
    )
    check.add_argument(
        "--batch",
        action="store_true",
        help='JSON lines in: {"id", "text"} and optionally "role", "channel", "language", '
        '"ui_language" (fi/sv/en) and "media" ([{"kind": image|video|file, "alt", "captions", '
        '"filename"}]); one JSON line out per line in, in order: the report, or {"id", '
        '"error", "line"} (a blank line is an error "blank_line", an empty text "empty_text", '
        "so output line N answers input line N)",
    )
    sort = commands.add_parser(
        "triage",
        help="sort a citizen's message and suggest a reply",
        epilog=DASH_HINT % "triage",
    )
    sort.add_argument("text", nargs="?", default="-", help="the message, or - to read stdin")
    sort.add_argument("--format", choices=["text", "json"], default=None, help="default: text")
    sort.add_argument("--language", choices=["fi", "sv", "en"], default=None)
    sort.add_argument("--rulebook", default=None)
    sort.add_argument(
        "--batch",
        action="store_true",
        help='JSON lines in ({"id", "text"}); one JSON line out per line in, in order (a blank '
        'line or an empty text is an {"id", "error", "line"} entry)',
    )
    evaluate = commands.add_parser("eval", help="score the detectors and write a markdown table")
    evaluate.add_argument(
        "--suomi24",
        default="../shared/data/suomi24-toxicity/dev.tsv",
        help="the Suomi24 development file (never the held-out part)",
    )
    evaluate.add_argument("--cases", default="tests/guideline/checker/cases", help="example tables")
    evaluate.add_argument(
        "--parallel",
        default="tests/guideline/parallel",
        help="the parallel fi/sv/en tables of threats, insults, identity attacks and false alarms",
    )
    evaluate.add_argument(
        "--privacy",
        default="tests/guideline/privacy",
        help="the fi/sv/en tables of identifiers, links, sensitive people, redaction, sensitive "
        "triage and role conduct",
    )
    evaluate.add_argument("--out", default=None, help="also write the table to this file")
    evaluate.add_argument("--rulebook", default=None)
    storms = commands.add_parser(
        "storms", help="score storm detection on simulated traffic across sensitivities"
    )
    storms.add_argument(
        "--seeds",
        default="101,102,103,104,105",
        help="simulator seeds, comma-separated (the defaults were tuned on seeds 1-3)",
    )
    storms.add_argument("--days", type=int, default=30, help="simulated days per seed")
    storms.add_argument("--out", default=None, help="also write the table to this file")
    return parser


def _storms(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from someluotsi.guideline.evaluation.storms import CURVE_ALPHAS, curve, evaluate, markdown
    from someluotsi.guideline.storms.detector import SENSITIVITIES

    try:
        seeds = [int(part) for part in args.seeds.split(",") if part.strip()]
    except ValueError:
        sys.stderr.write("someluotsi: --seeds takes whole numbers separated by commas\n")
        return 2
    if not seeds or not 2 <= args.days <= 366:
        sys.stderr.write("someluotsi: give at least one seed and 2-366 days\n")
        return 2
    levels = [(f"{name} (alpha={level.alpha:g})", level) for name, level in SENSITIVITIES.items()]
    stormy, calm = evaluate(
        seeds,
        levels + curve(CURVE_ALPHAS),
        days=args.days,
        progress=lambda message: sys.stderr.write(f"  {message}\n"),
    )
    table = markdown(stormy, calm, seeds, days=args.days)
    out.write(table)
    if args.out:
        Path(args.out).write_text(table, encoding="utf-8")
    return 0


def _evaluate(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from someluotsi.guideline.evaluation.checker import evaluate

    suomi24 = Path(args.suomi24)
    cases = Path(args.cases)
    parallel = Path(args.parallel)
    privacy = Path(args.privacy)
    for label, path in (
        ("Suomi24 data", suomi24),
        ("example tables", cases),
        ("parallel tables", parallel),
        ("privacy tables", privacy),
    ):
        if not path.exists():
            sys.stderr.write(f"someluotsi: {label} not found at {path}; skipping it\n")
    table = evaluate(
        engine,
        suomi24=suomi24 if suomi24.exists() else None,
        cases=cases if cases.exists() else None,
        parallel=parallel if parallel.exists() else None,
        privacy=privacy if privacy.exists() else None,
    )
    out.write(table)
    if args.out:
        Path(args.out).write_text(table, encoding="utf-8")
    return 0


def _triage(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    from someluotsi.guideline.messages.triage import triage

    if args.batch:
        return _batch(
            lambda item: triage(
                item["text"],
                language=item.get("language") or args.language,
                engine=engine,
                message_id=item.get("id"),
            ).to_dict(),
            out,
        )
    text = _read_stdin() if args.text == "-" else args.text
    if is_blank(text):
        return _empty_text()
    try:
        sorted_message = triage(text, language=args.language, engine=engine)
    except EngineError as exc:
        sys.stderr.write(f"someluotsi: {exc}\n")
        return EXIT_INPUT_ERROR
    if args.format == "json":
        out.write(json.dumps(sorted_message.to_dict(), ensure_ascii=False) + "\n")
        return 0
    out.write(
        f"{sorted_message.category.value.upper()}  priority {sorted_message.priority.value}, "
        f"language {sorted_message.language}\n"
        f"actions: {', '.join(a.value for a in sorted_message.actions)}\n"
        f"why: {'; '.join(sorted_message.reasons)}\n"
    )
    for finding in sorted_message.findings:
        sections = " ".join(finding.guideline)
        excerpt = _printable(finding.excerpt)
        out.write(f"  [{finding.severity.value}] {finding.rule} {sections} «{excerpt}»\n")
    if sorted_message.reply:
        out.write(f"\nsuggested reply:\n{sorted_message.reply}\n")
    return 0


def _report_text(report: Report, text: str, out: TextIO, redacted: str | None) -> None:
    out.write(
        f"{report.verdict.value.upper()}  "
        f"({report.guideline_version}, language {report.language})\n"
    )
    for finding in report.findings:
        where = (
            f"{finding.start}-{finding.end} «{_printable(finding.excerpt)}»"
            if finding.end > finding.start
            else ""
        )
        out.write(
            f"\n[{finding.severity.value}] {finding.rule} {' '.join(finding.guideline)} {where}\n"
            f"  {finding.message}\n"
        )
        if finding.explanation:
            out.write(f"  {finding.explanation}\n")
        out.write(f"  → {finding.suggestion}\n")
    if redacted is not None:
        out.write(f"\n{_printable(redacted, keep_lines=True)}\n")


# Control characters (C0 but tab and line feed, DEL, C1): a text must not drive the reader's
# terminal (an escape sequence could clear it or retitle it), so text output shows them as \xNN.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
_CONTROLS_IN_LINES = {c: v for c, v in _CONTROLS.items() if c not in (0x09, 0x0A)}


def _printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` with its control characters written as \\xNN for a terminal (tabs and, with
    `keep_lines`, line feeds kept). JSON output escapes them itself."""
    return text.translate(_CONTROLS_IN_LINES if keep_lines else _CONTROLS)


def _read_stdin() -> str:
    """Standard input as one text, without the one line ending that `echo` and editors put
    after the last line (it would count towards the length limit and is no part of a
    post)."""
    text = sys.stdin.read()
    if text.endswith("\n"):
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return text


def _batch_conflicts(args: argparse.Namespace) -> list[str]:
    """What was asked of a `--batch` run that a batch cannot do (it reads JSON lines from
    standard input and writes one JSON object per line): a text argument, `--redact`,
    `--format text`. Empty when nothing conflicts."""
    if not getattr(args, "batch", False):
        return []
    wrong = []
    if args.text != "-":
        wrong.append("a text argument")
    if getattr(args, "redact", False):
        wrong.append("--redact")
    if args.format == "text":
        wrong.append("--format text")
    return wrong


def _empty_text() -> int:
    """A text with nothing to check (empty, or only white space and invisible characters:
    text/blank.py): an input error, said on stderr,
    whatever the interface language (no verdict is given for nothing)."""
    sys.stderr.write(f"someluotsi: {EMPTY_MESSAGE}\n")
    return EXIT_INPUT_ERROR


EMPTY_MESSAGE = "nothing to check: the text is empty or only white space and invisible characters"


def _exit_status(verdicts: Iterable[str], fail_on: str) -> int:
    """EXIT_FAILED_CHECK when any verdict ("ok", "warn", "block") reaches `fail_on` (FAILING),
    else 0."""
    failing = FAILING[fail_on]
    return EXIT_FAILED_CHECK if any(v in failing for v in verdicts) else 0


def _check_one(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    """`check TEXT`: the report on `out`; the exit status by the verdict and --fail-on
    (default block)."""
    text = _read_stdin() if args.text == "-" else args.text
    if is_blank(text):
        return _empty_text()
    try:
        report = engine.check(
            text,
            role=args.role,
            channel=ChannelContext(kind=ChannelKind(args.channel)),
            media=getattr(args, "media_items", []),
            language=args.language,
            ui_language=args.lang,
        )
    except EngineError as exc:
        sys.stderr.write(f"someluotsi: {exc}\n")
        return EXIT_INPUT_ERROR
    redacted = redact(text, report.findings, ui_language=args.lang) if args.redact else None
    if args.format == "json":
        body = report.to_dict()
        if redacted is not None:
            body["redacted"] = redacted
        out.write(json.dumps(body, ensure_ascii=False) + "\n")
    else:
        _report_text(report, text, out, redacted)
    return _exit_status((report.verdict.value,), args.fail_on or "block")


MEDIA_KINDS = ("image", "video", "file")
MAX_MEDIA = 20  # as the REST API
LANGUAGE_CODES = ("fi", "sv", "en")


def _media(value: object) -> list[Media]:
    """A batch item's "media": a list of at most MAX_MEDIA objects {"kind": image|video|file,
    "alt": str, "captions": bool, "filename": str} (the REST API's shape). Raises ValueError
    with a message for the user on anything else."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_MEDIA:
        raise ValueError(f"'media' must be a list of at most {MAX_MEDIA} objects")
    found = []
    for entry in value:
        if not isinstance(entry, dict) or entry.get("kind") not in MEDIA_KINDS:
            raise ValueError("each media object needs 'kind': " + ", ".join(MEDIA_KINDS))
        unknown = sorted(set(entry) - {"kind", "alt", "captions", "filename"})
        if unknown:
            raise ValueError(f"unknown media field(s): {', '.join(map(str, unknown))}")
        alt, captions, filename = (
            entry.get("alt", ""),
            entry.get("captions", False),
            entry.get("filename", ""),
        )
        if not isinstance(alt, str) or not isinstance(filename, str):
            raise ValueError("media 'alt' and 'filename' must be strings")
        if not isinstance(captions, bool):
            raise ValueError("media 'captions' must be true or false")
        found.append(Media(kind=entry["kind"], alt=alt, captions=captions, filename=filename))
    return found


def _media_option(value: str | None) -> list[Media]:
    """`--media`'s JSON (None: not given) as the attachments, in a batch line's shape
    (`_media`). Raises ValueError with a message for the user on anything else."""
    if value is None:
        return []
    try:
        parsed = _loads(value)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError included
        raise ValueError(f"not valid JSON ({str(exc)[:200]})") from None
    return _media(parsed)


def _code(item: dict[str, Any], key: str, default: str | None) -> str | None:
    """A batch item's language code under `key` (fi, sv or en), else `default`; ValueError
    for any other value, as the single check and the REST API refuse it."""
    value = item.get(key)
    if value is None or value == "":
        return default
    if value not in LANGUAGE_CODES:
        raise ValueError(f"'{key}' must be one of {', '.join(LANGUAGE_CODES)}")
    return str(value)


def _channel(kind: Any) -> ChannelContext:
    """The channel of a kind's name; ValueError for anything else, as ChannelKind raises it.
    One per name (a channel is immutable): made once, not once per line."""
    if isinstance(kind, str):
        return _named_channel(kind)
    return ChannelContext(kind=ChannelKind(kind))


@cache
def _named_channel(kind: str) -> ChannelContext:
    return ChannelContext(kind=ChannelKind(kind))


def _check_item(
    engine: GuidelineEngine,
    item: dict[str, Any],
    args: argparse.Namespace,
    analysed: str | AnalysedText | None = None,
) -> dict[str, Any]:
    """One batch line's report. `analysed`: the item's text as `GuidelineEngine.analyse_many`
    prepared it (its language identified with the rest of the chunk). Raises ValueError
    (or EngineError) with a message for the user on a bad field."""
    report = engine.check(
        item["text"] if analysed is None else analysed,
        role=item.get("role") or args.role,
        channel=_channel(item.get("channel") or args.channel),
        media=(
            _media(item["media"])
            if item.get("media") is not None
            else getattr(args, "media_items", [])
        ),
        language=_code(item, "language", args.language),
        ui_language=_code(item, "ui_language", args.lang),
        report_id=item.get("id"),
    )
    return report.to_dict()


BATCH_CHUNK = 256  # lines read, analysed together and answered before the next ones
BATCH_CHARS = 1_000_000  # and at most about this many characters of lines per chunk


def _finite(number: str) -> float:
    value = float(number)
    if value in (math.inf, -math.inf):
        raise ValueError(f"number out of range: {number[:40]}")
    return value


def _not_a_number(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


# One decoder for every line: json.loads with these arguments makes a new one per call.
_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_not_a_number)


def _loads(text: str) -> Any:
    """`json.loads(text, parse_float=_finite, parse_constant=_not_a_number)`, its errors
    included, with the one decoder."""
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


def _batch_item(line: str) -> dict[str, Any]:
    """A batch line as its item, or {"error": ...} (with the id when there is one). Whatever
    JSON can do to a parser (NaN, numbers past float or past 4,300 digits, nesting deeper
    than the stack) is an invalid_json error for that line, never a crash. A blank line is
    a blank_line error and an empty or white-space text an empty_text error, so that every
    input line has its output line."""
    if is_blank(line):
        return {"id": None, "error": {"code": "blank_line", "message": "a blank line"}}
    try:
        item = _loads(line.removeprefix("\ufeff"))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        message = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        return {"id": None, "error": {"code": "invalid_json", "message": message[:300]}}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str | int | float | None):
            ident = None
        return {"id": ident, "error": {"code": "invalid", "message": "needs a string 'text'"}}
    if is_blank(item["text"]):
        ident = item.get("id")
        if not isinstance(ident, str | int | float | None):
            ident = None
        return {"id": ident, "error": {"code": "empty_text", "message": EMPTY_MESSAGE}}
    return item


def _batch_result(
    handle: Callable[[dict[str, Any]], dict[str, Any]], item: dict[str, Any]
) -> dict[str, Any]:
    """The handler's result for a parsed item, or an error; never a crash."""
    if "error" in item and not isinstance(item.get("text"), str):
        return item
    try:
        return handle(item)
    except (EngineError, ValueError, TypeError) as exc:
        return {"id": item.get("id"), "error": {"code": "invalid", "message": str(exc)}}


def _chunks(lines: Iterable[str]) -> Iterator[list[tuple[int, str]]]:
    """The lines with their line numbers (from 1), blank ones too (each gets its output
    line, a blank_line error), in chunks of at most BATCH_CHUNK lines and, but for a single
    longer line, BATCH_CHARS characters: what one chunk holds in memory at once is
    bounded."""
    chunk: list[tuple[int, str]] = []
    size = 0
    for number, line in enumerate(lines, 1):
        if chunk and (len(chunk) >= BATCH_CHUNK or size + len(line) > BATCH_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append((number, line))
        size += len(line)
    if chunk:
        yield chunk


def _batch(
    handle: Callable[[dict[str, Any]], dict[str, Any]],
    out: TextIO,
    prepare: Callable[[list[dict[str, Any]]], None] | None = None,
) -> int:
    """JSON lines on stdin, one result per line on `out`, in input order.

    Lines are read a chunk at a time (`_chunks`); `prepare` sees each chunk's valid items
    before they are handled (the check analyses their texts together), so memory stays
    bounded by the chunk, not by the input. Output is ASCII-escaped JSON when `out` cannot
    write all of Unicode, so every line stays valid JSON.

    Python's cyclic garbage collector runs once after each chunk instead of whenever enough
    objects were made, and what is still alive then (the engine's models, vocabularies and
    caches) is set aside from later collections (`gc.freeze`), as is what start-up made;
    both undone at the end. The collector's own runs had walked all of that again and
    again: a tenth of a batch's time."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
    # What json.dumps(result, ensure_ascii=...) writes, with one encoder for every line.
    encode = json.JSONEncoder(ensure_ascii=encoding not in ("utf8", "utf16", "utf32")).encode
    collecting = gc.isenabled()
    gc.disable()
    if collecting:
        gc.freeze()  # what start-up made: the first chunk's collection need not walk it
    try:
        for chunk in _chunks(sys.stdin):
            items = [_batch_item(line) for _number, line in chunk]
            if prepare is not None:
                prepare([item for item in items if isinstance(item.get("text"), str)])
            for (number, _line), item in zip(chunk, items, strict=True):
                result = _batch_result(handle, item)
                if "error" in result:
                    result = {**result, "line": number}  # which input line, blank ones counted
                out.write(encode(result) + "\n")
            del items
            if collecting:
                gc.collect()  # the chunk's garbage, so that none is set aside
                gc.freeze()
    finally:
        if collecting:
            gc.unfreeze()
            gc.enable()
    return 0


def _check_batch(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    """`check --batch`: each chunk's texts analysed and their languages identified in one
    step (`GuidelineEngine.analyse_many`), then checked one by one."""
    prepared: dict[int, str | AnalysedText] = {}

    def prepare(items: list[dict[str, Any]]) -> None:
        prepared.clear()
        usable: list[tuple[dict[str, Any], str | None]] = []
        for item in items:
            try:
                usable.append((item, _code(item, "language", args.language)))
            except ValueError:
                continue  # refused with its message when the item is handled
        analysed = engine.analyse_many(
            [item["text"] for item, _ in usable], [language for _, language in usable]
        )
        prepared.update((id(item), text) for (item, _), text in zip(usable, analysed, strict=True))

    verdicts: set[str] = set()

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        analysed = prepared.pop(id(item), None)
        try:
            report = _check_item(engine, item, args, analysed)
        finally:
            if isinstance(analysed, AnalysedText):
                analysed.release()  # checked once: freed now, not by the cyclic collector
        verdicts.add(report["verdict"])
        return report

    status = _batch(handle, out, prepare)
    return status or _exit_status(verdicts, args.fail_on or "never")


def _tolerant_streams() -> None:
    """Bytes that are not UTF-8 on stdin arrive as lone surrogates (the engine takes any
    string), and a lone surrogate in a report is printed escaped instead of raising."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; the exit status. A reader that stops reading (`| head`) ends it
    quietly, as other command-line tools end."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # Python's recipe: point stdout at /dev/null so the interpreter's final flush of the
        # closed pipe raises nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    if conflicts := _batch_conflicts(args):
        parser.error(
            "--batch reads JSON lines from standard input and writes JSON lines; "
            f"it does not take {', '.join(conflicts)}"
        )
    if args.command == "check":
        try:
            args.media_items = _media_option(args.media)
        except ValueError as exc:
            parser.error(f"--media: {exc}")
    if getattr(args, "format", None) is None and args.command in ("check", "triage"):
        args.format = "text"
    if args.command == "storms":
        return _storms(args, sys.stdout)
    try:
        engine = engine_for(args.rulebook)
    except RulebookError as exc:
        sys.stderr.write(f"someluotsi: {exc}\n")
        return 2
    if args.command == "eval":
        return _evaluate(engine, args, sys.stdout)
    if args.command == "triage":
        return _triage(engine, args, sys.stdout)
    if args.batch:
        return _check_batch(engine, args, sys.stdout)
    return _check_one(engine, args, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
