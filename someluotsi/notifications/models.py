from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    """The e-mail copy of a notification: waiting (first try or a retry), sent, given up on,
    or none (the recipient has no address)."""

    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")
    NONE = "none", _("no e-mail address")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # Durable e-mail delivery (notifications/delivery.py): stored with the notification, sent
    # after commit, retried with exponential back-off until sent or marked failed.
    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING,
        db_index=True,
    )  # fmt: skip
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_next_at = models.DateTimeField(
        _("next e-mail attempt"), null=True, blank=True, default=timezone.now, db_index=True
    )
    email_error = models.CharField(_("last e-mail error"), max_length=200, blank=True)
    email_failed_at = models.DateTimeField(_("e-mail given up"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("recipient", "read_at"))]

    def __str__(self) -> str:
        return self.subject
