from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PostStatus(models.TextChoices):
    """The one state machine of a post (transitions.ALLOWED_TRANSITIONS)."""

    DRAFT = "draft", pgettext_lazy("post status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("post status", "In review")
    APPROVED = "approved", pgettext_lazy("post status", "Approved")
    SCHEDULED = "scheduled", pgettext_lazy("post status", "Scheduled")
    PUBLISHED = "published", pgettext_lazy("post status", "Published")
    FAILED = "failed", pgettext_lazy("post status", "Failed")
    WITHDRAWN = "withdrawn", pgettext_lazy("post status", "Withdrawn")


class Delivery(models.TextChoices):
    """Where one channel's copy of a post stands on its platform."""

    PENDING = "pending", _("Waiting for its time")
    PUBLISHING = "publishing", _("Being published")
    RETRY = "retry", _("Waiting to try again")
    BY_HAND = "by_hand", _("To be published by hand")
    PUBLISHED = "published", pgettext_lazy("delivery", "Published")
    FAILED = "failed", pgettext_lazy("delivery", "Failed")
    DELETING = "deleting", _("Being deleted on the platform")
    WITHDRAWN = "withdrawn", pgettext_lazy("delivery", "Withdrawn")


class ApprovalPolicy(models.TextChoices):
    """Who must approve a channel's posts before they go out."""

    NONE = "none", _("No approval needed")
    UNIT_MANAGER = "unit_manager", _("The unit's manager")
    MAVI = "mavi", _("The marketing and communications team")


class AssetKind(models.TextChoices):
    IMAGE = "image", _("Image")
    VIDEO = "video", _("Video")


class Licence(models.TextChoices):
    CITY = "city", _("The city's own (all rights)")
    PURCHASED = "purchased", _("Licensed or purchased")
    CC_BY = "cc_by", "CC BY 4.0"
    CC_BY_SA = "cc_by_sa", "CC BY-SA 4.0"
    CC0 = "cc0", _("CC0 (no rights reserved)")
    OTHER = "other", _("Other terms")


class Consent(models.TextChoices):
    """Consent of the recognisable people in an image or video (§2.5)."""

    NO_PEOPLE = "no_people", _("No recognisable people")
    OBTAINED = "obtained", _("Consent obtained from everyone recognisable")
    MISSING = "missing", _("Consent not (yet) obtained")


class ClearanceStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the answer")
    CLEARED = "cleared", _("May be shared")
    REFUSED = "refused", _("May not be shared yet")
    CANCELLED = "cancelled", _("Cancelled")


class SharePlatform(models.TextChoices):
    """Where an ambassador can share a city post with one click."""

    FACEBOOK = "facebook", "Facebook"
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    WHATSAPP = "whatsapp", "WhatsApp"
    EMAIL = "email", _("E-mail")
