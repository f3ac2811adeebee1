"""The audit trail as CSV for spreadsheets: one row per event with its sentence in the reader's
language, the local time with its UTC offset, and the technical record beside it. UTF-8 with a
byte-order mark, semicolons, and cells that cannot run as formulas."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.audit.models import AuditEvent
from someluotsi.audit.sentences import describe_events
from someluotsi.core.spreadsheet import csv_cell

BATCH = 500


def _line(cells: list[object]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow([csv_cell(c) for c in cells])
    return out.getvalue()


def audit_csv_rows(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """The CSV, line by line (for a streaming response), in the active language. Events are
    read in batches, each batch worded with a fixed number of queries."""
    yield "\ufeff" + _line(
        [
            _("Time"),
            _("Person"),
            _("Action"),
            _("Event"),
            _("Reading of personal data"),
            _("Object type"),
            _("Object number"),
            _("IP address"),
            _("Action code"),
            _("Details"),
        ]
    )
    ordered = events.order_by("-occurred_at", "-id")
    batch = list(ordered[:BATCH])
    while batch:
        for line in describe_events(batch):
            event = line.event
            local = timezone.localtime(event.occurred_at)
            yield _line(
                [
                    local.isoformat(sep=" ", timespec="seconds"),
                    line.actor_name,
                    line.action_label,
                    line.sentence,
                    _("yes") if line.personal_data else _("no"),
                    event.target_type,
                    event.target_id,
                    event.ip_address or "",
                    event.action,
                    json.dumps(event.data, ensure_ascii=False, sort_keys=True),
                ]
            )
        last = batch[-1]
        after = Q(occurred_at__lt=last.occurred_at) | Q(
            occurred_at=last.occurred_at, pk__lt=last.pk
        )
        batch = list(ordered.filter(after)[:BATCH])
