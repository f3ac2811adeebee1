"""The auditor's pages: the trail in sentences with filters and a CSV export, and the two
data-subject reports (a staff member; a citizen by the author name the platform shows).
Nothing here changes an event; every reading of a person's data here is itself audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import RoleAssignment
from someluotsi.audit.exports import audit_csv_rows
from someluotsi.audit.forms import AuditFilterForm, AuthorForm
from someluotsi.audit.holdings import person_holdings
from someluotsi.audit.models import AuditEvent
from someluotsi.audit.registry import AuthoredRecord, author_lookups
from someluotsi.audit.selectors import (
    AuditFilter,
    audit_event_list,
    events_about,
    people_matching,
    person_events,
)
from someluotsi.audit.sentences import describe_events
from someluotsi.audit.services import audit_record, audit_trail_search_record
from someluotsi.core.access import area_required

PAGE_SIZE = 50


def _filters(request: HttpRequest) -> tuple[AuditFilterForm, AuditFilter]:
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter(**form.cleaned_data) if form.is_valid() else AuditFilter()
    return form, filters


def _page(request: HttpRequest, events: QuerySet[AuditEvent]) -> dict[str, Any]:
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "lines": describe_events(list(page.object_list))}


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _csv_response(events: QuerySet[AuditEvent], name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(audit_csv_rows(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="someluotsi-{name}-{stamp}.csv"'
    return response


def _record_person_search(request: HttpRequest, filters: AuditFilter) -> None:
    audit_trail_search_record(actor=request.user, person=filters.person, request=request)


@require_safe
@area_required(Area.AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    """The trail as sentences, newest first, with the filters; a search for a person is a
    reading of their data and is recorded."""
    form, filters = _filters(request)
    if request.GET.get("page") in {None, "", "1"}:
        _record_person_search(request, filters)
    events = audit_event_list(user=request.user, filters=filters)
    matched = people_matching(filters.person) if filters.person else []
    context = {
        "form": form,
        "author_form": AuthorForm(),
        "matched_people": get_user_model().objects.filter(pk__in=matched[:10]),
        "query": _query_without_page(request),
        **_page(request, events),
    }
    template = "audit/_events.html" if getattr(request, "htmx", False) else "audit/list.html"
    return render(request, template, context)


@require_safe
@area_required(Area.AUDIT)
def audit_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The filtered trail as CSV; the export is itself an event (with its filters and size)."""
    form, filters = _filters(request)
    if request.GET and not form.is_valid():
        # The page with the form's errors, and no rows: nothing is exported on a bad filter.
        context = {
            "form": form,
            "author_form": AuthorForm(),
            "matched_people": get_user_model().objects.none(),
            "query": _query_without_page(request),
            **_page(request, AuditEvent.objects.none()),
        }
        return render(request, "audit/list.html", context, status=400)
    events = audit_event_list(user=request.user, filters=filters)
    exported = audit_record(
        actor=request.user,
        action="audit.exported",
        data={
            "rows": events.count(),
            "filters": {key: str(value) for key, value in form.cleaned_data.items() if value}
            if form.is_valid()
            else {},
            "people": people_matching(filters.person) if filters.person else [],
        },
        request=request,
    )
    return _csv_response(_without(events, exported), "audit")


def _without(events: Any, exported: AuditEvent | None) -> Any:
    """The exported rows without the export's own event (none for a HEAD request, which
    records nothing: audit_record)."""
    return events if exported is None else events.exclude(pk=exported.pk)


def _person_or_404(person_id: int) -> Any:
    person = get_user_model().objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


@require_safe
@area_required(Area.AUDIT)
def person_report(request: HttpRequest, person_id: int) -> HttpResponse:
    """A staff member's data-subject report: their account, what the product holds about them,
    and every event by or about them."""
    person = _person_or_404(person_id)
    if request.GET.get("page") in {None, "", "1"}:
        audit_record(
            actor=request.user, action="audit.person_report_viewed", target=person, request=request
        )
    events = person_events(user=request.user, person_id=person.pk)
    context = {
        "person": person,
        "roles": RoleAssignment.objects.filter(user=person).select_related("unit"),
        "holdings": person_holdings(person),
        "query": _query_without_page(request),
        **_page(request, events),
    }
    return render(request, "audit/person.html", context)


@require_safe
@area_required(Area.AUDIT)
def person_export(request: HttpRequest, person_id: int) -> HttpResponse | StreamingHttpResponse:
    person = _person_or_404(person_id)
    events = person_events(user=request.user, person_id=person.pk)
    exported = audit_record(
        actor=request.user,
        action="audit.exported",
        data={"rows": events.count(), "people": [person.pk]},
        request=request,
    )
    return _csv_response(_without(events, exported), f"person-{person.pk}")


def _authored(form: AuthorForm) -> list[AuthoredRecord]:
    platform, author = form.cleaned_data["platform"], form.cleaned_data["author"]
    return [record for lookup in author_lookups() for record in lookup.find(platform, author)]


def _subjects(records: list[AuthoredRecord]) -> list[tuple[str, str]]:
    return [subject for record in records for subject in record.subjects]


# The search fields of a citizen's report: never read from an address (`author_report`).
AUTHOR_FIELDS = ("platform", "author")


def _author_start_page(request: HttpRequest) -> HttpResponse:
    """The citizen's report with its empty form: nothing is searched. An address that still
    carries a search (an old bookmark or link, `?author=...`) gets a message saying to search
    with the form instead; what it carried is neither used nor shown back."""
    context: dict[str, Any] = {
        "form": AuthorForm(),
        "searched": False,
        "from_address": any(request.GET.get(name) for name in AUTHOR_FIELDS),
    }
    return render(request, "audit/author.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.AUDIT)
def author_report(request: HttpRequest) -> HttpResponse:
    """A citizen's data-subject report: the messages the product still links to the author
    (and their escalations), and every event about them: who read them, when, and what was
    done. Messages past retention carry no author and so are not found.

    The search is a POST (with CSRF), its pages too, so that the citizen's name never goes into
    an address: the server's request log, the browser's history, a Referer. A GET shows the
    empty form (`_author_start_page`). The first page of each search is audited
    (`audit.author_searched`, with the author and what was found)."""
    if request.method != "POST":
        return _author_start_page(request)
    form = AuthorForm(request.POST)
    context: dict[str, Any] = {"form": form, "searched": False}
    if form.is_valid():
        records = _authored(form)
        subjects = _subjects(records)
        page_number = request.POST.get("page")
        if page_number in {None, "", "1"}:
            audit_record(
                actor=request.user,
                action="audit.author_searched",
                data={
                    "platform": form.cleaned_data["platform"],
                    "author": form.cleaned_data["author"],
                    "found": len(records),
                    "subjects": [list(pair) for pair in subjects],
                },
                request=request,
            )
        events = events_about(user=request.user, subjects=subjects)
        page = Paginator(events, PAGE_SIZE).get_page(page_number)
        context.update(
            searched=True,
            records=records,
            search={name: form.cleaned_data[name] for name in AUTHOR_FIELDS},
            page=page,
            lines=describe_events(list(page.object_list)),
        )
    return render(request, "audit/author.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.AUDIT)
def author_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The events of a citizen's report as CSV, posted from the report (never an address with
    the author in it: a GET shows the report's empty form). The export is audited
    (`audit.exported`, with the author and the subjects)."""
    if request.method != "POST":
        return _author_start_page(request)
    form = AuthorForm(request.POST)
    if not form.is_valid():
        return render(request, "audit/author.html", {"form": form, "searched": False})
    subjects = _subjects(_authored(form))
    events = events_about(user=request.user, subjects=subjects)
    exported = audit_record(
        actor=request.user,
        action="audit.exported",
        data={
            "rows": events.count(),
            "author": form.cleaned_data["author"],
            "subjects": [list(pair) for pair in subjects],
        },
        request=request,
    )
    return _csv_response(_without(events, exported), "author")
