"""Self-harm told by the writer or of their child is sensitive in fi/sv/en, never ignored;
the topic without a person and an accident are not (table: triage/self_harm.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from someluotsi.guideline import triage
from someluotsi.guideline.messages.triage import Action, TriageCategory

TABLE = Path(__file__).parent / "triage" / "self_harm.toml"
MESSAGES = tomllib.loads(TABLE.read_text(encoding="utf-8"))["message"]


@pytest.mark.parametrize("message", MESSAGES, ids=[m["text"][:40] for m in MESSAGES])
def test_self_harm_is_sensitive_and_its_near_misses_are_not(message: dict[str, Any]) -> None:
    result = triage(message["text"])
    if message["sensitive"]:
        assert result.category is TriageCategory.SENSITIVE, result.reasons
        assert Action.IGNORE not in result.actions, result.actions
    else:
        assert result.category is not TriageCategory.SENSITIVE, result.reasons


def test_the_table_has_both_kinds_in_three_languages() -> None:
    for sensitive in (True, False):
        assert {m["lang"] for m in MESSAGES if m["sensitive"] is sensitive} == {"fi", "sv", "en"}
