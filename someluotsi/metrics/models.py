"""Daily metric values per channel, the imports that brought them, and goals (§16)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from someluotsi.metrics.enums import (
    GoalKind,
    ImportStatus,
    Metric,
    ReportFormat,
    ReportJobStatus,
    ValueSource,
)
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


class ReportFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly (the previous month)")
    YEARLY = "yearly", _("Yearly (the previous year)")


class ReportSchedule(models.Model):
    """A report sent by e-mail to a list of recipients after each month or year ends, as PDF in
    each recipient's language (§16.2). Deliveries are rows, so a restart or a failed mail
    server loses none and sends none twice."""

    name = models.CharField(_("name"), max_length=200)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=ReportFrequency.choices,
        default=ReportFrequency.MONTHLY,
    )  # fmt: skip
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text=_("Empty: the whole city."),
    )  # fmt: skip
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class ReportRecipient(models.Model):
    """A person with an account (their e-mail and language) or an outside address with a
    language of its own."""

    schedule = models.ForeignKey(
        ReportSchedule, on_delete=models.CASCADE, related_name="recipients"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="fi")

    class Meta:
        verbose_name = _("report recipient")
        verbose_name_plural = _("report recipients")

    def __str__(self) -> str:
        return str(self.user) if self.user else self.email

    @property
    def address(self) -> str:
        return self.user.email if self.user else self.email

    @property
    def report_language(self) -> str:
        if self.user is not None:
            return self.user.preferred_language or "fi"
        return self.language or "fi"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class ReportDelivery(models.Model):
    """One report to one recipient for one period: created once, sent once."""

    schedule = models.ForeignKey(
        ReportSchedule, on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient = models.ForeignKey(
        ReportRecipient, on_delete=models.CASCADE, related_name="deliveries"
    )
    period = models.CharField(_("period"), max_length=7)  # "2026-06" or "2026"
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("report delivery")
        verbose_name_plural = _("report deliveries")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("recipient", "period"), name="one_report_per_recipient_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id}/{self.period}/{self.recipient_id}"


def report_file_upload_to(instance: ReportJob, filename: str) -> str:
    """A random name under reports/: the file is reached only through its access-checked view."""
    return f"reports/{uuid.uuid4().hex}"


class ReportJob(models.Model):
    """A report someone asked for on the metrics page, made in the background (report_jobs.py):
    who asked, what (period, scope, language, format), how far it has come, and the finished
    file, kept for METRICS_REPORT_KEEP_HOURS and then removed. Only its requester downloads
    it; every download is audited. The file holds figures only (reports.py)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="+", help_text=_("Empty: the whole city."),
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=2, default="fi")
    format = models.CharField(
        _("format"), max_length=4, choices=ReportFormat.choices, default=ReportFormat.PDF
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportJobStatus.choices,
        default=ReportJobStatus.QUEUED, db_index=True,
    )  # fmt: skip
    # Progress: the stage (reports.STAGES), step of steps, and within the channels' stage
    # which channel of how many.
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    step = models.PositiveIntegerField(_("step"), default=0)
    steps = models.PositiveIntegerField(_("steps"), default=0)
    item = models.PositiveIntegerField(_("channel"), default=0)
    items = models.PositiveIntegerField(_("channels"), default=0)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    file = models.FileField(_("file"), upload_to=report_file_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Written with every step: a running job whose heartbeat stops has lost its worker.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("removed at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("requested_by", "status"))]

    def __str__(self) -> str:
        when = f"{self.year}-{self.month:02d}" if self.month else str(self.year)
        return f"{self.pk} {when} {self.format}"
