"""Connection lifecycle: connect (OAuth), disconnect and key rotation. Every change is audited
without tokens. The tokens of a call (decrypted, refreshed ahead of expiry, a refusal breaking
the connection) are `credentials`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import AnyUser
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.connectors import crypto
from someluotsi.connectors.base import TokenSet
from someluotsi.connectors.credentials import tokens_store
from someluotsi.connectors.enums import ConnectionStatus
from someluotsi.connectors.models import Connection, OAuthAttempt
from someluotsi.connectors.registry import connector_for, platform_enabled
from someluotsi.connectors.selectors import SandboxView, connection_can_manage
from someluotsi.connectors.tasks import poll_connection
from someluotsi.core.errors import ApplicationError, PermissionDeniedError

logger = logging.getLogger(__name__)

OAUTH_ATTEMPT_LIFETIME = timedelta(minutes=10)


@transaction.atomic
def connection_save(
    *, actor: AnyUser | None, channel: Channel, platform: str, tokens: TokenSet
) -> Connection:
    """Link `channel` to the platform account the tokens manage (new or reconnected).

    A first connection (or one to another account) starts with an empty cursor, so the next
    poll backfills CONNECTORS_BACKFILL_DAYS. Audited as `connection.connected`; the backfill
    runs after commit.
    """
    if not tokens.account_id:
        raise ApplicationError(_("The platform did not say which account was granted."))
    connection = Connection.objects.select_for_update().filter(channel=channel).first()
    new_account = connection is None or (
        connection.platform != platform or connection.account_id != tokens.account_id
    )
    if connection is None:
        connection = Connection(channel=channel)
    connection.platform = platform
    connection.account_id = tokens.account_id
    connection.account_name = tokens.account_name[:200]
    connection.status = ConnectionStatus.ACTIVE
    connection.broken_at = None
    connection.last_error_code = ""
    connection.connected_by = actor if isinstance(actor, User) else None
    if new_account:
        connection.cursor = {}
        connection.backfilled_at = None
    tokens_store(connection, tokens)
    connection.save()
    audit_record(
        actor=actor,
        action="connection.connected",
        target=connection,
        data={
            "channel": channel.pk,
            "platform": platform,
            "account": tokens.account_id,
            "scopes": list(tokens.scopes),
            "new_account": new_account,
        },
    )
    transaction.on_commit(partial(poll_connection.delay, connection.pk))
    return connection


def oauth_start(*, actor: User, channel: Channel, platform: str, redirect_uri: str) -> str:
    """Begin connecting: a fresh `state` and PKCE verifier (RFC 7636, S256) stored for ten
    minutes; returns the platform's authorization URL. Refused without the right or config."""
    if not connection_can_manage(user=actor, channel=channel):
        raise PermissionDeniedError(_("You may not connect this channel."))
    if not platform_enabled(platform):
        raise ApplicationError(
            _("This platform is not configured in this installation."), code="not_configured"
        )
    connector = connector_for(platform)
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    state = secrets.token_urlsafe(32)
    OAuthAttempt.objects.filter(created_at__lt=timezone.now() - OAUTH_ATTEMPT_LIFETIME).delete()
    OAuthAttempt.objects.create(
        state=state, code_verifier_enc=crypto.encrypt(verifier), channel=channel,
        platform=platform, user=actor,
    )  # fmt: skip
    audit_record(
        actor=actor, action="connection.authorization_started", target=channel,
        data={"platform": platform},
    )  # fmt: skip
    return connector.authorization_url(
        state=state, code_challenge=challenge.rstrip(b"=").decode(), redirect_uri=redirect_uri
    )


def oauth_finish(*, actor: User, state: str, code: str, redirect_uri: str) -> Connection:
    """The platform sent the user back: `state` must be ours, unused, recent and the same
    user's; the code is exchanged with the PKCE verifier. Called from the callback view, which
    is the one place a web request talks to a platform (the user waits for it by design)."""
    with transaction.atomic():
        attempt = (
            OAuthAttempt.objects.select_for_update()
            .filter(state=state, used_at__isnull=True)
            .select_related("channel")
            .first()
        )
        if (
            attempt is None
            or attempt.user_id != actor.pk
            or attempt.created_at < timezone.now() - OAUTH_ATTEMPT_LIFETIME
        ):
            raise ApplicationError(
                _("The connection attempt is not valid or has expired. Start again."),
                code="bad_state",
            )
        attempt.used_at = timezone.now()
        attempt.save(update_fields=["used_at"])
    if not connection_can_manage(user=actor, channel=attempt.channel):
        raise PermissionDeniedError(_("You may not connect this channel."))
    connector = connector_for(attempt.platform)
    tokens = connector.exchange_code(
        code=code,
        code_verifier=crypto.decrypt(attempt.code_verifier_enc),
        redirect_uri=redirect_uri,
    )
    return connection_save(
        actor=actor, channel=attempt.channel, platform=attempt.platform, tokens=tokens
    )


def connection_disconnect(*, actor: User, connection: Connection) -> Connection:
    """Stop using the connection and forget its tokens (revoking the app's access on the
    platform is the account owner's step there; README)."""
    if not connection_can_manage(user=actor, channel=connection.channel):
        raise PermissionDeniedError(_("You may not disconnect this channel."))
    connection.status = ConnectionStatus.DISCONNECTED
    connection.access_token_enc = ""
    connection.refresh_token_enc = ""
    connection.save(update_fields=["status", "access_token_enc", "refresh_token_enc"])
    audit_record(actor=actor, action="connection.disconnected", target=connection)
    return connection


def connection_rotate_keys() -> int:
    """Re-encrypt every stored token with the first CONNECTORS_ENCRYPTION_KEYS key; returns
    how many connections were rewritten (then the old key can be removed)."""
    count = 0
    for connection in Connection.objects.exclude(access_token_enc="", refresh_token_enc=""):
        connection.access_token_enc = crypto.rotate(connection.access_token_enc)
        connection.refresh_token_enc = crypto.rotate(connection.refresh_token_enc)
        connection.save(update_fields=["access_token_enc", "refresh_token_enc"])
        count += 1
    audit_record(actor=None, action="connections.keys_rotated", data={"connections": count})
    return count


def sandbox_view_record(
    *, actor: AnyUser, view: SandboxView, request: HttpRequest | None = None
) -> None:
    """Reading citizens' comments and authors on the sandbox platform's page is access to
    personal data: audited every time comments are shown, with the inbox messages behind them
    (so a data-subject request finds it)."""
    if not view.shown:
        return
    audit_record(
        actor=actor,
        action="sandbox_item.viewed",
        target=view.connection,
        data={
            "item": view.item.item_id,
            "count": len(view.shown),
            "ids": view.message_ids,
        },
        request=request,
    )
