"""Write what the engine says on every adversarial text (the fingerprint of its report) to
tests/guideline/checker/adversarial.json, which test_adversarial.py compares against.

    uv run python tools/adversarial_expectations.py [--size 100000]

Run it only when a change of what the engine says on these texts is intended, and say in the
commit what changed and why; a speed change must leave the file as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from someluotsi.guideline.checker.engine import check  # noqa: E402
from someluotsi.guideline.evaluation.adversarial import ALL_ADVERSARIAL, checked  # noqa: E402

EXPECTED = ROOT / "tests" / "guideline" / "checker" / "adversarial.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per text")
    args = parser.parse_args()
    expected = {
        "size": args.size,
        "kinds": {kind: checked(make(args.size), check) for kind, make in ALL_ADVERSARIAL.items()},
    }
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(expected['kinds'])} kinds written to {EXPECTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
