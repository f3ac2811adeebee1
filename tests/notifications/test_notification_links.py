"""A notification never links to a page its recipient cannot open.

Every kind of notification the app sends is raised here by its own service, in a small city
where an employee and a supervisor maintain channels (as in the demo); each notification is
then rendered as its recipient sees it (the in-app list, the e-mail copy) and every same-site
link in it is requested as that recipient: none may answer 403 or 404. A guard counts the
call sites that send notifications, so a new kind fails here until it has a scenario."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.accounts.services import role_assign
from someluotsi.channels.campaigns import CampaignDraft, campaign_register
from someluotsi.channels.models import Channel
from someluotsi.channels.requests import RequestDraft, request_decide, request_submit
from someluotsi.channels.summary import health_summary_send
from someluotsi.connectors.credentials import connection_mark_broken
from someluotsi.connectors.models import Connection
from someluotsi.inbox.escalations import message_escalate
from someluotsi.inbox.models import Message
from someluotsi.inbox.services import IncomingMessage, inbox_send_reminders, message_ingest
from someluotsi.incidents.detection import storm_scan_channel
from someluotsi.notifications.delivery import _message, notifications_retry_due
from someluotsi.notifications.models import Notification
from someluotsi.notifications.services import notification_send
from someluotsi.publishing.clearances import clearance_answer, clearance_request
from someluotsi.publishing.policies import channel_policy_save
from someluotsi.publishing.services import (
    PostInput,
    post_approve,
    post_comment,
    post_create,
    post_return,
    post_submit,
)
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer
from tests.site_crawl import links

ROOT = Path(__file__).resolve().parents[2] / "someluotsi"
SEND_CALL = re.compile(
    r"\b(notification_send_worded|notification_send|notify)\(|Notification\.objects\.create\("
)

# The sending functions themselves (notification_send calls Notification.objects.create).
MACHINERY = ROOT / "notifications" / "services.py"

# Where notifications are sent from, and how many call sites each module has; each is raised
# by the scenario named beside it below. A new call site changes a count: add its scenario.
CALL_SITES: dict[str, int] = {
    "accounts/services.py": 1,  # role_assigned
    "channels/campaigns.py": 1,  # campaign
    "channels/requests.py": 4,  # request_submitted, request_first_approval, _approved, _rejected
    "channels/summary.py": 1,  # health_summary
    "connectors/credentials.py": 1,  # connection_broken
    "inbox/escalations.py": 1,  # escalation
    "inbox/services.py": 1,  # overdue_reminders
    "incidents/detection.py": 1,  # storm_alert
    "notifications/delivery.py": 1,  # delivery_failed
    "publishing/clearances.py": 2,  # clearance_requested, clearance_answered
    "publishing/services.py": 4,  # post_review, post_approved, post_returned, post_commented
    "publishing/transitions.py": 1,  # notify(): the post kinds above
    # The publisher's three (published, publish by hand, failed) link to the post page for its
    # author and approvers, as the four post kinds above do; not raised one by one here.
    "publishing/delivery.py": 3,
}


def test_every_call_site_that_sends_notifications_is_declared() -> None:
    found: dict[str, int] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "guideline" in path.parts or path == MACHINERY:
            continue
        text = path.read_text(encoding="utf-8")
        calls = [
            line
            for line in text.splitlines()
            if SEND_CALL.search(line) and not line.lstrip().startswith(("def ", "#", '"'))
        ]
        if calls:
            found[path.relative_to(ROOT).as_posix()] = len(calls)
    assert found == CALL_SITES


# The channel's maintainers: an updater, and an employee and a supervisor as in the demo.
MAINTAINER_ROLES = {Role.UPDATER, Role.EMPLOYEE, Role.SUPERVISOR}


@dataclass
class City:
    unit: Unit
    channel: Channel  # the library's: updater, employee and supervisor maintain it
    people: dict[Role, User]

    def __getitem__(self, role: Role) -> User:
        return self.people[role]


@pytest.fixture
def city(db: None) -> City:
    division = UnitFactory.create(code="sivistys")
    unit = UnitFactory.create(code="kirjasto", parent=division)
    scopes: dict[Role, Unit | None] = {Role.UNIT_MANAGER: unit, Role.SUPERVISOR: division}
    people = {}
    for role in Role:
        person = UserFactory.create(
            unit=unit, username=f"n-{role.value}", email=f"{role.value}@kokkola.example"
        )
        RoleAssignment.objects.create(user=person, role=role, unit=scopes.get(role))
        people[role] = person
    channel = ChannelFactory.create(unit=unit, name="Kirjasto", handle="kirjasto")
    for role in MAINTAINER_ROLES:
        add_maintainer(channel, people[role])
    return City(unit=unit, channel=channel, people=people)


def _deliver(city: City, texts: list[str], at: Any = None) -> list[Message]:
    at = at or timezone.now() - timedelta(minutes=10)
    return message_ingest(
        actor=None,
        items=[
            IncomingMessage(
                channel=city.channel, external_id=f"n-{at.timestamp()}-{n}", kind="comment",
                text=text, received_at=at, author_handle=f"@asukas{n % 40}",
            )
            for n, text in enumerate(texts)
        ],
        auto_escalate=False,
    ).created  # fmt: skip


def _post_input(city: City) -> PostInput:
    return PostInput(
        title="Kirjaston syysohjelma",
        text="Kirjaston syysohjelma on julkaistu. Tervetuloa! #KokkolaKarleby",
        text_sv="Bibliotekets höstprogram är publicerat. Välkommen! #KokkolaKarleby",
        channels=[city.channel],
        scheduled_at=timezone.now() + timedelta(days=2),
    )


def _request(city: City) -> Any:
    return request_submit(
        actor=city[Role.UPDATER],
        draft=RequestDraft(
            unit=city.unit, platform="tiktok", name="Kirjasto TikTok",
            maintainers=[city[Role.UPDATER], city[Role.EMPLOYEE]],
            why_not_existing="Kaupungin tili ei kerro kirjaston lukuvinkeistä viikoittain.",
            plan={"goals": "Lukuvinkit nuorille", "target_groups": ["youth"],
                  "languages": ["fi"], "hours_per_week": "2", "translations": "in_house"},
        ),
    )  # fmt: skip


def storm_alert(city: City) -> None:
    now = timezone.now()
    _deliver(city, ["Hyvä kirjasto, kiitos!"], at=now - timedelta(days=3))
    _deliver(
        city,
        [f"Tämä on skandaali, kirjasto on surkea ja johto huono {n}" for n in range(40)],
        at=now - timedelta(minutes=20),
    )
    assert storm_scan_channel(city.channel, now=now) is not None


def escalation(city: City) -> None:
    (threat,) = _deliver(city, ["Tiedän missä asut ja tulen käymään."])
    message_escalate(actor=city[Role.UPDATER], message=threat, note="Uhkaava")


def overdue_reminders(city: City) -> None:
    _deliver(city, ["Milloin kirjasto aukeaa?"], at=timezone.now() - timedelta(days=5))
    assert inbox_send_reminders(now=timezone.now() + timedelta(days=5)) >= 1


def connection_broken(city: City) -> None:
    connection = Connection.objects.create(
        channel=city.channel, platform="sandbox", account_id="n-1", account_name="Kirjasto"
    )
    connection_mark_broken(connection=connection, code="token_expired")


def request_submitted(city: City) -> None:
    _request(city)


def request_first_approval(city: City) -> None:
    request_decide(
        actor=city[Role.UNIT_MANAGER], channel_request=_request(city), outcome="approve",
        role="unit_management",
    )  # fmt: skip


def request_approved(city: City) -> None:
    item = _request(city)
    request_decide(actor=city[Role.UNIT_MANAGER], channel_request=item, outcome="approve")
    item.refresh_from_db()
    request_decide(actor=city[Role.COMMS_MANAGER], channel_request=item, outcome="approve")


def request_rejected(city: City) -> None:
    request_decide(
        actor=city[Role.COMMS_MANAGER], channel_request=_request(city), outcome="reject",
        reason="Kaupungin TikTok riittää.",
    )  # fmt: skip


def campaign(city: City) -> None:
    today = timezone.localdate()
    campaign_register(
        actor=city[Role.UPDATER],
        draft=CampaignDraft(
            channel=city.channel, purpose="Lukuviikko", target_group="Nuoret",
            budget_eur=Decimal("300"), starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=14), decided_by_name="Johtaja",
            decided_at=timezone.now() - timedelta(days=1), decision_reference="§ 12/2026",
        ),
    )  # fmt: skip


def health_summary(city: City) -> None:
    health_summary_send()


def role_assigned(city: City) -> None:
    role_assign(actor=city[Role.MAVI], user=city[Role.EMPLOYEE], role=Role.ELECTED)


def delivery_failed(city: City) -> None:
    mail_down = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": 9,
        "NOTIFICATION_EMAIL_MAX_ATTEMPTS": 1,
    }
    with override_settings(**mail_down):
        notification_send(recipients=[city[Role.SUPERVISOR]], subject="Uhka kirjastossa")
        notifications_retry_due()
    Notification.objects.filter(subject="Uhka kirjastossa").delete()  # only the failure notice


def clearance_requested(city: City) -> None:
    clearance_request(
        requester=city[Role.ELECTED], preparer=city[Role.EMPLOYEE], matter="Kirjaston remontti",
        document="Esityslista 3/2026", draft_text="Kirjaston remontti alkaa keväällä.",
    )  # fmt: skip


def clearance_answered(city: City) -> None:
    item = clearance_request(
        requester=city[Role.ELECTED], preparer=city[Role.EMPLOYEE], matter="Kirjaston remontti",
        document="Esityslista 3/2026", draft_text="Kirjaston remontti alkaa keväällä.",
    )  # fmt: skip
    Notification.objects.all().delete()
    clearance_answer(actor=city[Role.EMPLOYEE], item=item, cleared=True, answer="")


def _post(city: City) -> Any:
    """A draft on the library's channel, whose posts its unit manager approves."""
    channel_policy_save(
        actor=city[Role.MAVI], channel=city.channel, approval="unit_manager", bilingual=True
    )
    return post_create(actor=city[Role.UPDATER], data=_post_input(city))


def post_review(city: City) -> None:
    post_submit(actor=city[Role.UPDATER], post=_post(city))


def post_approved(city: City) -> None:
    post = _post(city)
    post_submit(actor=city[Role.UPDATER], post=post)
    post_approve(actor=city[Role.UNIT_MANAGER], post=post)


def post_returned(city: City) -> None:
    post = _post(city)
    post_submit(actor=city[Role.UPDATER], post=post)
    post_return(actor=city[Role.UNIT_MANAGER], post=post, comment="Lisää kuvan tekstivastine.")


def post_commented(city: City) -> None:
    post = _post(city)
    post_comment(actor=city[Role.MAVI], post=post, text="Hyvä, lisää vielä ruotsinkielinen linkki.")


# Each kind, and roles it must reach in this city (a recipient role missing would mean the
# scenario no longer raises what it names; the links are checked for every recipient).
SCENARIOS: dict[str, tuple[Callable[[City], None], set[Role]]] = {
    "storm_alert": (storm_alert, {Role.MAVI, Role.COMMS_MANAGER, *MAINTAINER_ROLES}),
    "escalation": (escalation, {Role.SUPERVISOR, Role.SAFETY_MANAGER}),
    "overdue_reminders": (overdue_reminders, {Role.UPDATER}),
    "connection_broken": (connection_broken, MAINTAINER_ROLES),
    "request_submitted": (request_submitted, {Role.UNIT_MANAGER, Role.COMMS_MANAGER}),
    "request_first_approval": (request_first_approval, {Role.UPDATER, Role.COMMS_MANAGER}),
    "request_approved": (request_approved, {Role.UPDATER, Role.EMPLOYEE, Role.MAVI}),
    "request_rejected": (request_rejected, {Role.UPDATER}),
    "campaign": (campaign, {Role.MAVI, Role.COMMS_MANAGER}),
    "health_summary": (health_summary, {Role.MAVI, Role.COMMS_MANAGER}),
    "role_assigned": (role_assigned, {Role.EMPLOYEE}),
    "delivery_failed": (delivery_failed, {Role.MAVI}),
    "clearance_requested": (clearance_requested, {Role.EMPLOYEE}),
    "clearance_answered": (clearance_answered, {Role.ELECTED}),
    "post_review": (post_review, {Role.UNIT_MANAGER}),
    "post_approved": (post_approved, {Role.UPDATER}),
    "post_returned": (post_returned, {Role.UPDATER}),
    "post_commented": (post_commented, {Role.UPDATER}),
}  # fmt: skip


def _paths(notification: Notification, client: Client) -> set[str]:
    """The same-site links a recipient is shown: the notification's own link, those of its row
    on the in-app list, and those in its e-mail copy."""
    found = {notification.url} if notification.url else set()
    page = client.get(reverse("notifications:list"))
    assert page.status_code == 200
    html = page.content.decode()
    if notification.url:
        assert notification.url in links(html)  # rendered as a link on the recipient's list
    _subject, body = _message(notification)
    for url in re.findall(r"https?://\S+", body):
        if url.startswith(settings.BASE_URL):
            found.add(url[len(settings.BASE_URL) :])
    return found


@pytest.mark.parametrize("kind", list(SCENARIOS))
def test_every_notification_links_only_to_pages_its_recipient_can_open(
    city: City, kind: str, django_capture_on_commit_callbacks: Any
) -> None:
    scenario, expected_roles = SCENARIOS[kind]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        scenario(city)
    sent = list(Notification.objects.select_related("recipient"))
    assert sent, f"{kind}: nothing was sent"
    roles_of = {person.pk: role for role, person in city.people.items()}
    reached = {roles_of[n.recipient_id] for n in sent if n.recipient_id in roles_of}
    assert expected_roles <= reached, kind
    refused = []
    for notification in sent:
        client = Client()
        client.force_login(notification.recipient)
        for path in _paths(notification, client):
            status = client.get(path).status_code
            if status in {403, 404}:
                role = roles_of.get(notification.recipient_id)
                refused.append((role.value if role else "other", path, status))
    assert refused == [], kind
