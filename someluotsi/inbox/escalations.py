"""Escalations (§10.6): a threatening message goes to the supervisor of the channel's unit and
the occupational safety manager, with an evidence package; explicit threats of violence are
marked for a police report. Addressees acknowledge; the case is closed with an outcome."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import AnyUser, users_with_role
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.inbox.enums import (
    EscalationStatus,
    MessageStatus,
    RecipientRole,
    Resolution,
    TriageCategory,
)
from someluotsi.inbox.evidence import evidence_build, evidence_digest
from someluotsi.inbox.models import Escalation, EscalationRecipient, Message
from someluotsi.inbox.selectors import open_escalation_for
from someluotsi.inbox.transitions import message_check_can_work, message_transition
from someluotsi.notifications.services import notification_send_worded


def escalation_addressees(*, channel: Channel) -> list[tuple[User, RecipientRole]]:
    """The supervisor of the channel's unit (or its manager) and the occupational safety
    manager; the mavi team when neither is known, so that no threat goes unseen."""
    unit = channel.unit
    addressees: dict[int, tuple[User, RecipientRole]] = {}
    supervisors = list(users_with_role(role=Role.SUPERVISOR, unit=unit))
    if not supervisors and unit.manager is not None and unit.manager.is_active:
        supervisors = [unit.manager]
    for user in supervisors:
        addressees.setdefault(user.pk, (user, RecipientRole.SUPERVISOR))
    for user in users_with_role(role=Role.SAFETY_MANAGER, unit=unit):
        addressees.setdefault(user.pk, (user, RecipientRole.SAFETY_MANAGER))
    if not addressees:
        for user in users_with_role(role=Role.MAVI):
            addressees.setdefault(user.pk, (user, RecipientRole.MAVI))
    return list(addressees.values())


def escalation_subject(message: Message, *, police: bool) -> str:
    """The notification's subject in the active language, named for what the message is: a
    threat, an offensive message, a personal matter, or any other message a person escalated
    (an insult is not announced as a threat)."""
    channel = message.channel.name
    if police:
        return _("Threat to report to the police in %(channel)s") % {"channel": channel}
    subjects = {
        TriageCategory.THREAT: _("Threatening message escalated to you in %(channel)s"),
        TriageCategory.INAPPROPRIATE: _("Offensive message escalated to you in %(channel)s"),
        TriageCategory.SENSITIVE: _(
            "Message about a personal matter escalated to you in %(channel)s"
        ),
    }
    subject = subjects.get(
        TriageCategory(message.category), _("Message escalated to you in %(channel)s")
    )
    return subject % {"channel": channel}


def message_escalate(
    *, actor: AnyUser | None, message: Message, note: str = "", automatic: bool = False
) -> Escalation:
    """Escalate a message: capture the evidence now, address the people, notify them."""
    message_check_can_work(actor, message)
    if open_escalation_for(message=message) is not None:
        raise ApplicationError(_("This message is already escalated."), code="already_escalated")
    if len(note) > 4000:
        raise ApplicationError(_("A note can be at most 4000 characters."), code="note_too_long")
    now = timezone.now()
    with transaction.atomic():
        message = message_transition(
            actor=actor,
            message=message,
            to=MessageStatus.ESCALATED,
            action="message.escalated",
            changes={"resolution": Resolution.ESCALATED},
            data={"automatic": automatic},
        )
        actor_label = (
            actor.get_full_name() or actor.get_username()
            if isinstance(actor, User)
            else "Someluotsi (automatic)"
        )
        evidence = evidence_build(
            message=message, escalated_by=actor_label, escalated_at=now, note=note
        )
        escalation = Escalation.objects.create(
            message=message,
            created_by=actor if isinstance(actor, User) else None,
            note=note,
            police_recommended="notify_police" in message.actions,
            evidence=evidence,
            evidence_sha256=evidence_digest(evidence),
        )
        addressees = escalation_addressees(channel=message.channel)
        for user, role in addressees:
            EscalationRecipient.objects.create(escalation=escalation, user=user, role=role)
        audit_record(
            actor=actor,
            action="escalation.created",
            target=escalation,
            data={
                "message": message.pk,
                "addressees": [user.pk for user, _role in addressees],
                "police_recommended": escalation.police_recommended,
                "sha256": escalation.evidence_sha256,
            },
        )
        url = reverse("inbox:escalation", args=[escalation.pk])
        police = escalation.police_recommended
        notification_send_worded(
            recipients=[user for user, _role in addressees],
            subject=lambda: escalation_subject(message, police=police),
            body=lambda: _(
                "A message was escalated to you under the guideline's §10.6. Open the "
                "escalation, read the evidence and acknowledge it."
            ),
            url=url,
        )
    return escalation


def escalation_acknowledge(*, actor: User, escalation: Escalation) -> EscalationRecipient:
    """An addressee confirms they have seen the escalation; the case becomes acknowledged."""
    with transaction.atomic():
        recipient = (
            EscalationRecipient.objects.select_for_update()
            .filter(escalation=escalation, user=actor)
            .first()
        )
        if recipient is None:
            raise PermissionDeniedError(_("This escalation is not addressed to you."))
        if escalation.status == EscalationStatus.CLOSED:
            raise ApplicationError(_("The escalation is closed."), code="escalation_closed")
        if recipient.acknowledged_at is None:
            recipient.acknowledged_at = timezone.now()
            recipient.save(update_fields=["acknowledged_at"])
            if escalation.status == EscalationStatus.OPEN:
                escalation.status = EscalationStatus.ACKNOWLEDGED
                escalation.save(update_fields=["status"])
            audit_record(actor=actor, action="escalation.acknowledged", target=escalation)
    return recipient


def escalation_close(*, actor: User, escalation: Escalation, outcome: str) -> Escalation:
    """An addressee closes the case with its outcome (for example: reported to the police)."""
    outcome = outcome.strip()
    if not outcome:
        raise ApplicationError(_("Write the outcome first."), code="empty_outcome")
    if len(outcome) > 4000:
        raise ApplicationError(_("An outcome can be at most 4000 characters."), code="long")
    if not escalation.recipients.filter(user=actor).exists():
        raise PermissionDeniedError(_("Only the people it is addressed to close an escalation."))
    with transaction.atomic():
        locked = Escalation.objects.select_for_update().get(pk=escalation.pk)
        if locked.status == EscalationStatus.CLOSED:
            raise ApplicationError(_("The escalation is closed."), code="escalation_closed")
        locked.status = EscalationStatus.CLOSED
        locked.outcome = outcome
        locked.closed_at = timezone.now()
        locked.closed_by = actor
        locked.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
        audit_record(actor=actor, action="escalation.closed", target=locked)
        message = locked.message
        if message.status == MessageStatus.ESCALATED:
            message_transition(
                actor=None,
                message=message,
                to=MessageStatus.CLOSED,
                action="message.closed",
                changes={"closed_at": locked.closed_at, "resolution": Resolution.ESCALATED},
                data={"resolution": Resolution.ESCALATED, "escalation": locked.pk},
            )
    escalation.refresh_from_db()
    return escalation


def escalation_export_record(
    *, actor: AnyUser, escalation: Escalation, fmt: str, request: HttpRequest | None = None
) -> None:
    """Reading the evidence (on the page, or as JSON or PDF) is access to personal data:
    audited with the format and the client address."""
    audit_record(
        actor=actor,
        action="escalation.exported",
        target=escalation,
        data={"format": fmt},
        request=request,
    )
