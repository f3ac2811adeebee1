"""Run a detector only where its cues occur: one pass over the text for all detectors.

Detectors may name `cues` (base.Detector): strings of which at least one must occur in the
normalised text for the detector to find anything (the "@" of an e-mail address), or tuples of
strings that must all occur (a phrase of a word list: "hall key*" needs "hall" and "key",
`Lexicon.cues`). A detector may also name `cue_patterns`: RE2 patterns of which one must match
the normalised (lower-case) text, for what a string cannot say ("six digits, a century sign,
three digits and a check character" for an identity code, where "a digit" is in nearly every
text). All cues' first strings and all cue patterns of all detectors are compiled into one RE2
set (one DFA, linear in the text), so one search tells which detectors can have something to
say; a tuple's other strings are looked for only where its first one occurs (`str.__contains__`,
a substring search in C). The others are not run at all. Detectors with neither always run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import re2  # type: ignore[import-untyped]

from someluotsi.guideline.checker.detectors.base import Detector
from someluotsi.guideline.text.patterns import utf8

MAX_MEM = 64 << 20  # bytes for the set's DFA; thousands of literals fit easily


def cue_clauses(detector: object) -> list[tuple[str, tuple[str, ...]]]:
    """A detector's cues as (RE2 pattern, further strings) pairs: the pattern (a cue's first
    string escaped and lower-cased, or a cue pattern) must match and the strings (lower-case)
    must all occur. A tuple implied by a string cue of the same detector is left out ("key"
    and ("hall", "key")). Empty when the detector has neither cues nor cue patterns (it always
    runs). Raises TypeError for a cue that is neither a string nor a non-empty tuple of them."""
    cues = getattr(detector, "cues", None) or ()
    patterns = getattr(detector, "cue_patterns", None) or ()
    words: list[tuple[str, ...]] = []
    for cue in cues:
        if isinstance(cue, str):
            words.append((cue.lower(),))
        elif isinstance(cue, tuple) and cue and all(isinstance(part, str) for part in cue):
            words.append(tuple(part.lower() for part in cue))
        else:
            raise TypeError(f"{type(detector).__name__}: a cue is a string or a tuple of them")
    singles = {cue[0] for cue in words if len(cue) == 1}
    kept = sorted({cue for cue in words if len(cue) == 1 or not singles.intersection(cue)})
    return [(re2.escape(cue[0]), cue[1:]) for cue in kept] + [(p, ()) for p in patterns]


class Prefilter:
    """Which of `detectors` a text needs, in their order. Build once per engine."""

    def __init__(self, detectors: Sequence[Detector]) -> None:
        self.detectors = tuple(detectors)
        cue_ids: dict[str, int] = {}
        self._always: list[int] = []
        # pattern id -> the detectors (by index) that it selects alone, and those it selects
        # where their further strings occur too
        self._alone: dict[int, set[int]] = defaultdict(set)
        self._with: dict[int, dict[int, list[tuple[str, ...]]]] = defaultdict(dict)
        for number, detector in enumerate(self.detectors):
            clauses = cue_clauses(detector)
            if not clauses:
                self._always.append(number)
                continue
            for source, further in clauses:
                key = cue_ids.setdefault(source, len(cue_ids))
                if further:
                    self._with[key].setdefault(number, []).append(further)
                else:
                    self._alone[key].add(number)
        for key, alone in self._alone.items():  # a detector found alone needs no tuples
            for number in alone:
                self._with.get(key, {}).pop(number, None)
        self._set: object | None = None
        if cue_ids:
            options = re2.Options()
            options.max_mem = MAX_MEM
            options.log_errors = False
            cue_set = re2.Set.SearchSet(options)
            for source in cue_ids:  # dicts keep insertion order: index i is cue id i
                cue_set.Add(source)
            cue_set.Compile()
            self._set = cue_set

    def select(self, normalised: str) -> list[Detector]:
        """The detectors to run on a normalised text (all of them when none has cues)."""
        if self._set is None:
            return list(self.detectors)
        # The binding answers None, not an empty list, when no cue occurs.
        found = self._set.Match(utf8(normalised)) or ()  # type: ignore[attr-defined]
        chosen = set(self._always)
        alone, together = self._alone, self._with
        for key in found:
            if key in alone:
                chosen.update(alone[key])
            if key in together:
                for number, options in together[key].items():
                    if number not in chosen and any(
                        all(part in normalised for part in further) for further in options
                    ):
                        chosen.add(number)
        detectors = self.detectors
        return [detectors[number] for number in sorted(chosen)]
