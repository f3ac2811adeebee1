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
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain, pairwise
from operator import itemgetter
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


MAX_CACHED_WORDS = 50_000  # words whose hashes are kept (~28 MB at most), then forgotten
# A token's first MAX_WORD characters -> (buckets of their character n-grams followed by the
# bucket of "w:" + them, as the bytes of native uint16s (a text's words are joined at C
# speed); CRC-32 of "b:" + them + " " (a bigram's CRC continues from it); their UTF-8 bytes;
# a record of four native uint32s for scoring many texts at once (`_word_record`))
_word_cache: dict[str, tuple[bytes, int, bytes, bytes]] = {}


def _word_record(buckets: int, bigram_prefix: int, raw: bytes) -> bytes:
    """Four native uint32s: the CRC-32 of "b:" + word + " " (`bigram_prefix`), the CRC-32 of
    the word's UTF-8 bytes `raw` alone, their length and the word's number of n-gram and "w:"
    buckets. A bigram's CRC-32, crc32(raw, previous), is crc32(raw) ^ Z^len(raw)(previous)
    (see `_shift`): many texts' bigrams are then hashed in one vectorised step."""
    return array("I", (bigram_prefix, zlib.crc32(raw), len(raw), buckets)).tobytes()


# Below this many new words, hashing them one n-gram at a time beats the vectorised step (its
# few dozen numpy calls cost as much as ~10 words' n-grams).
FEW_WORDS = 12


def _hash_words(words: list[str]) -> None:
    """Hash the n-grams of `words` (distinct tokens, not cached yet, each cut to MAX_WORD
    characters) and keep them in `_word_cache` with the bucket of the word's "w:" feature and
    the CRC of its "b:" prefix: a few words one by one, more in one vectorised step."""
    if len(words) < FEW_WORDS:
        for word in words:
            _hash_word(word)
    else:
        _hash_many(words)


def _utf8_width(char: str) -> int:
    """Bytes of `char` in UTF-8 (a lone surrogate, as surrogatepass writes it: 3)."""
    return 1 if char < "\x80" else 2 if char < "\u0800" else 3 if char < "\U00010000" else 4


def _hash_word(word: str) -> None:
    """`_hash_words` for one word: one zlib call per n-gram (a word has ~4 × its length)."""
    cut = word[:MAX_WORD]
    padded = f" {cut} "
    data = padded.encode("utf-8", "surrogatepass")
    crc32 = zlib.crc32
    low, high = NGRAMS
    if len(data) == len(padded):  # one byte per character: slice the bytes
        buckets = [crc32(data[start : start + size]) & (DIMENSION - 1)
                   for size in range(low, high + 1)
                   for start in range(len(data) - size + 1)]  # fmt: skip
    else:  # the same, from where each character's UTF-8 bytes start
        at = list(accumulate([_utf8_width(char) for char in padded], initial=0))
        buckets = [crc32(data[at[start] : at[start + size]]) & (DIMENSION - 1)
                   for size in range(low, high + 1)
                   for start in range(len(padded) - size + 1)]  # fmt: skip
    raw = data[1:-1]
    buckets.append(crc32(raw, _W_PREFIX) & (DIMENSION - 1))
    prefix = crc32(b" ", crc32(raw, _B_PREFIX))
    record = _word_record(len(buckets), prefix, raw)
    _word_cache[word] = (array("H", buckets).tobytes(), prefix, raw, record)


def _hash_many(words: list[str]) -> None:
    """`_hash_words` in one vectorised step: CRCs of every n-gram from running CRCs."""
    cut = [word[:MAX_WORD] for word in words]
    count = len(cut)
    buffer = "".join(f" {word} " for word in cut)
    data = buffer.encode("utf-8", "surrogatepass")
    padded = np.fromiter(map(len, cut), dtype=np.int64, count=count) + 2
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
    ends = np.cumsum(per.reshape(count, len(_SIZES)).sum(axis=1))
    encoded = [word.encode("utf-8", "surrogatepass") for word in cut]
    crc32 = zlib.crc32
    singles = [crc32(word, _W_PREFIX) & (DIMENSION - 1) for word in encoded]
    # Each word's n-grams, then its "w:" bucket: one piece per word, cut from one array (the
    # n-grams of word w move w places on, past the "w:" buckets of the words before it).
    stops = ends + np.arange(1, count + 1)
    own = np.empty(len(ngrams) + count, dtype=np.uint16)
    own[np.arange(len(ngrams)) + owner // len(_SIZES)] = ngrams
    own[stops - 1] = singles
    bounds = (2 * stops).tolist()
    joined = own.tobytes()
    for word, start, stop, raw in zip(words, [0, *bounds], bounds, encoded, strict=False):
        prefix = crc32(b" ", crc32(raw, _B_PREFIX))
        record = _word_record((stop - start) // 2, prefix, raw)
        _word_cache[word] = (joined[start:stop], prefix, raw, record)


_Entry = tuple[bytes, int, bytes, bytes]


def _cached_words(words: Sequence[str], distinct: Iterable[str]) -> list[_Entry]:
    """The `_word_cache` entry of each of `words` (whose distinct words are among
    `distinct`), hashing those not cached yet; a full cache is emptied first. A word longer
    than MAX_WORD is kept under its first MAX_WORD characters (all its features read), so the
    cache holds no long strings; such a word is looked up the slower way each time."""
    cache = _word_cache
    try:
        return list(map(cache.__getitem__, words))
    except KeyError:
        pass
    keys = {word: word[:MAX_WORD] for word in distinct}
    missing = [key for key in dict.fromkeys(keys.values()) if key not in cache]
    if len(cache) + len(missing) > MAX_CACHED_WORDS:
        cache.clear()
        missing = list(dict.fromkeys(keys.values()))
    _hash_words(missing)
    return list(map(cache.__getitem__, map(keys.__getitem__, words)))


def _hashed(text: AnalysedText) -> np.ndarray:
    """The bucket of every feature occurrence (with repeats), uint16, in no particular order.

    A word's character n-grams are hashed once and kept (`_word_cache`): city posts and
    comments repeat most of their words, and the n-grams were most of the classifier's work.
    """
    words, distinct = _token_words(text)
    parts: list[bytes] = []
    extra: list[int] = []
    if words:
        known = _cached_words(words, distinct)
        parts = list(map(itemgetter(0), known))  # n-grams and "w:" + word
        crc32 = zlib.crc32
        extra = [  # "b:" + previous + " " + word
            crc32(entry[2], previous[1]) & (DIMENSION - 1) for previous, entry in pairwise(known)
        ]
    extra += _extra_buckets(text, words)
    parts.append(array("H", extra).tobytes())
    return np.frombuffer(b"".join(parts), dtype=np.uint16)


def _token_words(text: AnalysedText) -> tuple[Sequence[str], Sequence[str]]:
    """The words the features read (the first MAX_TOKENS) and their distinct words."""
    words: Sequence[str] = text.words
    if len(words) > MAX_TOKENS:
        words = words[:MAX_TOKENS]
        return words, tuple(dict.fromkeys(words))
    return words, text.table.distinct


def _extra_buckets(text: AnalysedText, words: Sequence[str]) -> list[int]:
    """The buckets of the features that are not hashed from words: the rule vocabulary's
    (`_vocabulary_buckets`) and, twice, "__shouting__" when the text shouts."""
    extra = _vocabulary_buckets(text, words) if words else []
    if _shouting(text.original):
        extra += (_bucket("__shouting__"),) * 2
    return extra


# `HarmClassifier.score_many`: fewer texts are scored one by one; more texts or words are
# split in halves (a key holds the text's index above the 16 bits of its bucket). A few
# thousand words' features and weights stay in the processor's cache: 256 city posts at once
# (~10,000 words) took a quarter longer per post than halves or quarters of them.
FEW_TEXTS = 4
MAX_BATCH_TEXTS = 4096
MAX_BATCH_WORDS = 6000


def _batch_keys(known: list[_Entry], word_counts: list[int], extras: list[list[int]]) -> np.ndarray:
    """Every feature occurrence of a batch of texts as text index << 16 | bucket, uint32, in
    no particular order. `known`: the `_word_cache` entries of all the texts' words, text
    after text; `word_counts`: how many words each text has; `extras`: each text's buckets of
    other features (`_extra_buckets`)."""
    texts = np.arange(len(word_counts), dtype=np.uint32) << np.uint32(16)
    words = np.array(word_counts, dtype=np.int64)
    pieces = [np.array(list(chain.from_iterable(extras)), dtype=np.uint32)]
    pieces[0] |= np.repeat(texts, [len(extra) for extra in extras])
    if known:
        record = np.frombuffer(b"".join(map(itemgetter(3), known)), dtype=np.uint32)
        record = record.reshape(-1, 4)
        grams = np.frombuffer(b"".join(map(itemgetter(0), known)), dtype=np.uint16)
        # Each text's n-gram and "w:" buckets lie together, text after text.
        ends = np.concatenate(([0], np.cumsum(record[:, 3], dtype=np.int64)))
        per_text = np.diff(ends.take(np.cumsum(words) - words), append=len(grams))
        pieces.append(grams | np.repeat(texts, per_text))
        # "b:" + previous + " " + word for each two words of a text: crc32(raw, previous)
        bigrams = record[1:, 1] ^ _shift(record[:-1, 0], record[1:, 2].astype(np.int64))
        starts = np.cumsum(words) - words
        within = np.ones(len(bigrams), dtype=bool)
        # No pair of the last word of one text and the first of the next.
        within[starts[(starts > 0) & (starts < len(record))] - 1] = False
        pairs = np.maximum(words - 1, 0)
        pieces.append((bigrams[within] & np.uint32(DIMENSION - 1)) | np.repeat(texts, pairs))
    return np.concatenate(pieces)


# Vocabulary categories added after the model was trained (data/harm_src/accusation.txt,
# silencing.txt): left
# out of its features, whose hashed buckets would otherwise shift the scores it learnt, until
# the model is retrained with them (tools/train_toxicity.py).
UNTRAINED_CATEGORIES = frozenset({"accusation", "silencing"})


def _vocabulary_buckets(text: AnalysedText, words: Sequence[str]) -> list[int]:
    """Two occurrences of "__category__" per vocabulary analysis of each of `words` (the
    text's first tokens), two of "__threatening_verb__" per threatening verb form. Read per
    distinct word with analyses (a post has one or two), times its number of occurrences."""
    found = list(filter(itemgetter(1), text.word_vocabulary.items()))
    if not found:
        return []
    # A word's occurrences counted in place while few words have analyses (a Counter of
    # every word costs more), all at once when many do.
    count = Counter(words).__getitem__ if len(found) > 4 else words.count
    extra: list[int] = []
    for word, infos in found:
        repeats = 2 * count(word)
        for info in infos:
            if info.category in UNTRAINED_CATEGORIES:
                continue
            extra += (_category_bucket(info.category),) * repeats
            if info.category == "threat_verbs" and any(t in info.tags for t in THREATENING):
                extra += (_bucket("__threatening_verb__"),) * repeats
    return extra


@cache
def _letter_kinds() -> np.ndarray:
    """uint8 per code point below 0x10000: 0 not a letter (str.isalpha), 1 a letter that is
    not upper case, 2 an upper-case letter (str.isupper); 0x10000 itself is 3 (look it up).
    Made on first use (a few milliseconds)."""
    chars = list(map(chr, range(0x10000)))
    letter = np.fromiter(map(str.isalpha, chars), dtype=bool, count=len(chars))
    upper = np.fromiter(map(str.isupper, chars), dtype=bool, count=len(chars))
    kinds = letter.astype(np.uint8) + (letter & upper)
    return np.append(kinds, np.uint8(3))


_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_LEAD_BYTES = bytes(range(0xC0, 0x100))  # one starts each non-ASCII character in UTF-8


def _shouting(original: str) -> bool:
    """More than half of the letters of `original` are upper case (as counted by
    `str.isalpha` and `str.isupper` on each code point).

    Most texts are told apart by their UTF-8 bytes alone: when the ASCII capitals and all
    non-ASCII characters together are no more than the ASCII small letters, the capitals
    cannot outnumber the other letters. Else every code point is looked up in a table of the
    basic plane, those above it (emoji, mathematical letters) one by one."""
    data = original.encode("utf-8", "surrogatepass")
    size = len(data)
    small = size - len(data.translate(None, _ASCII_LOWER))
    capitals = size - len(data.translate(None, _ASCII_UPPER))
    if capitals + size - len(data.translate(None, _LEAD_BYTES)) <= small:
        return False
    points = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = np.bincount(_letter_kinds().take(np.minimum(points, 0x10000)), minlength=4)
    letters, upper = int(kinds[1] + kinds[2]), int(kinds[2])
    if kinds[3]:
        for point in points[points >= 0x10000].tolist():
            char = chr(point)
            if char.isalpha():
                letters += 1
                upper += char.isupper()
    # `upper / letters > 0.5`, in integers (the same for any length a str can have).
    return 2 * upper > letters


@cache
def _category_bucket(category: str) -> int:
    return _bucket(f"__{category}__")


@cache
def _log_counts() -> np.ndarray:
    """1 + ln(count) for small counts, computed as the training code computes it."""
    return np.array([0.0] + [1.0 + math.log(count) for count in range(1, 4096)])


def _bucket_counts(text: AnalysedText) -> tuple[np.ndarray, np.ndarray, int]:
    """(distinct buckets of the text's features, sorted, uint16; their counts, intp; the
    number of occurrences): np.unique(_hashed(text), return_counts=True) without its
    generic overhead, and the counts' sum."""
    ordered = _hashed(text).copy()  # np.sort without its Python-level dispatch
    # A radix sort (numpy's "stable" for 16-bit integers): a text's thousand buckets sorted
    # in a quarter of the default sort's time (tools/bench_engine.py; the same order, as
    # integers sort to one order whatever the algorithm).
    ordered.sort(kind="stable")
    # Where a run of equal buckets starts, and the end: runs' starts and lengths at once.
    bounds = np.empty(len(ordered) + 1, dtype=bool)
    bounds[0] = bounds[-1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=bounds[1:-1])
    (at,) = bounds.nonzero()
    return ordered.take(at[:-1]), at[1:] - at[:-1], len(ordered)


def _log_values(counts: np.ndarray, total: int) -> np.ndarray:
    """1 + ln(count) per feature, float64; `total`: the sum of `counts` (no count exceeds
    it, so only a text with that many feature occurrences can need the slow path)."""
    table = _log_counts()
    if total >= len(table) and counts.max() >= len(table):
        return np.array([1.0 + math.log(c) for c in counts.tolist()])
    values: np.ndarray = table.take(counts)
    return values


def _normalised(counts: np.ndarray, total: int) -> np.ndarray:
    """1 + ln(count) per feature, float64, divided by the vector's L2 norm (1 if empty)."""
    values = _log_values(counts, total)
    norm = math.sqrt(float(values @ values)) or 1.0
    normalised: np.ndarray = values / norm
    return normalised


def feature_arrays(text: AnalysedText) -> tuple[np.ndarray, np.ndarray]:
    """The L2-normalised sparse feature vector as (sorted bucket indexes, intp; float64
    values): character 2-5-grams within word boundaries, words, word bigrams (sublinear
    counts) and the rule vocabulary's hits by category (see `features`)."""
    buckets, counts, total = _bucket_counts(text)
    return buckets.astype(np.intp), _normalised(counts, total)


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
    """The attribute models and the hostility model over one shared feature vector.

    Inference gathers the rows of the text's non-zero features once from a matrix with one
    column per model (hostility first) and takes one product: every model costs about what
    one did, so all are computed at once and kept for the text. The hostility feature is
    added after normalisation, so its share of an attribute's score is linear: the
    attribute's weight of that feature times 2 × the hostility probability. Same arithmetic
    as `AttributeModel.probability` over `with_hostility(features(text))`, up to the order
    of float additions (float32 products, as before).
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
        columns = [model.weights for model in models.values()]
        first = hostility.weights if hostility is not None else np.zeros(DIMENSION, np.float32)
        # (DIMENSION, 1 + len(models)) float32, row-major: a feature's weights lie together.
        self._matrix = np.ascontiguousarray(np.stack([first, *columns], axis=1), np.float32)
        # Each model's weight of the hostility feature and its bias, float64.
        self._hostile_weights = self._matrix[_bucket(HOSTILITY_FEATURE), 1:].tolist()
        self._biases = [model.bias for model in models.values()]

    def vector(self, text: AnalysedText) -> dict[int, float]:
        vector = features(text)
        if self.hostility is not None:
            vector = with_hostility(vector, self.hostility.probability(vector))
        return vector

    def _probabilities(self, text: AnalysedText) -> dict[str, float]:
        """Every model's probability for `text`, computed once per text (`text.cache`)."""
        known = text.cache.get("harm_scores")
        if isinstance(known, dict):
            return known
        buckets, counts, total = _bucket_counts(text)
        raw = [0.0] * self._matrix.shape[1]
        if len(buckets):
            values = _log_values(counts, total)
            norm = math.sqrt(float(values @ values))
            rows = self._matrix.take(buckets, axis=0)
            raw = [score / norm for score in (values.astype(np.float32) @ rows).tolist()]
        known = self._finish(raw)
        text.cache["harm_scores"] = known
        return known

    def _finish(self, raw: list[float]) -> dict[str, float]:
        """Each attribute's probability from the normalised raw scores of the text (one per
        column of the matrix: hostility first)."""
        hostile = 0.0
        if self.hostility is not None:
            hostile = 2 * _sigmoid(raw[0] + self.hostility.bias)
        exp = math.exp  # `_sigmoid`, written out: six calls less per text
        return {
            name: 1.0 / (1.0 + exp(-max(-30.0, min(30.0, score + weight * hostile + bias))))
            for name, score, weight, bias in zip(
                self.models, raw[1:], self._hostile_weights, self._biases, strict=True
            )
        }

    def score_many(self, texts: Sequence[AnalysedText]) -> None:
        """Compute every model's probability for each of `texts` and keep it with the text
        (`text.cache`, where `scores` finds it), for the texts of a batch at once: their words
        hashed together (`_word_cache`), their word bigrams in one vectorised step, all their
        features sorted and counted in one array and all their weights gathered in one call.
        What `scores` would compute for each text alone, to the bit: each text's sums are the
        same numpy products over the same numbers in the same order. Texts scored already are
        left as they are. Raises nothing; memory is bounded by splitting a large batch."""
        todo = [text for text in texts if "harm_scores" not in text.cache]
        if len(todo) < FEW_TEXTS:
            for text in todo:
                self._probabilities(text)
            return
        tokens = [_token_words(text) for text in todo]
        if len(todo) > MAX_BATCH_TEXTS or sum(len(w) for w, _ in tokens) > MAX_BATCH_WORDS:
            half = len(todo) // 2
            self.score_many(todo[:half])
            self.score_many(todo[half:])
            return
        word_counts = [len(words) for words, _ in tokens]
        known = _cached_words(
            list(chain.from_iterable(w for w, _ in tokens)),
            chain.from_iterable(d for _, d in tokens),
        )
        extras = [
            _extra_buckets(text, words) for text, (words, _) in zip(todo, tokens, strict=True)
        ]
        keys = _batch_keys(known, word_counts, extras)
        keys.sort()
        # Runs of equal keys: one per distinct feature of each text, in order of text.
        bounds = np.empty(len(keys) + 1, dtype=bool)
        bounds[0] = bounds[-1] = True
        np.not_equal(keys[1:], keys[:-1], out=bounds[1:-1])
        (at,) = bounds.nonzero()
        distinct = keys.take(at[:-1])
        counts = at[1:] - at[:-1]
        table = _log_counts()
        if counts.max(initial=0) < len(table):
            values = table.take(counts)
        else:  # as `_log_values` computes them
            values = table.take(np.minimum(counts, len(table) - 1))
            (large,) = (counts >= len(table)).nonzero()
            values[large] = [1.0 + math.log(c) for c in counts.take(large).tolist()]
        singles = values.astype(np.float32)
        buckets = distinct.astype(np.intp) & (DIMENSION - 1)
        rows = self._matrix.take(buckets, axis=0, mode="clip")  # all below DIMENSION
        # Where each text's features start: its index, shifted, is its smallest key.
        starts = np.arange(len(todo) + 1, dtype=np.uint32) << np.uint32(16)
        edges = np.searchsorted(distinct, starts).tolist()
        empty = [0.0] * self._matrix.shape[1]
        for text, start, stop in zip(todo, edges, edges[1:], strict=False):
            raw = empty
            if stop > start:
                own = values[start:stop]
                norm = math.sqrt(float(own @ own))
                product = (singles[start:stop] @ rows[start:stop]).tolist()
                raw = [score / norm for score in product]
            text.cache["harm_scores"] = self._finish(raw)

    def scores(
        self, text: AnalysedText, attributes: Iterable[str] | None = None
    ) -> dict[str, float]:
        """Probability per attribute (all models, or just `attributes`; unknown names are
        left out), computed once per text."""
        known = self._probabilities(text)
        wanted = self.models if attributes is None else attributes
        return {name: known[name] for name in wanted if name in known}


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
