from django.db import models
from django.utils.translation import gettext_lazy as _


class ConnectorPlatform(models.TextChoices):
    """The platforms a channel can be connected to; `sandbox` is the demo's and tests' own."""

    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    TIKTOK = "tiktok", "TikTok"
    SANDBOX = "sandbox", _("Sandbox (demo platform)")


class ConnectionStatus(models.TextChoices):
    ACTIVE = "active", _("Connected")
    EXPIRED = "expired", _("Expired: connect again")
    REVOKED = "revoked", _("Revoked on the platform: connect again")
    DISCONNECTED = "disconnected", _("Disconnected")


BROKEN_STATUSES = frozenset({ConnectionStatus.EXPIRED, ConnectionStatus.REVOKED})


class ActionKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    HIDE = "hide", _("Hide")
    UNHIDE = "unhide", _("Unhide")
    DELETE = "delete", _("Delete")
    PUBLISH = "publish", _("Publish")
    DELETE_POST = "delete_post", _("Delete a post")


class ActionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("In progress")
    RETRYING = "retrying", _("Trying again")
    DONE = "done", _("Done on the platform")
    FAILED = "failed", _("Failed")
