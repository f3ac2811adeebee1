"""The composer's as-you-type check says what a save would refuse: a text with a NUL (removed
from the form on arrival, core.middleware) or another refused character read "No problems
found." beside the draft, and the save then refused it. Now the check names the field and the
save's own message, in its status line too, and the middleware's general message is not left
behind for the next page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from someluotsi.core.typed_text import first_refused, refused_message
from someluotsi.publishing.models import Post
from tests.publishing.conftest import World

TEXT = "Uimahalli avataan maanantaina.\x00 Tervetuloa! #KokkolaKarleby"


def _form(world: World, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Uimahalli",
        "channels": [world.city.pk],
        "text": TEXT,
        "text_sv": "Simhallen öppnar på måndag. #KokkolaKarleby",
        "scheduled_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(extra)
    return data


def _client(world: World, language: str) -> Client:
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    return client


def _message(text: str, language: str) -> str:
    found = first_refused(text)
    assert found is not None
    with translation.override(language):
        return refused_message(found)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_live_check_refuses_a_nul_with_the_saves_message(world: World, language: str) -> None:
    client = _client(world, language)
    message = _message(TEXT, language)
    checked = client.post(
        reverse("publishing:compose_check"), _form(world), headers={"HX-Request": "true"}
    ).content.decode()
    with translation.override(language):
        label = translation.gettext("Text (Finnish version)")
        no_problems = translation.gettext("No problems found.")
    assert f"{label}: {message}" in checked
    status = checked.split('id="check-status"', 1)[1].split("</p>", 1)[0]
    assert message in status
    assert no_problems not in checked
    # The save refuses the same text with the same words, and keeps nothing.
    saved = client.post(reverse("publishing:compose"), _form(world, action="save"))
    assert saved.status_code == 200
    assert message in saved.content.decode()
    assert not Post.objects.exists()


def test_the_live_check_names_each_field_and_other_refused_characters(world: World) -> None:
    client = _client(world, "en")
    data = _form(
        world, text="Hei", text_sv="Hej\x07 på er", first_comment="Lisää\x00", title="Otsikko"
    )
    checked = client.post(
        reverse("publishing:compose_check"), data, headers={"HX-Request": "true"}
    ).content.decode()
    assert f"Swedish version: {_message(data['text_sv'], 'en')}" in checked
    assert f"First comment: {_message(data['first_comment'], 'en')}" in checked
    assert "No problems found." not in checked


def test_the_nul_message_of_the_middleware_is_not_left_for_the_next_page(world: World) -> None:
    client = _client(world, "en")
    client.post(reverse("publishing:compose_check"), _form(world), headers={"HX-Request": "true"})
    page = client.get(reverse("publishing:calendar")).content.decode()
    assert "NUL characters were removed" not in page


def test_a_clean_text_still_reads_no_problems_and_an_empty_one_is_no_error(
    world: World,
) -> None:
    client = _client(world, "en")
    clean = client.post(
        reverse("publishing:compose_check"),
        _form(world, text="Uimahalli avataan maanantaina. Tervetuloa! #KokkolaKarleby"),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "No problems found." in clean
    empty = client.post(
        reverse("publishing:compose_check"),
        {"text": "", "title": "", "channels": []},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "form-errors" not in empty
    assert "required" not in empty
