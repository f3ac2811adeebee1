from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.channels.enums import (
    BrandConformity,
    ChannelKind,
    ChannelStatus,
    ContentLanguage,
    DecisionOutcome,
    DecisionRole,
    MaintainerRole,
    Platform,
    RequestStatus,
    TargetGroup,
    Translations,
    choice_labels,
)
from someluotsi.core.models import EditVersionedModel, TimeStampedModel

if TYPE_CHECKING:
    from someluotsi.accounts.models import User


def default_answer_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


class ChannelPlan(models.Model):
    """What a channel is for and what running it takes (§12.1, §13): shared by the register
    and by the requests for new accounts, so that approval copies the plan as decided."""

    goals = models.TextField(_("goals"), max_length=2000, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    target_notes = models.CharField(_("target groups in more detail"), max_length=500, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    hours_per_week = models.DecimalField(
        _("hours a week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    images_per_month = models.PositiveSmallIntegerField(_("images a month"), null=True, blank=True)
    videos_per_month = models.PositiveSmallIntegerField(_("videos a month"), null=True, blank=True)
    translations = models.CharField(
        _("translations"), max_length=20, choices=Translations.choices, default=Translations.NONE
    )
    resource_notes = models.CharField(_("other resources"), max_length=1000, blank=True)

    class Meta:
        abstract = True

    def target_group_labels(self) -> str:
        return choice_labels(self.target_groups, TargetGroup)

    def language_labels(self) -> str:
        return choice_labels(self.languages, ContentLanguage)


PLAN_FIELDS: tuple[str, ...] = (
    "goals",
    "target_groups",
    "target_notes",
    "languages",
    "hours_per_week",
    "images_per_month",
    "videos_per_month",
    "translations",
    "resource_notes",
)


class Channel(EditVersionedModel, ChannelPlan):
    # `version`, `last_edited_by`: the register form's optimistic concurrency
    # (services.channel_update, core.conflicts).
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
    brand_conformity = models.CharField(
        _("brand book"),
        max_length=20,
        choices=BrandConformity.choices,
        default=BrandConformity.NOT_REVIEWED,
    )
    brand_reviewed_on = models.DateField(_("brand book reviewed"), null=True, blank=True)
    # Set by the platform connectors and by hand until they exist; answers come from the inbox.
    last_post_at = models.DateTimeField(_("latest post"), null=True, blank=True)
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

    @property
    def name_with_platform(self) -> str:
        """ "Kokkolan kaupunki (Facebook)": how sentences, charts and reports name a channel
        (the city has accounts of one name on several platforms). A name that already says its
        platform ("Nuokkari Discord") is not repeated: no "Nuokkari Discord (Discord)"."""
        platform = self.get_platform_display()
        if platform.casefold() in self.name.casefold():
            return self.name
        # "X (Twitter)" in brackets would nest them: "Kokkola Karleby (X, Twitter)".
        platform = platform.replace(" (", ", ").replace(")", "")
        return f"{self.name} ({platform})"


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


class MaintainerAbsence(models.Model):
    """A maintainer's holiday or leave and who covers it: "social media does not take
    holidays" (§12.1)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("absent person"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    cover = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("covered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="covers",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ("starts_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on}–{self.ends_on}"


class ChannelRequest(TimeStampedModel, ChannelPlan):
    """A unit's request for a new account; it needs the two decisions of §11.1."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="channel_requests",
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("name"), max_length=200)
    handle = models.CharField(_("handle"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    maintainer_role = models.CharField(
        _("maintainers act as"),
        max_length=20,
        choices=MaintainerRole.choices,
        default=MaintainerRole.ORGANISATION,
    )
    proposed_maintainers: models.ManyToManyField[User, models.Model] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("maintainers"), blank=True
    )
    # The shared profiles shown to the requester (§11.2, §14.1) and why they do not serve.
    existing_shown: models.ManyToManyField[Channel, models.Model] = models.ManyToManyField(
        Channel, related_name="+", verbose_name=_("existing channels considered"), blank=True
    )
    why_not_existing = models.TextField(
        _("why the existing channels do not serve"), max_length=2000, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    channel = models.OneToOneField(
        Channel,
        verbose_name=_("created channel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("channel request")
        verbose_name_plural = _("channel requests")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("status", "unit"))]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.name}"


class ChannelDecision(models.Model):
    """One of the two decisions on a request; each role decides once, by a different person."""

    request = models.ForeignKey(ChannelRequest, on_delete=models.CASCADE, related_name="decisions")
    role = models.CharField(_("decided as"), max_length=20, choices=DecisionRole.choices)
    outcome = models.CharField(_("decision"), max_length=10, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="channel_decisions",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("decided_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("request", "role"), name="one_decision_per_role"),
            models.UniqueConstraint(
                fields=("request", "decided_by"), name="one_decision_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_outcome_display()}"


class PaidCampaign(EditVersionedModel):
    """A paid marketing campaign: decided by the unit's director, reported to the mavi team
    (§14.3, §14.4). Its edit form is versioned (campaigns.campaign_update, core.conflicts)."""

    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="campaigns"
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    target_group = models.CharField(_("target group"), max_length=500)
    budget_eur = models.DecimalField(_("budget (€)"), max_digits=10, decimal_places=2)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    decided_by_name = models.CharField(_("decided by (unit director)"), max_length=200)
    decided_at = models.DateTimeField(_("decision time"))
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mavi_notified_at = models.DateTimeField(_("mavi team notified"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("paid campaign")
        verbose_name_plural = _("paid campaigns")
        ordering = ("-starts_on", "-id")
        indexes = [models.Index(fields=("unit", "starts_on"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after",
            ),
            models.CheckConstraint(condition=models.Q(budget_eur__gte=0), name="budget_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.channel.name}: {self.purpose[:60]}"
