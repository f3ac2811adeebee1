"""Forms of the publishing pages. They parse and bound the input; the rules live in services."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.models import Channel
from someluotsi.core.blank import TextAreaFormField, VisibleTextFormField
from someluotsi.core.choices import IdChoiceField, IdMultipleChoiceField
from someluotsi.core.conflicts import version_field as core_version_field
from someluotsi.core.dates import BoundedDateField, BoundedDateTimeField
from someluotsi.core.idempotency import FormKeyField
from someluotsi.core.oneline import MultiLineFormField, OneLineFormField
from someluotsi.publishing.composing import asset_picker_notes
from someluotsi.publishing.enums import ApprovalPolicy, Consent, Licence, PostStatus
from someluotsi.publishing.models import MAX_COMMENT, MAX_TEXT, Asset, Campaign, Post
from someluotsi.publishing.services import PostInput, Variant

# The hidden version number lets a save notice another person's save in between; a broken one
# (a page altered in the browser, a truncated form) is named instead of being lost silently.
VERSION_ERROR = _(
    "The form's version information is damaged. Reload the post and make your changes again "
    "(copy your text first)."
)


def version_field() -> forms.Field:
    """The hidden version number of a post's edit form (core.conflicts.version_field; empty on
    a new post); a broken value gets VERSION_ERROR."""
    return core_version_field(required=False, message=VERSION_ERROR)


DATETIME_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def local_datetime_field(label: Any, required: bool = False) -> forms.DateTimeField:
    return BoundedDateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_INPUT,
        widget=LocalDateTimeInput(),
        help_text=_("Local time (Finland)."),
    )


class ChannelChoice(IdMultipleChoiceField[Channel]):
    def label_from_instance(self, obj: Channel) -> str:
        return f"{obj.get_platform_display()}: {obj.name}"


class AssetChoice(IdMultipleChoiceField[Asset]):
    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid_choice": _(
            "One of the chosen images or videos is no longer in the library (it may have "
            "been removed while you were writing). Check the selection and save again."
        ),
    }

    def label_from_instance(self, obj: Asset) -> str:
        return f"{obj.title} ({obj.get_kind_display()})"


class ComposerForm(forms.Form):
    """The composer: one post, its channels and their variants, media, time and sharing."""

    version = version_field()
    form_key = FormKeyField()  # a new post's one-time key (core.idempotency)
    title = OneLineFormField(label=_("Working title"), max_length=200)
    channels = ChannelChoice(
        label=_("Channels"), queryset=Channel.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    text = TextAreaFormField(
        # Named by its language like the Swedish version beside it: in a Swedish or English
        # page a bare "Text" did not say which version it is.
        label=_("Text (Finnish version)"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "fi", "class": "compose-text"}),
    )
    text_sv = TextAreaFormField(
        label=_("Swedish version"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "sv", "class": "compose-text"}),
    )
    no_swedish_reason = OneLineFormField(
        label=_("Why there is no Swedish version"),
        max_length=500,
        required=False,
        help_text=_("Only when a city-level channel gets no Swedish version."),
    )
    link = OneLineFormField(label=_("Link"), max_length=1000, required=False)
    first_comment = MultiLineFormField(
        label=_("First comment"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    assets = AssetChoice(
        label=_("Images and videos"),
        queryset=Asset.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    campaign = IdChoiceField(label=_("Campaign"), queryset=Campaign.objects.none(), required=False)
    scheduled_at = local_datetime_field(_("Publishing time"))
    shareable = forms.BooleanField(label=_("Share in the ambassador hub"), required=False)
    share_text = MultiLineFormField(
        label=_("Suggested text for sharing"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        channels: QuerySet[Channel],
        assets: QuerySet[Asset],
        campaigns: QuerySet[Campaign],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = channels  # type: ignore[attr-defined]
        self.fields["assets"].queryset = assets  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.channel_list = list(channels)
        for channel in self.channel_list:
            self.fields[f"variant_text_{channel.pk}"] = TextAreaFormField(
                label=_("Text for this channel"),
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"variant_link_{channel.pk}"] = OneLineFormField(
                label=_("Link for this channel"), max_length=1000, required=False
            )
            self.fields[f"variant_comment_{channel.pk}"] = MultiLineFormField(
                label=_("First comment for this channel"),
                max_length=MAX_COMMENT,
                required=False,
            )

    def typed_text_problems(self) -> list[str]:
        """What saving would refuse in the texts as typed, valid or not otherwise: a NUL or
        another refused character, a text over its limit, a line break in a one-line field.
        Each as "label: message", the field's own words (the error summary's), so that the
        as-you-type check says what a save would; a missing text is no problem while typing."""
        problems: list[str] = []
        for name, field in self.fields.items():
            if not isinstance(field, VisibleTextFormField):
                continue
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            try:
                field.clean(value)
            except ValidationError as exc:
                messages = [m for e in exc.error_list if e.code != "required" for m in e.messages]
                problems.extend(f"{field.label}: {message}" for message in messages)
        return problems

    def asset_rows(self) -> list[dict[str, Any]]:
        """The asset picker's choices, each with what stands in the way of publishing it
        (ended rights, missing consent) in words, not by colour alone."""
        today = timezone.localdate()
        return [
            {"choice": choice, "notes": asset_picker_notes(choice.data["value"].instance, today)}
            for choice in self["assets"]
        ]

    def variant_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "channel": channel,
                "text": self[f"variant_text_{channel.pk}"],
                "link": self[f"variant_link_{channel.pk}"],
                "comment": self[f"variant_comment_{channel.pk}"],
            }
            for channel in self.channel_list
        ]

    def to_input(self) -> PostInput:
        data = self.cleaned_data
        variants = {}
        for channel in self.channel_list:
            variant = Variant(
                text=data.get(f"variant_text_{channel.pk}") or "",
                link=data.get(f"variant_link_{channel.pk}") or "",
                first_comment=data.get(f"variant_comment_{channel.pk}") or "",
            )
            if variant.text or variant.link or variant.first_comment:
                variants[channel.pk] = variant
        scheduled: datetime | None = data.get("scheduled_at")
        return PostInput(
            title=data["title"],
            text=data["text"],
            text_sv=data.get("text_sv") or "",
            no_swedish_reason=data.get("no_swedish_reason") or "",
            link=data.get("link") or "",
            first_comment=data.get("first_comment") or "",
            channels=list(data["channels"]),
            variants=variants,
            assets=list(data.get("assets") or []),
            campaign=data.get("campaign"),
            scheduled_at=scheduled,
            shareable=bool(data.get("shareable")),
            share_text=data.get("share_text") or "",
        )


def composer_initial(post: Post) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "version": post.version,
        "title": post.title,
        "channels": [t.channel_id for t in post.targets.all()],
        "text": post.text,
        "text_sv": post.text_sv,
        "no_swedish_reason": post.no_swedish_reason,
        "link": post.link,
        "first_comment": post.first_comment,
        "assets": [a.pk for a in post.assets.all()],
        "campaign": post.campaign_id,
        "scheduled_at": timezone.localtime(post.scheduled_at) if post.scheduled_at else None,
        "shareable": post.shareable,
        "share_text": post.share_text,
    }
    for target in post.targets.all():
        initial[f"variant_text_{target.channel_id}"] = target.text
        initial[f"variant_link_{target.channel_id}"] = target.link
        initial[f"variant_comment_{target.channel_id}"] = target.first_comment
    return initial


class ScheduleForm(forms.Form):
    scheduled_at = local_datetime_field(_("New time"), required=True)
    version = version_field()


class ReasonForm(forms.Form):
    reason = MultiLineFormField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(forms.Form):
    comment = MultiLineFormField(
        label=_("Comment"), max_length=MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(forms.Form):
    override_reason = MultiLineFormField(
        label=_("Reason for approving despite the findings"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectionForm(forms.Form):
    corrected_text = TextAreaFormField(
        label=_("Corrected text"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    note = OneLineFormField(
        label=_("Correction note shown to readers"),
        max_length=500,
        help_text=_("For example: the opening hours were wrong in the first version."),
    )


class ByHandForm(forms.Form):
    permalink = OneLineFormField(label=_("Address of the published post"), max_length=1000)
    published_at = local_datetime_field(_("Published at"))


class CalendarFilterForm(forms.Form):
    channel = IdChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False, empty_label=_("All")
    )
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    campaign = IdChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *list(PostStatus.choices)],
    )


class AssetForm(forms.Form):
    """The library's details of an asset (and the file, when adding one)."""

    file = forms.FileField(label=_("File"), required=False)
    title = OneLineFormField(label=_("Title"), max_length=200)
    alt_text = MultiLineFormField(
        label=_("Alt text in Finnish"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fi"}),
        help_text=_("What the image shows, for people who cannot see it (§1.1)."),
    )
    alt_text_sv = MultiLineFormField(
        label=_("Alt text in Swedish"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "sv"}),
    )
    caption = OneLineFormField(label=_("Caption"), max_length=1000, required=False)
    has_captions = forms.BooleanField(label=_("The video has captions"), required=False)
    photographer = OneLineFormField(label=_("Photographer or maker"), max_length=200)
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    rights_holder = OneLineFormField(label=_("Rights holder"), max_length=200, required=False)
    rights_expire_on = BoundedDateField(
        label=_("Rights expire"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consent = forms.ChoiceField(
        label=_("Recognisable people (§2.5)"), choices=Consent.choices, initial=Consent.MISSING
    )
    consent_note = OneLineFormField(
        label=_("Where the consents are kept"), max_length=500, required=False
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        """`editing`: the form changes a saved asset's details, so it carries the asset's
        version (core.conflicts): a save over someone else's change is refused."""
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["version"] = core_version_field()


class PolicyForm(forms.Form):
    approval = forms.ChoiceField(label=_("Posts are approved by"), choices=ApprovalPolicy.choices)
    bilingual = forms.BooleanField(label=_("Posts need a Swedish version"), required=False)


class CampaignForm(forms.Form):
    name = OneLineFormField(label=_("Name"), max_length=200)
    hashtags = OneLineFormField(
        label=_("Hashtags"), max_length=300, required=False, help_text=_("Separated by spaces.")
    )
    starts_on = BoundedDateField(
        label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = BoundedDateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ShareForm(forms.Form):
    text = MultiLineFormField(
        label=_("Your text"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ClearanceForm(forms.Form):
    preparer_email = forms.EmailField(
        label=_("The preparing official's work e-mail"), max_length=254
    )
    matter = OneLineFormField(label=_("Matter"), max_length=300)
    document = OneLineFormField(label=_("Document"), max_length=300)
    draft_text = TextAreaFormField(
        label=_("Your draft"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )


class ClearanceAnswerForm(forms.Form):
    answer = MultiLineFormField(
        label=_("Answer"), max_length=MAX_COMMENT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
