"""Incidents (§17): opened from an alert or by hand, worked through the playbook, replies
drafted through the post checker with the tone check, closed with a summary."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_is_read_only
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.compliance.engine import configured_engine
from someluotsi.compliance.services import channel_context, default_author_role
from someluotsi.core.blank import is_blank, trimmed
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.lengths import at_most
from someluotsi.incidents.enums import (
    AlertStatus,
    EntryKind,
    IncidentStatus,
    OurMistake,
    PlaybookStep,
    SensitivityLevel,
    StepState,
)
from someluotsi.incidents.models import DetectionSetting, Incident, IncidentEntry, StormAlert
from someluotsi.incidents.selectors import incident_can_work

MIN_SUMMARY = 30


def _require(actor: User, channel: Channel) -> None:
    if user_is_read_only(user=actor) or not incident_can_work(user=actor, channel=channel):
        raise PermissionDeniedError(_("You cannot work on incidents of this channel."))


@transaction.atomic
def incident_open(
    *, actor: User, channel: Channel, title: str, owner: User, alert: StormAlert | None = None
) -> Incident:
    _require(actor, channel)
    title = at_most(title.strip(), 200, field="title")
    if not title:
        raise ApplicationError(_("Give the incident a title."), code="missing_title")
    # An alert already went to the mavi team: §17.4 is under way from the start.
    steps = (
        {PlaybookStep.MAVI: {**_step(actor, StepState.DONE, ""), "auto": ALERTED}}
        if alert is not None
        else {}
    )
    incident = Incident.objects.create(
        title=title, channel=channel, owner=owner, opened_by=actor, steps=steps
    )
    IncidentEntry.objects.create(incident=incident, author=actor, kind=EntryKind.OPENED, text=title)
    if alert is not None:
        alert.status = AlertStatus.INCIDENT
        alert.incident = incident
        alert.handled_by = actor
        alert.handled_at = timezone.now()
        alert.save(update_fields=["status", "incident", "handled_by", "handled_at"])
        IncidentEntry.objects.create(incident=incident, kind=EntryKind.ALERT, text=f"#{alert.pk}")
    audit_record(
        actor=actor,
        action="incident.opened",
        target=incident,
        data={"channel": channel.pk, "alert": alert.pk if alert else None, "owner": owner.pk},
    )
    return incident


REVIEW_LANGUAGES = ("fi", "sv", "en")
# A step record's "auto" mark: a note the system made, worded when shown (localized_step_note).
ALERTED = "alerted"


def localized_step_note(record: dict[str, Any]) -> str:
    """A step record's note in the reader's language: the person's own words, or the wording of
    the system's mark."""
    if record.get("auto") == ALERTED:
        return _("The mavi team was alerted.")
    return str(record.get("note", ""))


def localized_review(review: dict[str, Any], language: str) -> dict[str, Any]:
    """A stored post-checker review with each finding's message and suggestion in `language`
    (reviews stored before the three languages were kept have one text, shown as it is)."""

    def pick(value: Any) -> str:
        if isinstance(value, dict):
            return str(value.get(language) or value.get("fi") or next(iter(value.values()), ""))
        return str(value or "")

    findings = [
        {**f, "message": pick(f.get("message")), "suggestion": pick(f.get("suggestion"))}
        for f in review.get("findings", [])
    ]
    return {**review, "findings": findings}


def _in_each(reports: dict[str, Any], index: int, field: str) -> dict[str, str]:
    """A finding's `field` in each language's report (the same rule at the same place)."""
    out = {}
    for language, report in reports.items():
        if index < len(report.findings):
            out[language] = str(getattr(report.findings[index], field))
    return out


def _step(actor: User, state: str, note: str) -> dict[str, Any]:
    return {
        "state": state,
        "note": at_most(note, 500, field="note"),
        "by": str(actor),
        "at": timezone.now().isoformat(),
    }


def alert_dismiss(*, actor: User, alert: StormAlert, reason: str) -> StormAlert:
    _require(actor, alert.channel)
    if alert.status != AlertStatus.NEW:
        raise ApplicationError(_("The alert has already been handled."))
    if len(reason.strip()) < 5:
        raise ApplicationError(_("Say why the alert is dismissed."), code="missing_reason")
    alert.status = AlertStatus.DISMISSED
    alert.dismiss_reason = at_most(reason.strip(), 500, field="reason")
    alert.handled_by = actor
    alert.handled_at = timezone.now()
    alert.save(update_fields=["status", "dismiss_reason", "handled_by", "handled_at"])
    audit_record(actor=actor, action="incident.alert_dismissed", target=alert)
    return alert


def _check_open(incident: Incident) -> None:
    if incident.status != IncidentStatus.OPEN:
        raise ApplicationError(_("The incident is closed."), code="closed")


def incident_step(
    *, actor: User, incident: Incident, step: str, state: str, note: str = ""
) -> Incident:
    _require(actor, incident.channel)
    _check_open(incident)
    if step not in PlaybookStep.values or state not in StepState.values:
        raise ApplicationError(_("Unknown playbook step."), code="invalid_step")
    if state == StepState.NOT_NEEDED and len(note.strip()) < 5:
        raise ApplicationError(_("Say why the step is not needed."), code="missing_note")
    steps = dict(incident.steps)
    steps[step] = _step(actor, state, note.strip())
    incident.steps = steps
    incident.save(update_fields=["steps"])
    IncidentEntry.objects.create(
        incident=incident, author=actor, kind=EntryKind.STEP, step=step, state=state,
        text=note.strip(),
    )  # fmt: skip
    audit_record(
        actor=actor, action="incident.step", target=incident, data={"step": step, "state": state}
    )
    return incident


def incident_assess(*, actor: User, incident: Incident, our_mistake: str) -> Incident:
    _require(actor, incident.channel)
    _check_open(incident)
    if our_mistake not in OurMistake.values:
        raise ApplicationError(_("Unknown answer."), code="invalid")
    incident.our_mistake = our_mistake
    incident.save(update_fields=["our_mistake"])
    return incident_step(
        actor=actor,
        incident=incident,
        step=PlaybookStep.ASSESS,
        state=StepState.DONE if our_mistake else StepState.OPEN,
    )


def incident_note(*, actor: User, incident: Incident, kind: str, text: str) -> IncidentEntry:
    """A note or a statement in the timeline."""
    _require(actor, incident.channel)
    _check_open(incident)
    if kind not in {EntryKind.NOTE, EntryKind.STATEMENT}:
        raise ApplicationError(_("Unknown entry."), code="invalid")
    text = trimmed(text)
    if not text or len(text) > 8000:
        raise ApplicationError(_("Write 1–8000 characters."), code="invalid_text")
    entry = IncidentEntry.objects.create(incident=incident, author=actor, kind=kind, text=text)
    audit_record(
        actor=actor,
        action={"note": "incident.note_added", "statement": "incident.statement_added"}[kind],
        target=incident,
    )
    return entry


# A reply drafted in a storm: what the page's field says (maxlength), kept by the service too.
MAX_DRAFT_CHARS = 5000


def incident_reply_draft(*, actor: User, incident: Incident, text: str, ui: str) -> IncidentEntry:
    """Check a reply before it is posted: the post checker, plus the tone check (§17.3)."""
    _require(actor, incident.channel)
    _check_open(incident)
    text = trimmed(text)
    if is_blank(text):  # zero-width characters alone show nothing either
        raise ApplicationError(_("Write the reply first."), code="invalid_text")
    at_most(text, MAX_DRAFT_CHARS, field="reply")  # the limit and the length named
    context = channel_context(incident.channel)
    engine = configured_engine()
    # The findings' words in every interface language, so that each reader of the timeline
    # reads them in theirs (localized_review); the verdict and rules do not depend on it.
    reports = {
        language: engine.check(
            text,
            role=default_author_role(user=actor),
            channel=replace(context, incident=True),
            ui_language=language,
        )
        for language in REVIEW_LANGUAGES
    }
    report = reports[ui if ui in reports else REVIEW_LANGUAGES[0]]
    review = {
        "verdict": report.verdict.value,
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "message": _in_each(reports, i, "message"),
                "suggestion": _in_each(reports, i, "suggestion"),
                "guideline": list(f.guideline),
                "excerpt": f.excerpt,
            }
            for i, f in enumerate(report.findings)
        ],
    }
    entry = IncidentEntry.objects.create(
        incident=incident, author=actor, kind=EntryKind.REPLY_DRAFT, text=text, review=review
    )
    audit_record(
        actor=actor,
        action="incident.reply_checked",
        target=incident,
        data={"verdict": report.verdict.value, "rules": list(report.rule_ids)},
    )
    return entry


def incident_close(*, actor: User, incident: Incident, summary: str) -> Incident:
    _require(actor, incident.channel)
    _check_open(incident)
    summary = summary.strip()
    if len(summary) < MIN_SUMMARY:
        raise ApplicationError(
            _("Write a post-incident summary of at least %(n)s characters.") % {"n": MIN_SUMMARY},
            code="missing_summary",
        )
    undone = [
        step.label for step, record in incident.playbook() if record["state"] == StepState.OPEN
    ]
    if undone:
        raise ApplicationError(
            _("Mark every playbook step done or not needed first: %(steps)s")
            % {"steps": "; ".join(str(s) for s in undone)},
            code="steps_open",
        )
    incident.status = IncidentStatus.CLOSED
    incident.summary = summary
    incident.closed_at = timezone.now()
    incident.closed_by = actor
    incident.save(update_fields=["status", "summary", "closed_at", "closed_by"])
    IncidentEntry.objects.create(
        incident=incident, author=actor, kind=EntryKind.CLOSED, text=summary
    )
    audit_record(actor=actor, action="incident.closed", target=incident)
    return incident


def detection_setting_save(*, actor: User, channel: Channel | None, sensitivity: str) -> None:
    from someluotsi.channels.selectors import user_is_city_wide

    if not user_is_city_wide(user=actor):
        raise PermissionDeniedError(_("Only the mavi team sets the detection sensitivity."))
    if sensitivity not in SensitivityLevel.values:
        raise ApplicationError(_("Unknown sensitivity."), code="invalid")
    DetectionSetting.objects.update_or_create(
        channel=channel, defaults={"sensitivity": sensitivity, "updated_by": actor}
    )
    audit_record(
        actor=actor,
        action="incidents.sensitivity_set",
        data={"channel": channel.pk if channel else None, "sensitivity": sensitivity},
    )


def alert_evidence_record(
    *, actor: User, alert: StormAlert, message_ids: list[int], request: HttpRequest | None = None
) -> None:
    """Reading an alert's evidence with its message texts and authors is access to personal
    data: audited with the messages' ids (never their texts) and the client address."""
    audit_record(
        actor=actor,
        action="storm_alert.evidence_viewed",
        target=alert,
        data={"messages": message_ids},
        request=request,
    )


def incident_view_record(
    *, actor: User, incident: Incident, request: HttpRequest | None = None
) -> None:
    """An incident's timeline (notes, statements, reply drafts) may quote people: each reading
    is audited with the client address, on the page and over the API alike."""
    audit_record(actor=actor, action="incident.viewed", target=incident, request=request)
