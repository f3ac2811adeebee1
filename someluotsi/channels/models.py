from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.enums import ChannelKind, ChannelStatus, MaintainerRole, Platform
from someluotsi.core.models import TimeStampedModel

if TYPE_CHECKING:
    from someluotsi.accounts.models import User


def default_answer_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


class Channel(TimeStampedModel):
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("name"), max_length=200)
    handle = models.CharField(_("handle"), max_length=200, blank=True)
    url = models.URLField(_("address"), blank=True)
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="channels",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ChannelStatus.choices, default=ChannelStatus.ACTIVE
    )
    guideline_ref = models.CharField(_("guideline reference"), max_length=20, blank=True)
    maintainers: models.ManyToManyField[User, ChannelMaintainer] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ChannelMaintainer",
        related_name="maintained_channels",
        verbose_name=_("maintainers"),
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ("platform", "name")
        constraints = [
            models.UniqueConstraint(fields=("platform", "name"), name="unique_channel_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.name}"


class ChannelMaintainer(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="maintainerships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maintainerships"
    )
    acting_role = models.CharField(
        _("acts as"),
        max_length=20,
        choices=MaintainerRole.choices,
        default=MaintainerRole.ORGANISATION,
    )
    # The channel's agreement on who answers (§8.4): answerers by weekday, in order.
    answers_messages = models.BooleanField(_("answers messages"), default=True)
    answer_weekdays = models.JSONField(
        _("answers on weekdays"),
        default=default_answer_weekdays,
        blank=True,
        help_text=_("Weekdays as numbers, Monday 0 … Sunday 6."),
    )
    answer_order = models.PositiveSmallIntegerField(
        _("answering order"), default=1, help_text=_("1 answers first; 2 is the backup, and so on.")
    )

    class Meta:
        verbose_name = _("maintainer")
        verbose_name_plural = _("maintainers")
        constraints = [
            models.UniqueConstraint(
                fields=("channel", "user"), name="unique_maintainer_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.channel}"
