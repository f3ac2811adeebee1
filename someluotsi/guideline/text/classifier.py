"""The trained harmful-language classifier: features and CPU inference (numpy only).

One logistic regression per attribute (toxicity, insult, threat, identity_attack, obscene) over
hashed character n-grams of the normalised text plus counts from the rule vocabulary (insults,
obscenities, slurs, threatening verb forms...). Trained by tools/train_toxicity.py from the
Suomi24 development data; the artefact is committed (data/models/), nothing is downloaded.
The same `features()` serves training and inference, so they cannot drift apart.
"""

from __future__ import annotations

import itertools
import json
import math
import zlib
from collections.abc import Iterable
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
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) & (DIMENSION - 1)


# ---------------------------------------------------------------- feature hashing, vectorised
# A feature's bucket is the CRC-32 of its UTF-8 bytes (zlib), the low 16 bits. Hashing each of
# the ~1,000 character n-grams of a post with its own zlib call was the classifier's main cost.
# CRC-32 is affine over GF(2), so the CRC of any slice follows from the running CRC of the
# whole buffer: crc32(buf[i:e]) = G[e] ^ Z^(e-i)(G[i]), where G[k] = crc32(buf[:k]) and Z^d is
# the linear map "feed d zero bytes", applied with four table lookups (one per byte of the
# value). One zlib call per byte of the text, then numpy for every n-gram at once; the buckets
# are exactly those of `_bucket` (tests/guideline/text/test_classifier.py checks it).
_MAX_SHIFT = 4 * (MAX_WORD + 8)  # bytes: the longest feature string whose CRC is combined
_BYTE = [bytes((value,)) for value in range(256)]


@cache
def _crc_table() -> np.ndarray:
    """The reflected CRC-32 table of one byte (polynomial 0xEDB88320), uint32."""
    crc = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        crc = np.where(crc & 1, (crc >> 1) ^ np.uint32(0xEDB88320), crc >> 1).astype(np.uint32)
    return crc


@cache
def _shift_tables() -> np.ndarray:
    """Z^d for d = 0.._MAX_SHIFT, flat: entry (d * 4 + j) * 256 + b is Z^d(b << 8j)."""
    crc = _crc_table()
    byte = np.arange(256, dtype=np.uint32)
    current = np.stack([byte << np.uint32(8 * j) for j in range(4)])
    tables = [current]
    for _ in range(_MAX_SHIFT):
        current = (current >> 8) ^ crc[current & 0xFF]
        tables.append(current)
    return np.stack(tables).reshape(-1)


def _shift(values: np.ndarray, distances: np.ndarray) -> np.ndarray:
    """Z^d(x) elementwise for uint32 `values` and byte `distances` (int64)."""
    table = _shift_tables()
    base = distances * 1024
    shifted: np.ndarray = (
        table.take(base + (values & 0xFF))
        ^ table.take(base + 256 + ((values >> 8) & 0xFF))
        ^ table.take(base + 512 + ((values >> 16) & 0xFF))
        ^ table.take(base + 768 + (values >> 24))
    )
    return shifted


def _running_crc(data: bytes) -> np.ndarray:
    """G[k] = zlib.crc32(data[:k]) for k = 0..len(data)."""
    running = [0]
    append = running.append
    value = 0
    crc32, byte = zlib.crc32, _BYTE
    for code in data:
        value = crc32(byte[code], value)
        append(value)
    return np.array(running, dtype=np.uint32)


_W_PREFIX = zlib.crc32(b"w:")
_B_PREFIX = zlib.crc32(b"b:")
_SIZES = np.arange(NGRAMS[0], NGRAMS[1] + 1)


MAX_CACHED_WORDS = 50_000  # words whose hashes are kept (~25 MB at most), then forgotten
# word -> (buckets of its character n-grams, bucket of "w:" + word, CRC-32 of "b:" + word +
# " " (a bigram's CRC continues from it), the word's UTF-8 bytes)
_word_cache: dict[str, tuple[np.ndarray, int, int, bytes]] = {}


def _hash_words(words: list[str]) -> None:
    """Hash the n-grams of `words` (distinct, not cached yet) in one vectorised step and
    keep them in `_word_cache` with the CRCs of the word's "w:" and "b:" features."""
    count = len(words)
    buffer = "".join(f" {word} " for word in words)
    data = buffer.encode("utf-8", "surrogatepass")
    padded = np.fromiter(map(len, words), dtype=np.int64, count=count) + 2
    word_start = np.cumsum(padded) - padded  # character offset of each padded word
    if len(data) == len(buffer):
        byte_at = np.arange(len(buffer) + 1)
    else:
        points = np.frombuffer(buffer.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        widths = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
        byte_at = np.concatenate(([0], np.cumsum(widths)))
    running = _running_crc(data)
    # Character n-grams of each size inside each padded word " word ": for word w and size n
    # there are padded[w] - n + 1 of them, in order of word, so each word's are contiguous.
    per = np.maximum(padded[:, None] - _SIZES[None, :] + 1, 0).reshape(-1)
    owner = np.repeat(np.arange(len(per)), per)
    within = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)
    first = word_start[owner // len(_SIZES)] + within
    last = first + _SIZES[owner % len(_SIZES)]
    begin, end = byte_at[first], byte_at[last]
    crcs = running[end] ^ _shift(running[begin], end - begin)
    ngrams = (crcs & (DIMENSION - 1)).astype(np.uint16)  # DIMENSION is 1 << 16
    per_word = per.reshape(count, len(_SIZES)).sum(axis=1)
    for word, buckets in zip(words, np.split(ngrams, np.cumsum(per_word)[:-1]), strict=True):
        encoded = word.encode("utf-8", "surrogatepass")
        _word_cache[word] = (
            buckets,
            zlib.crc32(encoded, _W_PREFIX) & (DIMENSION - 1),
            zlib.crc32(b" ", zlib.crc32(encoded, _B_PREFIX)),
            encoded,
        )


def _hashed(text: AnalysedText) -> np.ndarray:
    """The bucket of every feature occurrence (with repeats), in no particular order.

    A word's character n-grams are hashed once and kept (`_word_cache`): city posts and
    comments repeat most of their words, and the n-grams were most of the classifier's work.
    """
    words = [word[:MAX_WORD] for word in text.words[:MAX_TOKENS]]
    parts: list[np.ndarray] = []
    if words:
        cache = _word_cache
        distinct = dict.fromkeys(words)
        missing = [word for word in distinct if word not in cache]
        if missing:
            if len(cache) + len(missing) > MAX_CACHED_WORDS:
                cache.clear()
                missing = list(distinct)
            _hash_words(missing)
        known = [cache[word] for word in words]
        parts.extend(entry[0] for entry in known)
        crc32 = zlib.crc32
        single = [entry[1] for entry in known]  # "w:" + word
        pairs = [  # "b:" + previous + " " + word
            crc32(entry[3], previous[2]) & (DIMENSION - 1)
            for previous, entry in itertools.pairwise(known)
        ]
        parts.append(np.array(single + pairs, dtype=np.int64))
    extra: list[int] = []
    analyses = text.vocabulary
    for index in range(len(words)):
        for info in analyses[index]:
            extra += (_category_bucket(info.category),) * 2
            if info.category == "threat_verbs" and any(t in info.tags for t in THREATENING):
                extra += (_bucket("__threatening_verb__"),) * 2
    letters = "".join(filter(str.isalpha, text.original))
    if letters and sum(map(str.isupper, letters)) / len(letters) > 0.5:
        extra += (_bucket("__shouting__"),) * 2
    parts.append(np.array(extra, dtype=np.int64))
    return np.concatenate(parts)


@cache
def _category_bucket(category: str) -> int:
    return _bucket(f"__{category}__")


@cache
def _log_counts() -> np.ndarray:
    """1 + ln(count) for small counts, computed as the training code computes it."""
    return np.array([0.0] + [1.0 + math.log(count) for count in range(1, 4096)])


def feature_arrays(text: AnalysedText) -> tuple[np.ndarray, np.ndarray]:
    """The L2-normalised sparse feature vector as (sorted bucket indexes, float64 values):
    character 2-5-grams within word boundaries, words, word bigrams (sublinear counts) and the
    rule vocabulary's hits by category (see `features`)."""
    buckets, counts = np.unique(_hashed(text), return_counts=True)
    table = _log_counts()
    if len(counts) and counts.max() >= len(table):
        values = np.array([1.0 + math.log(c) for c in counts.tolist()])
    else:
        values = table[counts]
    norm = math.sqrt(float(values @ values)) or 1.0
    return buckets, values / norm


def features(text: AnalysedText) -> dict[int, float]:
    """Sparse, L2-normalised feature vector: character n-grams within word boundaries
    (sublinear counts) and the rule vocabulary's hits by category."""
    buckets, values = feature_arrays(text)
    return dict(zip(buckets.tolist(), values.tolist(), strict=True))


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


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


class HarmClassifier:
    """The attribute models over one shared feature vector.

    Inference gathers the text's non-zero features once from a matrix with one column per
    wanted attribute and takes one matrix product; attributes nobody asks for (a model
    switched off by its threshold, a closed gate) are not computed at all. Same arithmetic as
    `AttributeModel.probability` up to the order of float32 additions.
    """

    def __init__(
        self,
        models: dict[str, AttributeModel],
        meta: dict[str, object],
        hostility: AttributeModel | None = None,
    ) -> None:
        self.models = models
        self.meta = meta
        self.hostility = hostility
        self._stacked: dict[tuple[str, ...], np.ndarray] = {}

    def vector(self, text: AnalysedText) -> dict[int, float]:
        vector = features(text)
        if self.hostility is not None:
            vector = with_hostility(vector, self.hostility.probability(vector))
        return vector

    def _weights(self, names: tuple[str, ...]) -> np.ndarray:
        """(DIMENSION, len(names)) float32, one column per attribute model."""
        stacked = self._stacked.get(names)
        if stacked is None:
            columns = [self.models[name].weights for name in names]
            stacked = self._stacked[names] = np.ascontiguousarray(np.stack(columns, axis=1))
        return stacked

    def _features(self, text: AnalysedText) -> tuple[np.ndarray, np.ndarray]:
        """The text's feature vector with the hostility feature: (indexes, float32 values)."""
        cached = text.cache.get("harm_vector")
        if isinstance(cached, tuple):
            return cached
        indexes, values = feature_arrays(text)
        if self.hostility is not None:
            if len(indexes):
                raw = float(self.hostility.weights[indexes] @ values.astype(np.float32))
                hostile = _sigmoid(raw + self.hostility.bias)
            else:
                hostile = 1.0 / (1.0 + math.exp(-self.hostility.bias))
            bucket = _bucket(HOSTILITY_FEATURE)
            position = int(np.searchsorted(indexes, bucket))
            if position < len(indexes) and indexes[position] == bucket:
                values = values.copy()
                values[position] += 2 * hostile
            else:
                # np.insert, without its generic axis handling (a tenth of the classifier)
                indexes = np.concatenate((indexes[:position], [bucket], indexes[position:]))
                values = np.concatenate((values[:position], [2 * hostile], values[position:]))
        result = (indexes, values.astype(np.float32))
        text.cache["harm_vector"] = result
        return result

    def scores(
        self, text: AnalysedText, attributes: Iterable[str] | None = None
    ) -> dict[str, float]:
        """Probability per attribute (all models, or just `attributes`), computed once per
        text and attribute."""
        wanted = tuple(a for a in (self.models if attributes is None else attributes)
                       if a in self.models)  # fmt: skip
        known = text.cache.setdefault("harm_scores", {})
        assert isinstance(known, dict)  # noqa: S101 - created just above
        missing = tuple(name for name in wanted if name not in known)
        if missing:
            indexes, values = self._features(text)
            if len(indexes):
                raw = values @ self._weights(missing)[indexes]
                for name, score in zip(missing, raw.tolist(), strict=True):
                    known[name] = _sigmoid(score + self.models[name].bias)
            else:
                for name in missing:
                    known[name] = 1.0 / (1.0 + math.exp(-self.models[name].bias))
        return {name: known[name] for name in wanted}


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
