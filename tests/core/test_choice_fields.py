"""Every row choice in every form of the project refuses an id beyond the database's integers
(a tampered form) as a form error, never a server error (someluotsi/core/choices.py)."""

from __future__ import annotations

import copy
import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

import someluotsi
from someluotsi.core.choices import IdChoiceField, IdMultipleChoiceField, is_id

HUGE = str(2**70)


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(someluotsi.__path__, "someluotsi."):
        if ".migrations" not in module.name and ".guideline" not in module.name:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("someluotsi.") and sub not in found:
                found.append(sub)
    return found


def _choice_fields() -> list[tuple[str, forms.ModelChoiceField]]:  # type: ignore[type-arg]
    return [
        (f"{form.__module__}.{form.__qualname__}.{name}", field)
        for form in _project_forms()
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, forms.ModelChoiceField)
    ]


def test_the_walk_finds_the_forms_with_row_choices() -> None:
    names = {name for name, _field in _choice_fields()}
    assert len(_project_forms()) >= 40
    assert "someluotsi.publishing.forms.ComposerForm.channels" in names
    assert "someluotsi.metrics.forms.ScheduleForm.users" in names
    assert len(names) >= 15


def test_every_row_choice_uses_the_bounded_fields() -> None:
    bare = [
        name
        for name, field in _choice_fields()
        if not isinstance(field, IdChoiceField | IdMultipleChoiceField)
    ]
    assert bare == [], "use someluotsi.core.choices.IdChoiceField / IdMultipleChoiceField"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, str(2**63), "１２"])
def test_every_row_choice_refuses_an_id_out_of_range_as_a_form_error(value: str) -> None:
    checked = 0
    for name, declared in _choice_fields():
        field = copy.deepcopy(declared)
        assert field.queryset is not None
        # Forms narrow the rows per person in __init__; here every row is a candidate.
        field.queryset = field.queryset.model._default_manager.all()
        posted = [value] if isinstance(field, forms.ModelMultipleChoiceField) else value
        with pytest.raises(ValidationError) as refused:
            field.clean(posted)
        assert refused.value.code == "invalid_choice", name
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), (str(2**63 - 1), True), (str(2**63), False), ("-1", False), ("1e3", False)],
)
def test_is_id(value: str, expected: bool) -> None:
    assert is_id(value) is expected
