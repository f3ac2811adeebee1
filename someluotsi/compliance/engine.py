"""The engine configured for this installation (SOMELUOTSI_RULEBOOK or the bundled rulebook)."""

from __future__ import annotations

from django.conf import settings

from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for


def configured_engine() -> GuidelineEngine:
    return engine_for(settings.SOMELUOTSI_RULEBOOK or None)
