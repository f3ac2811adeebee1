"""A required text that shows nothing (spaces, zero-width and other format characters, lone
combining marks, fillers) is refused like an empty one in every form and API input of the app:
the shared fields (core.blank.VisibleTextFormField and VisibleTextSerializerField, under
OneLine*/MultiLine*/TextArea*) take it as "", and the model guard (core.oneline) refuses it on
a required character field whatever path it took. Visible texts with invisible characters in
them stay as typed."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation
from rest_framework import serializers

from someluotsi.core.blank import VisibleTextFormField, VisibleTextSerializerField
from someluotsi.core.oneline import OneLineFormField, OneLineSerializerField
from tests.core.test_choice_fields import _project_forms
from tests.core.test_one_line_fields import _input_serializers

INVISIBLE = [
    "\u200b\u200b\u200b",  # zero-width spaces (the tester's channel name)
    " \u200b \u2060 ",
    "\ufeff",
    "\u00ad",
    "\u200e\u200f",  # direction marks
    "\u0301",
    "\u3164",  # Hangul filler
    "\u00a0\u202f",
]
VISIBLE = ["Kirjasto", "\u200bKirjasto", "Bibliotek\u00ad", "Library \u200e"]

# Searches and filters (nothing stored), Django's sign-in name and a redirect target.
FORM_EXEMPT = {
    "someluotsi.accounts.forms.LoginForm.username",
    "someluotsi.accounts.forms.LanguageForm.next",
    "someluotsi.audit.forms.AuditFilterForm.person",
    "someluotsi.audit.forms.AuditFilterForm.target_id",
    "someluotsi.channels.forms.ChannelFilterForm.q",
    "someluotsi.channels.forms.DecisionForm.role",
}
SERIALIZER_EXEMPT = {
    # Platform data is kept as delivered (neutralised); the check API has its own refusal.
    "MessageInputSerializer.text", "MessageInputSerializer.author_handle",
    "MessageInputSerializer.permalink",
    "AuditFilterSerializer.action", "AuditFilterSerializer.actor",
    "AuditFilterSerializer.person", "AuditFilterSerializer.target_id",
    "AuditFilterSerializer.target_type",
}  # fmt: skip

# Django's "required" message, which the fields give an invisible text.
REQUIRED = {
    "fi": "Tämä kenttä vaaditaan.",
    "sv": "Det här fältet är obligatoriskt.",
    "en": "This field is required.",
}


def test_every_text_form_field_counts_invisible_text_as_empty() -> None:
    fields = [
        (f"{form.__module__}.{form.__qualname__}.{name}", field)
        for form in _project_forms()
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if type(field) is forms.CharField
        or (
            isinstance(field, forms.CharField)
            and not isinstance(field, forms.EmailField | forms.URLField | forms.SlugField)
            and not isinstance(field.widget, forms.PasswordInput)
        )
    ]
    assert len(fields) >= 40
    missing = [
        name
        for name, field in fields
        if not isinstance(field, VisibleTextFormField)
        and name not in FORM_EXEMPT
        and "password" not in name.casefold()
    ]
    assert missing == [], "use core.blank.VisibleTextFormField (or OneLine/MultiLine/TextArea)"


def test_every_api_text_input_counts_invisible_text_as_blank() -> None:
    missing, checked = [], 0
    for serializer in _input_serializers():
        for name, field in serializer().fields.items():
            if (
                isinstance(field, serializers.CharField)
                and not field.read_only
                and not isinstance(field, serializers.URLField | serializers.EmailField)
            ):
                checked += 1
                label = f"{serializer.__name__}.{name}"
                visible = isinstance(field, VisibleTextSerializerField) or type(field).__name__ in {
                    "TextSerializerField"
                }
                if not visible and label not in SERIALIZER_EXEMPT:
                    missing.append(label)
    assert checked >= 20
    assert missing == [], "use core.blank.VisibleTextSerializerField (or OneLineSerializerField)"


@pytest.mark.parametrize("value", INVISIBLE)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_required_form_field_refuses_invisible_text_with_the_required_message(
    value: str, language: str
) -> None:
    with translation.override(language):
        field = OneLineFormField(max_length=200)
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(value)
        assert refused.value.messages == [str(field.error_messages["required"])]
        assert refused.value.messages == [REQUIRED[language]]
        assert OneLineFormField(required=False).clean(value) == ""


@pytest.mark.parametrize("value", VISIBLE)
def test_a_visible_text_is_kept_as_typed(value: str) -> None:
    assert OneLineFormField(max_length=200).clean(value) == value.strip()
    assert OneLineSerializerField(max_length=200).run_validation(value) == value.strip()


@pytest.mark.parametrize("value", INVISIBLE)
def test_an_api_field_refuses_invisible_text_as_blank(value: str) -> None:
    with pytest.raises(serializers.ValidationError) as refused:
        OneLineSerializerField(max_length=200).run_validation(value)
    assert refused.value.get_codes() == ["blank"]
    optional = OneLineSerializerField(required=False, allow_blank=True, max_length=200)
    assert optional.run_validation(value) == ""
