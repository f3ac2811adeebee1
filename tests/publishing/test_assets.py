"""The asset library refuses files by their content: disguised executables, HTML, oversize
files, decompression bombs and broken images; good images get a thumbnail through storage."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from someluotsi.core.errors import ApplicationError
from someluotsi.publishing.assets import AssetDetails, asset_create
from someluotsi.publishing.enums import AssetKind
from someluotsi.publishing.models import Asset
from tests.publishing.conftest import World, image_bytes

DETAILS = AssetDetails(
    title="Uimahalli",
    alt_text="Uimahallin allas aamulla, kaksi uimaria radoilla.",
    photographer="Kaupungin viestintä",
    licence="city",
    consent="obtained",
    consent_note="Suostumukset viestinnän arkistossa 2026/14",
)


def _upload(content: bytes, name: str = "kuva.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def _png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge image, with a tiny compressed body."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width // 8 + 1) * 16, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_image_is_stored_with_a_thumbnail_and_checked_details(world: World) -> None:
    asset = asset_create(
        actor=world.updater, upload=_upload(image_bytes(size=(2000, 1000))), details=DETAILS
    )
    assert asset.kind == AssetKind.IMAGE
    assert asset.content_type == "image/jpeg"
    assert (asset.width, asset.height) == (2000, 1000)
    assert "kuva" not in asset.file.name  # the uploader's name is never the path
    with asset.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert max(thumb.size) == 480


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
            "kuva.jpg",
            "file_type",
        ),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "photo.png", "file_type"),
        (b"<html><script>alert(1)</script></html>", "bild.jpg", "file_type"),
        (b"#!/bin/sh\nrm -rf /\n", "video.mp4", "file_type"),
        (b"", "tyhja.jpg", "file_empty"),
        (image_bytes()[:300], "katkennut.jpg", "image_broken"),
        (_png_bomb(30_000, 30_000), "pommi.png", "image_too_large"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    world: World, content: bytes, name: str, code: str
) -> None:
    with pytest.raises(ApplicationError) as refused:
        asset_create(actor=world.updater, upload=_upload(content, name), details=DETAILS)
    assert refused.value.code == code
    assert refused.value.message
    assert not Asset.objects.exists()


def test_oversize_file_is_refused_with_the_limit(world: World, settings: Any) -> None:
    settings.PUBLISHING_MAX_IMAGE_MB = 1
    settings.PUBLISHING_MAX_VIDEO_MB = 1
    big = io.BytesIO()
    Image.effect_noise((1400, 1400), 100).convert("RGB").save(big, "PNG")
    assert big.tell() > 1024 * 1024
    with pytest.raises(ApplicationError) as refused:
        asset_create(
            actor=world.updater, upload=_upload(big.getvalue(), "iso.png"), details=DETAILS
        )
    assert refused.value.code == "file_too_large"
    assert "1.0" in refused.value.message


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"alt_text": ""}, "alt_required"),
        ({"alt_text": "Kuva"}, "alt_empty"),
        ({"photographer": " "}, "credit_required"),
        ({"consent": "obtained", "consent_note": ""}, "consent_note_required"),
        ({"licence": "stolen"}, "licence_required"),
    ],
)
def test_missing_details_are_refused(world: World, change: dict[str, str], code: str) -> None:
    details = AssetDetails(**{**DETAILS.__dict__, **change})
    with pytest.raises(ApplicationError) as refused:
        asset_create(actor=world.updater, upload=_upload(image_bytes()), details=details)
    assert refused.value.code == code


def test_upload_page_shows_the_refusal_and_serves_files_only_to_those_who_may_see_them(
    world: World, client: Client
) -> None:
    client.force_login(world.updater)
    response = client.post(
        reverse("publishing:assets"),
        {
            "file": _upload(b"MZ\x90\x00" + b"\x00" * 300, "kuva.jpg"),
            "title": "Kuva",
            "alt_text": "Kirjaston lukusali",
            "photographer": "Anna",
            "licence": "city",
            "consent": "no_people",
        },
    )
    assert response.status_code == 200
    assert "MZ" not in response.content.decode()
    assert not Asset.objects.exists()
    asset = asset_create(actor=world.updater, upload=_upload(image_bytes()), details=DETAILS)
    served = client.get(reverse("publishing:asset_file", args=[asset.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    employee = Client()
    employee.force_login(world.employee)
    assert employee.get(reverse("publishing:asset_file", args=[asset.pk])).status_code == 404
    assert Client().get(reverse("publishing:asset_thumb", args=[asset.pk])).status_code == 404
