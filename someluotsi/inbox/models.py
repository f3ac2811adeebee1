"""Messages from the platforms with their triage, reply templates and escalations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.enums import Platform
from someluotsi.inbox.enums import (
    EscalationStatus,
    MessageKind,
    MessageStatus,
    MessageTone,
    Moderation,
    Priority,
    RecipientRole,
    ReplyLanguage,
    Resolution,
    TriageCategory,
)
from someluotsi.inbox.permalinks import safe_permalink


class Message(models.Model):
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    external_id = models.CharField(_("platform id"), max_length=200)
    channel = models.ForeignKey(
        "channels.Channel",
        verbose_name=_("channel"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices)
    parent_external_id = models.CharField(_("thread"), max_length=200, blank=True)
    author_handle = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    received_at = models.DateTimeField(_("received"), db_index=True)
    permalink = models.URLField(_("link"), max_length=1000, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=TriageCategory.choices, db_index=True
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    tone = models.CharField(
        _("tone"), max_length=10, choices=MessageTone.choices, blank=True, default=""
    )
    actions = models.JSONField(_("actions"), default=list)
    rule_ids = models.JSONField(_("rules"), default=list)
    reasons = models.JSONField(_("triage reasons"), default=list, blank=True)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    suggested_reply = models.TextField(_("suggested reply"), blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MessageStatus.choices,
        default=MessageStatus.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_messages",
    )
    moderation = models.CharField(
        _("on the platform"), max_length=10, choices=Moderation.choices, blank=True, default=""
    )
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=Resolution.choices, blank=True, default=""
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    reply_text = models.TextField(_("reply sent"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    body_purged_at = models.DateTimeField(_("text removed"), null=True, blank=True)
    ingested_at = models.DateTimeField(_("ingested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ("-received_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("platform", "external_id"), name="unique_message_per_platform"
            )
        ]
        indexes = [
            models.Index(fields=("channel", "status", "received_at")),
            models.Index(fields=("status", "due_at")),
            # An author's recent messages on a channel: the duplicate check at every
            # ingestion (services.duplicate_original) reads them by these three.
            models.Index(fields=("channel", "author_handle", "received_at")),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id}"

    @property
    def platform_link(self) -> str:
        """The permalink when it is an https address on the message's platform, else "": the
        inbox never links out to another site, whatever was stored before the check."""
        return safe_permalink(self.permalink, self.platform)


class SavedReply(models.Model):
    """A reply an updater keeps for themself, beside the city's templates (ReplyTemplate)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_replies",
    )
    title = models.CharField(_("title"), max_length=100)
    language = models.CharField(_("language"), max_length=2, choices=ReplyLanguage.choices)
    text = models.TextField(_("text"), max_length=2000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        ordering = ("title", "id")
        constraints = [
            models.UniqueConstraint(fields=("owner", "title"), name="unique_saved_reply_title")
        ]

    def __str__(self) -> str:
        return self.title


class ReplyTemplate(models.Model):
    """The mavi team's wording of a suggested reply; overrides the engine's default."""

    category = models.CharField(_("category"), max_length=20, choices=TriageCategory.choices)
    language = models.CharField(_("language"), max_length=2, choices=ReplyLanguage.choices)
    text = models.TextField(_("text"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic concurrency of the page's forms (core.conflicts): a save names the version the
    # form showed (0: no wording saved yet); services.reply_template_save refuses a stale one.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ("category", "language")
        constraints = [
            models.UniqueConstraint(fields=("category", "language"), name="unique_reply_template")
        ]

    def __str__(self) -> str:
        return f"{self.category}/{self.language}"


class Escalation(models.Model):
    """A threatening message taken to named people (§10.6), with evidence kept apart from the
    message so that it survives the original disappearing from the platform."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.PROTECT, related_name="escalations"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True, max_length=4000)
    police_recommended = models.BooleanField(_("police report recommended"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EscalationStatus.choices,
        default=EscalationStatus.OPEN,
        db_index=True,
    )
    evidence = models.JSONField(_("evidence package"), default=dict)
    evidence_sha256 = models.CharField(_("SHA-256 of the evidence"), max_length=64)
    evidence_purged_at = models.DateTimeField(_("evidence removed"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, max_length=4000)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"#{self.pk} {self.message}"


class EscalationRecipient(models.Model):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="escalations_received",
    )
    role = models.CharField(_("as"), max_length=20, choices=RecipientRole.choices)
    notified_at = models.DateTimeField(_("notified"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [
            models.UniqueConstraint(
                fields=("escalation", "user"), name="unique_escalation_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"
