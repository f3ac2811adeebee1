"""A value an export gives that cannot be stored or cannot be true is a rejected row with its
reason at the preview, never a server error when the import is applied: over 14 digits (the
API's limit), a fraction of a count (subscribers, followers, views), or below zero for a metric
that cannot shrink. YouTube's subscribers are a net change and may go below zero."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.enums import Platform
from someluotsi.core.errors import ApplicationError
from someluotsi.metrics.enums import ImportStatus
from someluotsi.metrics.models import MetricImport, MetricValue
from someluotsi.metrics.platform_exports import parse_export
from someluotsi.metrics.services import metric_import_apply, metric_import_upload
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db


def _days(count: int) -> list[str]:
    today = timezone.localdate()
    return [(today - timedelta(days=count - n)).isoformat() for n in range(count)]


def _subscribers(*values: str) -> bytes:
    days = _days(len(values))
    lines = ["Date,Subscribers", *(f"{d},{v}" for d, v in zip(days, values, strict=True))]
    return "\n".join(lines).encode()


def test_the_preview_refuses_a_huge_number_and_a_fraction_of_a_count() -> None:
    parsed = parse_export("t.csv", _subscribers("99999999999999999999999999", "-5", "12.5"))
    assert [(r.metric, r.value) for r in parsed.rows] == [("new_followers", -5.0)]
    reasons = {r.line: r.problem.code for r in parsed.rejected}
    assert reasons == {2: "too_large", 4: "fractional"}
    assert "at most 14 digits" in parsed.rejected[0].reason


def test_watch_hours_may_be_fractional_and_other_counts_not_negative() -> None:
    days = _days(2)
    data = f"Date,Watch time (hours),Views\n{days[0]},12.5,3\n{days[1]},1,-3\n".encode()
    parsed = parse_export("t.csv", data)
    assert {(r.metric, r.value) for r in parsed.rows} == {("watch_hours", 12.5), ("views", 3)}
    assert [r.problem.code for r in parsed.rejected] == ["negative"]


def test_the_largest_storable_value_is_kept() -> None:
    parsed = parse_export("t.csv", _subscribers("999999999999", "1000000000000"))
    assert [r.value for r in parsed.rows] == [999999999999.0]
    assert [r.problem.code for r in parsed.rejected] == ["too_large"]


def test_the_page_previews_and_applies_without_an_error(client_for: Callable[..., Client]) -> None:
    client = client_for(Role.MAVI, preferred_language="en")
    channel = ChannelFactory.create(platform=Platform.YOUTUBE)
    data = _subscribers("99999999999999999999999999", "-5", "12.5")
    page = client.post(
        f"/metrics/channel/{channel.pk}/",
        {"action": "upload", "file": SimpleUploadedFile("Totals.csv", data)},
        follow=True,
    )
    assert page.status_code == 200
    record = MetricImport.objects.get()
    assert record.status == ImportStatus.PREVIEW
    preview = client.get(f"/metrics/imports/{record.pk}/")
    assert "at most 14 digits" in preview.content.decode()
    assert "a count cannot be a fraction" in preview.content.decode()
    applied = client.post(f"/metrics/imports/{record.pk}/", {"action": "apply"}, follow=True)
    assert applied.status_code == 200
    assert [float(v.value) for v in MetricValue.objects.filter(channel=channel)] == [-5.0]


def test_a_stored_preview_row_out_of_range_is_refused_when_applied(
    make_user: Callable[..., User],
) -> None:
    """A preview stored before the reader refused such values: nothing is written."""
    user = make_user(Role.MAVI, preferred_language="en")
    channel = ChannelFactory.create(platform=Platform.YOUTUBE)
    record = metric_import_upload(
        actor=user, channel=channel, file_name="t.csv", data=_subscribers("3", "4")
    )
    day = record.rows[0][0]
    record.rows = [[day, "views", 7], [record.rows[1][0], "views", 1e26]]
    record.save()
    with pytest.raises(ApplicationError) as refused:
        metric_import_apply(actor=user, metric_import=record)
    assert refused.value.code == "invalid_value"
    assert not MetricValue.objects.filter(channel=channel).exists()
    client = Client()
    client.force_login(user)
    page = client.post(f"/metrics/imports/{record.pk}/", {"action": "apply"}, follow=True)
    assert page.status_code == 200
    assert "cannot be stored" in page.content.decode()
    assert not MetricValue.objects.filter(channel=channel).exists()
