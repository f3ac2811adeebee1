"""Train the harmful-language classifier from the Suomi24 development data.

    uv run --group build python tools/train_toxicity.py [--data PATH/TO/dev.tsv] [--xed PATH]

Only the development part is used (the held-out part is never read). For each attribute:
5-fold cross-validation, stratified and grouped by comment id, repeated with 3 seeds; inside
every training fold an inner 4-fold cross-validation picks the regularisation and the decision
threshold of "rules OR model" for the best F1, which is then measured on the outer test fold.
The final model is fitted on all development rows of the attribute, its threshold chosen on
out-of-fold predictions. Writes someluotsi/guideline/data/models/harm-classifier.{npz,json}
with the cross-validated figures in the JSON.

Training signal besides the attribute's own rows (issue 16 §7):
- comments annotated non-toxic are negatives for every narrower attribute (a comment that is
  not toxic is no insult, threat, identity attack or obscenity either), and comments positive
  for any attribute are positives for toxicity;
- clean city posts (written for the project, fi/sv/en) and ordinary language from the shared
  data (neutral Finnish XED subtitle lines, Swedish XED lines annotated only with joy, trust or
  anticipation, Swedish Absabank-Imm paragraphs rated neutral or positive toward immigration)
  as down-weighted negatives, so a short everyday text no longer scores near the prior.

Shipped operating point ("product_threshold"): for insult, identity attack, obscene and threat
the F1-optimal threshold of the inner cross-validation, but never below the 99.5th percentile
of the model's scores on a separate calibration sample of ordinary language (at most 0.5 % of
everyday texts can pass). Toxicity, the weakest model, keeps the precision-oriented threshold
(the model alone right at least 70 % of the time in cross-validation).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from someluotsi.guideline.checker.engine import GuidelineEngine  # noqa: E402
from someluotsi.guideline.checker.registry import RULE_DETECTORS  # noqa: E402
from someluotsi.guideline.checker.rulebook import rulebook_load  # noqa: E402
from someluotsi.guideline.text.analysis import AnalysedText  # noqa: E402
from someluotsi.guideline.text.classifier import (  # noqa: E402
    ATTRIBUTE_CATEGORIES,
    ATTRIBUTES,
    DIMENSION,
    HOSTILITY,
    META_FILE,
    MODEL_FILE,
    AttributeModel,
    features,
    gate_open,
    vocabulary_categories,
    with_hostility,
)

C_GRID = (0.5, 2.0, 8.0)
THRESHOLDS = np.linspace(0.05, 0.95, 37)
# The product threshold: the lowest at which the model alone is right at least this often in
# cross-validation (Suomi24 is sampled at borderline cases, so its F1-optimal thresholds would
# flag ordinary city posts).
PRODUCT_PRECISION = 0.7
# Clean city communication written for the project: extra negatives in every training fold.
CITY_POSTS = ROOT / "someluotsi" / "guideline" / "data" / "training" / "city_posts.txt"
CITY_WEIGHT = 3.0
# Ordinary language from the shared data: negatives with a small weight (there are far more of
# them than annotated comments) and, from a disjoint sample, the calibration of the threshold.
ORDINARY_WEIGHT = 0.1
ORDINARY_QUANTILE = 0.995
ORDINARY_SIZES = {"xed_fi": 1500, "xed_sv": 800, "absabank_sv": 500}
# Attributes that keep the precision-oriented threshold (their model is too weak for the
# F1-optimal point to stay quiet on everyday city posts).
PRECISION_ATTRIBUTES = frozenset({"toxicity"})


@dataclass
class Row:
    id: str
    attribute: str
    label: int
    text: str


def load(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        ident, attribute, label, text = line.split("\t", 3)
        rows.append(Row(ident, attribute, int(label), text))
    return rows


def matrix(texts: list[str], hostility: AttributeModel | None = None) -> csr_matrix:
    data, indices, pointers = [], [], [0]
    for text in texts:
        vector = features(AnalysedText(text))
        if hostility is not None:
            vector = with_hostility(vector, hostility.probability(vector))
        indices.extend(vector.keys())
        data.extend(vector.values())
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(texts), DIMENSION), dtype=np.float32)


def rule_flags(texts: list[str]) -> dict[str, np.ndarray]:
    engine = GuidelineEngine(rulebook_load(), detectors=RULE_DETECTORS)
    flags: dict[str, list[int]] = defaultdict(list)
    for done, text in enumerate(texts, 1):
        categories = {f.category.value for f in engine.check(text[:100_000]).findings}
        for attribute, wanted in ATTRIBUTE_CATEGORIES.items():
            flags[attribute].append(int(bool(categories & wanted)))
        if done % 100 == 0 or done == len(texts):
            print(f"\rrules: {done}/{len(texts)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return {attribute: np.array(values) for attribute, values in flags.items()}


@dataclass
class Negatives:
    """Texts that are not harmful, as feature rows: city posts, ordinary language for
    training, and a disjoint ordinary-language sample that calibrates the threshold."""

    city: csr_matrix
    ordinary: csr_matrix
    calibration: csr_matrix


def ordinary_language(xed: Path, absabank: Path) -> tuple[list[str], list[str]]:
    """Deterministic (training, calibration) samples of everyday, non-hostile text.

    Neutral Finnish XED subtitle lines, Swedish XED lines annotated only with joy (5), trust (8)
    or anticipation (2), and Swedish Absabank-Imm paragraphs rated 3 or higher (neutral or
    positive toward immigration: they name groups without attacking them). Lines of fewer than
    three words are skipped, duplicates dropped; every second sampled text is for calibration.
    """
    sources: dict[str, list[str]] = {"xed_fi": [], "xed_sv": [], "absabank_sv": []}
    for line in (xed / "neu_fi.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 1:
            sources["xed_fi"].append(parts[1].lstrip("- ").strip())
    for line in (xed / "sv-projections.tsv").read_text(encoding="utf-8").splitlines():
        text, _, emotions = line.rpartition("\t")
        codes = {code.strip() for code in emotions.split(",")}
        if codes and codes <= {"2", "5", "8"}:
            sources["xed_sv"].append(text.lstrip("- ").strip())
    with (absabank / "absabank-imm_train.tsv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            try:
                if float(record["label"]) >= 3.0:
                    sources["absabank_sv"].append(record["text"].strip())
            except (TypeError, ValueError):
                continue
    training: list[str] = []
    calibration: list[str] = []
    for name, texts in sources.items():
        pool = sorted({text for text in texts if len(text.split()) >= 3})
        sample = random.Random(name).sample(pool, min(ORDINARY_SIZES[name], len(pool)))
        training.extend(sample[0::2])
        calibration.extend(sample[1::2])
    return training, calibration


def fit(
    x: csr_matrix, y: np.ndarray, c: float, negatives: Negatives | None = None
) -> LogisticRegression:
    """Weighted logistic regression: annotated rows balanced by class, then the negatives."""
    positives = max(int(y.sum()), 1)
    weights = [
        np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * max(len(y) - positives, 1)))
    ]
    parts, labels = [x], [y]
    if negatives is not None:
        for block, weight in ((negatives.city, CITY_WEIGHT), (negatives.ordinary, ORDINARY_WEIGHT)):
            parts.append(block)
            labels.append(np.zeros(block.shape[0], dtype=int))
            weights.append(np.full(block.shape[0], weight))
    # The dual solver: far faster than the primal when features (65,536) outnumber rows.
    model = LogisticRegression(C=c, max_iter=5000, solver="liblinear", dual=True, random_state=0)
    model.fit(vstack(parts).tocsr(), np.concatenate(labels), sample_weight=np.concatenate(weights))
    return model


def ordinary_floor(model: LogisticRegression, negatives: Negatives) -> float:
    """The threshold below which more than 0.5 % of everyday texts would be flagged."""
    scores = model.predict_proba(negatives.calibration)[:, 1]
    return float(np.quantile(scores, ORDINARY_QUANTILE))


def best_threshold(
    probabilities: np.ndarray, rules: np.ndarray, gates: np.ndarray, y: np.ndarray
) -> tuple[float, float]:
    """The threshold with the best F1 of "rules OR model"; 2.0 means the model adds nothing."""
    best = (2.0, float(f1_score(y, rules, zero_division=0)))
    for threshold in THRESHOLDS:
        predicted = rules | (gates & (probabilities >= threshold))
        score = f1_score(y, predicted, zero_division=0)
        if score > best[1]:
            best = (float(threshold), float(score))
    return best


@dataclass
class Extra:
    """Rows borrowed from other attributes' annotations (see the module docstring)."""

    x: csr_matrix
    y: np.ndarray
    ids: np.ndarray

    def added_to(
        self, x: csr_matrix, y: np.ndarray, banned: np.ndarray
    ) -> tuple[csr_matrix, np.ndarray]:
        """x and y with the borrowed rows whose comment is not in `banned` (a test part)."""
        keep = ~np.isin(self.ids, banned)
        return vstack([x, self.x[keep]]).tocsr(), np.concatenate([y, self.y[keep]])


def extra_rows(
    rows: list[Row], attribute: str, x_all: csr_matrix, index: dict[str, int]
) -> Extra | None:
    if attribute == "toxicity":
        # Comments annotated positive for any other attribute are toxic by definition.
        borrowed = [(r, 1) for r in rows if r.attribute != "toxicity" and r.label == 1]
    else:
        # A comment annotated non-toxic is no insult, threat, identity attack or obscenity.
        borrowed = [
            (r, 0) for r in rows if r.attribute in ("toxicity", "severe_toxicity") and r.label == 0
        ]
    if not borrowed:
        return None
    return Extra(
        x_all[[index[r.text] for r, _ in borrowed]],
        np.array([label for _, label in borrowed]),
        np.array([r.id for r, _ in borrowed]),
    )


def inner_choice(
    x: csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    rules: np.ndarray,
    gates: np.ndarray,
    seed: int,
    negatives: Negatives,
    extra: Extra | None,
) -> tuple[float, float]:
    """Pick C and the F1-optimal threshold by inner cross-validation on a training fold."""
    folds = StratifiedGroupKFold(n_splits=4, shuffle=True, random_state=seed)
    best = (C_GRID[0], 0.5, -1.0)
    for c in C_GRID:
        oof = np.zeros(len(y))
        for train, test in folds.split(x, y, groups):
            if len(set(y[train])) < 2:
                continue
            x_train, y_train = x[train], y[train]
            if extra is not None:
                x_train, y_train = extra.added_to(x_train, y_train, groups[test])
            oof[test] = fit(x_train, y_train, c, negatives).predict_proba(x[test])[:, 1]
        threshold, score = best_threshold(oof, rules, gates, y)
        if score > best[2]:
            best = (c, threshold, score)
    return best[0], best[1]


def train_hostility(xed: Path) -> tuple[AttributeModel, dict[str, object]]:
    """Anger (1) or disgust (3) versus neutral lines of the Finnish XED subtitles (CC BY 4.0)."""
    texts, labels = [], []
    for line in (xed / "fi-annotated.tsv").read_text(encoding="utf-8").splitlines():
        text, _, emotions = line.rpartition("\t")
        codes = {code.strip() for code in emotions.split(",")}
        if codes & {"1", "3"}:
            texts.append(text)
            labels.append(1)
    for line in (xed / "neu_fi.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 1:
            texts.append(parts[1])
            labels.append(0)
    print(f"hostility: {len(texts)} XED lines, {sum(labels)} angry or disgusted", file=sys.stderr)
    x = matrix(texts)
    y = np.array(labels)
    model = LogisticRegression(
        C=2.0, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=0
    )
    model.fit(x, y)
    weights = model.coef_[0].astype(np.float32)
    bias = float(model.intercept_[0])
    return AttributeModel(weights, bias, 0.5), {"bias": bias, "lines": len(texts)}


def toxicity_as_specified(
    rows: list[Row],
    x_all: csr_matrix,
    index: dict[str, int],
    flags_all: dict[str, np.ndarray],
    categories: list[frozenset[str]],
    negatives: Negatives,
    meta: dict[str, object],
    seeds: int,
) -> dict[str, dict[str, float]]:
    """Toxicity found when any insult, obscene, identity-attack or threat finding is made
    (rules, the toxicity model and the other attributes' models), cross-validated: every
    model is refitted without the comments of the test fold."""
    attributes = meta["attributes"]
    assert isinstance(attributes, dict)  # noqa: S101 - built by main()
    own = [r for r in rows if r.attribute == "toxicity"]
    ids = np.array([r.id for r in own])
    y = np.array([r.label for r in own])
    rules = flags_all["toxicity"][[index[r.text] for r in own]].astype(bool)
    x_test_all = x_all[[index[r.text] for r in own]]
    truth_parts, predicted = [], {"f1_optimal": [], "product": []}
    for seed in range(seeds):
        outer = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
        for _train, test in outer.split(x_test_all, y, ids):
            banned = set(ids[test])
            speaks = {"f1_optimal": rules[test].copy(), "product": rules[test].copy()}
            for attribute in ATTRIBUTES:
                source = [r for r in rows if r.attribute == attribute and r.id not in banned]
                x_train = x_all[[index[r.text] for r in source]]
                y_train = np.array([r.label for r in source])
                extra = extra_rows(rows, attribute, x_all, index)
                if extra is not None:
                    x_train, y_train = extra.added_to(x_train, y_train, ids[test])
                report = attributes[attribute]
                model = fit(x_train, y_train, float(report["C"]), negatives)
                scores = model.predict_proba(x_test_all[test])[:, 1]
                shipped = float(report["product_threshold"])
                if attribute not in PRECISION_ATTRIBUTES:
                    shipped = max(float(report["threshold"]), ordinary_floor(model, negatives))
                gates = np.array(
                    [gate_open(attribute, categories[index[own[i].text]]) for i in test]
                )
                for point, threshold in (
                    ("f1_optimal", float(report["threshold"])),
                    ("product", shipped),
                ):
                    speaks[point] |= gates & (scores >= threshold)
            truth_parts.append(y[test])
            for point in predicted:
                predicted[point].append(speaks[point])
    truth = np.concatenate(truth_parts)
    summary = {}
    for point, parts in predicted.items():
        guess = np.concatenate(parts)
        summary[point] = {
            "precision": float(precision_score(truth, guess, zero_division=0)),
            "recall": float(recall_score(truth, guess, zero_division=0)),
            "f1": float(f1_score(truth, guess, zero_division=0)),
        }
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    shared = ROOT.parent / "shared" / "data"
    parser.add_argument("--data", default=str(shared / "suomi24-toxicity" / "dev.tsv"))
    parser.add_argument("--xed", default=str(shared / "xed"))
    parser.add_argument("--absabank", default=str(shared / "absabank-imm"))
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    hostility_model, hostility_meta = train_hostility(Path(args.xed))
    rows = load(Path(args.data))
    city = [
        line.strip()
        for line in CITY_POSTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    ordinary, calibration = ordinary_language(Path(args.xed), Path(args.absabank))
    negatives = Negatives(
        matrix(city, hostility_model),
        matrix(ordinary, hostility_model),
        matrix(calibration, hostility_model),
    )
    texts = sorted({row.text for row in rows})
    index = {text: i for i, text in enumerate(texts)}
    print(
        f"{len(rows)} rows, {len(texts)} distinct comments; {len(ordinary)} + {len(calibration)}"
        " ordinary texts",
        file=sys.stderr,
    )
    x_all = matrix(texts, hostility_model)
    categories = [vocabulary_categories(AnalysedText(text)) for text in texts]
    flags_all = rule_flags(texts)
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, object] = {
        "source": "Suomi24 toxicity annotations, development part (TurkuNLP, CC BY-SA 4.0)",
        "negatives": (
            f"{len(city)} city posts (weight {CITY_WEIGHT}); {len(ordinary)} ordinary texts "
            f"(weight {ORDINARY_WEIGHT}) and {len(calibration)} for calibration from XED "
            "(Helsinki-NLP, CC BY 4.0) and Absabank-Imm (Språkbanken Text, CC BY 4.0)"
        ),
        "dimension": DIMENSION,
        "attributes": {},
        HOSTILITY: hostility_meta,
    }
    arrays[f"{HOSTILITY}_weights"] = hostility_model.weights.astype(np.float16)
    for attribute in ATTRIBUTES:
        own = [r for r in rows if r.attribute == attribute]
        extra = extra_rows(rows, attribute, x_all, index)
        ids = np.array([r.id for r in own])
        y = np.array([r.label for r in own])
        x = x_all[[index[r.text] for r in own]]
        rules = flags_all[attribute][[index[r.text] for r in own]].astype(bool)
        gates = np.array([gate_open(attribute, categories[index[r.text]]) for r in own])
        predictions, shipped, model_only, scores, truths, rule_only = [], [], [], [], [], []
        gate_folds = []
        for seed in range(args.seeds):
            outer = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
            for train, test in outer.split(x, y, ids):
                c, threshold = inner_choice(
                    x[train],
                    y[train],
                    ids[train],
                    rules[train],
                    gates[train],
                    seed,
                    negatives,
                    extra,
                )
                x_train, y_train = x[train], y[train]
                if extra is not None:
                    x_train, y_train = extra.added_to(x_train, y_train, ids[test])
                model = fit(x_train, y_train, c, negatives)
                probabilities = model.predict_proba(x[test])[:, 1]
                speaks = gates[test] & (probabilities >= threshold)
                floor = max(threshold, ordinary_floor(model, negatives))
                predictions.append(rules[test] | speaks)
                shipped.append(rules[test] | (gates[test] & (probabilities >= floor)))
                model_only.append(speaks)
                rule_only.append(rules[test])
                scores.append(probabilities)
                gate_folds.append(gates[test])
                truths.append(y[test])
            print(f"{attribute}: seed {seed + 1}/{args.seeds}", file=sys.stderr)
        truth = np.concatenate(truths)
        combined = np.concatenate(predictions)
        pooled_scores = np.concatenate(scores)
        pooled_gates = np.concatenate(gate_folds)
        pooled_rules = np.concatenate(rule_only)
        c, threshold = inner_choice(x, y, ids, rules, gates, 0, negatives, extra)
        x_final, y_final = x, y
        if extra is not None:
            x_final, y_final = extra.added_to(x, y, np.array([], dtype=ids.dtype))
        final = fit(x_final, y_final, c, negatives)
        if attribute in PRECISION_ATTRIBUTES:
            product_threshold = 2.0
            for candidate in THRESHOLDS:
                speaks = pooled_gates & (pooled_scores >= candidate)
                if (
                    speaks.sum() >= 3
                    and precision_score(truth, speaks, zero_division=0) >= PRODUCT_PRECISION
                ):
                    product_threshold = float(candidate)
                    break
            product = pooled_rules | (pooled_gates & (pooled_scores >= product_threshold))
        else:
            product_threshold = max(threshold, ordinary_floor(final, negatives))
            product = np.concatenate(shipped)
        calibration_scores = final.predict_proba(negatives.calibration)[:, 1]
        report = {
            "rows": len(own),
            "positives": int(y.sum()),
            "cv": {
                "precision": float(precision_score(truth, combined, zero_division=0)),
                "recall": float(recall_score(truth, combined, zero_division=0)),
                "f1": float(f1_score(truth, combined, zero_division=0)),
                "auc": float(roc_auc_score(truth, pooled_scores)),
                "model_only_f1": float(
                    f1_score(truth, np.concatenate(model_only), zero_division=0)
                ),
                "rules_only_f1": float(f1_score(truth, np.concatenate(rule_only), zero_division=0)),
            },
            "product_threshold": product_threshold,
            "cv_product": {
                "precision": float(precision_score(truth, product, zero_division=0)),
                "recall": float(recall_score(truth, product, zero_division=0)),
                "f1": float(f1_score(truth, product, zero_division=0)),
            },
            # Share of the calibration sample of everyday texts the shipped model would flag
            # (the rule gates and the three-word minimum aside).
            "ordinary_flag_rate": float(np.mean(calibration_scores >= product_threshold)),
        }
        arrays[f"{attribute}_weights"] = final.coef_[0].astype(np.float16)
        report.update({"bias": float(final.intercept_[0]), "threshold": threshold, "C": c})
        meta["attributes"][attribute] = report  # type: ignore[index]
        cv = report["cv"]
        rounded = {k: round(100 * v, 1) for k, v in cv.items()}
        product_cv = {k: round(100 * v, 1) for k, v in report["cv_product"].items()}
        print(
            f"{attribute}: CV {rounded} product {product_threshold:.2f} {product_cv}",
            file=sys.stderr,
        )
    meta["toxicity_as_specified"] = toxicity_as_specified(
        rows, x_all, index, flags_all, categories, negatives, meta, args.seeds
    )
    print(f"toxicity as specified: {meta['toxicity_as_specified']}", file=sys.stderr)
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(MODEL_FILE, **arrays)
    META_FILE.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"-> {MODEL_FILE.relative_to(ROOT)} ({MODEL_FILE.stat().st_size // 1024} kB)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
