"""Pack py3langid's model for Finnish, Swedish and English into a small file the engine loads.

    uv run --frozen python tools/build_language_model.py   # writes data/models/langid-fi-sv-en.npz

py3langid's model covers 142 language columns: its file is 4.6 MB of LZMA that unpacks to
~68 MB (a 39 MB byte-transition table of 104,583 states and a 28 MB float16 table), which took
about half a second and ~100 MB of peak memory to load, for the three columns the engine uses.

The transition table is an Aho–Corasick automaton over byte strings of at most 6 bytes: the
state after each byte is the longest suffix of the bytes read so far that is a node of the
trie (this script checks that for every state and every byte before writing anything). So the
state after byte i is found from the last 1–6 bytes alone, and all that is needed per trie
node is its label (as an integer, one sorted table per label length) and the feature it
outputs. Written here: those tables, the three languages' float16 rows of the feature table
(converted to float32 on load, as the engine did) and their priors, in py3langid's column order.
`text/language.py` scores with them exactly as py3langid does (same feature order, same float32
operations); tests/guideline/text/test_language_model.py compares the two on many texts.
"""

from __future__ import annotations

import io
import lzma
import sys
from collections import deque
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "someluotsi/guideline/data/models/langid-fi-sv-en.npz"
LANGUAGES = ("fi", "sv", "en")
MAX_DEPTH = 6


def _labels(nextmove: np.ndarray) -> list[bytes]:
    """Each state's label: the bytes of its shortest path from the root (breadth first)."""
    label: list[bytes | None] = [None] * len(nextmove)
    label[0] = b""
    queue = deque([0])
    while queue:
        state = queue.popleft()
        prefix = label[state]
        assert prefix is not None  # noqa: S101 - set before queuing
        for byte, target in enumerate(nextmove[state].tolist()):
            if label[target] is None:
                label[target] = prefix + bytes([byte])
                queue.append(target)
    if any(item is None for item in label):
        raise SystemExit("the automaton has states the root does not reach")
    return [item for item in label if item is not None]


def _check_automaton(nextmove: np.ndarray, label: list[bytes]) -> None:
    """Every transition goes to the longest suffix of (label + byte) that is a node."""
    node = {item: state for state, item in enumerate(label)}
    if max(len(item) for item in label) > MAX_DEPTH:
        raise SystemExit(f"labels longer than {MAX_DEPTH} bytes")
    for state, prefix in enumerate(label):
        row = nextmove[state].tolist()
        for byte in range(256):
            word = prefix + bytes([byte])
            target = next(node[word[k:]] for k in range(len(word) + 1) if word[k:] in node)
            if target != row[byte]:
                raise SystemExit(f"state {state} byte {byte}: not a suffix automaton")


def main() -> int:
    from py3langid import langid  # type: ignore[import-untyped]

    with lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as packed:
        raw = packed.read()
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        classes = data["classes"].tolist()
        rows = data["nextmove"].reshape(-1, 256)
        nextmove = rows[data["nextmove_row"].astype(np.int64)]
        out_feat = data["out_feat"].astype(np.int32)
        columns = [i for i, c in enumerate(classes) if c in LANGUAGES]  # set_languages' order
        ptc = np.ascontiguousarray(data["ptc"][:, columns])
        pc = data["pc"][columns]
    label = _labels(nextmove)
    _check_automaton(nextmove, label)
    arrays: dict[str, np.ndarray] = {
        "classes": np.array([classes[i] for i in columns]),
        "ptc": ptc,  # float16 as in py3langid's file
        "pc": pc,
        "root_output": np.array([out_feat[0]], dtype=np.int32),
    }
    for length in range(1, MAX_DEPTH + 1):
        states = [s for s, item in enumerate(label) if len(item) == length]
        keys = np.array([int.from_bytes(label[s], "big") for s in states], dtype=np.int64)
        order = np.argsort(keys)
        arrays[f"keys{length}"] = keys[order]
        arrays[f"outputs{length}"] = out_feat[np.array(states, dtype=np.int64)[order]]
    buffer = io.BytesIO()
    np.savez_compressed(buffer, allow_pickle=False, **arrays)
    OUT.write_bytes(buffer.getvalue())
    print(f"{OUT.relative_to(ROOT)}: {len(label):,} states, {len(ptc):,} features, "
          f"{OUT.stat().st_size:,} bytes")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
