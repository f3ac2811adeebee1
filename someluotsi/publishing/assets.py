"""The asset library: uploads checked by their content (never their name), thumbnails with
Pillow, files kept through Django's storage API (a city can use S3-compatible storage).

Refused with a clear message: files over the size limit, anything that is not an image or video
of an accepted type whatever its name says (an executable renamed .jpg), images whose pixel
count would exhaust memory (decompression bombs) and images Pillow cannot decode whole
(truncated ones included, whatever Pillow's process-wide LOAD_TRUNCATED_IMAGES says: WeasyPrint
turns it on for PDFs when it is imported).

Privacy: the stored original of a JPEG, PNG or WebP is what gets published, so its personal
metadata is removed at upload (EXIF with GPS position, camera serial and owner, maker notes; XMP,
which can hold a location; IPTC; comments; PNG text chunks), with the EXIF orientation applied to
the pixels first. The uploader is told (`Asset.metadata_removed` after `asset_create`). GIFs
carry no EXIF and are kept as uploaded; videos are kept as uploaded.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from dataclasses import dataclass
from datetime import date
from typing import Any

import magic
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import AnyUser, user_is_read_only
from someluotsi.audit.services import audit_record
from someluotsi.core.conflicts import claim_version
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.lengths import at_most
from someluotsi.core.pages import uploaded_file_name
from someluotsi.publishing.enums import AssetKind, Consent, Licence
from someluotsi.publishing.models import Asset
from someluotsi.publishing.selectors import asset_can_edit

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
VIDEO_TYPES = frozenset({"video/mp4", "video/quicktime", "video/webm"})
# 40 megapixels: any camera's photo; a bomb of 30,000 × 30,000 pixels (3.6 GB decoded) is not.
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (480, 480)
SNIFF_BYTES = 8192
# Alt texts that say nothing (§1.1): the engine's own list is for post texts.
EMPTY_ALTS = frozenset({"kuva", "image", "bild", "photo", "valokuva", "foto", "img", "picture"})


def max_bytes(kind: AssetKind) -> int:
    """Size limits in bytes (settings PUBLISHING_MAX_IMAGE_MB, PUBLISHING_MAX_VIDEO_MB)."""
    megabytes = (
        settings.PUBLISHING_MAX_IMAGE_MB
        if kind == AssetKind.IMAGE
        else settings.PUBLISHING_MAX_VIDEO_MB
    )
    return int(megabytes) * 1024 * 1024


@dataclass(frozen=True)
class Inspected:
    kind: AssetKind
    content_type: str
    size: int
    sha256: str
    width: int | None
    height: int | None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def inspect_file(upload: File[Any]) -> Inspected:
    """What the file really is, judged by its bytes. Raises ApplicationError (code
    `file_too_large`, `file_type`, `image_too_large`, `image_broken`) with a worded reason."""
    size = upload.size or 0
    largest = max(max_bytes(AssetKind.IMAGE), max_bytes(AssetKind.VIDEO))
    if size == 0:
        raise ApplicationError(_("The file is empty."), code="file_empty")
    if size > largest:
        raise ApplicationError(
            _("The file is %(size)s MB; the limit is %(max)s MB.")
            % {"size": _megabytes(size), "max": _megabytes(largest)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    content_type = magic.from_buffer(head, mime=True)
    if content_type in IMAGE_TYPES:
        kind = AssetKind.IMAGE
    elif content_type in VIDEO_TYPES:
        kind = AssetKind.VIDEO
    else:
        raise ApplicationError(
            _(
                "The file is not an image (JPEG, PNG, GIF, WebP) or a video (MP4, MOV, WebM) "
                "by its content (it looks like %(type)s), whatever its name says."
            )
            % {"type": content_type},
            code="file_type",
        )
    if size > max_bytes(kind):
        raise ApplicationError(
            _("The file is %(size)s MB; the limit is %(max)s MB.")
            % {"size": _megabytes(size), "max": _megabytes(max_bytes(kind))},
            code="file_too_large",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    width = height = None
    if kind == AssetKind.IMAGE:
        width, height = _inspect_image(upload, IMAGE_TYPES[content_type])
    upload.seek(0)
    return Inspected(kind, content_type, size, digest.hexdigest(), width, height)


# Pillow's LOAD_TRUNCATED_IMAGES is one process-wide flag (WeasyPrint sets it on import): the
# check turns it off for its decode, one check at a time, and puts back what it found.
_TRUNCATION_LOCK = threading.Lock()


def _decode_whole(image: Image.Image) -> None:
    """Decode every pixel; a truncated or corrupt file raises OSError whatever the flag says."""
    with _TRUNCATION_LOCK:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _inspect_image(upload: File[Any], expected_format: str) -> tuple[int, int]:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                if image.format != expected_format:
                    raise ApplicationError(
                        _("The image's content does not match its type."), code="file_type"
                    )
                _decode_whole(image)  # truncated or corrupt files fail here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ApplicationError(
            _("The image has too many pixels to be opened safely (at most %(n)d megapixels).")
            % {"n": MAX_PIXELS // 1_000_000},
            code="image_too_large",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ApplicationError(
            _("The image cannot be read; it may be damaged."), code="image_broken"
        ) from exc
    return width, height


def _too_many_pixels(width: int, height: int) -> ApplicationError:
    return ApplicationError(
        _(
            "The image is %(w)d × %(h)d pixels: too many to be opened safely "
            "(at most %(n)d megapixels)."
        )
        % {"w": width, "h": height, "n": MAX_PIXELS // 1_000_000},
        code="image_too_large",
    )


# Metadata kept in a cleaned original: how it is drawn, nothing about who, where or with what.
_PNG_KEEP = frozenset({"dpi", "gamma", "icc_profile", "transparency", "aspect", "srgb"})


def _personal_metadata(image: Image.Image) -> bool:
    info = image.info
    if info.get("exif") or info.get("xmp") or info.get("comment") or info.get("photoshop"):
        return True
    if image.format == "JPEG":
        applist = getattr(image, "applist", [])
        return any(marker in {"APP1", "APP13"} for marker, _data in applist)
    if image.format == "PNG":
        return any(key not in _PNG_KEEP for key in info) or bool(getattr(image, "text", {}))
    return False


def without_personal_metadata(upload: File[Any], content_type: str) -> bytes | None:
    """The image's bytes without its personal metadata and turned upright, or None when it
    carries none (or is a GIF, kept as uploaded). The pixels are re-encoded only as far as
    the format needs: PNG losslessly, JPEG with its own quantisation tables when it needs no
    turning, WebP at high quality."""
    fmt = IMAGE_TYPES.get(content_type)
    if fmt not in {"JPEG", "PNG", "WEBP"}:
        return None
    upload.seek(0)
    with Image.open(upload) as image:
        if not _personal_metadata(image):
            return None
        animated = getattr(image, "n_frames", 1) > 1
        orientation = image.getexif().get(0x0112, 1)
        out = io.BytesIO()
        options: dict[str, Any] = {"icc_profile": image.info.get("icc_profile")}
        if animated:
            image.save(out, fmt, save_all=True, exif=b"", xmp=b"", **options)
        elif fmt == "JPEG":
            if orientation in (1, None):
                options.update(quality="keep", subsampling="keep")
                target: Image.Image = image
            else:
                target = ImageOps.exif_transpose(image)
                options.update(quality=95)
            target.save(out, "JPEG", exif=b"", comment=b"", optimize=True, **options)
        else:
            upright = ImageOps.exif_transpose(image)
            if fmt == "PNG":
                if "transparency" in image.info:
                    options["transparency"] = image.info["transparency"]
                upright.save(out, "PNG", optimize=True, **options)
            else:
                upright.save(out, "WEBP", quality=90, exif=b"", xmp=b"", **options)
    return out.getvalue()


def make_thumbnail(upload: File[Any]) -> ContentFile[bytes]:
    """A JPEG at most 480 px on its longer side, turned upright, without the photo's metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.draft("RGB", THUMBNAIL_SIZE)
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail(THUMBNAIL_SIZE)
        if upright.mode not in ("RGB", "L"):
            background = Image.new("RGB", upright.size, "white")
            rgba = upright.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            upright = background
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=82, optimize=True)
    return ContentFile(out.getvalue(), name="thumbnail.jpg")


@dataclass(frozen=True, kw_only=True)
class AssetDetails:
    """What the library keeps about an asset besides its file."""

    title: str
    alt_text: str
    alt_text_sv: str = ""
    caption: str = ""
    has_captions: bool = False
    photographer: str
    licence: str
    rights_holder: str = ""
    rights_expire_on: date | None = None
    consent: str
    consent_note: str = ""


def _clean_details(details: AssetDetails) -> dict[str, Any]:
    alt = details.alt_text.strip()
    if not alt:
        raise ApplicationError(
            _("Describe the image or video in the alt text (§1.1)."), code="alt_required"
        )
    if alt.lower().strip(".") in EMPTY_ALTS or len(alt) < 5:
        raise ApplicationError(
            _("Describe what the image shows; a word like “image” does not help (§1.1)."),
            code="alt_empty",
        )
    if not details.title.strip():
        raise ApplicationError(_("Give the asset a title."), code="title_required")
    if not details.photographer.strip():
        raise ApplicationError(
            _("Name the photographer or maker (credit and rights)."), code="credit_required"
        )
    if details.licence not in Licence.values:
        raise ApplicationError(_("Choose the licence."), code="licence_required")
    if details.consent not in Consent.values:
        raise ApplicationError(
            _("Say whether recognisable people appear and whether they consented (§2.5)."),
            code="consent_required",
        )
    if details.consent == Consent.OBTAINED and not details.consent_note.strip():
        raise ApplicationError(
            _("Say where the consents are kept (a reference, not the consent itself)."),
            code="consent_note_required",
        )
    return {
        "title": at_most(details.title.strip(), 200, field="title"),
        "alt_text": at_most(alt, 1000, field="alt_text"),
        "alt_text_sv": at_most(details.alt_text_sv.strip(), 1000, field="alt_text_sv"),
        "caption": at_most(details.caption.strip(), 1000, field="caption"),
        "has_captions": details.has_captions,
        "photographer": at_most(details.photographer.strip(), 200, field="photographer"),
        "licence": details.licence,
        "rights_holder": at_most(details.rights_holder.strip(), 200, field="rights_holder"),
        "rights_expire_on": details.rights_expire_on,
        "consent": details.consent,
        "consent_note": at_most(details.consent_note.strip(), 500, field="consent_note"),
    }


@transaction.atomic
def asset_create(*, actor: User, upload: File[Any], details: AssetDetails) -> Asset:
    """Check the file by its content, store it and its thumbnail, and record its details.
    Raises ApplicationError for a refused file or missing details (nothing is stored then)."""
    if not actor.is_authenticated or user_is_read_only(user=actor):
        raise PermissionDeniedError(_("You cannot add to the library."))
    fields = _clean_details(details)
    found = inspect_file(upload)
    original_name = uploaded_file_name(getattr(upload, "name", ""))
    cleaned = (
        without_personal_metadata(upload, found.content_type)
        if found.kind == AssetKind.IMAGE
        else None
    )
    if cleaned is not None:
        upload = ContentFile(cleaned, name=original_name or "upload")
        found = inspect_file(upload)
    asset = Asset(
        kind=found.kind,
        content_type=found.content_type,
        size=found.size,
        sha256=found.sha256,
        width=found.width,
        height=found.height,
        original_name=original_name,
        unit=actor.unit,
        uploaded_by=actor,
        **fields,
    )
    upload.seek(0)
    asset.file.save("upload", upload, save=False)
    if found.kind == AssetKind.IMAGE:
        asset.thumbnail.save("thumbnail.jpg", make_thumbnail(upload), save=False)
    try:
        asset.save()
    except Exception:
        asset.file.delete(save=False)
        if asset.thumbnail:
            asset.thumbnail.delete(save=False)
        raise
    audit_record(
        actor=actor,
        action="asset.added",
        target=asset,
        data={
            "type": found.content_type,
            "size": found.size,
            "sha256": found.sha256,
            "metadata_removed": cleaned is not None,
        },
    )
    asset.metadata_removed = cleaned is not None
    return asset


@transaction.atomic
def asset_update(
    *, actor: AnyUser, asset: Asset, details: AssetDetails, version: int | None = None
) -> Asset:
    """Change an asset's details (title, alt texts, rights, consent). `version` is the asset's
    version the details form started from (the form always sends it; None only for callers
    that hold the row themselves): when someone saved in between, the save is refused with
    core.conflicts.EditConflictError (409) and nothing is written."""
    if not asset_can_edit(user=actor, asset=asset):
        raise PermissionDeniedError(_("You cannot edit this asset."))
    cleaned = _clean_details(details)
    if version is not None:
        claim_version(Asset.objects.all(), asset.pk, version)
    for name, value in cleaned.items():
        setattr(asset, name, value)
    asset.version = F("version") + 1
    asset.last_edited_by = actor if isinstance(actor, User) else None
    asset.save()
    asset.refresh_from_db(fields=["version"])
    audit_record(actor=actor, action="asset.edited", target=asset)
    return asset


@transaction.atomic
def asset_archive(*, actor: AnyUser, asset: Asset) -> Asset:
    """Take an asset out of the library; posts that used it keep it."""
    if not asset_can_edit(user=actor, asset=asset):
        raise PermissionDeniedError(_("You cannot edit this asset."))
    asset.archived = True
    asset.save(update_fields=["archived", "updated_at"])
    audit_record(actor=actor, action="asset.archived", target=asset)
    return asset


def asset_shows_people(asset: Asset) -> bool:
    """Whether the file may show recognisable people (personal data, §2.5): anything but an
    asset its uploader marked as having none."""
    return asset.consent != Consent.NO_PEOPLE


def asset_file_read(*, actor: AnyUser, asset: Asset, request: Any = None) -> None:
    """Record that `actor` opened the asset's full file, when it may show recognisable people
    (`asset.file_viewed`, a reading of personal data); thumbnails in the library's lists are
    not recorded one by one."""
    if not asset_shows_people(asset):
        return
    audit_record(
        actor=actor,
        action="asset.file_viewed",
        target=asset,
        request=request,
        data={"consent": asset.consent, "kind": asset.kind},
    )
