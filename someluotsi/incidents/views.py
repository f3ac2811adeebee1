"""Incident pages: alerts and incidents, an alert's evidence, an incident with its playbook."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_is_read_only
from someluotsi.channels.selectors import user_is_city_wide
from someluotsi.core.access import area_required
from someluotsi.core.charts import clock_label, column_chart
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import show_refusal
from someluotsi.core.typed_text import posted_text
from someluotsi.inbox.enums import MessageTone, TriageCategory
from someluotsi.incidents import services
from someluotsi.incidents.detection import sensitivity_for
from someluotsi.incidents.enums import (
    AlertStatus,
    IncidentStatus,
    OurMistake,
    StepState,
)
from someluotsi.incidents.forms import SensitivityForm
from someluotsi.incidents.models import DetectionSetting
from someluotsi.incidents.selectors import (
    alert_evidence_for_user,
    alert_list_for_user,
    incident_channels,
    incident_list_for_user,
)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.INCIDENTS)
def incident_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    channels = incident_channels(user=user)
    form = SensitivityForm(request.POST or None)
    form.fields["channel"].queryset = channels  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.detection_setting_save(
                actor=user,
                channel=form.cleaned_data["channel"],
                sensitivity=form.cleaned_data["sensitivity"],
            )
            flash.success(request, _("The sensitivity was saved."))
            return HttpResponseRedirect(request.path)
        except ApplicationError as exc:
            show_refusal(request, exc)
    context = {
        "alerts": alert_list_for_user(user=user).filter(status=AlertStatus.NEW)[:50],
        "handled_alerts": alert_list_for_user(user=user).exclude(status=AlertStatus.NEW)[:20],
        "open_incidents": incident_list_for_user(user=user).filter(status=IncidentStatus.OPEN),
        "closed_incidents": incident_list_for_user(user=user).filter(status=IncidentStatus.CLOSED)[
            :20
        ],
        "settings": DetectionSetting.objects.select_related("channel").order_by("channel__name"),
        "form": form if user_is_city_wide(user=user) else None,
    }
    return render(request, "incidents/list.html", context)


def _evidence_messages(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The alert's top messages with local times and worded category and tone."""
    categories = dict(TriageCategory.choices)
    tones = dict(MessageTone.choices)
    return [
        {
            **row,
            "at": timezone.localtime(datetime.fromisoformat(str(row["received_at"]))),
            "category_label": categories.get(str(row.get("category")), row.get("category")),
            "tone_label": tones.get(str(row.get("tone")), row.get("tone")),
        }
        for row in rows
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.INCIDENTS)
def alert(request: HttpRequest, alert_id: int) -> HttpResponse:
    user = cast(User, request.user)
    item = get_object_or_404(alert_list_for_user(user=user), pk=alert_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "open":
                incident = services.incident_open(
                    actor=user,
                    channel=item.channel,
                    title=posted_text(request.POST, "title"),
                    owner=user,
                    alert=item,
                )
                return HttpResponseRedirect(reverse("incidents:incident", args=[incident.pk]))
            if request.POST.get("action") == "dismiss":
                services.alert_dismiss(
                    actor=user, alert=item, reason=posted_text(request.POST, "reason")
                )
                flash.success(request, _("The alert was dismissed."))
                return HttpResponseRedirect(reverse("incidents:list"))
        except ApplicationError as exc:
            show_refusal(request, exc)
    evidence = alert_evidence_for_user(user=user, alert=item)
    if evidence.readable:
        services.alert_evidence_record(
            actor=user,
            alert=item,
            message_ids=[int(m["id"]) for m in evidence.messages],
            request=request,
        )
    bins = evidence.timeline
    labels = [clock_label(timezone.localtime(datetime.fromisoformat(at))) for at, *_r in bins]
    chart = column_chart(
        _("Messages per 15 minutes; the darker part is negative; the line is the usual level"),
        [(label, row[1]) for label, row in zip(labels, bins, strict=True)],
        highlight=[row[2] for row in bins],
        reference=max((row[3] for row in bins), default=0) or None,
    )
    context = {
        "alert": item,
        "evidence": evidence,
        "evidence_messages": _evidence_messages(evidence.messages),
        "chart": chart,
        "bins": list(zip(labels, bins, strict=True)),
        "can_work": not user_is_read_only(user=user),
        "default_title": _("Storm on %(channel)s") % {"channel": item.channel.name},
        "sensitivity": sensitivity_for(item.channel),
    }
    return render(request, "incidents/alert.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.INCIDENTS)
def incident(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = cast(User, request.user)
    item = get_object_or_404(incident_list_for_user(user=user), pk=incident_id)
    if request.method == "GET":
        services.incident_view_record(actor=user, incident=item, request=request)
    draft = None
    language = (get_language() or "fi")[:2]
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "step":
                services.incident_step(
                    actor=user, incident=item, step=request.POST.get("step", ""),
                    state=request.POST.get("state", ""), note=posted_text(request.POST, "note"),
                )  # fmt: skip
            elif action == "assess":
                services.incident_assess(
                    actor=user, incident=item, our_mistake=request.POST.get("our_mistake", "")
                )
            elif action in {"note", "statement"}:
                services.incident_note(
                    actor=user, incident=item, kind=action, text=posted_text(request.POST, "text")
                )
            elif action == "draft":
                draft = services.incident_reply_draft(
                    actor=user, incident=item, text=posted_text(request.POST, "text"),
                    ui=language,
                )  # fmt: skip
            elif action == "close":
                services.incident_close(
                    actor=user, incident=item, summary=posted_text(request.POST, "summary")
                )
                flash.success(request, _("The incident was closed."))
            if draft is not None and getattr(request, "htmx", False):
                review = services.localized_review(draft.review, language)
                return render(request, "incidents/_draft_result.html", {"draft_review": review})
            if draft is None and action:
                return HttpResponseRedirect(request.path)
        except ApplicationError as exc:
            if action == "draft" and getattr(request, "htmx", False):
                return render(request, "incidents/_draft_result.html", {"draft_error": exc.message})
            show_refusal(request, exc)
        item.refresh_from_db()
    steps = [
        {
            "value": step.value,
            "label": step.label,
            "state": record["state"],
            "state_label": StepState(record["state"]).label,
            "note": services.localized_step_note(record),
            "by": record.get("by", ""),
        }
        for step, record in item.playbook()
    ]
    context = {
        "incident": item,
        "steps": steps,
        "states": StepState.choices,
        "mistake_choices": OurMistake.choices,
        "entries": [
            (entry, services.localized_review(entry.review, language) if entry.review else None)
            for entry in item.entries.select_related("author")
        ],
        "alerts": item.alerts.all(),
        "draft": draft,
        "max_draft_chars": services.MAX_DRAFT_CHARS,
        "draft_review": services.localized_review(draft.review, language) if draft else None,
        "can_work": item.status == IncidentStatus.OPEN and not user_is_read_only(user=user),
    }
    return render(request, "incidents/incident.html", context)
