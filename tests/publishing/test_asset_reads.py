"""Opening an asset's file that may show recognisable people (personal data, §2.5) is audited
like other reads of personal data; a file marked as showing no people, and the thumbnails of
the library's lists, are not (found by a fresh tester: downloads left no audit event). A
metrics report's download was already audited; it is now marked a reading of personal data,
since the report lists the period's incidents by their titles."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.audit.models import AuditEvent
from someluotsi.audit.registry import action_for
from someluotsi.publishing.assets import AssetDetails, asset_create
from tests.publishing.conftest import World, image_bytes
from tests.publishing.test_assets import DETAILS, _upload


def _asset(world: World, details: AssetDetails = DETAILS) -> int:
    asset = asset_create(actor=world.updater, upload=_upload(image_bytes()), details=details)
    return asset.pk


def _client(world: World) -> Client:
    client = Client()
    client.force_login(world.updater)
    return client


@pytest.mark.parametrize("consent", ["obtained", "missing"])
def test_opening_a_file_that_may_show_people_is_audited(world: World, consent: str) -> None:
    details = dataclasses.replace(DETAILS, consent=consent, consent_note="Arkisto 2026/14")
    pk = _asset(world, details)
    response = _client(world).get(reverse("publishing:asset_file", args=[pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="asset.file_viewed")
    assert event.actor == world.updater
    assert event.target_id == str(pk)
    assert event.data == {"consent": consent, "kind": "image"}
    assert action_for("asset.file_viewed").personal_data  # type: ignore[union-attr]


def test_a_file_without_people_and_thumbnails_are_not_audited(world: World) -> None:
    with_people = _asset(world)
    without = _asset(world, dataclasses.replace(DETAILS, consent="no_people", consent_note=""))
    client = _client(world)
    assert client.get(reverse("publishing:asset_thumb", args=[with_people])).status_code == 200
    assert client.get(reverse("publishing:asset_file", args=[without])).status_code == 200
    assert not AuditEvent.objects.filter(action="asset.file_viewed").exists()


def test_a_report_download_is_a_reading_of_personal_data() -> None:
    action = action_for("metrics.report_created")
    assert action is not None
    assert action.personal_data
