from __future__ import annotations

import pytest
from django.test import Client

from config.celery import app


@pytest.mark.django_db
def test_healthz_reports_database_and_eager_broker(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert (
        body["database"] == {"ok": True, "detail": "sqlite"}
        or body["database"]["detail"] == "postgresql"
    )
    assert body["broker"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_unreachable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    for key in ("broker_url", "broker_write_url"):
        monkeypatch.setitem(app.conf, key, "redis://127.0.0.1:9/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"]["ok"] is False
