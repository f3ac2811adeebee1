"""Publishing settings pages: each channel's approval policy and connection, and campaigns."""

from __future__ import annotations

from typing import cast

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_managed_units
from someluotsi.channels.selectors import (
    channel_can_staff,
    channel_list_for_user,
    user_is_city_wide,
)
from someluotsi.core.access import area_required
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import posted_id, show_refusal
from someluotsi.publishing import platforms, policies
from someluotsi.publishing.forms import CampaignForm, PolicyForm
from someluotsi.publishing.limits import limits_for
from someluotsi.publishing.models import Campaign
from someluotsi.publishing.selectors import campaign_list, channel_policy


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.PUBLISHING)
def channel_policies(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    channels = channel_list_for_user(user=user).select_related("publishing_policy")
    if request.method == "POST":
        channel = get_object_or_404(channels, pk=posted_id(request.POST.get("channel")))
        form = PolicyForm(request.POST)
        if form.is_valid():
            try:
                policies.channel_policy_save(
                    actor=user,
                    channel=channel,
                    approval=form.cleaned_data["approval"],
                    bilingual=form.cleaned_data["bilingual"],
                )
                flash.success(request, _("Saved."))
            except ApplicationError as exc:
                show_refusal(request, exc)
        return HttpResponseRedirect(reverse("publishing:channels"))
    rows = []
    for channel in channels.order_by("platform", "name"):
        policy = channel_policy(channel)
        rows.append(
            {
                "channel": channel,
                "policy": policy,
                "connected": platforms.can_publish(channel),
                "limits": limits_for(channel.platform),
                "form": PolicyForm(
                    initial={"approval": policy.approval, "bilingual": policy.bilingual},
                    auto_id=f"id_{channel.pk}_%s",
                )
                if channel_can_staff(user=user, channel=channel)
                else None,
            }
        )
    return render(request, "publishing/channels.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.PUBLISHING)
def campaigns(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    may = user_is_city_wide(user=user) or user_managed_units(user=user).exists()
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        editing = Campaign.objects.filter(pk=posted_id(request.POST.get("campaign"))).first()
        try:
            policies.campaign_save(
                actor=user,
                name=data["name"],
                hashtags=data.get("hashtags") or "",
                starts_on=data.get("starts_on"),
                ends_on=data.get("ends_on"),
                campaign=editing,
            )
        except ApplicationError as exc:
            if exc.status_code == 403:
                show_refusal(request, exc)
            form.add_error(None, exc.message)
        else:
            flash.success(request, _("Saved."))
            return HttpResponseRedirect(reverse("publishing:campaigns"))
    return render(
        request,
        "publishing/campaigns.html",
        {"form": form if may else None, "campaigns": campaign_list()},
    )
