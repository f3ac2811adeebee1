"""Posts and their channels, reviewers' comments, history and corrections; the asset library;
shares from the ambassador hub; clearance requests of elected officials; calendar feed tokens.

Every state change goes through `services` (posts), `delivery` (the platforms), `assets`,
`hub` and `clearances`; views never save these models themselves.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.core.models import EditVersionedModel, TimeStampedModel
from someluotsi.publishing.enums import (
    ApprovalPolicy,
    AssetKind,
    ClearanceStatus,
    Consent,
    Delivery,
    Licence,
    PostStatus,
    SharePlatform,
)

# A post's own text; platforms allow less (limits.py), the engine up to 100,000 characters.
MAX_TEXT = 10_000
MAX_COMMENT = 2_000


def asset_upload_to(instance: Asset, filename: str) -> str:
    """A random name: the uploader's file name is never used as a path (it is kept as data)."""
    return f"assets/{uuid.uuid4().hex}"


def thumbnail_upload_to(instance: Asset, filename: str) -> str:
    return f"assets/thumbs/{uuid.uuid4().hex}.jpg"


class Campaign(TimeStampedModel):
    """A content campaign or theme that posts belong to (filters the calendar); its hashtags are
    suggested in the composer."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    hashtags = models.CharField(
        _("hashtags"), max_length=300, blank=True, help_text=_("Separated by spaces.")
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def hashtag_list(self) -> list[str]:
        return [tag for tag in self.hashtags.split() if tag.startswith("#") and len(tag) > 1]


class ChannelPolicy(models.Model):
    """How a channel publishes: who approves its posts and whether they need a Swedish version.
    Without a row, `policies.channel_policy` gives the defaults (city-level: the mavi team and
    bilingual; other channels: no approval, one language)."""

    channel = models.OneToOneField(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.CASCADE,
        related_name="publishing_policy",
    )  # fmt: skip
    approval = models.CharField(_("approved by"), max_length=20, choices=ApprovalPolicy.choices)
    bilingual = models.BooleanField(
        _("posts need a Swedish version"),
        default=False,
        help_text=_("Or a reason why not, before approval."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("publishing policy")
        verbose_name_plural = _("publishing policies")

    def __str__(self) -> str:
        return f"{self.channel_id}: {self.approval}"


class Asset(EditVersionedModel):
    """An image or a video in the library, with what publishing it requires: alt text, credit,
    rights and the consent of recognisable people (§1.1, §2.5). The file is checked by its
    content (assets.py) and kept through Django's storage API; its details form is versioned
    (assets.asset_update, core.conflicts)."""

    # Not stored: set by assets.asset_create when it removed the upload's personal metadata.
    metadata_removed: bool = False

    kind = models.CharField(_("kind"), max_length=10, choices=AssetKind.choices)
    file = models.FileField(_("file"), upload_to=asset_upload_to, max_length=200)
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=thumbnail_upload_to, max_length=200, blank=True
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(_("alt text"), max_length=1000)
    alt_text_sv = models.CharField(_("alt text in Swedish"), max_length=1000, blank=True)
    caption = models.CharField(_("caption"), max_length=1000, blank=True)
    has_captions = models.BooleanField(_("the video has captions"), default=False)
    photographer = models.CharField(_("photographer or maker"), max_length=200)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    rights_holder = models.CharField(_("rights holder"), max_length=200, blank=True)
    rights_expire_on = models.DateField(_("rights expire"), null=True, blank=True)
    consent = models.CharField(
        _("recognisable people"), max_length=20, choices=Consent.choices, default=Consent.MISSING
    )
    consent_note = models.CharField(
        _("where the consent is kept"), max_length=500, blank=True,
        help_text=_("A reference to the signed consent, not the consent itself."),
    )  # fmt: skip
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.title

    def alt_for(self, language: str | None) -> tuple[str, str]:
        """The alt text a reader of `language` gets, with the language it is written in: the
        Swedish one for Swedish when there is one, else the Finnish one (the one required;
        there is no English alt text)."""
        if (language or "")[:2] == "sv" and self.alt_text_sv.strip():
            return self.alt_text_sv, "sv"
        return self.alt_text, "fi"


class Post(TimeStampedModel):
    """One post for one or more channels (PostTarget), moved through one state machine."""

    title = models.CharField(
        _("working title"), max_length=200, help_text=_("Shown in the calendar; not published.")
    )
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    text_sv = models.TextField(_("Swedish version"), max_length=MAX_TEXT, blank=True)
    no_swedish_reason = models.CharField(
        _("why there is no Swedish version"), max_length=500, blank=True
    )
    link = models.URLField(_("link"), max_length=1000, blank=True)
    first_comment = models.TextField(_("first comment"), max_length=MAX_COMMENT, blank=True)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="posts",
    )  # fmt: skip
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
        related_name="posts",
    )  # fmt: skip
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last edited by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.DRAFT,
        db_index=True,
    )  # fmt: skip
    # Optimistic concurrency: a save names the version it started from (services.post_update).
    version = models.PositiveIntegerField(_("version"), default=1)
    scheduled_at = models.DateTimeField(_("publishing time"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    assets: models.ManyToManyField[Asset, models.Model] = models.ManyToManyField(
        Asset, verbose_name=_("images and videos"), blank=True, related_name="posts"
    )
    # The ambassador hub (§2.3–2.4, §3, §5).
    shareable = models.BooleanField(_("share in the ambassador hub"), default=False)
    share_text = models.TextField(
        _("suggested text for sharing"), max_length=MAX_COMMENT, blank=True
    )
    # The latest guideline check of the saved text (both languages).
    check_verdict = models.CharField(_("check verdict"), max_length=10, blank=True)
    check_rules = models.JSONField(_("rules found"), default=list, blank=True)
    blocking_rules = models.JSONField(_("rules that must be fixed"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    override_reason = models.TextField(_("reason for approving despite findings"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("overridden by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    override_at = models.DateTimeField(_("overridden"), null=True, blank=True)
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The composer's one-time key (core.idempotency): a second submit of the same form finds
    # this post instead of creating another. "" for posts made without one.
    creation_key = models.CharField(_("creation key"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ("-scheduled_at", "-id")
        indexes = [models.Index(fields=("status", "scheduled_at"))]
        constraints = [
            models.UniqueConstraint(
                fields=("author", "creation_key"),
                condition=~models.Q(creation_key=""),
                name="publishing_post_one_per_creation_key",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PostTarget(models.Model):
    """One channel's copy of a post: its variant, its approval and its delivery."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="targets")
    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.PROTECT,
        related_name="post_targets",
    )  # fmt: skip
    # The variant: blank means the post's own text, link or first comment.
    text = models.TextField(_("text for this channel"), max_length=MAX_TEXT, blank=True)
    link = models.URLField(_("link for this channel"), max_length=1000, blank=True)
    first_comment = models.TextField(
        _("first comment for this channel"), max_length=MAX_COMMENT, blank=True
    )
    approval = models.CharField(
        _("approved by"), max_length=20, choices=ApprovalPolicy.choices,
        default=ApprovalPolicy.NONE,
    )  # fmt: skip
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    delivery = models.CharField(
        _("on the platform"), max_length=20, choices=Delivery.choices, default=Delivery.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    last_error_code = models.CharField(_("error code"), max_length=50, blank=True)
    last_error = models.CharField(_("error"), max_length=500, blank=True)
    platform_post_id = models.CharField(_("platform id"), max_length=200, blank=True)
    permalink = models.URLField(_("permalink"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by_hand = models.BooleanField(_("published by hand"), default=False)

    class Meta:
        verbose_name = _("post channel")
        verbose_name_plural = _("post channels")
        ordering = ("post", "channel__platform", "channel__name")
        constraints = [
            models.UniqueConstraint(fields=("post", "channel"), name="one_target_per_channel")
        ]
        indexes = [models.Index(fields=("delivery", "next_attempt_at"))]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.channel_id}"


class PostComment(models.Model):
    """A reviewer's (or the author's) comment on a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    text = models.TextField(_("comment"), max_length=MAX_COMMENT)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.post_id} {self.created_at:%Y-%m-%d %H:%M}"


class PostEvent(models.Model):
    """The post's visible history: each transition, approval and delivery (the audit trail
    keeps the same with the actor's address; this is what the post page shows)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    action = models.CharField(_("event"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, choices=PostStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PostStatus.choices, blank=True)
    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("post event")
        verbose_name_plural = _("post events")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.post_id} {self.action}"


class PostCorrection(models.Model):
    """A correction of a published post (§9.3): the original is kept, the corrected text
    carries a visible correction note."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="corrections")
    original_text = models.TextField(_("original text"))
    corrected_text = models.TextField(_("corrected text"), max_length=MAX_TEXT)
    note = models.CharField(_("correction note"), max_length=500)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("corrected by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.post_id} {self.created_at:%Y-%m-%d %H:%M}"


class ShareRecord(models.Model):
    """One click on a share link in the ambassador hub (counted per post for the mavi team)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(_("platform"), max_length=20, choices=SharePlatform.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        indexes = [models.Index(fields=("post", "platform"))]

    def __str__(self) -> str:
        return f"{self.post_id} {self.platform}"


class ClearanceRequest(TimeStampedModel):
    """An elected official asks the preparing official whether a document of an unfinished
    matter may be shared (§6.4); the answer is recorded beside the draft."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT,
        related_name="clearance_requests",
    )  # fmt: skip
    preparer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("preparing official"),
        on_delete=models.PROTECT, related_name="clearances_to_answer",
    )  # fmt: skip
    matter = models.CharField(_("matter"), max_length=300)
    document = models.CharField(_("document"), max_length=300)
    draft_text = models.TextField(_("draft"), max_length=MAX_TEXT)
    status = models.CharField(
        _("status"), max_length=20, choices=ClearanceStatus.choices,
        default=ClearanceStatus.PENDING,
    )  # fmt: skip
    answer = models.TextField(_("answer"), max_length=MAX_COMMENT, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("clearance request")
        verbose_name_plural = _("clearance requests")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.matter


class CalendarFeedToken(models.Model):
    """The secret in a person's iCalendar feed address; only its SHA-256 is stored, and a
    revoked token opens nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
