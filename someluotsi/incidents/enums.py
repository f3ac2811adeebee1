from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SensitivityLevel(models.TextChoices):
    LOW = "low", _("Low: fewer alerts, later")
    DEFAULT = "default", _("Default")
    HIGH = "high", _("High: earlier alerts, more false ones")


class AlertSignal(models.TextChoices):
    """The detector's signals (guideline.storms.detector.Signal), worded for people."""

    VOLUME = "volume", _("unusually many messages")
    NEGATIVE = "negative", _("unusually many negative messages")
    THREATS = "threats", _("threats close together")
    NEW_AUTHORS = "new_authors", _("newcomers arriving together")
    REPEATED_AUTHOR = "repeated_author", _("one author flooding the channel")


class AlertStatus(models.TextChoices):
    NEW = "new", _("New")
    INCIDENT = "incident", _("Taken up as an incident")
    DISMISSED = "dismissed", _("Dismissed")


class IncidentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("incident status", "Open")
    CLOSED = "closed", pgettext_lazy("incident status", "Closed")


class OurMistake(models.TextChoices):
    UNKNOWN = "", _("Not assessed yet")
    YES = "yes", _("Yes, our mistake")
    NO = "no", _("No")


class EntryKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    ALERT = "alert", _("Alert")
    NOTE = "note", _("Note")
    STATEMENT = "statement", _("Statement")
    REPLY_DRAFT = "reply_draft", _("Reply draft")
    STEP = "step", _("Playbook step")
    CLOSED = "closed", _("Closed")


class PlaybookStep(models.TextChoices):
    """The guideline's storm playbook (§17) and what the city adds to it (§10.6)."""

    ASSESS = "assess", _("Was it our mistake? Check the facts (§17.2)")
    APOLOGISE = "apologise", _("If it was: apologise and correct the information (§17.2)")
    CALM = "calm", _("Answer calmly; don't get provoked (§17.3)")
    MAVI = "mavi", _("Contact the mavi team for support and advice (§17.4)")
    THREATS = "threats", _("Threats escalated to the supervisor and safety manager (§10.6)")
    FOLLOW = "follow", _("Follow the discussion until it calms down (§17.1)")


class StepState(models.TextChoices):
    OPEN = "", _("To do")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("Not needed")
