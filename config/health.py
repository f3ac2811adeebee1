"""`/healthz`: the database, the task broker (the project's Celery app) and notification
delivery as JSON.

Anyone (a load balancer, an uptime monitor) gets the overall state only: `{"status": "ok"}`
with 200 or `{"status": "error"}` with 503. The components (database vendor, broker transport,
notification failures) are for the installation's staff users signed in, or for a monitor that
sends the `HEALTHZ_TOKEN` setting (empty: no token opens them) in the `X-Healthz-Token` header.
"""

from __future__ import annotations

import hmac
from typing import TypedDict

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.celery import app
from someluotsi.notifications.delivery import delivery_health


class ComponentStatus(TypedDict):
    ok: bool
    detail: str


def database_status() -> ComponentStatus:
    """Run a trivial query; report the vendor, never the connection string."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return {"ok": False, "detail": type(exc).__name__}
    return {"ok": True, "detail": connection.vendor}


def broker_status() -> ComponentStatus:
    """Eager mode needs no broker; otherwise open (and close) one broker connection."""
    if app.conf.task_always_eager:
        return {"ok": True, "detail": "eager"}
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return {"ok": False, "detail": type(exc).__name__}
    return {"ok": True, "detail": str(transport)}


class NotificationStatus(TypedDict):
    ok: bool
    failed_recently: int
    overdue: int


def notification_status() -> NotificationStatus:
    """E-mail notifications: failed in the last 24 hours, or waiting past their time."""
    try:
        health = delivery_health()
    except Exception:  # noqa: BLE001 - the database check reports the database itself
        return {"ok": False, "failed_recently": 0, "overdue": 0}
    return {"ok": health.ok, "failed_recently": health.failed_recently, "overdue": health.overdue}


def may_see_details(request: HttpRequest) -> bool:
    """Staff users signed in, or a request with the configured `HEALTHZ_TOKEN` in the
    `X-Healthz-Token` header (compared in constant time; an empty setting opens nothing)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff and user.is_active:
        return True
    expected = str(settings.HEALTHZ_TOKEN or "")
    given = str(request.headers.get("X-Healthz-Token", ""))
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 ("error") when either is down.

    With details (`may_see_details`) the body names each component, and says "degraded" (still
    200: the service works) when notification e-mails failed in the last 24 hours or are
    waiting past their time; without, it is `{"status": "ok"}` or `{"status": "error"}`."""
    database = database_status()
    broker = broker_status()
    ok = database["ok"] and broker["ok"]
    code = 200 if ok else 503
    if not may_see_details(request):
        return JsonResponse({"status": "ok" if ok else "error"}, status=code)
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
    return JsonResponse(body, status=code)
