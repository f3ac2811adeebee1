"""Storm alerts from the detector, incidents with the §17 playbook, and their timelines."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from someluotsi.incidents.enums import (
    AlertSignal,
    AlertStatus,
    EntryKind,
    IncidentStatus,
    OurMistake,
    PlaybookStep,
    SensitivityLevel,
    StepState,
)


class DetectionSetting(models.Model):
    """Storm-detection sensitivity: one row without a channel is the default for all."""

    channel = models.OneToOneField(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="detection_setting",
    )  # fmt: skip
    sensitivity = models.CharField(
        _("sensitivity"), max_length=10, choices=SensitivityLevel.choices,
        default=SensitivityLevel.DEFAULT,
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("detection setting")
        verbose_name_plural = _("detection settings")
        # One row per channel and one default row (no channel). The channel column is unique
        # already (a one-to-one field), but NULLs are distinct in a unique index; this index
        # over COALESCE(channel_id, 0) also allows a single default row (no channel id is 0).
        # An expression index works on SQLite and PostgreSQL alike, where `nulls_distinct` is
        # PostgreSQL's only: SQLite ignored it (the W047 warning), leaving defaults unbounded.
        constraints = [
            models.UniqueConstraint(
                Coalesce("channel", Value(0), output_field=models.BigIntegerField()),
                name="one_detection_setting_per_channel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel_id or '*'}: {self.sensitivity}"


class Incident(models.Model):
    title = models.CharField(_("title"), max_length=200)
    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.PROTECT,
        related_name="incidents",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices,
        default=IncidentStatus.OPEN, db_index=True,
    )  # fmt: skip
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
        related_name="incidents_owned",
    )  # fmt: skip
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    our_mistake = models.CharField(
        _("our mistake?"), max_length=5, choices=OurMistake.choices, blank=True, default=""
    )
    steps = models.JSONField(_("playbook"), default=dict)  # step → {state, note, by, at}
    summary = models.TextField(_("post-incident summary"), blank=True, max_length=8000)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ("-opened_at", "-id")

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def playbook(self) -> list[tuple[PlaybookStep, dict[str, str]]]:
        """Every step of the §17 playbook in order, with its record ({state, note, by, at};
        state "" while still to do)."""
        return [(step, {"state": "", **self.steps.get(step.value, {})}) for step in PlaybookStep]


class StormAlert(models.Model):
    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.PROTECT,
        related_name="storm_alerts",
    )  # fmt: skip
    detected_at = models.DateTimeField(_("detected"), db_index=True)
    sensitivity = models.CharField(_("sensitivity"), max_length=10)
    signals = models.JSONField(_("signals"), default=list)
    window_minutes = models.PositiveIntegerField(_("window (minutes)"))
    observed = models.PositiveIntegerField(_("messages"))
    expected = models.FloatField(_("expected"))
    negative = models.PositiveIntegerField(_("negative"))
    negative_share = models.FloatField(_("negative share"))
    baseline_negative_share = models.FloatField(_("usual negative share"))
    threats = models.PositiveIntegerField(_("threats"))
    new_authors = models.PositiveIntegerField(_("new authors"))
    top_author_messages = models.PositiveIntegerField(_("most from one author"))
    p_value = models.FloatField(_("tail probability"))
    evidence = models.JSONField(_("evidence"), default=dict)  # messages, terms, timeline
    status = models.CharField(
        _("status"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.NEW,
        db_index=True,
    )  # fmt: skip
    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="alerts",
    )  # fmt: skip
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    dismiss_reason = models.CharField(_("why dismissed"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("storm alert")
        verbose_name_plural = _("storm alerts")
        ordering = ("-detected_at", "-id")

    def __str__(self) -> str:
        return f"{self.channel_id} {self.detected_at:%Y-%m-%d %H:%M}"

    def signal_labels(self) -> list[str]:
        labels = dict(AlertSignal.choices)
        return [str(labels.get(signal, signal)) for signal in self.signals]

    def sensitivity_label(self) -> str:
        return str(dict(SensitivityLevel.choices).get(self.sensitivity, self.sensitivity))


class IncidentEntry(models.Model):
    """The incident's timeline: what happened and what was done, in order."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="entries"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    text = models.TextField(_("text"), blank=True, max_length=8000)
    review = models.JSONField(_("post checker"), default=dict, blank=True)
    # A playbook step's entry names the step and its state, shown in the reader's language; the
    # text is then the person's own note.
    step = models.CharField(
        _("playbook step"), max_length=12, blank=True, default="", choices=PlaybookStep.choices
    )
    state = models.CharField(
        _("state"), max_length=12, blank=True, default="", choices=StepState.choices
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind}"
