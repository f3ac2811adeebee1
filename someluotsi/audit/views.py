from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from someluotsi.accounts.access import Area
from someluotsi.audit.forms import AuditFilterForm
from someluotsi.audit.selectors import AuditFilter, audit_action_names, audit_event_list
from someluotsi.core.access import area_required


@require_GET
@area_required(Area.AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    """The auditor's page: filter and read events. Nothing here changes them."""
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter(**form.cleaned_data) if form.is_valid() else AuditFilter()
    events = audit_event_list(user=request.user, filters=filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "actions": audit_action_names()}
    template = "audit/_table.html" if getattr(request, "htmx", False) else "audit/list.html"
    return render(request, template, context)
