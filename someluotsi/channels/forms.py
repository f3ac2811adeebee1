"""Forms for the register pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from someluotsi.accounts.models import Unit, User
from someluotsi.channels.enums import (
    BrandConformity,
    ChannelKind,
    ChannelStatus,
    ContentLanguage,
    DecisionOutcome,
    MaintainerRole,
    Platform,
    TargetGroup,
    Translations,
)
from someluotsi.channels.models import PLAN_FIELDS, Channel
from someluotsi.core.choices import IdChoiceField, IdMultipleChoiceField
from someluotsi.core.conflicts import version_field
from someluotsi.core.dates import BoundedDateField, BoundedDateTimeField
from someluotsi.core.oneline import MultiLineFormField, OneLineFormField


def person_label(person: User) -> str:
    """A person as a choice: the name and, to tell namesakes apart, the unit."""
    unit = f" ({person.unit.localized_name()})" if person.unit else ""
    return f"{person.get_full_name() or person.get_username()}{unit}"


class PersonChoiceField(IdChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class PeopleChoiceField(IdMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class PlanForm(forms.Form):
    goals = MultiLineFormField(
        label=_("Goals"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What should the channel achieve, and how will you know (§13.1, §16.1)?"),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_notes = MultiLineFormField(
        label=_("Target groups in more detail"), max_length=500, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=ContentLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        min_value=0,
        max_value=99,
        decimal_places=1,
        required=False,
        help_text=_("Time for posting, answering and planning together (§12.1)."),
    )
    images_per_month = forms.IntegerField(
        label=_("Images a month"), min_value=0, max_value=1000, required=False
    )
    videos_per_month = forms.IntegerField(
        label=_("Videos a month"), min_value=0, max_value=1000, required=False
    )
    translations = forms.ChoiceField(
        label=_("Translations"), choices=Translations.choices, initial=Translations.NONE
    )
    resource_notes = MultiLineFormField(
        label=_("Other resources"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def plan_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS if name in self.cleaned_data}


class ChannelEditForm(PlanForm):
    name = OneLineFormField(label=_("Name"), max_length=200)
    handle = OneLineFormField(label=_("Handle"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), max_length=200, required=False, assume_scheme="https")
    kind = forms.ChoiceField(label=_("Kind"), choices=ChannelKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ChannelStatus.choices)
    brand_conformity = forms.ChoiceField(label=_("Brand book"), choices=BrandConformity.choices)
    brand_reviewed_on = BoundedDateField(
        label=_("Brand book reviewed"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Does the look and content follow the city's brand book (§15.1)?"),
    )
    REGISTER = ("name", "handle", "url", "kind", "status", "brand_conformity", "brand_reviewed_on")
    # The channel's version when the form was opened: a save over someone else's is refused
    # (services.channel_update) instead of silently overwriting it.
    version = version_field()

    def __init__(self, *args: Any, can_staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_staff:
            for name in self.REGISTER:
                del self.fields[name]

    def change_data(self) -> dict[str, Any]:
        data = self.plan_data()
        data.update({k: self.cleaned_data[k] for k in self.REGISTER if k in self.cleaned_data})
        return data


def channel_edit_initial(channel: Channel) -> dict[str, Any]:
    names = (*PLAN_FIELDS, *ChannelEditForm.REGISTER, "version")
    return {name: getattr(channel, name) for name in names}


class ChannelFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    platform = forms.ChoiceField(
        label=_("Platform"), choices=[("", _("All")), *Platform.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *ChannelKind.choices], required=False
    )
    unit = IdChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ChannelStatus.choices], required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class RequestForm(PlanForm):
    MULTI = frozenset({"target_groups", "languages", "maintainers"})
    unit = IdChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    name = OneLineFormField(label=_("Name of the new account"), max_length=200)
    handle = OneLineFormField(label=_("Handle"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ChannelKind.choices, initial=ChannelKind.UNIT)
    maintainers = PeopleChoiceField(
        label=_("Maintainers"),
        queryset=User.objects.none(),
        help_text=_("At least two are recommended, so that someone covers holidays (§12.2)."),
        widget=forms.CheckboxSelectMultiple,
    )
    maintainer_role = forms.ChoiceField(
        label=_("Maintainers act as"),
        choices=MaintainerRole.choices,
        initial=MaintainerRole.ORGANISATION,
        help_text=_("An office or work role, the organisation or unit, or a personal profile."),
    )
    why_not_existing = MultiLineFormField(
        label=_("Why do the existing shared profiles not serve this need?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The rest follow in declaration order: the plan, then the maintainers and the reason.
    field_order = ("unit", "platform", "target_groups", "name", "handle", "kind")

    def __init__(self, *args: Any, units: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["maintainers"].queryset = people  # type: ignore[attr-defined]
        self.fields["goals"].required = True
        self.fields["target_groups"].required = True
        self.fields["languages"].required = True
        self.fields["hours_per_week"].required = True


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices)
    role = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = MultiLineFormField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you reject; the requester sees it."),
    )


class MaintainerForm(forms.Form):
    user = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    acting_role = forms.ChoiceField(label=_("Acts as"), choices=MaintainerRole.choices)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]


class AbsenceForm(forms.Form):
    user = PersonChoiceField(label=_("Who is away"), queryset=User.objects.none())
    starts_on = BoundedDateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = BoundedDateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    cover = PersonChoiceField(
        label=_("Covered by"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    note = OneLineFormField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, people: Any, covers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]
        self.fields["cover"].queryset = covers  # type: ignore[attr-defined]


class CampaignForm(forms.Form):
    channel = IdChoiceField(label=_("Channel"), queryset=Channel.objects.none())
    purpose = OneLineFormField(label=_("Purpose"), max_length=500)
    target_group = OneLineFormField(label=_("Target group"), max_length=500)
    budget_eur = forms.DecimalField(
        label=_("Budget (€)"), min_value=0.01, max_value=10_000_000, decimal_places=2
    )
    starts_on = BoundedDateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = BoundedDateField(label=_("Ends"), widget=forms.DateInput(attrs={"type": "date"}))
    decided_by_name = OneLineFormField(
        label=_("Decided by (unit director)"),
        max_length=200,
        help_text=_("Paid marketing is decided by the unit's director (§14.4)."),
    )
    decided_at = BoundedDateTimeField(
        label=_("Decision time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    decision_reference = OneLineFormField(
        label=_("Decision reference"), max_length=100, required=False
    )

    def __init__(self, *args: Any, channels: Any, editing: bool = False, **kwargs: Any) -> None:
        """`editing`: the form changes a registered campaign, so it carries the campaign's
        version (core.conflicts): a save over someone else's change is refused."""
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels  # type: ignore[attr-defined]
        if editing:
            self.fields["version"] = version_field()

    def draft_data(self) -> dict[str, Any]:
        """The cleaned fields of the campaign itself (without the version)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def campaign_initial(campaign: Any) -> dict[str, Any]:
    """A registered campaign as the form's starting values."""
    names = ("channel", "purpose", "target_group", "budget_eur", "starts_on", "ends_on", "version")
    initial = {name: getattr(campaign, name) for name in names}
    initial.update(
        decided_by_name=campaign.decided_by_name,
        decided_at=timezone.localtime(campaign.decided_at),
        decision_reference=campaign.decision_reference,
    )
    return initial


class CampaignCancelForm(forms.Form):
    reason = OneLineFormField(label=_("Why is it cancelled?"), max_length=500)


class RegisterChannelForm(PlanForm):
    """An account that already exists, added to the register by the mavi team."""

    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    name = OneLineFormField(label=_("Name"), max_length=200)
    handle = OneLineFormField(label=_("Handle"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), max_length=200, required=False, assume_scheme="https")
    unit = IdChoiceField(label=_("Owning unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ChannelKind.choices)
    FIRST = ("platform", "name", "handle", "url", "unit", "kind")

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.order_fields(self.FIRST)


class CampaignFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    unit = IdChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args: Any, years: list[int], units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *[(str(y), str(y)) for y in years],
        ]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
