"""Social media storm ("somekohu") detection over one channel's stream of citizens' messages.

A storm (§17) shows as more messages than the hour of the week usually brings, most of them
negative or inappropriate, often from people new to the channel or from a few who post again and
again, sometimes with threats. A popular post also brings many messages, but not negative ones,
so volume alone is never an alarm here; it takes volume together with an unusual negative share,
a cluster of threats, or one author flooding the channel.

The baseline is the channel's own last four weeks per hour of the week (168 buckets), trimmed
of its busiest week so that last week's storm does not hide this week's. Counts in a sliding
window are tested against it with exact Poisson and binomial tails: the smaller the tail
probability, the stronger the evidence. `Sensitivity.alpha` is the threshold.

Pure code over plain data: no database, no clock; times must be timezone-aware.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

from someluotsi.guideline.text.wordlists import load_words

HOURS_IN_WEEK = 168
BASELINE_WEEKS = 4
HELSINKI = ZoneInfo("Europe/Helsinki")
# Smallest expected rate per hour: a channel that is usually silent still has some chance of a
# message, so that its first message is not "infinitely" surprising.
RATE_FLOOR = 0.05
BUSY_SLACK = 3


class Signal(StrEnum):
    VOLUME = "volume"  # many more messages than the hour of the week brings
    NEGATIVE = "negative"  # and an unusual share of them negative or inappropriate
    THREATS = "threats"  # several threats close together (§10.6)
    NEW_AUTHORS = "new_authors"  # most of the negative messages from people new to the channel
    REPEATED_AUTHOR = "repeated_author"  # one author flooding the channel


@dataclass(frozen=True, slots=True)
class Event:
    """One message as the detector sees it."""

    at: datetime
    author: str = ""
    negative: bool = False  # negative tone or inappropriate (§10.4)
    threat: bool = False  # triaged as a threat (§10.6)
    ref: str = ""  # the caller's id for the message, carried into the evidence


@dataclass(frozen=True)
class Sensitivity:
    """How much evidence an alert needs. Lower alpha: fewer alerts, later."""

    alpha: float = 1e-8
    windows_minutes: tuple[int, ...] = (10, 20, 60)
    min_negative: int = 3  # never fewer negative messages in the window than this
    threat_cluster: int = 2  # threats within `threat_minutes`
    threat_minutes: int = 60
    repeat_messages: int = 6  # from one author within `repeat_minutes`
    repeat_minutes: int = 30
    cooldown: timedelta = timedelta(hours=6)  # one storm, one alert

    @classmethod
    def named(cls, name: str) -> Sensitivity:
        try:
            return SENSITIVITIES[name]
        except KeyError:
            known = ", ".join(sorted(SENSITIVITIES))
            raise ValueError(f"unknown sensitivity {name!r}; use one of {known}") from None


SENSITIVITIES: dict[str, Sensitivity] = {
    "low": Sensitivity(alpha=1e-11, min_negative=4, threat_cluster=3, repeat_messages=8),
    "default": Sensitivity(),
    "high": Sensitivity(alpha=1e-5, min_negative=3, threat_cluster=2, repeat_messages=5),
}


@dataclass(frozen=True)
class Baseline:
    """Expected messages per hour of the week, and the usual negative and new-author shares."""

    rates: tuple[float, ...]  # 168 values, Monday 00–01 first, local time
    negative_share: float
    new_author_share: float
    known_authors: frozenset[str]
    messages: int  # how many messages the baseline was built from

    def expected(self, start: datetime, end: datetime) -> float:
        """Messages expected between `start` and `end` (the hours' rates, pro rata)."""
        total = 0.0
        current = start.astimezone(HELSINKI)
        end = end.astimezone(HELSINKI)
        while current < end:
            hour_start = current.replace(minute=0, second=0, microsecond=0)
            upper = min(end, hour_start + timedelta(hours=1))
            share = (upper - current).total_seconds() / 3600
            total += self.rates[_hour_of_week(current)] * share
            current = upper
        return total


@dataclass(frozen=True)
class Alert:
    channel: str
    at: datetime
    signals: tuple[Signal, ...]
    window_minutes: int
    observed: int
    expected: float
    negative: int
    negative_share: float
    baseline_negative_share: float
    threats: int
    new_authors: int
    top_author: str
    top_author_messages: int
    p_value: float
    refs: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected else float("inf")


def _hour_of_week(moment: datetime) -> int:
    local = moment.astimezone(HELSINKI)
    return local.weekday() * 24 + local.hour


def build_baseline(history: Iterable[Event], *, until: datetime) -> Baseline:
    """The baseline from the four weeks before `until`."""
    since = until - timedelta(weeks=BASELINE_WEEKS)
    weekly = [[0] * HOURS_IN_WEEK for _ in range(BASELINE_WEEKS)]
    negative = total = new = 0
    seen: set[str] = set()
    for event in sorted(history, key=lambda e: e.at):
        if not since <= event.at < until:
            continue
        week = min(BASELINE_WEEKS - 1, int((event.at - since) / timedelta(weeks=1)))
        weekly[week][_hour_of_week(event.at)] += 1
        total += 1
        negative += event.negative
        if event.author and event.author not in seen:
            new += 1
            seen.add(event.author)
    mean_rate = total / (BASELINE_WEEKS * HOURS_IN_WEEK)
    rates = []
    for hour in range(HOURS_IN_WEEK):
        counts = sorted(week[hour] for week in weekly)[:-1]  # drop the busiest week
        # One pseudo-week at the channel's mean rate keeps rare hours from looking silent.
        rate = (sum(counts) + mean_rate) / (len(counts) + 1)
        rates.append(max(RATE_FLOOR, rate))
    return Baseline(
        rates=tuple(rates),
        negative_share=min(0.6, max(0.03, (negative + 1) / (total + 10))),
        new_author_share=min(0.9, max(0.1, (new + 1) / (total + 2))),
        known_authors=frozenset(seen),
        messages=total,
    )


def poisson_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean), summed in log space from k upwards (no overflow)."""
    if k <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if k <= mean:
        return 1.0  # not a spike; the exact value does not matter here
    log_term = k * math.log(mean) - mean - math.lgamma(k + 1)
    total = 0.0
    term_log = log_term
    for j in range(k, k + 2000):
        total += math.exp(term_log - log_term)
        term_log += math.log(mean) - math.log(j + 1)
        if term_log - log_term < -40:
            break
    return min(1.0, math.exp(log_term) * total)


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    if k <= n * p:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)

    def log_pmf(j: int) -> float:
        return (
            math.lgamma(n + 1)
            - math.lgamma(j + 1)
            - math.lgamma(n - j + 1)
            + j * log_p
            + (n - j) * log_q
        )

    first = log_pmf(k)
    total = 0.0
    for j in range(k, n + 1):
        relative = log_pmf(j) - first
        total += math.exp(relative)
        if relative < -40:
            break
    return min(1.0, math.exp(first) * total)


def fisher(*p_values: float) -> float:
    """Fisher's combination of independent p-values (chi-squared with 2k degrees of freedom,
    whose survival function has a closed form for even degrees)."""
    k = len(p_values)
    statistic = -sum(math.log(max(p, 1e-300)) for p in p_values)
    term, total = 1.0, 1.0
    for i in range(1, k):
        term *= statistic / i
        total += term
    return min(1.0, math.exp(-statistic) * total)


def _top_author(events: Sequence[Event]) -> tuple[str, int]:
    counts = Counter(e.author for e in events if e.author)
    if not counts:
        return "", 0
    author, count = counts.most_common(1)[0]
    return author, count


def scan(
    channel: str,
    recent: Sequence[Event],
    baseline: Baseline,
    *,
    now: datetime,
    sensitivity: Sensitivity | None = None,
) -> Alert | None:
    """An alert if the messages before `now` look like a storm, else None.

    `recent` needs to cover the longest window (and the threat and repeat windows); older events
    are ignored. The strongest window's evidence is reported.
    """
    sense = sensitivity or Sensitivity()
    best: Alert | None = None
    for minutes in sense.windows_minutes:
        start = now - timedelta(minutes=minutes)
        window = [e for e in recent if start < e.at <= now]
        if not window:
            continue
        alert = _judge(channel, window, baseline, start, now, minutes, sense)
        if alert and (best is None or alert.p_value < best.p_value):
            best = alert
    threats = [
        e
        for e in recent
        if now - timedelta(minutes=sense.threat_minutes) < e.at <= now and e.threat
    ]
    repeat_window = [
        e for e in recent if now - timedelta(minutes=sense.repeat_minutes) < e.at <= now
    ]
    author, repeats = _top_author(repeat_window)
    extra: list[Signal] = []
    if len(threats) >= sense.threat_cluster:
        extra.append(Signal.THREATS)
    if repeats >= sense.repeat_messages:
        extra.append(Signal.REPEATED_AUTHOR)
    if not extra:
        return best
    if best is not None:
        return _with_signals(best, extra, threats)
    minutes = max(sense.threat_minutes, sense.repeat_minutes)
    start = now - timedelta(minutes=minutes)
    window = [e for e in recent if start < e.at <= now]
    expected = baseline.expected(start, now)
    negative = sum(e.negative for e in window)
    return Alert(
        channel=channel,
        at=now,
        signals=tuple(extra),
        window_minutes=minutes,
        observed=len(window),
        expected=round(expected, 2),
        negative=negative,
        negative_share=round(negative / len(window), 3) if window else 0.0,
        baseline_negative_share=round(baseline.negative_share, 3),
        threats=len(threats),
        new_authors=sum(
            1 for a in {e.author for e in window} if a and a not in baseline.known_authors
        ),
        top_author=author,
        top_author_messages=repeats,
        p_value=0.0,
        refs=_refs(window),
    )


def _with_signals(alert: Alert, extra: list[Signal], threats: list[Event]) -> Alert:
    signals = tuple(dict.fromkeys((*alert.signals, *extra)))
    return replace(alert, signals=signals, threats=max(alert.threats, len(threats)))


def _refs(window: Sequence[Event]) -> tuple[str, ...]:
    """Threats first, then negative messages, newest first; at most 20."""
    ranked = sorted(window, key=lambda e: (not e.threat, not e.negative, -e.at.timestamp()))
    return tuple(e.ref for e in ranked if e.ref)[:20]


def _judge(
    channel: str,
    window: Sequence[Event],
    baseline: Baseline,
    start: datetime,
    end: datetime,
    minutes: int,
    sense: Sensitivity,
) -> Alert | None:
    observed = len(window)
    negative = sum(e.negative for e in window)
    if negative < sense.min_negative:
        return None
    expected = baseline.expected(start, end)
    p_volume = poisson_tail(observed, expected)
    share = baseline.negative_share
    # Negative messages against what the hour usually brings, or, in a busy hour, against what
    # that many other messages usually come with: a popular post raises both counts together,
    # a storm raises the negative ones alone.
    # (Three messages of slack: a couple of ordinary comments do not make a busy hour.)
    others = max(0, observed - negative - BUSY_SLACK)
    expected_negative = max(expected * share, others * share / (1 - share))
    p_negative = poisson_tail(negative, expected_negative)
    authors = {e.author for e in window if e.author and e.negative}
    new_authors = sum(1 for a in authors if a not in baseline.known_authors)
    # Newcomers among the negative voices, against the usual share of newcomers: a brigade.
    p_new = binomial_tail(new_authors, len(authors), baseline.new_author_share)
    p_value = min(p_negative, fisher(p_negative, p_new))
    if p_value >= sense.alpha:
        return None
    signals = [Signal.NEGATIVE]
    if p_volume < sense.alpha:
        signals.insert(0, Signal.VOLUME)
    if p_new < 0.01:
        signals.append(Signal.NEW_AUTHORS)
    author, repeats = _top_author(window)
    return Alert(
        channel=channel,
        at=end,
        signals=tuple(signals),
        window_minutes=minutes,
        observed=observed,
        expected=round(expected, 2),
        negative=negative,
        negative_share=round(negative / observed, 3),
        baseline_negative_share=round(baseline.negative_share, 3),
        threats=sum(e.threat for e in window),
        new_authors=new_authors,
        top_author=author,
        top_author_messages=repeats,
        p_value=p_value,
        refs=_refs(window),
    )


def timeline(
    events: Iterable[Event], baseline: Baseline, *, end: datetime, hours: int = 6, step: int = 15
) -> list[tuple[datetime, int, int, float]]:
    """(bin start, messages, negative, expected) per `step` minutes over the last `hours`:
    the chart in an alert's evidence."""
    start = end - timedelta(hours=hours)
    bins = [start + timedelta(minutes=step * i) for i in range(hours * 60 // step)]
    counts = [[0, 0] for _ in bins]
    for event in events:
        if start < event.at <= end:
            index = min(len(bins) - 1, int((event.at - start) / timedelta(minutes=step)))
            counts[index][0] += 1
            counts[index][1] += event.negative
    return [
        (
            moment,
            count[0],
            count[1],
            round(baseline.expected(moment, moment + timedelta(minutes=step)), 2),
        )
        for moment, count in zip(bins, counts, strict=True)
    ]


TERM = re.compile(r"[^\W\d_]{4,40}")  # letters only: no numbers, no handles' digits


def recurring_terms(texts: Iterable[str], limit: int = 10) -> list[tuple[str, int]]:
    """The words most messages of a storm share (each counted once per message), for the
    alert's evidence; function words (data/wordlists/stopwords.txt) left out."""
    stop = _stopwords()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in (m.lower() for m in TERM.findall(text[:2000])) if w not in stop})
    return [(term, n) for term, n in counts.most_common(limit) if n > 1]


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(load_words("stopwords"))
