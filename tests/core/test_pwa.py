"""The installable app: manifest, service worker and offline page are public and personal-free."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.core.pwa import precached_urls

pytestmark = pytest.mark.django_db


def test_manifest_names_the_app_and_its_icons(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    body = json.loads(response.content)
    assert body["name"] == "Someluotsi"
    assert body["start_url"] == "/"
    assert body["display"] == "standalone"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in body["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_manifest_is_in_the_readers_language(client: Client) -> None:
    client.cookies["someluotsi_language"] = "sv"
    body = json.loads(client.get("/manifest.webmanifest").content)
    assert body["lang"] == "sv"
    assert body["description"] == "Karleby stad – lots för sociala medier"


def test_service_worker_is_served_for_the_whole_site(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    for url in precached_urls():
        assert json.dumps(url) in script
    assert "&quot;" not in script  # JSON, not HTML-escaped


def test_only_public_files_are_precached() -> None:
    urls = precached_urls()
    assert "/offline/" in urls
    assert all(url == "/offline/" or url.startswith("/static/") for url in urls)


def test_offline_page_holds_nothing_personal(client_for: Callable[..., Client]) -> None:
    client = client_for(Role.MAVI, first_name="Maija", last_name="Mäkelä")
    page = client.get("/offline/").content.decode()
    assert "Ei verkkoyhteyttä" in page
    assert 'lang="sv"' in page
    assert 'lang="en"' in page
    assert "Mäkelä" not in page
    assert "csrf" not in page.lower()


def test_every_page_links_the_manifest_and_registers_the_worker(
    client_for: Callable[..., Client],
) -> None:
    page = client_for(Role.EMPLOYEE).get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-service-worker="/sw.js"' in page
