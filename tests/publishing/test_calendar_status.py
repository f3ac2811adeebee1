"""The calendar feed's STATUS says how settled a post is (RFC 5545 §3.8.1.11): a draft is
TENTATIVE, never CONFIRMED; a withdrawn post is CANCELLED so calendars drop it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from someluotsi.publishing import calendar as cal
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.models import Post
from tests.publishing.conftest import World

EXPECTED = {
    PostStatus.DRAFT: "TENTATIVE",
    PostStatus.IN_REVIEW: "TENTATIVE",
    PostStatus.FAILED: "TENTATIVE",
    PostStatus.APPROVED: "CONFIRMED",
    PostStatus.SCHEDULED: "CONFIRMED",
    PostStatus.PUBLISHED: "CONFIRMED",
    PostStatus.WITHDRAWN: "CANCELLED",
}


def test_every_status_has_its_ics_status() -> None:
    assert set(EXPECTED) == set(PostStatus)
    assert {status: cal.ics_status(status) for status in PostStatus} == EXPECTED


@pytest.mark.parametrize("status", [PostStatus.DRAFT, PostStatus.SCHEDULED, PostStatus.WITHDRAWN])
def test_the_feed_marks_each_post_by_its_status(
    world: World, make_post: Callable[..., Post], status: PostStatus
) -> None:
    post = make_post()
    Post.objects.filter(pk=post.pk).update(status=status)
    token = cal.feed_token_create(user=world.updater)
    body = Client().get(reverse("publishing:feed", args=[token]))
    events = Calendar.from_ical(body.content).walk("VEVENT")
    assert [str(e["status"]) for e in events] == [EXPECTED[status]]
