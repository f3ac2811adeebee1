"""Publishing at the scheduled time: through a connector (a stand-in for the contract here;
the sandbox connector in the end-to-end tests), retries with back-off, failure and retry,
publishing by hand, withdrawal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from someluotsi.metrics.enums import Metric
from someluotsi.metrics.models import MetricValue
from someluotsi.notifications.models import Notification
from someluotsi.publishing import delivery, platforms, services
from someluotsi.publishing.enums import Delivery, PostStatus
from someluotsi.publishing.models import Post
from someluotsi.publishing.tasks import publishing_publish_due
from tests.helpers import wait_until
from tests.publishing.conftest import FakePlatform, World, scheduled


def _approved(world: World, make_post: Callable[..., Post], **kw: object) -> Post:
    post = make_post(**kw)
    services.post_submit(actor=world.updater, post=post)
    services.post_approve(actor=world.mavi, post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    return post


def test_due_post_is_published_recorded_and_counted(
    world: World, make_post: Callable[..., Post], fake_platform: FakePlatform
) -> None:
    post = _approved(world, make_post)
    assert publishing_publish_due.apply().get() == 0  # not yet
    with time_machine.travel(scheduled(post) + timedelta(seconds=30)):
        assert publishing_publish_due.apply().get() == 1
        assert publishing_publish_due.apply().get() == 0  # claimed once
    post.refresh_from_db()
    target = post.targets.get()
    assert post.status == PostStatus.PUBLISHED
    assert target.platform_post_id.startswith("9007199254740993")  # a string, beyond 2**53
    assert target.permalink == "https://platform.example/facebook/1"
    sent = fake_platform.outgoing[0]
    assert "Uimahalli avataan" in sent.text
    assert "Simhallen öppnar" in sent.text
    world.city.refresh_from_db()
    assert world.city.last_post_at == target.published_at
    day = timezone.localdate(target.published_at)
    counted = MetricValue.objects.get(channel=world.city, day=day, metric=Metric.POSTS)
    assert counted.value == 1


def test_retryable_error_backs_off_then_publishes_once(
    world: World, make_post: Callable[..., Post], fake_platform: FakePlatform
) -> None:
    post = _approved(world, make_post)
    fake_platform.failures = [
        platforms.PlatformError("throttled", "Slow down", retryable=True, retry_after=120)
    ]
    moment = scheduled(post) + timedelta(seconds=1)
    with time_machine.travel(moment, tick=False):
        publishing_publish_due.apply()
        target = post.targets.get()
        assert target.delivery == Delivery.RETRY
        assert target.next_attempt_at == moment + timedelta(seconds=120)
        assert publishing_publish_due.apply().get() == 0  # waits for its time
    with time_machine.travel(moment + timedelta(seconds=121)):
        assert publishing_publish_due.apply().get() == 1
    target.refresh_from_db()
    assert target.delivery == Delivery.PUBLISHED
    assert target.attempts == 2
    assert len(fake_platform.published) == 1


def test_backoff_doubles_with_jitter_and_caps() -> None:
    assert 48 <= delivery.backoff(1) <= 72
    assert 96 <= delivery.backoff(2) <= 144
    assert delivery.backoff(30) <= 3600 * 1.2
    assert delivery.backoff(3, retry_after=7) == 7


def test_failure_keeps_the_post_and_tells_author_and_approver_in_their_language(
    world: World,
    make_post: Callable[..., Post],
    fake_platform: FakePlatform,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    post = _approved(world, make_post)
    fake_platform.failures = [
        platforms.PlatformError("rejected", "Duplicate post", retryable=False)
    ]
    with (
        time_machine.travel(scheduled(post) + timedelta(seconds=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        publishing_publish_due.apply()
    post.refresh_from_db()
    assert post.status == PostStatus.FAILED
    assert post.targets.get().last_error_code == "rejected"
    to_author = Notification.objects.get(recipient=world.updater, subject__contains="Julkaisu")
    to_approver = Notification.objects.get(recipient=world.mavi, subject__contains="Publicering")
    assert post.title in to_author.subject
    assert post.title in to_approver.subject
    services.post_retry(actor=world.updater, post=post)
    publishing_publish_due.apply()
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_attempts_run_out_and_the_copy_fails(
    world: World, make_post: Callable[..., Post], fake_platform: FakePlatform
) -> None:
    post = _approved(world, make_post)
    error = platforms.PlatformError("unavailable", "Down", retryable=True)
    fake_platform.failures = [error] * delivery.MAX_ATTEMPTS
    moment = scheduled(post)
    for _attempt in range(delivery.MAX_ATTEMPTS):
        moment += timedelta(hours=2)
        with time_machine.travel(moment):
            publishing_publish_due.apply()
    target = post.targets.get()
    assert target.delivery == Delivery.FAILED
    assert target.attempts == delivery.MAX_ATTEMPTS
    assert Post.objects.get(pk=post.pk).status == PostStatus.FAILED


def test_without_a_connection_the_post_is_published_by_hand(
    world: World,
    make_post: Callable[..., Post],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    post = _approved(world, make_post)
    with time_machine.travel(scheduled(post) + timedelta(seconds=1)):
        with django_capture_on_commit_callbacks(execute=True):
            publishing_publish_due.apply()
        target = post.targets.get()
        assert target.delivery == Delivery.BY_HAND
        assert Notification.objects.filter(recipient=world.updater).exists()
        with pytest.raises(Exception, match="https://"):
            services.target_record_by_hand(
                actor=world.updater, target=target, permalink="javascript:alert(1)"
            )
        services.target_record_by_hand(
            actor=world.updater, target=target, permalink="https://www.facebook.com/kokkola/1"
        )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert post.targets.get().published_by_hand


@pytest.mark.django_db(transaction=True)
def test_withdrawing_a_published_post_deletes_it_on_the_platform_and_keeps_the_record(
    world: World,
    make_post: Callable[..., Post],
    fake_platform: FakePlatform,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    post = _approved(world, make_post)
    with time_machine.travel(scheduled(post) + timedelta(seconds=1)):
        publishing_publish_due.apply()
    platform_id = post.targets.get().platform_post_id
    with django_capture_on_commit_callbacks(execute=True):
        services.post_withdraw(actor=world.updater, post=post, reason="Väärä päivämäärä.")
    assert wait_until(lambda: post.targets.get().delivery == Delivery.WITHDRAWN)
    assert fake_platform.deleted == [platform_id]
    target = post.targets.get()
    assert target.permalink  # the record is kept
    assert Post.objects.get(pk=post.pk).status == PostStatus.WITHDRAWN


def test_correction_keeps_the_original(
    world: World, make_post: Callable[..., Post], fake_platform: FakePlatform
) -> None:
    post = _approved(world, make_post)
    with time_machine.travel(scheduled(post) + timedelta(seconds=1)):
        publishing_publish_due.apply()
    post.refresh_from_db()
    original = post.text
    correction = services.post_correct(
        actor=world.updater,
        post=post,
        corrected_text="Uimahalli avataan tiistaina.",
        note="Avauspäivä oli väärin.",
    )
    post.refresh_from_db()
    assert post.text == "Uimahalli avataan tiistaina."
    assert correction.original_text == original
    assert "Avauspäivä oli väärin." in services.correction_marked_text(correction)


def test_idempotency_key_is_stable_per_copy(world: World, make_post: Callable[..., Post]) -> None:
    target = make_post().targets.get()
    assert delivery.idempotency_key(target) == delivery.idempotency_key(target)
    assert str(target.channel_id) in delivery.idempotency_key(target)
