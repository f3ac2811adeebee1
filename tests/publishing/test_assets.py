"""The asset library refuses files by their content: disguised executables, HTML, oversize
files, decompression bombs and broken images; good images get a thumbnail through storage."""

from __future__ import annotations

import io
import re
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
    # The refused file's bytes are not echoed in any form; the page's random CSRF tokens
    # (long runs of letters and digits) may hold "MZ" and are left out of the look.
    page = re.sub(r"[A-Za-z0-9]{32,}", "", response.content.decode())
    assert "MZ" not in page
    assert not Asset.objects.exists()
    asset = asset_create(actor=world.updater, upload=_upload(image_bytes()), details=DETAILS)
    served = client.get(reverse("publishing:asset_file", args=[asset.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    employee = Client()
    employee.force_login(world.employee)
    assert employee.get(reverse("publishing:asset_file", args=[asset.pk])).status_code == 404
    assert Client().get(reverse("publishing:asset_thumb", args=[asset.pk])).status_code == 404


def _noisy(fmt: str, size: tuple[int, int] = (400, 300)) -> bytes:
    """An image with detail (a flat one decodes whole from its first few hundred bytes)."""
    image = Image.effect_noise(size, 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "puoli.jpg"), ("PNG", "puoli.png")])
def test_a_truncated_image_is_refused_even_after_a_pdf_was_made(
    world: World, fmt: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint turns Pillow's process-wide LOAD_TRUNCATED_IMAGES on when it is imported and
    used; the asset check decodes with it off, and leaves it as it found it."""
    from PIL import ImageFile

    from someluotsi.core.documents import render_pdf

    render_pdf("documents/base.html", {}, language="fi")
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint leaves it
    whole = _noisy(fmt)
    with pytest.raises(ApplicationError) as refused:
        asset_create(
            actor=world.updater, upload=_upload(whole[: len(whole) // 2], name), details=DETAILS
        )
    assert refused.value.code == "image_broken"
    assert not Asset.objects.exists()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def _jpeg_with_gps(orientation: int = 1) -> bytes:
    image = Image.effect_noise((300, 200), 40).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "Kamerayhtiö"  # Make
    exif[0x0110] = "Malli 7"  # Model
    exif[0x0112] = orientation
    exif[0x013B] = "Matti Meikäläinen"  # Artist
    exif[0xA431] = "SN-123456"  # BodySerialNumber (in the Exif IFD below)
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (63.0, 50.0, 18.0)
    gps[3] = "E"
    gps[4] = (23.0, 7.0, 48.0)
    exif.get_ifd(0x8769)[0xA431] = "SN-123456"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"Kotiosoite Pitkansillankatu 1")
    return out.getvalue()


def _stored(asset: Asset) -> bytes:
    with asset.file.open("rb") as handle:
        return bytes(handle.read())


def test_the_stored_original_loses_its_location_and_camera_details(
    world: World, client: Client
) -> None:
    original = _jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:  # the fixture carries what it should
        assert before.getexif().get_ifd(0x8825)
    client.force_login(world.updater)
    response = client.post(
        reverse("publishing:assets"),
        {
            "file": _upload(original, "loma.jpg"),
            "title": "Ranta",
            "alt_text": "Hiekkaranta ja laituri iltapäivällä",
            "photographer": "Anna",
            "licence": "city",
            "consent": "no_people",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "GPS" in response.content.decode()  # the uploader is told
    asset = Asset.objects.get()
    stored = _stored(asset)
    with Image.open(io.BytesIO(stored)) as after:
        exif = after.getexif()
        assert not exif.get_ifd(0x8825)
        assert not set(exif) & {0x8825, 0x010F, 0x0110, 0x013B}
        assert "comment" not in after.info
        assert after.size == (300, 200)
    assert b"SN-123456" not in stored
    assert b"Kotiosoite" not in stored
    assert asset.size == len(stored)
    served = client.get(reverse("publishing:asset_file", args=[asset.pk]))
    assert b"".join(served.streaming_content) == stored  # type: ignore[attr-defined]


def test_orientation_is_applied_before_the_exif_goes(world: World) -> None:
    # 6: the camera was turned; the picture is shown rotated 90° clockwise.
    asset = asset_create(
        actor=world.updater, upload=_upload(_jpeg_with_gps(orientation=6)), details=DETAILS
    )
    assert asset.metadata_removed
    with Image.open(io.BytesIO(_stored(asset))) as after:
        assert after.size == (200, 300)
        assert not after.getexif()
    assert (asset.width, asset.height) == (200, 300)


def test_png_text_with_a_location_is_removed_and_an_image_without_metadata_kept_as_is(
    world: World,
) -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "63.8385 N, 23.1300 E")
    out = io.BytesIO()
    Image.new("RGB", (50, 40), (1, 2, 3)).save(out, "PNG", pnginfo=info)
    asset = asset_create(
        actor=world.updater, upload=_upload(out.getvalue(), "kartta.png"), details=DETAILS
    )
    assert asset.metadata_removed
    assert b"63.8385" not in _stored(asset)
    plain = image_bytes()
    kept = asset_create(actor=world.updater, upload=_upload(plain), details=DETAILS)
    assert not kept.metadata_removed
    assert _stored(kept) == plain


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("sv", "Stadsbiblioteket", "Kaupunginkirjasto"),
        ("en", "City Library", "Kaupunginkirjasto"),
        ("fi", "Kaupunginkirjasto", "Stadsbiblioteket"),
    ],
)
def test_the_library_names_the_assets_unit_in_the_readers_language(
    world: World, client: Client, language: str, shown: str, not_shown: str
) -> None:
    unit = world.updater.unit
    assert unit is not None
    unit.name_fi, unit.name_sv, unit.name_en = (
        "Kaupunginkirjasto",
        "Stadsbiblioteket",
        "City Library",
    )
    unit.save()
    asset = asset_create(actor=world.updater, upload=_upload(image_bytes()), details=DETAILS)
    world.updater.preferred_language = language
    world.updater.save()
    client.force_login(world.updater)
    for url in (reverse("publishing:assets"), reverse("publishing:asset", args=[asset.pk])):
        page = client.get(url).content.decode()
        assert shown in page
        assert not_shown not in page
