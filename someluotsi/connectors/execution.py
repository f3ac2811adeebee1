"""Carrying out a requested reply, hide, unhide or delete on the platform.

`action_run` is the body of the `connectors.run_action` task: it claims the action (actions.py:
one conditional UPDATE, so two workers never run one action), calls the platform, records the
outcome and makes the inbox's record follow what happened on the platform.
"""

from __future__ import annotations

from someluotsi.connectors.actions import (
    action_claim,
    action_fail,
    action_perform,
)
from someluotsi.connectors.base import ActionResult, ItemKind, RemoteItem
from someluotsi.connectors.credentials import connection_account, connection_record_error
from someluotsi.connectors.enums import ActionKind, ActionStatus
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import InboundItem, OutboundAction
from someluotsi.connectors.registry import connector_for
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox.enums import Moderation
from someluotsi.inbox.models import Message


def _remote(action: OutboundAction) -> RemoteItem:
    message = action.message
    row = (
        InboundItem.objects.filter(
            connection=action.connection, external_id=action.target_id
        ).first()
        if action.connection
        else None
    )
    return RemoteItem(
        external_id=action.target_id,
        kind=ItemKind(message.kind) if message else ItemKind.COMMENT,
        text="",
        created_at=message.received_at if message else action.requested_at,
        parent_id=row.parent_id if row else "",
        thread_id=row.thread_id if row else "",
    )


def _apply_to_message(action: OutboundAction) -> None:
    """The inbox's record follows what happened on the platform."""
    from someluotsi.inbox import services as inbox

    message, actor = action.message, action.requested_by
    if message is None or actor is None:
        return
    if action.kind == ActionKind.REPLY:
        try:
            inbox.message_answer(actor=actor, message=message, reply=action.text)
        except ApplicationError:
            # An escalated or already answered message keeps its state; the reply is recorded
            # on the action and in the audit trail.
            Message.objects.filter(pk=message.pk).update(reply_text=action.text)
    else:
        moderation = {
            ActionKind.HIDE: Moderation.HIDDEN,
            ActionKind.UNHIDE: Moderation.NONE,
            ActionKind.DELETE: Moderation.REMOVED,
        }[ActionKind(action.kind)]
        inbox.message_moderate(actor=actor, message=message, moderation=moderation)


def action_attempts(*, action_id: int) -> int:
    """How many times the action has been tried (0 for an unknown id)."""
    return (
        OutboundAction.objects.filter(pk=action_id).values_list("attempts", flat=True).first() or 0
    )


def action_status(*, action_id: int) -> str:
    """The action's status (`ActionStatus` value); DoesNotExist for an unknown id."""
    return str(OutboundAction.objects.values_list("status", flat=True).get(pk=action_id))


def action_run(*, action_id: int) -> str:
    """Carry out a claimed action (the task's body). Returns the final status; raises
    ConnectorError for the task to retry when retrying may help."""
    action = action_claim(action_id=action_id)
    if action is None:
        return OutboundAction.objects.get(pk=action_id).status
    connection = action.connection
    if connection is None:
        return action.status
    connector = connector_for(connection.platform)
    item = _remote(action)
    try:
        account = connection_account(connection=connection)
        kind = ActionKind(action.kind)
        since = action.first_attempt_at or action.requested_at
        if kind == ActionKind.REPLY:
            action_perform(
                action=action, connector=connector, account=account,
                perform=lambda: connector.reply(account=account, item=item, text=action.text),
                reconcile=lambda: connector.find_reply(
                    account=account, item=item, text=action.text, since=since
                ),
                ident=lambda r: (r.platform_id, r.permalink),
            )  # fmt: skip
        elif kind in {ActionKind.HIDE, ActionKind.UNHIDE}:
            hidden = kind == ActionKind.HIDE

            def hide() -> ActionResult:
                connector.set_hidden(account=account, item=item, hidden=hidden)
                return ActionResult(item.external_id)

            action_perform(
                action=action, connector=connector, account=account, perform=hide,
                reconcile=None, ident=lambda r: (r.platform_id, r.permalink),
            )  # fmt: skip
        else:

            def delete() -> ActionResult:
                connector.delete(account=account, item=item)
                return ActionResult(item.external_id)

            action_perform(
                action=action, connector=connector, account=account, perform=delete,
                reconcile=None, ident=lambda r: (r.platform_id, r.permalink),
            )  # fmt: skip
    except ConnectorError as error:
        if action.status == ActionStatus.RUNNING:  # failed before the call (token refresh)
            action_fail(action=action, error=error, final=not error.retryable)
        connection_record_error(connection=connection, error=error)
        raise
    _apply_to_message(action)
    return action.status
