"""Train the harmful-language classifier from the Suomi24 development data.

    uv run --group build python tools/train_toxicity.py [--data PATH/TO/dev.tsv] [--xed PATH]

Only the development part is used (the held-out part is never read). For each attribute:
5-fold cross-validation, stratified and grouped by comment id, repeated with 3 seeds; inside
every training fold an inner 4-fold cross-validation picks the regularisation and the decision
threshold of "rules OR model" for the best F1, which is then measured on the outer test fold.
The final model is fitted on all development rows of the attribute, its threshold chosen on
out-of-fold predictions. Writes someluotsi/guideline/data/models/harm-classifier.{npz,json}
with the cross-validated figures in the JSON.
"""

from __future__ import annotations

import argparse
import json
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


def fit(x: csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear")
    model.fit(x, y)
    return model


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


def inner_choice(
    x: csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    rules: np.ndarray,
    gates: np.ndarray,
    seed: int,
    negatives: csr_matrix,
) -> tuple[float, float]:
    """Pick C and the threshold by inner cross-validation on a training fold."""
    folds = StratifiedGroupKFold(n_splits=4, shuffle=True, random_state=seed)
    best = (C_GRID[0], 0.5, -1.0)
    for c in C_GRID:
        oof = np.zeros(len(y))
        for train, test in folds.split(x, y, groups):
            if len(set(y[train])) < 2:
                continue
            x_train = vstack([x[train], negatives])
            y_train = np.concatenate([y[train], np.zeros(negatives.shape[0], dtype=int)])
            oof[test] = fit(x_train, y_train, c).predict_proba(x[test])[:, 1]
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
    model = LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000, solver="liblinear")
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
    x_city: csr_matrix,
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
                source = [
                    r for r in rows
                    if (r.attribute == attribute or (attribute == "toxicity" and r.label == 1
                        and r.attribute != "toxicity"))
                    and r.id not in banned
                ]  # fmt: skip
                labels = np.array([1 if r.attribute != attribute else r.label for r in source])
                x_train = vstack([x_all[[index[r.text] for r in source]], x_city])
                y_train = np.concatenate([labels, np.zeros(x_city.shape[0], dtype=int)])
                report = attributes[attribute]
                model = fit(x_train, y_train, float(report["C"]))
                scores = model.predict_proba(x_test_all[test])[:, 1]
                gates = np.array(
                    [gate_open(attribute, categories[index[own[i].text]]) for i in test]
                )
                for point, key in (("f1_optimal", "threshold"), ("product", "product_threshold")):
                    speaks[point] |= gates & (scores >= float(report[key]))
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
    parser.add_argument(
        "--data", default=str(ROOT.parent / "shared" / "data" / "suomi24-toxicity" / "dev.tsv")
    )
    parser.add_argument("--xed", default=str(ROOT.parent / "shared" / "data" / "xed"))
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    hostility_model, hostility_meta = train_hostility(Path(args.xed))
    rows = load(Path(args.data))
    city = [
        line.strip()
        for line in CITY_POSTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    x_city = matrix(city, hostility_model)
    texts = sorted({row.text for row in rows})
    index = {text: i for i, text in enumerate(texts)}
    print(f"{len(rows)} rows, {len(texts)} distinct comments", file=sys.stderr)
    x_all = matrix(texts, hostility_model)
    categories = [vocabulary_categories(AnalysedText(text)) for text in texts]
    flags_all = rule_flags(texts)
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, object] = {
        "source": "Suomi24 toxicity annotations, development part (TurkuNLP, CC BY-SA 4.0)",
        "dimension": DIMENSION,
        "attributes": {},
        HOSTILITY: hostility_meta,
    }
    arrays[f"{HOSTILITY}_weights"] = hostility_model.weights.astype(np.float16)
    for attribute in ATTRIBUTES:
        own = [r for r in rows if r.attribute == attribute]
        extra = []
        if attribute == "toxicity":
            # Comments annotated positive for any other attribute are toxic by definition.
            extra = [r for r in rows if r.attribute != "toxicity" and r.label == 1]
        ids = np.array([r.id for r in own])
        y = np.array([r.label for r in own])
        x = x_all[[index[r.text] for r in own]]
        rules = flags_all[attribute][[index[r.text] for r in own]].astype(bool)
        gates = np.array([gate_open(attribute, categories[index[r.text]]) for r in own])
        x_extra = x_all[[index[r.text] for r in extra]] if extra else None
        extra_ids = np.array([r.id for r in extra])
        predictions, model_only, scores, truths, rule_only = [], [], [], [], []
        gate_folds = []
        for seed in range(args.seeds):
            outer = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
            for train, test in outer.split(x, y, ids):
                c, threshold = inner_choice(
                    x[train], y[train], ids[train], rules[train], gates[train], seed, x_city
                )
                x_train = vstack([x[train], x_city])
                y_train = np.concatenate([y[train], np.zeros(x_city.shape[0], dtype=int)])
                if x_extra is not None:
                    keep = ~np.isin(extra_ids, ids[test])
                    x_train = vstack([x_train, x_extra[keep]])
                    y_train = np.concatenate([y_train, np.ones(int(keep.sum()), dtype=int)])
                probabilities = fit(x_train, y_train, c).predict_proba(x[test])[:, 1]
                speaks = gates[test] & (probabilities >= threshold)
                predictions.append(rules[test] | speaks)
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
        report = {
            "rows": len(own),
            "positives": int(y.sum()),
            "cv": {
                "precision": float(precision_score(truth, combined, zero_division=0)),
                "recall": float(recall_score(truth, combined, zero_division=0)),
                "f1": float(f1_score(truth, combined, zero_division=0)),
                "auc": float(roc_auc_score(truth, np.concatenate(scores))),
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
        }
        c, threshold = inner_choice(x, y, ids, rules, gates, 0, x_city)
        x_final = vstack([x, x_city])
        y_final = np.concatenate([y, np.zeros(x_city.shape[0], dtype=int)])
        if x_extra is not None:
            x_final = vstack([x_final, x_extra])
            y_final = np.concatenate([y_final, np.ones(len(extra), dtype=int)])
        final = fit(x_final, y_final, c)
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
        rows, x_all, index, flags_all, categories, x_city, meta, args.seeds
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
