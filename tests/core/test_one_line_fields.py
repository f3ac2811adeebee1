"""Every one-line text field a person or a client fills in, in every form and every API input
serializer of the project, refuses control characters and direction overrides
(someluotsi/core/oneline.py). Text areas, searches and filters are listed where they are exempt."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from rest_framework import serializers

import someluotsi
from someluotsi.core.oneline import validate_one_line
from tests.core.test_choice_fields import _project_forms

# Searches and filters (nothing stored; a control character matches nothing), a redirect
# target checked by Django, the sign-in name (Django's auth), and channel notes kept as lines
# (core.oneline.MULTILINE_FIELDS: the model guard refuses their other control characters).
FORM_EXEMPT = {
    "someluotsi.accounts.forms.LoginForm.username",
    "someluotsi.accounts.forms.LanguageForm.next",
    "someluotsi.audit.forms.AuditFilterForm.person",
    "someluotsi.audit.forms.AuditFilterForm.target_id",
    "someluotsi.audit.forms.AuthorForm.author",
    "someluotsi.channels.forms.ChannelFilterForm.q",
    "someluotsi.channels.forms.PlanForm.target_notes",
    "someluotsi.channels.forms.ChannelEditForm.target_notes",
    "someluotsi.channels.forms.RequestForm.target_notes",
    "someluotsi.channels.forms.RegisterChannelForm.target_notes",
}
# Input serializers' free texts of several lines, and the audit trail's filters.
SERIALIZER_EXEMPT = {
    "ChannelInputSerializer.goals", "ChannelInputSerializer.resource_notes",
    "ChannelInputSerializer.target_notes", "PlanInputSerializer.goals",
    "PlanInputSerializer.resource_notes", "PlanInputSerializer.target_notes",
    "RequestInputSerializer.goals", "RequestInputSerializer.resource_notes",
    "RequestInputSerializer.target_notes", "RequestInputSerializer.why_not_existing",
    "DecisionInputSerializer.reason", "CheckInputSerializer.text",
    "MessageInputSerializer.text",
    # Platform data: neutralised, never refused (inbox/apis.py PlatformTextField; the
    # permalink is dropped off the platform's domains, inbox/permalinks.py).
    "MessageInputSerializer.author_handle", "MessageInputSerializer.permalink",
    "AuditFilterSerializer.action", "AuditFilterSerializer.actor",
    "AuditFilterSerializer.person", "AuditFilterSerializer.target_id",
    "AuditFilterSerializer.target_type",
}  # fmt: skip


def _one_line_form_fields() -> list[tuple[str, forms.CharField]]:
    found = []
    for form in _project_forms():
        for name, field in form.base_fields.items():  # type: ignore[attr-defined]
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field, forms.EmailField | forms.URLField)
                and not isinstance(field.widget, forms.Textarea | forms.PasswordInput)
                and not isinstance(field.widget, forms.HiddenInput)
            ):
                found.append((f"{form.__module__}.{form.__qualname__}.{name}", field))
    return found


def _input_serializers() -> list[type[serializers.Serializer]]:  # type: ignore[type-arg]
    for module in pkgutil.walk_packages(someluotsi.__path__, "someluotsi."):
        if module.name.endswith(".apis"):
            importlib.import_module(module.name)
    found = []
    todo: list[type] = [serializers.Serializer]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            reads_input = any(word in sub.__name__ for word in ("Input", "Query", "Filter"))
            if sub.__module__.startswith("someluotsi.") and reads_input:
                found.append(sub)
    return found


def test_every_one_line_form_field_refuses_control_characters() -> None:
    fields = _one_line_form_fields()
    assert len(fields) >= 25
    missing = [
        name
        for name, field in fields
        if validate_one_line not in field.validators and name not in FORM_EXEMPT
    ]
    assert missing == [], "use someluotsi.core.oneline.OneLineFormField"


def test_every_one_line_api_input_refuses_control_characters() -> None:
    missing = []
    checked = 0
    for serializer in _input_serializers():
        for name, field in serializer().fields.items():
            if (
                isinstance(field, serializers.CharField)
                and not field.read_only
                and not isinstance(field, serializers.URLField | serializers.EmailField)
            ):
                checked += 1
                label = f"{serializer.__name__}.{name}"
                if validate_one_line not in field.validators and label not in SERIALIZER_EXEMPT:
                    missing.append(label)
    assert checked >= 20
    assert missing == [], "use someluotsi.core.oneline.OneLineSerializerField"


@pytest.mark.parametrize("value", ["a\nb\x1b[31m", "\u202eadmin", "x\u2028y"])
def test_the_fields_refuse_with_a_form_error(value: str) -> None:
    from someluotsi.publishing.forms import AssetForm

    form = AssetForm(data={"title": value, "photographer": value})
    assert not form.is_valid()
    assert "title" in form.errors
    assert "photographer" in form.errors
