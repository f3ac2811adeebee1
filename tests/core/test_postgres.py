"""Behaviour that only the real PostgreSQL can show (run by .ci/run)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.accounts.services import role_assign
from someluotsi.audit.models import AuditEvent
from someluotsi.audit.services import audit_record
from tests.helpers import run_concurrently

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
    run_concurrently(
        lambda: role_assign(
            actor=None, user=User.objects.get(pk=user.pk), role=Role.UPDATER, notify=False
        )
    )
    assert RoleAssignment.objects.filter(user=user, role=Role.UPDATER).count() == 1
    assert AuditEvent.objects.filter(action="role.assigned", target_id=str(user.pk)).count() == 1
