from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckRun(models.Model):
    """One draft checked. The text is kept only when its author asked for it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="check_runs",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    role = models.CharField(_("author role"), max_length=20)
    channel = models.ForeignKey(
        "channels.Channel",
        verbose_name=_("channel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="check_runs",
    )
    verdict = models.CharField(_("verdict"), max_length=10, db_index=True)
    rule_ids = models.JSONField(_("rules"), default=list)
    categories = models.JSONField(_("categories"), default=list)
    guideline_version = models.CharField(_("rulebook version"), max_length=100)
    language = models.CharField(_("language"), max_length=2)
    text_length = models.PositiveIntegerField(_("length"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verdict}"
