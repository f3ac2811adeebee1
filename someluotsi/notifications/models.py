from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
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
    # `subject` and `body` are worded in the recipient's profile language when the notification
    # is made (its e-mail goes in those words); `wordings` keeps the same notification worded in
    # every interface language, {"fi": [subject, body], "sv": [...], "en": [...]}, so that the
    # list reads in the reader's language of the moment. Rows made before it have {} and show
    # `subject` and `body`.
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    wordings = models.JSONField(_("wordings"), default=dict, blank=True)
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

    def _worded(self) -> tuple[str, str]:
        language = (get_language() or "")[:2]
        wording = self.wordings.get(language) if isinstance(self.wordings, dict) else None
        if isinstance(wording, list) and len(wording) == 2:
            return str(wording[0]), str(wording[1])
        return self.subject, self.body

    @property
    def shown_subject(self) -> str:
        """The subject in the active language (the reader's), else as stored."""
        return self._worded()[0]

    @property
    def shown_body(self) -> str:
        """The message in the active language (the reader's), else as stored."""
        return self._worded()[1]
