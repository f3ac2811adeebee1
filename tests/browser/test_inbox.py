"""The inbox end to end in real Chromium: an updater answers in Finnish, a supervisor handles an
escalation in Swedish, the mavi team edits replies and reads the figures; axe on every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from someluotsi.inbox.models import Escalation, Message
from tests.browser.conftest import assert_accessible, login
from tests.inbox.conftest import World, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def city(transactional_db: None, world: World) -> World:  # noqa: F811
    now = timezone.now()
    world.ingest("Milloin kirjasto aukeaa lauantaina?", received_at=now)
    world.ingest("Kiitos upeasta satutunnista!", received_at=now)
    world.ingest("Ammun sinut, kirjastonhoitaja.", received_at=now)
    return world


def test_updater_filters_the_queue_and_answers_in_finnish(page: Any, city: World) -> None:
    login(page, city.updater.username)
    page.goto("/inbox/")
    assert page.locator("main h1").inner_text() == "Saapuneet"
    assert_accessible(page)
    page.locator("#id_category").select_option("question")
    expect(page.locator("#queue-results tbody tr")).to_have_count(1)
    assert "kysymys" in page.locator("#queue-results tbody").inner_text().lower()
    page.get_by_role("link", name="Milloin kirjasto aukeaa lauantaina?").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_reply").fill("Kirjasto on auki lauantaisin klo 10–15.")
    page.get_by_role("button", name="Kirjaa vastaus ja merkitse vastatuksi").click()
    page.wait_for_load_state()
    assert "Vastaus kirjattiin" in page.locator(".messages").inner_text()
    assert "Vastattu" in page.locator(".facts").inner_text()
    message = Message.objects.get(text="Milloin kirjasto aukeaa lauantaina?")
    assert message.reply_text == "Kirjasto on auki lauantaisin klo 10–15."
    assert_accessible(page)


def test_supervisor_acknowledges_and_closes_an_escalation_in_swedish(
    page: Any, city: World
) -> None:
    city.supervisor.preferred_language = "sv"
    city.supervisor.save()
    login(page, city.supervisor.username)
    page.goto("/inbox/escalations/")
    assert page.locator("main h1").inner_text() == "Eskaleringar"
    assert_accessible(page)
    escalation = Escalation.objects.get()
    page.get_by_role("link", name=f"Eskalering {escalation.pk}").click()
    page.wait_for_load_state()
    assert escalation.evidence_sha256 in page.locator("main").inner_text()
    assert "polisanmälan rekommenderas" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Kvittera").click()
    page.wait_for_load_state()
    page.locator("#id_outcome").fill("Anmält till polisen.")
    page.get_by_role("button", name="Stäng eskaleringen").click()
    page.wait_for_load_state()
    assert "Anmält till polisen." in page.locator("main").inner_text()
    escalation.refresh_from_db()
    assert escalation.status == "closed"
    assert escalation.recipients.get(user=city.supervisor).acknowledged_at is not None
    assert_accessible(page)
    # The supervisor sees the escalated message, and no other message of the channel.
    page.goto("/inbox/?status=")
    assert page.locator("#queue-results tbody tr").count() == 1


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_mavi_team_edits_replies_and_reads_the_figures(
    page: Any, city: World, language: str
) -> None:
    city.mavi.preferred_language = language
    city.mavi.save()
    login(page, city.mavi.username)
    page.goto("/inbox/")
    assert page.locator("#queue-results tbody tr").count() == 2  # open: the threat is escalated
    page.goto("/inbox/?status=")
    assert page.locator("#queue-results tbody tr").count() == 3
    assert_accessible(page)
    page.goto("/inbox/replies/")
    assert_accessible(page)
    page.locator("#text-praise-fi").fill("Kiitos, välitämme terveiset!")
    page.locator("#tpl-praise-fi button").click()
    page.wait_for_load_state()
    assert page.locator("#text-praise-fi").input_value() == "Kiitos, välitämme terveiset!"
    assert_accessible(page)
    page.goto("/inbox/figures/")
    assert page.locator("table tbody tr").count() == 2  # both channels of the city
    assert_accessible(page)
