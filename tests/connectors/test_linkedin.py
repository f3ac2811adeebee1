"""Contract tests for the LinkedIn organisation page connector (versioned REST)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer

from someluotsi.connectors.base import Account, ItemKind, RemoteItem
from someluotsi.connectors.enums import ActionKind
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.moderation import action_request
from someluotsi.connectors.registry import connector_for
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World, connect
from tests.connectors.platform_side import fixture, fixture_bytes

ORG = "urn:li:organization:123"
POST = "urn:li:share:7299999999999999999"
COMMENT_URN = "urn:li:comment:(urn:li:activity:7299999999999999999,7300000000000000001)"
SECRET = b"li-secret"


def sign(body: bytes, secret: bytes = SECRET) -> str:
    return hmac.new(secret, b"hmacsha256=" + body, hashlib.sha256).hexdigest()


def deliver(body: bytes, signature: str | None) -> int:
    headers = {"X-LI-Signature": signature} if signature else {}
    return (
        Client()
        .post("/webhooks/linkedin/", data=body, content_type="application/json", headers=headers)
        .status_code
    )


COMMENT = fixture("linkedin", "comments.json")["elements"][0]


def test_challenge_is_answered_with_the_hmac(api: HTTPServer, db: None) -> None:
    response = Client().get(
        "/webhooks/linkedin/",
        {"challengeCode": "890e4665-4dfe-4ab1-b689-ed553bceeed3", "applicationId": "1"},
    )
    assert response.status_code == 200
    expected = hmac.new(SECRET, b"890e4665-4dfe-4ab1-b689-ed553bceeed3", hashlib.sha256).hexdigest()
    assert response.json() == {
        "challengeCode": "890e4665-4dfe-4ab1-b689-ed553bceeed3",
        "challengeResponse": expected,
    }


def test_signed_notification_is_fetched_with_the_version_header(
    world: World, api: HTTPServer
) -> None:
    connect(world, "linkedin", ORG)
    api.expect_request(
        f"/rest/socialActions/{POST}/comments/7300000000000000001"
    ).respond_with_json(COMMENT)
    body = fixture_bytes("linkedin", "notification.json")
    assert deliver(body, sign(body)) == 200
    [message] = Message.objects.all()  # the LIKE carries nothing for the inbox
    assert message.external_id == COMMENT_URN
    assert message.received_at == datetime(2026, 3, 1, 9, 12, 45, 123000, tzinfo=UTC)
    assert message.permalink == f"https://www.linkedin.com/feed/update/{POST}/"
    request, _ = api.log[-1]
    assert request.headers["LinkedIn-Version"] == "202610"
    assert request.headers["X-Restli-Protocol-Version"] == "2.0.0"


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda b: (b, sign(b, b"nope")), 403),
        (lambda b: (b.replace(b"COMMENT", b"COMMENT_EDIT", 1), sign(b)), 403),
        (lambda b: (b, hmac.new(SECRET, b, hashlib.sha256).hexdigest()), 403),  # without the prefix
        (lambda b: (b, None), 401),
    ],
    ids=["wrong-secret", "changed-body", "missing-prefix", "unsigned"],
)
def test_bad_signatures_store_nothing(
    world: World, api: HTTPServer, make: object, status: int
) -> None:
    connect(world, "linkedin", ORG)
    body, signature = make(fixture_bytes("linkedin", "notification.json"))  # type: ignore[operator]
    assert deliver(body, signature) == status
    assert not Message.objects.exists()


def test_reencoded_text_with_scandinavian_letters_fails(world: World, api: HTTPServer) -> None:
    connect(world, "linkedin", ORG)
    data = fixture("linkedin", "notification.json")
    data["notifications"][0]["note"] = "Hyvä, öljy, å"
    sent = json.dumps(data).encode()
    assert deliver(json.dumps(data, ensure_ascii=False).encode(), sign(sent)) == 403


def test_comments_paging_by_start_and_epoch_millis(api: HTTPServer, db: None) -> None:
    api.expect_request("/rest/posts").respond_with_json(
        {
            "elements": [
                {"id": POST, "commentary": "Kesätyöhaku alkaa", "createdAt": 1772350000000}
            ],
            "paging": {"start": 0, "count": 20, "total": 1},
        }
    )
    second = {
        "paging": {"start": 1, "count": 1, "total": 2},
        "elements": [
            dict(
                COMMENT,
                id="7300000000000000002",
                **{
                    "$URN": "urn:li:comment:(urn:li:activity:7299999999999999999,7300000000000000002)"
                },
                actor=ORG,
                created={"time": 1772356400000},
            )
        ],
    }
    api.expect_oneshot_request(
        f"/rest/socialActions/{POST}/comments", query_string="start=0&count=100"
    ).respond_with_json(fixture("linkedin", "comments.json"))
    api.expect_oneshot_request(
        f"/rest/socialActions/{POST}/comments", query_string="start=1&count=100"
    ).respond_with_json(second)
    result = connector_for("linkedin").fetch_since(
        account=Account(ORG, "t"), cursor={"since_ms": "0"}
    )
    assert [i.external_id for i in result.items] == [
        COMMENT_URN,
        "urn:li:comment:(urn:li:activity:7299999999999999999,7300000000000000002)",
    ]
    assert [i.own for i in result.items] == [False, True]
    assert result.items[0].thread_text == "Kesätyöhaku alkaa"
    assert result.cursor == {"since_ms": "1772356400000"}
    assert result.posts == (datetime(2026, 3, 1, 7, 26, 40, tzinfo=UTC),)


def test_daily_quota_waits_until_midnight_utc(api: HTTPServer, db: None) -> None:
    api.expect_request(f"/rest/networkSizes/{ORG}").respond_with_json(
        {"message": "Resource level throttle APPLICATION DAY limit", "status": 429}, status=429
    )
    with pytest.raises(ConnectorError) as caught:
        connector_for("linkedin").daily_metrics(
            account=Account(ORG, "t"), day=datetime.now(UTC).date()
        )
    assert caught.value.code == "throttled"
    assert caught.value.retry_after is not None
    assert 0 < caught.value.retry_after <= 86400


def test_a_revoked_grant_breaks_the_connection(world: World, api: HTTPServer) -> None:
    connect(world, "linkedin", ORG)
    api.expect_request(
        f"/rest/socialActions/{POST}/comments/7300000000000000001"
    ).respond_with_json(
        {
            "serviceErrorCode": 65601,
            "message": "The token used in the request has been revoked by the user",
            "status": 401,
        },
        status=401,
    )
    body = fixture_bytes("linkedin", "notification.json")
    assert deliver(body, sign(body)) == 200
    assert Connection.objects.get().status == "expired"
    assert not Message.objects.exists()


def test_a_deleted_comment_is_none(api: HTTPServer, db: None) -> None:
    from someluotsi.connectors.base import WebhookHint

    api.expect_request(
        f"/rest/socialActions/{POST}/comments/7300000000000000001"
    ).respond_with_json({"status": 404, "message": "Not found"}, status=404)
    assert (
        connector_for("linkedin").fetch_item(
            account=Account(ORG, "t"), hint=WebhookHint(ORG, COMMENT_URN, thread_id=POST)
        )
        is None
    )


def test_reply_goes_under_the_comment_as_the_organisation(api: HTTPServer, db: None) -> None:
    api.expect_request(
        f"/rest/socialActions/{COMMENT_URN}/comments", method="POST"
    ).respond_with_json(
        {},
        status=201,
        headers={
            "x-restli-id": "urn:li:comment:(urn:li:activity:7299999999999999999,7300000000000000009)"
        },
    )
    item = RemoteItem(COMMENT_URN, ItemKind.COMMENT, "", datetime.now(UTC), thread_id=POST)
    result = connector_for("linkedin").reply(
        account=Account(ORG, "t"), item=item, text="Haku alkaa 1.3."
    )
    request, _ = api.log[0]
    assert json.loads(request.data) == {
        "actor": ORG,
        "object": POST,
        "message": {"text": "Haku alkaa 1.3."},
        "parentComment": COMMENT_URN,
    }
    assert result.platform_id.endswith("7300000000000000009)")


def test_hiding_is_refused_and_the_page_says_linkedin_has_no_hide(
    world: World, api: HTTPServer
) -> None:
    connect(world, "linkedin", ORG)
    api.expect_request(
        f"/rest/socialActions/{POST}/comments/7300000000000000001"
    ).respond_with_json(COMMENT)
    body = fixture_bytes("linkedin", "notification.json")
    deliver(body, sign(body))
    message = Message.objects.get()
    with pytest.raises(ApplicationError) as caught:
        action_request(actor=world.updater, message=message, kind=ActionKind.HIDE, key="h")
    assert caught.value.code == "not_supported"
    client = Client()
    client.force_login(world.updater)
    html = client.get(f"/inbox/{message.pk}/").content.decode()
    assert "LinkedIn" in html
    assert 'value="hide"' not in html.split('id="platform-h"')[1].split("</section>")[0]
