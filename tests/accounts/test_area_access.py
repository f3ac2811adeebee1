"""One test per role and area: who reaches which page, and who is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.access import AREA_ROLES, Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.core.context_processors import AREA_URL_NAMES

CASES = [(role, area) for role in Role for area in Area]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "area"), CASES, ids=[f"{r.value}-{a.value}" for r, a in CASES])
def test_area_page_is_allowed_or_denied_by_role(
    client_for: Callable[..., Client], role: Role, area: Area
) -> None:
    response = client_for(role).get(reverse(AREA_URL_NAMES[area]))
    expected = 200 if role in AREA_ROLES[area] else 403
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("area", list(Area), ids=[a.value for a in Area])
def test_area_page_redirects_to_login_when_anonymous(client: Client, area: Area) -> None:
    url = reverse(AREA_URL_NAMES[area])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_user_without_roles_sees_no_navigation(client_for: Callable[..., Client]) -> None:
    response = client_for().get(reverse("core:home"))
    assert response.status_code == 200
    assert response.context["nav_items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_navigation_lists_exactly_the_allowed_areas(
    client_for: Callable[..., Client], role: Role
) -> None:
    response = client_for(role).get(reverse("core:home"))
    shown = {item["area"] for item in response.context["nav_items"]}
    assert shown == {area.value for area, roles in AREA_ROLES.items() if role in roles}


@pytest.mark.django_db
def test_superuser_reaches_every_area(client: Client, make_user: Callable[..., User]) -> None:
    client.force_login(make_user(is_superuser=True))
    for area in Area:
        assert client.get(reverse(AREA_URL_NAMES[area])).status_code == 200
