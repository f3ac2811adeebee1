from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class TriageCategory(models.TextChoices):
    """Labels for the engine's categories, in its precedence order."""

    THREAT = "threat", _("Threat")
    SENSITIVE = "sensitive", _("Sensitive")
    INAPPROPRIATE = "inappropriate", _("Inappropriate")
    SPAM = "spam", _("Spam")
    QUESTION = "question", _("Question")
    FEEDBACK = "feedback", _("Feedback")
    PRAISE = "praise", _("Praise")
    OTHER = "other", _("Other")


class TriageAction(models.TextChoices):
    REPLY = "reply", _("Reply")
    REDIRECT_FEEDBACK_CHANNEL = "redirect_feedback_channel", _("Redirect to the feedback channel")
    HIDE = "hide", _("Hide")
    REMOVE = "remove", _("Remove")
    ESCALATE_SUPERVISOR = "escalate_supervisor", _("Escalate to the supervisor")
    NOTIFY_OCCUPATIONAL_SAFETY = (
        "notify_occupational_safety",
        _("Notify the occupational safety manager"),
    )
    NOTIFY_POLICE = "notify_police", _("Report to the police")
    IGNORE = "ignore", _("Ignore")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class Moderation(models.TextChoices):
    """What was done to the message on the platform (§10.2, §10.4, §10.5)."""

    NONE = "", _("Visible")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


class Resolution(models.TextChoices):
    NONE = "", pgettext_lazy("message resolution", "Open")
    ANSWERED = "answered", _("Answered")
    IGNORED = "ignored", _("Ignored")
    ESCALATED = "escalated", _("Handled as an escalation")
    NO_ACTION = "no_action", _("No action needed")
    # Closed by Someluotsi itself at ingestion (INBOX_AUTO_CLOSE); reopening undoes it.
    SPAM = "spam", _("Spam, closed automatically")
    DUPLICATE = "duplicate", _("Duplicate, closed automatically")


class EscalationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("escalation status", "Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


class RecipientRole(models.TextChoices):
    SUPERVISOR = "supervisor", _("Supervisor")
    SAFETY_MANAGER = "safety_manager", _("Occupational safety manager")
    MAVI = "mavi", _("Marketing and communications team")


class ReplyLanguage(models.TextChoices):
    FI = "fi", "suomi"
    SV = "sv", "svenska"
    EN = "en", "English"


class MessageTone(models.TextChoices):
    """The tone of a message (§16.3: the quality of reactions)."""

    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")
