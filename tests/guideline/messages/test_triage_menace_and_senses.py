"""Triage of veiled menace and of harmless senses of violent words (fi/sv/en): a pity if harm
befell the reader's own, harm promised, "just wait" said to a person, euphemisms of killing
and a weapon emoji on its way are threats (the police for lethal words); blowing up balloons,
a flu shot, executing a plan, "ammu tähtiin", names such as Dick Van Dyke and safety or
sports news are not. The table is triage/menace_and_senses.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from someluotsi.guideline.messages.triage import Action, triage

TABLE = Path(__file__).parent / "triage" / "menace_and_senses.toml"
MESSAGES = tomllib.loads(TABLE.read_text(encoding="utf-8"))["message"]


@pytest.mark.parametrize("message", MESSAGES, ids=[m["text"][:40] for m in MESSAGES])
def test_message_gets_its_category(message: dict[str, Any]) -> None:
    result = triage(message["text"])
    assert result.category.value == message["category"], result.reasons
    if "police" in message:
        assert (Action.NOTIFY_POLICE in result.actions) is message["police"], result.reasons


def test_the_table_has_threats_and_look_alikes_in_three_languages() -> None:
    for threat in (True, False):
        chosen = [m for m in MESSAGES if (m["category"] == "threat") is threat]
        assert {m["lang"] for m in chosen} == {"fi", "sv", "en"}, threat
