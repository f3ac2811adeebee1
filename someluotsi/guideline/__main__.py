"""The `someluotsi` command line. Starts without Django.

someluotsi check [--role ROLE] [--format text|json] [--lang fi|sv|en] [--fail-on LEVEL] [TEXT | -]
someluotsi check --batch < drafts.jsonl > reports.jsonl
someluotsi check -- "-hei"   (a text that starts with "-" goes after "--")

Exit status: 0 when the check ran (and no verdict reached --fail-on), 1 when a verdict reached
--fail-on (by default a single check's "block", like a linter), 2 for a usage or rulebook
error, 3 for a text that cannot be checked (empty, too long, not valid UTF-8, a NUL or other
control character: text/refused.py), 4 when the output
could not be written (a full disk), 130 when interrupted (Ctrl+C). In a batch, a line that
cannot be checked is answered with its error on its own output line and does not change the
exit status: only the reports' verdicts count (--fail-on).

Errors are said in the language of `--lang` (a batch line's: its "ui_language"), in English
when none is asked for (`cli_messages.py`); invalid UTF-8 is refused, never checked as if it
were text: a single text with exit status 3, a batch line with an error "invalid_utf8" and its
line number, as the batch's other bad lines.
someluotsi triage TEXT; someluotsi eval; someluotsi storms [--seeds 101,102] [--days 30]
"""

from __future__ import annotations

import argparse
import errno
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
from someluotsi.guideline.checker.engine import MAX_CHARS, GuidelineEngine, engine_for
from someluotsi.guideline.checker.redaction import redact
from someluotsi.guideline.checker.rulebook import RulebookError
from someluotsi.guideline.cli_messages import (
    DEFAULT_LANGUAGE,
    OPTION_KINDS,
    VALUE_WORDS,
    CliInputError,
    choices,
    language_of,
    say,
    usage_error,
)
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
from someluotsi.guideline.text.refused import first_refused, refused_kind

EXIT_FAILED_CHECK = 1  # a verdict reached --fail-on
EXIT_INPUT_ERROR = 3
EXIT_OUTPUT_ERROR = 4  # standard output could not be written (a full disk, an I/O error)
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl+C
# The errors of a write that the user's machine caused (no space, quota, file size, I/O),
# said in one line; any other OSError is a fault and keeps its traceback.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
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
    "characters, too long; in a batch such a line gets its error on its output line instead); "
    "4 the output could not be written; 130 interrupted"
)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose errors are said in `error_language` (fi, sv or en:
    `cli_messages.usage_error`, the valid values of an option in words), and whose error for
    a text that looks like an option ("-hei" reads as -h with an argument, "-x" as an
    unknown option) says how to give such a text."""

    def __init__(self, *args: Any, error_language: str = DEFAULT_LANGUAGE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_language = error_language

    def error(self, message: str) -> NoReturn:
        """Print the usage and `message` in the error language (with the "--" hint where it
        helps) and exit 2."""
        looks_like_option = "ignored explicit argument" in message or (
            "unrecognized arguments: -" in message
        )
        language = self.error_language
        command = (self.prog.split()[1:] or ["check"])[0]
        said = usage_error(message, language)
        if looks_like_option and command in ("check", "triage"):
            said = f"{said}\n{say('dash_hint', language, command=command)}"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {say('error', language)}: {said}\n")


def asked_language(argv: Sequence[str]) -> str:
    """The language of the messages that `argv` asks for with `--lang fi|sv|en` (or
    `--lang=...`) before any "--", read before the arguments are parsed so that their own
    errors are said in it; English (`DEFAULT_LANGUAGE`) when none is asked for."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            return language_of(argv[index + 1])
        if argument.startswith("--lang="):
            return language_of(argument.removeprefix("--lang="))
    return DEFAULT_LANGUAGE


def build_parser(error_language: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    """The command line's parser; its usage errors in `error_language` (fi, sv or en)."""
    parser = _Parser(
        prog="someluotsi",
        description="Check social media texts against a municipality's guideline.",
        epilog=EXIT_HELP,
        error_language=error_language,
    )
    parser.add_argument("--version", action="version", version=f"someluotsi {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check a draft post before publishing",
        epilog=f"{DASH_HINT % 'check'}. {EXIT_HELP}.",
        error_language=error_language,
    )
    check.add_argument("text", nargs="?", default="-", help="the draft, or - to read stdin")
    check.add_argument(
        "--role",
        choices=[r.value for r in AuthorRole],
        default="employee",
        help=f"who publishes: {choices('role', DEFAULT_LANGUAGE)}; default: employee",
    )
    check.add_argument(
        "--channel",
        choices=[k.value for k in ChannelKind],
        default="personal",
        help="kind of channel the post goes to",
    )
    check.add_argument("--format", choices=["text", "json"], default=None, help="default: text")
    check.add_argument(
        "--lang",
        choices=["fi", "sv", "en"],
        default=None,
        help="language of the messages and errors (default: fi; errors: en)",
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
        error_language=error_language,
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
    evaluate = commands.add_parser(
        "eval",
        help="score the detectors and write a markdown table",
        error_language=error_language,
    )
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
        "storms",
        help="score storm detection on simulated traffic across sensitivities",
        error_language=error_language,
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
    if (problem := _text_problem(text)) is not None:
        return _input_error(problem, DEFAULT_LANGUAGE)
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
        wrong.append(say("text_argument", args.messages))
    if getattr(args, "redact", False):
        wrong.append("--redact")
    if args.format == "text":
        wrong.append("--format text")
    return wrong


def _input_error(problem: CliInputError, language: str) -> int:
    """A text that cannot be checked (`_text_problem`): an input error, said on stderr in
    `language` (no verdict is given for it)."""
    sys.stderr.write(f"someluotsi: {problem.text(language)}\n")
    return EXIT_INPUT_ERROR


EMPTY_MESSAGE = say("empty_text", DEFAULT_LANGUAGE)
# The characters that Python's surrogateescape makes of bytes that are not UTF-8 (U+DC80 to
# U+DCFF): what standard input and the arguments hold where their bytes were not text.
_ESCAPED_BYTES = frozenset(map(chr, range(0xDC80, 0xDD00)))


def invalid_utf8_at(text: str) -> int | None:
    """Where (a character offset from 0) the first byte that was not UTF-8 stands in `text`
    as read from standard input or the arguments, None when there is none. Valid text is
    checked with one C-speed encode; only invalid text is searched."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        for position in range(exc.start, len(text)):
            if text[position] in _ESCAPED_BYTES:
                return position
    return None


def _text_problem(text: str) -> CliInputError | None:
    """Why a text read from standard input or an argument cannot be checked: not valid
    UTF-8, nothing to check (empty, or only white space and invisible characters:
    text/blank.py), longer than MAX_CHARS, or a character no typed text may hold
    (`_refused_problem`), in that order, as the pages ask; None when it can."""
    position = invalid_utf8_at(text)
    if position is not None:
        return CliInputError("invalid_utf8", position=position)
    return _length_problem(text) or _refused_problem(text)


def _refused_problem(text: str) -> CliInputError | None:
    """A NUL, control character, noncharacter or lone surrogate in `text` (text/refused.py),
    refused as the pages and the API refuse it: its kind, code point and position (from 1)
    in the message; None for a text without one. A NUL read as nothing joined "hei" to
    "Tapan sinut" and hid the threat (a fresh tester, stop 36)."""
    found = first_refused(text)
    if found is None:
        return None
    offset, char = found
    return CliInputError(
        f"refused_{refused_kind(char)}", code=f"U+{ord(char):04X}", position=offset + 1
    )


def _length_problem(text: str) -> CliInputError | None:
    """An empty text or one longer than MAX_CHARS, as a problem; None for any other."""
    if is_blank(text):
        return CliInputError("empty_text")
    if len(text) > MAX_CHARS:
        return CliInputError("too_long", count=len(text), limit=MAX_CHARS)
    return None


def _exit_status(verdicts: Iterable[str], fail_on: str) -> int:
    """EXIT_FAILED_CHECK when any verdict ("ok", "warn", "block") reaches `fail_on` (FAILING),
    else 0."""
    failing = FAILING[fail_on]
    return EXIT_FAILED_CHECK if any(v in failing for v in verdicts) else 0


def _check_one(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    """`check TEXT`: the report on `out`; the exit status by the verdict and --fail-on
    (default block)."""
    text = _read_stdin() if args.text == "-" else args.text
    if (problem := _text_problem(text)) is not None:
        return _input_error(problem, args.messages)
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
    "alt": str, "captions": bool, "filename": str} (the REST API's shape). Raises CliInputError
    (a ValueError) with a message for the user on anything else."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_MEDIA:
        raise CliInputError("media_list", count=MAX_MEDIA)
    found = []
    for entry in value:
        if not isinstance(entry, dict) or entry.get("kind") not in MEDIA_KINDS:
            raise CliInputError("media_kind")
        unknown = sorted(set(entry) - {"kind", "alt", "captions", "filename"})
        if unknown:
            raise CliInputError("media_fields", fields=", ".join(map(str, unknown))[:200])
        alt, captions, filename = (
            entry.get("alt", ""),
            entry.get("captions", False),
            entry.get("filename", ""),
        )
        if not isinstance(alt, str) or not isinstance(filename, str):
            raise CliInputError("media_strings")
        if not isinstance(captions, bool):
            raise CliInputError("media_captions")
        found.append(Media(kind=entry["kind"], alt=alt, captions=captions, filename=filename))
    return found


def _media_option(value: str | None) -> list[Media]:
    """`--media`'s JSON (None: not given) as the attachments, in a batch line's shape
    (`_media`). Raises CliInputError with a message for the user on anything else."""
    if value is None:
        return []
    try:
        parsed = _loads(value)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError included
        raise _json_problem(exc) from None
    return _media(parsed)


def _json_problem(exc: ValueError | RecursionError) -> CliInputError:
    """What `_loads` raised, as a problem said in the user's language: where the JSON
    went wrong, or the number or constant it cannot take."""
    if isinstance(exc, RecursionError):
        return CliInputError("nested")
    if isinstance(exc, json.JSONDecodeError):
        return CliInputError("not_json", position=exc.pos)
    return CliInputError(
        "not_json_value", value=shortened(str(exc).removesuffix(" is not valid JSON"), 80)
    )


def shortened(text: str, limit: int) -> str:
    """`text` itself when it has at most `limit` characters, else its start cut after the
    last whole word that fits (mid-word only when no space is near) and "…" added: at most
    `limit` characters in all."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _code(item: dict[str, Any], key: str, default: str | None) -> str | None:
    """A batch item's language code under `key` (fi, sv or en), else `default`; CliInputError
    (a ValueError) for any other value, as the single check and the REST API refuse it."""
    return _choice(item, key, default)


def _choice(item: dict[str, Any], key: str, default: str | None) -> str | None:
    """A batch item's value under `key` (role, channel, language, ui_language) when it is one
    of the valid values of its kind (`cli_messages.VALUE_WORDS`), else `default` when it is
    missing or empty; CliInputError("field_choice") naming the valid values for any other."""
    value = item.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in VALUE_WORDS[OPTION_KINDS[key]]:
        raise CliInputError("field_choice", option=key, value=str(value)[:80])
    return value


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
    if (problem := _length_problem(item["text"])) is not None:
        raise problem
    report = engine.check(
        item["text"] if analysed is None else analysed,
        role=_choice(item, "role", args.role) or args.role,
        channel=_channel(_choice(item, "channel", args.channel) or args.channel),
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


def _batch_item(line: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """A batch line as its item, or {"error": ...} (with the id when there is one), its
    message in the line's "ui_language" when it has a valid one, else in `language` (the
    run's). Bytes that are not UTF-8 make an invalid_utf8 error (the line is not read as if
    it were text). Whatever JSON can do to a parser (NaN, numbers past float or past 4,300
    digits, nesting deeper than the stack) is an invalid_json error for that line, never a
    crash. A blank line is a blank_line error and an empty or white-space text an
    empty_text error, so that every input line has its output line."""
    position = invalid_utf8_at(line)
    if position is not None:
        problem = CliInputError("invalid_utf8", position=position)
        ident = _readable_id(line)
        return {"id": ident, "error": {"code": "invalid_utf8", "message": problem.text(language)}}
    if is_blank(line):
        return {"id": None, "error": {"code": "blank_line", "message": say("blank_line", language)}}
    try:
        item = _loads(line.removeprefix("\ufeff"))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        message = _json_problem(exc).text(language)
        return {"id": None, "error": {"code": "invalid_json", "message": message[:300]}}
    if isinstance(item, dict):
        language = _line_language(item, language)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        ident = item.get("id") if isinstance(item, dict) else None
        message = say("needs_text", language)
        return {"id": ident, "error": {"code": "invalid", "message": message}}
    if is_blank(item["text"]):
        message = say("empty_text", language)
        return {"id": item.get("id"), "error": {"code": "empty_text", "message": message}}
    refused = _refused_problem(item["text"])
    if refused is not None:
        message = refused.text(language)
        return {"id": item.get("id"), "error": {"code": "control_characters", "message": message}}
    return item


def _readable_id(line: str) -> Any:
    """The "id" of a batch line that holds bytes that are not UTF-8, when the line is still
    a JSON object and its id holds none of them (the bad bytes were in the text); else None.
    The line is never checked: only its id is read, so that the error can be matched to it."""
    try:
        item = _loads(line.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        return None
    ident = item.get("id") if isinstance(item, dict) else None
    if ident is None or invalid_utf8_at(json.dumps(ident, ensure_ascii=False)) is not None:
        return None
    return ident


def _line_language(item: dict[str, Any], default: str) -> str:
    """The language of a batch line's messages: its "ui_language" when that is fi, sv or
    en, else `default`."""
    asked = item.get("ui_language")
    return asked if isinstance(asked, str) and asked in LANGUAGE_CODES else default


def _batch_result(
    handle: Callable[[dict[str, Any]], dict[str, Any]],
    item: dict[str, Any],
    language: str = DEFAULT_LANGUAGE,
) -> dict[str, Any]:
    """The handler's result for a parsed item, or an error in the line's language
    (`_line_language`, else `language`); never a crash."""
    if "error" in item and not isinstance(item.get("text"), str):
        return item
    try:
        return handle(item)
    except CliInputError as problem:
        message = problem.text(_line_language(item, language))
        # A text over the limit has its own code, as an empty one has (`empty_text`).
        code = "too_long" if problem.key == "too_long" else "invalid"
    except (EngineError, ValueError, TypeError) as exc:
        message = say("cannot_check", _line_language(item, language), detail=str(exc)[:300])
        code = "invalid"
    return {"id": item.get("id"), "error": {"code": code, "message": message}}


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
    language: str = DEFAULT_LANGUAGE,
) -> int:
    """JSON lines on stdin, one result per line on `out`, in input order; errors in each
    line's "ui_language", else in `language`.

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
            items = [_batch_item(line, language) for _number, line in chunk]
            if prepare is not None:
                prepare([item for item in items if isinstance(item.get("text"), str)])
            for (number, _line), item in zip(chunk, items, strict=True):
                result = _batch_result(handle, item, language)
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

    status = _batch(handle, out, prepare, args.messages)
    return status or _exit_status(verdicts, args.fail_on or "never")


def _tolerant_streams() -> None:
    """Bytes that are not UTF-8 on stdin arrive as lone surrogates, found and refused
    (`invalid_utf8_at`) instead of raising while reading, and a lone surrogate in a report (a
    JSON "\\ud800" escape) is printed escaped instead of raising."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; the exit status. A reader that stops reading (`| head`) ends it
    quietly, as other command-line tools end; output that cannot be written (a full disk)
    is one line on standard error and EXIT_OUTPUT_ERROR, Ctrl+C is EXIT_INTERRUPTED; neither
    prints a traceback. Standard output is flushed here, so that a write that fails at the
    end is reported as well."""
    language = language_of(asked_language(list(sys.argv[1:] if argv is None else argv)))
    try:
        status = _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except KeyboardInterrupt:
        _quiet_stdout()
        return EXIT_INTERRUPTED
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            raise
        _quiet_stdout()
        detail = exc.strerror or str(exc)
        sys.stderr.write(f"someluotsi: {say('output_error', language, detail=detail)}\n")
        return EXIT_OUTPUT_ERROR
    return status


def _quiet_stdout() -> None:
    """Python's recipe for a stdout that cannot take more: point it at /dev/null, so that
    the interpreter's final flush of what is left raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no stdout to point anywhere (closed, replaced by a test)
        pass


def _main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(asked_language(arguments))
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    # The language of the errors: --lang's, English when none was asked for (as before);
    # the report's: --lang's, Finnish by default.
    args.messages = language_of(getattr(args, "lang", None))
    if args.command == "check":
        args.lang = args.lang or "fi"
    if conflicts := _batch_conflicts(args):
        parser.error(say("batch_conflict", args.messages, what=", ".join(conflicts)))
    if args.command == "check":
        try:
            args.media_items = _media_option(args.media)
        except CliInputError as problem:
            parser.error(say("media_option", args.messages, problem=problem.text(args.messages)))
    if getattr(args, "format", None) is None and args.command in ("check", "triage"):
        args.format = "text"
    if args.command == "storms":
        return _storms(args, sys.stdout)
    try:
        engine = engine_for(args.rulebook)
    except RulebookError as exc:
        sys.stderr.write(f"someluotsi: {say('rulebook', args.messages, detail=exc)}\n")
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
