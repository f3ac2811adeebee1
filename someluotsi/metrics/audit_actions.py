"""Audit actions of metrics, goals and reports (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from someluotsi.accounts.models import Unit
from someluotsi.audit.registry import (
    AuditAction,
    Field,
    PersonRef,
    TargetKind,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.channels.models import Channel
from someluotsi.metrics.enums import GoalKind, Metric
from someluotsi.metrics.models import Goal, MetricImport, ReportJob, ReportSchedule

GROUP = gettext_lazy("Metrics and reports")


def _choice(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "–")


register_target(
    TargetKind(
        model="metrics.metricimport",
        label=gettext_lazy("Metrics import"),
        describe=describe_objects(
            lambda: MetricImport.objects.select_related("channel").only(
                "id", "file_name", "channel__name", "channel__platform"
            ),
            lambda item: {"file": item.file_name, "channel": item.channel.name_with_platform},
        ),
        fallback_field="file",
    )
)
register_target(
    TargetKind(
        model="metrics.goal",
        label=gettext_lazy("Goal"),
        describe=describe_objects(
            lambda: Goal.objects.select_related("channel"),
            lambda goal: {
                "goal": _choice(GoalKind, goal.kind),
                "channel": goal.channel.name_with_platform,
            },
        ),
        fallback_field="goal",
    )
)


def _channel(pk: object) -> str:
    channel = Channel.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    return channel.name_with_platform if channel else "–"


def report_scope(unit_id: object) -> str:
    """The city, or the unit a report covers (with its sub-units)."""
    unit = Unit.objects.filter(pk=unit_id).first() if isinstance(unit_id, int) else None
    return unit.localized_name() if unit else str(_("the whole city"))


def report_period(year: object, month: object) -> str:
    return f"{month}/{year}" if month else str(year)


def _report(data: Mapping[str, Any]) -> dict[str, Field]:
    return {
        "period": report_period(data.get("year"), data.get("month")),
        "scope": report_scope(data.get("unit")),
        "format": str(data.get("format", "")).upper() or "–",
    }


def _job_error(code: object) -> str:
    return {
        "failed": str(_("an error on the server")),
        "interrupted": str(_("its worker stopped")),
        "no_access": str(_("the person no longer has access to the metrics")),
    }.get(str(code), str(code or "–"))


register_target(
    TargetKind(
        model="metrics.reportjob",
        label=gettext_lazy("Report"),
        describe=describe_objects(
            ReportJob.objects.all,
            lambda job: {
                "period": report_period(job.year, job.month),
                "scope": report_scope(job.unit_id),
                "format": str(job.format).upper(),
            },
        ),
        fallback_field="period",
    )
)


register_target(
    TargetKind(
        model="metrics.reportschedule",
        label=gettext_lazy("Report schedule"),
        describe=describe_objects(ReportSchedule.objects.all, lambda item: {"schedule": item.name}),
        fallback_field="schedule",
    )
)


def _delivery(data: Mapping[str, Any]) -> dict[str, Field]:
    people: Field = [PersonRef(pk) for pk in data.get("people") or []]
    return {
        "period": str(data.get("period", "–")),
        "recipient": people if people else str(data.get("outside") or "–"),
        "attempts": str(data.get("attempts", "–")),
    }


def _people(data: Mapping[str, Any]) -> list[tuple[str, object]]:
    return [("accounts.user", pk) for pk in data.get("people") or []]


register_actions(
    AuditAction(
        code="metrics.report_scheduled",
        group=GROUP,
        label=gettext_lazy("Report schedule saved"),
        sentence=gettext_lazy(
            "%(actor)s scheduled the report “%(schedule)s” for %(scope)s to %(people)s and "
            "%(outside)s other addresses."
        ),
        details=lambda data: {
            "scope": report_scope(data.get("unit")),
            "people": [PersonRef(pk) for pk in data.get("people") or []],
            "outside": str(data.get("outside", 0)),
        },
        subjects=_people,
    ),
    AuditAction(
        code="metrics.report_schedule_stopped",
        group=GROUP,
        label=gettext_lazy("Report schedule stopped"),
        sentence=gettext_lazy("%(actor)s stopped the scheduled report “%(schedule)s”."),
    ),
    AuditAction(
        code="metrics.report_sent",
        group=GROUP,
        label=gettext_lazy("Scheduled report sent"),
        sentence=gettext_lazy(
            "%(actor)s sent the report “%(schedule)s” for %(period)s to %(recipient)s."
        ),
        details=_delivery,
        subjects=_people,
    ),
    AuditAction(
        code="metrics.report_failed",
        group=GROUP,
        label=gettext_lazy("Scheduled report not delivered"),
        sentence=gettext_lazy(
            "%(actor)s could not send the report “%(schedule)s” for %(period)s to "
            "%(recipient)s after %(attempts)s attempts."
        ),
        details=_delivery,
        subjects=_people,
    ),
    AuditAction(
        code="metrics.import_uploaded",
        group=GROUP,
        label=gettext_lazy("Export uploaded"),
        sentence=gettext_lazy(
            "%(actor)s uploaded the export %(file)s for %(channel)s (%(values)s values read, "
            "%(rejected)s rows rejected)."
        ),
        details=lambda data: {
            "values": str(data.get("values", "–")),
            "rejected": str(data.get("rejected_rows", "–")),
        },
    ),
    AuditAction(
        code="metrics.import_applied",
        group=GROUP,
        label=gettext_lazy("Export applied"),
        sentence=gettext_lazy(
            "%(actor)s applied the export %(file)s to %(channel)s (%(values)s values written)."
        ),
        details=lambda data: {"values": str(data.get("values", "–"))},
    ),
    AuditAction(
        code="metrics.import_discarded",
        group=GROUP,
        label=gettext_lazy("Export discarded"),
        sentence=gettext_lazy("%(actor)s discarded the export %(file)s of %(channel)s."),
    ),
    AuditAction(
        code="metrics.value_recorded",
        group=GROUP,
        label=gettext_lazy("Figure recorded by hand"),
        sentence=gettext_lazy(
            "%(actor)s recorded %(metric)s %(value)s for %(day)s on %(channel)s."
        ),
        details=lambda data: {
            "metric": _choice(Metric, data.get("metric")),
            "value": str(data.get("value", "–")),
            "day": str(data.get("day", "–")),
        },
    ),
    AuditAction(
        code="metrics.goal_set",
        group=GROUP,
        label=gettext_lazy("Goal set"),
        sentence=gettext_lazy(
            "%(actor)s set the goal “%(goal)s” of %(channel)s for %(year)s to %(target)s."
        ),
        details=lambda data: {
            "goal": _choice(GoalKind, data.get("kind")),
            "year": str(data.get("year", "–")),
            "target": str(data.get("target", "–")),
        },
    ),
    AuditAction(
        code="metrics.goal_removed",
        group=GROUP,
        label=gettext_lazy("Goal removed"),
        sentence=gettext_lazy("%(actor)s removed the goal “%(goal)s” of %(channel)s."),
        details=lambda data: {
            "goal": _choice(GoalKind, data.get("kind")),
            "channel": _channel(data.get("channel")),
        },
    ),
    AuditAction(
        code="metrics.platform_pulled",
        group=GROUP,
        label=gettext_lazy("Figures read from the platform"),
        sentence=gettext_lazy(
            "%(actor)s read %(values)s daily figures of %(channel)s from %(platform)s."
        ),
        details=lambda data: {
            "values": str(data.get("values", "–")),
            "platform": str(data.get("platform") or "–"),
        },
    ),
    AuditAction(
        code="metrics.report_requested",
        group=GROUP,
        label=gettext_lazy("Report asked for"),
        sentence=gettext_lazy(
            "%(actor)s asked for the report %(period)s for %(scope)s as %(format)s."
        ),
        details=_report,
    ),
    AuditAction(
        code="metrics.report_job_failed",
        group=GROUP,
        label=gettext_lazy("Report not made"),
        sentence=gettext_lazy(
            "%(actor)s could not make the report %(period)s for %(scope)s: %(error)s."
        ),
        details=lambda data: {"error": _job_error(data.get("error"))},
        subjects=lambda data: [("accounts.user", data.get("requested_by"))],
    ),
    # A report's file downloaded (the code is older than the background jobs, when a report was
    # made and downloaded in one request; the trail keeps one code for both).
    AuditAction(
        code="metrics.report_created",
        group=GROUP,
        label=gettext_lazy("Report downloaded"),
        sentence=gettext_lazy(
            "%(actor)s downloaded the report %(period)s for %(scope)s as %(format)s."
        ),
        # The period's incidents are listed by title, which staff write and may name a person.
        personal_data=True,
        details=_report,
    ),
)
