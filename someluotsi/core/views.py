"""The page shell: home, health, and the areas whose full features arrive in later work."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from someluotsi.accounts.selectors import user_areas, user_roles
from someluotsi.core.health import broker_status, database_status


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker status as JSON; 503 when either is down."""
    database = database_status()
    broker = broker_status()
    ok = database["ok"] and broker["ok"]
    body = {"status": "ok" if ok else "error", "database": database, "broker": broker}
    return JsonResponse(body, status=200 if ok else 503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "areas": user_areas(user=request.user),
        "roles": sorted(role.label for role in user_roles(user=request.user)),
    }
    return render(request, "core/home.html", context)
