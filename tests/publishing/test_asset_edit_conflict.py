"""An asset's details in the shared library (alt texts, rights, consent) are edited through a
form by several people: a save over a teammate's is refused like any stale edit
(core.conflicts), nothing is written and the editor's changes stay in the form (fi, sv, en)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.core.conflicts import EditConflictError
from someluotsi.publishing.assets import AssetDetails, asset_create, asset_update
from someluotsi.publishing.models import Asset
from tests.publishing.conftest import World, image_bytes

pytestmark = pytest.mark.django_db

CONFLICT = {
    "fi": "Muutoksiasi ei tallennettu",
    "sv": "Dina ändringar sparades inte",
    "en": "Your changes were not saved",
}
DETAILS = AssetDetails(
    title="Uimahalli",
    alt_text="Uimahallin allas aamulla.",
    photographer="Kaupungin viestintä",
    licence="city",
    consent="obtained",
    consent_note="Suostumukset arkistossa",
)


def _asset(world: World) -> Asset:
    upload = SimpleUploadedFile("kuva.jpg", image_bytes(), content_type="image/jpeg")
    return asset_create(actor=world.mavi, upload=upload, details=DETAILS)


def _opened(asset: Asset, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": "save",
        "title": asset.title,
        "alt_text": asset.alt_text,
        "photographer": asset.photographer,
        "licence": asset.licence,
        "consent": asset.consent,
        "consent_note": asset.consent_note,
        "version": asset.version,
    }
    data.update(changes)
    return data


def _client(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_stale_asset_save_is_refused_and_loses_nothing(world: World, language: str) -> None:
    asset = _asset(world)
    url = f"/publishing/assets/{asset.pk}/"
    first, second = _opened(asset), _opened(asset)
    response = _client(world.mavi2, "fi").post(url, {**first, "alt_text": "Ensimmäinen kuvaus."})
    assert response.status_code == 302
    page = _client(world.mavi, language).post(url, {**second, "alt_text": "Toinen kuvaus."})
    assert page.status_code == 200
    text = page.content.decode()
    assert CONFLICT[language] in text
    if language != "en":
        assert CONFLICT["en"] not in text
    assert world.mavi2.get_full_name() in text
    assert "Toinen kuvaus." in text  # still in the form
    asset.refresh_from_db()
    assert (asset.alt_text, asset.version, asset.last_edited_by) == (
        "Ensimmäinen kuvaus.",
        2,
        world.mavi2,
    )
    assert AuditEvent.objects.filter(action="asset.edited").count() == 1


def test_asset_saves_one_after_another_both_go_through(world: World) -> None:
    asset = _asset(world)
    url = f"/publishing/assets/{asset.pk}/"
    client = _client(world.mavi, "fi")
    assert client.post(url, _opened(asset, title="Yksi")).status_code == 302
    asset.refresh_from_db()
    assert client.post(url, _opened(asset, title="Kaksi")).status_code == 302
    asset.refresh_from_db()
    assert (asset.title, asset.version) == ("Kaksi", 3)


@pytest.mark.parametrize("version", ["", "x", "-1", "99999999999"])
def test_a_missing_or_broken_asset_version_saves_nothing(world: World, version: str) -> None:
    asset = _asset(world)
    data = _opened(asset, title="Muutettu", version=version)
    page = _client(world.mavi, "fi").post(f"/publishing/assets/{asset.pk}/", data)
    assert page.status_code == 200
    assert "versiotieto on vioittunut" in page.content.decode()
    asset.refresh_from_db()
    assert asset.title == "Uimahalli"


def test_the_asset_service_refuses_a_stale_version(world: World) -> None:
    asset = _asset(world)
    asset_update(actor=world.mavi, asset=asset, details=DETAILS, version=1)
    stale = Asset.objects.get(pk=asset.pk)
    with pytest.raises(EditConflictError) as caught:
        asset_update(actor=world.mavi2, asset=stale, details=DETAILS, version=1)
    assert (caught.value.code, caught.value.status_code) == ("edit_conflict", 409)
