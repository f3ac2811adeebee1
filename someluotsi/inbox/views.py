"""Inbox pages: the work queue, a message with its triage and actions, escalations, reply
templates and response-time figures. Views parse input and call services; nothing else."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_stubs_ext import StrOrPromise

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_has_role
from someluotsi.audit.history import record_history
from someluotsi.channels.enums import Platform
from someluotsi.compliance.engine import configured_engine
from someluotsi.compliance.speaking import CityTextCheck, city_text_warning
from someluotsi.core.access import area_required
from someluotsi.core.charts import bar_chart
from someluotsi.core.conflicts import VERSION_ERROR, EditConflictError
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import posted_id, show_refusal
from someluotsi.core.panels import panels_render
from someluotsi.guideline.messages.replies import answer_by_phrase, fill
from someluotsi.guideline.messages.triage import TriageCategory as EngineCategory
from someluotsi.guideline.messages.triage import default_reply
from someluotsi.inbox import escalations, exports, services
from someluotsi.inbox.enums import (
    EscalationStatus,
    Moderation,
    ReplyLanguage,
    TriageAction,
    TriageCategory,
)
from someluotsi.inbox.evidence_document import evidence_pdf
from someluotsi.inbox.figures import last_days_bounds, response_figures
from someluotsi.inbox.forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    EscalateForm,
    OutcomeForm,
    QueueFilterForm,
    ReplyTemplateForm,
    SavedReplyForm,
)
from someluotsi.inbox.models import Escalation, Message, ReplyTemplate
from someluotsi.inbox.presentation import reason_label
from someluotsi.inbox.selectors import (
    OPEN_STATUSES,
    QueueFilters,
    channel_workers,
    channels_in_queue,
    escalation_get_for_user,
    escalation_list_for_user,
    escalations_to_acknowledge,
    message_can_work,
    message_get_for_user,
    message_queue,
    open_escalation_for,
    queue_counts,
    readability_for_user,
    saved_replies_for,
    works_escalations_only,
)
from someluotsi.inbox.transitions import message_check_can_work
from someluotsi.inbox.wording import findings_worded

# One page of the queue and of the escalations: at 390 px a row is a card of about 300 px,
# so 25 rows keep a page within reach of its pager (the tester saw 15,000 px for 48 rows).
QUEUE_PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


# The queue's columns: (sort key or "" for none, heading). The message text is not sortable.
QUEUE_COLUMNS: tuple[tuple[str, StrOrPromise], ...] = (
    ("priority", gettext_lazy("Priority")),
    ("due", gettext_lazy("Due")),
    ("", gettext_lazy("Message")),
    ("category", gettext_lazy("Category")),
    ("channel", gettext_lazy("Channel")),
    ("status", gettext_lazy("Status")),
    ("assignee", gettext_lazy("Assignee")),
    ("received", gettext_lazy("Received")),
)


def _sort_columns(request: HttpRequest, current: str) -> list[dict[str, object]]:
    """Each column's heading with a link that sorts by it (again: the other way round) and its
    aria-sort state."""
    columns: list[dict[str, object]] = []
    for key, label in QUEUE_COLUMNS:
        column: dict[str, object] = {"label": label, "href": "", "state": ""}
        if key:
            query = request.GET.copy()
            query.pop("page", None)
            query["sort"] = f"-{key}" if current == key else key
            column["href"] = "?" + query.urlencode()
            if current in {key, f"-{key}"}:
                column["state"] = "descending" if current.startswith("-") else "ascending"
        columns.append(column)
    return columns


@require_safe
@area_required(Area.INBOX)
def queue(request: HttpRequest) -> HttpResponse:
    """The work queue: the most urgent first (overdue, then priority, then due time), filters
    and any column's order from the query string; htmx swaps the table alone."""
    user = _user(request)
    channels = channels_in_queue(user=user).order_by("name")
    if not request.GET and works_escalations_only(user=user):
        # Someone whose inbox work is escalations (the occupational safety manager, a
        # supervisor without channels of their own): the inbox opens on them.
        return HttpResponseRedirect(reverse("inbox:escalations"))
    people = User.objects.filter(assigned_messages__channel__in=channels).distinct()
    data = request.GET.copy()
    if "status" not in data:
        # Threats are listed while they need attention, escalated ones too (§10.6).
        data["status"] = "waiting" if data.get("category") == "threat" else "open"
    form = QueueFilterForm(data, channels=channels, people=people.order_by("first_name"))
    filters = QueueFilters()
    if form.is_valid():
        cleaned = form.cleaned_data
        filters = QueueFilters(
            channel=cleaned["channel"].pk if cleaned["channel"] else None,
            category=cleaned["category"],
            status=cleaned["status"],
            assignee=cleaned["assignee"],
            overdue=cleaned["overdue"],
            sort=cleaned["sort"],
        )
    page = Paginator(message_queue(user=user, filters=filters), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    readable = readability_for_user(user=user)
    rows = [(message, readable.can_read(message)) for message in page]
    shown = [message.pk for message, can_read in rows if can_read]
    services.messages_list_record(actor=user, message_ids=shown, request=request)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "columns": _sort_columns(request, filters.sort),
        "counts": queue_counts(user=user),
        "query": _query_without_page(request),
        # A page link swapped the table in (htmx): the focus goes to the new page's caption,
        # not back to the top of the document.
        "focus_results": getattr(request, "htmx", False) and "page" in request.GET,
    }
    template = "inbox/_queue.html" if getattr(request, "htmx", False) else "inbox/queue.html"
    return render(request, template, context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _message_or_404(request: HttpRequest, message_id: int) -> Message:
    message = message_get_for_user(user=request.user, message_id=message_id)
    if message is None:
        raise Http404
    return message


def _reply_choices(user: User, message: Message) -> list[dict[str, str]]:
    """Replies the person may start from besides the suggestion: the city's template for the
    message's category in each language and their own saved replies, each with its text."""
    templates = services.reply_templates().get(message.category, {})
    feedback_url = configured_engine().rulebook.city.feedback_url
    choices = []
    answer_by = {
        language.value: (
            answer_by_phrase(
                timezone.localtime(message.due_at),
                timezone.localtime(message.received_at),
                language.value,
            )
            if message.due_at
            else None
        )
        for language in ReplyLanguage
    }
    for language in ReplyLanguage:
        text = fill(
            templates.get(language.value)
            or default_reply(EngineCategory(message.category), language.value, "{feedback_url}"),
            language.value,
            feedback_url=feedback_url,
            answer_by=answer_by[language.value],
        )
        if text:
            choices.append(
                {
                    "key": f"city-{language.value}",
                    "label": _("City's reply (%(language)s)") % {"language": language.label},
                    "language": language.value,
                    "text": text,
                }
            )
    for saved in saved_replies_for(user=user):
        choices.append(
            {
                "key": f"saved-{saved.pk}",
                "label": saved.title,
                "language": saved.language,
                # Filled like the city's templates: {feedback_url}, {answer_by}.
                "text": fill(
                    saved.text,
                    saved.language,
                    feedback_url=feedback_url,
                    answer_by=answer_by.get(saved.language),
                ),
            }
        )
    return choices


@require_safe
@area_required(Area.INBOX)
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    """A message, its triage, its history in words and the actions; `?use=saved-12` or
    `?use=city-sv` starts the reply from a saved reply or the city's template."""
    user = _user(request)
    message = _message_or_404(request, message_id)
    return _detail_page(request, user, message)


def _detail_page(
    request: HttpRequest, user: User, message: Message, *, typed_reply: str | None = None
) -> HttpResponse:
    """The message page (`message_detail`); `typed_reply`, a reply that was refused, fills
    the reply box instead of the suggested one, so that nothing typed is lost. Records the
    read of the message (audit) whenever the page shows its text."""
    can_read = readability_for_user(user=user).can_read(message)
    if can_read:
        services.message_view_record(actor=user, message=message, request=request)
    can_work = message_can_work(user=user, message=message)
    workers = channel_workers(channel=message.channel).order_by("first_name")
    reply_choices = _reply_choices(user, message) if can_work and can_read else []
    chosen = {choice["key"]: choice["text"] for choice in reply_choices}
    start_reply = (
        typed_reply
        if typed_reply is not None
        else chosen.get(request.GET.get("use", ""))
        or (message.reply_text or message.suggested_reply)
    )
    context = {
        "message": message,
        "can_read": can_read,
        "can_work": can_work,
        "reasons": [reason_label(reason) for reason in message.reasons],
        "actions": [TriageAction(action).label for action in message.actions],
        # Stored as the check worded them; shown in the reader's language (inbox.wording).
        "findings": findings_worded(
            message.findings,
            ui_language=(get_language() or "fi")[:2],
            text=message.text,
            text_language=message.language,
        )
        if can_read
        else [],
        "answer_form": AnswerForm(initial={"reply": start_reply}),
        "reply_choices": reply_choices,
        "assign_form": AssignForm(
            people=workers, initial={"assignee": str(message.assignee_id or user.pk)}
        ),
        "close_form": CloseForm(),
        "escalate_form": EscalateForm(),
        "escalation": open_escalation_for(message=message),
        "escalations": message.escalations.all(),
        "history": record_history(target=message) if can_read else [],
        "overdue": message.status in OPEN_STATUSES
        and message.due_at is not None
        and message.due_at < timezone.now(),
        "Moderation": Moderation,
        "panels": panels_render("message", request, message),
    }
    return render(request, "inbox/detail.html", context)


@require_POST
@area_required(Area.INBOX)
def message_act(request: HttpRequest, message_id: int) -> HttpResponse:
    """One endpoint for the one-click actions; each maps to one service. A refusal for want of
    a right is a 403; any other (bad input, wrong state) a message on the page it redirects to."""
    user = _user(request)
    message = _message_or_404(request, message_id)
    action = request.POST.get("action", "")
    detail_url = reverse("inbox:detail", args=[message.pk])
    try:
        # Every action here is working the message: someone who may not (a unit manager who
        # only reads it) is refused with a 403 before any form is read, whatever the action.
        message_check_can_work(user, message)
        if action == "answer":
            answer = AnswerForm(request.POST)
            if not answer.is_valid():
                errors = [str(error) for error in answer.errors.get("reply", [])]
                raise ApplicationError(" ".join(errors), code="bad_reply")
            _answered, check = services.message_answer_checked(
                actor=user,
                message=message,
                reply=answer.cleaned_data["reply"],
                ui_language=(get_language() or "fi")[:2],
            )
            flash.success(request, _("The reply was recorded and the message marked answered."))
            _show_warnings(request, [check])
        elif action == "assign":
            workers = channel_workers(channel=message.channel)
            assign = AssignForm(request.POST, people=workers)
            if not assign.is_valid():
                raise ApplicationError(_("Choose a person who works this channel."), code="bad")
            assignee = workers.get(pk=int(assign.cleaned_data["assignee"]))
            services.message_assign(actor=user, message=message, assignee=assignee)
            flash.success(request, _("Assigned to %(name)s.") % {"name": assignee.get_full_name()})
        elif action == "take":
            services.message_assign(actor=user, message=message, assignee=user)
            flash.success(request, _("The message is now yours."))
        elif action in {"hide", "remove", "unhide"}:
            moderation = {"hide": Moderation.HIDDEN, "remove": Moderation.REMOVED}.get(
                action, Moderation.NONE
            )
            services.message_moderate(actor=user, message=message, moderation=moderation)
            flash.success(request, _("Recorded: %(state)s.") % {"state": moderation.label})
        elif action == "close":
            close = CloseForm(request.POST)
            if not close.is_valid():
                raise ApplicationError(_("Choose how the message was handled."), code="bad")
            services.message_close(
                actor=user, message=message, resolution=close.cleaned_data["resolution"]
            )
            flash.success(request, _("The message was closed."))
        elif action == "ignore":
            services.message_close(actor=user, message=message, resolution="ignored")
            flash.success(request, _("The message was closed as ignored (§10.4)."))
        elif action == "reopen":
            services.message_reopen(actor=user, message=message)
            flash.success(request, _("The message was opened again."))
        elif action == "escalate":
            escalate = EscalateForm(request.POST)
            if not escalate.is_valid():
                # Never escalate with the note dropped: the evidence hash would cover "".
                errors = [str(error) for error in escalate.errors.get("note", [])]
                raise ApplicationError(" ".join(errors), code="bad_note")
            note = escalate.cleaned_data["note"]
            escalation = escalations.message_escalate(actor=user, message=message, note=note)
            flash.success(request, _("Escalated. The addressees were notified."))
            return HttpResponseRedirect(reverse("inbox:escalation", args=[escalation.pk]))
        else:
            raise ApplicationError(_("Unknown action."), code="unknown_action")
    except ApplicationError as exc:
        show_refusal(request, exc)
        if action == "answer":
            # The page again with the reply as typed (a blocked check, a control character, a
            # reply over the limit): a redirect would have put the suggested reply back.
            return _detail_page(request, user, message, typed_reply=request.POST.get("reply", ""))
    return HttpResponseRedirect(detail_url)


@require_safe
@area_required(Area.INBOX)
def escalation_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    items = escalation_list_for_user(user=user).prefetch_related("recipients__user")
    status = request.GET.get("status", "")
    if status in EscalationStatus.values:
        items = items.filter(status=status)
    waiting = request.GET.get("waiting") == "me"
    if waiting:
        items = items.filter(pk__in=escalations_to_acknowledge(user=user).values("pk"))
    page = Paginator(items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": _query_without_page(request),
        "status": status,
        "statuses": EscalationStatus.choices,
        "waiting": waiting,
        # No channel queue of their own: this page is their inbox (queue() sends them here).
        "escalations_only": works_escalations_only(user=user),
    }
    return render(request, "inbox/escalations.html", context)


def _escalation_or_404(request: HttpRequest, escalation_id: int) -> Escalation:
    escalation = escalation_get_for_user(user=request.user, escalation_id=escalation_id)
    if escalation is None:
        raise Http404
    return escalation


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.INBOX)
def escalation_detail(request: HttpRequest, escalation_id: int) -> HttpResponse:
    user = _user(request)
    escalation = _escalation_or_404(request, escalation_id)
    outcome_form = OutcomeForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "acknowledge":
                escalations.escalation_acknowledge(actor=user, escalation=escalation)
                flash.success(request, _("Acknowledged."))
            elif request.POST.get("action") == "close":
                outcome_form = OutcomeForm(request.POST)
                if outcome_form.is_valid():
                    escalations.escalation_close(
                        actor=user,
                        escalation=escalation,
                        outcome=outcome_form.cleaned_data["outcome"],
                    )
                    flash.success(request, _("The escalation was closed."))
                else:
                    raise ApplicationError(_("Write the outcome first."), code="empty_outcome")
            else:
                raise ApplicationError(_("Unknown action."), code="unknown_action")
            return HttpResponseRedirect(reverse("inbox:escalation", args=[escalation.pk]))
        except ApplicationError as exc:
            show_refusal(request, exc)
    escalations.escalation_export_record(
        actor=user, escalation=escalation, fmt="view", request=request
    )
    recipients = list(escalation.recipients.select_related("user"))
    context = {
        "escalation": escalation,
        "evidence": escalation.evidence,
        "recipients": recipients,
        "is_addressee": any(r.user_id == user.pk for r in recipients),
        "my_recipient": next((r for r in recipients if r.user_id == user.pk), None),
        "outcome_form": outcome_form,
        "reasons": [
            reason_label(r) for r in escalation.evidence.get("triage", {}).get("reasons", [])
        ],
        # The evidence is stored as captured (canonical JSON); the page words it for the reader.
        "escalated_by": _("Someluotsi, automatically")
        if escalation.created_by_id is None
        else escalation.evidence.get("escalated_by", "–"),
        "platform_label": _choice_label(
            Platform, escalation.evidence.get("message", {}).get("platform")
        ),
        "received_at": _parsed_time(escalation.evidence.get("message", {}).get("received_at")),
    }
    return render(request, "inbox/escalation.html", context)


def _choice_label(choices: type[models.TextChoices], value: object) -> str:
    """A stored code's label ("facebook" → "Facebook"), or the value itself if unknown."""
    try:
        return str(choices(str(value)).label)
    except ValueError:
        return str(value or "–")


def _parsed_time(value: object) -> datetime | None:
    """An ISO 8601 time from stored evidence, or None when it cannot be read."""
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


@require_safe
@area_required(Area.INBOX)
def escalation_export(request: HttpRequest, escalation_id: int, fmt: str) -> HttpResponse:
    escalation = _escalation_or_404(request, escalation_id)
    if fmt not in {"json", "pdf"} or not escalation.evidence:
        raise Http404
    escalations.escalation_export_record(
        actor=request.user, escalation=escalation, fmt=fmt, request=request
    )
    if fmt == "json":
        body, content_type = exports.evidence_json(escalation), "application/json"
    else:
        # ?lang= when it names a language of the product, else the reader's own language.
        asked = request.GET.get("lang", "")
        language = next(
            code
            for code in (asked, _user(request).preferred_language, (get_language() or "")[:2], "fi")
            if code in ("fi", "sv", "en")
        )
        body, content_type = evidence_pdf(escalation, language=language), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="someluotsi-escalation-{escalation.pk}.{fmt}"'
    )
    return response


def _show_warnings(request: HttpRequest, checks: list[CityTextCheck]) -> None:
    """The post checker's warnings on a text that was saved, as page messages."""
    for check in checks:
        if warning := city_text_warning(check):
            flash.warning(request, warning)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.INBOX)
def reply_templates(request: HttpRequest) -> HttpResponse:
    """The mavi team words the suggested replies per category and language."""
    user = _user(request)
    if not (user.is_superuser or user_has_role(user=user, roles={Role.MAVI})):
        raise PermissionDenied
    saved = {
        (t.category, t.language): t for t in ReplyTemplate.objects.select_related("updated_by")
    }
    # On a conflict the page shows again with the refused text in its cell (nothing lost).
    refused: dict[tuple[str, str], tuple[str, str]] = {}
    if request.method == "POST":
        category, language = request.POST.get("category", ""), request.POST.get("language", "")
        form = ReplyTemplateForm(request.POST)
        try:
            if category not in TriageCategory.values or language not in ReplyLanguage.values:
                raise ApplicationError(_("Unknown category or language."), code="bad_template")
            if not form.is_valid():
                if "version" in form.errors:
                    raise ApplicationError(str(VERSION_ERROR), code="bad_version")
                raise ApplicationError(_("A reply can be at most 2000 characters."), code="long")
            checks: list[CityTextCheck] = []
            services.reply_template_save(
                actor=user,
                category=category,
                language=language,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                ui_language=(get_language() or "fi")[:2],
                on_check=checks.append,
            )
            flash.success(request, _("The reply template was saved."))
            _show_warnings(request, checks)
        except EditConflictError as exc:
            refused[(category, language)] = (form.cleaned_data["text"], exc.message)
            saved = {
                (t.category, t.language): t
                for t in ReplyTemplate.objects.select_related("updated_by")
            }
        except ApplicationError as exc:
            flash.error(request, exc.message)
        if not refused:
            # Back to the edited cell, only for a real category and language (never an echo of
            # what was posted: a 20,000-character language would make the redirect itself
            # fail).
            anchor = (
                f"#tpl-{category}-{language}"
                if category in TriageCategory.values and language in ReplyLanguage.values
                else ""
            )
            return HttpResponseRedirect(reverse("inbox:replies") + anchor)
    feedback_url = configured_engine().rulebook.city.feedback_url
    rows = []
    for category in TriageCategory:
        cells = []
        for language in ReplyLanguage:
            template = saved.get((category.value, language.value))
            default = default_reply(
                EngineCategory(category.value), language.value, "{feedback_url}", "{answer_by}"
            )
            typed, conflict = refused.get((category.value, language.value), (None, ""))
            cells.append(
                {
                    "language": language,
                    "text": typed
                    if typed is not None
                    else (template.text if template and template.text else default),
                    "custom": bool(template and template.text),
                    "template": template,
                    # The version the form shows: 0 while no wording is saved (core.conflicts).
                    "version": template.version if template else 0,
                    "conflict": conflict,
                }
            )
        rows.append({"category": category, "cells": cells})
    return render(request, "inbox/replies.html", {"rows": rows, "feedback_url": feedback_url})


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.INBOX)
def saved_replies(request: HttpRequest) -> HttpResponse:
    """A person's own saved replies, kept beside the city's templates."""
    user = _user(request)
    form = SavedReplyForm()
    editing = None
    mine = saved_replies_for(user=user)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        reply = mine.filter(pk=posted_id(request.POST.get("reply"))).first()
        try:
            if action == "delete" and reply is not None:
                services.saved_reply_delete(actor=user, reply=reply)
                flash.success(request, _("The saved reply was removed."))
                return HttpResponseRedirect(reverse("inbox:saved_replies"))
            form = SavedReplyForm(request.POST)
            if form.is_valid():
                checks: list[CityTextCheck] = []
                services.saved_reply_save(
                    actor=user,
                    reply=reply,
                    ui_language=(get_language() or "fi")[:2],
                    on_check=checks.append,
                    **form.cleaned_data,
                )
                flash.success(request, _("The reply was saved."))
                _show_warnings(request, checks)
                return HttpResponseRedirect(reverse("inbox:saved_replies"))
        except ApplicationError as exc:
            show_refusal(request, exc)
        editing = reply
    elif (edit := posted_id(request.GET.get("edit"))) and (found := mine.filter(pk=edit).first()):
        editing = found
        form = SavedReplyForm(
            initial={"title": found.title, "language": found.language, "text": found.text}
        )
    context = {"form": form, "replies": mine, "editing": editing}
    return render(request, "inbox/saved_replies.html", context)


@require_safe
@area_required(Area.INBOX)
def figures(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    days = int(request.GET["days"]) if request.GET.get("days") in {"7", "30", "90", "365"} else 30
    since, until = last_days_bounds(days)
    rows = response_figures(channels=channels_in_queue(user=user), since=since, until=until)
    chart = bar_chart(
        _("Median first response, working hours (the table beside it has the figures)"),
        ((row.channel.name, row.median_hours) for row in rows),
    )
    context = {
        "rows": rows,
        "days": days,
        "chart": chart,
        "periods": (7, 30, 90, 365),
    }
    return render(request, "inbox/figures.html", context)
