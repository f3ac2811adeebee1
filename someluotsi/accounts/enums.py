from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The people the guideline speaks to (§4, §6, §7.8, §10.6, §12.2)."""

    MAVI = "mavi", _("Marketing and communications team")
    # The person who decides new accounts together with the unit's management (§11.1).
    COMMS_MANAGER = "comms_manager", _("Marketing and communications manager")
    UNIT_MANAGER = "unit_manager", _("Unit manager")
    UPDATER = "updater", _("Channel updater")
    EMPLOYEE = "employee", _("Employee")
    ELECTED = "elected", _("Elected official")
    SUPERVISOR = "supervisor", _("Supervisor")
    SAFETY_MANAGER = "safety_manager", _("Occupational safety manager")
    AUDITOR = "auditor", _("Auditor")
    # Not a person: the account a platform connector (someluotsi.connectors) or another
    # integration uses to deliver citizens' messages (POST /api/v1/messages). It may ingest
    # messages and nothing else (accounts.access.INGEST_ROLES).
    SERVICE_ACCOUNT = "service_account", _("Service account of a platform connector")
