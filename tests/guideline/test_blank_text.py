"""A text that shows nothing: `check()` refuses it with BlankTextError (an EngineError, so a
ValueError, as TextTooLongError is), and `triage()` sorts such a message as "other" without
checking it. A text with anything visible, however little, is checked as before."""

from __future__ import annotations

import pytest

from someluotsi.guideline import check, triage
from someluotsi.guideline.messages.triage import TriageCategory
from someluotsi.guideline.model import BlankTextError, EngineError

BLANK = ["", " ", "\n\t ", "\u200b", "\u200b\u200d\ufeff", "\u00a0\u3000", "\u2060 \u00ad"]


@pytest.mark.parametrize("text", BLANK)
def test_check_refuses_a_blank_text(text: str) -> None:
    with pytest.raises(BlankTextError):
        check(text)
    assert issubclass(BlankTextError, EngineError)
    assert issubclass(BlankTextError, ValueError)


@pytest.mark.parametrize("text", BLANK)
@pytest.mark.parametrize("language", [None, "fi", "sv", "en"])
def test_triage_sorts_a_blank_message_as_other(text: str, language: str | None) -> None:
    sorted_message = triage(text, language=language, message_id=7)
    assert sorted_message.category is TriageCategory.OTHER
    assert sorted_message.findings == ()
    assert sorted_message.reply == ""
    assert sorted_message.id == 7
    assert sorted_message.language == (language or "fi")


@pytest.mark.parametrize("text", [".", "\u200bk", "👍", "ok\u200b", " 1 "])
def test_a_visible_character_is_checked(text: str) -> None:
    assert check(text).verdict.value in {"ok", "info", "warn", "block"}
    assert triage(text).category in set(TriageCategory)
