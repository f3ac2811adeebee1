"""A channel's maintainers are its updaters whatever their role (§8.4, §12.1-§12.2): an employee or
a supervisor who maintains a channel works its inbox, sees its register page, its figures and
its storms, and only its; the register never makes someone a maintainer who cannot do the work
(a service account, an auditor). The demo holds no maintainer who cannot open their channel."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from someluotsi.accounts.access import CHANNEL_DUTY_AREAS, Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_areas, user_can_access_area
from someluotsi.channels.models import Channel, ChannelMaintainer, ChannelRequest
from someluotsi.channels.requests import RequestDraft, request_submit
from someluotsi.channels.selectors import people_in_scope
from someluotsi.channels.services import absence_record, maintainer_add
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import message_can_read, message_can_work
from someluotsi.inbox.services import IncomingMessage, message_ingest
from someluotsi.incidents.models import StormAlert
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer


def _deliver(channel: Channel, external_id: str) -> Message:
    (message,) = message_ingest(
        actor=None,
        items=[
            IncomingMessage(
                channel=channel,
                external_id=external_id,
                kind="comment",
                text="Onko uimahalli auki huomenna?",
                received_at=timezone.now() - timedelta(minutes=5),
                author_handle="@asukas",
            )
        ],
        auto_escalate=False,
    ).created
    return message


def _pages(channel: Channel, alert: StormAlert) -> list[str]:
    return [
        reverse("inbox:queue"),
        reverse("channels:detail", args=[channel.pk]),
        reverse("metrics:channel", args=[channel.pk]),
        reverse("incidents:alert", args=[alert.pk]),
    ]


def _alert(channel: Channel) -> StormAlert:
    return StormAlert.objects.create(
        channel=channel, detected_at=timezone.now(), sensitivity="default", signals=["volume"],
        window_minutes=60, observed=12, expected=1.5, negative=9, negative_share=0.75,
        baseline_negative_share=0.1, threats=0, new_authors=8, top_author_messages=4,
        p_value=0.0001, evidence={"messages": [], "terms": [], "timeline": []},
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.SUPERVISOR, Role.ELECTED])
def test_a_maintainer_works_their_channel_whatever_their_role(role: Role) -> None:
    unit = UnitFactory.create(code="liikunta")
    channel = ChannelFactory.create(unit=unit, name="Liikuntapalvelut")
    other = ChannelFactory.create(unit=unit, name="Museo")
    person = UserFactory.create(unit=unit, roles=[role])
    client = Client()
    client.force_login(person)
    alert, other_alert = _alert(channel), _alert(other)
    if role is not Role.SUPERVISOR:  # a supervisor has the inbox anyway (§10.6)
        assert client.get(reverse("inbox:queue")).status_code == 403
    assert client.get(reverse("channels:detail", args=[channel.pk])).status_code == 403

    add_maintainer(channel, person)
    person = User.objects.get(pk=person.pk)
    client.force_login(person)
    assert set(CHANNEL_DUTY_AREAS) <= set(user_areas(user=person))
    for url in _pages(channel, alert):
        assert client.get(url).status_code == 200, url
    # Only their own channel: another channel's pages stay closed.
    for url in _pages(other, other_alert)[1:]:
        assert client.get(url).status_code == 404, url
    message, elsewhere = _deliver(channel, "m-1"), _deliver(other, "m-2")
    assert message.assignee == person  # the only answerer (§8.4)
    assert message_can_read(user=person, message=message)
    assert message_can_work(user=person, message=message)
    assert not message_can_read(user=person, message=elsewhere)
    page = client.get(reverse("inbox:detail", args=[message.pk]))
    assert page.status_code == 200
    assert "uimahalli" in page.content.decode()


@pytest.mark.django_db
def test_a_cover_works_the_absent_maintainers_channel_while_covering() -> None:
    unit = UnitFactory.create(code="liikunta")
    channel = ChannelFactory.create(unit=unit, name="Liikuntapalvelut")
    maintainer = UserFactory.create(unit=unit, roles=[Role.EMPLOYEE])
    cover = UserFactory.create(unit=unit, roles=[Role.EMPLOYEE])
    add_maintainer(channel, maintainer)
    assert not user_can_access_area(user=cover, area=Area.INBOX)
    today = timezone.localdate()
    # Away for a week from today: a message is assigned by the day it is due, which is the
    # next day or after a weekend when it arrives late in the day (an absence of today alone
    # made this test fail in the afternoon).
    absence_record(
        actor=maintainer,
        user=maintainer,
        starts_on=today,
        ends_on=today + timedelta(days=7),
        cover=cover,
    )
    cover = User.objects.get(pk=cover.pk)
    client = Client()
    client.force_login(cover)
    message = _deliver(channel, "m-1")
    assert message.assignee == cover
    assert client.get(reverse("inbox:detail", args=[message.pk])).status_code == 200
    assert client.get(reverse("channels:detail", args=[channel.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SERVICE_ACCOUNT, Role.AUDITOR])
def test_the_register_never_makes_a_service_account_or_an_auditor_a_maintainer(
    role: Role,
) -> None:
    unit = UnitFactory.create(code="liikunta")
    channel = ChannelFactory.create(unit=unit, name="Liikuntapalvelut")
    mavi = UserFactory.create(unit=unit, roles=[Role.MAVI])
    barred = UserFactory.create(unit=unit, roles=[role])
    with pytest.raises(ApplicationError) as refused:
        maintainer_add(actor=mavi, channel=channel, user=barred)
    assert refused.value.code == "cannot_maintain"
    assert not ChannelMaintainer.objects.filter(user=barred).exists()
    assert barred not in people_in_scope(user=mavi)
    with pytest.raises(ApplicationError) as refused:
        absence_record(
            actor=mavi,
            user=mavi,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            cover=barred,
        )
    with pytest.raises(ApplicationError) as refused:
        request_submit(
            actor=mavi,
            draft=RequestDraft(
                unit=unit, platform="tiktok", name="Liikunta TikTok", maintainers=[barred],
                why_not_existing="Kaupungin tili ei kerro liikuntapaikoista viikoittain.",
                plan={"goals": "Liikuntavinkit", "target_groups": ["youth"],
                      "languages": ["fi"], "hours_per_week": "2", "translations": "in_house"},
            ),
        )  # fmt: skip
    assert refused.value.code == "cannot_maintain"
    assert not ChannelRequest.objects.exists()
    # Made one behind the register's back, they still get no channel area from it.
    add_maintainer(channel, barred)
    barred = User.objects.get(pk=barred.pk)
    assert not user_can_access_area(user=barred, area=Area.INBOX)


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_every_demo_maintainer_opens_their_channels_inbox_register_page_and_figures() -> None:
    """The tester's finding: the demo's employee, sole maintainer of the sports channel, got 403
    on the inbox, the channel's page and its figures."""
    call_command("load_demo", stdout=StringIO())
    rows = ChannelMaintainer.objects.select_related("user", "channel")
    assert {row.user.username for row in rows} >= {"tyontekija", "esihenkilo"}
    for row in rows:
        client = Client()
        client.force_login(row.user)
        for url in (
            reverse("inbox:queue") + f"?channel={row.channel_id}",
            reverse("channels:detail", args=[row.channel_id]),
            reverse("metrics:channel", args=[row.channel_id]),
        ):
            assert client.get(url).status_code == 200, (row.user.username, url)
