"""Behaviour that only the real PostgreSQL can show (run by .ci/run)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, connections, transaction

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.accounts.services import role_assign
from someluotsi.audit.models import AuditEvent
from someluotsi.audit.services import audit_record

pytestmark = pytest.mark.postgres


def test_postgres_refuses_truncate_of_the_audit_trail(require_postgres: None) -> None:
    audit_record(actor=None, action="demo.loaded")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_role_assignment_creates_one_record(
    require_postgres: None, make_user: Callable[..., User]
) -> None:
    user = make_user()
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def assign() -> None:
        try:
            barrier.wait()
            role_assign(
                actor=None, user=User.objects.get(pk=user.pk), role=Role.UPDATER, notify=False
            )
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=assign) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert RoleAssignment.objects.filter(user=user, role=Role.UPDATER).count() == 1
    assert AuditEvent.objects.filter(action="role.assigned", target_id=str(user.pk)).count() == 1
