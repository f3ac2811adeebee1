"""Every fixed reason the triage engine gives is shown in the reader's language (the engine
speaks English): the plans' reasons, the concerns' (crisis, child welfare, security gap) and
a hazard's, a take-down request's and a personal-data request's."""

from __future__ import annotations

import pytest
from django.utils import translation

from someluotsi.guideline.messages.triage import (
    CONCERN_REASONS,
    DATA_REQUEST_REASON,
    HAZARD_REASON,
    PLANS,
    REMOVAL_REASON,
)
from someluotsi.inbox.presentation import reason_label

REASONS = sorted(
    {reason for _a, _p, reason in PLANS.values()}
    | set(CONCERN_REASONS.values())
    | {HAZARD_REASON, REMOVAL_REASON, DATA_REQUEST_REASON}
)


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_is_translated(reason: str, language: str) -> None:
    with translation.override(language):
        label = reason_label(reason)
    assert label
    assert label != reason


def test_english_reasons_stay_as_they_are() -> None:
    with translation.override("en"):
        assert reason_label(CONCERN_REASONS["security_gap"]) == CONCERN_REASONS["security_gap"]
