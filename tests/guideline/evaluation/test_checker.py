from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from someluotsi.guideline.evaluation.checker import Scores, auc


def test_scores_compute_precision_recall_f1() -> None:
    scores = Scores()
    for predicted, actual in [(True, True), (True, False), (False, True), (False, False)]:
        scores.add(predicted, actual)
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [([0.1, 0.9], [0, 1], 1.0), ([0.9, 0.1], [0, 1], 0.0), ([0.5, 0.5], [0, 1], 0.5)],
)
def test_auc(scores: list[float], labels: list[int], expected: float) -> None:
    assert auc(scores, labels) == expected


def test_eval_command_writes_a_markdown_table(tmp_path: Path) -> None:
    data = tmp_path / "dev.tsv"
    data.write_text(
        "id\tattribute\tpositive\ttext\n"
        "a\tinsult\t1\tOlet täysi idiootti.\n"
        "b\tinsult\t0\tKiitos avusta, hyvää päivänjatkoa.\n"
        "c\tthreat\t1\tTapan sinut.\n"
        "d\tthreat\t0\tTapaninpäivänä on hiljaista.\n",
        encoding="utf-8",
    )
    out = tmp_path / "eval.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "someluotsi.guideline",
            "eval",
            "--suomi24",
            str(data),
            "--cases",
            "tests/guideline/checker/cases",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    table = out.read_text(encoding="utf-8")
    assert "| insult | 2 | 100.0 / 100.0 / 100.0 |" in table
    assert "| threat | 2 | 100.0 / 100.0 / 100.0 |" in table
    assert "## Project example tables" in table
    assert "examples [" in result.stderr  # the progress bar
