"""GET and HEAD change nothing (RFC 9110 §9.2.1): every GET URL of the catalogue, visited by
every role, leaves every table as it was, but for the audit trail (reading personal data is
recorded) and the session. A GET that changes state can be triggered from another site by a
link or an image (the session cookie goes along with a top-level navigation), which CSRF
protection, made for POST, does not stop."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from someluotsi.accounts.enums import Role
from tests.urlcatalogue import CATALOGUE, build_world
from tests.urlcatalogue.world import ROLES

# Tables a read may write: the audit trail (reads of personal data are recorded), the session.
MAY_CHANGE = {"audit_auditevent", "audit_auditsubject", "django_session"}
# Reads that stamp their own record, by URL name: a calendar feed's last use (to show which
# feeds are in use) and a report file's downloads (the requester's own job).
STAMPS = {
    "publishing:feed": {"publishing_calendarfeedtoken"},
    "metrics:report_job_file": {"metrics_reportjob"},
}


def _state() -> dict[str, str]:
    """A digest of every table's rows, by table name."""
    digests: dict[str, str] = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in MAY_CHANGE or not model._meta.managed:
                continue
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - model tables
            digests[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "anonymous")
def test_get_changes_nothing(role: Role | None, settings: Any) -> None:
    # The embedded default's sweeps after requests (e-mail and platform-action retries) are
    # background work, not the view's: off here.
    settings.NOTIFICATION_RETRY_AFTER_REQUESTS = False
    settings.CONNECTORS_RETRY_AFTER_REQUESTS = False
    world = build_world()
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    changed = []
    for declared in CATALOGUE.values():
        if "GET" not in declared.methods:
            continue
        for url in declared.urls(world):
            before = _state()
            client.get(url, declared.query)
            after = _state()
            tables = sorted(
                t
                for t in after
                if after[t] != before.get(t) and t not in STAMPS.get(declared.name, ())
            )
            if tables:
                changed.append(f"GET {url}: {', '.join(tables)}")
    assert changed == [], "\n".join(changed)
