"""A home address down to the flat makes a message sensitive however it is typed: a
zero-width space, soft hyphen or word joiner inside the address changes nothing (found by the
Unicode-forms property test: "Storgatan 5\u200b A 3" was read as feedback)."""

from __future__ import annotations

import pytest

from someluotsi.guideline.messages.triage import triage

HOMES = [
    "Vesivahinko osoitteessa Isokatu 5 B 12.",  # fi
    "Hissen är trasig på Storgatan 5 A 3.",  # sv
    "Water leak at Storgatan 5 A 3, please come.",  # en
]
PLACES = [
    "Isokatu 5 katulamppu on rikki.",  # fi: a fault's place, not a home
    "Gatlyktan vid Storgatan 5 är trasig.",  # sv
    "The street lamp at Storgatan 5 is broken.",  # en
]
HIDDEN = ["\u200b", "\u00ad", "\u2060"]


@pytest.mark.parametrize("text", HOMES + PLACES)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_hidden_character_in_an_address_changes_nothing(text: str, hidden: str) -> None:
    plain = triage(text)
    hidden_text = text.replace("5 ", "5" + hidden + " ", 1)
    assert hidden_text != text
    assert triage(hidden_text).category == plain.category


@pytest.mark.parametrize("text", HOMES)
def test_an_address_down_to_the_flat_is_sensitive(text: str) -> None:
    assert triage(text).category.value == "sensitive"
