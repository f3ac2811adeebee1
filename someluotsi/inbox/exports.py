"""Escalation evidence for the police and the employer as JSON: the exact hashed package with
its SHA-256. The readable PDF, which carries the same bytes as an attachment, is
`evidence_document.evidence_pdf`."""

from __future__ import annotations

import json

from someluotsi.inbox.evidence import evidence_bytes
from someluotsi.inbox.models import Escalation


def evidence_json(escalation: Escalation) -> bytes:
    """`evidence` holds the hashed package; `sha256` is over its canonical bytes."""
    document = {
        "escalation": escalation.pk,
        "sha256": escalation.evidence_sha256,
        "canonical_form": "JSON, keys sorted, UTF-8, separators ',' and ':'",
        "evidence": escalation.evidence,
        "canonical_evidence": evidence_bytes(escalation.evidence).decode("utf-8"),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
