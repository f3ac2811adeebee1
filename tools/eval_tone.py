"""Score the tone lexicon (someluotsi/guideline/messages/tone.py) on XED, with progress.

uv run python tools/eval_tone.py [--xed ../shared/data/xed]

XED is movie subtitles: a check that the lexicon reads tone at all, not a measure of city
comments, whose tone mostly follows their triage category. Gold: joy/trust only → positive;
anger, disgust, fear, sadness only → negative; neu_fi.txt → neutral; mixed lines are left out.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from someluotsi.guideline.messages.tone import tone

POSITIVE, NEGATIVE = {"5", "8"}, {"1", "3", "4", "6"}
TONES = ("positive", "neutral", "negative")


def gold(labels: str) -> str | None:
    found = {part.strip() for part in labels.split(",")}
    if found <= POSITIVE:
        return "positive"
    if found <= NEGATIVE:
        return "negative"
    return None


def lines(xed: Path, language: str) -> list[tuple[str, str]]:
    name = "fi-annotated.tsv" if language == "fi" else "sv-projections.tsv"
    rows = []
    for line in (xed / name).read_text(encoding="utf-8").splitlines():
        text, _, labels = line.rpartition("\t")
        label = gold(labels)
        if text and label:
            rows.append((text, label))
    if language == "fi":
        for line in (xed / "neu_fi.txt").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) > 1:
                rows.append((parts[1], "neutral"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xed", type=Path, default=Path("../shared/data/xed"))
    args = parser.parse_args()
    if not args.xed.exists():
        print(f"XED not found at {args.xed}", file=sys.stderr)
        return 2
    print("| language | gold | n | → positive | → neutral | → negative | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for language in ("fi", "sv"):
        rows = lines(args.xed, language)
        counts: Counter[tuple[str, str]] = Counter()
        for index, (text, label) in enumerate(rows, start=1):
            counts[(label, tone(text, language=language).tone.value)] += 1
            if index % 5000 == 0:
                print(f"  {language}: {index}/{len(rows)}", file=sys.stderr)
        for label in TONES:
            row = [counts[(label, predicted)] for predicted in TONES]
            if sum(row):
                recall = counts[(label, label)] / sum(row)
                cells = " | ".join(str(n) for n in row)
                print(f"| {language} | {label} | {sum(row)} | {cells} | {recall:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
