from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from someluotsi.accounts.models import Unit, User
from someluotsi.core.choices import IdChoiceField, IdMultipleChoiceField
from someluotsi.core.dates import BoundedDateField
from someluotsi.core.oneline import MultiLineFormField, OneLineFormField
from someluotsi.metrics.enums import WHOLE_GOALS, GoalKind, Metric, whole_number_refusal
from someluotsi.metrics.models import ReportFrequency
from someluotsi.metrics.platform_exports import FRACTIONAL, MAX_BYTES
from someluotsi.metrics.schedules import Outside

PERIODS = (("30", _("30 days")), ("90", _("90 days")), ("365", _("365 days")))


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Period"), choices=PERIODS, coerce=int, initial=30, required=False
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "Meta Business Suite CSV, YouTube Studio CSV or ZIP, LinkedIn XLS or XLSX; "
            "at most 5 MB."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is over 5 MB."))
        return upload


class ValueForm(forms.Form):
    day = BoundedDateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        """A count (followers, likes, views) is a whole number; watch hours may have decimals."""
        data = super().clean() or {}
        value, metric = data.get("value"), data.get("metric")
        if value is not None and metric and metric not in FRACTIONAL:
            refusal = whole_number_refusal(value)
            if refusal:
                self.add_error("value", refusal)
        return data


class GoalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Goal"), choices=GoalKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    target = forms.DecimalField(label=_("Target value"), max_digits=12, decimal_places=2)
    note = OneLineFormField(label=_("Note"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        """A goal for a count (reach, posts) is a whole number; a share or hours may not be."""
        data = super().clean() or {}
        target, kind = data.get("target"), data.get("kind")
        if target is not None and kind in WHOLE_GOALS:
            refusal = whole_number_refusal(target)
            if refusal:
                self.add_error("target", refusal)
        return data


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        choices=[("", _("The whole year"))] + [(str(m), str(m)) for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    unit = IdChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("The city")
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(label=_("Format"), choices=(("pdf", "PDF"), ("csv", "CSV")))

    def __init__(self, *args: Any, units: Any = None, sees_all: bool = True, **kwargs: Any) -> None:
        """`sees_all`: the reader sees every channel of the city; otherwise the city choice says
        that it covers only the channels the reader may see."""
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if not sees_all:
            self.fields["unit"].empty_label = _(  # type: ignore[attr-defined]
                "The city: only the channels you may see"
            )


class ScheduleForm(forms.Form):
    """A scheduled report: what, how often, for whom (people with accounts, and outside
    addresses one per line, each optionally followed by its language: "board@example.fi sv")."""

    name = OneLineFormField(label=_("Name"), max_length=200)
    frequency = forms.ChoiceField(label=_("How often"), choices=ReportFrequency.choices)
    unit = IdChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("The city")
    )
    users = IdMultipleChoiceField(
        label=_("People"),
        queryset=User.objects.filter(is_active=True)
        .exclude(email="")
        .order_by("last_name", "first_name"),
        required=False,
        help_text=_("Each gets the report in their own language."),
    )
    outside = MultiLineFormField(
        label=_("Other addresses"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address a line, then fi, sv or en for its language (fi if none)."),
    )

    def clean_outside(self) -> list[Outside]:
        found = []
        for number, line in enumerate(self.cleaned_data["outside"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            email, language = parts[0], (parts[1].lower() if len(parts) > 1 else "fi")
            try:
                validate_email(email)
            except ValidationError as exc:
                raise ValidationError(
                    _("Line %(line)s is not an e-mail address.") % {"line": number}
                ) from exc
            if language not in {"fi", "sv", "en"} or len(parts) > 2:
                raise ValidationError(
                    _("Line %(line)s: write the address, then fi, sv or en.") % {"line": number}
                )
            found.append(Outside(email=email, language=language))
        return found[:50]
