"""Stale edits of shared records are refused the same way everywhere (core.conflicts): two
people open the same form, the first save wins, the second is refused with the other editor
named and the time, nothing of it written, and the second editor's changes still in the form
(fi, sv, en). The channel register, posts and paid campaigns share the error and its message;
a damaged hidden version saves nothing either."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.channels import services as channel_services
from someluotsi.channels.campaigns import CampaignDraft, campaign_register, campaign_update
from someluotsi.channels.models import PaidCampaign
from someluotsi.core.conflicts import EditConflictError, edit_conflict
from someluotsi.core.errors import ApplicationError
from someluotsi.publishing import services as publishing_services
from tests.channels.conftest import City

pytestmark = pytest.mark.django_db

# The shared message, one piece of it per language; and what must not show (the English one
# under fi and sv).
CONFLICT = {
    "fi": "Muutoksiasi ei tallennettu",
    "sv": "Dina ändringar sparades inte",
    "en": "Your changes were not saved",
}
DAMAGED = {
    "fi": "versiotieto on vioittunut",
    "sv": "versionsuppgift är skadad",
    "en": "version information is damaged",
}


def _client(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _campaign(city: City) -> PaidCampaign:
    today = timezone.localdate()
    draft = CampaignDraft(
        channel=city.library_ig,
        purpose="Lukuhaaste",
        target_group="Lapsiperheet",
        budget_eur="450",
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=21),
        decided_by_name="Kari Nieminen",
        decided_at=timezone.now() - timedelta(days=2),
    )
    return campaign_register(actor=city.requester, draft=draft)


def _opened(campaign: PaidCampaign, **changes: Any) -> dict[str, Any]:
    """The campaign's edit form as a browser opened it now, with `changes` typed in."""
    data: dict[str, Any] = {
        "action": "edit",
        "channel": campaign.channel_id,
        "purpose": campaign.purpose,
        "target_group": campaign.target_group,
        "budget_eur": str(campaign.budget_eur),
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "decided_by_name": campaign.decided_by_name,
        "decided_at": timezone.localtime(campaign.decided_at).strftime("%Y-%m-%dT%H:%M"),
        "decision_reference": campaign.decision_reference,
        "version": str(campaign.version),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_second_campaign_save_is_refused_and_loses_nothing(city: City, language: str) -> None:
    campaign = _campaign(city)
    url = f"/channels/campaigns/{campaign.pk}/"
    first, second = _opened(campaign), _opened(campaign)
    first_client = _client(city.requester, "en")
    assert first_client.post(url, {**first, "purpose": "Ensimmäinen"}).status_code == 302
    page = _client(city.unit_manager, language).post(
        url, {**second, "purpose": "Toinen tarkoitus", "budget_eur": "999"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert CONFLICT[language] in text
    if language != "en":
        assert CONFLICT["en"] not in text
    assert city.requester.get_full_name() in text  # the other editor is named
    assert "Toinen tarkoitus" in text  # the second editor's changes stay in the form
    assert 'value="999' in text
    campaign.refresh_from_db()
    assert (campaign.purpose, campaign.budget_eur, campaign.version) == (
        "Ensimmäinen",
        Decimal("450"),
        2,
    )
    assert AuditEvent.objects.filter(action="campaign.updated").count() == 1


def test_campaign_saves_one_after_another_both_go_through(city: City) -> None:
    campaign = _campaign(city)
    url = f"/channels/campaigns/{campaign.pk}/"
    client = _client(city.requester, "fi")
    assert client.post(url, _opened(campaign, purpose="Yksi")).status_code == 302
    campaign.refresh_from_db()
    assert client.post(url, _opened(campaign, purpose="Kaksi")).status_code == 302
    campaign.refresh_from_db()
    assert (campaign.purpose, campaign.version) == ("Kaksi", 3)
    assert campaign.last_edited_by == city.requester


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("version", ["", "x", "-1", "99999999999"])
def test_a_missing_or_broken_campaign_version_saves_nothing(
    city: City, language: str, version: str
) -> None:
    campaign = _campaign(city)
    data = _opened(campaign, purpose="Muutettu", version=version)
    page = _client(city.requester, language).post(f"/channels/campaigns/{campaign.pk}/", data)
    assert page.status_code == 200
    assert DAMAGED[language] in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.purpose == "Lukuhaaste"


def test_the_campaign_service_refuses_a_stale_version(city: City) -> None:
    campaign = _campaign(city)
    base = {
        name: getattr(campaign, name)
        for name in ("channel", "target_group", "budget_eur", "starts_on", "ends_on")
    }
    base.update(decided_by_name=campaign.decided_by_name, decided_at=campaign.decided_at)
    campaign_update(
        actor=city.requester, campaign=campaign, draft=CampaignDraft(purpose="A", **base), version=1
    )
    stale = PaidCampaign.objects.get(pk=campaign.pk)
    with pytest.raises(EditConflictError) as caught:
        campaign_update(
            actor=city.unit_manager,
            campaign=stale,
            draft=CampaignDraft(purpose="B", **base),
            version=1,
        )
    assert (caught.value.code, caught.value.status_code) == ("edit_conflict", 409)
    assert PaidCampaign.objects.get(pk=campaign.pk).purpose == "A"
    # A save that changes nothing does not move the version.
    campaign_update(
        actor=city.unit_manager, campaign=stale, draft=CampaignDraft(purpose="A", **base), version=2
    )
    assert PaidCampaign.objects.get(pk=campaign.pk).version == 2


def test_one_error_for_every_shared_record() -> None:
    """The register's and the posts' services raise the core error (no near-copies)."""
    assert not hasattr(channel_services, "EditConflictError")
    assert vars(publishing_services)["EditConflictError"] is EditConflictError
    assert issubclass(EditConflictError, ApplicationError)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_shared_message_is_translated_and_names_who_and_when(language: str) -> None:
    saved = timezone.now()
    with translation.override(language):
        error = edit_conflict(editor="Maija Meikäläinen", saved_at=saved)
        nobody = edit_conflict(editor=None, saved_at=saved)
    assert CONFLICT[language] in error.message
    assert "Maija Meikäläinen" in error.message
    assert "%(" not in error.message
    someone = {"fi": "Joku", "sv": "Någon", "en": "Someone"}[language]
    assert nobody.message.startswith(someone)
