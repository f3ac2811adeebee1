"""The publishing calendar: month, week and list over the posts a person may see, and the
per-person iCalendar feed (RFC 5545, with the icalendar library) behind a revocable secret."""

from __future__ import annotations

import calendar as pycalendar
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from someluotsi.core.dates import parse_query_date
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.models import CalendarFeedToken, Post
from someluotsi.publishing.selectors import post_list_for_user

VIEWS = ("month", "week", "list")
FEED_PAST_DAYS = 90
FEED_FUTURE_DAYS = 365


@dataclass(frozen=True)
class Filters:
    channel: int | None = None
    unit: int | None = None
    campaign: int | None = None
    status: str = ""


def filtered(posts: QuerySet[Post], filters: Filters) -> QuerySet[Post]:
    if filters.channel:
        posts = posts.filter(targets__channel_id=filters.channel)
    if filters.unit:
        posts = posts.filter(Q(unit_id=filters.unit) | Q(targets__channel__unit_id=filters.unit))
    if filters.campaign:
        posts = posts.filter(campaign_id=filters.campaign)
    if filters.status in PostStatus.values:
        posts = posts.filter(status=filters.status)
    return posts.distinct()


def post_moment(post: Post) -> datetime | None:
    """Where a post sits in the calendar: when it went out, else when it is planned."""
    return post.published_at or post.scheduled_at


def in_range(posts: QuerySet[Post], start: date, end: date) -> list[Post]:
    """Posts planned or published on days start ≤ day < end (local time)."""
    tz = timezone.get_current_timezone()
    low = datetime.combine(start, time.min, tzinfo=tz)
    high = datetime.combine(end, time.min, tzinfo=tz)
    chosen = posts.filter(
        Q(published_at__gte=low, published_at__lt=high)
        | Q(published_at__isnull=True, scheduled_at__gte=low, scheduled_at__lt=high)
    )
    return sorted(chosen, key=lambda p: (post_moment(p) or high, p.pk))


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    today: bool
    posts: list[Post]


def by_day(posts: Iterable[Post]) -> dict[date, list[Post]]:
    days: dict[date, list[Post]] = defaultdict(list)
    for post in posts:
        moment = post_moment(post)
        if moment is not None:
            days[timezone.localdate(moment)].append(post)
    return days


def month_weeks(year: int, month: int, posts: QuerySet[Post]) -> list[list[Day]]:
    """The month as weeks Monday–Sunday, with the days of the neighbouring months greyed."""
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = by_day(in_range(posts, weeks[0][0], weeks[-1][-1] + timedelta(days=1)))
    today = timezone.localdate()
    return [[Day(d, d.month == month, d == today, days.get(d, [])) for d in week] for week in weeks]


def week_days(monday: date, posts: QuerySet[Post]) -> list[Day]:
    days = by_day(in_range(posts, monday, monday + timedelta(days=7)))
    today = timezone.localdate()
    return [
        Day(monday + timedelta(days=i), True, monday + timedelta(days=i) == today,
            days.get(monday + timedelta(days=i), []))
        for i in range(7)
    ]  # fmt: skip


def parse_day(value: str | None, default: date) -> date:
    """The `day` of a calendar address: `default` when absent; a 400 with a message when it is
    not a date or lies outside the sensible years (core.dates), never an overflow."""
    return parse_query_date(value, default) or default


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_token_create(*, user: User) -> str:
    """A new secret for the person's feed (older ones are revoked); shown once, stored hashed."""
    feed_token_revoke(user=user)
    token = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.create(user=user, token_hash=_hash(token))
    audit_record(actor=user, action="calendar.feed_created", target=user)
    return token


@transaction.atomic
def feed_token_revoke(*, user: User) -> int:
    revoked = CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit_record(actor=user, action="calendar.feed_revoked", target=user)
    return revoked


def feed_user(token: str) -> User | None:
    """The active person whose live token this is, or None (unknown or revoked)."""
    if not token or len(token) > 100:
        return None
    row = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(hours=1):
        CalendarFeedToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def feed_active(*, user: User) -> bool:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).exists()


# A post's iCalendar STATUS (RFC 5545 §3.8.1.11): only a post that is approved, scheduled or out
# is CONFIRMED; a draft, one in review or one that failed may still change (TENTATIVE); a
# withdrawn post stays in the feed as CANCELLED, so that calendars drop the event they had.
ICS_CONFIRMED = frozenset({PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.PUBLISHED})


def ics_status(status: str) -> str:
    if status == PostStatus.WITHDRAWN:
        return "CANCELLED"
    return "CONFIRMED" if status in ICS_CONFIRMED else "TENTATIVE"


def feed_ics(*, user: User, status_label: dict[str, str], base_url: str) -> bytes:
    """The person's posts from 90 days back to a year ahead as VEVENTs of 15 minutes; each
    event's URL is absolute (`base_url`, e.g. https://someluotsi.kokkola.fi): a calendar app
    has no page to resolve a relative one against."""
    today = timezone.localdate()
    posts = in_range(
        post_list_for_user(user=user),
        today - timedelta(days=FEED_PAST_DAYS),
        today + timedelta(days=FEED_FUTURE_DAYS),
    )
    cal = Calendar()
    cal.add("prodid", "-//Someluotsi//publishing calendar//FI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Someluotsi")
    base = base_url.rstrip("/")
    for post in posts:
        moment = post_moment(post)
        if moment is None:
            continue
        channels = ", ".join(t.channel.name for t in post.targets.all())
        event = Event()
        event.add("uid", f"post-{post.pk}@someluotsi")
        event.add("dtstamp", post.updated_at)
        event.add("dtstart", moment)
        event.add("dtend", moment + timedelta(minutes=15))
        event.add("summary", f"[{status_label.get(post.status, post.status)}] {post.title}")
        event.add("description", f"{channels}\n\n{post.text[:500]}")
        event.add("url", f"{base}{reverse('publishing:post', args=[post.pk])}")
        event.add("status", ics_status(post.status))
        cal.add_component(event)
    body: bytes = cal.to_ical()
    return body
