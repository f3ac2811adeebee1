"""Compare the guideline engine of a git revision with the working tree's, text by text.

    uv run python tools/compare_engines.py [--base main] [--suomi24 PATH] [--posts 2000]
                                          [--adversarial 100000]
                                          [--out reports/compare_engines.md]

A speed change must not change what the engine says. This runs both engines on the same inputs
and lists every difference:

- the example tables (tests/guideline/checker/cases/*.toml), each with its role, channel,
  media and message language;
- the clean city posts (tests/guideline/checker/clean_posts.toml);
- the triage table (tests/guideline/messages/triage/messages.toml): category, actions,
  priority, language, findings and the tone of the message;
- the Suomi24 development comments (check and triage);
- the generated benchmark posts of tools/bench_engine.py (seeded);
- with `--adversarial SIZE`, the adversarial texts of SIZE characters
  (someluotsi/guideline/evaluation/adversarial.py; an engine without the speed work of
  issue 20 takes minutes on some of them).

The base revision's `someluotsi/` is exported with `git archive` into a temporary folder and
imported from there in a child process; the inputs always come from the working tree, so both
engines read exactly the same texts. Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# As `someluotsi eval` looks for it: beside the repository, never inside it (its licence).
SUOMI24 = "../shared/data/suomi24-toxicity/dev.tsv"


def _items(suomi24: Path | None, posts: int, adversarial: int = 0) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for file in sorted((ROOT / "tests/guideline/checker/cases").glob("*.toml")):
        for index, case in enumerate(tomllib.loads(file.read_text(encoding="utf-8"))["case"]):
            items.append(
                {
                    "key": f"case:{file.stem}:{index + 1}",
                    "kind": "check",
                    "text": case["text"],
                    "role": case.get("role", "employee"),
                    "channel": case.get("channel"),
                    "incident": case.get("incident", False),
                    "media": case.get("media", []),
                    "ui": case.get("lang", "fi"),
                }
            )
    clean = tomllib.loads((ROOT / "tests/guideline/checker/clean_posts.toml").read_text("utf-8"))
    for index, post in enumerate(clean["post"]):
        items.append({"key": f"clean:{index + 1}", "kind": "check", "text": post["text"]})
    triage_file = ROOT / "tests/guideline/messages/triage/messages.toml"
    for index, message in enumerate(tomllib.loads(triage_file.read_text("utf-8"))["message"]):
        items.append({"key": f"triage:{index + 1}", "kind": "triage", "text": message["text"]})
    if suomi24 is not None and suomi24.exists():
        seen: set[str] = set()
        for line in suomi24.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 4 or parts[3] in seen:
                continue
            seen.add(parts[3])
            items.append({"key": f"suomi24:{parts[0]}", "kind": "check", "text": parts[3]})
            items.append({"key": f"suomi24-triage:{parts[0]}", "kind": "triage", "text": parts[3]})
    if posts:
        sys.path.insert(0, str(ROOT / "tools"))
        from bench_engine import generate

        for index, post in enumerate(generate(posts, 7)):
            items.append({"key": f"bench:{index}", "kind": "check", "text": post.text})
    if adversarial:
        sys.path.insert(0, str(ROOT))
        from someluotsi.guideline.evaluation.adversarial import ALL_ADVERSARIAL
        from someluotsi.guideline.text.blank import is_blank

        for name, make in ALL_ADVERSARIAL.items():
            text = make(adversarial)
            if not is_blank(text):  # check() refuses a text that shows nothing
                items.append({"key": f"adversarial:{name}", "kind": "check", "text": text})
    return items


def _finding(finding: Any) -> list[Any]:
    return [
        finding.rule,
        finding.start,
        finding.end,
        finding.severity.value,
        finding.excerpt,
        round(finding.confidence, 3),
    ]


def dump(items_file: str, out_file: str) -> None:
    """Runs in the child process with the engine to compare first on sys.path."""
    from someluotsi.guideline.checker.engine import check
    from someluotsi.guideline.messages.tone import tone
    from someluotsi.guideline.messages.triage import triage
    from someluotsi.guideline.model import ChannelContext, ChannelKind, Media

    items = json.loads(Path(items_file).read_text(encoding="utf-8"))
    results: dict[str, Any] = {}
    for item in items:
        try:
            if item["kind"] == "triage":
                result = triage(item["text"])
                results[item["key"]] = {
                    "category": result.category.value,
                    "actions": [a.value for a in result.actions],
                    "priority": result.priority.value,
                    "language": result.language,
                    "findings": [_finding(f) for f in result.findings],
                    "reply": result.reply,
                    "tone": tone(
                        item["text"], language=result.language, category=result.category.value
                    ).tone.value,
                }
                continue
            channel = None
            if item.get("channel") or item.get("incident"):
                channel = ChannelContext(
                    kind=ChannelKind(item.get("channel") or "personal"),
                    incident=bool(item.get("incident")),
                )
            report = check(
                item["text"],
                role=item.get("role", "employee"),
                channel=channel,
                media=[Media(**m) for m in item.get("media", [])],
                ui_language=item.get("ui", "fi"),
            )
            results[item["key"]] = {
                "verdict": report.verdict.value,
                "language": report.language,
                "parts": [[p.start, p.end, p.language] for p in report.parts],
                "findings": [_finding(f) for f in report.findings],
                "messages": [f.message for f in report.findings],
            }
        except Exception as exc:  # noqa: BLE001 - a crash is a result to compare too
            results[item["key"]] = {"error": f"{type(exc).__name__}: {exc}"}
    Path(out_file).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def _run(source_root: Path, items_file: Path, out_file: Path) -> dict[str, Any]:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]); "
        "import compare_engines; compare_engines.dump(sys.argv[3], sys.argv[4])"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(source_root), str(ROOT / "tools"), str(items_file),
         str(out_file)],
        check=True,
        cwd=source_root,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out_file.read_text(encoding="utf-8"))
    return result


def _export(revision: str, into: Path) -> None:
    archive = into / "base.tar"
    with archive.open("wb") as handle:
        subprocess.run(
            ["git", "archive", revision, "someluotsi"], cwd=ROOT, check=True, stdout=handle
        )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")


def _describe(key: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = [f"- `{key}`"]
    for field in sorted(set(old) | set(new)):
        if old.get(field) != new.get(field):
            if field == "findings":
                before = {tuple(f) for f in old.get(field, [])}
                after = {tuple(f) for f in new.get(field, [])}
                for gone in sorted(before - after):
                    lines.append(f"  - only before: {list(gone)}")
                for added in sorted(after - before):
                    lines.append(f"  - only after: {list(added)}")
            else:
                lines.append(f"  - {field}: {old.get(field)!r} → {new.get(field)!r}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base", default="main", help="git revision of the engine to compare")
    parser.add_argument("--suomi24", default=SUOMI24)
    parser.add_argument("--posts", type=int, default=2000, help="generated benchmark posts")
    parser.add_argument(
        "--adversarial", type=int, default=0, help="characters per adversarial text (0: none)"
    )
    parser.add_argument("--out", default=str(ROOT / "reports" / "compare_engines.md"))
    args = parser.parse_args()
    items = _items(Path(args.suomi24) if args.suomi24 else None, args.posts, args.adversarial)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        items_file = tmp / "items.json"
        items_file.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        base = tmp / "base"
        base.mkdir()
        _export(args.base, base)
        old = _run(base, items_file, tmp / "old.json")
        new = _run(ROOT, items_file, tmp / "new.json")
    revision = subprocess.run(
        ["git", "rev-parse", "--short", args.base], cwd=ROOT, check=True, capture_output=True,
        text=True,
    ).stdout.strip()  # fmt: skip
    groups: Counter[str] = Counter()
    differing: Counter[str] = Counter()
    details: list[str] = []
    for item in items:
        key = item["key"]
        group = key.split(":", 1)[0]
        groups[group] += 1
        if old.get(key) != new.get(key):
            differing[group] += 1
            details += _describe(key, old.get(key, {}), new.get(key, {}))
    lines = [
        f"# Engine comparison: {args.base} ({revision}) against the working tree",
        "",
        "| inputs | texts | differ |",
        "| --- | --- | --- |",
        *(f"| {group} | {groups[group]:,} | {differing[group]:,} |" for group in groups),
        "",
    ]
    lines += details or ["No differences."]
    report = "\n".join(lines) + "\n"
    out = Path(args.out)
    out.parent.mkdir(exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(report if len(report) < 20_000 else report[:20_000] + "\n… (see the report file)")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
