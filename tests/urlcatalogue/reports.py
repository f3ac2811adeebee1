"""The metrics reports people ask for: the list, a job's page, its progress fragment and its
file. The world's report is the mavi user's, made (as CSV) through the real path, so the access
matrix searches the file itself for message texts and authors."""

from __future__ import annotations

from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.metrics.report_jobs import ReportRequest, report_job_request, report_job_run
from tests.urlcatalogue import visit
from tests.urlcatalogue.world import EXTENSIONS, World


def _extend(world: World) -> None:
    today = timezone.localdate()
    job = report_job_request(
        actor=world.user(Role.MAVI),
        data=ReportRequest(
            year=today.year, month=today.month, unit=None, language="fi", format="csv"
        ),
    )
    report_job_run(job.pk)
    world.extra["report_job"] = job


EXTENSIONS.append(_extend)

JOB = lambda w: [{"job_id": w.extra["report_job"].pk}]  # noqa: E731 - a sample list

visit("metrics:reports")
visit("metrics:report_job", samples=JOB)
visit("metrics:report_job_progress", samples=JOB, page=False, note="htmx fragment")
visit("metrics:report_job_file", samples=JOB, page=False, note="the requester's file")
