"""The trained harmful-language classifier: features and CPU inference (numpy only).

One logistic regression per attribute (toxicity, insult, threat, identity_attack, obscene) over
hashed character n-grams of the normalised text plus counts from the rule vocabulary (insults,
obscenities, slurs, threatening verb forms...). Trained by tools/train_toxicity.py from the
Suomi24 development data; the artefact is committed (data/models/), nothing is downloaded.
The same `features()` serves training and inference, so they cannot drift apart.
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from someluotsi.guideline.text.analysis import AnalysedText

MODEL_DIR = Path(__file__).parents[1] / "data" / "models"
MODEL_FILE = MODEL_DIR / "harm-classifier.npz"
META_FILE = MODEL_DIR / "harm-classifier.json"
ATTRIBUTES = ("toxicity", "insult", "threat", "identity_attack", "obscene")
# Which finding categories count as detecting each attribute; toxicity is any harm (issue 5).
ATTRIBUTE_CATEGORIES: dict[str, frozenset[str]] = {
    "toxicity": frozenset({"insult", "obscene", "identity_attack", "threat"}),
    "insult": frozenset({"insult"}),
    "threat": frozenset({"threat"}),
    "identity_attack": frozenset({"identity_attack"}),
    "obscene": frozenset({"obscene"}),
}
# An auxiliary model of hostile tone (anger or disgust versus neutral lines, XED subtitles);
# its probability is one more feature of each attribute model.
HOSTILITY = "hostility"
HOSTILITY_FEATURE = "__hostility__"
DIMENSION = 1 << 16
NGRAMS = (2, 5)
THREATENING = ("+1sg", "+1pl", "+cond", "+imper", "+pass+pres")
# Bounds that keep the cost of a pathological text linear and small: no word is longer than
# this in any language we read, and a post's tone shows in its first few thousand words.
MAX_WORD = 40
MAX_TOKENS = 3000


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIMENSION - 1)


def features(text: AnalysedText) -> dict[int, float]:
    """Sparse, L2-normalised feature vector: character n-grams within word boundaries
    (sublinear counts) and the rule vocabulary's hits by category."""
    counts: Counter[int] = Counter()
    low, high = NGRAMS
    tokens_seen = text.tokens[:MAX_TOKENS]
    for token in tokens_seen:
        word = f" {token.text[:MAX_WORD]} "
        for size in range(low, min(high, len(word)) + 1):
            for start in range(len(word) - size + 1):
                counts[_bucket(word[start : start + size])] += 1
    tokens = [token.text[:MAX_WORD] for token in tokens_seen]
    for index, token_text in enumerate(tokens):
        counts[_bucket(f"w:{token_text}")] += 1
        if index:
            counts[_bucket(f"b:{tokens[index - 1]} {token_text}")] += 1
    analyses = text.vocabulary
    for index in range(len(tokens_seen)):
        for info in analyses[index]:
            counts[_bucket(f"__{info.category}__")] += 2
            if info.category == "threat_verbs" and any(t in info.tags for t in THREATENING):
                counts[_bucket("__threatening_verb__")] += 2
    letters = [c for c in text.original if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.5:
        counts[_bucket("__shouting__")] += 2
    vector = {index: 1.0 + math.log(count) for index, count in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {index: value / norm for index, value in vector.items()}


# The model may speak for an attribute only when the text has what that attribute is about:
# an identity attack needs a group (or a slur), a threat needs violent vocabulary.
GATES: dict[str, frozenset[str]] = {
    "identity_attack": frozenset({"groups", "identity"}),
    "threat": frozenset({"threat_verbs", "weapons", "threat_phrases"}),
}


def vocabulary_categories(text: AnalysedText) -> frozenset[str]:
    return text.vocabulary_categories


def gate_open(attribute: str, categories: frozenset[str]) -> bool:
    needed = GATES.get(attribute)
    return needed is None or bool(needed & categories)


def with_hostility(vector: dict[int, float], probability: float) -> dict[int, float]:
    extended = dict(vector)
    extended[_bucket(HOSTILITY_FEATURE)] = (
        extended.get(_bucket(HOSTILITY_FEATURE), 0.0) + 2 * probability
    )
    return extended


@dataclass(frozen=True)
class AttributeModel:
    weights: np.ndarray  # float32, DIMENSION
    bias: float
    threshold: float

    def probability(self, vector: dict[int, float]) -> float:
        if not vector:
            return 1.0 / (1.0 + math.exp(-self.bias))
        indexes = np.fromiter(vector.keys(), dtype=np.int64, count=len(vector))
        values = np.fromiter(vector.values(), dtype=np.float32, count=len(vector))
        score = float(self.weights[indexes] @ values) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


class HarmClassifier:
    def __init__(
        self,
        models: dict[str, AttributeModel],
        meta: dict[str, object],
        hostility: AttributeModel | None = None,
    ) -> None:
        self.models = models
        self.meta = meta
        self.hostility = hostility

    def vector(self, text: AnalysedText) -> dict[int, float]:
        vector = features(text)
        if self.hostility is not None:
            vector = with_hostility(vector, self.hostility.probability(vector))
        return vector

    def scores(self, text: AnalysedText) -> dict[str, float]:
        cached = text.cache.get("harm_scores")
        if isinstance(cached, dict):
            return cached
        vector = self.vector(text)
        result = {name: model.probability(vector) for name, model in self.models.items()}
        text.cache["harm_scores"] = result
        return result


@cache
def harm_classifier() -> HarmClassifier | None:
    """The committed model, or None when it has not been trained (the rules still work)."""
    if not MODEL_FILE.exists():
        return None
    arrays = np.load(MODEL_FILE)
    meta = json.loads(META_FILE.read_text(encoding="utf-8"))
    models = {
        name: AttributeModel(
            weights=arrays[f"{name}_weights"].astype(np.float32),
            bias=float(meta["attributes"][name]["bias"]),
            # The shipped threshold: F1-optimal in grouped cross-validation but above what
            # 99.5 % of everyday texts score (toxicity: precision-oriented); "threshold" in the
            # metadata is the plain F1-optimal one (tools/train_toxicity.py).
            threshold=float(meta["attributes"][name].get("product_threshold", 2.0)),
        )
        for name in ATTRIBUTES
        if f"{name}_weights" in arrays
    }
    hostility = None
    if f"{HOSTILITY}_weights" in arrays:
        hostility = AttributeModel(
            weights=arrays[f"{HOSTILITY}_weights"].astype(np.float32),
            bias=float(meta[HOSTILITY]["bias"]),
            threshold=0.5,
        )
    return HarmClassifier(models, meta, hostility)
