"""Connecting a channel with OAuth 2.0 (authorization code, PKCE, state) on the sandbox
platform's consent page; who may connect; the metrics pull into MetricValue."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from someluotsi.audit.models import AuditEvent
from someluotsi.connectors import crypto
from someluotsi.connectors.metrics import metrics_pull_all
from someluotsi.connectors.models import Connection
from someluotsi.connectors.sandbox import platform
from someluotsi.metrics.models import MetricValue
from tests.connectors.conftest import World


def _start(client: Client, world: World) -> dict[str, str]:
    response = client.post(
        f"/connectors/channels/{world.channel.pk}/connect", {"platform": "sandbox"}
    )
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == "/connectors/sandbox/authorize/"
    return {k: v[0] for k, v in parse_qs(url.query).items()}


def _grant(client: Client, params: dict[str, str], **changes: str) -> str:
    consent = client.get("/connectors/sandbox/authorize/", params)
    assert consent.status_code == 200
    data = {**params, "account": "Kokkola", "decision": "grant", **changes}
    response = client.post("/connectors/sandbox/authorize/", data)
    assert response.status_code == 302
    return str(response["Location"])


def test_the_mavi_team_connects_with_pkce_and_state(world: World) -> None:
    client = Client()
    client.force_login(world.mavi)
    params = _start(client, world)
    assert params["code_challenge_method"] == "S256"
    callback = _grant(client, params)
    done = client.get(callback)
    assert done.status_code == 302
    assert done["Location"] == f"/channels/{world.channel.pk}/"
    connection = Connection.objects.get(channel=world.channel)
    assert (connection.platform, connection.account_id, connection.status) == (
        "sandbox",
        "sbx-kokkola",
        "active",
    )
    assert crypto.decrypt(connection.access_token_enc).startswith("sbx.sbx-kokkola.")
    event = AuditEvent.objects.get(action="connection.connected")
    assert "token" not in str(event.data).lower()
    # The same state cannot be used twice.
    again = client.get(callback)
    assert again.status_code == 302
    assert Connection.objects.count() == 1
    assert AuditEvent.objects.filter(action="connection.connected").count() == 1


def test_a_code_bound_to_another_challenge_is_refused(world: World) -> None:
    client = Client()
    client.force_login(world.mavi)
    params = _start(client, world)
    callback = _grant(client, params, code_challenge="A" * 43)
    client.get(callback)
    assert not Connection.objects.exists()


def test_a_state_started_by_someone_else_is_refused(world: World) -> None:
    mavi, other = Client(), Client()
    mavi.force_login(world.mavi)
    params = _start(mavi, world)
    callback = _grant(mavi, params)
    other_user = world.mavi.__class__.objects.create(username="mavi2")
    from someluotsi.accounts.enums import Role
    from someluotsi.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=other_user, role=Role.MAVI)
    other.force_login(other_user)
    other.get(callback)
    assert not Connection.objects.exists()


def test_a_denied_grant_connects_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.mavi)
    params = _start(client, world)
    callback = _grant(client, params, decision="deny")
    assert "error=access_denied" in callback
    client.get(callback)
    assert not Connection.objects.exists()


def test_maintainers_connect_only_where_the_city_allows(world: World, settings: object) -> None:
    client = Client()
    client.force_login(world.updater)
    client.post(f"/connectors/channels/{world.channel.pk}/connect", {"platform": "sandbox"})
    assert not Connection.objects.exists()
    settings.CONNECTORS_MAINTAINERS_MAY_CONNECT = True  # type: ignore[attr-defined]
    params = _start(client, world)
    client.get(_grant(client, params))
    assert Connection.objects.get().connected_by == world.updater


def test_an_open_redirect_through_the_consent_page_is_refused(world: World) -> None:
    client = Client()
    client.force_login(world.mavi)
    response = client.get(
        "/connectors/sandbox/authorize/", {"redirect_uri": "https://evil.example/cb", "state": "x"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example/connectors/callback/",
        "http://evil.example/connectors/callback/",
        "//evil.example/connectors/callback/",
        "/connectors/callback/",
        "http://testserver.evil.example/connectors/callback/",
        "http://testserver/connectors/callback/?next=https://evil.example/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_consent_page_returns_only_to_this_sites_own_callback(
    world: World, redirect_uri: str, method: str
) -> None:
    """Only the path used to be checked: another host with the callback's path was accepted."""
    client = Client()
    client.force_login(world.mavi)
    params = {**_start(client, world), "redirect_uri": redirect_uri}
    data = {**params, "account": "Kokkola", "decision": "grant"}
    response = getattr(client, method)("/connectors/sandbox/authorize/", data)
    assert response.status_code == 404


def test_daily_metrics_are_pulled_as_platform_values(world: World) -> None:
    world.connect_sandbox()
    yesterday = timezone.localdate() - timedelta(days=1)
    moment = timezone.now() - timedelta(days=1)
    post = platform.sandbox_post(account_id="sbx-kokkola", text="Tiedote", at=moment)
    platform.sandbox_comment(
        account_id="sbx-kokkola", thread_id=post.item_id, author="A", text="Hyvä!", at=moment
    )
    MetricValue.objects.create(
        channel=world.channel, day=yesterday, metric="comments", value=99, source="manual"
    )
    assert (
        metrics_pull_all(day=yesterday) == 3
    )  # followers, interactions, posts; the hand-entered value stays
    values = {
        v.metric: (v.value, v.source)
        for v in MetricValue.objects.filter(channel=world.channel, day=yesterday)
    }
    assert values["posts"] == (Decimal(1), "platform")
    assert values["comments"] == (Decimal(99), "manual")
    assert values["followers"][1] == "platform"


@pytest.mark.parametrize("path", ["/connectors/channels/1/connect", "/connectors/messages/1/act"])
def test_anonymous_users_are_sent_to_login(db: None, path: str) -> None:
    response = Client().post(path, {})
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]
