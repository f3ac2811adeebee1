"""Run a detector only where its cues occur: one pass over the text for all detectors.

Detectors may name `cues` (base.Detector): strings of which at least one must occur in the
normalised text for the detector to find anything (the digits of an identifier, the "@" of an
e-mail address, the heads of a word list). All cues of all detectors are compiled into one RE2
set (a DFA over literals, linear in the text), so one search tells which detectors can have
something to say; the others are not run at all. Detectors without cues always run.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2  # type: ignore[import-untyped]

from someluotsi.guideline.checker.detectors.base import Detector

MAX_MEM = 64 << 20  # bytes for the set's DFA; thousands of literals fit easily


class Prefilter:
    """Which of `detectors` a text needs, in their order. Build once per engine."""

    def __init__(self, detectors: Sequence[Detector]) -> None:
        self.detectors = tuple(detectors)
        cue_ids: dict[str, int] = {}
        self._needs: list[frozenset[int] | None] = []
        for detector in self.detectors:
            cues = getattr(detector, "cues", None)
            if not cues:
                self._needs.append(None)
                continue
            ids = frozenset(cue_ids.setdefault(cue.lower(), len(cue_ids)) for cue in cues)
            self._needs.append(ids)
        self._set: object | None = None
        if cue_ids:
            options = re2.Options()
            options.max_mem = MAX_MEM
            options.log_errors = False
            cue_set = re2.Set.SearchSet(options)
            for cue in cue_ids:  # dicts keep insertion order: index i is cue id i
                cue_set.Add(re2.escape(cue))
            cue_set.Compile()
            self._set = cue_set

    def select(self, normalised: str) -> list[Detector]:
        """The detectors to run on a normalised text (all of them when none has cues)."""
        if self._set is None:
            return list(self.detectors)
        # The binding answers None, not an empty list, when no cue occurs.
        found = frozenset(self._set.Match(normalised) or ())  # type: ignore[attr-defined]
        return [
            detector
            for detector, needs in zip(self.detectors, self._needs, strict=True)
            if needs is None or needs & found
        ]
