"""Language identification for Finnish, Swedish and English, per text and per part.

py3langid's model restricted to fi/sv/en (99 % on full texts in the project's measurements),
packed by tools/build_language_model.py and scored here without loading py3langid. Texts of
fewer than MIN_WORDS words are read from their words as well: function words, question words,
greetings and thanks of one language only (data/wordlists/language_markers.txt) and the letter
å, weighed together with the model's probability ("Tack för hjälpen!" is Swedish, "I will kill
you" English). Texts that still say nothing fall back to the caller's hint (the channel's or
author's language), else Finnish, and are marked uncertain so that language-specific readings
can try every language. Bilingual posts are split at sentence and line breaks and each part is
labelled, so a Finnish–Swedish city post is recognised as both.

Text in another script (Arabic, Cyrillic, Greek, ...: most of its letters outside the Latin
script) is no Finnish, Swedish or English, whatever the model's nearest guess: its part is
reported as OTHER, and a text mostly in it keeps the caller's hint (else Finnish) as its
reading language, marked uncertain. The reported parts cover the text: a short text that is
identified is one part, and a sentence too short for the model (under MIN_WORDS words) is a
part of its own when its words clearly mark its language ("God jul!", "Tack!", "Merry
Christmas!": `_marked_language`), else it joins the part before it (the first part, when it
comes first: a name, a number, "Hei!", which Finnish and Swedish speakers both say). The main
language is read from the rest as before: a Finnish post that ends "Tack!" stays Finnish.
"""

from __future__ import annotations

import importlib
import math
import re
import threading
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from someluotsi.guideline.model import LANGUAGES, LanguagePart
from someluotsi.guideline.text.patterns import WORDS_OF_TWO
from someluotsi.guideline.text.wordlists import load_terms

MIN_WORDS = 4
MIN_CONFIDENCE = 0.8
# A short text: the model's probability counts as this many marker words when at least
# SHORT_CONFIDENCE (a weaker vote at MIN_CONFIDENCE); "å" counts as one Swedish word.
SHORT_CONFIDENCE = 0.95
STRONG_VOTE = 1.5
WEAK_VOTE = 0.5
# A text of MIN_WORDS to FEW_WORDS words (FEW_WORDS_CHARS characters at most) that the model
# is not sure of is read from its marker words as well (`_few_words_language`).
FEW_WORDS = 12
FEW_WORDS_CHARS = 200
_TOKEN = re.compile(r"[^\W\d_]+")
# "(at)", "[at]", "(dot)", "[dot]" of an e-mail address written out (one bracketed word: the
# standard library cannot backtrack on it).
_SPELT_OUT = re.compile(r"[(\[] ?(?:at|dot) ?[)\]]", re.IGNORECASE)
# Sentence ends, line breaks and the " / " that bilingual posts put between their languages:
# RE2's BREAK_PATTERN (its \s is [\t\n\f\r ]), searched with the standard library, which is
# several times faster here: every match starts at one of the characters [.!?\n/|], so the
# engine skips to those, and the " / " form is matched from its slash (`_breaks` puts the
# space before it back). A run of end marks is tried only from its first mark, so the search
# stays linear. test_language_model.py compares the breaks with RE2's.
BREAK_PATTERN = r"[.!?]+\s+|\n+|\s/\s|\s\|\s"
_SPACE = "[\t\n\f\r ]"
_BREAK = re.compile(
    rf"[.!?\n/|](?:(?<=[.!?])(?<![.!?]{{2}})[.!?]*{_SPACE}+|(?<=\n)\n*|(?<={_SPACE}[/|]){_SPACE})"
)
_WORD = WORDS_OF_TWO
OTHER = "other"  # the part of a text in a script other than Latin
# A letter of a script other than Latin (Latin: ASCII, Latin-1, Extended-A/B, IPA, Extended
# Additional); one search tells most texts they have none.
_OTHER_LETTER = re.compile(r"[^\W\d_\u0000-\u02af\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
# Greetings of one language that speakers of the other national language say too ("Hei!" in a
# Swedish post, "Hej!" in a Finnish one): no marker of a short part on their own.
SHARED_GREETINGS = frozenset({"hei", "moi", "moikka", "terve", "hej", "hejsan", "tjena"})
# What ends a word of a short sentence before its punctuation; a word with "/" or "." left
# inside (an address: "kokkola.fi/tervetuloa") marks no language (`_marked_language`).
_TRAILING = ".!?…,:;)]}\"'”»"
# Characters after which a short sentence's words are read chunk by chunk (`_marked_language`):
# those of hashtags, mentions, addresses and compounds, and the combining accents of letters
# not composed (NFC).
_UNUSUAL = re.compile("[#@/.\\-\u0300-\u036f]")


MODEL = Path(__file__).parents[1] / "data" / "models" / "langid-fi-sv-en.npz"
MAX_LABEL = 6  # bytes: the longest label of py3langid's automaton
WALK_BYTES = 4096  # shorter texts are walked byte by byte, longer ones scored with arrays
MAX_MOVES = 200_000  # transitions kept for the walk (~20 MB at most), then forgotten
_OUTPUT = (1 << 18) - 1
MAX_WORDS = 50_000  # (state, word) walks kept (a few MB), then forgotten
# A text whose new words needed more than NEW_MOVES transitions not met before has the rest
# read with array operations (`_Model._read_rest`) when REST_BYTES or more are left.
NEW_MOVES = 8
REST_BYTES = 64
# A layout of at most this many pieces with outputs is scored piece by piece (`_probabilities`):
# measured on the benchmark's posts and the Suomi24 comments (stop 35), piece by piece took
# 15 µs for one piece against 25 µs for the batch arithmetic, 26 against 27 for two, and 42
# against 31 for three.
FEW_PIECES = 2
LONG_TEXT = 20_000  # characters from which a text is not split into parts (one part)
# Characters of texts whose pieces `classify_spans_many` scores in one group
GROUP_CHARS = 8_000
TABLES_AFTER = 20_000  # transitions looked up by binary search before the dict tables pay off
# langwalk.c keys a transition by state << 8 | byte in 32 bits: a model of more states than
# this is walked in Python.
MAX_COMPILED_STATES = 1 << 24


def _compiled_walk() -> Any | None:
    """The compiled walk (`langwalk.c`, built by `langwalk_build.py` into `_langwalk`), or
    None where it was not built, or was built from another version of the source (its
    digest differs: `langwalk.c` edited since): the Python walk is used then, with the same
    results."""
    try:
        module = importlib.import_module("someluotsi.guideline.text._langwalk")
        from someluotsi.guideline.text.langwalk_build import source_digest
    except ImportError:
        return None
    built = module.ffi.string(module.lib.lw_source()).decode("ascii")
    return module if built == source_digest() else None


class _Walker:
    """py3langid's automaton walked and counted in compiled code (`langwalk.c`).

    Made from a `_Model`'s node tables: each state's children are the next label length's
    nodes whose label without its last byte is the state's (a contiguous run of state ids,
    as the tables are sorted by label), its failure link the longest proper suffix of its
    label that is a node. Only the walk and the counting are compiled; the scores stay in
    numpy, so they are the same to the bit as py3langid's. The tables take ~2 MB and about
    5 ms to make. The counting's scratch table is per thread (cffi lets other threads run
    during a call).
    """

    def __init__(self, model: _Model, module: Any) -> None:
        self._ffi, self._lib = module.ffi, module.lib
        keys, offsets = model.keys, model._offsets
        states = int(offsets[-1])
        child_lo = np.zeros(states, dtype=np.int32)
        child_hi = np.zeros(states, dtype=np.int32)
        fail = np.zeros(states, dtype=np.int32)
        for length in range(1, MAX_LABEL + 1):
            own = keys[length - 1]
            first = offsets[length - 1]
            span = slice(first, first + len(own))
            if length < MAX_LABEL:  # children: the next length's nodes under each label
                parents = keys[length] >> 8
                child_lo[span] = parents.searchsorted(own, side="left") + offsets[length]
                child_hi[span] = parents.searchsorted(own, side="right") + offsets[length]
            found = np.zeros(len(own), dtype=np.int32)  # the root where no suffix is a node
            for shorter in range(1, length):  # longest last: it overwrites
                suffix = own & ((1 << (8 * shorter)) - 1)
                table = keys[shorter - 1]
                at = np.minimum(table.searchsorted(suffix), len(table) - 1)
                hit = table.take(at) == suffix
                found[hit] = (at[hit] + offsets[shorter - 1]).astype(np.int32)
            fail[span] = found
        root_child = np.zeros(256, dtype=np.int32)
        root_child[keys[0]] = np.arange(len(keys[0]), dtype=np.int32) + offsets[0]
        # lw_state per state: child_lo, child_hi, fail, output (int32 each, in that order)
        packed = np.stack([child_lo, child_hi, fail, model._state_outputs.astype(np.int32)], axis=1)
        self._tables = (
            np.ascontiguousarray(packed, dtype=np.int32),
            (model._labels & 0xFF).astype(np.uint8),
            root_child,
            np.zeros(1 << 17, dtype=np.uint64),  # langwalk.c's LW_MOVES memory
        )
        ffi = self._ffi
        automaton = ffi.new("lw_automaton *")
        automaton.states = ffi.cast("lw_state *", self._tables[0].ctypes.data)
        automaton.last_byte = ffi.cast("uint8_t *", self._tables[1].ctypes.data)
        automaton.root_child = ffi.cast("int32_t *", self._tables[2].ctypes.data)
        automaton.moves = ffi.cast("uint64_t *", self._tables[3].ctypes.data)
        self._automaton = automaton
        self._features = len(model.ptc)
        self._local = threading.local()

    def outputs(self, data: bytes) -> bytes:
        """The output after each byte of `data` walked from the root (-1: none), as native
        int32 bytes (4 per byte), as `_Model._output_bytes` gives them."""
        found = bytearray(4 * len(data))
        if data:
            ffi = self._ffi
            self._lib.lw_walk(self._automaton, data, len(data), ffi.from_buffer("int32_t[]", found))
        return bytes(found)

    def counted(
        self, outputs: bytes, lengths: list[int]
    ) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """The features of each piece of `outputs` (native int32, piece p the next
        lengths[p] of them), distinct and in order of first occurrence, with their counts:
        (features int32, counts float32, bounds), piece p's at bounds[p]:bounds[p + 1].
        Raises ValueError when the lengths are negative or add up to more than the outputs
        (the C count would read past them)."""
        ffi = self._ffi
        size = len(outputs) // 4
        if sum(lengths) > size or min(lengths, default=0) < 0:
            raise ValueError("the pieces' lengths do not fit the outputs")
        slot = getattr(self._local, "slot", None)
        if slot is None:
            slot = self._local.slot = np.full(self._features, -1, dtype=np.int32)
        features = np.empty(size, dtype=np.int32)
        counts = np.empty(size, dtype=np.float32)
        bounds = np.empty(len(lengths) + 1, dtype=np.int64)
        found = self._lib.lw_count(
            ffi.from_buffer("int32_t[]", outputs),
            ffi.new("int64_t[]", lengths),
            len(lengths),
            ffi.cast("int32_t *", slot.ctypes.data),
            ffi.cast("int32_t *", features.ctypes.data),
            ffi.cast("float *", counts.ctypes.data),
            ffi.cast("int64_t *", bounds.ctypes.data),
        )
        return features[:found], counts[:found], bounds.tolist()


class _Model:
    """py3langid's naive Bayes model for fi/sv/en, packed by tools/build_language_model.py.

    py3langid walks a byte automaton whose state after each byte is the longest suffix (at most
    6 bytes) of the bytes read so far that is a node of its trie; each state may output one
    feature. Here the state after each byte is found for all bytes at once: for each length 1–6
    the integer of the bytes ending there is looked up in that length's sorted node table, and
    the longest hit wins. The features are then counted and scored in py3langid's order and
    float32 arithmetic, so the scores are the same to the bit (test_language_model.py).
    """

    def __init__(self, path: Path, *, compiled: bool = True) -> None:
        """Load the packed model at `path`; with `compiled` (the default) walk and count in
        compiled code where `_langwalk` was built (`_Walker`), else in Python and numpy."""
        with np.load(path, allow_pickle=False) as data:
            self.classes: list[str] = [str(c) for c in data["classes"].tolist()]
            self.ptc = data["ptc"].astype(np.float32)  # float16 in the file, as in py3langid's
            self.pc = data["pc"]
            self.root_output = int(data["root_output"][0])
            self.keys = [data[f"keys{n}"] for n in range(1, MAX_LABEL + 1)]
            self.outputs = [data[f"outputs{n}"] for n in range(1, MAX_LABEL + 1)]
        # 1/√size as float32 for every size a laid-out piece can have (`_probabilities`)
        self._scales = (1.0 / np.sqrt(np.maximum(np.arange(WALK_BYTES + 1), 1.0))).astype(
            np.float32
        )
        # State ids for the byte-by-byte walk: 0 is the root, then each length's nodes in order.
        self._offsets = [1]
        for keys in self.keys:
            self._offsets.append(self._offsets[-1] + len(keys))
        self._labels = np.concatenate([np.zeros(1, dtype=np.int64), *self.keys])
        self._lengths = np.repeat(
            np.arange(MAX_LABEL + 1), [1, *(len(keys) for keys in self.keys)]
        ).tolist()
        self._state_outputs = np.concatenate(
            [np.array([self.root_output], dtype=np.int32), *self.outputs]
        )
        # (state << 8 | byte) -> (next state << 18 | its output + 1), filled as texts need it.
        self._nodes: tuple[list[dict[int, int]], list[int], list[int]] | None = None
        self._looked_up = 0  # transitions looked up so far (`_move`)
        self._moves: dict[int, int] = {}
        # (state, word and its space) -> (state after it, output after each of its bytes as
        # native int32, the layout `_scores` reads: a text's outputs are joined bytes)
        self._words: dict[tuple[int, bytes], tuple[int, bytes]] = {}
        # the first bytes of a part -> their outputs walked from the root (`_head`), int32
        self._heads: dict[bytes, bytes] = {}
        self._short: tuple[np.ndarray, np.ndarray] | None = None  # `_short_tables`
        module = _compiled_walk() if compiled else None
        self._walker = (
            _Walker(self, module)
            if module is not None and self._offsets[-1] <= MAX_COMPILED_STATES
            else None
        )

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (a copy, another process) without the compiled walker, which holds
        pointers into this process; `__setstate__` makes a new one."""
        state = self.__dict__.copy()
        state["_walker"] = None
        state["_compiled"] = self._walker is not None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        compiled = state.pop("_compiled", False)
        self.__dict__.update(state)
        module = _compiled_walk() if compiled else None
        self._walker = _Walker(self, module) if module is not None else None

    def _move(self, state: int, byte: int) -> int:
        """The transition from `state` on `byte`, packed with the output of the state it goes
        to: the longest suffix of the state's label and the byte that is a node.

        Found by binary search in the sorted node tables; once a process has looked up
        TABLES_AFTER transitions (a service or a batch meeting new words all the time), the
        tables are also made into dicts (`_node_tables`) and looked up there, several times
        faster. A short-lived process (one check from the command line) never pays for them.
        """
        if len(self._moves) >= MAX_MOVES:
            self._moves.clear()
        self._looked_up += 1
        if self._nodes is None and self._looked_up < TABLES_AFTER:
            target = self._searched(state, byte)
            packed = (target << 18) | (int(self._state_outputs[target]) + 1)
        else:
            nodes, labels, outputs = self._node_tables()
            word = (labels[state] << 8) | byte
            target = 0
            for length in range(min(self._lengths[state] + 1, MAX_LABEL), 0, -1):
                found = nodes[length - 1].get(word & ((1 << (8 * length)) - 1))
                if found is not None:
                    target = found
                    break
            packed = (target << 18) | (outputs[target] + 1)
        self._moves[(state << 8) | byte] = packed
        return packed

    def _searched(self, state: int, byte: int) -> int:
        """The state `_move` goes to, by binary search in the sorted node tables."""
        word = (int(self._labels[state]) << 8) | byte
        for length in range(min(self._lengths[state] + 1, MAX_LABEL), 0, -1):
            code = word & ((1 << (8 * length)) - 1)
            keys = self.keys[length - 1]
            at = int(keys.searchsorted(code))
            if at < len(keys) and keys[at] == code:
                return self._offsets[length - 1] + at
        return 0

    def _node_tables(self) -> tuple[list[dict[int, int]], list[int], list[int]]:
        """The node tables as plain Python objects (a numpy scalar look-up costs several
        times a dict's): per label length, each node's label integer -> its state id; each
        state's label integer; each state's output. Made once (tens of ms, ~10 MB)."""
        if self._nodes is None:
            self._nodes = (
                [
                    dict(zip(keys.tolist(), range(offset, offset + len(keys)), strict=True))
                    for keys, offset in zip(self.keys, self._offsets, strict=False)
                ],
                self._labels.tolist(),
                self._state_outputs.tolist(),
            )
        return self._nodes

    def _outputs(self, data: bytes) -> list[int]:
        """py3langid's walk over `data`: the feature output after each byte, -1 for none."""
        return array("i", self._output_bytes(data)).tolist()

    def _output_bytes(self, data: bytes) -> bytes:
        """`_outputs` as native int32 bytes (4 per byte of `data`), as `_scores` reads them:
        joined and read as one array, with no Python int per output.

        The bytes are read a word at a time (up to and including the space after it): the
        outputs of a word and the state after it depend only on the state before it, so a
        word met again after the same state costs one dictionary lookup (`_words`); new ones
        are walked byte by byte over the transitions met so far (the full table would be
        39 MB), a transition not met yet looked up (`_move`). A text whose new words have
        needed more than NEW_MOVES such look-ups (words never met, as in a stream of
        forum comments) has the rest read with array operations from its next new word on
        (`_read_rest`), when at least REST_BYTES bytes are left: walked in Python, such a
        text's walk was a quarter of its check. (A new number or name in a city post is
        walked over transitions met before.)
        """
        if self._walker is not None:
            return self._walker.outputs(data)
        words = self._words
        state, found = 0, list[bytes]()
        append = found.append
        units = data.split(b" ")
        last = len(units) - 1
        offset = 0  # where the unit starts in `data`
        moved = self._looked_up  # transitions looked up before this text
        for number, unit in enumerate(units):
            if number < last:
                unit += b" "
            key = (state, unit)
            known = words.get(key)
            if known is None:
                if self._looked_up - moved > NEW_MOVES and len(data) - offset >= REST_BYTES:
                    append(self._read_rest(data, offset, state, units[number:]))
                    break
                if len(words) >= MAX_WORDS:
                    words.clear()
                walked = self._walk_unit(state, unit)
                known = words[key] = (walked[0], array("i", walked[1]).tobytes())
            state = known[0]
            append(known[1])
            offset += len(unit)
        return b"".join(found)

    def _read_rest(self, data: bytes, offset: int, state: int, units: list[bytes]) -> bytes:
        """`_output_bytes` of `data[offset:]`, which is `units` (split at spaces, as
        `_output_bytes` splits) and is walked into from `state`: the states of all its
        bytes at once (`_states`, over the MAX_LABEL - 1 bytes before it too, on which they
        depend), each unit's walk kept in `_words` as `_output_bytes` keeps it."""
        context = max(0, offset - (MAX_LABEL - 1))
        states = self._states(data[context:])[offset - context :]
        outputs = self._state_outputs.take(states).tobytes()
        ends = states.tolist()
        words = self._words
        at, last = 0, len(units) - 1
        for number, unit in enumerate(units):
            if number < last:
                unit += b" "
            size = len(unit)
            if not size:
                continue
            if len(words) >= MAX_WORDS:
                words.clear()
            after = ends[at + size - 1]
            words[(state, unit)] = (after, outputs[4 * at : 4 * (at + size)])
            state = after
            at += size
        return outputs

    def _states(self, data: bytes) -> np.ndarray:
        """The walk's state after each byte of `data` from the root (intp): the longest
        suffix of at most MAX_LABEL bytes read so far that is a node (class doc), found for
        all bytes at once. Labels of one and two bytes are looked up in direct tables
        (`_short_tables`), longer ones by binary search in the sorted node tables, and a
        suffix of n bytes only where the n - 1 bytes before it ended in a node: a node's
        label without its last byte is a node too (the trie holds every prefix of a
        feature), so where those are none, neither is it."""
        short, pairs = self._short_tables()
        # int64, not intp: a window of MAX_LABEL bytes is 48 bits
        byte = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
        states = short.take(byte)
        if len(byte) < 2:
            return states
        window = (byte[:-1] << 8) | byte[1:]  # the two bytes ending at each position 1...
        found = pairs.take(window)
        ended = found != 0
        states[1:][ended] = found[ended]
        for length in range(3, MAX_LABEL + 1):
            if len(window) < 2:
                break
            window = (window[:-1] << 8) | byte[length - 1 :]
            (candidates,) = ended[:-1].nonzero()
            if not len(candidates):
                break
            keys = self.keys[length - 1]
            wanted = window.take(candidates)
            at = _searched_in_order(keys, wanted)
            np.minimum(at, len(keys) - 1, out=at)
            hit = keys.take(at) == wanted
            positions = candidates[hit]
            states[length - 1 :][positions] = at[hit] + self._offsets[length - 1]
            ended = np.zeros(len(window), dtype=bool)
            ended[positions] = True
        return states

    def _short_tables(self) -> tuple[np.ndarray, np.ndarray]:
        """The state of each one-byte label (256) and two-byte label (65,536, a 2-byte big
        endian integer), 0 where it is no node: made once (0.5 MB)."""
        if self._short is None:
            short = np.zeros(256, dtype=np.intp)
            short[self.keys[0]] = np.arange(len(self.keys[0])) + self._offsets[0]
            pairs = np.zeros(1 << 16, dtype=np.intp)
            pairs[self.keys[1]] = np.arange(len(self.keys[1])) + self._offsets[1]
            self._short = (short, pairs)
        return self._short

    def _walk_unit(self, state: int, unit: bytes) -> tuple[int, tuple[int, ...]]:
        """The state after walking `unit` from `state`, and the output after each byte."""
        moves = self._moves.get
        found = list[int]()
        append = found.append
        for byte in unit:
            packed = moves((state << 8) | byte)
            if packed is None:
                packed = self._move(state, byte)
            state = packed >> 18
            append((packed & _OUTPUT) - 1)
        return state, tuple(found)

    @staticmethod
    def _counted(outputs: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The distinct features of `outputs` (-1: none) in order of first occurrence, and
        their counts (float32)."""
        counted = Counter(outputs)
        counted.pop(-1, None)
        features = np.fromiter(counted.keys(), dtype=np.intp, count=len(counted))
        counts = np.fromiter(counted.values(), dtype=np.float32, count=len(counted))
        return features, counts

    def _walk(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """`_features` for a short text, by walking it byte by byte."""
        return self._counted(self._outputs(data))

    def _features(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The features output after each byte, distinct, in order of first occurrence, and
        their counts (float32), as py3langid's Counter of its automaton's outputs: the
        outputs of the states after all bytes at once (`_states`)."""
        output = self._state_outputs.take(self._states(data))
        found = output[output >= 0]
        features, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first)
        return features[order], counts[order].astype(np.float32)

    def classify(self, text: str) -> tuple[str, float]:
        """py3langid's `classify` with `norm_probs=True`: the language and its probability."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        if self._walker is not None:
            features, counts, _bounds = self._walker.counted(
                self._walker.outputs(data), [len(data)]
            )
        elif len(data) <= WALK_BYTES:
            features, counts = self._walk(data)
        else:
            features, counts = self._features(data)
        return self._score(features, counts, len(data))

    def _raw(self, features: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The scores (float32) before the length normalisation."""
        if len(features):
            raw: np.ndarray = np.log1p(counts) @ self.ptc[features] + self.pc
            return raw
        return np.full(len(self.classes), 0.0, dtype=np.float32)

    def _score(self, features: np.ndarray, counts: np.ndarray, size: int) -> tuple[str, float]:
        scores = self._raw(features, counts)
        scores *= 1.0 / math.sqrt(size or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        best = int(scores.argmax())
        return self.classes[best], float(scores[best])

    def classify_spans(
        self, text: str, spans: list[tuple[int, int]]
    ) -> tuple[tuple[str, float], list[tuple[str, float]]]:
        """`classify(text)` and `classify(text[start:end])` for each span, walking the bytes
        of `text` once and scoring all of them with a few array operations.

        The walk's state after a byte is the longest suffix of at most MAX_LABEL bytes read
        so far that is a node, so a part's walk from the root agrees with the whole text's
        after its first MAX_LABEL bytes: only those are walked again. The features of every
        piece are counted in one `np.unique` over (piece, feature) keys and kept in order of
        first occurrence, so each piece's product is `classify`'s product over the same
        arrays: the results are the same to the bit (test_language_model.py). Texts that
        `classify` would change first (upper case, not NFC) and long ones are classified
        part by part.
        """
        return self.classify_spans_many([(text, spans)])[0]

    def classify_spans_many(
        self, items: list[tuple[str, list[tuple[int, int]]]]
    ) -> list[tuple[tuple[str, float], list[tuple[str, float]]]]:
        """`classify_spans` of each (text, spans) item, the pieces of a group of items scored
        in one `_scores` call: a batch pays the array operations' fixed cost once per group,
        not per text. A group holds items of about GROUP_CHARS characters in all: the one sort
        of a larger group's keys leaves the processor's cache (256 city posts at once took a
        quarter longer per post than groups of 16 to 32). Each piece's arithmetic is the
        same as alone, so the results are the same to the bit."""
        results: list[tuple[tuple[str, float], list[tuple[str, float]]]] = []
        group: list[tuple[str, list[tuple[int, int]]]] = []
        size = 0
        for item in items:
            if group and size + len(item[0]) > GROUP_CHARS:
                results += self._classify_group(group)
                group, size = [], 0
            group.append(item)
            size += len(item[0])
        if group:
            results += self._classify_group(group)
        return results

    def _classify_group(
        self, items: list[tuple[str, list[tuple[int, int]]]]
    ) -> list[tuple[tuple[str, float], list[tuple[str, float]]]]:
        """`classify_spans_many` of one group of items: their pieces in one layout."""
        results: list[tuple[tuple[str, float], list[tuple[str, float]]] | None] = []
        pending: list[tuple[int, dict[int, tuple[str, float] | None], int]] = []
        layout = _Layout()
        for text, spans in items:
            first = len(layout.sizes)
            alone = self._lay_out(text, spans, layout)
            if alone is None:
                results.append((self.classify(text), [self.classify(text[a:b]) for a, b in spans]))
                continue
            pending.append((len(results), alone, first))
            results.append(None)
        if pending:
            scored = self._probabilities(layout)
            bounds = [first for _index, _alone, first in pending[1:]] + [len(layout.sizes)]
            for (index, alone_of, first), end in zip(pending, bounds, strict=True):
                found = scored[first + 1 : end]
                whole = scored[first]
                results[index] = (
                    whole,
                    [alone_of.get(number, result) or whole for number, result in enumerate(found)],
                )
        return [result for result in results if result is not None]

    def _head(self, data: bytes) -> bytes:
        """The walk outputs of the first bytes of a part (at most MAX_LABEL), from the root,
        as int32 bytes (`_output_bytes`)."""
        known = self._heads.get(data)
        if known is None:
            if len(self._heads) >= MAX_WORDS:
                self._heads.clear()
            known = self._heads[data] = self._output_bytes(data)
        return known

    def _lay_out(
        self, text: str, spans: list[tuple[int, int]], layout: _Layout
    ) -> dict[int, tuple[str, float] | None] | None:
        """Add the pieces of `text` to `layout`: the whole text, then each span (its first
        MAX_LABEL bytes walked again from the root, the rest the whole text's outputs).
        Returns the spans `classify` must take alone (upper case, not NFC: scored there,
        an empty piece here; None for a span that is the whole text, whose result is the
        whole text's), or None, adding nothing, when the whole text must be
        classified part by part (see `classify_spans`)."""
        if text.isupper() or len(text) > WALK_BYTES or not unicodedata.is_normalized("NFC", text):
            return None
        data = text.encode("utf8", errors="surrogatepass")
        if len(data) > WALK_BYTES:
            return None
        outputs = self._output_bytes(data)
        flat, lengths, sizes = layout.outputs, layout.lengths, layout.sizes
        flat.append(outputs)
        lengths.append(len(data))
        sizes.append(len(data))
        one_byte = len(data) == len(text)
        alone: dict[int, tuple[str, float] | None] = {}
        # Byte offsets of the spans counted on from the previous span's end (`_segments`
        # gives them in order, apart): encoding each span's whole prefix again was
        # quadratic in a text of many parts.
        char_at = byte_at = 0
        for number, (start, end) in enumerate(spans):
            part = text[start:end]
            if not one_byte:
                if start < char_at:  # spans out of order: count from the text's start
                    char_at = byte_at = 0
                byte_at += len(text[char_at:start].encode("utf8", errors="surrogatepass"))
                size = len(part.encode("utf8", errors="surrogatepass"))
                char_at, start = end, byte_at
                byte_at += size
                end = start + size
            if start == 0 and end == len(data):  # the whole text: scored once, as it
                alone[number] = None
                lengths.append(0)
                sizes.append(1)
                continue
            if part.isupper() or not unicodedata.is_normalized("NFC", part):
                alone[number] = self.classify(part)
                lengths.append(0)  # an empty piece
                sizes.append(1)
                continue
            head = min(start + MAX_LABEL, end)
            flat.append(self._head(data[start:head]))
            flat.append(outputs[4 * head : 4 * end])
            lengths.append(end - start)
            sizes.append(end - start)
        return alone

    def _probabilities(self, layout: _Layout) -> list[tuple[str, float]]:
        """`_score` of each piece of `layout`: its language and probability (the same
        float64 reciprocal square root cast to float32, looked up in `_scales`, the same
        float32 softmax). A layout of at most FEW_PIECES pieces with outputs (one short
        text alone, whose parts are few) has each piece's features counted as `classify`
        counts them: the batch arithmetic's forty-odd array operations cost more than that
        there; the results are the same to the bit either way."""
        if self._walker is not None:
            return self._softmax(self._scores_compiled(layout), layout)
        if sum(map(bool, layout.lengths)) <= FEW_PIECES:
            return self._probabilities_alone(layout)
        return self._probabilities_together(layout)

    def _probabilities_together(self, layout: _Layout) -> list[tuple[str, float]]:
        """`_probabilities` with the batch arithmetic (`_scores`), whatever the pieces."""
        return self._softmax(self._scores(layout), layout)

    def _softmax(self, scores: np.ndarray, layout: _Layout) -> list[tuple[str, float]]:
        """Each piece's language and probability from its `_raw` scores ((pieces, classes)
        float32, changed in place): `_score`'s arithmetic, row by row."""
        # Every piece is at most WALK_BYTES long: `_lay_out` takes no longer text.
        # The ufuncs' reductions, which `.max()` and `.sum()` call through Python wrappers.
        largest, add = np.maximum.reduce, np.add.reduce
        scores *= self._scales.take(layout.sizes)[:, None]
        scores -= largest(scores, axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= add(scores, axis=1, keepdims=True)
        best = scores.argmax(axis=1).tolist()
        probabilities = largest(scores, axis=1).tolist()  # the value at `best`
        classes = self.classes
        return [(classes[b], p) for b, p in zip(best, probabilities, strict=True)]

    def _probabilities_alone(self, layout: _Layout) -> list[tuple[str, float]]:
        """`_probabilities`, each piece's features counted alone (`_counted`'s Counter) and
        its `_raw` scores taken alone, the softmax of all pieces at once."""
        outputs = array("i", b"".join(layout.outputs)).tolist()
        scores = np.zeros((len(layout.sizes), len(self.classes)), dtype=np.float32)
        at = 0
        ptc, pc, fromiter, matmul = self.ptc, self.pc, np.fromiter, np.matmul
        for row, length in zip(scores, layout.lengths, strict=True):
            if not length:
                continue
            counted = Counter(outputs[at : at + length])
            at += length
            counted.pop(-1, None)
            if counted:
                features = fromiter(counted.keys(), dtype=np.intp, count=len(counted))
                counts = fromiter(counted.values(), dtype=np.float32, count=len(counted))
                matmul(np.log1p(counts), ptc.take(features, axis=0), out=row)
                row += pc
        return self._softmax(scores, layout)

    def _scores_compiled(self, layout: _Layout) -> np.ndarray:
        """`_scores` with the features counted in compiled code (`_Walker.counted`): the
        same per-piece features in the same order, so the same products to the bit."""
        assert self._walker is not None  # noqa: S101 - called only with the walker
        count = len(layout.sizes)
        scores = np.zeros((count, len(self.classes)), dtype=np.float32)
        features, counts, bounds = self._walker.counted(b"".join(layout.outputs), layout.lengths)
        if not len(features):
            return scores
        weights = np.log1p(counts)
        table = self.ptc.take(features, axis=0)
        filled = []
        matmul = np.matmul
        for number, (row, a, b) in enumerate(zip(scores, bounds, bounds[1:], strict=False)):
            if b > a:
                matmul(weights[a:b], table[a:b], out=row)
                filled.append(number)
        if len(filled) == count:
            scores += self.pc
        else:
            scores[filled] += self.pc
        return scores

    def _scores(self, layout: _Layout) -> np.ndarray:
        """`_raw` of each piece's walk outputs (-1: none): (pieces, classes) float32.

        The outputs that are features (not -1) are keyed piece × features + feature, and
        one sort of (key, position) pairs counts every piece's features: a run of equal keys
        is one feature of one piece, its first element the feature's first occurrence. The
        pairs are packed into one int64 (key above the position's bits), so a sort of
        integers does what a stable argsort and a gather did. Ordered
        by first occurrence, each piece's features are contiguous (the layout holds the
        pieces one after the other) and in the order `_counted` gives, so `w[a:b] @ P[a:b]`
        is `_raw`'s product over the same values: the same to the bit
        (test_language_model.py).
        """
        count = len(layout.sizes)
        scores = np.zeros((count, len(self.classes)), dtype=np.float32)
        joined = b"".join(layout.outputs)
        if not joined:
            return scores
        width = len(self.ptc)
        outputs = np.frombuffer(joined, dtype=np.int32).astype(np.int64)
        # (the methods: numpy's module functions add a Python-level dispatch per call)
        owners = np.arange(count, dtype=np.int64).repeat(layout.lengths)
        real = outputs >= 0
        owners = owners[real]
        keys = outputs[real].astype(np.int64, copy=False)
        keys += owners * width
        size = len(keys)
        if not size:
            return scores
        ordered, positions = _sorted_with_positions(keys, count * width)
        # The first element of each run of equal keys, and the runs' lengths (np.diff and
        # np.flatnonzero do the same with several times the fixed cost per call).
        new = np.empty(size, dtype=bool)
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
        starts = new.nonzero()[0]
        counts = np.empty(len(starts), dtype=np.int64)
        np.subtract(starts[1:], starts[:-1], out=counts[:-1])
        counts[-1] = size - starts[-1]
        # The runs in order of their first positions (all distinct): placed at them, read
        # back in order, without a second sort.
        rank = np.empty(size, dtype=np.intp)
        rank.fill(-1)
        rank[positions.take(starts)] = np.arange(len(starts))
        order = rank[rank >= 0]
        piece_of, feature = np.divmod(ordered.take(starts.take(order)), width)
        weights = np.log1p(counts.take(order).astype(np.float32))
        table = self.ptc.take(feature, axis=0)
        bounds = piece_of.searchsorted(np.arange(count + 1)).tolist()
        filled = []
        matmul = np.matmul  # `weights[a:b] @ table[a:b]`, written into the piece's row
        for number, (row, a, b) in enumerate(zip(scores, bounds, bounds[1:], strict=False)):
            if b > a:
                matmul(weights[a:b], table[a:b], out=row)
                filled.append(number)
        # float32 either way: the same sum as `_raw`'s (all rows at once when every piece
        # has features, as nearly always: the indexed form cost several times as much)
        if len(filled) == count:
            scores += self.pc
        else:
            scores[filled] += self.pc
        return scores


SORTED_SEARCH = 64  # queries from which `_searched_in_order` sorts them first


def _searched_in_order(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """`keys.searchsorted(wanted)`; many queries are sorted first: numpy's binary search
    starts each query where the previous one ended when they come in ascending order, and
    a few hundred random ones in a table of 30,000 keys cost several times the sort."""
    if len(wanted) < SORTED_SEARCH:
        found: np.ndarray = keys.searchsorted(wanted)
        return found
    order = wanted.argsort()
    found = np.empty(len(wanted), dtype=np.intp)
    found[order] = keys.searchsorted(wanted.take(order))
    return found


def _sorted_with_positions(keys: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """`keys` (int64, each below `limit`) sorted, and the position each came from, equal
    keys in order of position (what a stable argsort gives). Each key and its position are
    packed into one int64 and sorted as integers when they fit in 63 bits, else argsorted."""
    size = len(keys)
    shift = max(size - 1, 1).bit_length()
    if (max(limit - 1, 1).bit_length()) + shift > 63:
        positions = keys.argsort(kind="stable")
        return keys.take(positions), positions
    packed = keys << shift
    packed |= np.arange(size, dtype=np.int64)
    # The packed integers are distinct (each holds its position), so any sort gives the
    # same order: numpy's default (vectorised quicksort) took a third of Timsort's time on
    # one text's pieces and half on a batch's.
    packed.sort()
    positions = packed & ((1 << shift) - 1)
    packed >>= shift
    return packed, positions


class _Layout:
    """The walk outputs of many pieces for one `_Model._scores` call, piece after piece:
    `outputs` holds chunks of native int32 outputs (-1: none), joined and read as one array
    for all of them; piece p has the next `lengths[p]` outputs, and `sizes[p]` is its size
    in bytes (its length normalisation). `_Model._lay_out` appends to the three lists."""

    __slots__ = ("lengths", "outputs", "sizes")

    def __init__(self) -> None:
        self.outputs: list[bytes] = []
        self.lengths: list[int] = []
        self.sizes: list[int] = []


@cache
def _model() -> _Model:
    return _Model(MODEL)


def preload() -> None:
    _model()


def classify(text: str) -> tuple[str, float]:
    """The language of `text` among fi/sv/en and the model's probability for it (0–1)."""
    return _model().classify(text)


@cache
def _markers() -> dict[str, frozenset[str]]:
    """Words of one language only, per language (data/wordlists/language_markers.txt)."""
    found: dict[str, set[str]] = {}
    for word, language in load_terms("language_markers"):
        found.setdefault(language, set()).add(word)
    return {language: frozenset(words) for language, words in found.items()}


def short_text_language(text: str) -> str | None:
    """The language of a short text when its words or the model clearly favour one: marker
    words of each language counted, "å" as a Swedish one, plus the model's vote; None when no
    language leads (a name, a number, "Ok")."""
    return _voted(text, classify(text) if text.strip() else None)


def _voted(text: str, model: tuple[str, float] | None, *, names_out: bool = False) -> str | None:
    """`short_text_language` with the model's answer for `text` given (language,
    probability; None for a blank text). An "at" or "dot" in brackets is part of an
    e-mail address written out ("anna [at] kokkola [dot] fi"), no word. With `names_out`, a
    capitalised word is a name's ("Stadium Road", "Main Street"), no marker, unless it
    starts the text before a word in lower case: what a text of a few words says of its
    language is in its lower-case words ("Hei Hei Festival tickets sold out" is English)."""
    normal = _SPELT_OUT.sub(" ", unicodedata.normalize("NFC", text))
    lowered = normal.lower()
    if names_out:
        found = _TOKEN.findall(normal)
        capital = [word[0].isupper() for word in found]
        named = [*capital[1:], False]  # the next word is capitalised too
        words = [
            word.lower()
            for index, word in enumerate(found)
            if not (capital[index] and (index or named[0]))
        ]
    else:
        words = _TOKEN.findall(lowered)
    markers = _markers()
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for word in words:
        for language in LANGUAGES:
            if word in markers.get(language, ()):
                scores[language] += 1
    if "å" in lowered:
        scores["sv"] += 1
    if model is not None and lowered.strip():
        language, confidence = model
        if confidence >= SHORT_CONFIDENCE:
            scores[language] += STRONG_VOTE
        elif confidence >= MIN_CONFIDENCE:
            scores[language] += WEAK_VOTE
    best = max(scores.values())
    leaders = [language for language, score in scores.items() if score == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else None


@dataclass(frozen=True, slots=True)
class LanguageResult:
    language: str
    parts: tuple[LanguagePart, ...]
    # False when nothing in the text told its language: `language` is then the caller's hint
    # or Finnish, and readings that depend on the language may try each one.
    certain: bool = True

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(part.language for part in self.parts) | {self.language}


def _breaks(text: str) -> list[tuple[int, int]]:
    """Where BREAK_PATTERN matches in `text`, as RE2's finditer gives them: (start, end)."""
    found: list[tuple[int, int]] = []
    last = position = 0
    search = _BREAK.search
    while (match := search(text, position)) is not None:
        start, end = match.span()
        if text[start] in "/|":
            if start - 1 < last:  # an earlier break took the space before the slash
                position = start + 1
                continue
            start -= 1
        found.append((start, end))
        last = position = end
    return found


def _segments(text: str) -> list[tuple[int, int]]:
    segments: list[tuple[int, int]] = []
    start = 0
    for begin, end in _breaks(text):
        segments.append((start, begin))
        start = end
    segments.append((start, len(text)))
    return [(a, b) for a, b in segments if text[a:b].strip()]


def detect(text: str, *, hint: str | None = None) -> LanguageResult:
    """The main language of `text` and its language parts.

    A short text is read from its words and the model together (`short_text_language`);
    `hint` wins for texts that say nothing of their language and for long uncertain ones; with
    no hint those default to Finnish, the city's majority language, marked uncertain.
    """
    return detect_many([text], [hint])[0]


def detect_many(texts: list[str], hints: list[str | None]) -> list[LanguageResult]:
    """`detect` of each text with its hint (same length as `texts`), the model's scoring of
    all texts' parts done in one step (`_Model.classify_spans_many`): what `check --batch`
    pays per text drops, the results are the same as one at a time."""
    results: list[LanguageResult | None] = []
    waiting: list[tuple[int, list[tuple[int, int]], str]] = []
    segmented: dict[int, tuple[list[tuple[int, int]], list[list[str]], bool]] = {}
    for text, hint in zip(texts, hints, strict=True):
        fallback = hint if hint in LANGUAGES else "fi"
        spans, segments, words = _read(text)
        other = _has_other_letter(text)
        if spans is None:
            if other and _other_script(text, 0, len(text)):
                parts = _whole(segments, OTHER)
                results.append(LanguageResult(fallback, parts, certain=False))
                continue
            short = short_text_language(text)
            whole = _whole(segments, short) if short is not None else ()
            if len(segments) > 1:
                whole = _with_short_parts(text, segments, [], [], whole, words)
            results.append(LanguageResult(short or fallback, whole, certain=short is not None))
        else:
            segmented[len(results)] = (segments, words, other)
            waiting.append((len(results), spans, fallback))
            results.append(None)
    classified = _model().classify_spans_many(
        [(texts[index], spans) for index, spans, _fallback in waiting]
    )
    for (index, spans, fallback), ((main, confidence), found) in zip(
        waiting, classified, strict=True
    ):
        text = texts[index]
        segments, words, other = segmented[index]
        read = _with_scripts(text, spans, found) if other else found
        merged = _merged(spans, read)
        voted = _few_words_language(text, (main, confidence), merged, other)
        if voted is not None:
            whole = _whole(segments, voted)
            voted_spans = [(voted, 1.0)] * len(spans)
            whole = _with_short_parts(text, segments, spans, voted_spans, whole, words)
            results[index] = LanguageResult(voted, whole)
            continue
        certain = confidence >= MIN_CONFIDENCE
        if not certain or (other and _other_script(text, 0, len(text))):
            main, certain = fallback, False
        known = [part for part in merged if part.language in LANGUAGES] if other else merged
        if len({part.language for part in known}) > 1 or (known and len(known) < len(merged)):
            main = known[0].language  # bilingual posts lead with their primary language
            certain = True
        tiled = _tiled(segments, spans, merged)
        tiled = _with_short_parts(text, segments, spans, read, tiled, words)
        if not segments and certain:
            # A text of LONG_TEXT characters or more is not split (a bound on the cost): one
            # part, the whole text in its language, rather than none.
            tiled = (LanguagePart(0, len(text), main),)
        results[index] = LanguageResult(main, tiled, certain)
    return [result for result in results if result is not None]


def _few_words_language(
    text: str, model: tuple[str, float], merged: tuple[LanguagePart, ...], other: bool
) -> str | None:
    """The language of a text of a few words (MIN_WORDS to FEW_WORDS) that the model is not
    sure of (below SHORT_CONFIDENCE), read as a short text is (`_voted`: its marker words and
    the model's vote), or None to keep the model's reading. Names and addresses fill such a
    text with words of no language ("Anna Berg lives at 12 Main Street": the model is 73 %
    sure it is English, below MIN_CONFIDENCE), so its few function words tell more than the
    model does; its capitalised words are left out of the vote ("Klo 18 Stadium Road
    -konsertti torilla" is Finnish). Not for a text the model reads in two languages or with
    another script."""
    if model[1] >= SHORT_CONFIDENCE or other or len(text) > FEW_WORDS_CHARS:
        return None
    if len({part.language for part in merged}) > 1:
        return None
    if len(_WORD.findall(text)) > FEW_WORDS:
        return None
    return _voted(text, model, names_out=True)


def _has_other_letter(text: str) -> bool:
    """Whether `text` has a letter of a script other than Latin (one search; none for ASCII)."""
    return not text.isascii() and _OTHER_LETTER.search(text) is not None


def _other_script(text: str, start: int, end: int) -> bool:
    """Whether most letters of `text[start:end]` are of a script other than Latin (module
    doc); one search, and counting only for a text that has such a letter."""
    if text.isascii():
        return False
    others = len(_OTHER_LETTER.findall(text, start, end))
    return 2 * others > len(_LETTER.findall(text, start, end))


def _with_scripts(
    text: str, spans: list[tuple[int, int]], classified: list[tuple[str, float]]
) -> list[tuple[str, float]]:
    """`classified` (the model's answer for each span) with the spans in another script
    answered OTHER, with full confidence."""
    if not _has_other_letter(text):
        return classified
    return [
        (OTHER, 1.0) if _other_script(text, start, end) else found
        for (start, end), found in zip(spans, classified, strict=True)
    ]


def _whole(segments: list[tuple[int, int]], language: str) -> tuple[LanguagePart, ...]:
    """One part of `language` over a text's `segments` (its letters, not the space and the
    sentence marks around them); none for a text without a segment."""
    if not segments:
        return ()
    return (LanguagePart(segments[0][0], segments[-1][1], language),)


def _tiled(
    segments: list[tuple[int, int]], spans: list[tuple[int, int]], parts: tuple[LanguagePart, ...]
) -> tuple[LanguagePart, ...]:
    """`parts` with the segments too short to identify joined to them (module doc): each
    short segment to the part before it, those before the first part to that part. A
    segment long enough but not identified (the model unsure) stays out, and so do the
    short ones cut off from every part by it. `segments`: the text's (`_read`; none past
    20,000 characters), `spans`: those long enough."""
    if not parts or len(parts) == len(segments):
        return parts
    long = set(spans)
    tiles = [[part.start, part.end] for part in parts]
    current = -1  # the part the walk is in or after (-1: before the first)
    lead: int | None = None  # where the short segments before the first part start
    joining = False  # whether a short segment here joins part `current`
    for start, end in segments:
        if current + 1 < len(tiles) and start >= tiles[current + 1][0]:
            current += 1
            joining = True
            if current == 0 and lead is not None:
                tiles[0][0] = lead
        if current >= 0 and end <= tiles[current][1]:
            continue
        if (start, end) in long:
            joining, lead = False, None
        elif current < 0:
            lead = start if lead is None else lead
        elif joining:
            tiles[current][1] = end
    return tuple(
        LanguagePart(start, end, part.language)
        for (start, end), part in zip(tiles, parts, strict=True)
    )


def _marked_language(text: str, start: int, end: int, words: list[str] | None = None) -> str | None:
    """The language that the words of `text[start:end]`, a sentence or line too short for
    the model, clearly mark: the marker words of one of fi/sv/en (language_markers.txt) more
    than those of the other two together ("Tack!", "God jul!", "Kiitos paljon!"); None when
    it has none or no language leads so ("Kokkola 2026", "OK!", "Kiitos, thanks"). The
    greetings both national languages say (SHARED_GREETINGS), hashtags, mentions, addresses
    and hyphenated compounds ("#tervetuloa", "kokkola.fi/welcome", "IT-tuki") and words of
    two capitals ("VI", "IT") mark nothing. `words`: the segment's words of two letters or
    more (`_WORD`), when the caller has them. No model: a marker list look-up per word,
    linear in the sentence; raises nothing."""
    if words is None:
        words = _WORD.findall(text, start, end)
    if not words:
        return None
    if _UNUSUAL.search(text, start, end):  # rare: read again from the kept chunks
        piece = unicodedata.normalize("NFC", text[start:end])
        kept = " ".join(
            chunk
            for chunk in piece.split()
            if chunk[0] not in "#@" and "-" not in chunk and "/" not in chunk
            and "." not in chunk.rstrip(_TRAILING)
        )  # fmt: skip
        words = _WORD.findall(kept)
    languages = _marker_languages()
    counts: dict[str, int] = {}
    for word in words:
        language = languages.get(word.lower())
        if language is not None and not (len(word) == 2 and word.isupper()):
            counts[language] = counts.get(language, 0) + 1
    if len(counts) == 1:
        return next(iter(counts))
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if 2 * counts[best] > sum(counts.values()) else None


# A short sentence with no marker word, in a text with a Swedish or English reading beside
# it or none, is read by the model alone when it ends as a sentence, has two words or
# more, one of them a lower-case word of SURE_SHORT_LETTERS letters or more (no name, number
# or abbreviation alone), and the model is SHORT_CONFIDENCE sure: "Kirjasto on suljettu." (fi
# 0.997; "on" is English too) beside "Biblioteket är stängt." was part of the Swedish part (a
# fresh tester of stop 40); two words score lower ("Torimarkkinat peruttu." fi 0.961,
# "Simhallen stängd." sv 0.962). Names, places and times have no such word and score lower
# too ("Anna Berg" sv 0.62, "Matti Virtanen, Kokkola" fi 0.94, "Tori klo 12." fi 0.71).
SURE_SHORT_LETTERS = 4


def _modelled_language(text: str, start: int, end: int, words: list[str]) -> str | None:
    """The language of a sentence too short for the model's reading as a part and with no
    marker word (`_marked_language`): the model's where it is SHORT_CONFIDENCE sure of a
    sentence (ending in ".", "!" or "?": no signature or label line, "/ Kokkolan kaupunki")
    of two words or more with a lower-case word of SURE_SHORT_LETTERS letters; None
    otherwise."""
    if len(words) < 2 or not (
        text[start:end].rstrip().endswith((".", "!", "?")) or text[end : end + 1] in (".", "!", "?")
    ):
        return None
    if not any(len(word) >= SURE_SHORT_LETTERS and word.islower() for word in words):
        return None
    language, confidence = _model().classify(text[start:end])
    return language if confidence >= SHORT_CONFIDENCE else None


@cache
def _marker_languages() -> dict[str, str]:
    """Each marker word's language (`_markers`), the shared greetings left out."""
    return {
        word: language
        for language, words in _markers().items()
        for word in words
        if word not in SHARED_GREETINGS
    }


def _with_short_parts(
    text: str,
    segments: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    classified: list[tuple[str, float]],
    parts: tuple[LanguagePart, ...],
    words: list[list[str]] | None = None,
) -> tuple[LanguagePart, ...]:
    """`parts` (found for `text` from its `spans`, the sentences and lines long enough for
    the model, read as `classified`) with each short segment whose words mark a language
    (`_marked_language`) a part of that language: the spans and those segments merged and
    tiled again as the spans alone were (`_merged`, `_tiled`), so that a marked segment of
    the language beside it joins that part and the unmarked ones join the part before
    them. `parts` itself when every marked segment already lies in a part of its language
    (a Finnish post ending "Kiitos!"), so a text without short sentences costs one
    comparison. `words`: each segment's words (`_read`), when the caller has them. Raises
    nothing."""
    if len(spans) == len(segments):
        return parts
    if words is None:
        words = [_WORD.findall(text, start, end) for start, end in segments]
    short = [
        (start, end, found, _marked_language(text, start, end, found))
        for (start, end), found in zip(segments, words, strict=True)
        if found and len(found) < MIN_WORDS
    ]
    # A Swedish or English reading beside, or none at all: a plain short sentence may be
    # Finnish, whose short sentences have the fewest marker words (`_modelled_language`). A
    # Finnish text's own are left as they are (the model is not asked: most texts are Finnish).
    seen = {part.language for part in parts} | {language for *_r, language in short}
    if not parts or not seen.isdisjoint(("sv", "en")):
        short = [
            (start, end, found, language or _modelled_language(text, start, end, found))
            for start, end, found, language in short
        ]
    marked = [(start, end, language) for start, end, _found, language in short if language]
    if not marked or _covered(parts, marked):
        return parts
    pieces = sorted(
        [*zip(spans, classified, strict=True)]
        + [((start, end), (language, 1.0)) for start, end, language in marked]
    )
    both = [span for span, _found in pieces]
    return _tiled(segments, both, _merged(both, [found for _span, found in pieces]))


def _covered(parts: tuple[LanguagePart, ...], marked: list[tuple[int, int, str]]) -> bool:
    """Whether each (start, end, language) of `marked` lies in a part of its language
    (both in text order)."""
    at = 0
    for start, end, language in marked:
        while at < len(parts) and parts[at].end < end:
            at += 1
        if at == len(parts):
            return False
        part = parts[at]
        if part.start > start or part.language != language:
            return False
    return True


def _long_enough(text: str) -> list[tuple[int, int]] | None:
    """The part spans of `text` (`_part_spans`), or None when it has fewer than MIN_WORDS
    words (texts of 2,000 characters or more are not counted: they are long enough)."""
    return _read(text)[0]


def _read(
    text: str,
) -> tuple[list[tuple[int, int]] | None, list[tuple[int, int]], list[list[str]]]:
    """`_long_enough(text)`, the text's segments (none past 20,000 characters) and the words
    of two letters or more of each segment, found once.

    The words are counted segment by segment: the breaks between segments hold no letters,
    so no word crosses one, and the segments' counts add up to the whole text's."""
    segments = _segments(text) if len(text) < LONG_TEXT else []
    words = [_WORD.findall(text, start, end) for start, end in segments]
    spans = [span for span, found in zip(segments, words, strict=True) if len(found) >= MIN_WORDS]
    if len(text) < 2000 and sum(map(len, words)) < MIN_WORDS:
        return None, segments, words
    return spans, segments, words


def parts(text: str) -> tuple[LanguagePart, ...]:
    """The language of each part of `text` (sentences and lines of at least MIN_WORDS words,
    neighbours of one language merged, short sentences joined: `_tiled`; OTHER for another
    script); parts identified with little confidence are left out."""
    spans, segments, words = _read(text)
    if spans is None:
        return _with_short_parts(text, segments, [], [], (), words) if len(segments) > 1 else ()
    if not segments and text:  # LONG_TEXT or longer: one part, as `detect_many` gives
        language, confidence = classify(text)
        return (LanguagePart(0, len(text), language),) if confidence >= MIN_CONFIDENCE else ()
    classified = _with_scripts(text, spans, [classify(text[start:end]) for start, end in spans])
    tiled = _tiled(segments, spans, _merged(spans, classified))
    return _with_short_parts(text, segments, spans, classified, tiled, words)


def _part_spans(text: str) -> list[tuple[int, int]]:
    """The sentences and lines of `text` of at least MIN_WORDS words (none past 20,000
    characters)."""
    return [
        (start, end)
        for start, end in (_segments(text) if len(text) < LONG_TEXT else [])
        if len(_WORD.findall(text, start, end)) >= MIN_WORDS
    ]


def _merged(
    spans: list[tuple[int, int]], classified: list[tuple[str, float]]
) -> tuple[LanguagePart, ...]:
    """The confidently identified spans as parts, neighbours of one language merged."""
    found: list[LanguagePart] = []
    for (start, end), (language, part_confidence) in zip(spans, classified, strict=True):
        if part_confidence < MIN_CONFIDENCE:
            continue
        if found and found[-1].language == language:
            found[-1] = LanguagePart(found[-1].start, end, language)
        else:
            found.append(LanguagePart(start, end, language))
    return tuple(found)
