from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.models import Channel
from someluotsi.core.choices import IdChoiceField
from someluotsi.incidents.enums import SensitivityLevel


class SensitivityForm(forms.Form):
    channel: IdChoiceField[Channel] = IdChoiceField(
        label=_("Channel"),
        queryset=Channel.objects.none(),
        required=False,
        empty_label=_("All channels"),
    )
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity"), choices=SensitivityLevel.choices, initial=SensitivityLevel.DEFAULT
    )
