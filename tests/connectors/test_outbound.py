"""The publishing contract (CONTRACT-publish.md) on the sandbox platform."""

from __future__ import annotations

import pytest

from someluotsi.connectors import outbound
from someluotsi.connectors.enums import ConnectionStatus
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import OutboundAction, SandboxItem
from tests.connectors.conftest import World

POST = outbound.OutboundPost(text="Kirjasto on auki juhannuksena – biblioteket är öppet.")


def test_channel_can_publish_when_connected_to_the_sandbox(world: World) -> None:
    assert outbound.channel_can_publish(channel=world.channel) is False
    world.connect_sandbox()
    assert outbound.channel_can_publish(channel=world.channel) is True


def test_channel_can_publish_is_false_when_the_connection_expired(world: World) -> None:
    connection = world.connect_sandbox()
    connection.status = ConnectionStatus.EXPIRED
    connection.save()
    assert outbound.channel_can_publish(channel=world.channel) is False


def test_post_publish_lands_on_the_platform_once_per_idempotency_key(world: World) -> None:
    world.connect_sandbox()
    first = outbound.post_publish(channel=world.channel, post=POST, idempotency_key="draft-7")
    again = outbound.post_publish(channel=world.channel, post=POST, idempotency_key="draft-7")
    assert again == first
    posts = SandboxItem.objects.filter(kind="post", from_account=True)
    assert [p.item_id for p in posts] == [first.platform_post_id]
    assert isinstance(first.platform_post_id, str)
    assert int(first.platform_post_id) > 2**53
    assert first.published_at.tzinfo is not None
    world.channel.refresh_from_db()
    assert world.channel.last_post_at == first.published_at


def test_post_publish_with_a_first_comment(world: World) -> None:
    world.connect_sandbox()
    post = outbound.OutboundPost(text="Uusi uimahalli", first_comment="Lisätietoa: kokkola.fi")
    published = outbound.post_publish(channel=world.channel, post=post, idempotency_key="k1")
    comment = SandboxItem.objects.get(thread_id=published.platform_post_id)
    assert comment.text == "Lisätietoa: kokkola.fi"
    assert comment.from_account


def test_post_publish_refuses_when_not_connected(world: World) -> None:
    with pytest.raises(ConnectorError) as caught:
        outbound.post_publish(channel=world.channel, post=POST, idempotency_key="x")
    assert caught.value.code == "not_connected"
    assert caught.value.retryable is False
    assert caught.value.user_message()


def test_post_publish_refuses_media_without_alt_text(world: World) -> None:
    world.connect_sandbox()
    media = outbound.OutboundMedia(b"\xff\xd8", "image/jpeg", alt_text=" ", filename="a.jpg")
    with pytest.raises(ConnectorError) as caught:
        outbound.post_publish(
            channel=world.channel, post=outbound.OutboundPost("Kuva", media=(media,)),
            idempotency_key="m",
        )  # fmt: skip
    assert caught.value.code == "rejected"
    assert not SandboxItem.objects.filter(kind="post").exists()


def test_post_delete_withdraws_and_tolerates_a_post_already_gone(world: World) -> None:
    world.connect_sandbox()
    published = outbound.post_publish(channel=world.channel, post=POST, idempotency_key="d")
    outbound.post_delete(channel=world.channel, platform_post_id=published.platform_post_id)
    assert SandboxItem.objects.get(item_id=published.platform_post_id).deleted
    outbound.post_delete(channel=world.channel, platform_post_id=published.platform_post_id)
    outbound.post_delete(channel=world.channel, platform_post_id="999")  # never existed
    assert OutboundAction.objects.filter(kind="delete_post", status="done").count() == 2


def test_post_limits_are_pure_data_for_every_connector() -> None:
    limits = outbound.post_limits(platform="sandbox")
    assert limits.max_text_chars > 0
    assert limits.max_media >= 0
    with pytest.raises(ConnectorError):
        outbound.post_limits(platform="myspace")


def test_a_failed_publish_is_audited_and_worded(world: World) -> None:
    world.connect_sandbox()
    long_post = outbound.OutboundPost(text="x" * 6000)
    with pytest.raises(ConnectorError) as caught:
        outbound.post_publish(channel=world.channel, post=long_post, idempotency_key="long")
    assert caught.value.code == "rejected"
    action = OutboundAction.objects.get(kind="publish")
    assert action.status == "failed"
    assert action.error_code == "rejected"
