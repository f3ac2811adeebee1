"""Contract tests for the TikTok connector (API for Business v1.3)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer

from someluotsi.connectors import crypto
from someluotsi.connectors.base import Account, ItemKind, RemoteItem, WebhookHint
from someluotsi.connectors.credentials import connection_account
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.registry import connector_for
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World, connect
from tests.connectors.platform_side import fixture, fixture_bytes

OPEN_ID = "-000AbCdEfGh-openid"
SECRET = b"tt-secret"


def signature(body: bytes, at: int, secret: bytes = SECRET) -> str:
    digest = hmac.new(secret, str(at).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={at},s={digest}"


def deliver(body: bytes, header: str | None) -> int:
    headers = {"TikTok-Signature": header} if header else {}
    return (
        Client()
        .post("/webhooks/tiktok/", data=body, content_type="application/json", headers=headers)
        .status_code
    )


def test_signed_event_is_fetched_and_ingested(world: World, api: HTTPServer) -> None:
    connect(world, "tiktok", OPEN_ID)
    api.expect_request("/open_api/v1.3/business/comment/list/").respond_with_json(
        fixture("tiktok", "comments.json")
    )
    body = fixture_bytes("tiktok", "comment_event.json")
    assert deliver(body, signature(body, int(time.time()))) == 200
    message = Message.objects.get()
    assert message.external_id == "7350000000000000001"
    assert message.received_at == datetime.fromtimestamp(1772356365, tz=UTC)
    request, _ = api.log[0]
    assert request.headers["Access-Token"] == "access-token-1"
    assert request.args["business_id"] == OPEN_ID


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda b, now: (b, signature(b, now, b"wrong")), 403),
        (lambda b, now: (b.replace(b"CREATE", b"DELETE"), signature(b, now)), 403),
        (lambda b, now: (b, signature(b, now - 3600)), 403),
        (lambda b, now: (b, signature(b, now + 3600)), 403),
        (lambda b, now: (b, f"t={now}"), 401),
        (lambda b, now: (b, None), 401),
    ],
    ids=[
        "wrong-secret",
        "changed-body",
        "replayed-old-timestamp",
        "future-timestamp",
        "no-signature-part",
        "unsigned",
    ],
)
def test_bad_signatures_and_replays_store_nothing(
    world: World, api: HTTPServer, make: object, status: int
) -> None:
    connect(world, "tiktok", OPEN_ID)
    body, header = make(fixture_bytes("tiktok", "comment_event.json"), int(time.time()))  # type: ignore[operator]
    assert deliver(body, header) == status
    assert not Message.objects.exists()
    assert not api.log


def test_reencoded_body_does_not_verify(world: World, api: HTTPServer) -> None:
    data = fixture("tiktok", "comment_event.json")
    data["note"] = "Hyvä päivä, Åsa"
    sent = json.dumps(data).encode()
    now = int(time.time())
    assert deliver(json.dumps(data, ensure_ascii=False).encode(), signature(sent, now)) == 403


def test_logical_errors_come_with_http_200(api: HTTPServer, db: None) -> None:
    api.expect_oneshot_request("/open_api/v1.3/business/comment/list/").respond_with_json(
        {"code": 40105, "message": "Access token is invalid", "request_id": "r1", "data": {}}
    )
    api.expect_oneshot_request("/open_api/v1.3/business/comment/list/").respond_with_json(
        {"code": 40100, "message": "Too many requests", "request_id": "r2", "data": {}}
    )
    api.expect_oneshot_request("/open_api/v1.3/business/comment/list/").respond_with_json(
        {"code": 40130, "message": "Scope not authorized", "request_id": "r3", "data": {}}
    )
    connector = connector_for("tiktok")
    codes = []
    for _ in range(3):
        with pytest.raises(ConnectorError) as caught:
            connector.fetch_item(
                account=Account(OPEN_ID, "t"), hint=WebhookHint(OPEN_ID, "1", thread_id="2")
            )
        codes.append(caught.value.code)
    assert codes == ["auth_expired", "throttled", "permission"]


def test_rate_limited_by_http_429(api: HTTPServer, db: None) -> None:
    api.expect_request("/open_api/v1.3/business/comment/list/").respond_with_data("", status=429)
    with pytest.raises(ConnectorError) as caught:
        connector_for("tiktok").fetch_item(
            account=Account(OPEN_ID, "t"), hint=WebhookHint(OPEN_ID, "1", thread_id="2")
        )
    assert caught.value.code == "throttled"


def test_a_deleted_comment_is_none(api: HTTPServer, db: None) -> None:
    api.expect_request("/open_api/v1.3/business/comment/list/").respond_with_json(
        fixture("tiktok", "comments.json")
    )
    assert (
        connector_for("tiktok").fetch_item(
            account=Account(OPEN_ID, "t"),
            hint=WebhookHint(OPEN_ID, "7350000000000000099", thread_id="7349000000000000001"),
        )
        is None
    )


def test_epoch_seconds_paging_and_own_comments(api: HTTPServer, db: None) -> None:
    api.expect_request("/open_api/v1.3/business/video/list/").respond_with_json(
        {
            "code": 0,
            "message": "OK",
            "data": {
                "videos": [
                    {
                        "item_id": "7349000000000000001",
                        "create_time": 1772350000,
                        "caption": "Kesä Kokkolassa",
                        "share_url": "https://www.tiktok.com/@kokkola/video/7349000000000000001",
                    }
                ],
                "has_more": False,
            },
        }
    )
    page1 = fixture("tiktok", "comments.json")
    page1["data"]["has_more"] = True
    api.expect_oneshot_request("/open_api/v1.3/business/comment/list/").respond_with_json(page1)
    api.expect_oneshot_request("/open_api/v1.3/business/comment/list/").respond_with_json(
        {
            "code": 0,
            "data": {
                "comments": [
                    {
                        "comment_id": "7350000000000000003",
                        "video_id": "7349000000000000001",
                        "username": "åsa",
                        "text": "Är det gratis?",
                        "create_time": "1772356500",
                        "owner": False,
                        "status": "HIDDEN",
                    }
                ],
                "has_more": False,
            },
        }
    )
    result = connector_for("tiktok").fetch_since(
        account=Account(OPEN_ID, "t"), cursor={"since": "0"}
    )
    assert [i.external_id for i in result.items] == [
        "7350000000000000001",
        "7350000000000000002",
        "7350000000000000003",
    ]
    assert [i.own for i in result.items] == [False, True, False]
    assert result.items[2].hidden
    assert result.items[0].permalink.endswith("/video/7349000000000000001")
    assert result.cursor == {"since": "1772356500"}
    assert api.log[2][0].args["cursor"] == "2"


def test_refresh_rotates_the_refresh_token(world: World, api: HTTPServer) -> None:
    connection = connect(world, "tiktok", OPEN_ID, expires_in=60, refresh="rt-1")
    api.expect_request(
        "/open_api/v1.3/tt_user/oauth2/refresh_token/", method="POST"
    ).respond_with_json(
        {
            "code": 0,
            "message": "OK",
            "data": {
                "access_token": "at-2",
                "expires_in": 86400,
                "refresh_token": "rt-2",
                "refresh_token_expires_in": 31536000,
                "open_id": OPEN_ID,
                "scope": "comment.list,comment.list.manage",
            },
        }
    )
    assert connection_account(connection=connection).token == "at-2"
    stored = Connection.objects.get()
    assert crypto.decrypt(stored.refresh_token_enc) == "rt-2"
    assert stored.refresh_expires_at is not None
    assert json.loads(api.log[0][0].data)["refresh_token"] == "rt-1"


def test_hide_and_unhide(api: HTTPServer, db: None) -> None:
    api.expect_request("/open_api/v1.3/business/comment/hide/", method="POST").respond_with_json(
        {"code": 0, "message": "OK", "data": {}}
    )
    item = RemoteItem(
        "7350000000000000001",
        ItemKind.COMMENT,
        "",
        datetime.now(UTC),
        thread_id="7349000000000000001",
    )
    connector = connector_for("tiktok")
    connector.set_hidden(account=Account(OPEN_ID, "t"), item=item, hidden=True)
    connector.set_hidden(account=Account(OPEN_ID, "t"), item=item, hidden=False)
    assert [json.loads(r.data)["action"] for r, _ in api.log] == ["HIDE", "UNHIDE"]
