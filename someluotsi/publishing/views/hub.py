"""The ambassador hub and elected officials' clearance requests."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_has_role
from someluotsi.core.access import area_required
from someluotsi.core.blank import is_blank
from someluotsi.core.errors import ApplicationError
from someluotsi.core.middleware import bad_request_page
from someluotsi.core.pages import show_refusal
from someluotsi.core.typed_text import posted_text
from someluotsi.publishing import clearances, hub
from someluotsi.publishing.composing import version_check
from someluotsi.publishing.enums import ClearanceStatus, SharePlatform
from someluotsi.publishing.forms import ClearanceAnswerForm, ClearanceForm, ShareForm
from someluotsi.publishing.selectors import (
    clearance_list_for_user,
    hub_posts,
    share_counts,
    user_sees_share_counts,
)


class ShareRedirect(HttpResponseRedirect):
    """A redirect to a platform's share dialog or to the person's e-mail program (mailto:,
    which Django's redirect refuses by default)."""

    allowed_schemes = ["http", "https", "mailto"]  # noqa: RUF012 (Django's own attribute)


def _share_check(user: User, text: str, key: str) -> Any:
    if is_blank(text):  # nothing to check (the engine refuses a text that shows nothing)
        return None
    report = hub.share_check(user=user, text=text, ui_language=(get_language() or "fi")[:2])
    return version_check(key, _("Your text"), text, None, report)


@require_safe
@area_required(Area.HUB)
def hub_feed(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    posts = list(hub_posts(user=user)[:30])
    counts = share_counts(posts=posts) if user_sees_share_counts(user=user) else {}
    items = [
        {
            "kit": hub.share_kit(post),
            "key": hub.share_key(user=user, post=post),
            "form": ShareForm(initial={"text": post.share_text}),
            "counts": counts.get(post.pk),
        }
        for post in posts
    ]
    return render(
        request,
        "publishing/hub.html",
        {
            "items": items,
            "platforms": SharePlatform,
            "is_elected": user_has_role(user=user, roles={Role.ELECTED}),
            "clearances": clearance_list_for_user(user=user)[:10],
        },
    )


@require_POST
@area_required(Area.HUB)
def hub_share(request: HttpRequest, post_id: int) -> HttpResponse:
    """Check the person's own text (htmx swaps the result in; without JavaScript the page is
    shown again with it), or count a share and open the platform's share dialog."""
    user = cast(User, request.user)
    post = hub_posts(user=user).filter(pk=post_id).first()
    if post is None:
        raise Http404
    form = ShareForm(request.POST)
    text = form.data.get("text", "")[: hub.MAX_SHARE_TEXT]
    kit = hub.share_kit(post)
    checked = _share_check(user, text, f"share-{post.pk}")
    context = {"checked": checked, "kit": kit}
    if getattr(request, "htmx", False):
        return render(request, "publishing/_share_check.html", context)
    item = {
        "kit": kit,
        "key": hub.share_key(user=user, post=post),
        "form": form,
        "checked": checked,
        "counts": None,
    }
    return render(
        request,
        "publishing/hub.html",
        {"items": [item], "platforms": SharePlatform, "single": True, "clearances": []},
    )


@require_safe
@area_required(Area.HUB)
def hub_share_go(request: HttpRequest, post_id: int, platform: str) -> HttpResponse:
    """Count a share and open the platform's share dialog with the person's text. A link, not
    a form: the Content-Security-Policy keeps form submissions on this origin."""
    user = cast(User, request.user)
    post = hub_posts(user=user).filter(pk=post_id).first()
    kit = hub.share_kit(post) if post is not None else None
    if post is None or kit is None or not kit.url or platform not in SharePlatform.values:
        raise Http404
    if not hub.share_key_valid(user=user, post=post, key=request.GET.get("key", "")):
        # Not a link the hub gave this person (one on another site): nothing counted, no
        # redirect with someone else's text.
        raise PermissionDenied
    text = request.GET.get("text", kit.suggested_text)[: hub.MAX_SHARE_TEXT]
    if hub.share_blocked(user=user, text=text, ui_language=(get_language() or "fi")[:2]):
        # The checker found something that must be fixed: never sent out, nothing counted.
        return bad_request_page(
            request,
            _(
                "Your text has a finding that must be fixed before sharing (e.g. a personal "
                "identity code). Check the text in the hub and fix it."
            ),
        )
    try:
        hub.share_record(user=user, post=post, platform=platform)
    except ApplicationError as exc:
        show_refusal(request, exc)
        return HttpResponseRedirect(reverse("publishing:hub"))
    # A connector may give a permalink on this site (the sandbox): the platform needs it whole.
    url = request.build_absolute_uri(kit.url)
    return ShareRedirect(hub.share_url(platform, url=url, text=text))


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.HUB)
def clearance_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ClearanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = clearances.clearance_request(
                requester=user,
                preparer=clearances.preparer_by_email(data["preparer_email"]),
                matter=data["matter"],
                document=data["document"],
                draft_text=data["draft_text"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            flash.success(request, _("The request was sent to the preparing official."))
            return HttpResponseRedirect(reverse("publishing:clearance", args=[item.pk]))
    return render(
        request,
        "publishing/clearances.html",
        {"form": form, "requests": clearance_list_for_user(user=user)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.HUB)
def clearance_detail(request: HttpRequest, clearance_id: int) -> HttpResponse:
    user = cast(User, request.user)
    item = clearance_list_for_user(user=user).filter(pk=clearance_id).first()
    if item is None:
        raise Http404
    answer_form = ClearanceAnswerForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("clear", "refuse"):
                answer_form.is_valid()
                clearances.clearance_answer(
                    actor=user,
                    item=item,
                    cleared=action == "clear",
                    answer=answer_form.cleaned_data.get("answer", ""),
                )
                flash.success(request, _("The answer was recorded."))
            elif action == "draft":
                clearances.clearance_update_draft(
                    actor=user, item=item, draft_text=posted_text(request.POST, "draft_text")
                )
                flash.success(request, _("The draft was saved."))
            elif action == "cancel":
                clearances.clearance_cancel(actor=user, item=item)
                flash.success(request, _("The request was cancelled."))
        except ApplicationError as exc:
            show_refusal(request, exc)
        return HttpResponseRedirect(reverse("publishing:clearance", args=[item.pk]))
    checked = (
        _share_check(user, item.draft_text, "clearance") if user.pk == item.requester_id else None
    )
    return render(
        request,
        "publishing/clearance.html",
        {
            "item": item,
            "answer_form": answer_form,
            "checked": checked,
            "is_preparer": user.pk == item.preparer_id,
            "is_requester": user.pk == item.requester_id,
            "pending": item.status == ClearanceStatus.PENDING,
        },
    )
