"""The escalation's evidence as a document an officer can file (§10.6): one language from the
first word to the page numbers, every moment in local time to the second with the zone named,
the message as captured (platform, permalink, author), the triage and the guideline's sections
in words, who was told when and who acknowledged when, the outcome, and a plain note on checking
the SHA-256 of the evidence file carried inside the PDF.

The evidence package itself is never changed: the PDF words what the package holds, and the
package's canonical bytes travel inside the PDF as `evidence-<id>.json`, so the printed digest
can be checked against the attached file with any SHA-256 tool.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from someluotsi.channels.enums import Platform
from someluotsi.core.documents import PdfAttachment, render_html, render_pdf
from someluotsi.core.times import as_moment, moment_text, zone_text
from someluotsi.guideline.sections import section_words
from someluotsi.inbox.enums import (
    EscalationStatus,
    MessageKind,
    Priority,
    RecipientRole,
    TriageAction,
    TriageCategory,
)
from someluotsi.inbox.evidence import evidence_bytes
from someluotsi.inbox.models import Escalation
from someluotsi.inbox.presentation import reason_label
from someluotsi.inbox.wording import findings_worded

LANGUAGES = ("fi", "sv", "en")
TEMPLATE = "documents/evidence.html"


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "–")


def _platform(value: object) -> str:
    return _label(Platform, value)


def _sections(refs: list[str], language: str) -> list[dict[str, str]]:
    return [{"ref": ref, "words": section_words(ref, language)} for ref in refs]


def attachment_name(escalation: Escalation) -> str:
    return f"evidence-{escalation.pk}.json"


def evidence_context(escalation: Escalation, language: str) -> dict[str, Any]:
    """Everything the document shows, worded in the active language (call it under
    `translation.override(language)`)."""
    evidence = escalation.evidence or {}
    message = evidence.get("message", {})
    channel = evidence.get("channel", {})
    triage = evidence.get("triage", {})
    # Stored as the check worded them; worded here in the document's language.
    worded = findings_worded(
        triage.get("findings", []),
        ui_language=language,
        text=str(message.get("text") or ""),
        text_language=message.get("language"),
    )
    findings = [
        {
            "rule": finding.get("rule") or "",
            "excerpt": finding.get("excerpt") or "",
            "text": finding.get("message") or "",
            "sections": _sections(list(finding.get("guideline") or []), language),
        }
        for finding in worded
    ]
    cited = list(
        dict.fromkeys(
            str(ref)
            for finding in triage.get("findings", [])
            for ref in finding.get("guideline") or []
        )
    )
    recipients = [
        {
            "name": r.user.get_full_name() or r.user.get_username(),
            "role": _label(RecipientRole, r.role),
            "notified": moment_text(r.notified_at),
            "acknowledged": moment_text(r.acknowledged_at) if r.acknowledged_at else "",
        }
        for r in escalation.recipients.select_related("user").order_by("notified_at", "pk")
    ]
    closed_by = escalation.closed_by
    first_moment = evidence.get("captured_at") or escalation.created_at
    return {
        "escalation": escalation,
        "has_evidence": bool(evidence),
        "captured": moment_text(evidence.get("captured_at") or escalation.created_at),
        "zone": zone_text(captured) if (captured := as_moment(first_moment)) else "",
        "escalated_by": evidence.get("escalated_by") or "–",
        "automatic": escalation.created_by_id is None,
        "note": evidence.get("note") or "",
        "police": escalation.police_recommended,
        "message": {
            "platform": _platform(message.get("platform")),
            "kind": _label(MessageKind, message.get("kind")),
            "external_id": message.get("external_id") or "–",
            "thread": message.get("parent_external_id") or "",
            "author": message.get("author_handle") or "",
            "text": message.get("text") or "",
            "language": message.get("language") or "",
            "received": moment_text(message.get("received_at")),
            "ingested": moment_text(message.get("ingested_at")),
            "permalink": message.get("permalink") or "",
        },
        "channel": {
            "name": channel.get("name") or "–",
            "handle": channel.get("handle") or "",
            "url": channel.get("url") or "",
        },
        "triage": {
            "category": _label(TriageCategory, triage.get("category")),
            "priority": _label(Priority, triage.get("priority")),
            "actions": [_label(TriageAction, a) for a in triage.get("actions", [])],
            # The rules behind a reason are in the findings table, in words.
            "reasons": [
                reason_label(r) for r in triage.get("reasons", []) if not r.startswith("rules:")
            ],
            "findings": findings,
            "sections": _sections(cited or ["§10.6"], language),
        },
        "escalation_section": {"ref": "§10.6", "words": section_words("§10.6", language)},
        "recipients": recipients,
        "status": _label(EscalationStatus, escalation.status),
        "closed": escalation.status == EscalationStatus.CLOSED,
        "outcome": escalation.outcome,
        "closed_at": moment_text(escalation.closed_at) if escalation.closed_at else "",
        "closed_by": (closed_by.get_full_name() or closed_by.get_username()) if closed_by else "",
        "sha256": escalation.evidence_sha256,
        "attachment": attachment_name(escalation),
        "printed": moment_text(timezone.now(), with_zone=True),
    }


def _document_language(language: str | None) -> str:
    return language if language in LANGUAGES else "fi"


def evidence_html(escalation: Escalation, *, language: str) -> str:
    language = _document_language(language)
    with translation.override(language):
        context = evidence_context(escalation, language)
    return render_html(TEMPLATE, context, language=language)


def evidence_pdf(escalation: Escalation, *, language: str) -> bytes:
    """The evidence document in `language` (fi, sv or en; anything else reads as fi), with the
    canonical evidence attached when the package still exists."""
    language = _document_language(language)
    with translation.override(language):
        context = evidence_context(escalation, language)
        description = _("The evidence package as captured; its SHA-256 is printed in the document.")
    attachments = (
        [
            PdfAttachment(
                name=attachment_name(escalation),
                data=evidence_bytes(escalation.evidence),
                description=description,
            )
        ]
        if escalation.evidence
        else []
    )
    return render_pdf(TEMPLATE, context, language=language, attachments=attachments)
