"""The composer's own errors: a post text that shows nothing is refused like an empty one, an
asset that is gone or a broken hidden version number gets a named, linked error and a summary,
and the asset picker says which images have expired rights or lack consent (in words)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from someluotsi.publishing.assets import AssetDetails, asset_create
from someluotsi.publishing.models import Asset, Post
from tests.publishing.conftest import World, image_bytes

DETAILS = AssetDetails(
    title="Uimahalli",
    alt_text="Uimahallin allas aamulla, kaksi uimaria radoilla.",
    photographer="Kaupungin viestintä",
    licence="city",
    consent="obtained",
    consent_note="Suostumukset viestinnän arkistossa 2026/14",
)


def _client(world: World, language: str = "fi") -> Client:
    world.updater.preferred_language = language
    world.updater.save()
    client = Client(headers={"accept-language": language})
    client.force_login(world.updater)
    client.cookies["django_language"] = language
    return client


def _form(world: World, **extra: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Uimahalli",
        "channels": [world.city.pk],
        "text": "Uimahalli avataan maanantaina.",
        "text_sv": "Simhallen öppnar på måndag.",
        "scheduled_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "action": "save",
    }
    data.update(extra)
    return data


def _asset(world: World, title: str, **changes: Any) -> Asset:
    upload = SimpleUploadedFile("kuva.jpg", image_bytes(), content_type="image/jpeg")
    return asset_create(
        actor=world.updater, upload=upload, details=replace(DETAILS, title=title, **changes)
    )


def _described(page: str, element_start: str) -> list[str]:
    """The ids an element (found by the start of its tag) points to with aria-describedby."""
    tag = page[page.index(element_start) :].split(">", 1)[0]
    found = re.search(r'aria-describedby="([^"]+)"', tag)
    assert found, tag
    return found.group(1).split()


@pytest.mark.parametrize("text", ["   ", "\u200b", "\u2060\ufeff", "\u00ad", "\u0301"])
def test_composer_refuses_a_blank_text_like_an_empty_one(world: World, text: str) -> None:
    client = _client(world)
    empty = client.post(reverse("publishing:compose"), _form(world, text=""))
    blank = client.post(reverse("publishing:compose"), _form(world, text=text))
    assert blank.status_code == 200
    assert blank.context["form"].errors["text"] == empty.context["form"].errors["text"]
    assert not Post.objects.exists()


def test_a_variant_text_that_shows_nothing_is_not_kept(world: World) -> None:
    response = _client(world).post(
        reverse("publishing:compose"), _form(world, **{f"variant_text_{world.city.pk}": "\u200b"})
    )
    assert response.status_code == 302
    assert Post.objects.get().targets.get().text == ""


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", "ei ole enää"), ("sv", "finns inte längre"), ("en", "is no longer")],
)
def test_an_asset_that_is_gone_gets_a_named_linked_error(
    world: World, language: str, words: str
) -> None:
    kept = _asset(world, "Allas")
    response = _client(world, language).post(
        reverse("publishing:compose"), _form(world, assets=[str(kept.pk), "99999"])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Post.objects.exists()
    error = re.search(r'<[^>]+id="id_assets_error"[^>]*>(.*?)</span>\s*</span>', page, re.S)
    assert error, page
    assert words in error.group(1)
    assert "id_assets_error" in _described(page, '<fieldset class="choices asset-choices')
    summary = page[page.index('id="form-errors"') :].split("</div>", 1)[0]
    start = page.index('class="form-errors')
    assert 'role="alert"' in page[start : page.index('id="form-errors"')]
    assert words in summary
    assert 'href="#id_assets_0"' in summary


@pytest.mark.parametrize("version", ["abc", "1e999", "-", "9" * 40])
def test_a_broken_version_number_is_reported_not_silently_lost(world: World, version: str) -> None:
    response = _client(world, "en").post(
        reverse("publishing:compose"), _form(world, version=version)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Post.objects.exists()
    summary = page[page.index('id="form-errors"') :].split("</div>", 1)[0]
    assert "reload" in summary.lower()


@pytest.mark.parametrize(
    ("language", "expired", "consent"),
    [
        ("fi", "Käyttöoikeus päättyi", "Suostumus puuttuu"),
        ("sv", "Användningsrätten upphörde", "Samtycke saknas"),
        ("en", "Rights ended", "No consent"),
    ],
)
def test_picker_says_which_images_have_ended_rights_or_lack_consent(
    world: World, language: str, expired: str, consent: str
) -> None:
    _asset(world, "Vanha", rights_expire_on=timezone.localdate() - timedelta(days=3))
    _asset(world, "Ihmisiä", consent="missing", consent_note="")
    _asset(world, "Kunnossa", rights_expire_on=timezone.localdate() + timedelta(days=30))
    page = _client(world, language).get(reverse("publishing:compose")).content.decode()
    labels = {
        title: label
        for label in re.findall(r"<label for=\"id_assets_\d+\">(.*?)</label>", page, re.S)
        for title in ("Vanha", "Ihmisiä", "Kunnossa")
        if title in label
    }
    assert expired in labels["Vanha"]
    assert consent not in labels["Vanha"]
    assert consent in labels["Ihmisiä"]
    assert expired not in labels["Ihmisiä"]
    assert expired not in labels["Kunnossa"]
    assert consent not in labels["Kunnossa"]
