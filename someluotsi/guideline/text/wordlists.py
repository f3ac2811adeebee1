"""Word lists shipped with the engine (data/wordlists/*.txt, data/names/*.txt).

Format: one term per line (see lexicon.py for `*` and `?`); `# comments`; a line `[label]`
labels the terms below it (the file name is the default label).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"


@cache
def load_terms(name: str) -> tuple[tuple[str, str], ...]:
    label = name
    terms: list[tuple[str, str]] = []
    for raw in (DATA / "wordlists" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            label = line[1:-1].strip()
            continue
        terms.append((line, label))
    return tuple(terms)


def load_words(name: str) -> tuple[str, ...]:
    return tuple(term for term, _label in load_terms(name))


@cache
def load_names(kind: str = "first_names") -> frozenset[str]:
    """Common names, lower case: Finnish and Swedish first names ("first_names") or Finnish,
    Swedish and British surnames ("surnames"), from data/names/<kind>.txt."""
    path = DATA / "names" / f"{kind}.txt"
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
