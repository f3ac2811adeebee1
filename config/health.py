"""`/healthz`: the database, the task broker (the project's Celery app) and notification
delivery as JSON."""

from __future__ import annotations

from typing import TypedDict

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
