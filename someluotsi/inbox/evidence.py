"""The evidence package of an escalation: what the police or the employer needs, kept apart from
the message so that it survives the original disappearing from the platform (§10.6).

The package is canonical JSON (sorted keys, UTF-8, no spaces) and its SHA-256 is stored with it,
so anyone can verify an exported copy: `sha256sum` over the exported `evidence` bytes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from someluotsi.inbox.models import Message

SCHEMA = "someluotsi.evidence/1"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def evidence_build(
    *, message: Message, escalated_by: str, escalated_at: datetime, note: str
) -> dict[str, Any]:
    channel = message.channel
    return {
        "schema": SCHEMA,
        "captured_at": _iso(escalated_at),
        "escalated_by": escalated_by,
        "note": note,
        "message": {
            "platform": message.platform,
            "external_id": message.external_id,
            "parent_external_id": message.parent_external_id,
            "kind": message.kind,
            "author_handle": message.author_handle,
            "text": message.text,
            "language": message.language,
            "received_at": _iso(message.received_at),
            "ingested_at": _iso(message.ingested_at),
            "permalink": message.platform_link,
        },
        "channel": {
            "id": channel.pk,
            "name": channel.name,
            "handle": channel.handle,
            "url": channel.url,
            "unit": channel.unit.code,
        },
        "triage": {
            "category": message.category,
            "priority": message.priority,
            "actions": list(message.actions),
            "reasons": list(message.reasons),
            "rules": list(message.rule_ids),
            "findings": [
                {key: finding.get(key) for key in ("rule", "guideline", "excerpt", "message")}
                for finding in message.findings
            ],
        },
    }


def evidence_bytes(evidence: dict[str, Any]) -> bytes:
    return json.dumps(evidence, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def evidence_digest(evidence: dict[str, Any]) -> str:
    return hashlib.sha256(evidence_bytes(evidence)).hexdigest()
