"""A connection's credentials for a call to its platform: the tokens decrypted for the call,
stored encrypted (Fernet, `crypto`), renewed ahead of expiry, and the connection marked broken
(shown on the channel page and in channel health, the maintainers told once) when the platform
refuses them.

Below `services` (the connection lifecycle) and the tasks: the tasks, moderation, publishing's
contract and the metrics pull call these, and `services` enqueues the tasks, so keeping them
here keeps the connectors free of import cycles (docs/architecture.md).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import users_with_role
from someluotsi.audit.services import audit_record
from someluotsi.connectors import crypto
from someluotsi.connectors.base import Account, TokenSet
from someluotsi.connectors.enums import ConnectionStatus
from someluotsi.connectors.errors import AUTH_EXPIRED, NOT_CONNECTED, PERMISSION, ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.registry import connector_for
from someluotsi.notifications.services import notification_send_worded

# Refresh this long before the access token runs out (the beat task runs every 15 minutes).
REFRESH_AHEAD = timedelta(minutes=30)


def tokens_store(connection: Connection, tokens: TokenSet) -> None:
    """Put freshly issued tokens on `connection` (encrypted; not saved): rotating refresh
    tokens (X, TikTok) are always replaced by the newest, lifetimes as the platform gave them."""
    connection.access_token_enc = crypto.encrypt(tokens.access_token)
    if tokens.refresh_token:  # rotating refresh tokens (TikTok, X): keep the newest
        connection.refresh_token_enc = crypto.encrypt(tokens.refresh_token)
    connection.access_expires_at = tokens.access_expires_at
    if tokens.refresh_expires_at is not None or tokens.refresh_token:
        connection.refresh_expires_at = tokens.refresh_expires_at
    if tokens.scopes:
        connection.scopes = list(tokens.scopes)


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
        tokens_store(locked, tokens)
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
