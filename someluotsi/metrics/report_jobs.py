"""Reports people ask for on the metrics page, made in the background with their progress
shown (§16.2; the brief: long jobs show progress).

The request only stores a `ReportJob` (who asked, period, scope, language, format) and starts
it after the commit:

- with a broker (production) as the Celery task `metrics.render_report_job` on a worker;
- in the embedded default (no broker, tasks eager) in a background thread of the web process
  (`METRICS_REPORT_THREADS`, one report at a time per thread; 0 makes it in the request);

so the request returns at once and the job's page polls its progress ("channel 4 of 11"). The
job is made by `reports.report_render`, the path the scheduled reports take too, over the
channels its requester may see when it runs; each step is written to the job (its heartbeat),
and the file goes to the default storage under a random name, kept for
`METRICS_REPORT_KEEP_HOURS` and then removed (`report_jobs_tidy`, a beat task, and after each
new request where no beat runs). Only the requester may download it, each download audited.
A failure is stored as a code and worded in the reader's language when shown.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, connections, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import Unit, User
from someluotsi.accounts.selectors import AnyUser, user_can_access_area, user_is_read_only
from someluotsi.audit.services import audit_record
from someluotsi.channels.selectors import channel_list_for_user, user_sees_all_channels
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.metrics.enums import ReportJobStatus
from someluotsi.metrics.models import ReportJob
from someluotsi.metrics.reports import (
    FORMATS,
    LANGUAGES,
    STAGE_CHANNELS,
    STAGE_FIGURES,
    STAGE_LAYOUT,
    STAGE_WRITING,
    ReportSpec,
    report_channels,
    report_render,
)

logger = logging.getLogger(__name__)
TASK_NAME = "metrics.render_report_job"
ACTIVE = (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING)
# Failure codes (worded by `job_error_text`).
FAILED_ERROR = "failed"  # an error while making it (logged with its traceback)
FAILED_INTERRUPTED = "interrupted"  # the worker or server stopped mid-way
FAILED_NO_ACCESS = "no_access"  # the requester lost the metrics area before it ran
PROGRESS_TRIES = 5  # writes of one progress step before it is skipped (0.05, 0.1, ... s apart)
DONE_TRIES = 12  # writes of a made report's row (0.1, 0.2, ... s apart: 7.8 s in all)


# --- Reads ----------------------------------------------------------------------------------


def report_jobs_for_user(*, user: AnyUser) -> QuerySet[ReportJob]:
    """The reports `user` asked for (newest first); nobody sees another person's reports."""
    if user.pk is None or not user_can_access_area(user=user, area=Area.METRICS):
        return ReportJob.objects.none()
    return ReportJob.objects.filter(requested_by_id=user.pk).select_related("unit")


def report_job_get_for_user(*, user: AnyUser, job_id: int) -> ReportJob | None:
    return report_jobs_for_user(user=user).filter(pk=job_id).first()


def job_is_stalled(job: ReportJob, now: datetime | None = None) -> bool:
    """Running without progress for METRICS_REPORT_STALL_MINUTES, or waiting twice as long to
    start: its worker (or the server's thread) is gone."""
    now = now or timezone.now()
    limit = timedelta(minutes=settings.METRICS_REPORT_STALL_MINUTES)
    if job.status == ReportJobStatus.RUNNING:
        return (job.heartbeat_at or job.created_at) < now - limit
    if job.status == ReportJobStatus.QUEUED:
        return job.created_at < now - 2 * limit
    return False


def job_percent(job: ReportJob) -> int:
    """How far the job has come, 0-100 (steps finished of all steps)."""
    if job.status == ReportJobStatus.DONE:
        return 100
    if job.status != ReportJobStatus.RUNNING or not job.steps:
        return 0
    return min(99, round(100 * max(job.step - 1, 0) / job.steps))


def job_progress_text(job: ReportJob) -> str:
    """What the job is doing now, in the active language ("Channel 4 of 11: charts and goals")."""
    if job.status == ReportJobStatus.QUEUED:
        return _("Waiting for its turn; the report is made in the background.")
    if job.status == ReportJobStatus.DONE:
        return _("The report is ready.")
    if job.status == ReportJobStatus.EXPIRED:
        return _("The report's file has been removed; make the report again if you need it.")
    if job.status == ReportJobStatus.FAILED:
        return job_error_text(job)
    if job.stage == STAGE_CHANNELS and job.items:
        return _("Channel %(item)s of %(items)s: its charts, tables and goals.") % {
            "item": job.item,
            "items": job.items,
        }
    texts = {
        STAGE_FIGURES: _("Collecting the figures of the channels."),
        STAGE_LAYOUT: _("Laying out the pages."),
        STAGE_WRITING: _("Writing the file."),
    }
    return texts.get(job.stage, _("Starting."))


def job_error_text(job: ReportJob) -> str:
    """Why the job failed, in the active language, with what the reader can do."""
    if job.error_code == FAILED_NO_ACCESS:
        return _("The report was not made: you no longer have access to the metrics.")
    if job.error_code == FAILED_INTERRUPTED:
        return _(
            "Making the report was interrupted (the server or its background worker stopped). "
            "Make it again."
        )
    return _(
        "The report could not be made because of an error on the server; the error has been "
        "logged. Try again; if it fails again, tell the system's administrators."
    )


def job_progress_key(job: ReportJob) -> str:
    """Changes whenever what the job page shows changes (the page's poll sends it back, and an
    unchanged job answers with nothing, so screen readers hear only news)."""
    return f"{job.status}-{job.stage}-{job.step}-{job.item}"


# --- Writes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRequest:
    """What a person asks for: a month (or the whole year when `month` is None), the city
    (`unit` None) or a unit with its sub-units, a language and a format."""

    year: int
    month: int | None
    unit: Unit | None
    language: str
    format: str


def _validate(data: ReportRequest) -> None:
    if not 2000 <= data.year <= 2100 or (data.month is not None and not 1 <= data.month <= 12):
        raise ApplicationError(_("Choose a month and a year."), code="invalid_period")
    if data.language not in LANGUAGES:
        raise ApplicationError(_("Choose Finnish, Swedish or English."), code="invalid_language")
    if data.format not in FORMATS:
        raise ApplicationError(_("Choose PDF or CSV."), code="invalid_format")


@transaction.atomic
def report_job_request(
    *, actor: User, data: ReportRequest, request: HttpRequest | None = None
) -> ReportJob:
    """Store the job and start it after the commit. The same report already waiting or being
    made for the same person is returned instead of a second one (a double click). Raises
    PermissionDeniedError outside the metrics area and ApplicationError (429) when the person
    already has METRICS_REPORT_MAX_ACTIVE reports waiting or being made."""
    if not user_can_access_area(user=actor, area=Area.METRICS):
        raise PermissionDeniedError(_("You cannot make metrics reports."))
    _validate(data)
    mine = ReportJob.objects.select_for_update().filter(requested_by=actor, status__in=ACTIVE)
    same = mine.filter(
        year=data.year,
        month=data.month,
        unit=data.unit,
        language=data.language,
        format=data.format,
    ).first()
    if same is not None and not job_is_stalled(same):
        return same
    if mine.count() >= settings.METRICS_REPORT_MAX_ACTIVE:
        raise ApplicationError(
            _(
                "You already have %(n)s reports being made. Wait until one of them is ready, "
                "then ask again."
            )
            % {"n": settings.METRICS_REPORT_MAX_ACTIVE},
            code="too_many_reports",
            status_code=429,
        )
    job = ReportJob.objects.create(
        requested_by=actor,
        year=data.year,
        month=data.month,
        unit=data.unit,
        language=data.language,
        format=data.format,
    )
    audit_record(
        actor=actor,
        action="metrics.report_requested",
        target=job,
        request=request,
        data={
            "year": data.year,
            "month": data.month,
            "unit": data.unit.pk if data.unit else None,
            "language": data.language,
            "format": data.format,
            # A read-only role's request (the middleware's allow-list): figures only, theirs.
            "read_only_role": user_is_read_only(user=actor),
        },
    )
    transaction.on_commit(lambda: report_job_start(job.pk))
    return job


def _retried(write: Callable[[], object], tries: int, pause: float) -> bool:
    """Call `write` until it does not raise OperationalError (the embedded SQLite busy past
    its timeout), at most `tries` times, sleeping `pause`, 2 × `pause`, ... seconds between;
    whether it got through. Other errors propagate."""
    for attempt in range(tries):
        try:
            write()
            return True
        except OperationalError:
            time.sleep(pause * (attempt + 1))
    return False


@functools.cache
def _pool(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report-job")


def _run_in_thread(job_id: int) -> None:
    """A background thread's run of one job. The embedded SQLite may be busy with the web
    requests beyond its timeout: the run is tried again a few times (the claim makes a second
    run of a claimed job a no-op); any other error is logged, never lost in the pool."""
    try:
        if not _retried(lambda: report_job_run(job_id), PROGRESS_TRIES, 0.1):
            logger.error(
                "report job %s: the database stayed busy; the job waits for the tidy-up", job_id
            )
    except Exception:
        logger.exception("report job %s could not be run", job_id)
    finally:
        connections.close_all()  # this thread's connections only


def report_job_start(job_id: int) -> None:
    """Hand the job to whatever makes reports here: a Celery worker through the broker, a
    background thread in the embedded default, or (METRICS_REPORT_THREADS=0) this thread."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        # By name: the task module imports this one, not the other way round.
        current_app.send_task(TASK_NAME, args=[job_id])
    elif settings.METRICS_REPORT_THREADS > 0:
        _pool(settings.METRICS_REPORT_THREADS).submit(_run_in_thread, job_id)
    else:
        report_job_run(job_id)


def _claim(job_id: int, now: datetime) -> bool:
    """Take the job: a waiting one, or a running one whose worker stopped (a redelivered task
    after a crash). A second delivery of a job that is going well takes nothing."""
    stale = now - timedelta(minutes=settings.METRICS_REPORT_STALL_MINUTES)
    return bool(
        ReportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=ReportJobStatus.QUEUED)
            | Q(status=ReportJobStatus.RUNNING, heartbeat_at__lt=stale)
        )
        .update(
            status=ReportJobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            stage="",
            step=0,
            steps=0,
            item=0,
            items=0,
        )
    )


def _fail(job: ReportJob, code: str) -> None:
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJobStatus.FAILED, error_code=code, finished_at=timezone.now()
    )
    audit_record(
        actor=None,
        action="metrics.report_job_failed",
        target=job,
        data={"error": code, "requested_by": job.requested_by_id},
    )


def report_job_run(job_id: int) -> bool:
    """Make the report of one job (the task's and the thread's work): claim it, render it over
    the channels its requester may see now, write each step to the job, keep the file.
    Returns whether a file was made. Never raises for the report's own errors: the job
    records them (the traceback goes to the log)."""
    if not _claim(job_id, timezone.now()):
        return False
    job = ReportJob.objects.select_related("requested_by", "unit").get(pk=job_id)
    requester = job.requested_by
    if not requester.is_active or not user_can_access_area(user=requester, area=Area.METRICS):
        _fail(job, FAILED_NO_ACCESS)
        return False

    def progress(stage: str, step: int, steps: int, *, item: int = 0, items: int = 0) -> None:
        # Best effort: a progress line that cannot be written now (SQLite busy with a reader
        # past its timeout) is tried a few times, then skipped; it never fails the report.
        if not _retried(
            lambda: ReportJob.objects.filter(pk=job_id, status=ReportJobStatus.RUNNING).update(
                stage=stage,
                step=step,
                steps=steps,
                item=item,
                items=items,
                heartbeat_at=timezone.now(),
            ),
            PROGRESS_TRIES,
            0.05,
        ):
            logger.warning(
                "report job %s: progress %s %s/%s not written", job_id, stage, step, steps
            )

    spec = ReportSpec(
        year=job.year,
        month=job.month,
        unit=job.unit,
        language=job.language,
        limited=not user_sees_all_channels(user=requester),
    )
    try:
        channels = report_channels(spec, channel_list_for_user(user=requester))
        rendered = report_render(spec, channels, job.format, progress)
        job.file.save(rendered.file_name, ContentFile(rendered.content), save=False)
    except Exception:
        logger.exception("report job %s failed", job_id)
        _fail(job, FAILED_ERROR)
        return False

    # The file is made: its row is written however long the embedded SQLite stays busy with
    # readers (the page polling the progress), tried again here, never by running the job
    # again (a second run of a claimed job is a no-op: the job would stay running).
    def done() -> None:
        now = timezone.now()
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJobStatus.DONE,
            file=job.file.name,
            file_name=rendered.file_name,
            size=len(rendered.content),
            stage="",
            finished_at=now,
            heartbeat_at=now,
            expires_at=now + timedelta(hours=settings.METRICS_REPORT_KEEP_HOURS),
        )

    if _retried(done, DONE_TRIES, 0.1):
        return True
    logger.error("report job %s: made, but its row stayed busy; the tidy-up ends it", job_id)
    return False


def report_job_download(*, actor: User, job: ReportJob, request: HttpRequest | None = None) -> None:
    """Record one download of a finished report by its requester (audited, counted). Raises
    PermissionDeniedError for anyone else and ApplicationError (410) when the file is gone."""
    if job.requested_by_id != actor.pk or not user_can_access_area(user=actor, area=Area.METRICS):
        raise PermissionDeniedError(_("Only the person who asked for a report downloads it."))
    if job.status != ReportJobStatus.DONE or not job.file:
        raise ApplicationError(
            _("The report's file is not available: it is not ready or has been removed."),
            code="report_not_available",
            status_code=410 if job.status == ReportJobStatus.EXPIRED else 409,
        )
    ReportJob.objects.filter(pk=job.pk).update(downloads=job.downloads + 1)
    audit_record(
        actor=actor,
        action="metrics.report_created",
        target=job,
        request=request,
        data={
            "year": job.year,
            "month": job.month,
            "unit": job.unit_id,
            "language": job.language,
            "format": job.format,
            "size": job.size,
        },
    )


def report_job_mark_stalled(job: ReportJob) -> ReportJob:
    """Mark a job whose worker is gone as failed (the page shows it so at once)."""
    if job_is_stalled(job):
        _fail(job, FAILED_INTERRUPTED)
        job.refresh_from_db()
    return job


def report_jobs_tidy(*, now: datetime | None = None) -> dict[str, int]:
    """Remove the files of finished reports past their time (the job row stays, as removed)
    and mark jobs whose worker is gone as failed. Returns the counts."""
    now = now or timezone.now()
    removed = 0
    for job in ReportJob.objects.filter(status=ReportJobStatus.DONE, expires_at__lte=now):
        if job.file:
            job.file.delete(save=False)
        removed += ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.DONE).update(
            status=ReportJobStatus.EXPIRED, file=""
        )
    stalled = 0
    for job in ReportJob.objects.filter(status__in=ACTIVE):
        if job_is_stalled(job, now):
            _fail(job, FAILED_INTERRUPTED)
            stalled += 1
    return {"removed": removed, "stalled": stalled}
