"""The metrics dashboard, an export import, reports and the storm-to-incident flow in real
Chromium on the demo data, in Finnish and in Swedish, with axe on every page (issue 8's "done
when")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from someluotsi.accounts.models import User
from someluotsi.channels.enums import Platform
from someluotsi.channels.models import Channel
from someluotsi.demo.load import demo_load
from someluotsi.incidents.enums import AlertStatus, IncidentStatus, PlaybookStep
from someluotsi.incidents.models import Incident, StormAlert
from someluotsi.metrics.enums import ImportStatus, Metric
from someluotsi.metrics.models import MetricImport, MetricValue
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS
from tests.browser.conftest import assert_accessible, login
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

EXPORTS = SAMPLE_EXPORTS

WORDS = {
    "fi": {
        "read": "Lue tiedosto",
        "apply": "Tallenna tuodut arvot",
        "download": "Lataa raportti",
        "open": "Avaa tilanne",
        "check": "Tarkista vastaus",
        "close": "Sulje tilanne",
        "dismiss": "Hylkää hälytys",
    },
    "sv": {
        "read": "Läs filen",
        "apply": "Tillämpa importen",
        "download": "Ladda ner rapporten",
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
def test_dashboard_import_and_reports(mavi_page: Any, language: str, tmp_path: Path) -> None:
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

    page.goto("/metrics/")
    report = page.locator("form[action$='/metrics/report/']")
    report.locator("#id_language").select_option(language)
    for fmt, magic in (("pdf", b"%PDF"), ("csv", None)):
        report.locator("#id_format").select_option(fmt)
        # A year of eleven channels is some 30 designed pages: allow it time under load.
        with page.expect_download(timeout=180_000) as info:
            report.get_by_role("button", name=words["download"]).click(no_wait_after=True)
        saved = tmp_path / f"report.{fmt}"
        info.value.save_as(saved)
        data = saved.read_bytes()
        if magic:
            assert data.startswith(magic)
        else:
            text = data.decode("utf-8-sig")
            assert youtube.name in text
            assert text.count("\n") > 3


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
    page.wait_for_function("document.querySelector('#draft-result').innerText.includes('§17.3')")
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
