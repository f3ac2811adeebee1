"""The inbox's state machine: which status may follow which, and the one transition that every
change of status goes through (services.py for answering, assigning, closing; escalations.py for
escalating and closing an escalation).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from someluotsi.accounts.selectors import AnyUser
from someluotsi.audit.services import audit_record
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.inbox.enums import MessageStatus
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import message_can_work

# The state machine: new → assigned → answered / escalated → closed; closed and answered
# messages can be taken up again (a follow-up), an escalated one only closed.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    MessageStatus.NEW: frozenset(
        {
            MessageStatus.ASSIGNED,
            MessageStatus.ANSWERED,
            MessageStatus.ESCALATED,
            MessageStatus.CLOSED,
        }
    ),
    MessageStatus.ASSIGNED: frozenset(
        {
            MessageStatus.ASSIGNED,
            MessageStatus.ANSWERED,
            MessageStatus.ESCALATED,
            MessageStatus.CLOSED,
        }
    ),
    MessageStatus.ANSWERED: frozenset(
        {MessageStatus.ASSIGNED, MessageStatus.ESCALATED, MessageStatus.CLOSED}
    ),
    MessageStatus.ESCALATED: frozenset({MessageStatus.CLOSED}),
    MessageStatus.CLOSED: frozenset({MessageStatus.ASSIGNED}),
}


def message_check_can_work(actor: AnyUser | None, message: Message) -> None:
    """Refuse (PermissionDeniedError) an actor who does not work the message's channel; the
    system (actor None) always may."""
    if actor is not None and not message_can_work(user=actor, message=message):
        raise PermissionDeniedError(_("You do not work this channel."))


def message_transition(
    *,
    actor: AnyUser | None,
    message: Message,
    to: str,
    action: str,
    changes: dict[str, object] | None = None,
    data: dict[str, object] | None = None,
) -> Message:
    """Move a message to `to` if the state machine allows it; locks the row while it does."""
    message_check_can_work(actor, message)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if to not in ALLOWED_TRANSITIONS[locked.status]:
            raise ApplicationError(
                _("A message that is %(old)s cannot become %(new)s.")
                % {
                    "old": MessageStatus(locked.status).label,
                    "new": MessageStatus(to).label,
                },
                code="invalid_transition",
                status_code=409,
            )
        old = locked.status
        locked.status = to
        for field, value in (changes or {}).items():
            setattr(locked, field, value)
        locked.save()
        audit_record(
            actor=actor,
            action=action,
            target=locked,
            data={"from": old, "to": to, **(data or {})},
        )
    message.refresh_from_db()
    return message
