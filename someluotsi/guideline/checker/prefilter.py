"""Run a detector only where its cues occur: one pass over the text for all detectors.

Detectors may name `cues` (base.Detector): strings of which at least one must occur in the
normalised text for the detector to find anything (the "@" of an e-mail address, the heads of
a word list). A detector may also name `cue_patterns`: RE2 patterns of which one must match
the normalised (lower-case) text, for what a string cannot say ("six digits, a century sign,
three digits and a check character" for an identity code, where "a digit" is in nearly every
text). All cues and cue patterns of all detectors are compiled into one RE2 set (one DFA,
linear in the text), so one search tells which detectors can have something to say; the
others are not run at all. Detectors with neither always run.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2  # type: ignore[import-untyped]

from someluotsi.guideline.checker.detectors.base import Detector
from someluotsi.guideline.text.patterns import utf8

MAX_MEM = 64 << 20  # bytes for the set's DFA; thousands of literals fit easily


def cue_sources(detector: object) -> list[str]:
    """The RE2 patterns of a detector's cues (each string escaped, lower-cased) and cue
    patterns, in that order; empty when it has neither (it always runs)."""
    cues = getattr(detector, "cues", None) or ()
    patterns = getattr(detector, "cue_patterns", None) or ()
    return [re2.escape(cue.lower()) for cue in sorted(cues)] + list(patterns)


class Prefilter:
    """Which of `detectors` a text needs, in their order. Build once per engine."""

    def __init__(self, detectors: Sequence[Detector]) -> None:
        self.detectors = tuple(detectors)
        cue_ids: dict[str, int] = {}
        self._needs: list[frozenset[int] | None] = []
        for detector in self.detectors:
            sources = cue_sources(detector)
            if not sources:
                self._needs.append(None)
                continue
            ids = frozenset(cue_ids.setdefault(source, len(cue_ids)) for source in sources)
            self._needs.append(ids)
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
        found = frozenset(self._set.Match(utf8(normalised)) or ())  # type: ignore[attr-defined]
        return [
            detector
            for detector, needs in zip(self.detectors, self._needs, strict=True)
            if needs is None or not needs.isdisjoint(found)
        ]
