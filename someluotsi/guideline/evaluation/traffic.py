"""A seeded simulator of citizens' messages on the city's channels, with storms injected.

Normal traffic is what makes storm detection hard, so it is bursty on purpose: a daily rhythm
(quiet nights, busy afternoons and evenings, calmer weekends), busier and quieter days, most
messages arriving as comment waves under the channel's posts, some posts far more negative than
others (a road-works notice), regular commenters and newcomers, and a rare threat. Storms come
in shapes seen in practice: a sudden wave, a slow build-up, a brigade of newcomers, one person
flooding the channel, a cluster of threats, a storm in the night, a small storm on a small
channel. Same seed, same traffic.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from someluotsi.guideline.storms.detector import HELSINKI, Event


class StormShape(StrEnum):
    SHARP = "sharp"  # a sudden wave that decays over hours
    RAMP = "ramp"  # builds up over two to three hours
    BRIGADE = "brigade"  # newcomers arriving together, nearly all negative
    FLOOD = "flood"  # one or two people posting again and again
    THREATS = "threats"  # threats among an angry wave
    NIGHT = "night"  # a sudden wave in the small hours
    SMALL = "small"  # a storm proportionate to a small channel


@dataclass(frozen=True)
class ChannelProfile:
    name: str
    per_day: float  # messages on an ordinary weekday
    posts_per_day: float
    negative_share: float = 0.12
    new_author_share: float = 0.3


CITY_CHANNELS: tuple[ChannelProfile, ...] = (
    ChannelProfile("facebook-kokkola", 60, 2.0, 0.14),
    ChannelProfile("instagram-kokkola", 25, 1.2, 0.06),
    ChannelProfile("x-kokkola", 8, 1.5, 0.18),
    ChannelProfile("linkedin-kokkola", 3, 0.6, 0.04),
    ChannelProfile("youtube-kokkola", 2, 0.3, 0.08),
    ChannelProfile("facebook-karleby", 12, 1.0, 0.12),
    ChannelProfile("facebook-library", 6, 1.0, 0.05),
    ChannelProfile("facebook-sports", 10, 1.0, 0.10),
    ChannelProfile("instagram-youth", 8, 0.8, 0.08),
    ChannelProfile("facebook-technical", 15, 0.7, 0.22),
    ChannelProfile("facebook-health", 9, 0.6, 0.15),
    ChannelProfile("facebook-schools", 7, 0.7, 0.12),
)


@dataclass(frozen=True)
class Storm:
    channel: str
    shape: StormShape
    onset: datetime
    end: datetime
    messages: int


@dataclass
class Traffic:
    start: datetime  # first day of the evaluated period (after the warm-up)
    days: int
    events: dict[str, list[Event]] = field(default_factory=dict)
    storms: list[Storm] = field(default_factory=list)


def _hour_weight(moment: datetime) -> float:
    """Relative activity by local hour and weekday; mean over the week is about one."""
    local = moment.astimezone(HELSINKI)
    hour = local.hour
    if hour < 6:
        weight = 0.12
    elif hour < 8:
        weight = 0.5
    elif hour < 16:
        weight = 1.3
    elif hour < 22:
        weight = 1.5
    else:
        weight = 0.6
    return weight * (0.75 if local.weekday() >= 5 else 1.0) * 1.15


class _Authors:
    """Regular commenters (a few very active), plus a fresh name for every newcomer."""

    def __init__(self, rng: random.Random, channel: str, regulars: int) -> None:
        self.rng = rng
        self.channel = channel
        self.regulars = [f"{channel}-r{i}" for i in range(max(5, regulars))]
        self.weights = [1 / (i + 1) ** 0.8 for i in range(len(self.regulars))]
        self.fresh = 0

    def pick(self, new_share: float) -> str:
        if self.rng.random() < new_share:
            return self.newcomer()
        return self.rng.choices(self.regulars, self.weights)[0]

    def newcomer(self) -> str:
        self.fresh += 1
        return f"{self.channel}-n{self.fresh}"


def _normal_day(
    rng: random.Random, profile: ChannelProfile, day: datetime, authors: _Authors
) -> list[Event]:
    events: list[Event] = []
    busy = rng.gammavariate(6, 1 / 6)  # busier and quieter days
    weekend = day.weekday() >= 5
    # A third as a steady trickle across the day's hours.
    for hour in range(24):
        moment = day + timedelta(hours=hour)
        mean = profile.per_day / 3 / 24 * _hour_weight(moment) * busy
        for _ in range(_poisson(rng, mean)):
            at = moment + timedelta(seconds=rng.uniform(0, 3600))
            negative = rng.random() < profile.negative_share
            events.append(_event(rng, at, authors, profile.new_author_share, negative))
    # Two thirds as comment waves under the day's posts.
    posts = _poisson(rng, profile.posts_per_day * (0.5 if weekend else 1.0))
    for _ in range(posts):
        published = day + timedelta(hours=rng.uniform(8, 20))
        size = profile.per_day * 2 / 3 / max(profile.posts_per_day, 0.1) * busy
        count = _poisson(rng, size * rng.lognormvariate(-0.3, 0.8))
        # Some posts are far more divisive than others (mean stays near the channel's share).
        divisive = rng.betavariate(1.2, 1.2 / profile.negative_share - 1.2)
        half_life = rng.uniform(40, 180)
        for _ in range(count):
            at = published + timedelta(minutes=rng.expovariate(math.log(2) / half_life))
            negative = rng.random() < divisive
            events.append(_event(rng, at, authors, profile.new_author_share, negative))
    return events


def _event(
    rng: random.Random, at: datetime, authors: _Authors, new_share: float, negative: bool
) -> Event:
    threat = negative and rng.random() < 0.004
    return Event(at=at, author=authors.pick(new_share), negative=negative, threat=threat)


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method for small means, a rounded normal for large ones."""
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, count = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        count += 1
    return count


def _storm_events(
    rng: random.Random,
    profile: ChannelProfile,
    shape: StormShape,
    onset: datetime,
    authors: _Authors,
) -> tuple[list[Event], datetime]:
    """The storm's own messages (on top of normal traffic) and its end."""
    peak_hourly = profile.per_day / 24 * 1.5
    # Intensity per hour at the peak: big channels get big storms, small channels still notice.
    rate = max(12.0, rng.uniform(8, 20) * peak_hourly)
    events: list[Event] = []
    hours = rng.uniform(2, 6)
    negative_share = rng.uniform(0.6, 0.85)
    new_share = 0.7
    if shape is StormShape.SMALL:
        rate, hours = rng.uniform(8, 12), rng.uniform(2, 4)
    if shape is StormShape.BRIGADE:
        rate, new_share, negative_share = rate * 0.7, 0.95, 0.9
    end = onset + timedelta(hours=hours)

    def intensity(elapsed_h: float) -> float:
        if shape is StormShape.RAMP:
            return rate * min(1.0, elapsed_h / 2.5)
        return rate * (0.5 ** max(0.0, elapsed_h - 1) if elapsed_h > 1 else 1.0)

    minute = 0
    total_minutes = int(hours * 60)
    while minute < total_minutes:
        mean = intensity(minute / 60) / 60
        for _ in range(_poisson(rng, mean)):
            at = onset + timedelta(minutes=minute, seconds=rng.uniform(0, 60))
            negative = rng.random() < negative_share
            events.append(_event(rng, at, authors, new_share, negative))
        minute += 1
    if shape is StormShape.FLOOD:
        flooders = [authors.newcomer() for _ in range(rng.randint(1, 2))]
        for name in flooders:
            at = onset
            while at < end:
                events.append(Event(at=at, author=name, negative=rng.random() < 0.9))
                at += timedelta(minutes=rng.uniform(2, 5))
        events = [e for e in events if e.author in flooders or rng.random() < 0.3]
    if shape is StormShape.THREATS:
        for _ in range(rng.randint(3, 5)):
            at = onset + timedelta(minutes=rng.uniform(0, 40))
            events.append(Event(at=at, author=authors.newcomer(), negative=True, threat=True))
    first = min((e.at for e in events), default=onset)
    return [e for e in events if e.at >= first], end


def simulate(
    *,
    seed: int,
    days: int = 30,
    warmup_days: int = 28,
    storms_per_channel: float = 1.5,
    channels: tuple[ChannelProfile, ...] = CITY_CHANNELS,
    start: datetime | None = None,
) -> Traffic:
    """`warmup_days` of normal traffic for the baseline, then `days` with storms injected."""
    rng = random.Random(seed)  # noqa: S311 - reproducible simulation, not secrets
    first_day = start or datetime(2026, 3, 2, tzinfo=HELSINKI)  # a Monday
    evaluated = first_day + timedelta(days=warmup_days)
    traffic = Traffic(start=evaluated, days=days)
    for profile in channels:
        authors = _Authors(rng, profile.name, regulars=int(profile.per_day * 8))
        events: list[Event] = []
        for offset in range(warmup_days + days):
            day = (first_day + timedelta(days=offset)).replace(hour=0, minute=0)
            events.extend(_normal_day(rng, profile, day, authors))
        for _ in range(_poisson(rng, storms_per_channel)):
            shape = rng.choice(list(StormShape))
            onset_day = evaluated + timedelta(days=rng.randrange(days - 1))
            hour = rng.uniform(0.5, 5) if shape is StormShape.NIGHT else rng.uniform(7, 21)
            onset = onset_day.replace(hour=0, minute=0) + timedelta(hours=hour)
            if any(
                s.channel == profile.name and abs(s.onset - onset) < timedelta(days=1)
                for s in traffic.storms
            ):
                continue
            storm_events, end = _storm_events(rng, profile, shape, onset, authors)
            if not storm_events:
                continue
            onset = min(e.at for e in storm_events)
            events.extend(storm_events)
            traffic.storms.append(Storm(profile.name, shape, onset, end, len(storm_events)))
        end_of_period = evaluated + timedelta(days=days)
        events = [e for e in events if e.at < end_of_period]
        events.sort(key=lambda e: e.at)
        traffic.events[profile.name] = [
            Event(e.at, e.author, e.negative, e.threat, ref=f"{profile.name}:{i}")
            for i, e in enumerate(events)
        ]
    return traffic
