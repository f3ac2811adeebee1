"""Escalation evidence for the police and the employer: JSON (the exact hashed package) and a
readable PDF that prints the same package with its SHA-256."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from someluotsi.core.pdf import DocumentPdf
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


class _EvidencePdf(DocumentPdf):
    """The evidence document: the shared page set-up, headings and fields."""


def evidence_pdf(escalation: Escalation) -> bytes:
    evidence = escalation.evidence
    message = evidence.get("message", {})
    channel = evidence.get("channel", {})
    triage = evidence.get("triage", {})
    pdf = _EvidencePdf()
    pdf.add_page()
    pdf.heading(_("Escalation %(id)s – evidence package") % {"id": escalation.pk})
    pdf.field(_("SHA-256 of the evidence (canonical JSON)"), escalation.evidence_sha256)
    pdf.field(_("Captured"), evidence.get("captured_at"))
    pdf.field(_("Escalated by"), evidence.get("escalated_by"))
    pdf.field(_("Note"), evidence.get("note"))
    pdf.field(
        _("Police report recommended"), _("yes") if escalation.police_recommended else _("no")
    )
    pdf.heading(_("Message"))
    pdf.field(_("Text"), message.get("text"))
    pdf.field(_("Author"), message.get("author_handle"))
    pdf.field(_("Received"), message.get("received_at"))
    pdf.field(_("Platform and id"), f"{message.get('platform')} {message.get('external_id')}")
    pdf.field(_("Thread"), message.get("parent_external_id"))
    pdf.field(_("Link"), message.get("permalink"))
    pdf.field(_("Channel"), f"{channel.get('name')} ({channel.get('handle')}) {channel.get('url')}")
    pdf.heading(_("Triage"))
    pdf.field(_("Category"), triage.get("category"))
    pdf.field(_("Reasons"), "; ".join(triage.get("reasons", [])))
    for finding in triage.get("findings", []):
        pdf.field(
            f"{finding.get('rule')} {', '.join(finding.get('guideline') or [])}",
            f"“{finding.get('excerpt')}” – {finding.get('message')}",
        )
    pdf.heading(_("How to verify"))
    pdf.field(
        _("The JSON export holds the same package"),
        _(
            "Compute SHA-256 over the value of canonical_evidence in the JSON export (UTF-8); it "
            "must equal the digest above."
        ),
    )
    return bytes(pdf.output())
