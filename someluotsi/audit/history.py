"""A record's history as shown beside it: what was done, with the reads apart.

Every opening of a message is audited ("X read message N"); after a few visits those lines
outnumber and push out the real actions (assigned, answered, escalated). A record's page shows
its actions as a list and its reads folded into one line ("read 14 times, last by X at T")
that opens to the latest reads. The audit log keeps every event as recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from someluotsi.audit.selectors import audit_events_for_target
from someluotsi.audit.sentences import EventLine, describe_events

# Actions that record that someone looked at a record, not that anything was done to it.
READ_ACTIONS = frozenset(
    {
        "message.viewed",
        "incident.viewed",
        "asset.file_viewed",
        "sandbox_item.viewed",
        "storm_alert.evidence_viewed",
        "audit.person_report_viewed",
    }
)


@dataclass(frozen=True)
class History:
    """`lines`: the actions other than reads, newest first (at most the page's limit);
    `reads`: the latest reads, newest first; `read_count`: every read of the record."""

    lines: list[EventLine]
    reads: list[EventLine]
    read_count: int

    @property
    def last_read(self) -> EventLine | None:
        return self.reads[0] if self.reads else None

    @property
    def more_reads(self) -> bool:
        """Whether reads older than those listed exist (they are in the audit log)."""
        return self.read_count > len(self.reads)

    def __bool__(self) -> bool:
        return bool(self.lines) or self.read_count > 0


def record_history(*, target: models.Model, limit: int = 50, read_limit: int = 20) -> History:
    """The history of `target` for its page: at most `limit` actions and `read_limit` reads
    (newest first) and the count of all reads. Three queries and the events' sentences."""
    events = audit_events_for_target(target=target)
    reads = events.filter(action__in=READ_ACTIONS)
    return History(
        lines=describe_events(list(events.exclude(action__in=READ_ACTIONS)[:limit])),
        reads=describe_events(list(reads[:read_limit])),
        read_count=reads.count(),
    )
