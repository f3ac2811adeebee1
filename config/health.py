"""`/healthz`: the database and the task broker (the project's Celery app) as JSON."""

from __future__ import annotations

from typing import TypedDict

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app


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


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker status as JSON; 503 when either is down."""
    database = database_status()
    broker = broker_status()
    ok = database["ok"] and broker["ok"]
    body = {"status": "ok" if ok else "error", "database": database, "broker": broker}
    return JsonResponse(body, status=200 if ok else 503)
