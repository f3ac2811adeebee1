"""Getting approved posts onto the platforms at their time, run by tasks (never a request).

`publishing_due` (every minute) claims each channel copy whose time has come: connected channels
are published through the connectors' contract (`platforms.py`) with retries and back-off kept
in the database (`next_attempt_at`, so they survive restarts and work with eager tasks too);
channels without a connection are handed to a person to publish by hand. A copy that runs out of
attempts fails; the post fails, its author and approvers are told in their language, and it waits
for "try again". Every published copy records its platform id and permalink and counts in the
channel's activity and metrics.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from someluotsi.channels.services import channel_note_published
from someluotsi.metrics.services import metric_value_count_post
from someluotsi.publishing import platforms
from someluotsi.publishing.composing import combined_text
from someluotsi.publishing.enums import Delivery, PostStatus
from someluotsi.publishing.models import Post, PostEvent, PostTarget
from someluotsi.publishing.transitions import notify, transition

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_DELAY = 60.0  # seconds before the second attempt; doubled each time, with jitter
MAX_DELAY = 3600.0
# A copy claimed longer ago than this was lost with its worker: claim it again (the
# idempotency key keeps it from being published twice).
STALE_CLAIM = timedelta(minutes=15)


def backoff(attempts: int, retry_after: float | None = None) -> float:
    """Seconds to wait after `attempts` failed tries: the platform's own wait when it gave one,
    else 60 s doubling up to an hour, with ±20 % jitter so retries do not arrive together."""
    if retry_after is not None and retry_after > 0:
        return float(min(retry_after, 24 * 3600.0))
    delay: float = min(BASE_DELAY * 2.0 ** max(attempts - 1, 0), MAX_DELAY)
    return delay * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not a secret


def idempotency_key(target: PostTarget) -> str:
    """Stable for the copy: a retry after a lost answer never publishes twice."""
    return f"someluotsi-post-{target.post_id}-channel-{target.channel_id}"


def due_targets(now: datetime) -> list[int]:
    """Claim the copies to publish now; returns their ids (each claimed once)."""
    due = PostTarget.objects.filter(
        post__status__in=[PostStatus.SCHEDULED, PostStatus.FAILED],
        post__scheduled_at__lte=now,
    ).filter(
        Q(delivery=Delivery.PENDING, post__status=PostStatus.SCHEDULED)
        | Q(delivery=Delivery.RETRY, next_attempt_at__lte=now)
        | Q(delivery=Delivery.PUBLISHING, claimed_at__lt=now - STALE_CLAIM)
    )
    claimed: list[int] = []
    for target in due.select_related("channel", "post"):
        if not platforms.can_publish(target.channel):
            _hand_over(target, now)
            continue
        updated = PostTarget.objects.filter(pk=target.pk, delivery=target.delivery).update(
            delivery=Delivery.PUBLISHING, claimed_at=now
        )
        if updated:
            claimed.append(target.pk)
    return claimed


@transaction.atomic
def _hand_over(target: PostTarget, now: datetime) -> None:
    """No connection: a person publishes the copy and records its address."""
    if not PostTarget.objects.filter(pk=target.pk, delivery=target.delivery).update(
        delivery=Delivery.BY_HAND, claimed_at=now
    ):
        return
    post = target.post
    PostEvent.objects.create(post=post, action="by_hand", channel=target.channel)
    audit_record(
        actor=None, action="post.by_hand", target=post, data={"channel": target.channel_id}
    )
    people = [post.author] + [
        t.approved_by for t in post.targets.all() if t.approved_by_id and t.pk == target.pk
    ]
    title, channel = post.title, str(target.channel)
    notify(
        [p for p in people if p is not None],
        post,
        lambda: (
            _("Publish by hand now on %(channel)s: %(title)s")
            % {"channel": channel, "title": title}
        ),
    )


def outgoing_for(target: PostTarget) -> platforms.Outgoing:
    """The copy as the connector gets it: the variant or the bilingual text, the media read
    from storage with their alt texts."""
    post = target.post
    media = []
    for asset in post.assets.all():
        with asset.file.open("rb") as handle:
            content = handle.read()
        media.append(
            platforms.MediaFile(
                content=content,
                content_type=asset.content_type,
                alt_text=asset.alt_text,
                filename=f"{asset.pk}-{asset.original_name}"[:200],
            )
        )
    return platforms.Outgoing(
        text=target.text or combined_text(post.text, post.text_sv),
        link=(target.link or post.link) or None,
        media=tuple(media),
        first_comment=(target.first_comment or post.first_comment) or None,
    )


def target_publish(target_id: int) -> str:
    """One attempt at one claimed copy; returns its delivery state afterwards."""
    target = (
        PostTarget.objects.select_related("channel", "post", "post__author")
        .filter(pk=target_id, delivery=Delivery.PUBLISHING)
        .first()
    )
    if target is None:
        return "skipped"
    if target.post.status not in (PostStatus.SCHEDULED, PostStatus.FAILED):
        PostTarget.objects.filter(pk=target.pk).update(delivery=Delivery.PENDING)
        return "skipped"
    PostTarget.objects.filter(pk=target.pk).update(attempts=target.attempts + 1)
    target.attempts += 1
    try:
        result = platforms.publish(
            target.channel, outgoing_for(target), idempotency_key=idempotency_key(target)
        )
    except platforms.PlatformError as exc:
        return target_attempt_failed(target, exc.code, exc.message, exc.retryable, exc.retry_after)
    except Exception as exc:
        logger.exception("publishing post target %s failed", target.pk)
        return target_attempt_failed(target, "error", type(exc).__name__, True, None)
    target_published(
        target,
        platform_post_id=result.platform_post_id,
        permalink=result.permalink,
        at=result.published_at,
        actor=None,
    )
    return Delivery.PUBLISHED


@transaction.atomic
def target_published(
    target: PostTarget,
    *,
    platform_post_id: str,
    permalink: str,
    at: datetime,
    actor: User | None,
) -> None:
    """Record a copy as published (by a connector or by hand) and count it for its channel."""
    target.delivery = Delivery.PUBLISHED
    target.platform_post_id = platform_post_id[:200]
    target.permalink = permalink[:1000]
    target.published_at = at
    target.last_error = target.last_error_code = ""
    target.next_attempt_at = None
    target.save()
    channel_note_published(channel=target.channel, at=at)
    metric_value_count_post(channel=target.channel, day=timezone.localdate(at))
    post = target.post
    PostEvent.objects.create(
        post=post,
        actor=actor,
        action="published_by_hand" if target.published_by_hand else "published_channel",
        channel=target.channel,
        note=target.permalink,
    )
    audit_record(
        actor=actor,
        action="post.channel_published",
        target=post,
        data={
            "channel": target.channel_id,
            "platform_post_id": target.platform_post_id,
            "by_hand": target.published_by_hand,
        },
    )
    settle(post)


@transaction.atomic
def target_attempt_failed(
    target: PostTarget, code: str, message: str, retryable: bool, retry_after: float | None
) -> str:
    """A failed attempt: wait and retry while attempts remain, else fail the copy."""
    target.last_error_code = code[:50]
    target.last_error = message[:500]
    if retryable and target.attempts < MAX_ATTEMPTS:
        target.delivery = Delivery.RETRY
        target.next_attempt_at = timezone.now() + timedelta(
            seconds=backoff(target.attempts, retry_after)
        )
        target.save()
        return Delivery.RETRY
    target.delivery = Delivery.FAILED
    target.next_attempt_at = None
    target.save()
    post = target.post
    PostEvent.objects.create(
        post=post, action="failed_channel", channel=target.channel, note=f"{code}: {message}"
    )
    audit_record(
        actor=None,
        action="post.channel_failed",
        target=post,
        data={"channel": target.channel_id, "code": code, "attempts": target.attempts},
    )
    settle(post)
    return Delivery.FAILED


def settle(post: Post) -> None:
    """The post follows its copies: published when all are out, failed when one failed and
    none is still on its way. On failure the author and approvers are told."""
    post.refresh_from_db()
    states = set(post.targets.values_list("delivery", flat=True))
    on_the_way = {Delivery.PENDING, Delivery.PUBLISHING, Delivery.RETRY, Delivery.BY_HAND}
    if states == {Delivery.PUBLISHED} and post.status != PostStatus.PUBLISHED:
        first = post.targets.order_by("published_at").values_list("published_at", flat=True)
        post.published_at = first.first()
        post.save(update_fields=["published_at", "updated_at"])
        transition(post, PostStatus.PUBLISHED, actor=None)
        title = post.title
        notify([post.author], post, lambda: _("Your post was published: %s") % title)
    elif (
        Delivery.FAILED in states
        and not states & on_the_way
        and post.status == PostStatus.SCHEDULED
    ):
        transition(post, PostStatus.FAILED, actor=None)
        approvers = [t.approved_by for t in post.targets.all() if t.approved_by is not None]
        title = post.title
        notify(
            [post.author, *approvers],
            post,
            lambda: _("Publishing failed; the post waits for you to try again: %s") % title,
        )


def target_delete(target_id: int) -> str:
    """Delete a withdrawn copy on its platform; a refusal is recorded and retried by hand."""
    target = (
        PostTarget.objects.select_related("channel", "post")
        .filter(pk=target_id, delivery=Delivery.DELETING)
        .first()
    )
    if target is None:
        return "skipped"
    try:
        platforms.delete(target.channel, target.platform_post_id)
    except platforms.PlatformError as exc:
        PostTarget.objects.filter(pk=target.pk).update(
            last_error_code=exc.code[:50], last_error=exc.message[:500]
        )
        if exc.retryable:
            raise
        PostEvent.objects.create(
            post=target.post,
            action="delete_failed",
            channel=target.channel,
            note=f"{exc.code}: {exc.message}",
        )
        return "failed"
    with transaction.atomic():
        PostTarget.objects.filter(pk=target.pk).update(delivery=Delivery.WITHDRAWN)
        PostEvent.objects.create(post=target.post, action="deleted_channel", channel=target.channel)
        audit_record(
            actor=None,
            action="post.channel_deleted",
            target=target.post,
            data={"channel": target.channel_id, "platform_post_id": target.platform_post_id},
        )
    return Delivery.WITHDRAWN
