"""Which role may use which area of the product.

A plain table the communications team can read. Object-level rules (which channels, which
messages) are applied by each app's selectors on top of this.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.accounts.enums import Role


class Area(models.TextChoices):
    CHECK = "check", _("Check a post")
    INBOX = "inbox", _("Inbox")
    CHANNELS = "channels", _("Channels")
    METRICS = "metrics", _("Metrics")
    INCIDENTS = "incidents", _("Incidents")
    PUBLISHING = "publishing", _("Publishing")
    HUB = "hub", _("Ambassador hub")
    PEOPLE = "people", _("People and units")
    AUDIT = "audit", _("Audit trail")


AREA_ROLES: dict[Area, frozenset[Role]] = {
    # Everyone who writes on social media in a city role checks drafts (§2, §4, §6).
    Area.CHECK: frozenset(
        {
            Role.MAVI,
            Role.COMMS_MANAGER,
            Role.UNIT_MANAGER,
            Role.UPDATER,
            Role.EMPLOYEE,
            Role.ELECTED,
            Role.SUPERVISOR,
        }
    ),
    # Those who answer and escalate citizens' messages (§8.4, §10.4-§10.6).
    Area.INBOX: frozenset(
        {Role.MAVI, Role.UPDATER, Role.UNIT_MANAGER, Role.SUPERVISOR, Role.SAFETY_MANAGER}
    ),
    # The register, new-account requests and their decisions (§11-§14).
    Area.CHANNELS: frozenset(
        {Role.MAVI, Role.COMMS_MANAGER, Role.UNIT_MANAGER, Role.UPDATER, Role.AUDITOR}
    ),
    Area.METRICS: frozenset(
        {Role.MAVI, Role.COMMS_MANAGER, Role.UNIT_MANAGER, Role.UPDATER, Role.AUDITOR}
    ),
    # Storms on the channels one works on (§17); supervisors get threats through the inbox.
    Area.INCIDENTS: frozenset(
        {Role.MAVI, Role.COMMS_MANAGER, Role.UNIT_MANAGER, Role.UPDATER, Role.AUDITOR}
    ),
    # The composer, approvals, the calendar and the asset library: those who run channels.
    Area.PUBLISHING: frozenset(
        {Role.MAVI, Role.COMMS_MANAGER, Role.UNIT_MANAGER, Role.UPDATER, Role.AUDITOR}
    ),
    # City posts to share, for every employee and elected official (§2.3–2.4, §3, §5), and
    # elected officials' clearance requests (§6.4).
    Area.HUB: frozenset(
        {
            Role.MAVI,
            Role.COMMS_MANAGER,
            Role.UNIT_MANAGER,
            Role.UPDATER,
            Role.EMPLOYEE,
            Role.ELECTED,
            Role.SUPERVISOR,
            Role.SAFETY_MANAGER,
        }
    ),
    Area.PEOPLE: frozenset({Role.MAVI, Role.UNIT_MANAGER}),
    Area.AUDIT: frozenset({Role.AUDITOR}),
}

# Areas a person reaches by maintaining a channel (or standing in for an absent maintainer),
# whatever their role: a channel's maintainers are its updaters, who answer its messages (§8.4),
# keep it running as customer service (§12.1) in the role the unit chose for it, a youth worker
# as well as a communications officer (§12.2), and face its storms (§17.3). What they see there
# is their own channels only: the apps' selectors scope every area to the channels a person
# works (the inbox rule for message texts). The channels app says who has such a duty
# (accounts.selectors.channel_duty_register).
CHANNEL_DUTY_AREAS: frozenset[Area] = frozenset(
    {Area.INBOX, Area.CHANNELS, Area.METRICS, Area.INCIDENTS}
)

# Roles whose holders never get the channel duty's areas: integrations are no people, and
# auditors only read (the register refuses to make either a maintainer).
NO_CHANNEL_DUTY_ROLES: frozenset[Role] = frozenset({Role.SERVICE_ACCOUNT, Role.AUDITOR})

# Roles that may only read, never change anything (enforced in the API permission class too).
READ_ONLY_ROLES: frozenset[Role] = frozenset({Role.AUDITOR})

# Who may deliver citizens' messages into the inbox (POST /api/v1/messages, import_messages):
# the platform connectors' service accounts and the mavi team. Nobody else may put words in a
# citizen's mouth: a made-up message can raise threat escalations and storm alerts.
# Connectors calling inbox.services.message_ingest in-process pass actor=None (the system).
INGEST_ROLES: frozenset[Role] = frozenset({Role.SERVICE_ACCOUNT, Role.MAVI})
