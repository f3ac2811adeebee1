"""Everyday gaps closed in the register: campaigns changed and cancelled, existing accounts
registered by the mavi team from a form, and new-channel requests from anyone in a unit."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.campaigns import (
    CampaignDraft,
    campaign_cancel,
    campaign_register,
    campaign_totals,
    campaign_update,
)
from someluotsi.channels.models import Channel, ChannelRequest, PaidCampaign
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.notifications.models import Notification
from tests.channels.conftest import City
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _draft(city: City, **changes: Any) -> CampaignDraft:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "channel": city.library_ig,
        "purpose": "Reading challenge week",
        "target_group": "Families with children",
        "budget_eur": "450",
        "starts_on": today + timedelta(days=7),
        "ends_on": today + timedelta(days=21),
        "decided_by_name": "Kari Nieminen",
        "decided_at": timezone.now() - timedelta(days=2),
    }
    values.update(changes)
    return CampaignDraft(**values)


def test_a_campaign_is_changed_audited_and_the_mavi_team_told(city: City) -> None:
    campaign = campaign_register(actor=city.requester, draft=_draft(city))
    before = Notification.objects.count()
    draft = _draft(city, budget_eur="600", decided_at=campaign.decided_at)
    campaign_update(actor=city.requester, campaign=campaign, draft=draft)
    campaign.refresh_from_db()
    assert campaign.budget_eur == Decimal("600.00")
    event = AuditEvent.objects.get(action="campaign.updated")
    assert event.data["fields"] == ["budget_eur"]
    assert Notification.objects.count() == before + 2  # the comms manager and the mavi member


def test_the_same_rules_hold_when_changing(city: City) -> None:
    campaign = campaign_register(actor=city.requester, draft=_draft(city))
    with pytest.raises(ApplicationError):
        campaign_update(actor=city.requester, campaign=campaign, draft=_draft(city, budget_eur="0"))
    with pytest.raises(PermissionDeniedError):
        campaign_update(actor=city.other_manager, campaign=campaign, draft=_draft(city))
    campaign.refresh_from_db()
    assert campaign.budget_eur == Decimal("450.00")


def test_a_cancelled_campaign_stays_with_its_reason_out_of_the_totals(city: City) -> None:
    kept = campaign_register(actor=city.requester, draft=_draft(city))
    dropped = campaign_register(actor=city.requester, draft=_draft(city, budget_eur="100"))
    with pytest.raises(ApplicationError):
        campaign_cancel(actor=city.requester, campaign=dropped, reason="  ")
    campaign_cancel(actor=city.requester, campaign=dropped, reason="The event was cancelled.")
    dropped.refresh_from_db()
    assert dropped.cancelled_by == city.requester
    assert dropped.cancel_reason == "The event was cancelled."
    totals = campaign_totals(campaigns=PaidCampaign.objects.all())
    assert [(t.campaigns, t.budget_eur) for t in totals] == [(1, kept.budget_eur)]
    with pytest.raises(ApplicationError):
        campaign_cancel(actor=city.requester, campaign=dropped, reason="Again")
    with pytest.raises(ApplicationError):
        campaign_update(actor=city.requester, campaign=dropped, draft=_draft(city))
    assert AuditEvent.objects.filter(action="campaign.cancelled").count() == 1


def test_campaign_page_edits_and_cancels(city: City) -> None:
    campaign = campaign_register(actor=city.requester, draft=_draft(city))
    client = _client(city.requester)
    url = f"/channels/campaigns/{campaign.pk}/"
    page = client.get(url).content.decode()
    assert "Change the campaign" in page
    assert f'href="{url}"' in client.get("/channels/campaigns/").content.decode()
    data = {
        "action": "edit",
        "channel": city.library_ig.pk,
        "purpose": "Reading week",
        "target_group": "Families",
        "budget_eur": "500",
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "decided_by_name": "Kari Nieminen",
        "decided_at": timezone.localtime(campaign.decided_at).strftime("%Y-%m-%dT%H:%M"),
        "version": campaign.version,
    }
    assert 'name="version"' in page
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.purpose == "Reading week"
    assert (
        client.post(url, {"action": "cancel", "reason": "No budget after all"}).status_code == 302
    )
    campaign.refresh_from_db()
    assert campaign.cancelled_at is not None
    page = client.get(url).content.decode()
    assert "No budget after all" in page
    assert "Change the campaign" not in page
    # Someone who sees the campaign but may not edit the channel gets no forms.
    assert "Change the campaign" not in _client(city.auditor).get(url).content.decode()


def test_the_mavi_team_registers_an_existing_account_from_a_form(city: City) -> None:
    client = _client(city.mavi)
    assert 'href="/channels/register/"' in client.get("/channels/").content.decode()
    data = {
        "platform": "youtube",
        "name": "Kirjasto YouTube",
        "handle": "kirjastokokkola",
        "url": "https://www.youtube.com/@kirjastokokkola",
        "unit": city.unit.pk,
        "kind": "unit",
        "translations": "none",
        "goals": "Reading tips every week",
        "hours_per_week": "2",
    }
    response = client.post("/channels/register/", data)
    channel = Channel.objects.get(name="Kirjasto YouTube")
    assert response["Location"] == f"/channels/{channel.pk}/"
    assert channel.unit == city.unit
    assert channel.goals == "Reading tips every week"
    assert AuditEvent.objects.filter(action="channel.registered", target_id=str(channel.pk))
    again = client.post("/channels/register/", data).content.decode()
    assert "already registered on this platform" in again
    assert Channel.objects.filter(name="Kirjasto YouTube").count() == 1


@pytest.mark.parametrize("who", ["requester", "unit_manager", "auditor"])
def test_only_the_mavi_team_registers_existing_accounts(city: City, who: str) -> None:
    client = _client(getattr(city, who))
    assert client.get("/channels/register/").status_code == 403
    assert 'href="/channels/register/"' not in client.get("/channels/").content.decode()


def test_an_employee_without_a_channel_role_files_a_new_channel_request(city: City) -> None:
    employee = UserFactory.create(unit=city.unit)
    RoleAssignment.objects.create(user=employee, role=Role.EMPLOYEE)
    client = _client(employee)
    home = client.get("/").content.decode()
    assert 'href="/channels/requests/new/"' in home
    assert client.get("/channels/").status_code == 403  # the register is not theirs
    form = client.get("/channels/requests/new/")
    assert form.status_code == 200
    assert 'href="/channels/"' not in form.content.decode()  # no links into the register
    data = {
        "unit": city.unit.pk,
        "platform": "tiktok",
        "name": "Kirjaston lukuvinkit",
        "kind": "unit",
        "maintainer_role": "organisation",
        "maintainers": [employee.pk],
        "why_not_existing": "The city's TikTok cannot carry weekly reading tips.",
        **{key: value for key, value in city.plan.items() if not isinstance(value, list)},
        "target_groups": city.plan.get("target_groups", []),
        "languages": city.plan.get("languages", []),
        "translations": "none",
    }
    response = client.post("/channels/requests/new/", data)
    item = ChannelRequest.objects.get(name="Kirjaston lukuvinkit")
    assert response["Location"] == f"/channels/requests/{item.pk}/"
    assert item.requested_by == employee
    assert client.get(f"/channels/requests/{item.pk}/").status_code == 200
    assert "Kirjaston lukuvinkit" in client.get("/channels/requests/").content.decode()
    assert "1 of your new-channel requests waits for decisions" in client.get("/").content.decode()
    # The deciders see it as usual.
    assert (
        "Kirjaston lukuvinkit"
        in _client(city.unit_manager).get("/channels/requests/").content.decode()
    )
