"""End to end through the connectors' sandbox platform (the real contract, no stand-in): a
bilingual post with an image is approved, goes out at its time with its alt text, lands once on
the platform side, counts for the channel, and a withdrawal deletes it there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from someluotsi.connectors.models import OutboundAction, SandboxItem
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.services import connection_save
from someluotsi.metrics.models import MetricValue
from someluotsi.publishing import services
from someluotsi.publishing.assets import AssetDetails, asset_create
from someluotsi.publishing.enums import Delivery, PostStatus
from someluotsi.publishing.limits import limits_for
from someluotsi.publishing.models import Post
from someluotsi.publishing.tasks import publishing_publish_due
from tests.helpers import wait_until
from tests.publishing.conftest import World, image_bytes, scheduled


@pytest.fixture
def connected(world: World) -> World:
    tokens = SandboxConnector().issue_tokens("sbx-kokkola", "Kokkola")
    connection_save(actor=world.mavi, channel=world.city, platform="sandbox", tokens=tokens)
    return world


def _image(world: World) -> object:
    return asset_create(
        actor=world.updater,
        upload=SimpleUploadedFile("uimahalli.jpg", image_bytes()),
        details=AssetDetails(
            title="Uimahalli",
            alt_text="Uimahallin allas aamulla, kaksi uimaria radoilla.",
            photographer="Viestintä",
            licence="city",
            consent="no_people",
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_post_goes_out_through_the_sandbox_once_and_is_withdrawn_there(
    connected: World,
    make_post: Callable[..., Post],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    world = connected
    post = make_post(assets=[_image(world)])
    services.post_submit(actor=world.updater, post=post)
    services.post_approve(actor=world.mavi, post=post)
    post.refresh_from_db()
    with time_machine.travel(scheduled(post) + timedelta(seconds=5)):
        publishing_publish_due.apply()
        publishing_publish_due.apply()
    post.refresh_from_db()
    target = post.targets.get()
    assert post.status == PostStatus.PUBLISHED, target.last_error
    on_platform = SandboxItem.objects.get(kind="post", from_account=True)
    assert on_platform.item_id == target.platform_post_id
    assert "Simhallen öppnar" in on_platform.text
    assert OutboundAction.objects.filter(kind="publish").count() == 1
    assert MetricValue.objects.filter(channel=world.city, metric="posts").get().value == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.post_withdraw(actor=world.updater, post=post, reason="Peruttu.")
    assert wait_until(lambda: post.targets.get().delivery == Delivery.WITHDRAWN)
    assert SandboxItem.objects.get(item_id=target.platform_post_id).deleted


def test_sandbox_limits_come_from_the_contract(connected: World) -> None:
    assert limits_for("sandbox").max_chars == SandboxConnector.limits.max_text_chars
    assert limits_for("whatsapp").max_chars == 10_000  # no connector: our table


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_publishes_the_due_post(
    connected: World, make_post: Callable[..., Post], require_celery_worker: object
) -> None:
    world = connected
    post = make_post()
    services.post_submit(actor=world.updater, post=post)
    services.post_approve(actor=world.mavi, post=post)
    Post.objects.filter(pk=post.pk).update(scheduled_at=scheduled(post) - timedelta(days=3))
    publishing_publish_due.delay()
    assert wait_until(
        lambda: Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED, timeout=30
    )
    assert SandboxItem.objects.filter(kind="post", from_account=True).count() == 1
