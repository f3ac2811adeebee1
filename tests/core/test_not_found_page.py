"""A missing page shows the product's own 404 page (the site shell, in the reader's language)
even with DEBUG on, as in the demo that tools/run starts: never Django's English technical page
(core.middleware.NotFoundPageMiddleware). Both kinds of 404: no route at all (the URL
resolver) and a view's Http404 (an id that does not exist)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE = {
    "fi": ("Sivua ei löytynyt", "Etusivu"),
    "sv": ("Sidan hittades inte", "Startsida"),
    "en": ("Page not found", "Front page"),
}
# What only Django's technical 404 page says.
TECHNICAL = ("Using the URLconf defined in", "DEBUG = True", "technical_404")
# A path no route matches; and one whose route exists but whose object does not.
NO_ROUTE = "/ei-tallaista-sivua/"
NO_OBJECT = "/channels/999999/"


def _client(language: str, logged_in: bool) -> Client:
    client = Client()
    client.cookies["someluotsi_language"] = language
    if logged_in:
        from someluotsi.accounts.enums import Role

        client.force_login(UserFactory.create(preferred_language=language, roles=[Role.MAVI]))
    return client


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("path", "logged_in"), [(NO_ROUTE, False), (NO_ROUTE, True), (NO_OBJECT, True)]
)
def test_a_missing_page_is_the_products_404_in_the_readers_language(
    debug: bool, language: str, path: str, logged_in: bool
) -> None:
    with override_settings(DEBUG=debug):
        response = _client(language, logged_in).get(path)
    assert response.status_code == 404
    text = response.content.decode()
    title, link = PAGE[language]
    assert f"<h1>{title}</h1>" in text
    assert link in text
    assert '<html lang="' + language in text  # the site shell, in the reader's language
    for technical in TECHNICAL:
        assert technical not in text
    if language != "en":
        assert "Page not found" not in text


def test_the_technical_page_only_when_asked_for() -> None:
    """Near miss: DJANGO_DEBUG_TECHNICAL_404=true keeps Django's page for a developer."""
    with override_settings(DEBUG=True, DEBUG_TECHNICAL_404=True):
        response = _client("fi", False).get(NO_ROUTE)
    assert response.status_code == 404
    assert "Using the URLconf defined in" in response.content.decode()


@override_settings(DEBUG=True)
def test_pages_that_exist_and_slash_redirects_are_untouched() -> None:
    client = _client("fi", True)
    assert client.get("/").status_code == 200
    redirect = client.get("/channels")
    assert (redirect.status_code, redirect["Location"]) == (301, "/channels/")


@override_settings(DEBUG=True)
def test_the_api_keeps_its_error_shape() -> None:
    response = _client("fi", False).get("/api/v1/ei-tallaista/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"
