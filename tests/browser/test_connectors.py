"""The live inbox in real Chromium: a comment arrives from the sandbox platform through a signed
webhook, an updater replies and hides from the message page, and the sandbox platform's own page
shows the reply and the hidden comment; the channel page shows the connection; axe everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from someluotsi.connectors.models import SandboxItem
from someluotsi.connectors.sandbox import platform
from someluotsi.inbox.models import Message
from tests.browser.conftest import assert_accessible, login
from tests.connectors.conftest import (
    World,
    sandbox_event_body,
    signed_sandbox_post,
    world,  # noqa: F401 - the fixture
)

pytestmark = pytest.mark.browser


@pytest.fixture
def live(transactional_db: None, world: World) -> tuple[World, Message]:  # noqa: F811 - the fixture
    world.connect_sandbox()
    post = platform.sandbox_post(
        account_id="sbx-kokkola", text="Uimahalli avautuu remontin jälkeen 1.3."
    )
    comment = platform.sandbox_comment(
        account_id="sbx-kokkola",
        thread_id=post.item_id,
        author="Aino K.",
        text="Onko uimahalli auki pyhäpäivinä?",
    )
    assert (
        signed_sandbox_post(
            Client(), sandbox_event_body("sbx-kokkola", comment.item_id)
        ).status_code
        == 200
    )
    return world, Message.objects.get(external_id=comment.item_id)


def test_reply_and_hide_from_the_page_land_on_the_platform(
    page: Any, live: tuple[World, Message]
) -> None:
    city, message = live
    login(page, city.updater.username)
    page.goto(f"/inbox/{message.pk}/")
    panel = page.locator(".platform-panel")
    assert "Uimahalli avautuu" in panel.inner_text()  # the post it answers
    assert_accessible(page)
    page.locator("#platform-reply").fill("Uimahalli on auki pyhäpäivinä klo 10–16. Tervetuloa!")
    panel.locator("form.answer-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".platform-panel .action-status[data-status=done]").count() == 1
    reply = SandboxItem.objects.get(parent_id=message.external_id)
    assert reply.from_account
    assert_accessible(page)
    page.locator(".platform-panel button[value=hide]").click()
    page.wait_for_load_state()
    assert page.locator(".platform-panel .action-status[data-status=done]").count() == 2
    page.goto(f"/connectors/sandbox/items/{message.external_id}/")
    assert (
        page.locator(f"#item-{reply.item_id}").inner_text().count("Uimahalli on auki pyhäpäivinä")
        == 1
    )
    assert page.locator(f"#item-{message.external_id}").get_attribute("data-hidden") == "true"
    assert_accessible(page)


def test_the_channel_page_shows_the_connection_in_swedish(
    page: Any, live: tuple[World, Message]
) -> None:
    city, _message = live
    city.mavi.preferred_language = "sv"
    city.mavi.save()
    login(page, city.mavi.username)
    page.goto(f"/channels/{city.channel.pk}/")
    section = page.locator("#connection-h").locator("xpath=..")
    assert "Kokkola" in section.inner_text()
    assert_accessible(page)
