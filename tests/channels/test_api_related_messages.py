"""A name in an API body that matches nothing is refused with a sentence in the request's
language ("No unit with the code “nope”."), never DRF's "Object with code=nope does not
exist." or its Finnish "Objektia (code=nope) ei ole."; every writable related field of the API
is a NamedSlugRelatedField (someluotsi/api/related.py)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField
from rest_framework.test import APIClient

import someluotsi
from someluotsi.accounts.models import User
from someluotsi.api.related import NamedSlugRelatedField
from tests.channels.conftest import City

MISSING_UNIT = {
    "fi": "Yksikköä koodilla “nope” ei ole.",
    "sv": "Det finns ingen enhet med koden “nope”.",
    "en": "No unit with the code “nope”.",
}
MISSING_USER = {
    "fi": "Aktiivista käyttäjää tunnuksella “kukaan” ei ole.",
    "sv": "Det finns ingen aktiv användare med användarnamnet “kukaan”.",
    "en": "No active user with the username “kukaan”.",
}
TECHNICAL = ("Object with", "Objektia", "Objekt med", "=nope", "=kukaan", "does not exist")


def _client(user: User, language: str) -> APIClient:
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.refresh_from_db()
    client = APIClient()
    client.force_authenticate(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


def _details(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.content
    return {k: [str(v) for v in vs] for k, vs in response.json()["error"]["details"].items()}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_unit_or_user_is_named_in_the_requests_language(
    city: City, language: str
) -> None:
    request = {
        "unit": "nope",
        "platform": "tiktok",
        "name": "Kirjasto TikTok",
        "maintainers": [city.requester.username, "kukaan"],
        "goals": "Reading tips for young people.",
        "target_groups": ["youth"],
        "languages": ["fi"],
        "hours_per_week": "3.0",
        "why_not_existing": "Weekly reading tips.",
    }
    details = _details(
        _client(city.requester, language).post("/api/v1/channel-requests", request, format="json")
    )
    assert details["unit"] == [MISSING_UNIT[language]]
    assert details["maintainers"] == [MISSING_USER[language]]
    channel = {"platform": "youtube", "name": "Kirjasto YT", "unit": "nope", "kind": "unit"}
    details = _details(
        _client(city.mavi, language).post("/api/v1/channels", channel, format="json")
    )
    assert details["unit"] == [MISSING_UNIT[language]]
    text = " ".join(message for messages in details.values() for message in messages)
    assert not any(word in text for word in TECHNICAL)


@pytest.mark.django_db
def test_a_name_that_is_no_text_or_very_long_is_refused_plainly(city: City) -> None:
    client = _client(city.mavi, "en")
    channel = {"platform": "youtube", "name": "Kirjasto YT", "kind": "unit"}
    for bad in ([1], {"code": "x"}, None, True):
        details = _details(client.post("/api/v1/channels", {**channel, "unit": bad}, format="json"))
        assert details["unit"] != [], bad
        assert not any(word in " ".join(details["unit"]) for word in TECHNICAL)
    long = "x" * 5000
    [message] = _details(client.post("/api/v1/channels", {**channel, "unit": long}, format="json"))[
        "unit"
    ]
    assert len(message) < 200
    assert message.endswith("…”.")


# A serializer reads a client's input where an API module builds it with data=...: the
# input serializers (ChannelInputSerializer(data=request.data)); the output ones are never
# validated. A generic create or update view (get_serializer(data=...)) would read its
# serializer_class too: none exists, and the test says so if one comes.
INPUT = re.compile(r"(\w+Serializer)\(\s*data=")


def test_every_writable_related_field_of_the_api_names_what_it_missed() -> None:
    inputs: list[type[serializers.Serializer[Any]]] = []
    for path in sorted(Path(someluotsi.__file__).parent.glob("*/apis.py")):
        source = path.read_text(encoding="utf-8")
        assert "get_serializer(data" not in source, path
        module = importlib.import_module(f"someluotsi.{path.parent.name}.apis")
        inputs += [getattr(module, name) for name in set(INPUT.findall(source))]
    plain = []
    checked = 0
    for cls in inputs:
        for name, field in cls().fields.items():
            inner = field.child_relation if isinstance(field, ManyRelatedField) else field
            if not isinstance(inner, RelatedField) or field.read_only:
                continue
            checked += 1
            if not isinstance(inner, NamedSlugRelatedField):
                plain.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert len(inputs) >= 8
    assert checked >= 3  # the channel's unit, the request's unit and maintainers
    assert sorted(plain) == []
