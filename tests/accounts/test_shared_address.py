"""Colleagues behind one address (a city hall's NAT): failures on other usernames lock neither
their web sign-in nor their API token, while guessing one username's password stays locked per
username and address (found by a fresh tester: 18 failed token requests on made-up usernames
locked every user at the address out for 15 minutes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.factories import TEST_PASSWORD

OFFICE = "192.0.2.10"


def _web_login(username: str, password: str, address: str = OFFICE) -> int:
    client = Client(REMOTE_ADDR=address)
    url = reverse("accounts:login")
    return client.post(url, {"username": username, "password": password}).status_code


def _token(username: str, password: str, address: str = OFFICE) -> int:
    client = APIClient(REMOTE_ADDR=address)
    body = {"username": username, "password": password}
    return client.post(reverse("api:token"), body).status_code


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    cache.clear()


@pytest.mark.django_db
def test_made_up_usernames_do_not_lock_out_colleagues_at_the_address(
    make_user: Callable[..., User],
) -> None:
    colleague = make_user(Role.EMPLOYEE)
    assert _web_login(colleague.username, TEST_PASSWORD) == 302  # signed in here before
    failures = settings.LOGIN_ADDRESS_FAILURE_LIMIT + 2
    for n in range(failures):
        _token(f"nosuchuser{n}", "x")
        cache.clear()  # the throttle is tested below; here every failure reaches axes
    assert _web_login(colleague.username, TEST_PASSWORD) == 302
    assert _token(colleague.username, TEST_PASSWORD) == 200
    # The address is still locked for usernames never signed in from it (password spraying).
    stranger = make_user(Role.EMPLOYEE)
    assert _web_login(stranger.username, TEST_PASSWORD) == 429
    assert _web_login(stranger.username, TEST_PASSWORD, address="198.51.100.5") == 302


@pytest.mark.django_db
def test_a_locked_username_stays_locked_while_another_signs_in(
    make_user: Callable[..., User],
) -> None:
    victim, colleague = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    assert _web_login(victim.username, TEST_PASSWORD) == 302  # known at the address
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _web_login(victim.username, "wrong-password")
    assert _web_login(victim.username, TEST_PASSWORD) == 429
    assert _token(victim.username, TEST_PASSWORD) == 429
    assert _web_login(colleague.username, TEST_PASSWORD) == 302
    assert _token(colleague.username, TEST_PASSWORD) == 200


@pytest.mark.django_db
def test_the_token_throttle_counts_per_username_and_address(
    make_user: Callable[..., User],
) -> None:
    victim, colleague = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    statuses = [_token(victim.username, f"wrong-{n}") for n in range(12)]
    assert 429 in statuses
    assert statuses.index(429) <= 10
    assert _token(colleague.username, TEST_PASSWORD) == 200
