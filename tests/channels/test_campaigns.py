"""Paid campaigns (§14.4): who registers them, what is refused, the notice and the totals."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from someluotsi.channels.campaigns import CampaignDraft, campaign_register, campaign_totals
from someluotsi.channels.enums import ChannelStatus
from someluotsi.channels.models import PaidCampaign
from someluotsi.channels.selectors import campaign_list_for_user
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.notifications.models import Notification
from tests.channels.conftest import City
from tests.factories import ChannelFactory, add_maintainer


def _draft(city: City, **changes: Any) -> CampaignDraft:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "channel": city.library_ig,
        "purpose": "Reading challenge week",
        "target_group": "Families with children in Kokkola",
        "budget_eur": "450,50",
        "starts_on": today + timedelta(days=7),
        "ends_on": today + timedelta(days=21),
        "decided_by_name": "Kari Nieminen, library director",
        "decided_at": timezone.now() - timedelta(days=2),
    }
    values.update(changes)
    return CampaignDraft(**values)


@pytest.mark.django_db
def test_a_maintainer_registers_a_campaign_and_the_mavi_team_is_notified(city: City) -> None:
    campaign = campaign_register(actor=city.requester, draft=_draft(city))
    assert campaign.budget_eur == Decimal("450.50")
    assert campaign.unit == city.unit
    assert campaign.mavi_notified_at is not None
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {city.comms.pk, city.mavi.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["colleague", "other_manager", "auditor"])
def test_people_outside_the_channel_cannot_register(city: City, who: str) -> None:
    with pytest.raises(PermissionDeniedError):
        campaign_register(actor=getattr(city, who), draft=_draft(city))
    assert PaidCampaign.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"budget_eur": "0"}, "bad_budget"),
        ({"budget_eur": "-5"}, "bad_budget"),
        ({"budget_eur": "lots"}, "bad_budget"),
        ({"budget_eur": "10000000.01"}, "bad_budget"),
        ({"purpose": "  "}, "purpose_required"),
        ({"decided_by_name": ""}, "decided_by_name_required"),
        ({"purpose": "x" * 501}, "purpose_too_long"),
        ({"ends_on": date(2000, 1, 1)}, "dates"),
        ({"decided_at": timezone.now() + timedelta(days=1)}, "future_decision"),
    ],
)
def test_bad_campaigns_are_refused(city: City, changes: dict[str, Any], code: str) -> None:
    with pytest.raises(ApplicationError) as exc:
        campaign_register(actor=city.requester, draft=_draft(city, **changes))
    assert exc.value.code == code
    assert PaidCampaign.objects.count() == 0


@pytest.mark.django_db
def test_the_director_decides_before_the_campaign_starts(city: City) -> None:
    start = timezone.localdate() - timedelta(days=10)
    draft = _draft(
        city,
        starts_on=start,
        ends_on=start + timedelta(days=5),
        decided_at=timezone.now() - timedelta(days=3),
    )
    with pytest.raises(ApplicationError) as exc:
        campaign_register(actor=city.requester, draft=draft)
    assert exc.value.code == "late_decision"


@pytest.mark.django_db
def test_archived_channels_take_no_campaigns(city: City) -> None:
    city.library_ig.status = ChannelStatus.ARCHIVED
    city.library_ig.save()
    with pytest.raises(ApplicationError) as exc:
        campaign_register(actor=city.requester, draft=_draft(city))
    assert exc.value.code == "channel_archived"


@pytest.mark.django_db
def test_totals_per_unit_and_year_and_visibility(city: City) -> None:
    other = ChannelFactory.create(name="Tekninen FB", unit=city.other_unit)
    add_maintainer(other, city.other_manager)
    earlier = datetime(2025, 3, 1, 9, tzinfo=timezone.get_current_timezone())
    campaign_register(
        actor=city.requester,
        draft=_draft(
            city,
            budget_eur="100",
            starts_on=date(2025, 3, 10),
            ends_on=date(2025, 3, 20),
            decided_at=earlier,
        ),
    )
    campaign_register(actor=city.requester, draft=_draft(city, budget_eur="200"))
    campaign_register(actor=city.requester, draft=_draft(city, budget_eur="300"))
    campaign_register(actor=city.other_manager, draft=_draft(city, channel=other, budget_eur="5"))
    totals = {
        (t.unit_id, t.year): (t.campaigns, t.budget_eur)
        for t in campaign_totals(campaigns=PaidCampaign.objects.all())
    }
    this_year = (timezone.localdate() + timedelta(days=7)).year
    assert totals[(city.unit.pk, 2025)] == (1, Decimal("100.00"))
    assert totals[(city.unit.pk, this_year)] == (2, Decimal("500.00"))
    assert totals[(city.other_unit.pk, this_year)] == (1, Decimal("5.00"))
    assert campaign_list_for_user(user=city.requester).count() == 3
    assert campaign_list_for_user(user=city.other_manager).count() == 1
    assert campaign_list_for_user(user=city.mavi).count() == 4
