"""The composer: a new post or a draft, with the guideline check as you type (htmx posts the
form to `compose_check` after a pause in typing) and without JavaScript on "Check"."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.core.access import area_required
from someluotsi.core.conflicts import EditConflictError
from someluotsi.core.errors import ApplicationError
from someluotsi.core.idempotency import new_form_key
from someluotsi.core.pages import posted_id, show_refusal
from someluotsi.publishing import services
from someluotsi.publishing.composing import Analysis, analyse
from someluotsi.publishing.forms import DATETIME_INPUT, ComposerForm, composer_initial
from someluotsi.publishing.models import Asset, Campaign, Post
from someluotsi.publishing.selectors import (
    asset_list_for_user,
    campaign_list,
    channel_policy,
    post_can_edit,
    post_get_for_user,
    publishable_channels,
)
from someluotsi.publishing.transitions import post_url


def _channels(user: User, post: Post | None) -> QuerySet[Channel]:
    allowed = publishable_channels(user=user)
    if post is None:
        return allowed
    current = [t.channel_id for t in post.targets.all()]
    return (
        Channel.objects.filter(Q(pk__in=allowed.values("pk")) | Q(pk__in=current))
        .select_related("unit", "publishing_policy")
        .order_by("platform", "name")
    )


def _assets(user: User, post: Post | None) -> QuerySet[Asset]:
    library = asset_list_for_user(user=user)
    if post is None:
        return library
    return Asset.objects.filter(
        Q(pk__in=library.values("pk")) | Q(pk__in=post.assets.values("pk"))
    ).order_by("-created_at")


def _ids(values: list[str]) -> list[int]:
    return [number for number in (posted_id(v) for v in values) if number]


def _parse_time(value: str) -> Any:
    from datetime import datetime

    for pattern in DATETIME_INPUT:
        try:
            return timezone.make_aware(datetime.strptime(value.strip(), pattern))  # noqa: DTZ007
        except (ValueError, OverflowError):
            continue
    return None


def _composer_form(request: HttpRequest, user: User, post: Post | None) -> ComposerForm:
    return ComposerForm(
        request.POST,
        channels=_channels(user, post),
        assets=_assets(user, post),
        campaigns=campaign_list(),
    )


def analysis_from_post(
    request: HttpRequest, user: User, post: Post | None, form: ComposerForm | None = None
) -> Analysis:
    """Analyse the composer's fields as posted, valid or not (typing is never an error), with
    first what a save would refuse in the texts as typed (`form`: the posted composer form,
    made here when not given), in the save's own words: a NUL removed on arrival
    (core.middleware) must not read "No problems found" here and be refused on saving."""
    data = request.POST
    channels = list(_channels(user, post).filter(pk__in=_ids(data.getlist("channels"))))
    assets = list(_assets(user, post).filter(pk__in=_ids(data.getlist("assets"))))
    campaign_id = posted_id(data.get("campaign"))
    campaign = Campaign.objects.filter(pk=campaign_id).first() if campaign_id else None
    variants = {
        channel.pk: (
            data.get(f"variant_text_{channel.pk}", "")[:10_000],
            data.get(f"variant_link_{channel.pk}", "")[:1000],
            data.get(f"variant_comment_{channel.pk}", "")[:2000],
        )
        for channel in channels
    }
    when = _parse_time(data.get("scheduled_at", ""))
    refused = (form or _composer_form(request, user, post)).typed_text_problems()
    analysis = analyse(
        text=data.get("text", "")[:10_000],
        text_sv=data.get("text_sv", "")[:10_000],
        channels=channels,
        assets=assets,
        campaign=campaign,
        variants=variants,
        link=data.get("link", "")[:1000].strip(),
        first_comment=data.get("first_comment", "")[:2000],
        publish_day=timezone.localdate(when) if when else None,
        needs_swedish=any(channel_policy(c).bilingual for c in channels),
        ui_language=(get_language() or "fi")[:2],
    )
    return replace(analysis, errors=[*refused, *analysis.errors]) if refused else analysis


def _analysis_for(post: Post) -> Analysis:
    targets = list(post.targets.all())
    return analyse(
        text=post.text,
        text_sv=post.text_sv,
        channels=[t.channel for t in targets],
        assets=list(post.assets.all()),
        campaign=post.campaign,
        variants={t.channel_id: (t.text, t.link, t.first_comment) for t in targets},
        link=post.link,
        first_comment=post.first_comment,
        publish_day=timezone.localdate(post.scheduled_at) if post.scheduled_at else None,
        needs_swedish=any(channel_policy(t.channel).bilingual for t in targets),
        ui_language=(get_language() or "fi")[:2],
    )


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.PUBLISHING)
def compose(request: HttpRequest, post_id: int | None = None) -> HttpResponse:
    user = cast(User, request.user)
    post = None
    if post_id is not None:
        post = post_get_for_user(user=user, post_id=post_id)
        if post is None:
            from django.http import Http404

            raise Http404
        if not post_can_edit(user=user, post=post):
            raise PermissionDenied
    elif not publishable_channels(user=user).exists():
        flash.info(request, _("You do not maintain a channel you could publish to."))
    kwargs: dict[str, Any] = {
        "channels": _channels(user, post),
        "assets": _assets(user, post),
        "campaigns": campaign_list(),
    }
    analysis = None
    conflict = False
    if request.method == "POST":
        form = ComposerForm(request.POST, **kwargs)
        action = request.POST.get("action", "save")
        analysis = analysis_from_post(request, user, post, form)
        if action != "check" and form.is_valid():
            try:
                if post is None:
                    saved, created = services.post_create_once(
                        actor=user, data=form.to_input(), key=form.cleaned_data["form_key"]
                    )
                    if not created:
                        # The same form sent again (a double click, a reload): the first
                        # result, never a second post.
                        flash.info(request, _("This form was already sent: here is its post."))
                        return HttpResponseRedirect(post_url(saved))
                else:
                    version = form.cleaned_data.get("version") or 0
                    saved = services.post_update(
                        actor=user, post=post, version=version, data=form.to_input()
                    )
                if action == "submit":
                    try:
                        services.post_submit(actor=user, post=saved)
                    except ApplicationError as exc:
                        flash.warning(request, _("The draft was saved.") + " " + exc.message)
                    else:
                        flash.success(request, _("The post was sent for review."))
                else:
                    flash.success(request, _("The draft was saved."))
                return HttpResponseRedirect(post_url(saved))
            except EditConflictError as exc:
                conflict = True
                form.add_error(None, exc.message)
            except ApplicationError as exc:
                if exc.status_code == 403:
                    show_refusal(request, exc)
                form.add_error(None, exc.message)
    else:
        initial = composer_initial(post) if post else {"form_key": new_form_key()}
        form = ComposerForm(initial=initial, **kwargs)
        if post is not None:
            analysis = _analysis_for(post)
    context = {"form": form, "post": post, "analysis": analysis, "conflict": conflict}
    return render(request, "publishing/compose.html", context)


@require_POST
@area_required(Area.PUBLISHING)
def compose_check(request: HttpRequest) -> HttpResponse:
    """The as-you-type check: the panel beside the draft (htmx swaps it in)."""
    user = cast(User, request.user)
    post = None
    post_id = posted_id(request.POST.get("post"))
    if post_id:
        post = post_get_for_user(user=user, post_id=post_id)
    analysis = analysis_from_post(request, user, post)
    return render(request, "publishing/_check_panel.html", {"analysis": analysis, "oob": True})
