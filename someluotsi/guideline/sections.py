"""The guideline's sections in words: "§10.6" → what that point of the guideline is about, in
Finnish, Swedish or English (Someluotsi's own wording, `data/sections.toml`)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "sections.toml"
LANGUAGES = ("fi", "sv", "en")


@cache
def _sections() -> dict[str, dict[str, str]]:
    with DATA.open("rb") as handle:
        raw = tomllib.load(handle)
    return {ref: dict(texts) for ref, texts in raw["sections"].items()}


def section_words(ref: str, language: str) -> str:
    """What section `ref` ("§10.6") is about in `language` (fi, sv or en; others read as fi).
    A subsection without its own entry is named by its chapter ("§10"); an unknown reference
    gives ""."""
    language = language if language in LANGUAGES else "fi"
    sections = _sections()
    texts = sections.get(ref) or sections.get(ref.split(".", 1)[0])
    return texts.get(language, "") if texts else ""


def section_refs() -> list[str]:
    """Every section with its own entry, in the data file's order."""
    return list(_sections())
