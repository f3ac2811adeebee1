"""Scoring storm detection on simulated traffic: delay from a storm's first message to its alert,
storms missed, and false alarms per channel per 30 days of normal traffic.

The detector is run as production runs it: every `step` minutes, over the messages received so
far, with the baseline rebuilt at each midnight from the four weeks before.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from someluotsi.guideline.evaluation.traffic import Storm, Traffic, simulate
from someluotsi.guideline.storms.detector import Alert, Baseline, Sensitivity, build_baseline, scan

# An alert up to two hours after a storm's end still belongs to it.
GRACE = timedelta(hours=2)
# The trade-off curve: the default sensitivity with only its threshold moved.
CURVE_ALPHAS = (1e-3, 1e-5, 1e-6, 1e-7, 1e-9, 1e-10, 1e-12)
LOOKBACK = timedelta(minutes=60)


def run_detector(
    traffic: Traffic, sensitivity: Sensitivity, *, step_minutes: int = 5
) -> list[Alert]:
    """Every alert raised over the evaluated period, honouring each channel's cooldown."""
    alerts: list[Alert] = []
    step = timedelta(minutes=step_minutes)
    lookback = max(
        LOOKBACK,
        timedelta(minutes=max(sensitivity.windows_minutes)),
        timedelta(minutes=sensitivity.threat_minutes),
        timedelta(minutes=sensitivity.repeat_minutes),
    )
    for channel, events in traffic.events.items():
        times = [e.at for e in events]
        baseline: Baseline | None = None
        baseline_day = None
        last_alert: datetime | None = None
        end = traffic.start + timedelta(days=traffic.days)
        for now in _moments(times, traffic.start, end, step):
            if baseline_day != now.date():
                midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
                low = bisect_left(times, midnight - timedelta(weeks=4))
                high = bisect_left(times, midnight)
                baseline = build_baseline(events[low:high], until=midnight)
                baseline_day = now.date()
            if last_alert is None or now - last_alert >= sensitivity.cooldown:
                recent = events[bisect_left(times, now - lookback) : bisect_right(times, now)]
                assert baseline is not None  # noqa: S101 - set on the first step
                alert = scan(channel, recent, baseline, now=now, sensitivity=sensitivity)
                if alert:
                    alerts.append(alert)
                    last_alert = now
    return alerts


def _moments(
    times: Sequence[datetime], start: datetime, end: datetime, step: timedelta
) -> Iterator[datetime]:
    """When production scans: on each message's arrival, and every `step` as a safety net."""
    tick = start + step
    index = bisect_left(times, start)
    while tick <= end:
        while index < len(times) and times[index] < tick:
            yield times[index]
            index += 1
        yield tick
        tick += step


@dataclass
class Score:
    label: str
    storms: int = 0
    detected: int = 0
    delays: list[float] = field(default_factory=list)  # minutes
    false_alarms: int = 0
    channel_days: float = 0.0
    by_shape: dict[str, list[float | None]] = field(default_factory=dict)

    @property
    def median_delay(self) -> float | None:
        return round(statistics.median(self.delays), 1) if self.delays else None

    @property
    def p90_delay(self) -> float | None:
        if not self.delays:
            return None
        ordered = sorted(self.delays)
        return round(ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))], 1)

    @property
    def false_alarms_per_channel_month(self) -> float:
        return round(30 * self.false_alarms / self.channel_days, 3) if self.channel_days else 0.0


def score(traffic: Traffic, alerts: Sequence[Alert], result: Score) -> None:
    """Add this traffic's storms, delays and false alarms to `result`."""
    by_channel: dict[str, list[Storm]] = {}
    for storm in traffic.storms:
        by_channel.setdefault(storm.channel, []).append(storm)
    for storm in traffic.storms:
        result.storms += 1
        hits = [
            i
            for i, a in enumerate(alerts)
            if a.channel == storm.channel and storm.onset <= a.at <= storm.end
        ]
        delay = (alerts[hits[0]].at - storm.onset).total_seconds() / 60 if hits else None
        if delay is not None:
            result.detected += 1
            result.delays.append(delay)
        result.by_shape.setdefault(storm.shape.value, []).append(delay)
    for alert in alerts:
        storms = by_channel.get(alert.channel, [])
        if not any(s.onset <= alert.at <= s.end + GRACE for s in storms):
            result.false_alarms += 1
    storm_days = sum(((s.end + GRACE) - s.onset).total_seconds() / 86400 for s in traffic.storms)
    result.channel_days += len(traffic.events) * traffic.days - storm_days


def evaluate(
    seeds: Sequence[int],
    sensitivities: Sequence[tuple[str, Sensitivity]],
    *,
    days: int = 30,
    progress: Callable[[str], object] | None = None,
) -> tuple[list[Score], list[Score]]:
    """(with storms, normal traffic only) scores per sensitivity, over every seed."""
    stormy = [Score(label) for label, _ in sensitivities]
    calm = [Score(label) for label, _ in sensitivities]
    for number, seed in enumerate(seeds, start=1):
        for storms_per_channel, scores in ((1.5, stormy), (0.0, calm)):
            traffic = simulate(seed=seed, days=days, storms_per_channel=storms_per_channel)
            for (label, sensitivity), result in zip(sensitivities, scores, strict=True):
                if progress:
                    kind = "storms" if storms_per_channel else "normal"
                    progress(f"seed {seed} ({number}/{len(seeds)}), {kind}, {label}")
                score(traffic, run_detector(traffic, sensitivity), result)
    return stormy, calm


def curve(
    alphas: Sequence[float], base: Sensitivity | None = None
) -> list[tuple[str, Sensitivity]]:
    start = base or Sensitivity()
    return [(f"alpha={alpha:g}", replace(start, alpha=alpha)) for alpha in alphas]


def markdown(
    stormy: Sequence[Score], calm: Sequence[Score], seeds: Sequence[int], *, days: int = 30
) -> str:
    lines = [
        f"Storm detection on simulated traffic, seeds {', '.join(map(str, seeds))}: "
        f"{len(seeds)} seeds × 12 channels × {days} days, each run once with storms injected "
        "and once as normal traffic only. Delay: from a storm's first message to its alert.",
        "",
        "| sensitivity | storms | detected | median delay (min) | p90 delay (min) "
        "| false alarms / channel / 30 d (normal) | (with storms) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for with_storms, normal in zip(stormy, calm, strict=True):
        lines.append(
            f"| {with_storms.label} | {with_storms.storms} | {with_storms.detected} "
            f"| {_fmt(with_storms.median_delay)} | {_fmt(with_storms.p90_delay)} "
            f"| {normal.false_alarms_per_channel_month} "
            f"| {with_storms.false_alarms_per_channel_month} |"
        )
    lines += ["", "Per storm shape (median delay in minutes; missed storms in brackets):", ""]
    shapes = sorted({shape for s in stormy for shape in s.by_shape})
    lines.append("| sensitivity | " + " | ".join(shapes) + " |")
    lines.append("| --- |" + " ---: |" * len(shapes))
    for result in stormy:
        cells = []
        for shape in shapes:
            delays = result.by_shape.get(shape, [])
            found = [d for d in delays if d is not None]
            missed = len(delays) - len(found)
            median = _fmt(round(statistics.median(found), 1) if found else None)
            cells.append(f"{median} ({missed})" if missed else median)
        lines.append(f"| {result.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"
