"""Benchmark the inbox, on demand (never part of the test suite).

    uv run python tools/bench_inbox.py [--messages 100000] [--triage 5000]
        [--databases sqlite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/postgres]

1. Triage throughput: messages per second on one core, in a batch, with the full engine.
2. Ingestion of N messages (triage, assignment, due time, one transaction per 1,000) into a
   fresh SQLite database and a fresh PostgreSQL database of the run's own (created on the server
   of `--postgres`, named `someluotsi_bench_<pid>_<random>`, and dropped after the run: only
   that one, so parallel runs and other databases on the server are never touched).
3. The work-queue list at N messages: the first page and its count, as the queue page asks for
   them, for an updater (own channels) and for the mavi team (all), with several filters; p50/p95.
Each database run happens in a child process with its own settings. Prints a markdown report.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TEXTS = [
    m["text"]
    for m in tomllib.loads(
        (ROOT / "tests" / "guideline" / "messages" / "triage" / "messages.toml").read_text(
            encoding="utf-8"
        )
    )["message"]
]
FILLERS = ["", " Kiitos.", " Terveisin asukas.", " 🙂", " Mvh.", " Thanks!", " (toinen kerta)"]


def corpus(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(TEXTS) + rng.choice(FILLERS) + f" #{n}" for n in range(count)]


def progress(label: str, done: int, total: int) -> None:
    if done == total or done % max(1, total // 20) == 0:
        print(f"\r  {label}: {done:,}/{total:,} ({100 * done // total} %)", end="", file=sys.stderr)
        if done == total:
            print(file=sys.stderr)


def bench_triage(count: int, seed: int) -> str:
    from someluotsi.guideline.checker.engine import engine_for
    from someluotsi.guideline.messages.triage import triage

    engine = engine_for()
    texts = corpus(count, seed)
    triage(texts[0], engine=engine)  # load models and word lists first
    started = time.perf_counter()
    for done, text in enumerate(texts, 1):
        triage(text, engine=engine)
        progress("triage", done, count)
    elapsed = time.perf_counter() - started
    return f"| triage, one core | {count:,} messages | {count / elapsed:,.0f} messages/s |"


def child(database: str, count: int, seed: int) -> None:
    """Runs inside the child process: migrate, ingest, time the queue."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from datetime import timedelta

    from django.utils import timezone

    from someluotsi.accounts.enums import Role
    from someluotsi.accounts.models import RoleAssignment, Unit, User
    from someluotsi.channels.models import Channel, ChannelMaintainer
    from someluotsi.inbox.selectors import QueueFilters, message_queue
    from someluotsi.inbox.services import IncomingMessage, message_ingest

    unit = Unit.objects.create(code="bench", name_fi="Bench", name_sv="Bench")
    updater = User.objects.create(username="bench-updater", unit=unit)
    mavi = User.objects.create(username="bench-mavi", unit=unit)
    RoleAssignment.objects.create(user=updater, role=Role.UPDATER)
    RoleAssignment.objects.create(user=mavi, role=Role.MAVI)
    channels = [
        Channel.objects.create(platform="facebook", name=f"Kanava {n}", unit=unit, kind="unit")
        for n in range(10)
    ]
    for channel in channels[:2]:
        ChannelMaintainer.objects.create(channel=channel, user=updater)
    texts = corpus(count, seed)
    now = timezone.now()
    rng = random.Random(seed)
    started = time.perf_counter()
    for start in range(0, count, 1000):
        items = [
            IncomingMessage(
                channel=rng.choice(channels),
                external_id=f"bench-{n}",
                kind="comment",
                text=texts[n],
                received_at=now - timedelta(minutes=count - n),
                author_handle=f"@user{n % 5000}",
            )
            for n in range(start, min(count, start + 1000))
        ]
        message_ingest(actor=None, items=items, auto_escalate=False)
        progress(f"ingest {database}", min(count, start + 1000), count)
    ingest_s = time.perf_counter() - started
    # Re-ingesting the first batch adds nothing (idempotence) - timed too.
    started = time.perf_counter()
    again = message_ingest(
        actor=None,
        items=[
            IncomingMessage(channel=channels[0], external_id=f"bench-{n}", kind="comment",
                            text=texts[n], received_at=now)
            for n in range(min(count, 1000))
        ],
    )  # fmt: skip
    replay_s = time.perf_counter() - started
    filters = [
        QueueFilters(status="open"),
        QueueFilters(status="open", overdue=True),
        QueueFilters(status="", category="question"),
        QueueFilters(status="open", assignee="me"),
        QueueFilters(status="", channel=channels[1].pk),
    ]
    timings = []
    for round_ in range(40):
        for user in (updater, mavi):
            for query in filters:
                started = time.perf_counter()
                queue = message_queue(user=user, filters=query)
                list(queue[:50])
                queue.count()
                timings.append((time.perf_counter() - started) * 1000)
        progress(f"queue {database}", round_ + 1, 40)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"| ingest into {database} | {count:,} messages | {ingest_s:,.0f} s "
        f"({count / ingest_s:,.0f}/s); replaying {min(count, 1000):,} known ids: {replay_s:.2f} s, "
        f"{len(again.created)} created |"
    )
    print(
        f"| queue page + count on {database} | {count:,} messages, {len(timings)} queries | "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms |"
    )


def _server(url: str) -> tuple[str, str]:
    """The server part of a PostgreSQL URL and the maintenance database to connect to."""
    base, _, database = url.rpartition("/")
    return base, database or "postgres"


@contextmanager
def run_database(server_url: str) -> Iterator[str]:
    """A PostgreSQL database of this run's own: created fresh, dropped afterwards (only it)."""
    import psycopg
    from psycopg import sql

    base, maintenance = _server(server_url)
    name = f"someluotsi_bench_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{base}/{maintenance}", autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/{maintenance}", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            ))  # fmt: skip


def run_child(database: str, count: int, seed: int, server_url: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1",
           "DJANGO_SECRET_KEY": "bench-only", "SOMELUOTSI_ENV_FILE": "", "CELERY_BROKER_URL": "",
           "INBOX_AUTO_ESCALATE_THREATS": "false",
           # The storm scan after each batch has its own benchmark (tools/bench_storms.py).
           "STORM_SCAN_ON_INGEST": "false"}  # fmt: skip
    command = [sys.executable, __file__, "--child", database, "--messages", str(count)]
    with tempfile.TemporaryDirectory() as data_dir, ExitStack() as stack:
        if database == "sqlite":
            env.pop("DATABASE_URL", None)
            env["SOMELUOTSI_DATA_DIR"] = data_dir
        else:
            env["DATABASE_URL"] = stack.enter_context(run_database(server_url))
        result = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--triage", type=int, default=5_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="the PostgreSQL server (and a database to connect to) for the run's own database",
    )
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.messages, args.seed)
        return 0
    rows = ["| what | size | result |", "| --- | --- | --- |", bench_triage(args.triage, args.seed)]
    for database in filter(None, args.databases.split(",")):
        rows.append(run_child(database, args.messages, args.seed, args.postgres))
    report = "\n".join(rows)
    print(report)
    out = ROOT / "reports" / "bench_inbox.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
