"""Storm detection: the statistics, each signal on hand-made streams, and the simulator."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from someluotsi.guideline.evaluation.storms import Score, run_detector, score
from someluotsi.guideline.evaluation.traffic import ChannelProfile, StormShape, simulate
from someluotsi.guideline.storms.detector import (
    HELSINKI,
    Baseline,
    Event,
    Sensitivity,
    Signal,
    binomial_tail,
    build_baseline,
    fisher,
    poisson_tail,
    recurring_terms,
    scan,
    timeline,
)

MONDAY = datetime(2026, 3, 2, tzinfo=HELSINKI)


def quiet_history(per_hour: int = 1, negative_every: int = 10) -> list[Event]:
    """Four weeks of one message an hour in working hours, every tenth negative, by regulars."""
    events = []
    for day in range(28):
        for hour in range(8, 20):
            n = day * 24 + hour
            for k in range(per_hour):
                events.append(
                    Event(
                        at=MONDAY + timedelta(days=day, hours=hour, minutes=10 * k),
                        author=f"regular{n % 40}",
                        negative=n % negative_every == 0,
                    )
                )
    return events


@pytest.fixture(scope="module")
def baseline() -> Baseline:
    return build_baseline(quiet_history(), until=MONDAY + timedelta(weeks=4))


NOW = MONDAY + timedelta(weeks=4, hours=14)


def burst(count: int, *, negative: bool, authors: str = "new", minutes: int = 15) -> list[Event]:
    return [
        Event(
            at=NOW - timedelta(minutes=minutes) + timedelta(seconds=(i + 1) * minutes * 60 / count),
            author=f"{authors}{i}",
            negative=negative,
            ref=f"{authors}{i}",
        )
        for i in range(count)
    ]


def test_poisson_tail_matches_the_closed_form() -> None:
    # P(X >= 1) = 1 - e^-mean; P(X >= 2) = 1 - e^-mean (1 + mean)
    assert poisson_tail(1, 0.5) == pytest.approx(1 - math.exp(-0.5))
    assert poisson_tail(2, 0.5) == pytest.approx(1 - math.exp(-0.5) * 1.5)
    assert poisson_tail(0, 3.0) == 1.0
    assert poisson_tail(500, 0.01) < 1e-300 or poisson_tail(500, 0.01) == 0.0


def test_binomial_tail_matches_the_closed_form() -> None:
    assert binomial_tail(3, 3, 0.5) == pytest.approx(0.125)
    assert binomial_tail(2, 3, 0.1) == pytest.approx(3 * 0.01 * 0.9 + 0.001)
    assert binomial_tail(4, 3, 0.5) == 0.0


def test_fisher_combination_is_stronger_than_either_alone() -> None:
    assert fisher(0.01, 0.01) < 0.01
    assert fisher(1.0) == pytest.approx(1.0)


@given(k=st.integers(0, 3000), mean=st.floats(0, 500, allow_nan=False))
def test_tails_are_probabilities(k: int, mean: float) -> None:
    assert 0.0 <= poisson_tail(k, mean) <= 1.0
    assert 0.0 <= binomial_tail(k, 3000, min(1.0, mean / 500)) <= 1.0


def test_baseline_follows_the_hour_of_the_week(baseline: Baseline) -> None:
    working = baseline.expected(NOW - timedelta(hours=1), NOW)
    night = baseline.expected(NOW.replace(hour=3), NOW.replace(hour=4))
    assert 0.8 <= working <= 1.0  # one an hour, shrunk a little towards the mean rate
    assert night < working / 5
    assert baseline.negative_share == pytest.approx(0.1, abs=0.03)


def test_an_ordinary_hour_raises_nothing(baseline: Baseline) -> None:
    recent = burst(2, negative=False, authors="regular") + burst(1, negative=True)
    assert scan("c", recent, baseline, now=NOW) is None


def test_a_popular_post_is_not_a_storm(baseline: Baseline) -> None:
    """Thirty happy comments and the usual few negative ones: busy, but not a storm."""
    recent = burst(30, negative=False) + burst(3, negative=True, authors="x")
    assert scan("c", recent, baseline, now=NOW) is None


def test_a_negative_wave_is_a_storm_with_its_evidence(baseline: Baseline) -> None:
    recent = burst(12, negative=True) + burst(2, negative=False, authors="regular")
    alert = scan("c", recent, baseline, now=NOW)
    assert alert is not None
    assert Signal.NEGATIVE in alert.signals
    assert Signal.VOLUME in alert.signals
    assert Signal.NEW_AUTHORS in alert.signals
    assert alert.negative == 12
    assert alert.observed >= 14
    assert alert.expected < 1
    assert set(alert.refs[:12]) == {f"new{i}" for i in range(12)}  # negative ones first


def test_lower_sensitivity_needs_more_evidence(baseline: Baseline) -> None:
    recent = burst(4, negative=True)
    assert scan("c", recent, baseline, now=NOW, sensitivity=Sensitivity.named("high"))
    assert scan("c", recent, baseline, now=NOW, sensitivity=Sensitivity.named("low")) is None


def test_two_threats_close_together_are_a_cluster(baseline: Baseline) -> None:
    threats = [
        Event(at=NOW - timedelta(minutes=30), author="a", negative=True, threat=True),
        Event(at=NOW - timedelta(minutes=5), author="b", negative=True, threat=True),
    ]
    alert = scan("c", threats, baseline, now=NOW)
    assert alert is not None
    assert Signal.THREATS in alert.signals
    assert alert.threats == 2
    one = scan("c", threats[:1], baseline, now=NOW)
    assert one is None


def test_one_author_flooding_is_a_storm(baseline: Baseline) -> None:
    flood = [
        Event(at=NOW - timedelta(minutes=4 * i + 1), author="same", negative=i % 3 == 0)
        for i in range(7)
    ]
    alert = scan("c", flood, baseline, now=NOW)
    assert alert is not None
    assert Signal.REPEATED_AUTHOR in alert.signals
    assert (alert.top_author, alert.top_author_messages) == ("same", 7)


def test_messages_after_now_are_not_seen(baseline: Baseline) -> None:
    future = [
        Event(at=NOW + timedelta(minutes=1 + i), author=f"n{i}", negative=True) for i in range(20)
    ]
    assert scan("c", future, baseline, now=NOW) is None


def test_unknown_sensitivity_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown sensitivity"):
        Sensitivity.named("paranoid")


def test_timeline_bins_messages_and_expectation(baseline: Baseline) -> None:
    recent = burst(12, negative=True)
    bins = timeline(recent, baseline, end=NOW, hours=1, step=15)
    assert len(bins) == 4
    assert sum(count for _at, count, _neg, _exp in bins) == 12
    assert bins[-1][2] == 12
    assert all(expected > 0 for *_rest, expected in bins)


def test_simulation_is_reproducible_and_storms_are_in_the_period() -> None:
    profiles = (ChannelProfile("a", 20, 1.0), ChannelProfile("b", 4, 0.5))
    first = simulate(seed=7, days=10, storms_per_channel=2, channels=profiles)
    again = simulate(seed=7, days=10, storms_per_channel=2, channels=profiles)
    other = simulate(seed=8, days=10, storms_per_channel=2, channels=profiles)
    assert [e.at for e in first.events["a"]] == [e.at for e in again.events["a"]]
    assert [e.at for e in first.events["a"]] != [e.at for e in other.events["a"]]
    end = first.start + timedelta(days=10)
    for storm in first.storms:
        assert first.start <= storm.onset < end
        assert storm.shape in set(StormShape)
    # Normal traffic follows the day: more in the afternoon than in the small hours.
    hours = [e.at.astimezone(HELSINKI).hour for e in first.events["a"]]
    assert sum(12 <= h < 18 for h in hours) > 5 * sum(1 <= h < 5 for h in hours)


def test_the_detector_finds_injected_storms_and_little_else() -> None:
    profiles = (ChannelProfile("big", 40, 2.0), ChannelProfile("small", 6, 0.8))
    traffic = simulate(seed=3, days=14, storms_per_channel=2, channels=profiles)
    result = Score("default")
    score(traffic, run_detector(traffic, Sensitivity()), result)
    assert result.storms >= 2
    assert result.detected >= result.storms - 1
    assert result.median_delay is not None
    assert result.median_delay < 60
    assert result.false_alarms <= 2


def test_recurring_terms_count_each_message_once_and_skip_function_words() -> None:
    texts = [
        "Uimahalli uimahalli UIMAHALLI, olen todella vihainen",
        "Miksi uimahalli suljetaan? Olen pettynyt.",
        "Det är ett dåligt beslut om simhallen",
        "Dåligt beslut, riktigt dåligt",
    ]
    terms = dict(recurring_terms(texts))
    assert terms == {"uimahalli": 2, "dåligt": 2, "beslut": 2}  # 'olen' is a function word


@given(st.lists(st.text(max_size=300), max_size=20))
def test_recurring_terms_take_any_text(texts: list[str]) -> None:
    for term, count in recurring_terms(texts):
        assert count > 1
        assert term == term.lower()
