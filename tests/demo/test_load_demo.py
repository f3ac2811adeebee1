from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.channels.enums import ChannelKind
from someluotsi.channels.models import Channel, ChannelMaintainer
from someluotsi.demo.load import demo_password

CITY_CHANNELS = {
    ("facebook", "Kokkolan kaupunki Karleby stad"),
    ("instagram", "Kokkola Karleby"),
    ("x", "Kokkola Karleby"),
    ("linkedin", "Kokkolan kaupunki"),
    ("youtube", "Kokkolan kaupunki"),
    ("tiktok", "Kokkola Karleby"),
}


def _counts() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        Channel.objects.count(),
        ChannelMaintainer.objects.count(),
    )


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_load_demo_twice_creates_no_duplicates() -> None:
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    assert first[1] == len(Role)


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_has_one_user_per_role_and_the_six_city_channels() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == {role.value for role in Role}
    city = set(Channel.objects.filter(kind=ChannelKind.CITY).values_list("platform", "name"))
    assert city == CITY_CHANNELS
    assert Channel.objects.filter(kind=ChannelKind.UNIT).count() >= 3
    printed = out.getvalue()
    for user in User.objects.all():
        assert f"{user.username}" in printed
        assert demo_password(user.username) in printed


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_printed_demo_password_logs_in() -> None:
    call_command("load_demo", stdout=StringIO())
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "mavi", "password": demo_password("mavi")}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_load_demo_refuses_when_debug_is_off() -> None:
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert User.objects.count() == 0


@override_settings(SECRET_KEY="one-installation")
def test_demo_passwords_differ_between_installations() -> None:
    first = demo_password("mavi")
    with override_settings(SECRET_KEY="another-installation"):
        assert demo_password("mavi") != first
    assert demo_password("mavi") == first
