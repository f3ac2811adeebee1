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
    ARCHIVED = "archived", _("Archived")


class MaintainerRole(models.TextChoices):
    """The role a maintainer acts in on the channel (§12.2)."""

    OFFICE = "office", _("Office or work role")
    ORGANISATION = "organisation", _("Organisation or unit")
    PERSONAL = "personal", _("Personal profile")
