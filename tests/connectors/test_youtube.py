"""Contract tests for the YouTube connector (Data API v3, Analytics v2)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer

from someluotsi.connectors.base import Account, ItemKind, RemoteItem, WebhookHint
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.registry import connector_for
from someluotsi.connectors.tasks import ingest_poll
from someluotsi.inbox.models import Message
from tests.connectors.conftest import World, connect
from tests.connectors.platform_side import fixture

CHANNEL = "UCxyz"
QUOTA = {
    "error": {
        "code": 403,
        "message": "The request cannot be completed because you have exceeded your quota.",
        "errors": [{"message": "quota", "domain": "youtube.quota", "reason": "quotaExceeded"}],
    }
}


def test_polling_pages_threads_and_ingests_citizens_comments(world: World, api: HTTPServer) -> None:
    connection = connect(world, "youtube", CHANNEL)
    api.expect_oneshot_request(
        "/youtube/v3/commentThreads",
        query_string={
            "part": "snippet,replies",
            "allThreadsRelatedToChannelId": CHANNEL,
            "order": "time",
            "maxResults": "100",
            "textFormat": "plainText",
        },
    ).respond_with_json(fixture("youtube", "threads_page1.json"))
    api.expect_oneshot_request("/youtube/v3/commentThreads").respond_with_json(
        fixture("youtube", "threads_page2.json")
    )
    api.expect_request("/youtube/v3/videos").respond_with_json(
        {"items": [{"id": "dQw4w9WgXcQ", "snippet": {"title": "Kokkolan kesä 2026"}}]}
    )
    Connection.objects.filter(pk=connection.pk).update(cursor={"since": "0"})
    created = ingest_poll(connection.pk)
    assert created == 2  # the channel's own reply is not a citizen's message
    first = Message.objects.get(external_id="UgxAbC123")
    assert first.received_at == datetime(2026, 3, 1, 7, 12, 45, tzinfo=UTC)
    assert first.permalink == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxAbC123"
    assert Message.objects.get(external_id="UgzOld999").language == "sv"
    connection.refresh_from_db()
    assert connection.cursor == {
        "since": str(int(datetime(2026, 3, 1, 8, 0, tzinfo=UTC).timestamp()))
    }
    assert connection.last_polled_at is not None


def test_quota_exceeded_waits_until_pacific_midnight(api: HTTPServer, db: None) -> None:
    api.expect_request("/youtube/v3/comments").respond_with_json(QUOTA, status=403)
    with pytest.raises(ConnectorError) as caught:
        connector_for("youtube").fetch_item(
            account=Account(CHANNEL, "t"), hint=WebhookHint(CHANNEL, "Ugx1")
        )
    assert caught.value.code == "throttled"
    assert caught.value.retry_after is not None
    assert 0 < caught.value.retry_after <= 25 * 3600


def test_a_deleted_comment_is_none(api: HTTPServer, db: None) -> None:
    api.expect_request("/youtube/v3/comments").respond_with_json(
        {"kind": "youtube#commentListResponse", "items": []}
    )
    assert (
        connector_for("youtube").fetch_item(
            account=Account(CHANNEL, "t"), hint=WebhookHint(CHANNEL, "Ugx1")
        )
        is None
    )


def test_token_refresh_keeps_the_refresh_token(world: World, api: HTTPServer) -> None:
    from someluotsi.connectors import crypto
    from someluotsi.connectors.credentials import connection_account

    connection = connect(world, "youtube", CHANNEL, expires_in=30, refresh="1//refresh")
    api.expect_request("/token", method="POST").respond_with_json(
        {
            "access_token": "ya29.new",
            "expires_in": 3599,
            "scope": "https://www.googleapis.com/auth/youtube.force-ssl",
            "token_type": "Bearer",
        }
    )
    assert connection_account(connection=connection).token == "ya29.new"
    assert crypto.decrypt(Connection.objects.get().refresh_token_enc) == "1//refresh"


def test_hide_holds_the_comment_for_review_and_delete_rejects_it(api: HTTPServer, db: None) -> None:
    api.expect_request("/youtube/v3/comments/setModerationStatus", method="POST").respond_with_data(
        "", status=204
    )
    item = RemoteItem("UgxAbC123", ItemKind.COMMENT, "", datetime.now(UTC))
    connector = connector_for("youtube")
    connector.set_hidden(account=Account(CHANNEL, "t"), item=item, hidden=True)
    connector.delete(account=Account(CHANNEL, "t"), item=item)
    assert [r.args["moderationStatus"] for r, _ in api.log] == ["heldForReview", "rejected"]


def test_reply_attaches_to_the_thread(api: HTTPServer, db: None) -> None:
    api.expect_request("/youtube/v3/comments", method="POST").respond_with_json(
        {"id": "UgxAbC123.AAA", "snippet": {"parentId": "UgxAbC123"}}
    )
    item = RemoteItem(
        "UgxAbC123.9zYx",
        ItemKind.REPLY,
        "",
        datetime.now(UTC),
        parent_id="UgxAbC123",
        thread_id="dQw4w9WgXcQ",
    )
    result = connector_for("youtube").reply(
        account=Account(CHANNEL, "t"), item=item, text="Kiitos palautteesta!"
    )
    request, _ = api.log[0]
    assert json.loads(request.data) == {
        "snippet": {"parentId": "UgxAbC123", "textOriginal": "Kiitos palautteesta!"}
    }
    assert result.permalink == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxAbC123.AAA"


def test_daily_figures_from_analytics(api: HTTPServer, db: None) -> None:
    api.expect_request("/youtube/v3/channels").respond_with_json(
        {
            "items": [
                {
                    "id": CHANNEL,
                    "statistics": {
                        "viewCount": "123456",
                        "subscriberCount": "4821",
                        "hiddenSubscriberCount": False,
                        "videoCount": "87",
                    },
                }
            ]
        }
    )
    api.expect_request("/v2/reports").respond_with_json(
        {
            "kind": "youtubeAnalytics#resultTable",
            "columnHeaders": [
                {"name": n, "columnType": "METRIC", "dataType": "INTEGER"}
                for n in [
                    "day",
                    "views",
                    "estimatedMinutesWatched",
                    "likes",
                    "comments",
                    "shares",
                    "subscribersGained",
                    "subscribersLost",
                ]
            ],
            "rows": [["2026-03-01", 950, 1200, 40, 12, 5, 9, 2]],
        }
    )
    points = {
        p.metric: p.value
        for p in connector_for("youtube").daily_metrics(
            account=Account(CHANNEL, "t"), day=date(2026, 3, 1)
        )
    }
    assert points["followers"] == 4821
    assert points["video_views"] == 950
    assert points["watch_hours"] == 20
    assert points["interactions"] == 57
    assert points["new_followers"] == 7


def test_no_webhook_for_youtube(api: HTTPServer, db: None) -> None:
    assert (
        Client().post("/webhooks/youtube/", data=b"{}", content_type="application/json").status_code
        == 404
    )
    assert not Message.objects.exists()
