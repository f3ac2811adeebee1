"""A deliberate, connection-scoped lift of the audit trail's append-only triggers.

The product never calls this. It exists for two operations outside normal use: a database
administrator archiving events past the retention period, and the test framework emptying the
database between tests. It affects only the one database connection that uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

MAINTENANCE_TABLE = "audit_maintenance"
MAINTENANCE_SETTING = "someluotsi.audit_maintenance"


@contextmanager
def audit_maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    connection = connections[using]
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {MAINTENANCE_TABLE} (enabled INTEGER)")
        elif vendor == "postgresql":
            cursor.execute(f"SET {MAINTENANCE_SETTING} = 'on'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute(f"DROP TABLE IF EXISTS temp.{MAINTENANCE_TABLE}")
            elif vendor == "postgresql":
                cursor.execute(f"RESET {MAINTENANCE_SETTING}")
