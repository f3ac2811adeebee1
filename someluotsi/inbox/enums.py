from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    REPLY = "reply", _("Reply")
    MENTION = "mention", _("Mention")
    DIRECT = "direct", _("Direct message")


class MessageStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")
