"""Metrics work in the background: scheduled reports, the reports people ask for, and the
removal of their files (scheduled in CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from someluotsi.metrics.report_jobs import TASK_NAME, report_job_run, report_jobs_tidy
from someluotsi.metrics.schedules import scheduled_reports_send


@shared_task
def send_scheduled_reports() -> int:
    """Daily: the reports whose month or year has ended, to each recipient once."""
    return scheduled_reports_send()


@shared_task(name=TASK_NAME)
def render_report_job(job_id: int) -> bool:
    """One report someone asked for on the metrics page (report_jobs.report_job_request):
    made with its progress written to the job; a second delivery does nothing."""
    return report_job_run(job_id)


@shared_task(name="metrics.report_jobs_tidy")
def report_jobs_tidy_task() -> dict[str, int]:
    """Every 15 minutes: remove report files past their time, fail jobs whose worker died."""
    return report_jobs_tidy()
