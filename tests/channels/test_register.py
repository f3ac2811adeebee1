"""Register changes: registering existing accounts, editing plans, staffing, absences, and
the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.enums import ChannelKind, MaintainerRole, Platform
from someluotsi.channels.exports import csv_cell
from someluotsi.channels.models import Channel, MaintainerAbsence
from someluotsi.channels.services import (
    absence_record,
    channel_register,
    channel_update,
    maintainer_add,
    maintainer_remove,
)
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from tests.channels.conftest import City
from tests.factories import UserFactory


@pytest.mark.django_db
def test_only_the_mavi_team_registers_existing_accounts(city: City) -> None:
    with pytest.raises(PermissionDeniedError):
        channel_register(
            actor=city.unit_manager,
            platform=Platform.YOUTUBE,
            name="Kirjasto YouTube",
            unit=city.unit,
            kind=ChannelKind.UNIT,
        )
    channel = channel_register(
        actor=city.mavi,
        platform=Platform.YOUTUBE,
        name="Kirjasto YouTube",
        unit=city.unit,
        kind=ChannelKind.UNIT,
        data={"goals": "Recorded author talks", "languages": ["fi"]},
    )
    assert channel.languages == ["fi"]
    assert AuditEvent.objects.filter(action="channel.registered").count() == 1
    with pytest.raises(ApplicationError) as exc:
        channel_register(
            actor=city.mavi,
            platform=Platform.YOUTUBE,
            name="KIRJASTO youtube",
            unit=city.unit,
            kind=ChannelKind.UNIT,
        )
    assert exc.value.code == "channel_exists"


@pytest.mark.django_db
def test_maintainers_edit_the_plan_but_not_the_register_fields(city: City) -> None:
    channel = channel_update(
        actor=city.requester,
        channel=city.library_ig,
        data={"goals": "More readers", "hours_per_week": "2.5"},
    )
    assert channel.goals == "More readers"
    event = AuditEvent.objects.get(action="channel.updated")
    assert event.data == {"fields": ["goals", "hours_per_week"]}
    with pytest.raises(PermissionDeniedError):
        channel_update(actor=city.requester, channel=city.library_ig, data={"name": "Renamed"})
    with pytest.raises(PermissionDeniedError):
        channel_update(actor=city.colleague, channel=city.library_ig, data={"goals": "x"})
    channel_update(actor=city.division_manager, channel=city.library_ig, data={"status": "paused"})
    city.library_ig.refresh_from_db()
    assert city.library_ig.status == "paused"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"hours_per_week": "120"}, "bad_hours"),
        ({"hours_per_week": "many"}, "bad_hours"),
        ({"images_per_month": "-1"}, "bad_images_per_month"),
        ({"languages": ["klingon"]}, "bad_languages"),
        ({"goals": "x" * 2001}, "goals_too_long"),
        ({"url": "javascript:alert(1)"}, "bad_url"),
        ({"status": "deleted"}, "bad_status"),
    ],
)
def test_bad_plan_values_are_refused(city: City, data: dict[str, object], code: str) -> None:
    with pytest.raises(ApplicationError) as exc:
        channel_update(actor=city.mavi, channel=city.library_ig, data=data)
    assert exc.value.code == code


@pytest.mark.django_db
def test_staffing_is_for_managers_and_the_mavi_team(city: City) -> None:
    with pytest.raises(PermissionDeniedError):
        maintainer_add(actor=city.requester, channel=city.library_ig, user=city.colleague)
    row = maintainer_add(
        actor=city.unit_manager,
        channel=city.library_ig,
        user=city.colleague,
        acting_role=MaintainerRole.OFFICE,
    )
    assert row.answer_order == 2
    with pytest.raises(ApplicationError) as exc:
        maintainer_add(actor=city.mavi, channel=city.library_ig, user=city.colleague)
    assert exc.value.code == "already"
    maintainer_remove(actor=city.mavi, channel=city.library_ig, user=city.colleague)
    with pytest.raises(ApplicationError):
        maintainer_remove(actor=city.mavi, channel=city.library_ig, user=city.colleague)
    with pytest.raises(PermissionDeniedError):
        maintainer_add(actor=city.other_manager, channel=city.library_ig, user=city.colleague)


@pytest.mark.django_db
def test_absences_are_recorded_by_oneself_or_a_manager(city: City) -> None:
    today = timezone.localdate()
    absence = absence_record(
        actor=city.requester,
        user=city.requester,
        starts_on=today,
        ends_on=today + timedelta(days=5),
        cover=city.colleague,
    )
    assert absence.recorded_by == city.requester
    absence_record(actor=city.division_manager, user=city.colleague, starts_on=today, ends_on=today)
    with pytest.raises(PermissionDeniedError):
        absence_record(actor=city.requester, user=city.colleague, starts_on=today, ends_on=today)
    with pytest.raises(ApplicationError) as dates:
        absence_record(
            actor=city.requester,
            user=city.requester,
            starts_on=today,
            ends_on=today - timedelta(days=1),
        )
    assert dates.value.code == "dates"
    with pytest.raises(ApplicationError) as cover:
        absence_record(
            actor=city.requester,
            user=city.requester,
            starts_on=today,
            ends_on=today,
            cover=city.requester,
        )
    assert cover.value.code == "bad_cover"
    assert MaintainerAbsence.objects.count() == 2


@pytest.mark.django_db
def test_the_absence_form_offers_only_people_who_can_do_a_channels_work(
    city: City, client: Client
) -> None:
    """A service account and an auditor are neither absentees nor covers: the form does not
    offer them and the service refuses them (as the register refuses them as maintainers)."""
    service = UserFactory.create(unit=city.unit, first_name="Liitin")
    RoleAssignment.objects.create(user=service, role=Role.SERVICE_ACCOUNT)
    city.auditor.unit = city.unit
    city.auditor.save()
    client.force_login(city.mavi)
    form = client.get(reverse("channels:absences")).context["form"]
    absentees = set(form.fields["user"].queryset)
    covers = set(form.fields["cover"].queryset)
    assert {city.requester, city.colleague} <= absentees
    assert {city.requester, city.colleague} <= covers
    for barred in (service, city.auditor):
        assert barred not in absentees
        assert barred not in covers
    today = timezone.localdate()
    for person, cover in ((service, None), (city.auditor, None), (city.requester, service),
                          (city.requester, city.auditor)):  # fmt: skip
        with pytest.raises(ApplicationError) as refused:
            absence_record(actor=city.mavi, user=person, starts_on=today, ends_on=today,
                           cover=cover)  # fmt: skip
        assert refused.value.code in {"cannot_maintain", "bad_cover"}
    assert not MaintainerAbsence.objects.exists()


def test_csv_cells_never_run_as_formulas() -> None:
    assert csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_cell("+358 40") == "'+358 40"
    assert csv_cell("@mention") == "'@mention"
    assert csv_cell("Kokkola") == "Kokkola"
    assert csv_cell(None) == ""


@pytest.mark.parametrize(
    "value",
    [
        '＝HYPERLINK("http://x")',  # full-width equals
        "＋358 40",
        "－1+1",
        "＠SUM(A1)",
        "﹦1+1",  # small equals
        "  =1+1",  # spaces before the operator
        " ＠x",
        "\n=1",
    ],
)
def test_csv_cells_in_other_widths_never_run_as_formulas(value: str) -> None:
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Kokkola = Karleby", "Tiedote 1", "e-mail@kokkola.fi", "＃tag"])
def test_csv_cells_that_only_contain_operators_stay_as_they_are(value: str) -> None:
    assert csv_cell(value) == value


@pytest.mark.django_db
def test_the_csv_export_holds_what_the_user_may_see_and_is_audited(city: City) -> None:
    city.library_ig.goals = "=cmd|' /C calc'!A0"
    city.library_ig.target_groups = ["culture"]
    city.library_ig.save()
    client = Client()
    client.force_login(city.requester)
    response = client.get(reverse("channels:export"))
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2  # the header and the one channel the updater maintains
    assert rows[1][1] == "Kirjasto IG"
    assert rows[1][8].startswith("'=")
    assert AuditEvent.objects.filter(action="channels.exported", data__channels=1).exists()
    client.force_login(city.mavi)
    everything = client.get(reverse("channels:export")).content.decode("utf-8")
    assert len(everything.strip().splitlines()) == 1 + Channel.objects.count()
