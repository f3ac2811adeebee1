"""A small city with one user per role and one object of every kind a URL can point at.

Message texts and author handles carry unique markers (`World.markers`), so a test can tell
whether a response carries a message it must not.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.channels.campaigns import CampaignDraft, campaign_register
from someluotsi.channels.models import Channel, ChannelRequest, MaintainerAbsence, PaidCampaign
from someluotsi.channels.requests import RequestDraft, request_submit
from someluotsi.channels.services import absence_record
from someluotsi.inbox.escalations import message_escalate
from someluotsi.inbox.models import Escalation, Message
from someluotsi.inbox.services import IncomingMessage, message_ingest
from someluotsi.incidents.enums import EntryKind
from someluotsi.incidents.models import Incident, IncidentEntry, StormAlert
from someluotsi.metrics.models import MetricImport
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS
from someluotsi.metrics.services import metric_import_upload
from someluotsi.notifications.models import Notification
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer

# Builders of the objects an app's URLs need, run at the end of build_world: each gets the
# world and stores what it made in `world.extra` (see tests/urlcatalogue/publishing.py).
EXTENSIONS: list[Callable[[World], None]] = []

# Every role a person (or an integration) can hold, plus the anonymous visitor (None).
ROLES: tuple[Role | None, ...] = (*Role, None)


@dataclass
class World:
    division: Unit
    unit: Unit
    other_unit: Unit
    users: dict[Role, User]
    channel: Channel  # the library's: maintained by the updater, in the unit manager's unit
    other_channel: Channel  # another unit's: nobody in `users` but the mavi team works it
    message: Message  # a question on `channel`
    other_message: Message  # on `other_channel`
    threat: Message  # on `channel`, escalated to the supervisor and the safety manager
    escalation: Escalation
    alert: StormAlert  # on `channel`, its evidence quotes `message` and `threat`
    other_alert: StormAlert  # on `other_channel`
    incident: Incident
    channel_request: ChannelRequest
    campaign: PaidCampaign
    metric_import: MetricImport
    absence: MaintainerAbsence
    notification: Notification  # the mavi user's
    markers: dict[int, tuple[str, ...]] = field(default_factory=dict)  # message id -> markers
    # Objects other apps add (tests/urlcatalogue/<app>.py registers a builder in EXTENSIONS).
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, role: Role) -> User:
        return self.users[role]

    def readable_messages(self, role: Role | None) -> set[int]:
        """The policy under test (the inbox rule), written out: which messages' texts and
        authors each role may read in this world."""
        if role is Role.MAVI:
            return {self.message.pk, self.other_message.pk, self.threat.pk}
        if role is Role.UPDATER:
            return {self.message.pk, self.threat.pk}
        if role in {Role.SUPERVISOR, Role.SAFETY_MANAGER}:
            return {self.threat.pk}
        return set()


def _token() -> str:
    return secrets.token_hex(4)


def build_world() -> World:
    now = timezone.now()
    today = timezone.localdate()
    division = UnitFactory.create(code="sivistys")
    unit = UnitFactory.create(code="kirjasto", parent=division)
    other_unit = UnitFactory.create(code="liikunta", parent=division)
    scopes: dict[Role, Unit | None] = {Role.UNIT_MANAGER: unit, Role.SUPERVISOR: division}
    users: dict[Role, User] = {}
    for role in Role:
        user = UserFactory.create(unit=unit, username=f"role-{role.value}")
        RoleAssignment.objects.create(user=user, role=role, unit=scopes.get(role))
        users[role] = user
    channel = ChannelFactory.create(unit=unit, name="Kirjasto", handle="kirjasto")
    other_channel = ChannelFactory.create(unit=other_unit, name="Liikunta", handle="liikunta")
    add_maintainer(channel, users[Role.UPDATER])
    add_maintainer(other_channel, UserFactory.create(unit=other_unit))

    markers: dict[int, tuple[str, ...]] = {}

    def deliver(target: Channel, text: str, external_id: str) -> Message:
        token = _token()
        body, handle = f"{text} VIESTIMERKKI{token}", f"@kirjoittaja{token}"
        (created,) = message_ingest(
            actor=None,
            items=[
                IncomingMessage(
                    channel=target, external_id=external_id, kind="comment", text=body,
                    received_at=now - timedelta(minutes=30), author_handle=handle,
                    permalink=f"https://www.facebook.com/x/posts/{token}",
                )
            ],
            auto_escalate=False,
        ).created  # fmt: skip
        markers[created.pk] = (f"VIESTIMERKKI{token}", f"kirjoittaja{token}")
        return created

    message = deliver(channel, "Milloin kirjasto aukeaa?", "fb-1")
    other_message = deliver(other_channel, "Onko uimahalli auki?", "fb-2")
    threat = deliver(channel, "Tiedän missä asut ja tulen käymään.", "fb-3")
    escalation = message_escalate(actor=users[Role.UPDATER], message=threat, note="Uhkaava")

    def alert_on(target: Channel, quoted: list[Message]) -> StormAlert:
        return StormAlert.objects.create(
            channel=target, detected_at=now, sensitivity="default", signals=["volume"],
            window_minutes=60, observed=12, expected=1.5, negative=9, negative_share=0.75,
            baseline_negative_share=0.1, threats=1, new_authors=8, top_author_messages=4,
            p_value=0.0001,
            evidence={
                "messages": [
                    {"id": m.pk, "received_at": m.received_at.isoformat(),
                     "category": m.category, "tone": m.tone, "excerpt": m.text}
                    for m in quoted
                ],
                "terms": [[markers[m.pk][0].lower(), 3] for m in quoted],
                "timeline": [[now.isoformat(), 12, 9, 1.5]],
                "top_author": quoted[0].author_handle,
            },
        )  # fmt: skip

    alert = alert_on(channel, [message, threat])
    other_alert = alert_on(other_channel, [other_message])
    incident = Incident.objects.create(
        title="Myrsky kirjastossa", channel=channel, owner=users[Role.MAVI]
    )
    IncidentEntry.objects.create(
        incident=incident, author=users[Role.MAVI], kind=EntryKind.NOTE, text="Seurataan."
    )
    alert.incident = incident
    alert.save(update_fields=["incident"])
    channel_request = request_submit(
        actor=users[Role.UPDATER],
        draft=RequestDraft(
            unit=unit, platform="tiktok", name="Kirjasto TikTok",
            maintainers=[users[Role.UPDATER]],
            why_not_existing="Kaupungin tili ei kerro kirjaston lukuvinkeistä viikoittain.",
            plan={"goals": "Lukuvinkit nuorille", "target_groups": ["youth"],
                  "languages": ["fi"], "hours_per_week": "2", "translations": "in_house"},
        ),
    )  # fmt: skip
    campaign = campaign_register(
        actor=users[Role.MAVI],
        draft=CampaignDraft(
            channel=channel, purpose="Lukuviikko", target_group="Nuoret",
            budget_eur=Decimal("300"), starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=14), decided_by_name="Johtaja",
            decided_at=now - timedelta(days=1), decision_reference="§ 12/2026",
        ),
    )  # fmt: skip
    sample = SAMPLE_EXPORTS / "meta_viewers_utf16.csv"
    metric_import = metric_import_upload(
        actor=users[Role.MAVI], channel=channel, file_name=sample.name, data=sample.read_bytes()
    )
    absence = absence_record(
        actor=users[Role.UPDATER], user=users[Role.UPDATER],
        starts_on=today + timedelta(days=30), ends_on=today + timedelta(days=35),
    )  # fmt: skip
    notification = Notification.objects.create(recipient=users[Role.MAVI], subject="Tervetuloa")
    world = World(
        division=division, unit=unit, other_unit=other_unit, users=users, channel=channel,
        other_channel=other_channel, message=message, other_message=other_message,
        threat=threat, escalation=escalation, alert=alert, other_alert=other_alert,
        incident=incident, channel_request=channel_request, campaign=campaign,
        metric_import=metric_import, absence=absence, notification=notification,
        markers=markers,
    )  # fmt: skip
    for extend in EXTENSIONS:
        extend(world)
    return world
