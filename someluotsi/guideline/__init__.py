"""The guideline engine: checks texts against a municipality's social media guideline.

Pure Python. It must never import Django (a nested ruff rule, a test and the import contract in
pyproject.toml enforce this), so it runs the same from the `someluotsi` command line, a test
without a database, a Celery worker or a web request.

Public entry points (loaded on first use, so importing the package costs nothing)::

    from someluotsi.guideline import check, triage

    check(text, role="employee")  # -> model.Report, see checker/engine.py
    triage(text)                  # -> messages.triage.Triage

The parts, lowest first (docs/architecture.md):

- `model`: the engine's vocabulary (categories, severities, roles, findings, reports, errors),
  and `sections`: what each § of the guideline is about, in words;
- `text/`: shared text analysis (patterns, normalisation, language id, sentences, lexicon,
  vocabulary, word lists, the harm classifier);
- `checker/`: the post checker (engine, rulebook, detector registry, detectors, redaction);
- `messages/`: citizens' messages (triage, tone) and `storms/`: the storm detector;
- `evaluation/`: tools, never on a request's path (evaluations, the storm traffic simulator);
- `__main__`: the `someluotsi` command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from someluotsi import __version__

if TYPE_CHECKING:
    from someluotsi.guideline.checker.engine import check
    from someluotsi.guideline.messages.triage import triage

__all__ = ("__version__", "check", "triage")


def __getattr__(name: str) -> Any:
    """Load `check` and `triage` on first use (the checker takes about a second to import)."""
    if name == "check":
        from someluotsi.guideline.checker.engine import check

        return check
    if name == "triage":
        from someluotsi.guideline.messages.triage import triage

        return triage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
