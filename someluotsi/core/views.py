"""The page shell: home, health, and the areas whose full features arrive in later work."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from someluotsi.accounts.selectors import user_areas, user_roles
from someluotsi.core.health import broker_status, database_status, notification_status


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, broker and notification delivery as JSON: "error" with 503 when the database
    or the broker is down; "degraded" with 200 (the service still works) when notification
    e-mails failed in the last 24 hours or are waiting past their time."""
    database = database_status()
    broker = broker_status()
    ok = database["ok"] and broker["ok"]
    notifications = notification_status() if database["ok"] else None
    status = "ok" if ok else "error"
    if ok and notifications is not None and not notifications["ok"]:
        status = "degraded"
    body = {
        "status": status,
        "database": database,
        "broker": broker,
        "notifications": notifications,
    }
    return JsonResponse(body, status=200 if ok else 503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "areas": user_areas(user=request.user),
        "roles": sorted(role.label for role in user_roles(user=request.user)),
    }
    return render(request, "core/home.html", context)
