"""Connections of channels to platforms, OAuth attempts, outbound actions, and the sandbox
platform's own side. Tokens are stored only encrypted (crypto.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.connectors.enums import (
    ActionKind,
    ActionStatus,
    ConnectionStatus,
    ConnectorPlatform,
)


class Connection(models.Model):
    """A register channel linked to its account on a platform."""

    channel = models.OneToOneField(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.CASCADE,
        related_name="connection",
    )  # fmt: skip
    platform = models.CharField(_("platform"), max_length=20, choices=ConnectorPlatform.choices)
    account_id = models.CharField(_("account id on the platform"), max_length=200)
    account_name = models.CharField(_("account"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ConnectionStatus.choices,
        default=ConnectionStatus.ACTIVE, db_index=True,
    )  # fmt: skip
    # Fernet ciphertexts; never shown, never logged.
    access_token_enc = models.TextField(editable=False, blank=True)
    refresh_token_enc = models.TextField(editable=False, blank=True)
    access_expires_at = models.DateTimeField(_("access expires"), null=True, blank=True)
    refresh_expires_at = models.DateTimeField(_("renewal expires"), null=True, blank=True)
    scopes = models.JSONField(_("permissions"), default=list, blank=True)
    cursor = models.JSONField(_("polling cursor"), default=dict, blank=True)
    backfilled_at = models.DateTimeField(_("history fetched"), null=True, blank=True)
    last_polled_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_error_code = models.CharField(_("last error"), max_length=40, blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("connected by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    connected_at = models.DateTimeField(_("connected"), auto_now_add=True)
    broken_at = models.DateTimeField(_("broken since"), null=True, blank=True)

    class Meta:
        verbose_name = _("platform connection")
        verbose_name_plural = _("platform connections")
        ordering = ("platform", "account_name")
        indexes = [models.Index(fields=("platform", "account_id"))]

    def __str__(self) -> str:
        return f"{self.platform}:{self.account_id}"


class OAuthAttempt(models.Model):
    """One OAuth authorization in flight: the `state` we sent and the PKCE verifier."""

    state = models.CharField(max_length=64, unique=True)
    code_verifier_enc = models.TextField(blank=True)
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(max_length=20, choices=ConnectorPlatform.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.platform} for channel {self.channel_id}"


class OutboundAction(models.Model):
    """A reply, hide, unhide, delete or publish to carry out on the platform.

    `idempotency_key` is unique: asking twice with the same key returns the first action, and a
    task retried after a timeout first looks on the platform for what the first try did.
    """

    idempotency_key = models.CharField(max_length=200, unique=True)
    connection = models.ForeignKey(
        Connection, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.ForeignKey(
        "inbox.Message", verbose_name=_("message"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="platform_actions",
    )  # fmt: skip
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PENDING,
        db_index=True,
    )  # fmt: skip
    text = models.TextField(_("text"), blank=True)
    target_id = models.CharField(_("item on the platform"), max_length=200, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # When a failed try may be repeated (the back-off): the sweep (connectors/retries.py) takes
    # up RETRYING actions whose time has come, with or without Celery.
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    platform_id = models.CharField(_("platform id"), max_length=200, blank=True)
    permalink = models.URLField(_("link"), max_length=1000, blank=True)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    override_reason = models.TextField(_("reason for overriding the check"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("platform action")
        verbose_name_plural = _("platform actions")
        ordering = ("-requested_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id or ''} ({self.status})"


class SandboxItem(models.Model):
    """The sandbox platform's own side: its posts, citizens' comments, and what the city did
    there (replies, hides, deletes, publishes), so that tests and the demo can see it land."""

    account_id = models.CharField(max_length=200, db_index=True)
    item_id = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20)  # post, comment, reply
    parent_id = models.CharField(max_length=200, blank=True)
    thread_id = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)
    from_account = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"sandbox {self.kind} {self.item_id}"


class InboundItem(models.Model):
    """An item seen on the platform: the de-duplication ledger (a webhook repeated 10,000 times
    fetches once) and what an outbound action needs to address it (its thread and parent)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="items")
    external_id = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    thread_id = models.CharField(max_length=200, blank=True)
    parent_id = models.CharField(max_length=200, blank=True)
    message = models.ForeignKey(
        "inbox.Message", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="platform_items",
    )  # fmt: skip
    seen_at = models.DateTimeField(auto_now_add=True)
    gone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("connection", "external_id"), name="unique_inbound_item_per_connection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.connection_id}:{self.external_id}"


class PlatformThread(models.Model):
    """The post (video, tweet) a message answers: its text and link, the thread context shown
    beside the message. The city's own words, so kept like the register's data."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="threads")
    thread_id = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    permalink = models.URLField(max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("connection", "thread_id"), name="unique_thread_per_connection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.connection_id}:{self.thread_id}"
