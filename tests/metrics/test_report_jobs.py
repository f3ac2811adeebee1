"""Reports as background jobs: the request stores a job and returns at once, the job reports
its steps ("channel 4 of 11") to a page that polls them, the file goes only to the person who
asked (every download audited), old files are removed, a job whose worker died or whose
rendering failed says so in the reader's language, and the file holds figures only."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.models import Channel
from someluotsi.inbox.services import IncomingMessage, message_ingest
from someluotsi.metrics import report_jobs, schedules
from someluotsi.metrics.enums import Metric, ReportJobStatus, ValueSource
from someluotsi.metrics.models import MetricValue, ReportJob
from someluotsi.metrics.reports import (
    STAGE_CHANNELS,
    STAGE_FIGURES,
    STAGE_LAYOUT,
    STAGE_WRITING,
    RenderedReport,
    ReportSpec,
    report_render,
)
from tests.factories import ChannelFactory, UnitFactory, add_maintainer
from tests.helpers import pdf_text, wait_until

HELSINKI = ZoneInfo("Europe/Helsinki")
JUNE = datetime(2026, 6, 30, 12, 0, tzinfo=HELSINKI)
MARK_TEXT = "Zyxwv-uimahalli-kommentti"
MARK_AUTHOR = "@qwerty-asukas-4711"


@pytest.fixture
def inline(settings: Any, embedded_default: None) -> None:
    """Reports made in the request (METRICS_REPORT_THREADS=0) after the commit, with or
    without a broker."""
    settings.METRICS_REPORT_THREADS = 0


def _city(with_message: bool = True) -> list[Channel]:
    """Two channels with a month of reach, one message with marked text and author."""
    channels = [
        ChannelFactory.create(name="Kaupungintalo"),
        ChannelFactory.create(name="Kirjasto"),
    ]
    for channel in channels:
        MetricValue.objects.bulk_create(
            MetricValue(
                channel=channel,
                day=date(2026, 6, day),
                metric=Metric.REACH,
                value=100 + day,
                source=ValueSource.MANUAL,
            )
            for day in range(1, 31)
        )
    if with_message:
        received = datetime(2026, 6, 16, 10, 0, tzinfo=HELSINKI)
        with time_machine.travel(received, tick=False):
            message_ingest(
                actor=None,
                items=[
                    IncomingMessage(
                        channel=channels[0], external_id="m-1", kind="comment",
                        text=f"{MARK_TEXT}: miksi uimahalli on kiinni?", received_at=received,
                        author_handle=MARK_AUTHOR, permalink="",
                    )
                ],
            )  # fmt: skip
    return channels


def _ask(client: Client, follow: bool = False, **fields: object) -> Any:
    data = {"year": 2026, "month": "6", "unit": "", "language": "fi", "format": "pdf"}
    data.update({key: str(value) for key, value in fields.items()})
    return client.post(reverse("metrics:report"), data, follow=follow)


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- The rendering path and its steps ----------------------------------------------------------


def test_rendering_reports_every_step_in_order(db: None) -> None:
    channels = _city(with_message=False)
    heard: list[tuple[str, int, int, int, int]] = []

    def progress(stage: str, step: int, steps: int, *, item: int = 0, items: int = 0) -> None:
        heard.append((stage, step, steps, item, items))

    spec = ReportSpec(year=2026, month=6, unit=None, language="fi")
    with time_machine.travel(JUNE, tick=False):
        rendered = report_render(spec, Channel.objects.all(), "pdf", progress)
    assert rendered.content.startswith(b"%PDF")
    assert rendered.file_name == "someluotsi-report-city-2026-06-fi.pdf"
    n = len(channels)
    assert heard == [
        (STAGE_FIGURES, 1, n + 3, 0, 0),
        (STAGE_CHANNELS, 2, n + 3, 1, n),
        (STAGE_CHANNELS, 3, n + 3, 2, n),
        (STAGE_LAYOUT, n + 2, n + 3, 0, 0),
        (STAGE_WRITING, n + 3, n + 3, 0, 0),
    ]
    heard.clear()
    with time_machine.travel(JUNE, tick=False):
        csv = report_render(spec, Channel.objects.all(), "csv", progress)
    assert csv.content.decode("utf-8").startswith("\ufeff")
    assert [stage for stage, *_rest in heard] == [STAGE_FIGURES, STAGE_WRITING]
    with pytest.raises(ValueError, match="format"):
        report_render(spec, Channel.objects.all(), "docx")


def test_scheduled_reports_take_the_same_rendering_path(
    db: None, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    _city(with_message=False)
    mavi = make_user(Role.MAVI)
    calls: list[tuple[str, str]] = []
    real = report_render

    def spy(spec: ReportSpec, channels: Any, fmt: str, *args: Any) -> RenderedReport:
        calls.append((spec.language, fmt))
        return real(spec, channels, fmt, *args)

    monkeypatch.setattr(schedules, "report_render", spy)
    with time_machine.travel(datetime(2026, 5, 20, 9, 0, tzinfo=HELSINKI), tick=False):
        schedules.schedule_save(
            actor=mavi, name="Kuukausi", frequency="monthly", unit=None, users=[mavi], outside=[]
        )
    with time_machine.travel(datetime(2026, 7, 1, 6, 30, tzinfo=HELSINKI), tick=False):
        assert schedules.scheduled_reports_send() == 1
    assert calls == [("fi", "pdf")]


# --- Asking, progress, the file ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_a_report_is_a_job_whose_file_only_its_requester_downloads(
    db: None,
    inline: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
    fmt: str,
) -> None:
    _city()
    mavi = make_user(Role.MAVI)
    client = _login(mavi)
    with (
        time_machine.travel(JUNE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _ask(client, format=fmt)
    job = ReportJob.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("metrics:report_job", args=[job.pk])
    assert (job.requested_by, job.year, job.month, job.unit, job.language, job.format) == (
        mavi, 2026, 6, None, "fi", fmt,
    )  # fmt: skip
    assert job.status == ReportJobStatus.DONE
    assert job.finished_at is not None
    assert job.expires_at == job.finished_at + timedelta(hours=24)
    page = client.get(reverse("metrics:report_job", args=[job.pk])).content.decode()
    assert "Raportti on valmis." in page
    assert reverse("metrics:report_job_file", args=[job.pk]) in page

    download = client.get(reverse("metrics:report_job_file", args=[job.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert download["Content-Disposition"] == (
        f'attachment; filename="someluotsi-report-city-2026-06-fi.{fmt}"'
    )
    assert "private" in download["Cache-Control"]
    assert "no-store" in download["Cache-Control"]
    text = body.decode("utf-8-sig") if fmt == "csv" else ""
    assert body.startswith(b"%PDF") if fmt == "pdf" else "Kaupungintalo" in text
    actions = list(
        AuditEvent.objects.filter(action__startswith="metrics.report")
        .order_by("id")
        .values_list("action", "actor", "target_id")
    )
    assert actions == [
        ("metrics.report_requested", mavi.pk, str(job.pk)),
        ("metrics.report_created", mavi.pk, str(job.pk)),
    ]
    job.refresh_from_db()
    assert job.downloads == 1

    # Another person of the same team sees neither the job nor its file.
    other = _login(make_user(Role.MAVI))
    for name in ("report_job", "report_job_progress", "report_job_file"):
        assert other.get(reverse(f"metrics:{name}", args=[job.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="metrics.report_created").exclude(actor=mavi)


def test_the_request_returns_at_once_and_the_page_follows_the_steps(
    transactional_db: None, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded default: a background thread makes the report while the page polls."""
    _city(with_message=False)
    mavi = make_user(Role.MAVI, preferred_language="en")
    release = threading.Event()

    def slow_render(spec: ReportSpec, channels: Any, fmt: str, progress: Any) -> RenderedReport:
        progress(STAGE_FIGURES, 1, 5)
        progress(STAGE_CHANNELS, 2, 5, item=1, items=2)
        assert release.wait(30), "the test never let the report finish"
        return RenderedReport(b"%PDF-1.7 made", "application/pdf", "report.pdf")

    monkeypatch.setattr(report_jobs, "report_render", slow_render)
    client = _login(mavi)
    started = time.monotonic()
    response = _ask(client)
    assert response.status_code == 303
    assert time.monotonic() - started < 20  # the request did not wait for the report
    job = ReportJob.objects.get()

    def at_channel_one() -> bool:
        try:
            job.refresh_from_db()
        except OperationalError:  # the thread is writing
            return False
        return job.item == 1

    assert wait_until(at_channel_one)
    assert job.status == ReportJobStatus.RUNNING
    progress_url = reverse("metrics:report_job_progress", args=[job.pk])
    fragment = client.get(progress_url).content.decode()
    assert "Channel 1 of 2" in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert 'value="20"' in fragment  # one step of five finished
    # Nothing new since the page's last look: nothing to swap (or to read out again).
    key = report_jobs.job_progress_key(job)
    assert client.get(progress_url, {"seen": key}).status_code == 204
    release.set()

    def done() -> bool:
        try:
            job.refresh_from_db()
        except OperationalError:
            return False
        return job.status == ReportJobStatus.DONE

    assert wait_until(done)
    fragment = client.get(progress_url, {"seen": key}).content.decode()
    assert "The report is ready." in fragment
    assert "hx-trigger" not in fragment  # the polling stops
    file = client.get(reverse("metrics:report_job_file", args=[job.pk]))
    assert b"".join(file.streaming_content) == b"%PDF-1.7 made"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ("Kanava 4/11", "Vaihe 5/14")),
        ("sv", ("Kanal 4 av 11", "Steg 5 av 14")),
        ("en", ("Channel 4 of 11", "Step 5 of 14")),
    ],
)
def test_progress_is_worded_in_the_readers_language(
    db: None, make_user: Callable[..., User], language: str, words: tuple[str, str]
) -> None:
    user = make_user(Role.MAVI, preferred_language=language)
    job = ReportJob.objects.create(
        requested_by=user, year=2026, month=None, language="fi", status=ReportJobStatus.RUNNING,
        stage=STAGE_CHANNELS, step=5, steps=14, item=4, items=11, heartbeat_at=timezone.now(),
    )  # fmt: skip
    page = _login(user).get(reverse("metrics:report_job", args=[job.pk])).content.decode()
    for word in words:
        assert word in page
    assert 'role="status"' in page
    assert "<progress" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Raporttia ei voitu tehdä"),
        ("sv", "Rapporten kunde inte göras"),
        ("en", "The report could not be made"),
    ],
)
def test_a_failure_is_shown_in_the_readers_language_and_audited(
    db: None,
    inline: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    language: str,
    expected: str,
) -> None:
    user = make_user(Role.MAVI, preferred_language=language)

    def broken(*args: Any, **kwargs: Any) -> RenderedReport:
        raise RuntimeError("cairo ran out of memory /secret/path")

    monkeypatch.setattr(report_jobs, "report_render", broken)
    client = _login(user)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client)
    job = ReportJob.objects.get()
    assert (job.status, job.error_code) == (ReportJobStatus.FAILED, "failed")
    assert "report job" in caplog.text  # logged with its traceback
    page = client.get(reverse("metrics:report_job", args=[job.pk])).content.decode()
    assert expected in page
    assert "cairo" not in page
    assert "/secret/path" not in page
    assert f'name="year" value="{job.year}"' in page  # "make it again" with the same choices
    failed = AuditEvent.objects.get(action="metrics.report_job_failed")
    assert failed.actor is None
    assert failed.data["error"] == "failed"
    assert client.get(reverse("metrics:report_job_file", args=[job.pk])).status_code == 302


def test_a_job_whose_worker_died_is_shown_as_interrupted(
    db: None, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.MAVI, preferred_language="sv")
    long_ago = timezone.now() - timedelta(minutes=16)
    job = ReportJob.objects.create(
        requested_by=user, year=2026, status=ReportJobStatus.RUNNING, stage=STAGE_LAYOUT,
        step=13, steps=14, heartbeat_at=long_ago,
    )  # fmt: skip
    fresh = ReportJob.objects.create(
        requested_by=user, year=2025, status=ReportJobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    page = _login(user).get(reverse("metrics:report_job", args=[job.pk])).content.decode()
    assert "avbröts" in page
    job.refresh_from_db()
    assert (job.status, job.error_code) == (ReportJobStatus.FAILED, "interrupted")
    assert report_jobs.report_jobs_tidy()["stalled"] == 0
    fresh.refresh_from_db()
    assert fresh.status == ReportJobStatus.RUNNING
    # A redelivered task takes over only a job whose worker stopped.
    assert report_jobs._claim(fresh.pk, timezone.now()) is False
    assert report_jobs._claim(fresh.pk, timezone.now() + timedelta(minutes=16)) is True


def test_files_are_removed_after_their_time(
    db: None,
    inline: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    _city(with_message=False)
    user = make_user(Role.MAVI)
    client = _login(user)
    with (
        time_machine.travel(JUNE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _ask(client, format="csv")
    job = ReportJob.objects.get()
    name = job.file.name
    assert job.expires_at is not None
    assert name.startswith("reports/")
    assert default_storage.exists(name)
    assert report_jobs.report_jobs_tidy(now=job.expires_at - timedelta(minutes=1)) == {
        "removed": 0,
        "stalled": 0,
    }
    assert report_jobs.report_jobs_tidy(now=job.expires_at)["removed"] == 1
    assert not default_storage.exists(name)
    job.refresh_from_db()
    assert (job.status, job.file.name) == (ReportJobStatus.EXPIRED, "")
    response = client.get(reverse("metrics:report_job_file", args=[job.pk]), follow=True)
    assert "poistettu" in response.content.decode()
    assert not AuditEvent.objects.filter(action="metrics.report_created").exists()


def test_asking_twice_makes_one_report_and_the_number_waiting_is_bounded(
    db: None, make_user: Callable[..., User], settings: Any
) -> None:
    settings.METRICS_REPORT_MAX_ACTIVE = 2
    user = make_user(Role.MAVI)
    client = _login(user)
    # No commit in this test: the jobs stay waiting.
    first = _ask(client)
    again = _ask(client)
    assert first["Location"] == again["Location"]
    assert ReportJob.objects.count() == 1
    assert _ask(client, language="sv").status_code == 303
    refused = _ask(client, language="en", format="csv", follow=True)
    assert ReportJob.objects.count() == 2
    assert "2 raporttia" in refused.content.decode()


def test_a_report_covers_what_its_requester_may_see_and_holds_figures_only(
    db: None,
    inline: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """A unit manager's report has their units' channels only; no report carries a message's
    text or its author, in either format."""
    city, library = _city()
    unit = UnitFactory.create()
    library.unit = unit
    library.save()
    manager = make_user(Role.UNIT_MANAGER, unit=unit)
    unit.manager = manager
    unit.save()
    add_maintainer(library, manager)
    client = _login(manager)
    for fmt in ("csv", "pdf"):
        with (
            time_machine.travel(JUNE, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            _ask(client, format=fmt)
    for job in ReportJob.objects.all():
        assert job.status == ReportJobStatus.DONE
        data = job.file.open("rb").read()
        if job.format == "pdf":
            text, _reader = pdf_text(data)
        else:
            text = data.decode("utf-8-sig")
        assert "Kirjasto" in text
        assert city.name not in text
        assert MARK_TEXT not in text
        assert MARK_AUTHOR not in text
        assert "asukas" not in text

    mavi = make_user(Role.MAVI)
    with (
        time_machine.travel(JUNE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _ask(_login(mavi), format="csv")
    text = ReportJob.objects.get(requested_by=mavi).file.open("rb").read().decode("utf-8-sig")
    assert city.name in text
    assert MARK_TEXT not in text
    assert MARK_AUTHOR not in text


def test_a_city_report_of_a_reader_who_sees_part_of_the_city_says_so(
    db: None,
    inline: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """A unit manager's "city" report covers their channels only: its title line says "1 of
    2" and the scope choice says it before they ask; the mavi team's says the city."""
    _city_channel, library = _city(with_message=False)
    unit = UnitFactory.create()
    library.unit = unit
    library.save()
    manager = make_user(Role.UNIT_MANAGER, unit=unit, preferred_language="en")
    unit.manager = manager
    unit.save()
    mavi = make_user(Role.MAVI, preferred_language="en")
    choice = _login(manager).get(reverse("metrics:dashboard")).content.decode()
    assert "The city: only the channels you may see" in choice
    assert "The city: only" not in _login(mavi).get(reverse("metrics:dashboard")).content.decode()
    for user in (manager, mavi):
        with (
            time_machine.travel(JUNE, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            _ask(_login(user), format="csv", language="en")
    first = {
        job.requested_by_id: job.file.open("rb").read().decode("utf-8-sig").splitlines()[0]
        for job in ReportJob.objects.all()
    }
    assert first[manager.pk].endswith("City of Kokkola: the channels you may see, 1 of 2")
    assert first[mavi.pk].endswith(": City of Kokkola")
    page = _login(manager).get(reverse("metrics:reports")).content.decode()
    assert "The city: only the channels you may see" in page


def test_a_requester_who_lost_the_metrics_is_not_sent_a_report(
    db: None, make_user: Callable[..., User], settings: Any
) -> None:
    settings.METRICS_REPORT_THREADS = 0
    user = make_user(Role.MAVI)
    job = ReportJob.objects.create(requested_by=user, year=2026, month=6)
    RoleAssignment.objects.filter(user=user).delete()
    assert report_jobs.report_job_run(job.pk) is False
    job.refresh_from_db()
    assert (job.status, job.error_code) == (ReportJobStatus.FAILED, "no_access")
    assert not job.file


def test_roles_outside_the_metrics_cannot_ask(db: None, make_user: Callable[..., User]) -> None:
    """Those outside the metrics area are refused; an auditor may ask (the read-only rule's
    allow-list, tested below)."""
    for role in (Role.EMPLOYEE, Role.ELECTED, Role.SERVICE_ACCOUNT):
        assert _ask(_login(make_user(role))).status_code == 403
    assert not ReportJob.objects.exists()


def test_the_list_and_the_pages_fit_every_language(
    db: None, make_user: Callable[..., User]
) -> None:
    for language in ("fi", "sv", "en"):
        user = make_user(Role.MAVI, preferred_language=language)
        ReportJob.objects.create(
            requested_by=user, year=2026, month=6, status=ReportJobStatus.DONE,
            file="reports/x", file_name="r.pdf", size=2048, expires_at=timezone.now(),
        )  # fmt: skip
        page = _login(user).get(reverse("metrics:reports")).content.decode()
        assert 'table class="stack"' in page
        assert reverse("metrics:report_job_file", args=[ReportJob.objects.latest("id").pk]) in page


def test_an_auditor_makes_a_figures_only_report_for_themselves_and_writes_nothing_else(
    db: None,
    inline: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """The read-only rule's one allow-listed request: an auditor's report is made (the city's
    figures, no message text or author, audited as a read-only role's); every other metrics
    write of theirs is still refused."""
    city, library = _city()
    auditor = make_user(Role.AUDITOR)
    client = _login(auditor)
    for fmt in ("csv", "pdf"):
        with (
            time_machine.travel(JUNE, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert _ask(client, format=fmt).status_code == 303
    jobs = list(ReportJob.objects.filter(requested_by=auditor))
    assert {job.format for job in jobs} == {"csv", "pdf"}
    for job in jobs:
        assert job.status == ReportJobStatus.DONE
        data = job.file.open("rb").read()
        if job.format == "pdf":
            text, _reader = pdf_text(data)
        else:
            text = data.decode("utf-8-sig")
        assert city.name in text
        assert library.name in text
        assert MARK_TEXT not in text
        assert MARK_AUTHOR not in text
        assert client.get(reverse("metrics:report_job_file", args=[job.pk])).status_code == 200
    requested = AuditEvent.objects.filter(action="metrics.report_requested", actor=auditor)
    assert requested.count() == 2
    assert all(event.data["read_only_role"] is True for event in requested)
    # Everything else stays read-only: a schedule, a goal, a value, an import.
    before = (MetricValue.objects.count(), ReportJob.objects.count())
    refused = [
        client.post(reverse("metrics:schedules"), {"name": "x", "frequency": "monthly"}),
        client.post(
            reverse("metrics:channel", args=[city.pk]),
            {"action": "value", "day": "2026-06-01", "metric": "reach", "value": "1"},
        ),
        client.post(
            reverse("metrics:channel", args=[city.pk]),
            {"action": "goal", "kind": "reach_month", "year": "2026", "target": "1"},
        ),
    ]
    assert [response.status_code for response in refused] == [403, 403, 403]
    assert (MetricValue.objects.count(), ReportJob.objects.count()) == before


def test_a_made_report_s_row_is_written_again_while_the_database_is_busy(
    db: None, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded SQLite busy with the page's reads when the finished job is written: the
    write is tried again, and the job ends done (running it again would do nothing)."""
    from django.db.models import QuerySet

    _city(with_message=False)
    user = make_user(Role.MAVI)
    job = ReportJob.objects.create(requested_by=user, year=2026, month=6)
    monkeypatch.setattr(
        report_jobs,
        "report_render",
        lambda spec, channels, fmt, progress: RenderedReport(
            b"%PDF-1.7", "application/pdf", "r.pdf"
        ),
    )
    monkeypatch.setattr("someluotsi.metrics.report_jobs.time.sleep", lambda seconds: None)
    original = QuerySet.update
    busy = {"left": 3}

    def update(self: QuerySet[Any], **fields: Any) -> int:
        if fields.get("status") == ReportJobStatus.DONE and busy["left"]:
            busy["left"] -= 1
            raise OperationalError("database is locked")
        return original(self, **fields)

    monkeypatch.setattr(QuerySet, "update", update)
    assert report_jobs.report_job_run(job.pk) is True
    job.refresh_from_db()
    assert job.status == ReportJobStatus.DONE
    assert busy["left"] == 0
