"""Contract tests for the Facebook Page and Instagram connectors against a local Graph API
(pytest-httpserver) with captured-shape fixtures (invented values, never real people)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from someluotsi.channels.health import Problem, channel_health
from someluotsi.channels.models import Channel
from someluotsi.connectors.base import Account, ItemKind, RemoteItem, TokenSet, WebhookHint
from someluotsi.connectors.enums import ActionKind
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.meta.facebook import FacebookConnector
from someluotsi.connectors.models import Connection, OutboundAction
from someluotsi.connectors.moderation import action_request
from someluotsi.connectors.registry import connector_for
from someluotsi.connectors.services import connection_save
from someluotsi.inbox.models import Message
from someluotsi.notifications.models import Notification
from tests.connectors.conftest import World
from tests.connectors.platform_side import fixture, fixture_bytes, json_response

SECRET = "meta-app-secret"
PAGE = "123456789"
IG = "17841400000000000"
V = "/v25.0"


@pytest.fixture
def graph(settings: object, httpserver: HTTPServer) -> HTTPServer:
    base = httpserver.url_for("").rstrip("/")
    settings.CONNECTORS_API_BASE_URLS = {"facebook": base, "instagram": base}  # type: ignore[attr-defined]
    settings.META_APP_ID = "app-1"  # type: ignore[attr-defined]
    settings.META_APP_SECRET = SECRET  # type: ignore[attr-defined]
    settings.META_VERIFY_TOKEN = "verify-me"  # type: ignore[attr-defined]
    settings.CONNECTORS_HTTP_TIMEOUT = 5.0  # type: ignore[attr-defined]
    return httpserver


def connect(
    world: World, platform: str = "facebook", account: str = PAGE, channel: Channel | None = None
) -> Connection:
    return connection_save(
        actor=world.mavi, channel=channel or world.channel, platform=platform,
        tokens=TokenSet(access_token="page-token-xyz", account_id=account, account_name="Kokkola"),
    )  # fmt: skip


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_webhook(body: bytes, signature: str | None, path: str = "/webhooks/facebook/") -> int:
    headers = {"X-Hub-Signature-256": signature} if signature is not None else {}
    response = Client().post(path, data=body, content_type="application/json", headers=headers)
    return response.status_code


COMMENT = {
    "id": "987_9007199254740993", "message": "Milloin katu aurataan? Äitini asuu Öjantiellä.",
    "created_time": "2026-03-01T07:12:45+0000", "from": {"id": "5551", "name": "Matti Meikäläinen"},
    "permalink_url": "https://www.facebook.com/123456789/posts/987?comment_id=9007199254740993",
    "is_hidden": False,
}  # fmt: skip


def test_signed_page_webhook_is_fetched_through_the_api_and_triaged(
    world: World, graph: HTTPServer
) -> None:
    connect(world)
    graph.expect_request(f"{V}/987_9007199254740993").respond_with_json(COMMENT)
    graph.expect_request(f"{V}/123456789_987").respond_with_json({"message": "Aurausreitit 2026"})
    body = fixture_bytes("meta", "page_comment.json")
    assert post_webhook(body, sign(body)) == 200
    message = Message.objects.get(external_id="987_9007199254740993")
    assert message.text == COMMENT["message"]
    assert message.received_at == datetime(2026, 3, 1, 7, 12, 45, tzinfo=UTC)
    assert message.permalink == COMMENT["permalink_url"]
    assert message.category == "question"
    assert message.assignee in {world.updater, world.backup}
    # The token travels in a header, never in the URL.
    assert all("page-token" not in str(request.url) for request, _ in graph.log)
    assert all(
        request.headers["Authorization"] == "Bearer page-token-xyz" for request, _ in graph.log
    )


@pytest.mark.parametrize(
    ("mutate", "status"),
    [
        (lambda body: (body, sign(body, "wrong-secret")), 403),
        (lambda body: (body.replace(b"aurataan", b"auratan"), sign(body)), 403),
        (lambda body: (body, None), 401),
        (lambda body: (body, "sha1=" + "0" * 40), 401),
        (lambda body: (body, sign(body)[:-2]), 403),
    ],
    ids=["wrong-secret", "changed-body", "unsigned", "legacy-sha1-only", "truncated"],
)
def test_meta_signature_refusals_store_nothing(
    world: World, graph: HTTPServer, mutate: object, status: int
) -> None:
    connect(world)
    body, signature = mutate(fixture_bytes("meta", "page_comment.json"))  # type: ignore[operator]
    assert post_webhook(body, signature) == status
    assert not Message.objects.exists()
    assert not graph.log


def test_reencoded_finnish_text_fails_but_the_sent_bytes_pass(
    world: World, graph: HTTPServer
) -> None:
    """Meta signs the escaped-unicode bytes it sends (\\u00e4); the same JSON re-encoded as
    UTF-8 ä/ö/å has other bytes and must not verify."""
    connect(world)
    data = fixture("meta", "page_comment.json")
    sent = json.dumps(data).encode()  # ensure_ascii: "\u00e4"
    assert b"\\u00e4" in sent
    reencoded = json.dumps(data, ensure_ascii=False).encode()
    assert post_webhook(reencoded, sign(sent)) == 403
    graph.expect_request(f"{V}/987_9007199254740993").respond_with_json(COMMENT)
    graph.expect_request(f"{V}/123456789_987").respond_with_json({"message": "Aurausreitit"})
    assert post_webhook(sent, sign(sent)) == 200
    assert Message.objects.count() == 1


def test_handshake(graph: HTTPServer, db: None) -> None:
    ok = Client().get(
        "/webhooks/facebook/",
        {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"},
    )
    assert (ok.status_code, ok.content) == (200, b"1158201444")
    bad = Client().get(
        "/webhooks/facebook/",
        {"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
    )
    assert bad.status_code == 403
    assert (
        Client()
        .get(
            "/webhooks/instagram/",
            {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "7"},
        )
        .content
        == b"7"
    )


def test_unknown_object_and_malformed_json_get_4xx(world: World, graph: HTTPServer) -> None:
    connect(world)
    for body in (
        b'{"object":"user","entry":[]}',
        b'{"object":"page"',
        b'{"object":"page","entry":{}}',
    ):
        assert 400 <= post_webhook(body, sign(body)) < 500
    assert not Message.objects.exists()


def test_ids_above_2_53_stay_exact_as_json_numbers() -> None:
    connector = FacebookConnector(connector_for("facebook").config)  # type: ignore[attr-defined]
    body = (
        b'{"object":"page","entry":[{"id":123456789,"changes":[{"field":"feed","value":'
        b'{"item":"comment","verb":"add","comment_id":9007199254740993,"post_id":"123456789_987"}}]}]}'
    )
    [hint] = connector.parse_webhook(body=body)
    assert hint.item_id == "9007199254740993"
    assert hint.account_id == "123456789"


def test_paging_time_formats_and_own_replies(world: World, graph: HTTPServer) -> None:
    connection = connect(world)
    page1 = fixture("meta", "comments_page1.json")
    page1["paging"]["next"] = graph.url_for(f"{V}/123456789_987/comments-page2")
    graph.expect_request(f"{V}/{PAGE}/feed").respond_with_json(
        {
            "data": [
                {
                    "id": "123456789_987",
                    "message": "Lumityöt",
                    "created_time": "2026-03-01T06:00:00+0000",
                    "from": {"id": PAGE},
                }
            ]
        }
    )
    graph.expect_request(f"{V}/123456789_987/comments").respond_with_json(page1)
    graph.expect_request(f"{V}/123456789_987/comments-page2").respond_with_json(
        fixture("meta", "comments_page2.json")
    )
    connector = connector_for("facebook")
    result = connector.fetch_since(account=Account(PAGE, "page-token-xyz"), cursor={"since": "0"})
    assert [i.external_id for i in result.items] == ["987_111", "987_112", "987_113"]
    assert [i.own for i in result.items] == [False, True, False]
    assert result.items[1].parent_id == "987_111"
    assert result.items[2].created_at == datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    assert result.cursor == {"since": str(int(datetime(2026, 3, 1, 9, 30, tzinfo=UTC).timestamp()))}
    assert result.posts == (datetime(2026, 3, 1, 6, 0, tzinfo=UTC),)
    assert connection.pk


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80001])
def test_throttle_codes_back_off_with_the_platforms_estimate(
    graph: HTTPServer, code: int, db: None
) -> None:
    usage = json.dumps(
        {PAGE: [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 7}]}
    )
    graph.expect_request(f"{V}/987_1").respond_with_response(
        json_response(
            {
                "error": {
                    "message": "(#4) Application request limit reached",
                    "type": "OAuthException",
                    "code": code,
                    "fbtrace_id": "A1",
                }
            },
            status=400 if code != 80001 else 403,
            headers={"X-Business-Use-Case-Usage": usage},
        )
    )
    with pytest.raises(ConnectorError) as caught:
        connector_for("facebook").fetch_item(
            account=Account(PAGE, "t"), hint=WebhookHint(PAGE, "987_1")
        )
    assert caught.value.code == "throttled"
    assert caught.value.retryable
    assert caught.value.retry_after == 420


def test_expired_token_breaks_the_connection_shows_in_health_and_notifies(
    world: World, graph: HTTPServer
) -> None:
    connect(world)
    graph.expect_request(f"{V}/987_9007199254740993").respond_with_json(
        {
            "error": {
                "message": "Error validating access token: Session has expired",
                "type": "OAuthException",
                "code": 190,
                "error_subcode": 463,
            }
        },
        status=400,
    )
    body = fixture_bytes("meta", "page_comment.json")
    assert post_webhook(body, sign(body)) == 200
    connection = Connection.objects.get()
    assert connection.status == "expired"
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {world.updater.pk, world.backup.pk}
    [health] = channel_health(
        channels=Channel.objects.filter(pk=world.channel.pk), inactive_days=14
    )
    assert health.findings[0].problem == Problem.CONNECTION_BROKEN
    assert health.critical
    # Once only: a second failure does not notify again.
    assert post_webhook(body, sign(body)) == 200
    assert Notification.objects.count() == 2
    page = Client()
    page.force_login(world.updater)
    html = page.get(f"/channels/{world.channel.pk}/").content.decode()
    assert 'class="connection note"' in html


def test_a_deleted_comment_is_none_and_marks_the_message(world: World, graph: HTTPServer) -> None:
    graph.expect_request(f"{V}/987_5").respond_with_json(
        {
            "error": {
                "message": "Unsupported get request. Object with ID '987_5' does not exist",
                "type": "GraphMethodException",
                "code": 100,
                "error_subcode": 33,
            }
        },
        status=400,
    )
    assert (
        connector_for("facebook").fetch_item(
            account=Account(PAGE, "t"), hint=WebhookHint(PAGE, "987_5")
        )
        is None
    )


def test_instagram_comment_webhook(world: World, graph: HTTPServer) -> None:
    channel = world.channel
    channel.platform = "instagram"
    channel.save()
    connect(world, "instagram", IG)
    graph.expect_request(f"{V}/18000000000000001").respond_with_json(
        {
            "id": "18000000000000001",
            "text": "Hieno kuva! Är det öppet på söndag?",
            "timestamp": "2026-03-01T07:12:45+0000",
            "username": "kokkolalainen",
            "from": {"id": "17841411111111111", "username": "kokkolalainen"},
            "hidden": False,
            "media": {"id": "18111111111111111"},
        }
    )
    graph.expect_request(f"{V}/18111111111111111").respond_with_json(
        {
            "id": "18111111111111111",
            "caption": "Uimahalli avattu",
            "permalink": "https://www.instagram.com/p/AbC123/",
        }
    )
    body = fixture_bytes("meta", "instagram_comment.json")
    assert post_webhook(body, sign(body), "/webhooks/instagram/") == 200
    message = Message.objects.get(external_id="18000000000000001")
    assert message.author_handle == "@kokkolalainen"
    assert message.permalink == "https://www.instagram.com/p/AbC123/"
    assert message.language == "sv"


def test_instagram_hide_uses_the_hide_parameter(graph: HTTPServer, db: None) -> None:
    graph.expect_request(f"{V}/18000000000000001", method="POST").respond_with_json(
        {"success": True}
    )
    item = RemoteItem("18000000000000001", ItemKind.COMMENT, "", datetime.now(UTC))
    connector_for("instagram").set_hidden(account=Account(IG, "t"), item=item, hidden=True)
    request, _ = graph.log[0]
    assert request.form["hide"] == "true"


@pytest.mark.django_db(transaction=True)
def test_a_reply_that_times_out_is_posted_once(
    world: World, graph: HTTPServer, settings: Any
) -> None:
    """The platform stores the reply but answers after our timeout; the retry finds it."""
    connect(world)
    graph.expect_request(f"{V}/987_9007199254740993").respond_with_json(COMMENT)
    graph.expect_request(f"{V}/123456789_987").respond_with_json({"message": "Aurausreitit"})
    body = fixture_bytes("meta", "page_comment.json")
    assert post_webhook(body, sign(body)) == 200
    message = Message.objects.get()
    settings.CONNECTORS_HTTP_TIMEOUT = 1.0
    replies: list[dict[str, object]] = []

    def slow_post(request: Request) -> Response:
        replies.append(
            {
                "id": f"987_{9007199254740999 + len(replies)}",
                "message": request.form["message"],
                "from": {"id": PAGE},
                "created_time": time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime()),
            }
        )
        time.sleep(1.5)  # longer than CONNECTORS_HTTP_TIMEOUT (1 s), shorter than two
        return json_response({"id": replies[-1]["id"]})

    graph.expect_request(f"{V}/987_9007199254740993/comments", method="POST").respond_with_handler(
        slow_post
    )
    graph.expect_request(f"{V}/987_9007199254740993/comments", method="GET").respond_with_handler(
        lambda request: json_response({"data": replies})
    )
    action_request(
        actor=world.updater,
        message=message,
        kind=ActionKind.REPLY,
        key="k1",
        text="Aurataan tänään iltapäivällä. Kiitos kärsivällisyydestä!",
    )
    action = OutboundAction.objects.get()
    assert len(replies) == 1
    assert action.status == "done"
    assert action.attempts == 2
    assert action.platform_id == replies[0]["id"]
    message.refresh_from_db()
    assert message.status == "answered"
