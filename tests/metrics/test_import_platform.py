"""An export is applied only to a channel of the platform it came from: a Meta Business Suite
export never writes an X account's figures (it is refused at upload with a worded reason in
fi/sv/en, and a preview made before the check is refused when applied)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.enums import Platform
from someluotsi.channels.models import Channel
from someluotsi.core.errors import ApplicationError
from someluotsi.metrics.enums import ImportStatus
from someluotsi.metrics.models import MetricImport, MetricValue
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS, export_source
from someluotsi.metrics.services import metric_import_apply, metric_import_upload
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db

META = "meta_viewers_utf16.csv"


def _upload(user: User, platform: str, name: str) -> MetricImport:
    channel = ChannelFactory.create(platform=platform)
    return metric_import_upload(
        actor=user, channel=channel, file_name=name, data=(SAMPLE_EXPORTS / name).read_bytes()
    )


@pytest.mark.parametrize(
    ("platform", "name", "fits"),
    [
        (Platform.X, META, False),
        (Platform.TIKTOK, META, False),
        (Platform.FACEBOOK, META, True),
        (Platform.INSTAGRAM, META, True),
        (Platform.FACEBOOK, "youtube_studio_fi.zip", False),
        (Platform.YOUTUBE, "youtube_studio_fi.zip", True),
        (Platform.X, "linkedin_followers.xlsx", False),
        (Platform.LINKEDIN, "linkedin_followers.xlsx", True),
    ],
)
def test_an_export_fits_only_its_platforms_channels(
    make_user: Callable[..., User], platform: str, name: str, fits: bool
) -> None:
    record = _upload(make_user(Role.MAVI), platform, name)
    if fits:
        assert record.status == ImportStatus.PREVIEW
        assert record.rows
    else:
        assert record.status == ImportStatus.REJECTED
        assert record.error["code"] == "wrong_platform"
        assert record.rows == []


def test_the_refusal_is_worded_in_three_languages(make_user: Callable[..., User]) -> None:
    record = _upload(make_user(Role.MAVI), Platform.X, META)
    assert "Meta Business Suite" in record.error_text("fi")
    assert "X (Twitter)" in record.error_text("fi")
    assert "kanava" in record.error_text("fi")
    assert "kanalen" in record.error_text("sv")
    assert "channel" in record.error_text("en")


def test_a_preview_made_before_the_check_is_refused_when_applied(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.MAVI)
    record = _upload(user, Platform.FACEBOOK, META)
    Channel.objects.filter(pk=record.channel_id).update(platform=Platform.X)
    record.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        metric_import_apply(actor=user, metric_import=record)
    assert refused.value.code == "wrong_platform"
    assert not MetricValue.objects.filter(channel=record.channel).exists()


def test_the_channel_page_says_why_in_swedish(client_for: Callable[..., Client]) -> None:
    client = client_for(Role.MAVI, preferred_language="sv")
    channel = ChannelFactory.create(platform=Platform.X)
    page = client.post(
        f"/metrics/channel/{channel.pk}/",
        {
            "action": "upload",
            "file": SimpleUploadedFile(META, (SAMPLE_EXPORTS / META).read_bytes()),
        },
        follow=True,
    )
    assert page.status_code == 200
    assert "men kanalen är en X (Twitter)-kanal" in page.content.decode()
    assert not MetricValue.objects.filter(channel=channel).exists()


def test_export_source_of_each_format() -> None:
    assert export_source("meta-daily")[1] == {"facebook", "instagram"}
    assert export_source("linkedin (Visitors)")[0] == "LinkedIn"
    assert export_source("youtube-totals")[1] == {"youtube"}
    assert export_source("something new")[1] == frozenset()


def test_an_uploaded_file_name_is_shown_as_the_person_wrote_it(
    client_for: Callable[..., Client],
) -> None:
    """Browsers send a quote in a file name as %22; the page shows the quote (escaped)."""
    client = client_for(Role.MAVI)
    channel = ChannelFactory.create(platform=Platform.FACEBOOK)
    data = (SAMPLE_EXPORTS / META).read_bytes()
    page = client.post(
        f"/metrics/channel/{channel.pk}/",
        {"action": "upload", "file": SimpleUploadedFile("weird %22name%22<x> 100%.csv", data)},
        follow=True,
    )
    record = MetricImport.objects.get()
    assert record.file_name == 'weird "name"<x> 100%.csv'
    text = page.content.decode()
    assert "weird &quot;name&quot;&lt;x&gt; 100%.csv" in text
    assert "%22" not in text


def _follows(*days: str) -> bytes:
    lines = ["sep=,", '"Facebook follows"', '"Date","Primary"']
    lines += [f'"{day}T00:00:00","{n}"' for n, day in enumerate(days, 1)]
    return "\n".join(lines).encode("utf-16")


def test_an_export_day_that_cannot_be_real_is_rejected_and_never_applied(
    make_user: Callable[..., User],
) -> None:
    """0001-01-01 and 9999-12-31 (and any day after tomorrow) are rejected rows with a
    worded reason; the file's real days are applied."""
    user = make_user(Role.MAVI)
    channel = ChannelFactory.create(platform=Platform.FACEBOOK)
    data = _follows("0001-01-01", "2026-10-02", "9999-12-31", "2003-12-31")
    record = metric_import_upload(actor=user, channel=channel, file_name="f.csv", data=data)
    assert record.status == ImportStatus.PREVIEW
    assert [row[0] for row in record.rows] == ["2026-10-02"]
    assert [code for _line, code, _params in record.rejected] == ["day_out_of_range"] * 3
    assert (str(record.first_day), str(record.last_day)) == ("2026-10-02",) * 2
    metric_import_apply(actor=user, metric_import=record)
    assert sorted(str(d) for d in MetricValue.objects.values_list("day", flat=True)) == [
        "2026-10-02"
    ]


def test_a_stored_preview_with_an_impossible_day_is_refused_when_applied(
    make_user: Callable[..., User],
) -> None:
    """A preview made before the check cannot write year 9999: the whole import is refused."""
    user = make_user(Role.MAVI)
    channel = ChannelFactory.create(platform=Platform.FACEBOOK)
    record = metric_import_upload(
        actor=user, channel=channel, file_name="f.csv", data=_follows("2026-10-02")
    )
    record.rows = [*record.rows, ["9999-12-31", record.rows[0][1], 5]]
    record.save(update_fields=["rows"])
    with pytest.raises(ApplicationError) as refused:
        metric_import_apply(actor=user, metric_import=record)
    assert refused.value.code == "day_out_of_range"
    assert not MetricValue.objects.exists()
