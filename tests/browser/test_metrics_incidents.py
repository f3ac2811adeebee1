"""The metrics dashboard, an export import, reports and the storm-to-incident flow in real
Chromium on the demo data, in Finnish and in Swedish, with axe on every page (issue 8's "done
when")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from someluotsi.accounts.models import User
from someluotsi.channels.enums import Platform
from someluotsi.channels.models import Channel
from someluotsi.demo.load import demo_load
from someluotsi.incidents.enums import AlertStatus, IncidentStatus, PlaybookStep
from someluotsi.incidents.models import Incident, StormAlert
from someluotsi.metrics import report_jobs
from someluotsi.metrics.enums import ImportStatus, Metric
from someluotsi.metrics.models import MetricImport, MetricValue, ReportJob
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS
from tests.browser.conftest import assert_accessible, login
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

EXPORTS = SAMPLE_EXPORTS

WORDS = {
    "fi": {
        "read": "Lue tiedosto",
        "apply": "Tallenna tuodut arvot",
        "make": "Tee raportti",
        "ready": "Raportti on valmis.",
        "waiting": "Odottaa vuoroaan; raportti tehdään taustalla.",
        "open": "Avaa tilanne",
        "check": "Tarkista vastaus",
        "close": "Sulje tilanne",
        "dismiss": "Hylkää hälytys",
    },
    "sv": {
        "read": "Läs filen",
        "apply": "Tillämpa importen",
        "make": "Gör rapporten",
        "ready": "Rapporten är klar.",
        "waiting": "Väntar på sin tur; rapporten görs i bakgrunden.",
        "open": "Öppna en händelse",
        "check": "Granska svaret",
        "close": "Stäng händelsen",
        "dismiss": "Avfärda larmet",
    },
}


@pytest.fixture
def demo(transactional_db: None) -> None:
    demo_load()
    mavi = User.objects.get(username="mavi")
    mavi.set_password(TEST_PASSWORD)
    mavi.save(update_fields=["password"])


@pytest.fixture
def mavi_page(browser: Any, live_server: Any, demo: None) -> Iterator[Any]:
    def _open(language: str) -> Any:
        User.objects.filter(username="mavi").update(preferred_language=language)
        context = browser.new_context(
            base_url=live_server.url, locale=f"{language}-FI", accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        login(page, "mavi")
        return page

    contexts: list[Any] = []
    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_dashboard_import_and_reports(
    mavi_page: Any, language: str, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = WORDS[language]
    page = mavi_page(language)
    page.goto("/metrics/")
    assert page.locator("main table").first.locator("tbody tr").count() >= 5
    assert page.locator("figure.column-chart rect.column").count() == 30  # one column per day
    assert_accessible(page)

    page.locator("#id_days").select_option("90")
    page.locator("main form.filter-form button").first.click()
    page.wait_for_url("**days=90**")
    assert page.locator("figure.column-chart rect.column").count() == 90

    youtube = Channel.objects.filter(platform=Platform.YOUTUBE).order_by("pk").first()
    assert youtube is not None
    page.locator(f"main a[href$='/metrics/channel/{youtube.pk}/']").click()
    page.wait_for_url(f"**/metrics/channel/{youtube.pk}/")
    assert page.locator("main h1").inner_text() == youtube.name
    assert page.locator("meter").count() >= 1  # the demo goals' progress
    assert_accessible(page)

    before = MetricValue.objects.filter(channel=youtube).count()
    page.locator("#id_file").set_input_files(str(EXPORTS / "youtube_studio_fi.zip"))
    page.get_by_role("button", name=words["read"]).click()
    page.wait_for_url("**/metrics/imports/*/")
    assert_accessible(page)
    record = MetricImport.objects.get(channel=youtube, file_name="youtube_studio_fi.zip")
    assert record.status == ImportStatus.PREVIEW
    assert MetricValue.objects.filter(channel=youtube).count() == before  # nothing written yet
    page.get_by_role("button", name=words["apply"]).click()
    page.wait_for_url(f"**/metrics/channel/{youtube.pk}/")
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED
    assert record.values_written == len(record.rows) > 0
    assert page.locator("[role=status], .messages").first.inner_text().strip()
    assert MetricValue.objects.filter(channel=youtube, metric=Metric.WATCH_HOURS).exists()

    waiting = MetricImport.objects.get(status=ImportStatus.PREVIEW)  # the demo's bad Meta file
    page.goto(f"/metrics/imports/{waiting.pk}/")
    assert page.locator("main table").first.locator("tbody tr").count() == len(waiting.rejected)
    assert_accessible(page)

    # Reports are asked for on the dashboard and made as jobs. As in the other tests they are
    # made in the request (METRICS_REPORT_THREADS=0): the live server's threads share the
    # test's in-memory SQLite database, a pool thread of its own would not.
    settings.METRICS_REPORT_THREADS = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    # The CSV waits for a worker (the test plays it) so that its page follows the progress
    # (htmx polls it) until the file is offered, without leaving the page.
    waiting_for_worker: list[int] = []
    make_now = report_jobs.report_job_start

    def start(job_id: int) -> None:
        if ReportJob.objects.get(pk=job_id).format == "csv":
            waiting_for_worker.append(job_id)
        else:
            make_now(job_id)

    monkeypatch.setattr(report_jobs, "report_job_start", start)
    for fmt, magic in (("pdf", b"%PDF"), ("csv", None)):
        page.goto("/metrics/")
        report = page.locator("form[action$='/metrics/report/']")
        report.locator("#id_language").select_option(language)
        report.locator("#id_format").select_option(fmt)
        report.get_by_role("button", name=words["make"]).click()
        # A year of eleven channels is some 30 designed pages: allow it time under load.
        page.wait_for_url("**/metrics/reports/*/", timeout=180_000)
        job = ReportJob.objects.filter(requested_by__username="mavi").latest("id")
        assert (job.language, job.format, job.month) == (language, fmt, None)
        state = page.locator("#report-progress .report-state")
        if fmt == "csv":
            assert waiting_for_worker == [job.pk]
            expect(state).to_have_text(words["waiting"])
            assert page.locator("#report-progress progress").count() == 1
            assert_accessible(page)
            url = page.url
            assert report_jobs.report_job_run(job.pk)
            expect(state).to_have_text(words["ready"])
            assert page.url == url  # the poll swapped the news in
        else:
            expect(state).to_have_text(words["ready"])
        assert_accessible(page)
        with page.expect_download() as info:
            page.locator(f"#report-progress a[href$='/metrics/reports/{job.pk}/file/']").click()
        assert info.value.suggested_filename.endswith(f".{fmt}")
        saved = tmp_path / f"report.{fmt}"
        info.value.save_as(saved)
        data = saved.read_bytes()
        if magic:
            assert data.startswith(magic)
        else:
            text = data.decode("utf-8-sig")
            assert youtube.name in text
            assert text.count("\n") > 3
    page.goto("/metrics/reports/")
    assert page.locator("main table tbody a[href$='/file/']").count() >= 2
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_storm_alert_to_closed_incident(mavi_page: Any, language: str) -> None:
    words = WORDS[language]
    demo_alert = StormAlert.objects.get()
    # A second, new alert on the same evidence, as the periodic scan would leave it.
    fresh = StormAlert.objects.get(pk=demo_alert.pk)
    fresh.pk = None
    fresh.status = AlertStatus.NEW
    fresh.incident = None
    fresh.save()

    page = mavi_page(language)
    page.goto("/incidents/")
    assert_accessible(page)
    page.locator(f"a[href$='/incidents/alerts/{fresh.pk}/']").first.click()
    page.wait_for_url(f"**/incidents/alerts/{fresh.pk}/")
    assert page.locator("figure.column-chart rect.column").count() > 0
    assert page.locator("main li a[href*='/inbox/']").count() >= 3  # the top messages
    assert_accessible(page)
    page.locator("#id_title").fill("Uimahallin sulku")
    page.get_by_role("button", name=words["open"]).click()
    page.wait_for_url("**/incidents/*/")
    incident = Incident.objects.get(title="Uimahallin sulku")
    fresh.refresh_from_db()
    assert fresh.status == AlertStatus.INCIDENT
    assert fresh.incident == incident
    assert_accessible(page)

    page.locator("#id_draft").fill("Lukekaa nyt ensin tiedote!!! Ette ilmeisesti osaa lukea.")
    url = page.url
    page.get_by_role("button", name=words["check"]).click()
    # htmx swaps in the verdict without leaving the page (the form still works without it).
    expect(page.locator("#draft-result")).to_contain_text("§17.3")
    assert page.url == url
    assert page.locator("#id_draft").input_value().startswith("Lukekaa")
    assert_accessible(page)
    page.locator("#id_draft").fill("   ")
    page.get_by_role("button", name=words["check"]).click()
    page.wait_for_selector("#draft-result .field-error")

    page.locator("#id_summary").fill("Liian lyhyt")
    page.get_by_role("button", name=words["close"]).click()
    page.wait_for_load_state()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.OPEN

    for step in PlaybookStep.values:
        page.locator(f"#state-{step}").select_option("not_needed")
        page.locator(f"#note-{step}").fill("Ei tarvetta tässä tapauksessa.")
        page.locator(f"#state-{step}").locator("xpath=ancestor::form").locator("button").click()
        page.wait_for_load_state()
    page.locator("#id_summary").fill(
        "Sulusta kerrottiin myöhään; korjattu tiedote julkaistiin ja kysymyksiin vastattiin."
    )
    page.get_by_role("button", name=words["close"]).click()
    page.wait_for_load_state()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED
    assert page.locator("#id_summary").count() == 0  # closed: nothing left to work on
    assert_accessible(page)


def test_dismissing_an_alert_needs_a_reason(mavi_page: Any) -> None:
    alert = StormAlert.objects.get()
    alert.pk = None
    alert.status = AlertStatus.NEW
    alert.incident = None
    alert.save()
    page = mavi_page("fi")
    page.goto(f"/incidents/alerts/{alert.pk}/")
    page.locator("#id_reason").fill("Kilpailun arvonta, ei kohu.")
    page.get_by_role("button", name=WORDS["fi"]["dismiss"]).click()
    page.wait_for_load_state()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED
    assert_accessible(page)
