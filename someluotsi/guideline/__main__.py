"""The `someluotsi` command line. Starts without Django.

someluotsi check [--role ROLE] [--format text|json] [--lang fi|sv|en] [TEXT | -]
someluotsi check --batch < drafts.jsonl > reports.jsonl
someluotsi triage TEXT; someluotsi eval; someluotsi storms [--seeds 101,102] [--days 30]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Any, TextIO

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

EXIT_INPUT_ERROR = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="someluotsi",
        description="Check social media texts against a municipality's guideline.",
    )
    parser.add_argument("--version", action="version", version=f"someluotsi {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check a draft post before publishing")
    check.add_argument("text", nargs="?", default="-", help="the draft, or - to read stdin")
    check.add_argument("--role", choices=[r.value for r in AuthorRole], default="employee")
    check.add_argument(
        "--channel",
        choices=[k.value for k in ChannelKind],
        default="personal",
        help="kind of channel the post goes to",
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
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
        "--batch",
        action="store_true",
        help='JSON lines in ({"id", "text", "role"}); one JSON report per line out',
    )
    sort = commands.add_parser("triage", help="sort a citizen's message and suggest a reply")
    sort.add_argument("text", nargs="?", default="-", help="the message, or - to read stdin")
    sort.add_argument("--format", choices=["text", "json"], default="text")
    sort.add_argument("--language", choices=["fi", "sv", "en"], default=None)
    sort.add_argument("--rulebook", default=None)
    sort.add_argument(
        "--batch", action="store_true", help='JSON lines in ({"id", "text"}); one result per line'
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
    text = sys.stdin.read() if args.text == "-" else args.text
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
        out.write(f"  [{finding.severity.value}] {finding.rule} {sections} «{finding.excerpt}»\n")
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
            f"{finding.start}-{finding.end} «{finding.excerpt}»"
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
        out.write(f"\n{redacted}\n")


def _check_one(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        report = engine.check(
            text,
            role=args.role,
            channel=ChannelContext(kind=ChannelKind(args.channel)),
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
    return 0


def _check_item(
    engine: GuidelineEngine,
    item: dict[str, Any],
    args: argparse.Namespace,
    analysed: str | AnalysedText | None = None,
) -> dict[str, Any]:
    """One batch line's report. `analysed`: the item's text as `GuidelineEngine.analyse_many`
    prepared it (its language identified with the rest of the chunk)."""
    report = engine.check(
        item["text"] if analysed is None else analysed,
        role=item.get("role") or args.role,
        channel=ChannelContext(kind=ChannelKind(item.get("channel") or args.channel)),
        media=[Media(**m) for m in item.get("media", [])],
        language=item.get("language") or args.language,
        ui_language=item.get("ui_language") or args.lang,
        report_id=item.get("id"),
    )
    return report.to_dict()


BATCH_CHUNK = 256  # lines read, analysed together and answered before the next ones


def _batch_item(line: str) -> dict[str, Any]:
    """A batch line as its item, or {"error": ...} (with the id when there is one)."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": {"code": "invalid_json", "message": str(exc)}}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        ident = item.get("id") if isinstance(item, dict) else None
        return {"id": ident, "error": {"code": "invalid", "message": "needs a string 'text'"}}
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


def _batch(
    handle: Callable[[dict[str, Any]], dict[str, Any]],
    out: TextIO,
    prepare: Callable[[list[dict[str, Any]]], None] | None = None,
) -> int:
    """JSON lines on stdin, one result per line on `out`, in input order.

    Lines are read BATCH_CHUNK at a time; `prepare` sees each chunk's valid items before
    they are handled (the check analyses their texts together), so memory stays bounded by
    the chunk, not by the input."""
    lines = (line for line in sys.stdin if line.strip())
    while chunk := list(islice(lines, BATCH_CHUNK)):
        items = [_batch_item(line) for line in chunk]
        if prepare is not None:
            prepare([item for item in items if isinstance(item.get("text"), str)])
        for item in items:
            out.write(json.dumps(_batch_result(handle, item), ensure_ascii=False) + "\n")
    return 0


def _check_batch(engine: GuidelineEngine, args: argparse.Namespace, out: TextIO) -> int:
    """`check --batch`: each chunk's texts analysed and their languages identified in one
    step (`GuidelineEngine.analyse_many`), then checked one by one."""
    prepared: dict[int, str | AnalysedText] = {}

    def prepare(items: list[dict[str, Any]]) -> None:
        prepared.clear()
        languages = [item.get("language") or args.language for item in items]
        usable = [
            (item, language)
            for item, language in zip(items, languages, strict=True)
            if language is None or isinstance(language, str)
        ]
        analysed = engine.analyse_many(
            [item["text"] for item, _ in usable], [language for _, language in usable]
        )
        prepared.update((id(item), text) for (item, _), text in zip(usable, analysed, strict=True))

    return _batch(
        lambda item: _check_item(engine, item, args, prepared.get(id(item))), out, prepare
    )


def _tolerant_streams() -> None:
    """Bytes that are not UTF-8 on stdin arrive as lone surrogates (the engine takes any
    string), and a lone surrogate in a report is printed escaped instead of raising."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
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
