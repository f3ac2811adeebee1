"""Abstract base models shared by the domain apps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class EditVersionedModel(TimeStampedModel):
    """A record several people edit through one form, with optimistic concurrency
    (core.conflicts): a save names the `version` its form started from and the service
    (`claim_version`) refuses it when the row moved on; `last_edited_by` and `updated_at` name
    the other editor and the time in the refusal. The version starts at 1 and each save adds
    one; the editor is kept (NULL) when that user is removed."""

    version = models.PositiveIntegerField(_("version"), default=1)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
