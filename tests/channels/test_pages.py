"""The register pages on the demo data: each page renders for every role that may open it,
and the forms drive the same services as the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from someluotsi.accounts.models import User
from someluotsi.channels.enums import RequestStatus
from someluotsi.channels.models import Channel, ChannelRequest, MaintainerAbsence, PaidCampaign

DEMO_CHANNEL_USERS = ("mavi", "viestintapaallikko", "yksikonpaallikko", "paivittaja", "tarkastaja")


@pytest.fixture
def demo(db: None) -> None:
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())


def _as(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_CHANNEL_USERS)
def test_every_register_page_renders_for_every_channel_role(demo: None, username: str) -> None:
    client = _as(username)
    pending = ChannelRequest.objects.get(status=RequestStatus.PENDING)
    channel = Channel.objects.get(name="Kokkolan kaupunginkirjasto – Karleby stadsbibliotek")
    urls = [
        reverse("channels:list"),
        reverse("channels:list") + "?platform=facebook&status=active",
        reverse("channels:health"),
        reverse("channels:requests"),
        reverse("channels:request", args=[pending.pk]),
        reverse("channels:campaigns"),
        reverse("channels:absences"),
        reverse("channels:detail", args=[channel.pk]),
        reverse("channels:existing") + "?platform=tiktok&target_groups=youth",
    ]
    if username != "tarkastaja":
        urls.append(reverse("channels:request_new"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_the_demo_register_shows_the_guidelines_concerns(demo: None) -> None:
    html = _as("mavi").get(reverse("channels:health")).content.decode()
    assert "Nuokkari Discord" in html
    # The pending demo request waits for the unit manager and the communications manager.
    listing = _as("yksikonpaallikko").get(reverse("channels:list")).content.decode()
    assert "Kokkolan kirjasto TikTok" in listing
    assert PaidCampaign.objects.count() == 2


@pytest.mark.django_db
def test_the_request_form_shows_the_existing_profiles_then_asks_why(demo: None) -> None:
    client = _as("paivittaja")
    user = User.objects.get(username="paivittaja")
    data = {
        "unit": str(user.unit_id),
        "platform": "instagram",
        "target_groups": ["culture"],
        "name": "Kirjaston lukupiiri",
        "kind": "unit",
        "goals": "Lukupiirin kutsut",
        "languages": ["fi"],
        "hours_per_week": "2",
        "translations": "none",
        "maintainers": [str(user.pk)],
        "maintainer_role": "organisation",
    }
    preview = client.post(reverse("channels:request_new"), {**data, "preview": "1"})
    assert "Kokkola Karleby" in preview.content.decode()
    assert ChannelRequest.objects.filter(name="Kirjaston lukupiiri").count() == 0
    refused = client.post(reverse("channels:request_new"), data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["why_not_existing"]
    done = client.post(
        reverse("channels:request_new"),
        {**data, "why_not_existing": "Lukupiiri on suljettu ryhmä, ei julkista sisältöä."},
    )
    item = ChannelRequest.objects.get(name="Kirjaston lukupiiri")
    assert done.status_code == 302
    assert done["Location"] == reverse("channels:request", args=[item.pk])


@pytest.mark.django_db
def test_deciding_on_the_page(demo: None) -> None:
    item = ChannelRequest.objects.get(status=RequestStatus.PENDING)
    url = reverse("channels:request", args=[item.pk])
    page = _as("yksikonpaallikko").get(url).content.decode()
    assert 'value="unit_management"' in page
    _as("yksikonpaallikko").post(url, {"outcome": "approve", "role": "unit_management"})
    refused = _as("yksikonpaallikko").post(
        url, {"outcome": "approve", "role": "comms_manager"}, follow=True
    )
    assert refused.status_code == 200
    assert item.decisions.count() == 1
    _as("viestintapaallikko").post(url, {"outcome": "approve", "role": "comms_manager"})
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED
    assert item.channel is not None
    assert (
        _as("paivittaja").get(reverse("channels:detail", args=[item.channel.pk])).status_code == 200
    )


@pytest.mark.django_db
def test_absence_and_campaign_forms(demo: None) -> None:
    client = _as("paivittaja")
    today = timezone.localdate().isoformat()
    me = User.objects.get(username="paivittaja")
    before = MaintainerAbsence.objects.count()
    client.post(
        reverse("channels:absences"),
        {"user": me.pk, "starts_on": today, "ends_on": today, "note": "Koulutus"},
    )
    assert MaintainerAbsence.objects.count() == before + 1
    channel = Channel.objects.get(name="Kokkolan kaupunginkirjasto – Karleby stadsbibliotek")
    response = client.post(
        reverse("channels:campaigns"),
        {
            "channel": channel.pk,
            "purpose": "Satutunnit",
            "target_group": "Lapsiperheet",
            "budget_eur": "120",
            "starts_on": today,
            "ends_on": today,
            "decided_by_name": "Kari Nieminen",
            "decided_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert PaidCampaign.objects.filter(purpose="Satutunnit").exists()


GARBAGE = ["", "0", "-1", "99999999999999999999", "abc", "<script>", "\x00", "☃" * 300, "1e309"]


@pytest.mark.django_db
def test_garbage_posted_to_every_form_is_refused_without_a_server_error(demo: None) -> None:
    pending = ChannelRequest.objects.get(status=RequestStatus.PENDING)
    channel = Channel.objects.get(name="Kokkolan kaupunginkirjasto – Karleby stadsbibliotek")
    targets = [
        (reverse("channels:request_new"), ("unit", "platform", "name", "hours_per_week")),
        (reverse("channels:request", args=[pending.pk]), ("outcome", "role", "reason", "action")),
        (reverse("channels:campaigns"), ("channel", "budget_eur", "starts_on", "decided_at")),
        (reverse("channels:absences"), ("user", "starts_on", "cover", "action", "absence")),
        (reverse("channels:detail", args=[channel.pk]), ("action", "user", "hours_per_week")),
    ]
    client = _as("yksikonpaallikko")
    for value in GARBAGE:
        # A NUL character is removed before any view runs, with a message (core.middleware).
        ok = 200
        query = {"platform": value, "target_groups": [value, "youth"]}
        assert client.get(reverse("channels:existing"), query).status_code == ok
        assert client.get(reverse("channels:list"), {"q": value, "unit": value}).status_code == ok
        assert client.get(reverse("channels:campaigns"), {"year": value}).status_code == ok
        assert client.get(reverse("channels:requests"), {"status": value}).status_code == ok
    for url, fields in targets:
        for value in GARBAGE:
            data = dict.fromkeys(fields, value)
            if "action" in fields:
                for action in ("edit", "add_maintainer", "remove_maintainer", "delete", value):
                    assert client.post(url, {**data, "action": action}).status_code < 500, url
            assert client.post(url, data).status_code < 500, (url, value)
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING


@pytest.mark.django_db
def test_admin_shows_requests_and_campaigns_read_only(
    demo: None, make_user: Callable[..., User]
) -> None:
    client = Client()
    client.force_login(make_user(is_superuser=True, is_staff=True))
    item = ChannelRequest.objects.filter(status=RequestStatus.REJECTED).get()
    campaign = PaidCampaign.objects.first()
    assert campaign is not None
    for model, pk in (("channelrequest", item.pk), ("paidcampaign", campaign.pk)):
        assert client.get(reverse(f"admin:channels_{model}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:channels_{model}_change", args=[pk]))
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        assert client.get(reverse(f"admin:channels_{model}_add")).status_code == 403
