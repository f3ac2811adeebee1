"""Connection lifecycle: connect (OAuth), tokens (encrypted, refreshed ahead of expiry),
broken connections (shown and notified), disconnect. Every change is audited without tokens.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import AnyUser, users_with_role
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.connectors import crypto
from someluotsi.connectors.base import Account, TokenSet
from someluotsi.connectors.enums import ConnectionStatus
from someluotsi.connectors.errors import (
    AUTH_EXPIRED,
    NOT_CONNECTED,
    PERMISSION,
    ConnectorError,
)
from someluotsi.connectors.models import Connection, OAuthAttempt
from someluotsi.connectors.registry import connector_for, platform_enabled
from someluotsi.connectors.selectors import connection_can_manage
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.notifications.services import notification_send_worded

logger = logging.getLogger(__name__)

OAUTH_ATTEMPT_LIFETIME = timedelta(minutes=10)
# Refresh this long before the access token runs out (the beat task runs every 15 minutes).
REFRESH_AHEAD = timedelta(minutes=30)


def _store_tokens(connection: Connection, tokens: TokenSet) -> None:
    connection.access_token_enc = crypto.encrypt(tokens.access_token)
    if tokens.refresh_token:  # rotating refresh tokens (TikTok, X): keep the newest
        connection.refresh_token_enc = crypto.encrypt(tokens.refresh_token)
    connection.access_expires_at = tokens.access_expires_at
    if tokens.refresh_expires_at is not None or tokens.refresh_token:
        connection.refresh_expires_at = tokens.refresh_expires_at
    if tokens.scopes:
        connection.scopes = list(tokens.scopes)


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
    _store_tokens(connection, tokens)
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
    from someluotsi.connectors.tasks import poll_connection

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


def connection_mark_broken(*, connection: Connection, code: str) -> Connection:
    """The platform refused the token (expired, revoked, page role lost): the connection is
    shown as broken on the channel page and in channel health, and the channel's maintainers
    (or the mavi team) are told once, in their language, after commit."""
    status = ConnectionStatus.REVOKED if code == PERMISSION else ConnectionStatus.EXPIRED
    with transaction.atomic():
        locked = Connection.objects.select_for_update().get(pk=connection.pk)
        already = locked.status in {ConnectionStatus.EXPIRED, ConnectionStatus.REVOKED}
        if locked.status == ConnectionStatus.DISCONNECTED:
            return locked
        locked.status = status
        locked.last_error_code = code
        locked.last_error_at = timezone.now()
        locked.broken_at = locked.broken_at or timezone.now()
        locked.save(update_fields=["status", "last_error_code", "last_error_at", "broken_at"])
        if not already:
            audit_record(actor=None, action="connection.broken", target=locked, data={"code": code})
            channel = locked.channel
            recipients = list(channel.maintainers.filter(is_active=True)) or list(
                users_with_role(role=Role.MAVI)
            )
            name, platform = channel.name, locked.get_platform_display()
            notification_send_worded(
                recipients=recipients,
                subject=lambda: (
                    _("The %(platform)s connection of %(channel)s stopped working")
                    % {"platform": platform, "channel": name}
                ),
                body=lambda: _(
                    "Someluotsi can no longer read or answer the channel's messages on the "
                    "platform. Open the channel and connect it again."
                ),
                url=reverse("channels:detail", args=[channel.pk]),
            )
    connection.refresh_from_db()
    return connection


def connection_record_error(*, connection: Connection, error: ConnectorError) -> None:
    """Remember the last failure (shown on the channel page); auth failures break it."""
    if error.code == AUTH_EXPIRED or (error.code == PERMISSION and error.status == 401):
        connection_mark_broken(connection=connection, code=error.code)
        return
    Connection.objects.filter(pk=connection.pk).update(
        last_error_code=error.code, last_error_at=timezone.now()
    )


def connection_refresh(*, connection: Connection) -> Connection:
    """Renew the tokens with the refresh token; a refusal breaks the connection."""
    connector = connector_for(connection.platform)
    current = TokenSet(
        access_token=crypto.decrypt(connection.access_token_enc),
        refresh_token=crypto.decrypt(connection.refresh_token_enc),
        account_id=connection.account_id,
        account_name=connection.account_name,
    )
    try:
        tokens = connector.refresh(tokens=current)
    except ConnectorError as error:
        if error.code in {AUTH_EXPIRED, PERMISSION} or not error.retryable:
            connection_mark_broken(connection=connection, code=AUTH_EXPIRED)
        raise
    with transaction.atomic():
        locked = Connection.objects.select_for_update().get(pk=connection.pk)
        _store_tokens(locked, tokens)
        locked.save(
            update_fields=[
                "access_token_enc", "refresh_token_enc", "access_expires_at",
                "refresh_expires_at", "scopes",
            ]
        )  # fmt: skip
        audit_record(
            actor=None, action="connection.refreshed", target=locked,
            data={"expires": (
                tokens.access_expires_at.isoformat() if tokens.access_expires_at else None
            )},
        )  # fmt: skip
    connection.refresh_from_db()
    return connection


def connection_account(*, connection: Connection) -> Account:
    """The decrypted account for a connector call (tasks only), refreshed first when the
    access token is about to expire. ConnectorError(NOT_CONNECTED / AUTH_EXPIRED) otherwise."""
    if connection.status != ConnectionStatus.ACTIVE:
        raise ConnectorError(NOT_CONNECTED, f"connection {connection.pk} is {connection.status}")
    expires = connection.access_expires_at
    if expires is not None and expires - REFRESH_AHEAD < timezone.now():
        if connection.refresh_token_enc:
            connection = connection_refresh(connection=connection)
        elif expires < timezone.now():
            connection_mark_broken(connection=connection, code=AUTH_EXPIRED)
            raise ConnectorError(AUTH_EXPIRED, "access token expired without a refresh token")
    return Account(
        account_id=connection.account_id,
        token=crypto.decrypt(connection.access_token_enc),
        name=connection.account_name,
    )


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
