from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    WHATSAPP = "whatsapp", "WhatsApp"
    DISCORD = "discord", "Discord"
    SNAPCHAT = "snapchat", "Snapchat"
    OTHER = "other", _("Other")


class ChannelKind(models.TextChoices):
    CITY = "city", _("City-level shared channel")
    UNIT = "unit", _("Unit channel")
    OFFICE_ROLE = "office_role", _("Office-role profile")
    EXPERT = "expert", _("Expert profile")


class ChannelStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ARCHIVED = "archived", _("Archived")


class MaintainerRole(models.TextChoices):
    """The role a maintainer acts in on the channel (§12.2)."""

    OFFICE = "office", _("Office or work role")
    ORGANISATION = "organisation", _("Organisation or unit")
    PERSONAL = "personal", _("Personal profile")


class TargetGroup(models.TextChoices):
    """Audiences a channel is planned for (§13); a shared list so that requests can be matched
    against the channels that already reach the same people (§11.2, §14.1)."""

    RESIDENTS = "residents", _("Residents in general")
    FAMILIES = "families", _("Families with children")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    STUDENTS = "students", _("Students")
    SENIORS = "seniors", _("Senior citizens")
    SWEDISH_SPEAKERS = "swedish_speakers", _("Swedish-speaking residents")
    IMMIGRANTS = "immigrants", _("Immigrants and international residents")
    JOB_SEEKERS = "job_seekers", _("Job seekers and future employees")
    BUSINESSES = "businesses", _("Businesses and investors")
    VISITORS = "visitors", _("Tourists and visitors")
    CULTURE = "culture", _("Culture and library users")
    SPORTS = "sports", _("Sports and outdoor enthusiasts")
    MEDIA = "media", _("Media")
    DECISION_MAKERS = "decision_makers", _("Decision-makers and partners")
    STAFF = "staff", _("City staff")


class ContentLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    OTHER = "other", _("Other languages")


class Translations(models.TextChoices):
    """How a channel's posts get into its other languages (§12.1)."""

    NONE = "none", _("One language only")
    IN_HOUSE = "in_house", _("Translated by the maintainers")
    SERVICE = "service", _("Translation service")


class BrandConformity(models.TextChoices):
    """Whether the channel's look and content follow the brand book (§15.1)."""

    NOT_REVIEWED = "not_reviewed", _("Not reviewed")
    CONFORMS = "conforms", _("Follows the brand book")
    DEVIATIONS = "deviations", _("Deviations to fix")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for decisions")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DecisionRole(models.TextChoices):
    """The two decisions §11.1 requires for a new account."""

    UNIT_MANAGEMENT = "unit_management", _("Division or unit management")
    COMMS_MANAGER = "comms_manager", _("Marketing and communications manager")


class DecisionOutcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")


def choice_labels(codes: Iterable[str], choices: type[models.TextChoices]) -> str:
    """Stored codes as their labels in the current language, comma-separated."""
    known = dict(choices.choices)
    return ", ".join(str(known.get(code, code)) for code in codes)
