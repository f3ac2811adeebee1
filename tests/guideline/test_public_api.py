"""The engine's public entry points: `from someluotsi.guideline import check, triage`."""

from __future__ import annotations

import subprocess
import sys

import pytest

import someluotsi.guideline as guideline
from someluotsi.guideline.checker.engine import check as engine_check
from someluotsi.guideline.messages.triage import triage as engine_triage
from someluotsi.guideline.model import Report


def test_check_and_triage_are_the_engine_functions() -> None:
    from someluotsi.guideline import check, triage

    assert check is engine_check
    assert triage is engine_triage
    assert isinstance(check("Kirjasto on auki tänään."), Report)
    assert triage("Miksi uimahalli on kiinni?").category.value == "question"


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'chek'"):
        _ = guideline.chek


def test_importing_the_package_loads_no_part_of_the_engine() -> None:
    # The checker takes about a second to import; the package itself must not pay for it.
    code = (
        "import sys, someluotsi.guideline\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('someluotsi.guideline.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
