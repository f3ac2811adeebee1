"""A channel's name of zero-width spaces (or any text that shows nothing) is refused on the
register form, in the API (in the caller's language) and by the model guard on any other path
(core.blank, core.oneline)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from someluotsi.accounts.models import Unit
from someluotsi.channels.forms import RegisterChannelForm
from someluotsi.channels.models import Channel
from someluotsi.core.errors import ApplicationError
from someluotsi.core.oneline import BLANK_MESSAGE
from tests.channels.conftest import City
from tests.core.test_visible_text import INVISIBLE


@pytest.mark.django_db
@pytest.mark.parametrize("value", INVISIBLE[:3])
def test_the_register_form_refuses_a_channel_name_of_zero_width_spaces(
    city: City, value: str
) -> None:
    data: dict[str, Any] = {"platform": "youtube", "name": value, "unit": str(city.unit.pk),
                            "kind": "unit"}  # fmt: skip
    form = RegisterChannelForm(data=data, units=Unit.objects.all())
    assert not form.is_valid()
    assert "name" in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_api_refuses_a_channel_name_of_zero_width_spaces(city: City, language: str) -> None:
    client = APIClient()
    client.force_authenticate(city.mavi)
    body = {"platform": "youtube", "name": "\u200b\u200b", "unit": city.unit.code,
            "kind": "unit", "languages": ["fi"]}  # fmt: skip
    before = Channel.objects.count()
    response = client.post("/api/v1/channels", body, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert "name" in str(response.json())
    assert Channel.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_model_guard_refuses_an_invisible_required_name_on_any_path(
    city: City, language: str
) -> None:
    channel = Channel.objects.first()
    assert channel is not None
    channel.name = "\u200b\u200b"
    with translation.override(language), pytest.raises(ApplicationError) as refused:
        channel.save()
    assert refused.value.code == "blank_text"
    with translation.override(language):
        assert str(BLANK_MESSAGE) in refused.value.message
    channel.name = "\u200bKirjasto"
    channel.save()  # visible: kept as typed


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", "näkymättömiä merkkejä"), ("sv", "osynliga tecken"), ("en", "invisible characters")],
)
def test_the_guards_message_is_worded_in_each_language(language: str, words: str) -> None:
    with translation.override(language):
        assert words in str(BLANK_MESSAGE)
