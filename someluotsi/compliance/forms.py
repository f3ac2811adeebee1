from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.models import Channel
from someluotsi.core.blank import TextAreaFormField
from someluotsi.core.choices import IdChoiceField
from someluotsi.core.oneline import OneLineFormField
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.guideline.model import AuthorRole

ROLE_LABELS = {
    AuthorRole.EMPLOYEE: _("Employee (own profile)"),
    AuthorRole.ELECTED: _("Elected official"),
    AuthorRole.ORGANIZATION: _("City or unit account"),
    AuthorRole.EXPERT: _("Expert profile"),
}


class CheckForm(forms.Form):
    text = TextAreaFormField(
        label=_("Draft"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        max_length=MAX_CHARS,
        strip=False,
        error_messages={"required": _("Write or paste the draft first.")},
    )
    role = forms.ChoiceField(
        label=_("You write as"),
        choices=[(role.value, label) for role, label in ROLE_LABELS.items()],
    )
    channel = IdChoiceField(
        label=_("Channel"),
        queryset=Channel.objects.none(),
        required=False,
        empty_label=_("My own profile"),
    )
    image = forms.BooleanField(label=_("The post has an image"), required=False)
    image_alt = OneLineFormField(
        label=_("Alt text of the image"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(),
    )
    video = forms.BooleanField(label=_("The post has a video"), required=False)
    video_captions = forms.BooleanField(label=_("The video has captions"), required=False)
    save_text = forms.BooleanField(
        label=_("Save the text with the check record"),
        required=False,
        help_text=_("By default only the result is recorded, not the text."),
    )

    def __init__(self, *args: Any, channels: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if channels is not None:
            self.fields["channel"].queryset = channels  # type: ignore[attr-defined]
