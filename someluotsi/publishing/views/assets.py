"""The asset library: list and upload, an asset's details, its file and thumbnail."""

from __future__ import annotations

from typing import cast

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_can_access_area, user_is_read_only
from someluotsi.core.access import area_required
from someluotsi.core.conflicts import EditConflictError
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import show_refusal
from someluotsi.publishing import assets as library
from someluotsi.publishing.enums import Consent, PostStatus
from someluotsi.publishing.forms import AssetForm
from someluotsi.publishing.models import Asset
from someluotsi.publishing.selectors import asset_can_edit, asset_list_for_user


def _details(form: AssetForm) -> library.AssetDetails:
    data = form.cleaned_data
    return library.AssetDetails(
        title=data["title"],
        alt_text=data["alt_text"],
        alt_text_sv=data.get("alt_text_sv") or "",
        caption=data.get("caption") or "",
        has_captions=bool(data.get("has_captions")),
        photographer=data["photographer"],
        licence=data["licence"],
        rights_holder=data.get("rights_holder") or "",
        rights_expire_on=data.get("rights_expire_on"),
        consent=data["consent"],
        consent_note=data.get("consent_note") or "",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.PUBLISHING)
def asset_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = AssetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is None:
            form.add_error("file", _("Choose a file."))
        else:
            try:
                asset = library.asset_create(actor=user, upload=upload, details=_details(form))
            except ApplicationError as exc:
                if exc.status_code == 403:
                    show_refusal(request, exc)
                form.add_error(
                    "file" if exc.code.startswith(("file", "image")) else None, exc.message
                )
            else:
                flash.success(request, _("The file was added to the library."))
                if asset.metadata_removed:
                    flash.info(
                        request,
                        _(
                            "The image's location and camera details (GPS position, serial "
                            "number, comments) were removed from the stored file."
                        ),
                    )
                return HttpResponseRedirect(reverse("publishing:asset", args=[asset.pk]))
    assets = asset_list_for_user(user=user)
    return render(
        request,
        "publishing/assets.html",
        {
            "form": form,
            "assets": assets[:200],
            "today": timezone.localdate(),
            "Consent": Consent,
            "writer": not user_is_read_only(user=user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.PUBLISHING)
def asset_detail(request: HttpRequest, asset_id: int) -> HttpResponse:
    user = cast(User, request.user)
    asset = asset_list_for_user(user=user).filter(pk=asset_id).first()
    if asset is None:
        raise Http404
    editable = asset_can_edit(user=user, asset=asset)
    form = AssetForm(request.POST or None, editing=True, initial={
        name: getattr(asset, name)
        for name in ("title", "alt_text", "alt_text_sv", "caption", "has_captions", "photographer",
                     "licence", "rights_holder", "rights_expire_on", "consent", "consent_note",
                     "version")
    })  # fmt: skip
    conflict = False
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        try:
            if request.POST.get("action") == "archive":
                library.asset_archive(actor=user, asset=asset)
                flash.success(request, _("The asset was taken out of the library."))
                return HttpResponseRedirect(reverse("publishing:assets"))
            if form.is_valid():
                library.asset_update(
                    actor=user,
                    asset=asset,
                    details=_details(form),
                    version=form.cleaned_data["version"],
                )
                flash.success(request, _("Saved."))
                return HttpResponseRedirect(reverse("publishing:asset", args=[asset.pk]))
        except EditConflictError as exc:
            # Someone saved after this form was opened: nothing was written, and the editor's
            # changes stay in the form with the message.
            conflict = True
            form.add_error(None, exc.message)
        except ApplicationError as exc:
            show_refusal(request, exc)
    context = {
        "asset": asset,
        "form": form,
        "editable": editable,
        "today": timezone.localdate(),
        "conflict": conflict,
    }
    return render(request, "publishing/asset.html", context)


def _readable_asset(user: User, asset_id: int) -> Asset:
    """The library's people see every asset; the hub's see those of shareable published posts."""
    asset = Asset.objects.filter(pk=asset_id).first()
    if asset is None:
        raise Http404
    if user_can_access_area(user=user, area=Area.PUBLISHING):
        return asset
    shared = asset.posts.filter(shareable=True, status=PostStatus.PUBLISHED).exists()
    if shared and user_can_access_area(user=user, area=Area.HUB):
        return asset
    raise Http404


@require_safe
def asset_file(request: HttpRequest, asset_id: int, variant: str = "file") -> FileResponse:
    """The file (or thumbnail) read through the storage API, only for those who may see it."""
    if not request.user.is_authenticated:
        raise Http404
    asset = _readable_asset(request.user, asset_id)
    thumb = variant == "thumb" and bool(asset.thumbnail)
    stored = asset.thumbnail if thumb else asset.file
    if not thumb:
        library.asset_file_read(actor=request.user, asset=asset, request=request)
    content_type = "image/jpeg" if thumb else asset.content_type
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    )
    return response
