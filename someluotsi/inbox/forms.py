from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.models import Channel
from someluotsi.core.blank import TextAreaFormField
from someluotsi.core.choices import IdChoiceField
from someluotsi.core.conflicts import version_field
from someluotsi.core.oneline import MultiLineFormField, OneLineFormField
from someluotsi.inbox.enums import MessageStatus, ReplyLanguage, Resolution, TriageCategory
from someluotsi.inbox.services import MAX_REPLY_CHARS, reply_placeholder_problem

# Every order the queue offers (inbox.selectors.QUEUE_SORTS, both directions); the column
# headers link to the same values.
QUEUE_SORT_CHOICES = [
    ("", _("Most urgent first")),
    ("priority", _("Priority, highest first")),
    ("-priority", _("Priority, lowest first")),
    ("due", _("Due time, soonest first")),
    ("-due", _("Due time, latest first")),
    ("-received", _("Received, newest first")),
    ("received", _("Received, oldest first")),
    ("category", _("Category, most serious first")),
    ("-category", _("Category, least serious first")),
    ("status", _("Status, new first")),
    ("-status", _("Status, closed first")),
    ("channel", _("Channel, A to Z")),
    ("-channel", _("Channel, Z to A")),
    ("assignee", _("Assignee, A to Z")),
    ("-assignee", _("Assignee, Z to A")),
]


class QueueFilterForm(forms.Form):
    channel = IdChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False, empty_label=_("All")
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All")), *TriageCategory.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("Open (new or assigned)")),
            ("waiting", _("Needs attention (open or escalated)")),
            ("", _("All")),
            *MessageStatus.choices,
        ],
    )
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=QUEUE_SORT_CHOICES)

    def __init__(self, *args: Any, channels: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody")),
            *[(str(p.pk), p.get_full_name() or p.get_username()) for p in people],
        ]


class AnswerForm(forms.Form):
    reply = TextAreaFormField(
        label=_("Reply"),
        max_length=MAX_REPLY_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Edit the suggested reply, post it on the platform, then record it here. "
            "Do not ask for personal data in public (§8.5)."
        ),
    )

    def clean_reply(self) -> str:
        reply = str(self.cleaned_data["reply"])
        if (problem := reply_placeholder_problem(reply)) is not None:
            raise forms.ValidationError(problem, code="bad_placeholder")
        return reply


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Assign to"))

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), p.get_full_name() or p.get_username()) for p in people
        ]


class CloseForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("How was it handled?"),
        choices=[
            (Resolution.NO_ACTION, Resolution.NO_ACTION.label),
            (Resolution.IGNORED, Resolution.IGNORED.label),
            (Resolution.ANSWERED, Resolution.ANSWERED.label),
        ],
    )


class EscalateForm(forms.Form):
    note = MultiLineFormField(
        label=_("Note for the supervisor"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    outcome = TextAreaFormField(
        label=_("Outcome"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: reported to the police, case number; or: no further action."),
    )


class ReplyTemplateForm(forms.Form):
    text = TextAreaFormField(
        label=_("Reply"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The wording's version the page showed (0: none saved yet); a teammate's save in between
    # is refused instead of overwritten (inbox.services.reply_template_save).
    version = version_field()


class SavedReplyForm(forms.Form):
    """One of a person's own saved replies (inbox.services.saved_reply_save)."""

    title = OneLineFormField(label=_("Title"), max_length=100)
    language = forms.ChoiceField(label=_("Language"), choices=ReplyLanguage.choices)
    text = TextAreaFormField(
        label=_("Text"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
