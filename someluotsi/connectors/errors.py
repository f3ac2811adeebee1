"""The one error type of the connectors, shared with the `publishing` app.

A `ConnectorError` carries a stable `code`, whether trying again may help (`retryable`) and,
when the platform said, how long to wait (`retry_after`, seconds). `user_message()` words it in
the active language; platform texts are never shown (they may echo tokens or ids).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

# Stable codes (the contract with `publishing`, CONTRACT-publish.md).
THROTTLED = "throttled"  # 429, Meta 4/17/32/613, YouTube quotaExceeded: back off
AUTH_EXPIRED = "auth_expired"  # token expired or revoked: reconnect
REJECTED = "rejected"  # the platform refused the content or the action for good
NOT_CONNECTED = "not_connected"  # the channel has no working connection
UNAVAILABLE = "unavailable"  # network failure or 5xx: try again later
TIMEOUT = "timeout"  # no answer in time: the platform may or may not have acted
NOT_SUPPORTED = "not_supported"  # the platform has no such action (LinkedIn hide)
NOT_FOUND = "not_found"  # the item is gone on the platform
PERMISSION = "permission"  # the account lacks a scope or page role
MISCONFIGURED = "misconfigured"  # the installation lacks the app's credentials

RETRYABLE_CODES = frozenset({THROTTLED, UNAVAILABLE, TIMEOUT})


class ConnectorError(Exception):
    """A platform call that did not succeed, in a form a task or a page can act on.

    Attributes: `code` (one of the module's constants), `retryable` (bool), `retry_after`
    (seconds or None), `detail` (technical, for logs: never a token or a message body).
    """

    def __init__(
        self,
        code: str,
        detail: str = "",
        *,
        retryable: bool | None = None,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.retryable = code in RETRYABLE_CODES if retryable is None else retryable
        self.retry_after = retry_after
        self.status = status

    def user_message(self) -> str:
        """The error in the active language, for the message page and the composer."""
        messages = {
            THROTTLED: _("The platform asked us to slow down. Someluotsi tries again shortly."),
            AUTH_EXPIRED: _(
                "The connection to the platform has expired or was revoked. Connect the "
                "channel again on its page."
            ),
            REJECTED: _("The platform refused the action."),
            NOT_CONNECTED: _("The channel is not connected to its platform."),
            UNAVAILABLE: _("The platform could not be reached. Someluotsi tries again shortly."),
            TIMEOUT: _(
                "The platform did not answer in time. Someluotsi checks whether the action "
                "went through before trying again."
            ),
            NOT_SUPPORTED: _("The platform does not offer this action."),
            NOT_FOUND: _("The item no longer exists on the platform."),
            PERMISSION: _(
                "The connected account lacks a permission for this. Connect the channel again "
                "with an account that administers it."
            ),
            MISCONFIGURED: _(
                "The city's app for this platform is not configured. Ask the administrator."
            ),
        }
        return messages.get(self.code, _("The platform action failed."))


class WebhookRejectedError(Exception):
    """A webhook request refused before anything was stored: `status` is the HTTP answer
    (401 unsigned, 403 wrong signature or stale, 400 malformed, 413 too large, 404 unknown)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
