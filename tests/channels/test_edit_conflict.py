"""Editing the channel register is checked for conflicts like post editing: two people open the
form, the first save wins and the second is refused with the other editor named, nothing
written and the second editor's changes still in the form (fi, sv, en)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.forms import channel_edit_initial
from someluotsi.channels.models import Channel
from someluotsi.channels.services import channel_update
from someluotsi.core.conflicts import EditConflictError
from tests.channels.conftest import City

CONFLICT = {
    "fi": "Muutoksiasi ei tallennettu",
    "sv": "Dina ändringar sparades inte",
    "en": "Your changes were not saved",
}


def _client(user: User, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["someluotsi_language"] = language
    return client


def _opened(channel: Channel) -> dict[str, Any]:
    """The edit form's data as a browser opened it now."""
    data: dict[str, Any] = {"action": "edit"}
    for name, value in channel_edit_initial(channel).items():
        if value is None:
            data[name] = ""
        elif isinstance(value, (list, tuple)):
            data[name] = list(value)
        else:
            data[name] = str(value)
    return data


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_second_save_over_the_first_is_refused(city: City, language: str) -> None:
    channel = city.library_ig
    url = f"/channels/{channel.pk}/"
    first, second = _opened(channel), _opened(channel)
    assert (
        _client(city.unit_manager).post(url, {**first, "goals": "First goals"}).status_code == 302
    )
    page = _client(city.mavi, language).post(url, {**second, "goals": "Second goals"})
    text = page.content.decode()
    assert CONFLICT[language] in text
    assert city.unit_manager.get_full_name() in text
    assert "Second goals" in text  # the second editor's changes are still in the form
    channel.refresh_from_db()
    assert channel.goals == "First goals"
    assert AuditEvent.objects.filter(action="channel.updated").count() == 1


def test_saves_one_after_another_both_go_through(city: City) -> None:
    channel = city.library_ig
    url = f"/channels/{channel.pk}/"
    client = _client(city.unit_manager)
    assert client.post(url, {**_opened(channel), "goals": "One"}).status_code == 302
    channel.refresh_from_db()
    assert client.post(url, {**_opened(channel), "goals": "Two"}).status_code == 302
    channel.refresh_from_db()
    assert (channel.goals, channel.version) == ("Two", 3)


@pytest.mark.parametrize("version", ["", "x", "-1", "99999999999"])
def test_a_missing_or_broken_version_saves_nothing(city: City, version: str) -> None:
    channel = city.library_ig
    data = {**_opened(channel), "goals": "Changed", "version": version}
    page = _client(city.unit_manager).post(f"/channels/{channel.pk}/", data)
    assert page.status_code == 200
    assert "version information is damaged" in page.content.decode()
    channel.refresh_from_db()
    assert channel.goals != "Changed"


def test_the_service_refuses_a_stale_version(city: City) -> None:
    channel = city.library_ig
    channel_update(actor=city.unit_manager, channel=channel, data={"goals": "A"}, version=1)
    stale = Channel.objects.get(pk=channel.pk)
    with pytest.raises(EditConflictError) as caught:
        channel_update(actor=city.mavi, channel=stale, data={"goals": "B"}, version=1)
    assert caught.value.code == "edit_conflict"
    assert caught.value.status_code == 409
    assert Channel.objects.get(pk=channel.pk).goals == "A"
    # A save that changes nothing does not move the version.
    channel.refresh_from_db()
    channel_update(actor=city.mavi, channel=channel, data={"goals": "A"}, version=2)
    channel.refresh_from_db()
    assert channel.version == 2
