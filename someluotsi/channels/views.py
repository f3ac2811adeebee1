"""Register pages: the channel list and a channel, new-account requests and their decisions,
paid campaigns, absences and channel health. Views parse input and call services."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_is_read_only
from someluotsi.audit.selectors import audit_events_for_target
from someluotsi.audit.sentences import describe_events
from someluotsi.audit.services import audit_record
from someluotsi.channels import campaigns, requests, services
from someluotsi.channels.enums import (
    ChannelStatus,
    DecisionRole,
    Platform,
    RequestStatus,
    TargetGroup,
)
from someluotsi.channels.exports import register_csv
from someluotsi.channels.forms import (
    AbsenceForm,
    CampaignCancelForm,
    CampaignFilterForm,
    CampaignForm,
    ChannelEditForm,
    ChannelFilterForm,
    DecisionForm,
    MaintainerForm,
    RegisterChannelForm,
    RequestForm,
    campaign_initial,
    channel_edit_initial,
)
from someluotsi.channels.health import channel_health, problem_counts
from someluotsi.channels.models import Channel, ChannelMaintainer, ChannelRequest, MaintainerAbsence
from someluotsi.channels.selectors import (
    absence_can_record,
    absentees_for,
    campaign_list_for_user,
    channel_can_edit,
    channel_can_staff,
    channel_list_editable,
    channel_list_for_user,
    covers_for,
    decision_roles_of,
    decisions_waiting_for,
    existing_shared_channels,
    people_in_scope,
    request_list_for_user,
    units_in_scope,
    user_is_city_wide,
)
from someluotsi.core.access import area_required
from someluotsi.core.charts import bar_chart
from someluotsi.core.conflicts import EditConflictError
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import posted_id, show_refusal
from someluotsi.core.panels import panels_render


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _filtered_channels(request: HttpRequest, user: User) -> tuple[ChannelFilterForm, Any]:
    channels = channel_list_for_user(user=user).prefetch_related("maintainerships__user")
    form = ChannelFilterForm(request.GET or None, units=units_in_scope(user=user))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            channels = channels.filter(
                Q(name__icontains=data["q"]) | Q(handle__icontains=data["q"])
            )
        for field in ("platform", "kind", "status"):
            if data[field]:
                channels = channels.filter(**{field: data[field]})
        if data["unit"]:
            channels = channels.filter(Q(unit=data["unit"]) | Q(unit__parent=data["unit"]))
    return form, channels


@require_safe
@area_required(Area.CHANNELS)
def channel_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, channels = _filtered_channels(request, user)
    health = {
        row.channel.pk: row
        for row in channel_health(channels=channels, inactive_days=settings.CHANNEL_INACTIVE_DAYS)
    }
    context = {
        "form": form,
        "can_register": user_is_city_wide(user=user) and not user_is_read_only(user=user),
        "rows": [(channel, health.get(channel.pk)) for channel in channels],
        "query": request.GET.urlencode(),
        "waiting": decisions_waiting_for(user=user),
        "can_request": not user_is_read_only(user=user),
    }
    template = "channels/_list.html" if getattr(request, "htmx", False) else "channels/list.html"
    return render(request, template, context)


@require_safe
@area_required(Area.CHANNELS)
def channel_export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _form, channels = _filtered_channels(request, user)
    rows = list(channels)
    audit_record(
        actor=user, action="channels.exported", data={"channels": len(rows)}, request=request
    )
    response = HttpResponse(register_csv(rows), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="someluotsi-channels-{stamp}.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.CHANNELS)
def channel_detail(request: HttpRequest, channel_id: int) -> HttpResponse:
    user = _user(request)
    channel = get_object_or_404(channel_list_for_user(user=user), pk=channel_id)
    can_edit = channel_can_edit(user=user, channel=channel)
    can_staff = channel_can_staff(user=user, channel=channel)
    people = people_in_scope(user=user)
    edit_form = ChannelEditForm(initial=channel_edit_initial(channel), can_staff=can_staff)
    maintainer_form = MaintainerForm(people=people.exclude(maintained_channels=channel))
    conflict = False
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "edit":
                edit_form = ChannelEditForm(request.POST, can_staff=can_staff)
                if edit_form.is_valid():
                    try:
                        services.channel_update(
                            actor=user,
                            channel=channel,
                            data=edit_form.change_data(),
                            version=edit_form.cleaned_data["version"],
                        )
                    except EditConflictError as exc:
                        # Someone saved after this form was opened: nothing was written, and
                        # the editor's changes stay in the form with the message.
                        conflict = True
                        edit_form.add_error(None, exc.message)
                    else:
                        flash.success(request, _("The channel was saved."))
                        return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
                else:
                    flash.error(request, _("Check the highlighted fields."))
            elif action == "add_maintainer":
                maintainer_form = MaintainerForm(request.POST, people=people)
                if not maintainer_form.is_valid():
                    raise ApplicationError(_("Choose a person and a role."), code="bad")
                services.maintainer_add(
                    actor=user,
                    channel=channel,
                    user=maintainer_form.cleaned_data["user"],
                    acting_role=maintainer_form.cleaned_data["acting_role"],
                )
                flash.success(request, _("The maintainer was added."))
                return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
            elif action == "remove_maintainer":
                person = channel.maintainers.filter(pk=posted_id(request.POST.get("user"))).first()
                if person is None:
                    raise ApplicationError(_("This person does not maintain the channel."))
                services.maintainer_remove(actor=user, channel=channel, user=person)
                flash.success(request, _("The maintainer was removed."))
                return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
            elif action == "record_post":
                services.channel_record_post(actor=user, channel=channel)
                flash.success(request, _("The post was recorded."))
                return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
            else:
                raise ApplicationError(_("Unknown action."), code="unknown_action")
        except ApplicationError as exc:
            show_refusal(request, exc)
    health = channel_health(
        channels=Channel.objects.filter(pk=channel.pk),
        inactive_days=settings.CHANNEL_INACTIVE_DAYS,
    )
    today = timezone.localdate()
    maintainerships = list(channel.maintainerships.select_related("user").order_by("answer_order"))
    absences = MaintainerAbsence.objects.filter(
        user__in=[m.user for m in maintainerships], ends_on__gte=today
    ).select_related("user", "cover")
    context = {
        "channel": channel,
        "can_edit": can_edit,
        "can_staff": can_staff,
        "edit_form": edit_form,
        "conflict": conflict,
        "maintainer_form": maintainer_form,
        "maintainerships": maintainerships,
        "absences": absences,
        "findings": health[0].findings if health else [],
        "campaigns": channel.campaigns.order_by("-starts_on")[:20],
        "origin": ChannelRequest.objects.filter(channel=channel).first(),
        "history": describe_events(list(audit_events_for_target(target=channel)[:30])),
        "panels": panels_render("channel", request, channel),
    }
    return render(request, "channels/detail.html", context)


@require_safe
@area_required(Area.CHANNELS)
def health(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    report = channel_health(
        channels=channel_list_for_user(user=user), inactive_days=settings.CHANNEL_INACTIVE_DAYS
    )
    counts = problem_counts(report)
    chart = bar_chart(
        _("Channels per finding (the table beside it has the figures)"),
        ((str(problem.label), count) for problem, count in counts),
    )
    context = {
        "report": report,
        "counts": counts,
        "chart": chart,
        "with_findings": sum(1 for row in report if row.findings),
        "inactive_days": settings.CHANNEL_INACTIVE_DAYS,
    }
    return render(request, "channels/health.html", context)


# --- New-account requests (§11.1) ---------------------------------------------------------


@require_safe
@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    items = request_list_for_user(user=user).prefetch_related("decisions")
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        items = items.filter(status=status)
    context = {
        "items": items[:200],
        "status": status,
        "statuses": RequestStatus.choices,
        "waiting": {p.channel_request.pk for p in decisions_waiting_for(user=user)},
        "can_request": not user_is_read_only(user=user),
    }
    return render(request, "channels/requests.html", context)


def _existing_context(platform: str, target_groups: list[str]) -> dict[str, Any]:
    """Raw request values are used only when they are known choices."""
    platform = platform if platform in Platform.values else ""
    target_groups = [code for code in target_groups if code in TargetGroup.values]
    if not platform and not target_groups:
        return {"same_platform": [], "same_audience": [], "platform_chosen": False}
    same_platform, same_audience = existing_shared_channels(
        platform=platform, target_groups=target_groups
    )
    return {
        "same_platform": same_platform,
        "same_audience": same_audience,
        "platform_chosen": bool(platform),
    }


@require_safe
@login_required
def existing(request: HttpRequest) -> HttpResponse:
    """The shared profiles to weigh, re-rendered by htmx as the platform and audience change."""
    context = _existing_context(
        request.GET.get("platform", ""), request.GET.getlist("target_groups")
    )
    return render(request, "channels/_existing.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user_is_read_only(user=user):
        raise PermissionDenied
    units = units_in_scope(user=user)
    people = people_in_scope(user=user)
    initial: dict[str, Any] = {"unit": user.unit_id, "maintainers": [user.pk]}
    previewing = request.method == "POST" and "preview" in request.POST
    if previewing:
        # Show the existing profiles for what was chosen so far, without complaining yet.
        initial = {key: request.POST.getlist(key) for key in request.POST if key != "preview"}
        initial = {k: v if k in RequestForm.MULTI else v[-1] for k, v in initial.items()}
    bound = request.method == "POST" and not previewing
    form = RequestForm(request.POST if bound else None, units=units, people=people, initial=initial)
    if bound and form.is_valid():
        data = form.cleaned_data
        draft = requests.RequestDraft(
            unit=data["unit"],
            platform=data["platform"],
            name=data["name"],
            handle=data["handle"],
            kind=data["kind"],
            maintainer_role=data["maintainer_role"],
            maintainers=list(data["maintainers"]),
            why_not_existing=data["why_not_existing"],
            plan=form.plan_data(),
        )
        try:
            item = requests.request_submit(actor=user, draft=draft)
            flash.success(request, _("The request was sent to the decision-makers."))
            return HttpResponseRedirect(reverse("channels:request", args=[item.pk]))
        except ApplicationError as exc:
            if exc.code == "why_not_existing_required":
                form.add_error("why_not_existing", exc.message)
            else:
                show_refusal(request, exc)
    platform = request.POST.get("platform", "") if request.method == "POST" else ""
    first = ("unit", "platform", "target_groups", "why_not_existing")
    context = {
        "form": form,
        "rest": [form[name] for name in form.fields if name not in first],
        **_existing_context(platform, request.POST.getlist("target_groups")),
    }
    return render(request, "channels/request_new.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    user = _user(request)
    item = get_object_or_404(request_list_for_user(user=user), pk=request_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                requests.request_withdraw(actor=user, channel_request=item)
                flash.success(request, _("The request was withdrawn."))
            else:
                form = DecisionForm(request.POST)
                if not form.is_valid():
                    raise ApplicationError(_("Approve or reject."), code="bad_outcome")
                requests.request_decide(
                    actor=user,
                    channel_request=item,
                    outcome=form.cleaned_data["outcome"],
                    role=form.cleaned_data["role"] or None,
                    reason=form.cleaned_data["reason"],
                )
                flash.success(request, _("Your decision was recorded."))
            return HttpResponseRedirect(reverse("channels:request", args=[item.pk]))
        except ApplicationError as exc:
            show_refusal(request, exc)
    decisions = list(item.decisions.select_related("decided_by"))
    decided_roles = {d.role for d in decisions}
    mine = any(d.decided_by_id == user.pk for d in decisions)
    open_roles = (
        []
        if mine or item.status != RequestStatus.PENDING
        else [
            role
            for role in DecisionRole
            if role in decision_roles_of(user=user, channel_request=item)
            and role not in decided_roles
        ]
    )
    context = {
        "item": item,
        "decisions": decisions,
        "missing_roles": [role for role in DecisionRole if role not in decided_roles],
        "open_roles": open_roles,
        "decision_form": DecisionForm(),
        "can_withdraw": item.status == RequestStatus.PENDING and item.requested_by_id == user.pk,
        "history": describe_events(list(audit_events_for_target(target=item)[:30])),
    }
    return render(request, "channels/request.html", context)


# --- Paid campaigns (§14.4) ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.CHANNELS)
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    visible = campaign_list_for_user(user=user)
    editable = channel_list_editable(user=user).exclude(status=ChannelStatus.ARCHIVED)
    form = CampaignForm(request.POST or None, channels=editable.order_by("name"))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaigns.campaign_register(
                    actor=user,
                    draft=campaigns.CampaignDraft(**data),
                )
                flash.success(request, _("The campaign was registered and the mavi team notified."))
                return HttpResponseRedirect(reverse("channels:campaigns"))
            except ApplicationError as exc:
                show_refusal(request, exc)
        else:
            flash.error(request, _("Check the highlighted fields."))
    years = sorted(
        set(visible.annotate(y=ExtractYear("starts_on")).values_list("y", flat=True)),
        reverse=True,
    )
    filters = CampaignFilterForm(request.GET or None, years=years, units=units_in_scope(user=user))
    shown = visible
    if filters.is_valid():
        if filters.cleaned_data["year"]:
            shown = shown.filter(starts_on__year=filters.cleaned_data["year"])
        if filters.cleaned_data["unit"]:
            shown = shown.filter(unit=filters.cleaned_data["unit"])
    totals = campaigns.campaign_totals(campaigns=shown)
    context = {
        "form": form,
        "filters": filters,
        "campaigns": shown[:500],
        "totals": totals,
        "can_register": editable.exists(),
    }
    return render(request, "channels/campaigns.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.CHANNELS)
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """One campaign; those who may edit its channel change or cancel it (audited, the mavi
    team told)."""
    user = _user(request)
    campaign = get_object_or_404(campaign_list_for_user(user=user), pk=campaign_id)
    can_edit = channel_can_edit(user=user, channel=campaign.channel) and not campaign.cancelled_at
    editable = channel_list_editable(user=user).exclude(status=ChannelStatus.ARCHIVED)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = CampaignForm(
        request.POST if action == "edit" else None,
        channels=editable.order_by("name"),
        initial=campaign_initial(campaign),
        editing=True,
    )
    conflict = False
    cancel_form = CampaignCancelForm(request.POST if action == "cancel" else None)
    if action:
        try:
            if action == "edit" and form.is_valid():
                try:
                    campaigns.campaign_update(
                        actor=user,
                        campaign=campaign,
                        draft=campaigns.CampaignDraft(**form.draft_data()),
                        version=form.cleaned_data["version"],
                    )
                except EditConflictError as exc:
                    # Someone saved after this form was opened: nothing was written, and the
                    # editor's changes stay in the form with the message.
                    conflict = True
                    form.add_error(None, exc.message)
                else:
                    flash.success(request, _("The campaign was changed and the mavi team told."))
                    return HttpResponseRedirect(reverse("channels:campaign", args=[campaign.pk]))
            if action == "cancel" and cancel_form.is_valid():
                campaigns.campaign_cancel(
                    actor=user, campaign=campaign, reason=cancel_form.cleaned_data["reason"]
                )
                flash.success(request, _("The campaign was cancelled and the mavi team told."))
                return HttpResponseRedirect(reverse("channels:campaign", args=[campaign.pk]))
            if not conflict:
                flash.error(request, _("Check the highlighted fields."))
        except ApplicationError as exc:
            show_refusal(request, exc)
    context = {
        "campaign": campaign,
        "form": form,
        "cancel_form": cancel_form,
        "can_edit": can_edit,
        "conflict": conflict,
        "history": describe_events(list(audit_events_for_target(target=campaign)[:30])),
    }
    return render(request, "channels/campaign.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.CHANNELS)
def channel_register(request: HttpRequest) -> HttpResponse:
    """The mavi team adds an account that already exists to the register (a new account needs
    the two decisions of §11.1 instead: a request)."""
    user = _user(request)
    if not user_is_city_wide(user=user) or user_is_read_only(user=user):
        raise PermissionDenied
    form = RegisterChannelForm(request.POST or None, units=units_in_scope(user=user))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                channel = services.channel_register(
                    actor=user,
                    platform=data["platform"],
                    name=data["name"],
                    unit=data["unit"],
                    kind=data["kind"],
                    data={"handle": data["handle"], "url": data["url"], **form.plan_data()},
                )
                flash.success(request, _("The account was added to the register."))
                return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
            except ApplicationError as exc:
                if exc.code == "channel_exists":
                    form.add_error("name", exc.message)
                elif exc.code == "bad_url":
                    form.add_error("url", exc.message)
                else:
                    show_refusal(request, exc)
        else:
            flash.error(request, _("Check the highlighted fields."))
    return render(request, "channels/register.html", {"form": form})


# --- Absences (§12.1) -----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.CHANNELS)
def absences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    people = absentees_for(user=user)
    covers = covers_for(user=user)
    # A removal names the absence (the Remove button's form); only the other form is the new
    # absence, so a refused removal never shows that form's "required" errors.
    removing = request.method == "POST" and (
        request.POST.get("action") == "delete" or "absence" in request.POST
    )
    form = AbsenceForm(
        None if removing else (request.POST or None),
        people=people,
        covers=covers,
        initial={"user": user.pk},
    )
    if request.method == "POST":
        try:
            if removing:
                absence = MaintainerAbsence.objects.filter(
                    pk=posted_id(request.POST.get("absence"))
                ).first()
                if absence is None:
                    raise ApplicationError(
                        _(
                            "There is no such absence: it may have been removed already. "
                            "Nothing was changed."
                        ),
                        code="not_found",
                    )
                services.absence_delete(actor=user, absence=absence)
                flash.success(request, _("The absence was removed."))
                return HttpResponseRedirect(reverse("channels:absences"))
            if form.is_valid():
                data = form.cleaned_data
                services.absence_record(
                    actor=user,
                    user=data["user"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    cover=data["cover"],
                    note=data["note"],
                )
                flash.success(request, _("The absence was recorded."))
                return HttpResponseRedirect(reverse("channels:absences"))
            flash.error(request, _("Check the highlighted fields."))
        except ApplicationError as exc:
            show_refusal(request, exc)
    maintainers = User.objects.filter(maintained_channels__in=channel_list_for_user(user=user))
    listed = list(
        MaintainerAbsence.objects.filter(ends_on__gte=timezone.localdate())
        .filter(Q(user__in=maintainers) | Q(user=user))
        .select_related("user__unit", "cover")
        .distinct()
    )
    editable = {a.pk for a in listed if absence_can_record(user=user, person=a.user)}
    # An absence covers the person: every channel they maintain, listed with it.
    channels_of: dict[int, list[str]] = {}
    for row in ChannelMaintainer.objects.filter(
        user_id__in={a.user_id for a in listed}
    ).select_related("channel"):
        channels_of.setdefault(row.user_id, []).append(row.channel.name_with_platform)
    for absence in listed:
        absence.channel_names = sorted(channels_of.get(absence.user_id, []))  # type: ignore[attr-defined]
    context = {"form": form, "absences": listed, "editable": editable}
    return render(request, "channels/absences.html", context)
