"""Why an export file or one of its rows could not be used, in Finnish, Swedish and English.
Pure Python: the reader records a code and its parameters, and the page words them in the
reader's language (stored imports keep the code, so a later wording applies to them too)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

WORDING_FILE = Path(__file__).with_suffix(".toml")


@cache
def wording() -> dict[str, dict[str, str]]:
    """Code → {fi, sv, en}: the texts live in export_problems.toml, like the engine's
    explanations."""
    return tomllib.loads(WORDING_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Problem:
    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str, **params: object) -> Problem:
        return cls(code, {key: str(value) for key, value in params.items()})

    def text(self, language: str = "en") -> str:
        return problem_text(self.code, self.params, language)

    def __str__(self) -> str:
        return self.text("en")


def problem_text(code: str, params: Mapping[str, object], language: str = "en") -> str:
    """The wording of a stored problem; an unknown code (from a later version) shows as is."""
    texts = wording().get(code)
    if texts is None:
        return code
    template = texts.get(language[:2], texts["en"])
    try:
        return template.format(**{key: str(value) for key, value in params.items()})
    except (KeyError, IndexError, ValueError):
        return template
