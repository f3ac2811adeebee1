from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from someluotsi.audit.registry import all_actions, all_target_kinds, author_lookups
from someluotsi.core.dates import BoundedDateField
from someluotsi.core.oneline import OneLineFormField


def action_choices() -> list[tuple[str, Any]]:
    """The picker: every registered action by its name, grouped by area, sorted by name."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for action in all_actions():
        groups.setdefault(str(action.group), []).append((action.code, str(action.label)))
    return [("", _("All actions"))] + [
        (group, sorted(items, key=lambda item: item[1])) for group, items in sorted(groups.items())
    ]


def target_choices() -> list[tuple[str, str]]:
    kinds = sorted(((k.model, str(k.label)) for k in all_target_kinds()), key=lambda c: c[1])
    return [("", str(_("Any object"))), *kinds]


def platform_choices() -> list[tuple[str, str]]:
    choices: dict[str, str] = {}
    for lookup in author_lookups():
        choices.update((key, str(label)) for key, label in lookup.platforms())
    return list(choices.items())


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=200,
        help_text=_("Name or user name; finds what they did and what was done about them."),
    )
    action = forms.ChoiceField(label=_("Action"), required=False, choices=action_choices)
    target_type = forms.ChoiceField(label=_("Object"), required=False, choices=target_choices)
    target_id = forms.CharField(
        label=_("Object number"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    since = BoundedDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = BoundedDateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    personal_data = forms.BooleanField(label=_("Only readings of personal data"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data


class AuthorForm(forms.Form):
    """A citizen's data-subject request: the author as the platform shows them."""

    platform = forms.ChoiceField(label=_("Platform"), choices=platform_choices)
    author = OneLineFormField(
        label=_("Author on the platform"),
        max_length=200,
        help_text=_("The name or handle exactly as the platform shows it."),
    )
