"""Suicidal intent and child-welfare concerns, triaged the same in fi/sv/en: taking one's life,
not going on living, no point in living, wanting to die, not wanting to wake up and a goodbye
for good are a crisis (sensitive, urgent, answered with 112 and the crisis line); children left
alone, home alone for days, not fed or with drunk parents are a child-welfare concern
(sensitive, answered with where to report). Near misses (a chore, a way of living, jest, a
question of guidance, an after-school club notice) are neither. The table is
triage/crisis.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from someluotsi.guideline.messages.triage import Action, Priority, TriageCategory, triage

TABLE = Path(__file__).parent / "triage" / "crisis.toml"
MESSAGES = tomllib.loads(TABLE.read_text(encoding="utf-8"))["message"]
CONCERNS = [m for m in MESSAGES if m["topic"]]
NEAR_MISSES = [m for m in MESSAGES if not m["topic"]]


@pytest.mark.parametrize("message", CONCERNS, ids=[m["text"][:40] for m in CONCERNS])
def test_a_crisis_or_a_child_welfare_concern_is_sensitive_and_answered_as_one(
    message: dict[str, Any],
) -> None:
    result = triage(message["text"])
    assert result.category is TriageCategory.SENSITIVE, result.reasons
    assert result.topic == message["topic"], result.reasons
    assert Action.IGNORE not in result.actions, result.actions
    if message["topic"] == "crisis":
        assert result.priority is Priority.URGENT
        assert "112" in result.reply, result.reply
        assert "MIELI" in result.reply or "Mieli" in result.reply, result.reply


@pytest.mark.parametrize("message", NEAR_MISSES, ids=[m["text"][:40] for m in NEAR_MISSES])
def test_a_near_miss_is_no_crisis_and_no_child_welfare_concern(message: dict[str, Any]) -> None:
    result = triage(message["text"])
    assert result.topic not in {"crisis", "child_welfare"}, result.reasons
    assert result.category is not TriageCategory.SENSITIVE, result.reasons


def test_the_table_covers_each_kind_and_its_near_misses_in_three_languages() -> None:
    for topic in ("crisis", "child_welfare"):
        assert {m["lang"] for m in CONCERNS if m["topic"] == topic} == {"fi", "sv", "en"}
        assert {m["lang"] for m in NEAR_MISSES if m["concern"] == topic} == {"fi", "sv", "en"}
