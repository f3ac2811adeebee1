"""Metrics pages: the city dashboard, a channel's figures and goals, imports and reports."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import Unit, User
from someluotsi.accounts.selectors import unit_list
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import (
    channel_can_edit,
    channel_list_for_user,
    user_sees_all_channels,
)
from someluotsi.core.access import area_required
from someluotsi.core.charts import bar_chart, column_chart, day_label
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import posted_id, show_refusal, uploaded_file_name
from someluotsi.metrics import report_jobs, services
from someluotsi.metrics import schedules as report_schedules
from someluotsi.metrics.enums import Metric
from someluotsi.metrics.figures import (
    channel_rows,
    checker_figures,
    daily_messages,
    daily_series,
    followers_on,
    last_days,
)
from someluotsi.metrics.forms import (
    GoalForm,
    PeriodForm,
    ReportForm,
    ScheduleForm,
    UploadForm,
    ValueForm,
)
from someluotsi.metrics.models import (
    Goal,
    MetricImport,
    ReportDelivery,
    ReportJob,
    ReportSchedule,
)
from someluotsi.metrics.presentation import channel_table, figure_charts
from someluotsi.metrics.reports import CONTENT_TYPES

SERIES = (Metric.NEW_FOLLOWERS, Metric.REACH, Metric.VIEWS, Metric.INTERACTIONS)


def _period_days(request: HttpRequest) -> int:
    form = PeriodForm(request.GET)
    return (form.cleaned_data.get("days") or 30) if form.is_valid() else 30


def _report_units(user: User) -> list[Unit]:
    if user_sees_all_channels(user=user):
        return list(unit_list())
    visible = channel_list_for_user(user=user).exclude(unit=None).values("unit")
    return list(Unit.objects.filter(pk__in=visible).order_by("name_fi"))


@require_safe
@area_required(Area.METRICS)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    days = _period_days(request)
    period = last_days(days)
    channels = channel_list_for_user(user=user)
    rows = channel_rows(channels, period)
    checks = checker_figures(None if user_sees_all_channels(user=user) else channels, period)
    daily = daily_messages(channels, period)
    units = Unit.objects.filter(pk__in=[u.pk for u in _report_units(user)])
    report_form = ReportForm(
        initial={"year": timezone.localdate().year, "language": user.preferred_language or "fi"},
        units=units,
        sees_all=user_sees_all_channels(user=user),
    )
    context = {
        "period_form": PeriodForm(initial={"days": days}),
        "period": period,
        "table": channel_table(rows),
        "checks": checks,
        "charts": figure_charts(rows, daily, checks),
        "can_schedule": user_sees_all_channels(user=user),
        "report_form": report_form,
    }
    return render(request, "metrics/dashboard.html", context)


def _channel_for(request: HttpRequest, channel_id: int) -> Channel:
    return get_object_or_404(channel_list_for_user(user=request.user), pk=channel_id)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.METRICS)
def channel(request: HttpRequest, channel_id: int) -> HttpResponse:
    user = cast(User, request.user)
    target = _channel_for(request, channel_id)
    can_edit = channel_can_edit(user=user, channel=target)
    upload_form, value_form, goal_form = (
        UploadForm(),
        ValueForm(),
        GoalForm(initial={"year": timezone.localdate().year}),
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "upload":
                upload_form = UploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    upload = upload_form.cleaned_data["file"]
                    record = services.metric_import_upload(
                        actor=user,
                        channel=target,
                        file_name=uploaded_file_name(upload.name),
                        data=upload.read(),
                    )
                    return HttpResponseRedirect(reverse("metrics:import", args=[record.pk]))
            elif action == "value":
                value_form = ValueForm(request.POST)
                if value_form.is_valid():
                    services.metric_value_record(
                        actor=user, channel=target, **value_form.cleaned_data
                    )
                    flash.success(request, _("The value was recorded."))
                    return HttpResponseRedirect(request.path)
            elif action == "goal":
                goal_form = GoalForm(request.POST)
                if goal_form.is_valid():
                    services.goal_save(actor=user, channel=target, **goal_form.cleaned_data)
                    flash.success(request, _("The goal was saved."))
                    return HttpResponseRedirect(request.path)
            elif action == "remove_goal":
                goal = Goal.objects.filter(
                    pk=posted_id(request.POST.get("goal")), channel=target
                ).first()
                if goal is None:
                    raise ApplicationError(
                        _(
                            "This channel has no such goal: it may have been removed already. "
                            "Nothing was changed."
                        ),
                        code="not_found",
                    )
                services.goal_delete(actor=user, goal=goal)
                flash.success(request, _("The goal was removed."))
                return HttpResponseRedirect(request.path)
            else:
                raise ApplicationError(_("Unknown action."), code="unknown_action")
            # A form with errors: say so above the page, the errors are at its fields.
            flash.error(request, _("Check the highlighted fields."))
        except ApplicationError as exc:
            show_refusal(request, exc)
    days = _period_days(request)
    period = last_days(days)
    row = channel_rows(Channel.objects.filter(pk=target.pk), period)[0]
    charts = []
    for metric in SERIES:
        series = daily_series(target, metric, period)
        if series:
            charts.append(
                {
                    "chart": column_chart(
                        str(Metric(metric).label), [(day_label(d), float(v)) for d, v in series]
                    ),
                    "series": series,
                    "label": Metric(metric).label,
                }
            )
    tones = row.tones
    context = {
        "channel": target,
        "row": row,
        "period_form": PeriodForm(initial={"days": days}),
        "period": period,
        "followers_now": followers_on(target, timezone.localdate()),
        "charts": charts,
        "tone_chart": bar_chart(
            _("Tone of messages"),
            [
                (_("Positive"), tones.get("positive", 0)),
                (_("Neutral"), tones.get("neutral", 0)),
                (_("Negative"), tones.get("negative", 0)),
            ],
        ),
        "checks": checker_figures(Channel.objects.filter(pk=target.pk), period),
        "imports": MetricImport.objects.filter(channel=target).defer("content")[:20],
        "can_edit": can_edit,
        "upload_form": upload_form,
        "value_form": value_form,
        "goal_form": goal_form,
    }
    return render(request, "metrics/channel.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.METRICS)
def metric_import(request: HttpRequest, import_id: int) -> HttpResponse:
    user = cast(User, request.user)
    record = get_object_or_404(
        MetricImport.objects.defer("content").filter(channel__in=channel_list_for_user(user=user)),
        pk=import_id,
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "apply":
                record = services.metric_import_apply(actor=user, metric_import=record)
                flash.success(
                    request,
                    _("%(count)s values were written.") % {"count": record.values_written},
                )
                return HttpResponseRedirect(reverse("metrics:channel", args=[record.channel_id]))
            if request.POST.get("action") == "discard":
                services.metric_import_discard(actor=user, metric_import=record)
                flash.success(request, _("The import was discarded; nothing was written."))
                return HttpResponseRedirect(reverse("metrics:channel", args=[record.channel_id]))
        except ApplicationError as exc:
            show_refusal(request, exc)
    labels = dict(Metric.choices)
    preview = [(day, labels.get(metric, metric), value) for day, metric, value in record.rows]
    language = (get_language() or "fi")[:2]
    context = {
        "record": record,
        "error": record.error_text(language),
        "rejected": record.rejected_rows(language),
        "preview": preview[:400],
        "more": max(0, len(preview) - 400),
        "can_edit": channel_can_edit(user=user, channel=record.channel),
    }
    return render(request, "metrics/import.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.METRICS)
def report(request: HttpRequest) -> HttpResponse:
    """Ask for a report: stored as a job and made in the background; its page shows how far it
    has come and offers the file when it is ready. A plain GET (a bookmark, a reload after the
    form) goes to the report form on the figures page."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("metrics:dashboard") + "#report-h")
    user = cast(User, request.user)
    units = Unit.objects.filter(pk__in=[u.pk for u in _report_units(user)])
    form = ReportForm(request.POST, units=units, sees_all=user_sees_all_channels(user=user))
    if not form.is_valid():
        flash.error(request, _("Check the report's choices."))
        return HttpResponseRedirect(reverse("metrics:dashboard"))
    data = form.cleaned_data
    report_jobs.report_jobs_tidy()  # where no beat runs, old files go now
    try:
        job = report_jobs.report_job_request(
            actor=user,
            data=report_jobs.ReportRequest(
                year=data["year"],
                month=data["month"],
                unit=data["unit"],
                language=data["language"],
                format=data["format"],
            ),
            request=request,
        )
    except ApplicationError as exc:
        show_refusal(request, exc)
        return HttpResponseRedirect(reverse("metrics:reports"))
    return HttpResponseRedirect(reverse("metrics:report_job", args=[job.pk]), status=303)


def _job(request: HttpRequest, job_id: int) -> ReportJob:
    job = report_jobs.report_job_get_for_user(user=request.user, job_id=job_id)
    if job is None:
        raise Http404
    return report_jobs.report_job_mark_stalled(job)


def _city_scope(requester: User) -> str:
    """A city report's scope as its requester's reports list shows it: all of the city, or only
    the channels the requester may see."""
    if user_sees_all_channels(user=requester):
        return _("The city")
    return _("The city: only the channels you may see")


def _job_context(job: ReportJob) -> dict[str, object]:
    period = f"{MONTHS[job.month]} {job.year}" if job.month else str(job.year)
    return {
        "job": job,
        "period": period,
        "language_name": dict(settings.LANGUAGES).get(job.language, job.language),
        "text": report_jobs.job_progress_text(job),
        "percent": report_jobs.job_percent(job),
        "key": report_jobs.job_progress_key(job),
        "active": job.status in report_jobs.ACTIVE,
        "scope": job.unit.localized_name() if job.unit else _city_scope(job.requested_by),
    }


@require_safe
@area_required(Area.METRICS)
def reports(request: HttpRequest) -> HttpResponse:
    """The reports the person asked for in the last days, with their state and files."""
    jobs = [_job_context(job) for job in report_jobs.report_jobs_for_user(user=request.user)[:50]]
    return render(
        request,
        "metrics/reports.html",
        {"jobs": jobs, "keep_hours": settings.METRICS_REPORT_KEEP_HOURS},
    )


@require_safe
@area_required(Area.METRICS)
def report_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """One report: its progress while it is made (htmx polls `report_job_progress`; without
    JavaScript the page's own link shows the news), then its file."""
    job = _job(request, job_id)
    context = {**_job_context(job), "keep_hours": settings.METRICS_REPORT_KEEP_HOURS}
    return render(request, "metrics/report_job.html", context)


@require_safe
@area_required(Area.METRICS)
def report_job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job page's progress box (an htmx fragment). When the state the page last showed
    (`?seen=`) has not changed, 204 and nothing to swap: screen readers hear only news."""
    job = _job(request, job_id)
    context = _job_context(job)
    if request.GET.get("seen", "") == context["key"]:
        return HttpResponse(status=204)
    return render(request, "metrics/_report_progress.html", context)


@require_safe
@area_required(Area.METRICS)
def report_job_file(request: HttpRequest, job_id: int) -> HttpResponseBase:
    """The finished file, to its requester only, each download audited."""
    user = cast(User, request.user)
    job = _job(request, job_id)
    try:
        report_jobs.report_job_download(actor=user, job=job, request=request)
    except ApplicationError as exc:
        show_refusal(request, exc)
        return HttpResponseRedirect(reverse("metrics:report_job", args=[job.pk]))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = CONTENT_TYPES.get(job.format, "application/octet-stream")
    response = FileResponse(
        handle, as_attachment=True, filename=job.file_name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.METRICS)
def schedules(request: HttpRequest) -> HttpResponse:
    """The mavi team's scheduled reports: who gets which report, and what was sent."""
    user = cast(User, request.user)
    if not user_sees_all_channels(user=user):
        raise PermissionDenied
    form = ScheduleForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "stop":
                schedule = get_object_or_404(
                    ReportSchedule, pk=posted_id(request.POST.get("schedule"))
                )
                report_schedules.schedule_stop(actor=user, schedule=schedule)
                flash.success(request, _("The schedule was stopped."))
                return HttpResponseRedirect(request.path)
            form = ScheduleForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                report_schedules.schedule_save(
                    actor=user,
                    name=data["name"],
                    frequency=data["frequency"],
                    unit=data["unit"],
                    users=list(data["users"]),
                    outside=data["outside"],
                )
                flash.success(request, _("The report was scheduled."))
                return HttpResponseRedirect(request.path)
        except ApplicationError as exc:
            show_refusal(request, exc)
    context = {
        "form": form,
        "schedules": ReportSchedule.objects.filter(active=True)
        .select_related("unit")
        .prefetch_related("recipients__user"),
        "deliveries": ReportDelivery.objects.select_related("schedule", "recipient__user")[:50],
    }
    return render(request, "metrics/schedules.html", context)
