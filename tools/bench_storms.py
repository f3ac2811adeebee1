"""Benchmark the periodic storm scan on a database, on demand (never part of the test suite).

    uv run python tools/bench_storms.py [--scales 1,10] [--scans 24]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/someluotsi uv run python tools/bench_storms.py

Fills a fresh test database with eight weeks of simulated messages on the city's 12 channels
(guideline/evaluation/traffic.py; `--scales 10` multiplies every channel's traffic by ten), then
times `storms_scan()` over all channels (what Celery beat runs every five minutes) at `--scans`
moments spread over the last day: p50 and p95 of a whole scan and per channel, and the number
of messages each scan reads. Alerts raised are removed between scans so every scan does the
full work. Prints a markdown report.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")


def _message(scale: int, index: int, n: int, channel: Any, event: Any) -> Any:
    from someluotsi.inbox.models import Message

    return Message(
        platform=channel.platform,
        external_id=f"{scale}-{index}-{n}",
        channel=channel,
        kind="comment",
        author_handle=event.author,
        text="…",
        language="fi",
        received_at=event.at,
        category="threat" if event.threat else "feedback",
        priority="normal",
        tone="negative" if event.negative else "neutral",
    )


def _fill(scale: int, first_day: datetime) -> tuple[int, int]:
    from someluotsi.accounts.models import Unit
    from someluotsi.channels.enums import ChannelKind, ChannelStatus, Platform
    from someluotsi.channels.models import Channel
    from someluotsi.guideline.evaluation.traffic import CITY_CHANNELS, simulate
    from someluotsi.inbox.models import Message

    profiles = tuple(replace(p, per_day=p.per_day * scale) for p in CITY_CHANNELS)
    traffic = simulate(seed=11, days=28, warmup_days=28, channels=profiles, start=first_day)
    unit, _ = Unit.objects.get_or_create(
        code="bench", defaults={"name_fi": "Bench", "name_sv": "Bench", "name_en": "Bench"}
    )
    total = 0
    for index, (name, events) in enumerate(traffic.events.items()):
        channel = Channel.objects.create(
            platform=Platform.FACEBOOK, name=f"{name} ×{scale}", handle=f"bench-{scale}-{index}",
            unit=unit, kind=ChannelKind.UNIT, status=ChannelStatus.ACTIVE,
        )  # fmt: skip
        rows = [_message(scale, index, n, channel, event) for n, event in enumerate(events)]
        Message.objects.bulk_create(rows, batch_size=2000)
        total += len(rows)
    return len(traffic.events), total


def run(scales: list[int], scans: int) -> str:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    from someluotsi.channels.models import Channel
    from someluotsi.guideline.storms.detector import HELSINKI
    from someluotsi.inbox.models import Message
    from someluotsi.incidents.detection import storms_scan
    from someluotsi.incidents.models import StormAlert

    lines = [
        f"# Storm scan benchmark ({connection.vendor})",
        "",
        "| traffic | channels | messages (8 weeks) | scan p50 ms | scan p95 ms "
        "| per channel p50 ms | alerts raised |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    try:
        for scale in scales:
            Message.objects.all().delete()
            StormAlert.objects.all().delete()
            Channel.objects.all().delete()
            start = datetime(2026, 3, 2, tzinfo=HELSINKI)
            print(f"scale ×{scale}: filling …", file=sys.stderr, flush=True)
            channels, total = _fill(scale, start)
            end = start + timedelta(days=56)
            times: list[float] = []
            alerts = 0
            for index in range(scans):
                moment = end - timedelta(hours=24) + timedelta(hours=24 * index / scans)
                began = time.perf_counter()
                alerts += storms_scan(now=moment)
                times.append((time.perf_counter() - began) * 1000)
                StormAlert.objects.all().delete()
                shown = f"  scan {index + 1}/{scans}: {times[-1]:.0f} ms"
                print(shown, file=sys.stderr, flush=True)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            lines.append(
                f"| ×{scale} | {channels} | {total:,} | {statistics.median(times):.0f} | "
                f"{p95:.0f} | {statistics.median(times) / channels:.1f} | {alerts} |"
            )
    finally:
        runner.teardown_databases(old)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10", help="traffic multipliers, comma-separated")
    parser.add_argument("--scans", type=int, default=24, help="scans timed per scale")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    print(run(scales, args.scans))


if __name__ == "__main__":
    main()
