"""Objects named by a posted id (a hidden form field) are checked like objects named in the
path: a person changes only what they may change, whatever id they post. A page that shows no
edit form for an object must not let a hand-made POST edit it either."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import Unit, User
from someluotsi.audit.models import AuditEvent
from someluotsi.publishing.models import Campaign
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _unit_manager(code: str) -> tuple[Unit, User]:
    unit = UnitFactory.create(code=code)
    manager = UserFactory.create(unit=unit, roles=[Role.UNIT_MANAGER])
    unit.manager = manager
    unit.save()
    return unit, manager


@pytest.mark.parametrize("owner", ["other_unit", "city"])
def test_a_unit_manager_cannot_edit_another_units_or_the_citys_campaign(owner: str) -> None:
    _unit, manager = _unit_manager("kirjasto")
    other, _other_manager = _unit_manager("liikunta")
    campaign = Campaign.objects.create(
        name="Kesä-Kokkola",
        hashtags="#KesäKokkola",
        unit=other if owner == "other_unit" else None,
    )
    client = Client()
    client.force_login(manager)
    response = client.post(
        "/publishing/campaigns/",
        {"campaign": str(campaign.pk), "name": "Vallattu", "hashtags": "#evil"},
    )
    assert response.status_code == 403
    assert "Vallattu" not in response.content.decode()
    campaign.refresh_from_db()
    assert (campaign.name, campaign.hashtags) == ("Kesä-Kokkola", "#KesäKokkola")
    assert not AuditEvent.objects.filter(action="campaign.saved").exists()


def test_a_unit_manager_edits_their_own_units_campaign_and_mavi_any() -> None:
    unit, manager = _unit_manager("kirjasto")
    mavi = UserFactory.create(roles=[Role.MAVI])
    own = Campaign.objects.create(name="Lukukampanja", unit=unit)
    city = Campaign.objects.create(name="Kesä-Kokkola", unit=None)
    for user, campaign, name in ((manager, own, "Lukuviikko"), (mavi, city, "Talvi-Kokkola")):
        client = Client()
        client.force_login(user)
        response = client.post(
            "/publishing/campaigns/", {"campaign": str(campaign.pk), "name": name}
        )
        assert response.status_code == 302
        campaign.refresh_from_db()
        assert campaign.name == name
