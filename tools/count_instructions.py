"""Instructions per text, counted by valgrind (callgrind): a speed figure that load on a shared
machine does not move, for comparing two versions of the engine where wall time is too noisy.

    uv run python tools/count_instructions.py [--what check,personal,triage,language,batch]
                                              [--texts 200]
                                              [--suomi24 ../shared/data/suomi24-toxicity/dev.tsv]

For each measure and corpus the same program runs twice under `valgrind --tool=callgrind`: once
processing the first WARM texts, once the first WARM + N; the difference of the two totals,
divided by N, is what one text costs (start-up, imports and first-call work cancel out).
Corpora: the generated city posts of tools/bench_engine.py (seed 7) and the Suomi24 development
comments. `batch` is `someluotsi check --batch` (JSON lines in and out, chunks analysed
together): the WARM texts are one batch run, the N others a second one. Needs Debian's
valgrind. Prints a markdown table; `--inner` is the measured program.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM = 50


def _texts(corpus: str, count: int, suomi24: str) -> list[str]:
    sys.path.insert(0, str(ROOT / "tools"))
    if corpus == "posts":
        from bench_engine import generate

        return [post.text for post in generate(WARM + count, 7)]
    from bench_engine import suomi24_texts

    return suomi24_texts(Path(suomi24))[: WARM + count]


def inner(what: str, corpus: str, count: int, suomi24: str) -> None:
    """The measured program: load the engine, then process the first `count` texts."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    texts = _texts(corpus, count, suomi24)[:count]
    from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for

    engine = engine_for()
    if what == "batch":
        _batch(engine, texts[:WARM])
        _batch(engine, texts[WARM:])
        return
    if what == "personal":
        from someluotsi.guideline.checker.registry import DETECTORS

        engine = GuidelineEngine(
            engine.rulebook,
            detectors=[d for d in DETECTORS if all(r.startswith("privacy-") for r in d.rules)],
        )
    if what == "language":
        from someluotsi.guideline.text.analysis import AnalysedText

        for text in texts:
            AnalysedText(text).main_language  # noqa: B018 - identifies the language
        return
    if what == "triage":
        from someluotsi.guideline.messages.tone import tone
        from someluotsi.guideline.messages.triage import triage

        triage("Kiitos!", engine=engine)
        for text in texts:
            result = triage(text, engine=engine)
            tone(text, language=result.language, category=result.category.value)
        return
    engine.check("Hetu 131052-308T, soita 040 123 4567, tapan sinut idiootti www.kokkola.fi")
    # The personal-data detectors are told the language, as bench_engine.py tells them and
    # Presidio: none of them reads it.
    language = "fi" if what == "personal" else None
    for text in texts:
        engine.check(text, language=language)


def _batch(engine: object, texts: list[str]) -> None:
    """`someluotsi check --batch` over `texts` (ids: their numbers), its output discarded."""
    import io
    import json

    from someluotsi.guideline.__main__ import _check_batch, build_parser
    from someluotsi.guideline.cli_messages import language_of

    args = build_parser().parse_args(["check", "--batch"])
    args.messages = language_of(None)  # as `_main` sets it: the language of input errors
    args.lang = args.lang or "fi"
    lines = "".join(
        json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n"
        for number, text in enumerate(texts)
    )
    stdin, sys.stdin = sys.stdin, io.StringIO(lines)
    try:
        _check_batch(engine, args, io.StringIO())  # type: ignore[arg-type]
    finally:
        sys.stdin = stdin


def _instructions(what: str, corpus: str, count: int, suomi24: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        command = [
            "valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out",
            sys.executable, __file__, "--inner", what, "--corpus", corpus,
            "--texts", str(count), "--suomi24", suomi24,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(result.stderr[-2000:])
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--what", default="check,personal,triage")
    parser.add_argument("--corpora", default="posts,suomi24")
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--suomi24", default="../shared/data/suomi24-toxicity/dev.tsv")
    parser.add_argument("--inner", default="")
    parser.add_argument("--corpus", default="posts")
    args = parser.parse_args()
    if args.inner:
        inner(args.inner, args.corpus, args.texts, args.suomi24)
        return 0
    rows = ["| measure | corpus | instructions per text |", "| --- | --- | --- |"]
    for what in args.what.split(","):
        for corpus in args.corpora.split(","):
            if corpus == "suomi24" and not Path(args.suomi24).exists():
                continue
            base = _instructions(what, corpus, WARM, args.suomi24)
            total = _instructions(what, corpus, WARM + args.texts, args.suomi24)
            per_text = (total - base) / args.texts
            rows.append(f"| {what} | {corpus} | {per_text / 1e6:.2f} M |")
            print(rows[-1], file=sys.stderr)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
