"""A post keeps an image taken out of the library (asset_archive: "posts that used it keep
it"), but the image's page and files answer 404 once it is archived: the post's page names the
image without a link or a thumbnail that would not open (found at 390 px in the demo: the post
linked to a page not found)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from someluotsi.publishing.assets import AssetDetails, asset_archive, asset_create
from someluotsi.publishing.services import post_create
from tests.publishing.conftest import World, draft_input, image_bytes

DETAILS = AssetDetails(
    title="Uimahallin allas",
    alt_text="Uimahallin allas aamulla.",
    photographer="Kaupungin viestintä",
    licence="city",
    consent="no_people",
)


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("fi", "(poistettu kirjastosta)"),
        ("sv", "(borttagen ur biblioteket)"),
        ("en", "(taken out of the library)"),
    ],
)
def test_a_post_names_an_archived_image_without_a_link_that_would_not_open(
    world: World, language: str, note: str
) -> None:
    upload = SimpleUploadedFile("kuva.jpg", image_bytes(), content_type="image/jpeg")
    asset = asset_create(actor=world.updater, upload=upload, details=DETAILS)
    post = post_create(actor=world.updater, data=draft_input([world.city], assets=[asset]))
    world.updater.preferred_language = language
    world.updater.save()
    client = Client()
    client.force_login(world.updater)
    client.cookies["django_language"] = language
    page = client.get(reverse("publishing:post", args=[post.pk])).content.decode()
    assert reverse("publishing:asset", args=[asset.pk]) in page

    asset_archive(actor=world.updater, asset=asset)
    assert client.get(reverse("publishing:asset", args=[asset.pk])).status_code == 404
    response = client.get(reverse("publishing:post", args=[post.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uimahallin allas" in page
    assert note in page
    assert reverse("publishing:asset", args=[asset.pk]) not in page
    assert reverse("publishing:asset_thumb", args=[asset.pk]) not in page
