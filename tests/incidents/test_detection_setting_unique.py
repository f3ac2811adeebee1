"""One detection setting per channel and a single default (no channel), enforced by the
database on SQLite as on PostgreSQL: the rule was declared with `nulls_distinct=False`, which
SQLite ignores (Django's W047 on `migrate` and `tools/run`), so defaults were unbounded."""

from __future__ import annotations

import pytest
from django.core import checks
from django.db import IntegrityError, transaction

from someluotsi.incidents.models import DetectionSetting
from tests.factories import ChannelFactory


@pytest.mark.django_db
def test_the_database_checks_warn_about_nothing_on_this_database() -> None:
    found = checks.run_checks(databases=["default"], include_deployment_checks=False)
    assert [e.id for e in found if e.id == "models.W047"] == []


@pytest.mark.django_db
def test_a_second_default_setting_is_refused() -> None:
    DetectionSetting.objects.create(channel=None, sensitivity="high")
    with pytest.raises(IntegrityError), transaction.atomic():
        DetectionSetting.objects.create(channel=None, sensitivity="low")
    assert DetectionSetting.objects.filter(channel=None).count() == 1


@pytest.mark.django_db
def test_each_channel_has_one_setting_beside_the_default() -> None:
    first, second = ChannelFactory.create(), ChannelFactory.create()
    DetectionSetting.objects.create(channel=None, sensitivity="high")
    DetectionSetting.objects.create(channel=first, sensitivity="low")
    DetectionSetting.objects.create(channel=second, sensitivity="low")
    with pytest.raises(IntegrityError), transaction.atomic():
        DetectionSetting.objects.create(channel=first, sensitivity="high")
    assert DetectionSetting.objects.count() == 3
