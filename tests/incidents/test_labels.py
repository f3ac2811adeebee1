"""Every signal the detector can raise has words for people."""

from __future__ import annotations

from django.utils import translation

from someluotsi.guideline.storms.detector import Signal
from someluotsi.incidents.enums import AlertSignal
from someluotsi.incidents.models import StormAlert


def test_every_detector_signal_is_worded() -> None:
    assert {s.value for s in Signal} == set(AlertSignal.values)


def test_an_alert_words_its_signals_and_sensitivity() -> None:
    alert = StormAlert(signals=["volume", "threats", "from-a-later-version"], sensitivity="high")
    with translation.override("en"):
        assert alert.signal_labels() == [
            "unusually many messages",
            "threats close together",
            "from-a-later-version",
        ]
        assert alert.sensitivity_label().startswith("High")
