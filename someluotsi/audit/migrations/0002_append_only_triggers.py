"""Database-level guarantee that audit events are append-only.

The model already refuses updates and deletes; these triggers also stop raw SQL, the shell and
any future code path. Supported on SQLite and PostgreSQL, the two databases Someluotsi runs on.
Only a connection that explicitly enters maintenance (someluotsi.audit.maintenance) may change
rows: a temporary table on SQLite, a session setting on PostgreSQL, both private to it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "audit_auditevent"

# pragma_table_list (SQLite >= 3.37) is the one way a trigger can see this connection's temp tables.
_SQLITE_NOT_IN_MAINTENANCE = (
    "WHEN NOT EXISTS (SELECT 1 FROM pragma_table_list "
    "WHERE schema = 'temp' AND name = 'audit_maintenance') "
)
SQLITE_CREATE = [
    f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE} {_SQLITE_NOT_IN_MAINTENANCE}"
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
    f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE} {_SQLITE_NOT_IN_MAINTENANCE}"
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_no_update;", "DROP TRIGGER IF EXISTS audit_no_delete;"]

POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$ BEGIN "
    "IF coalesce(current_setting('someluotsi.audit_maintenance', true), '') = 'on' THEN "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
    "RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql;",
    f"CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();",
    f"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_no_update_delete ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_refuse_change();",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
