"""Daily metric values per channel, the imports that brought them, and goals (§16)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from someluotsi.metrics.enums import GoalKind, ImportStatus, Metric, ValueSource
from someluotsi.metrics.export_problems import problem_text


class MetricImport(models.Model):
    """One uploaded export file: kept as it came (the platforms' schemas drift), read into a
    preview, and applied only when a person confirms."""

    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.PROTECT,
        related_name="metric_imports",
    )  # fmt: skip
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content = models.BinaryField(_("file content"))
    format = models.CharField(_("format"), max_length=60, blank=True)
    parser_version = models.PositiveSmallIntegerField(_("reader version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    # {"code", "params"} of export_problems.py, worded in the reader's language when shown.
    error = models.JSONField(_("why the file was rejected"), default=dict, blank=True)
    rows = models.JSONField(_("values read"), default=list)  # [[day, metric, value], …]
    rejected = models.JSONField(_("rejected rows"), default=list)  # [[line, code, params], …]
    ignored_columns = models.JSONField(_("columns not used"), default=list)
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applied by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    values_written = models.PositiveIntegerField(_("values written"), default=0)

    class Meta:
        verbose_name = _("metric import")
        verbose_name_plural = _("metric imports")
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def error_text(self, language: str) -> str:
        if not self.error:
            return ""
        return problem_text(self.error["code"], self.error.get("params", {}), language)

    def rejected_rows(self, language: str) -> list[tuple[int, str]]:
        """(line, reason) in the language, with a metric's name instead of its code."""
        rows = []
        for line, code, params in self.rejected:
            shown = dict(params)
            if shown.get("column") in Metric.values:
                with translation.override(language):
                    shown["column"] = str(Metric(shown["column"]).label)
            rows.append((line, problem_text(code, shown, language)))
        return rows


class MetricValue(models.Model):
    """One metric of one channel on one day; a later import or entry replaces it."""

    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.CASCADE,
        related_name="metric_values",
    )  # fmt: skip
    day = models.DateField(_("day"))
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=10, choices=ValueSource.choices)
    source_import = models.ForeignKey(
        MetricImport, verbose_name=_("import"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="values",
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("metric value")
        verbose_name_plural = _("metric values")
        ordering = ("channel", "metric", "day")
        constraints = [
            models.UniqueConstraint(
                fields=("channel", "day", "metric"), name="unique_metric_value_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.day} {self.metric}={self.value}"


class Goal(models.Model):
    """A measurable goal of a channel for a year (§16.1)."""

    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.CASCADE,
        related_name="metric_goals",
    )  # fmt: skip
    kind = models.CharField(_("goal"), max_length=20, choices=GoalKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ("channel", "year", "kind")
        constraints = [
            models.UniqueConstraint(fields=("channel", "kind", "year"), name="unique_goal")
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.year} {self.kind} {self.target}"
