"""Wrong JSON shapes and the schema's language: the product's words, never DRF's.

A list where an object belongs answered "Odotettiin sanakirjaa, saatiin tyyppi list." (DRF's
"Invalid data. Expected a dictionary, but got list."); the product names the JSON types in the
caller's language (core/json_shapes.py). The OpenAPI schema is English whatever the default
language (api/schema.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.factories import ChannelFactory

OBJECT = {
    "fi": "Tähän odotettiin JSON-objektia ({…}), mutta saatiin {got}.",
    "sv": "Här väntades ett JSON-objekt ({…}), men fick {got}.",
    "en": "Expected a JSON object ({…}) here, but got {got}.",
}
LIST = {
    "fi": "Tähän odotettiin JSON-listaa ([…]), mutta saatiin {got}.",
    "sv": "Här väntades en JSON-lista ([…]), men fick {got}.",
    "en": "Expected a JSON list ([…]) here, but got {got}.",
}
GOT = {
    "list": {"fi": "lista", "sv": "en lista", "en": "a list"},
    "string": {"fi": "merkkijono", "sv": "en textsträng", "en": "a string"},
    "number": {"fi": "luku", "sv": "ett tal", "en": "a number"},
    "bool": {"fi": "true tai false", "sv": "true eller false", "en": "true or false"},
    "null": {"fi": "null", "sv": "null", "en": "null"},
    "object": {"fi": "objekti", "sv": "ett objekt", "en": "an object"},
}
SAMPLES = {"list": [1], "string": "x", "number": 5, "bool": True, "null": None, "object": {}}
# DRF's own words, in the three languages, that must never reach a caller.
DRF_WORDS = ("dictionary", "sanakirja", "tyyppi", "ordlista", "Invalid data", "got type")


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _post(client: APIClient, url: str, body: Any, language: str) -> dict[str, Any]:
    response = client.post(
        url, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400, response.content
    error: dict[str, Any] = response.json()["error"]
    assert not any(word in json.dumps(error, ensure_ascii=False) for word in DRF_WORDS), error
    return error


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("shape", ["list", "string", "number", "bool"])
def test_a_body_that_is_no_object_is_named_in_json_terms(
    make_user: Callable[..., User], language: str, shape: str
) -> None:
    """The check API wants an object: a list, string, number or boolean is named as such."""
    error = _post(_client(make_user(Role.EMPLOYEE)), "/api/v1/check", SAMPLES[shape], language)
    expected = OBJECT[language].replace("{got}", GOT[shape][language])
    assert error["details"] == {"non_field_errors": [expected]}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("shape", ["list", "string", "number"])
def test_an_item_of_a_message_list_that_is_no_object_is_named(
    make_user: Callable[..., User], language: str, shape: str
) -> None:
    """ "Odotettiin sanakirjaa, saatiin tyyppi list." for [[…]] on /api/v1/messages."""
    error = _post(
        _client(make_user(Role.SERVICE_ACCOUNT)), "/api/v1/messages", [SAMPLES[shape]], language
    )
    expected = OBJECT[language].replace("{got}", GOT[shape][language])
    assert expected in json.dumps(error["details"], ensure_ascii=False)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(("shape", "field"), [("string", "media"), ("object", "media")])
def test_a_field_that_wants_a_list_names_what_it_got(
    make_user: Callable[..., User], language: str, shape: str, field: str
) -> None:
    body = {"text": "Uimahalli aukeaa maanantaina.", field: SAMPLES[shape]}
    error = _post(_client(make_user(Role.EMPLOYEE)), "/api/v1/check", body, language)
    expected = LIST[language].replace("{got}", GOT[shape][language])
    assert error["details"][field] == [expected]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "Teksti on liian pitkä: 201 merkkiä, enintään 200."),
        ("sv", "Texten är för lång: 201 tecken, högst 200."),
        ("en", "The text is too long: 201 characters, at most 200."),
    ],
)
def test_a_too_long_author_handle_gets_the_products_message(
    make_user: Callable[..., User], language: str, words: str
) -> None:
    """Never DRF's "Arvo saa olla enintään 200 merkkiä pitkä."."""
    channel = ChannelFactory.create(platform="facebook")
    body = {
        "channel": channel.pk,
        "external_id": "fb-1",
        "kind": "comment",
        "text": "Milloin uimahalli aukeaa?",
        "received_at": "2026-11-24T10:00:00+02:00",
        "author_handle": "a" * 201,
    }
    error = _post(_client(make_user(Role.SERVICE_ACCOUNT)), "/api/v1/messages", body, language)
    assert error["details"]["author_handle"] == [words]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_openapi_schema_is_english_whatever_the_language(
    make_user: Callable[..., User], language: str
) -> None:
    """The enum descriptions read "`comment` - Comment", never "`comment` - Kommentti"."""
    client = APIClient()
    for url in ("/api/v1/schema/", f"/api/v1/schema/?lang={language}"):
        response = client.get(
            url, HTTP_ACCEPT_LANGUAGE=language, HTTP_ACCEPT="application/vnd.oai.openapi+json"
        )
        assert response.status_code == 200
        schema = response.content.decode()
        assert "`comment` - Comment" in schema, url
        for word in ("Kommentti", "Kommentar", "Yksityisviesti", "Uutinen"):
            assert word not in schema, (url, word)
