"""`someluotsi eval`: how well the detectors do, as a markdown table.

1. Suomi24 development data, per attribute: the shipped engine live (rules alone, and rules with
   the classifier; the classifier was trained on this data, so those figures are in-sample and
   labelled so), and the cross-validated figures recorded when the classifier was trained.
2. The project's example tables (fi/sv/en should-flag and should-pass texts), per category.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from someluotsi.guideline.checker.engine import GuidelineEngine
from someluotsi.guideline.checker.registry import RULE_DETECTORS
from someluotsi.guideline.model import ChannelContext, ChannelKind, Media
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.blank import is_blank
from someluotsi.guideline.text.classifier import ATTRIBUTE_CATEGORIES, harm_classifier

# Published reference (FinBERT-base on machine-translated Jigsaw, full annotated set), F1 %.
REFERENCE_F1 = {
    "toxicity": 61.1,
    "threat": 27.2,
    "insult": 54.1,
    "obscene": 62.8,
    "identity_attack": 60.4,
}


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve by ranks (ties shared)."""
    pairs = sorted(zip(scores, labels, strict=True))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum, index = 0.0, 0
    while index < len(pairs):
        end = index
        while end < len(pairs) and pairs[end][0] == pairs[index][0]:
            end += 1
        average_rank = (index + end + 1) / 2
        rank_sum += average_rank * sum(label for _s, label in pairs[index:end])
        index = end
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def progress(label: str, done: int, total: int, out: TextIO = sys.stderr) -> None:
    if done == total or done % max(1, total // 50) == 0:
        filled = 30 * done // max(total, 1)
        out.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            out.write("\n")
        out.flush()


def _load_suomi24(path: Path) -> list[tuple[str, int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        _ident, attribute, label, text = line.split("\t", 3)
        rows.append((attribute, int(label), text))
    return rows


def suomi24_section(engine: GuidelineEngine, path: Path) -> list[str]:
    rows = [row for row in _load_suomi24(path) if row[0] in ATTRIBUTE_CATEGORIES]
    rules_engine = GuidelineEngine(engine.rulebook, detectors=RULE_DETECTORS)
    classifier = harm_classifier()
    full: dict[str, Scores] = {a: Scores() for a in ATTRIBUTE_CATEGORIES}
    rules: dict[str, Scores] = {a: Scores() for a in ATTRIBUTE_CATEGORIES}
    model_scores: dict[str, list[float]] = {a: [] for a in ATTRIBUTE_CATEGORIES}
    labels: dict[str, list[int]] = {a: [] for a in ATTRIBUTE_CATEGORIES}
    for done, (attribute, label, text) in enumerate(rows, 1):
        text = text[:100_000]
        if is_blank(text):
            continue  # check() refuses a text that shows nothing (BlankTextError)
        wanted = ATTRIBUTE_CATEGORIES[attribute]
        found = {f.category.value for f in engine.check(text).findings}
        by_rules = {f.category.value for f in rules_engine.check(text).findings}
        full[attribute].add(bool(found & wanted), bool(label))
        rules[attribute].add(bool(by_rules & wanted), bool(label))
        if classifier is not None:
            model_scores[attribute].append(classifier.scores(AnalysedText(text))[attribute])
            labels[attribute].append(label)
        progress("Suomi24", done, len(rows))
    meta = classifier.meta["attributes"] if classifier is not None else {}
    lines = [
        "## Suomi24 development data (fi)",
        "",
        "| attribute | rows | rules P / R / F1 | rules + model P / R / F1 (in-sample) | model AUC "
        "(in-sample) | CV F1-optimal P / R / F1 | CV AUC | CV product P / R / F1 | everyday "
        "texts flagged by the model | reference F1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    shipped_f1: dict[str, float] = {}
    for attribute in ATTRIBUTE_CATEGORIES:
        r, f = rules[attribute], full[attribute]
        cv = meta.get(attribute, {}) if isinstance(meta, dict) else {}
        cv_best, cv_product = cv.get("cv", {}), cv.get("cv_product", {})
        if "f1" in cv_product:
            shipped_f1[attribute] = float(cv_product["f1"])
        lines.append(
            f"| {attribute} | {r.tp + r.fp + r.fn + r.tn} | {_prf(r)} | {_prf(f)} | "
            f"{_pct(auc(model_scores[attribute], labels[attribute]))} | {_prf_dict(cv_best)} | "
            f"{_pct(cv_best.get('auc', float('nan')))} | {_prf_dict(cv_product)} | "
            f"{_pct(cv.get('ordinary_flag_rate', float('nan')))} % | {REFERENCE_F1[attribute]} |"
        )
    specified = classifier.meta.get("toxicity_as_specified") if classifier is not None else None
    if isinstance(specified, dict):
        best, shipped = specified.get("f1_optimal", {}), specified.get("product", {})
        lines.append(
            f"| toxicity, as specified (any harm finding, all models) | 137 | – | – | – | "
            f"{_prf_dict(best)} | – | {_prf_dict(shipped)} | – | {REFERENCE_F1['toxicity']} |"
        )
        if "f1" in shipped:
            shipped_f1["toxicity"] = float(shipped["f1"])
    if len(shipped_f1) == len(REFERENCE_F1):
        macro = sum(shipped_f1.values()) / len(shipped_f1)
        reference = sum(REFERENCE_F1.values()) / len(REFERENCE_F1)
        lines.append(
            f"| macro F1 (toxicity as specified) | – | – | – | – | – | – | {_pct(macro)} | – | "
            f"{reference:.1f} |"
        )
    lines += [
        "",
        "Toxicity counts as found when any insult, obscene, identity-attack or threat finding is "
        "made. CV: 5-fold cross-validation grouped by comment, 3 seeds, thresholds chosen by "
        "inner cross-validation (tools/train_toxicity.py); F1-optimal is the research operating "
        "point, product is the shipped one: F1-optimal, but never flagging more than 0.5 % of a "
        "calibration sample of everyday Finnish and Swedish texts (toxicity: the model alone "
        "right at least 70 % of the time). Everyday texts flagged: that share for the shipped "
        "model, before the rule gates.",
    ]
    return lines


def cases_section(engine: GuidelineEngine, directory: Path) -> list[str]:
    by_category: dict[str, Scores] = {}
    by_language: dict[str, Scores] = {}
    files = sorted(directory.glob("*.toml"))
    cases: list[dict[str, Any]] = []
    for file in files:
        cases.extend(tomllib.loads(file.read_text(encoding="utf-8"))["case"])
    for done, case in enumerate(cases, 1):
        channel = ChannelContext(kind=ChannelKind(case["channel"])) if "channel" in case else None
        media = [Media(**item) for item in case.get("media", [])]
        report = engine.check(
            case["text"], role=case.get("role", "employee"), channel=channel, media=media
        )
        hit = any(f.rule == case["rule"] for f in report.findings)
        category = engine.rulebook.rule(case["rule"]).category.value
        for table, key in ((by_category, category), (by_language, case.get("lang", "?"))):
            table.setdefault(key, Scores()).add(hit, case["expect"] == "flag")
        progress("examples", done, len(cases))
    lines = [
        "## Project example tables (fi/sv/en)",
        "",
        "| group | cases | P / R / F1 |",
        "| --- | --- | --- |",
    ]
    for name, scores in [*sorted(by_category.items()), *sorted(by_language.items())]:
        total = scores.tp + scores.fp + scores.fn + scores.tn
        lines.append(f"| {name} | {total} | {_prf(scores)} |")
    return lines


def _pct(value: float) -> str:
    return "–" if value != value else f"{100 * value:.1f}"


def _prf(scores: Scores) -> str:
    return f"{_pct(scores.precision)} / {_pct(scores.recall)} / {_pct(scores.f1)}"


def _prf_dict(values: dict[str, float]) -> str:
    if not values:
        return "–"
    return f"{_pct(values['precision'])} / {_pct(values['recall'])} / {_pct(values['f1'])}"


def evaluate(
    engine: GuidelineEngine,
    *,
    suomi24: Path | None,
    cases: Path | None,
    parallel: Path | None = None,
    privacy: Path | None = None,
) -> str:
    lines = ["# Someluotsi detector evaluation", ""]
    if suomi24 is not None:
        lines += [*suomi24_section(engine, suomi24), ""]
    if cases is not None:
        lines += [*cases_section(engine, cases), ""]
    if parallel is not None:
        from someluotsi.guideline.evaluation.parallel import parallel_section

        lines += [*parallel_section(engine, parallel), ""]
    if privacy is not None:
        from someluotsi.guideline.evaluation.privacy import privacy_section

        lines += privacy_section(engine, privacy)
    return "\n".join(lines) + "\n"
