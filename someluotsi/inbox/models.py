"""Messages from the platforms, with their triage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.enums import Platform
from someluotsi.inbox.enums import MessageKind, MessageStatus


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
    category = models.CharField(_("category"), max_length=20, db_index=True)
    priority = models.CharField(_("priority"), max_length=10)
    actions = models.JSONField(_("actions"), default=list)
    rule_ids = models.JSONField(_("rules"), default=list)
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
    ingested_at = models.DateTimeField(_("ingested"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ("-received_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("platform", "external_id"), name="unique_message_per_platform"
            )
        ]
        indexes = [models.Index(fields=("channel", "status", "received_at"))]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id}"
