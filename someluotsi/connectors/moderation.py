"""Acting on the platform from the message page: reply, hide, unhide and delete.

A request is checked and recorded at once (in the web request, no platform call) and carried out
by the `connectors.run_action` task (`execution.py`, which also takes up the ones a failure left
waiting); the page shows its state and result. A reply is run through
the post checker first: a blocking finding stops it unless the user overrides with a reason,
which is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from someluotsi.compliance.speaking import CityTextCheck, city_text_check, city_text_require
from someluotsi.connectors.base import Capability
from someluotsi.connectors.enums import ActionKind
from someluotsi.connectors.models import Connection, OutboundAction
from someluotsi.connectors.registry import connector_for
from someluotsi.connectors.selectors import working_connection
from someluotsi.connectors.tasks import run_action
from someluotsi.core.blank import is_blank
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.lengths import at_most
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import message_can_work

CAPABILITY = {
    ActionKind.REPLY: Capability.REPLY,
    ActionKind.HIDE: Capability.HIDE,
    ActionKind.UNHIDE: Capability.HIDE,
    ActionKind.DELETE: Capability.DELETE,
}


def reply_check(*, message: Message, text: str, ui_language: str = "fi") -> CityTextCheck:
    """Check a reply as the organisation speaking on the channel (§8, §10): the same check as a
    recorded reply's (compliance.speaking)."""
    return city_text_check(text=text, channel=message.channel, ui_language=ui_language)


def platform_capabilities(*, message: Message) -> tuple[Connection | None, frozenset[Capability]]:
    """The message's channel's working connection and what its platform allows."""
    connection = working_connection(channel=message.channel)
    if connection is None:
        return None, frozenset()
    return connection, connector_for(connection.platform).capabilities


def action_request(
    *,
    actor: User,
    message: Message,
    kind: ActionKind,
    key: str,
    text: str = "",
    override_reason: str = "",
    ui_language: str = "fi",
    on_check: Callable[[CityTextCheck], None] | None = None,
) -> OutboundAction:
    """Record a platform action on a message and queue it (after commit).

    `key` comes from the page's form, so a double submit is one action. Refused with a worded
    ApplicationError: no right to work the message, no working connection, an action the
    platform does not allow (LinkedIn hide), an empty or over-long reply, or a reply the checker
    blocks without an override reason (compliance.speaking, the same check as a recorded
    reply's; `on_check` is handed the check of a reply that goes, for its warnings). Audited
    as `platform_action.requested` (with the override reason when given, never the reply's
    text).
    """
    if not message_can_work(user=actor, message=message):
        raise PermissionDeniedError(_("You do not work this channel."))
    connection, capabilities = platform_capabilities(message=message)
    if connection is None:
        raise ApplicationError(
            _("The channel is not connected to its platform."), code="not_connected"
        )
    if CAPABILITY[kind] not in capabilities:
        raise ApplicationError(
            _("%(platform)s does not allow this action through its interface.")
            % {"platform": connection.get_platform_display()},
            code="not_supported",
        )
    text = text.strip()
    verdict = ""
    at_most(override_reason.strip(), 2000, field="override_reason")
    if kind == ActionKind.REPLY:
        limit = min(connector_for(connection.platform).limits.max_text_chars, MAX_CHARS)
        if is_blank(text):  # "" or only spaces and invisible characters
            raise ApplicationError(_("Write the reply first."), code="empty_reply")
        if len(text) > limit:
            raise ApplicationError(
                _("The platform accepts at most %(n)s characters.") % {"n": limit},
                code="reply_too_long",
            )
        check = city_text_require(
            text=text, channel=message.channel, ui_language=ui_language,
            override_reason=override_reason,
        )  # fmt: skip
        verdict = check.verdict
        if on_check is not None:
            on_check(check)  # the page shows the warnings of a reply that goes
    full_key = f"{kind}:{message.pk}:{key}"
    with transaction.atomic():
        try:
            with transaction.atomic():
                action = OutboundAction.objects.create(
                    idempotency_key=full_key, connection=connection, channel=message.channel,
                    message=message, kind=kind, text=text, target_id=message.external_id,
                    override_reason=override_reason.strip() if verdict == "block" else "",
                    requested_by=actor,
                )  # fmt: skip
        except IntegrityError:
            return OutboundAction.objects.get(idempotency_key=full_key)
        data: dict[str, object] = {"action": action.pk, "kind": kind.value}
        if verdict:
            data["check"] = verdict
        if action.override_reason:
            data["override_reason"] = action.override_reason
        audit_record(actor=actor, action="platform_action.requested", target=message, data=data)
        transaction.on_commit(partial(run_action.delay, action.pk))
    return action
