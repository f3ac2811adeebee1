"""Where a check's time goes: mean microseconds per text for each stage and each detector.

    uv run python tools/profile_detectors.py [--corpus posts|suomi24] [--repeats 2]
                                             [--suomi24 ../shared/data/suomi24-toxicity/dev.tsv]

Stages in the order a check pays for them (normalisation, language identification, words,
vocabulary, the prefilter), then every detector of the default engine, skipped detectors
counted as the zero they cost. Wall time on a shared machine is noisy: run it under
`taskset -c 0` on a quiet machine, and use tools/count_instructions.py to compare versions.
Prints a table sorted by cost; the total is close to, not equal to, a check's mean (a check
also resolves and formats its findings).
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", choices=("posts", "suomi24"), default="posts")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--suomi24", default="../shared/data/suomi24-toxicity/dev.tsv")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
    from bench_engine import generate, suomi24_texts

    from someluotsi.guideline.checker.detectors.base import CheckContext
    from someluotsi.guideline.checker.engine import MAX_PER_DETECTOR, engine_for
    from someluotsi.guideline.model import AuthorRole, ChannelContext
    from someluotsi.guideline.text.analysis import AnalysedText

    engine = engine_for()
    if args.corpus == "posts":
        texts = [post.text for post in generate(2000, 7)]
    else:
        texts = suomi24_texts(Path(args.suomi24))
    for text in texts[:50]:
        engine.check(text)  # warm caches as a running service has them
    spent: dict[str, float] = {}
    clock = time.perf_counter

    def timed(name: str, started: float) -> float:
        now = clock()
        spent[name] = spent.get(name, 0.0) + now - started
        return now

    for _ in range(args.repeats):
        for text in texts:
            started = clock()
            analysed = AnalysedText(text)
            ctx = CheckContext(text=analysed, role=AuthorRole.EMPLOYEE, channel=ChannelContext(),
                               media=(), city=engine.rulebook.city)  # fmt: skip
            started = timed("stage: normalisation", started)
            analysed.main_language  # noqa: B018 - identifies the language
            started = timed("stage: language", started)
            analysed.words  # noqa: B018 - tokenises
            started = timed("stage: words", started)
            analysed.word_vocabulary  # noqa: B018 - looks the words up
            started = timed("stage: vocabulary", started)
            selected = set(map(id, engine.prefilter.select(analysed.text)))
            started = timed("stage: prefilter", started)
            for detector in engine.detectors:
                if id(detector) in selected:
                    for _match in islice(detector.detect(ctx), MAX_PER_DETECTOR):
                        pass
                started = timed(type(detector).__name__, started)
    count = len(texts) * args.repeats
    rows = sorted(((total / count * 1e6, name) for name, total in spent.items()), reverse=True)
    print(f"| {args.corpus}: {len(texts)} texts × {args.repeats} | µs per text |")
    print("| --- | --- |")
    for micros, name in rows:
        print(f"| {name} | {micros:.1f} |")
    print(f"| total | {sum(r[0] for r in rows):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
