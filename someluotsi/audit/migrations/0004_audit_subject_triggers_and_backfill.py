"""Audit subjects are as append-only as the events (the same triggers and maintenance switch),
and the events recorded before subjects existed get theirs: the target, and the people and
messages their data names (the data keys as the actions recorded them then)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "audit_auditsubject"
_SQLITE_NOT_IN_MAINTENANCE = (
    "WHEN NOT EXISTS (SELECT 1 FROM pragma_table_list "
    "WHERE schema = 'temp' AND name = 'audit_maintenance') "
)
SQLITE_CREATE = [
    f"CREATE TRIGGER audit_subject_no_update BEFORE UPDATE ON {TABLE} "
    f"{_SQLITE_NOT_IN_MAINTENANCE}BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
    f"CREATE TRIGGER audit_subject_no_delete BEFORE DELETE ON {TABLE} "
    f"{_SQLITE_NOT_IN_MAINTENANCE}BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_subject_no_update;",
    "DROP TRIGGER IF EXISTS audit_subject_no_delete;",
]
# audit_refuse_change() comes from 0002 and honours the same maintenance setting.
POSTGRES_CREATE = [
    f"CREATE TRIGGER audit_subject_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();",
    f"CREATE TRIGGER audit_subject_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_subject_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_subject_no_update_delete ON {TABLE};",
]

USER = "accounts.user"
MESSAGE = "inbox.message"
# action: [(data key, subject type)]; a list value names several.
FROM_DATA = {
    "messages.listed": [("ids", MESSAGE)],
    "escalation.created": [("message", MESSAGE), ("addressees", USER)],
    "message.assigned": [("assignee", USER)],
    "channel.maintainer_added": [("user", USER)],
    "channel.maintainer_removed": [("user", USER)],
    "channel.created": [("maintainers", USER)],
    "absence.recorded": [("cover", USER)],
    "incident.opened": [("owner", USER)],
}


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})
    backfill(apps)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


def backfill(apps: StateApps) -> None:
    event_model = apps.get_model("audit", "AuditEvent")
    subject_model = apps.get_model("audit", "AuditSubject")
    rows = []
    for event in event_model.objects.order_by("pk").iterator():
        found = []
        if event.target_type and event.target_id:
            found.append((event.target_type, event.target_id))
        data = event.data if isinstance(event.data, dict) else {}
        for key, model in FROM_DATA.get(event.action, []):
            value = data.get(key)
            for pk in value if isinstance(value, list) else [value]:
                if pk not in (None, ""):
                    found.append((model, str(pk)))
        for model, pk in dict.fromkeys(found):
            rows.append(subject_model(event_id=event.pk, subject_type=model, subject_id=pk))
        if len(rows) >= 2000:
            subject_model.objects.bulk_create(rows)
            rows = []
    subject_model.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_subjects")]
    operations = [migrations.RunPython(create, drop)]
