"""No string crashes the register's input checks: every bad value is an ApplicationError with a
code, never an exception of another kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.channels.campaigns import _budget
from someluotsi.channels.exports import csv_cell
from someluotsi.channels.models import PLAN_FIELDS
from someluotsi.channels.plan import plan_clean
from someluotsi.core.errors import ApplicationError


def _refusal(check: Callable[[Any], object], value: Any) -> str | None:
    """The code of the ApplicationError `check` raises, None when it accepts the value; any
    other exception fails the test."""
    try:
        check(value)
    except ApplicationError as exc:
        return exc.code
    return None


ANY = st.one_of(
    st.text(max_size=300),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.lists(st.text(max_size=20), max_size=5),
)
FIELDS = st.sampled_from(PLAN_FIELDS)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(FIELDS, ANY, max_size=9))
def test_plan_clean_accepts_or_refuses_cleanly(data: dict[str, Any]) -> None:
    code = _refusal(plan_clean, data)
    assert code is None or code.startswith("bad_") or code.endswith("_too_long")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=50), st.integers(), st.floats()))
def test_budget_accepts_or_refuses_cleanly(value: Any) -> None:
    assert _refusal(_budget, value) in {None, "bad_budget"}


@given(st.text(max_size=200))
def test_csv_cells_are_text_that_never_starts_a_formula(value: str) -> None:
    cell = csv_cell(value)
    assert not cell.startswith(("=", "+", "-", "@")) or cell.startswith("'")
