"""Contract tests for the X connector (API v2) against a local server with invented payloads."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer

from someluotsi.connectors import crypto
from someluotsi.connectors.base import Account, ItemKind, RemoteItem, WebhookHint
from someluotsi.connectors.credentials import connection_account
from someluotsi.connectors.enums import ActionKind
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.moderation import action_request
from someluotsi.connectors.registry import connector_for
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World, connect
from tests.connectors.platform_side import fixture, fixture_bytes, json_response

ME = "42"
CONSUMER = b"x-consumer-secret"


def sign(body: bytes, secret: bytes = CONSUMER) -> str:
    return "sha256=" + base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()


def deliver(body: bytes, signature: str | None) -> int:
    headers = {"x-twitter-webhooks-signature": signature} if signature else {}
    return (
        Client()
        .post("/webhooks/x/", data=body, content_type="application/json", headers=headers)
        .status_code
    )


TWEET = {
    "data": {"id": "1897000000000000003", "text": "@KokkolaCity Milloin jäähalli aukeaa? Äidin kanssa tulossa.",
             "author_id": "1234", "conversation_id": "1896999999999999999", "in_reply_to_user_id": ME,
             "referenced_tweets": [{"type": "replied_to", "id": "1896999999999999999"}],
             "created_at": "2026-03-01T07:12:45.000Z"},
    "includes": {"users": [{"id": "1234", "username": "matti"}]},
}  # fmt: skip


def test_crc_answers_with_the_base64_hmac_of_the_token(api: HTTPServer, db: None) -> None:
    response = Client().get("/webhooks/x/", {"crc_token": "challenge-123"})
    expected = base64.b64encode(
        hmac.new(CONSUMER, b"challenge-123", hashlib.sha256).digest()
    ).decode()
    assert response.status_code == 200
    assert response.json() == {"response_token": f"sha256={expected}"}
    assert Client().get("/webhooks/x/").status_code == 400


def test_signed_activity_is_fetched_and_becomes_a_reply(world: World, api: HTTPServer) -> None:
    connect(world, "x", ME)
    api.expect_request("/2/tweets/1897000000000000003").respond_with_json(TWEET)
    body = fixture_bytes("x", "activity.json")
    assert deliver(body, sign(body)) == 200
    [message] = Message.objects.all()  # the account's own post in the same delivery is skipped
    assert message.external_id == "1897000000000000003"
    assert message.kind == "reply"
    assert message.permalink == "https://x.com/matti/status/1897000000000000003"
    assert message.received_at == datetime(2026, 3, 1, 7, 12, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda b: (b, sign(b, b"other-secret")), 403),
        (lambda b: (b.replace(b"aukeaa", b"aukea"), sign(b)), 403),
        (
            lambda b: (
                json.dumps(json.loads(b), ensure_ascii=False).encode(),
                sign(json.dumps(json.loads(b)).encode()),
            ),
            403,
        ),
        (lambda b: (b, None), 401),
    ],
    ids=["wrong-secret", "changed-body", "reencoded-aeoe", "unsigned"],
)
def test_bad_signatures_store_nothing(
    world: World, api: HTTPServer, make: Any, status: int
) -> None:
    connect(world, "x", ME)
    body, signature = make(fixture_bytes("x", "activity.json"))
    assert deliver(body, signature) == status
    assert not Message.objects.exists()


def test_mentions_paging_times_and_long_ids(api: HTTPServer, db: None) -> None:
    api.expect_ordered_request("/2/users/42/mentions").respond_with_json(
        fixture("x", "mentions_page1.json")
    )
    api.expect_ordered_request(
        "/2/users/42/mentions",
        query_string={
            "max_results": "100",
            "tweet.fields": "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets",
            "expansions": "author_id",
            "since_id": "1896000000000000000",
            "pagination_token": "7140dibdnow9c7btw4",
        },
    ).respond_with_json(fixture("x", "mentions_page2.json"))
    result = connector_for("x").fetch_since(
        account=Account(ME, "t"), cursor={"since_id": "1896000000000000000"}
    )
    assert [i.external_id for i in result.items] == [
        "1897000000000000001",
        "1897000000000000002",
        "1896000000000000009",
    ]
    assert int(result.items[0].external_id) > 2**53
    assert [i.kind for i in result.items] == [ItemKind.MENTION, ItemKind.REPLY, ItemKind.MENTION]
    assert result.items[2].created_at == datetime(2026, 2, 28, 21, 0, tzinfo=UTC)
    assert result.cursor == {"since_id": "1897000000000000002"}


def test_rate_limit_waits_until_the_reset(api: HTTPServer, db: None) -> None:
    reset = int(time.time()) + 600
    api.expect_request("/2/tweets/1").respond_with_response(json_response(
        {"errors": [{"code": 88, "message": "Rate limit exceeded"}]}, 429,
        {"x-rate-limit-limit": "900", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}))  # fmt: skip
    with pytest.raises(ConnectorError) as caught:
        connector_for("x").fetch_item(account=Account(ME, "t"), hint=WebhookHint(ME, "1"))
    assert caught.value.code == "throttled"
    assert caught.value.retry_after is not None
    assert 590 <= caught.value.retry_after <= 600


def test_usage_cap_is_not_retried(api: HTTPServer, db: None) -> None:
    api.expect_request("/2/tweets/1").respond_with_response(json_response(
        {"type": "https://api.twitter.com/2/problems/usage-capped", "title": "Usage capped",
         "period": "Monthly", "scope": "Product", "status": 429}, 429))  # fmt: skip
    with pytest.raises(ConnectorError) as caught:
        connector_for("x").fetch_item(account=Account(ME, "t"), hint=WebhookHint(ME, "1"))
    assert (caught.value.code, caught.value.retryable) == ("throttled", False)


def test_a_deleted_post_is_none(api: HTTPServer, db: None) -> None:
    api.expect_request("/2/tweets/9").respond_with_json(
        {
            "errors": [
                {
                    "value": "9",
                    "detail": "Could not find tweet with id: [9].",
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }
            ]
        }
    )
    assert (
        connector_for("x").fetch_item(account=Account(ME, "t"), hint=WebhookHint(ME, "9")) is None
    )


def test_expiring_token_is_refreshed_and_the_refresh_token_rotates(
    world: World, api: HTTPServer
) -> None:
    connection = connect(world, "x", ME, expires_in=60, refresh="refresh-1", token="old-access")
    api.expect_request("/2/oauth2/token", method="POST").respond_with_json(
        {"token_type": "bearer", "expires_in": 7200, "access_token": "new-access",
         "scope": "tweet.read users.read offline.access", "refresh_token": "refresh-2"})  # fmt: skip
    account = connection_account(connection=connection)
    assert account.token == "new-access"
    stored = Connection.objects.get()
    assert crypto.decrypt(stored.refresh_token_enc) == "refresh-2"
    assert stored.access_expires_at is not None
    assert (stored.access_expires_at - datetime.now(UTC)).total_seconds() > 7000
    request, _ = api.log[-1]
    assert request.form["grant_type"] == "refresh_token"
    assert request.form["refresh_token"] == "refresh-1"
    assert request.headers["Authorization"].startswith("Basic ")


def test_a_revoked_refresh_breaks_the_connection(world: World, api: HTTPServer) -> None:
    connection = connect(world, "x", ME, expires_in=-10, refresh="refresh-1")
    api.expect_request("/2/oauth2/token", method="POST").respond_with_json(
        {
            "error": "invalid_request",
            "error_description": "Value passed for the token was invalid.",
        },
        status=400,
    )
    with pytest.raises(ConnectorError):
        connection_account(connection=connection)
    assert Connection.objects.get().status == "expired"


def test_hide_puts_hidden_true(api: HTTPServer, db: None) -> None:
    api.expect_request("/2/tweets/77/hidden", method="PUT").respond_with_json(
        {"data": {"hidden": True}}
    )
    connector_for("x").set_hidden(
        account=Account(ME, "t"),
        item=RemoteItem("77", ItemKind.REPLY, "", datetime.now(UTC)),
        hidden=True,
    )
    request, _ = api.log[0]
    assert json.loads(request.data) == {"hidden": True}


def test_deleting_someone_elses_post_is_refused_with_a_reason(
    world: World, api: HTTPServer
) -> None:
    connect(world, "x", ME)
    api.expect_request("/2/tweets/1897000000000000003").respond_with_json(TWEET)
    body = fixture_bytes("x", "activity.json")
    deliver(body, sign(body))
    message = Message.objects.get()
    with pytest.raises(ApplicationError) as caught:
        action_request(actor=world.updater, message=message, kind=ActionKind.DELETE, key="d")
    assert caught.value.code == "not_supported"
