"""Benchmark the connectors' webhook path, on demand (never part of the test suite).

    uv run python tools/bench_connectors.py                       # SQLite in a temporary folder
    DATABASE_URL=postgres://…/db uv run python tools/bench_connectors.py
    (CELERY_BROKER_URL=redis://127.0.0.1:6379/N picks the broker; default redis db 2)

1. Verify-and-enqueue throughput: gunicorn with ONE worker process (gthread, 4 threads, so one
   core) behind /webhooks/sandbox/; signed deliveries (pre-signed, as the platform's cost) sent
   from client threads; no Celery worker runs, so the figure is the request path alone: read
   the raw body, check the HMAC in constant time and the replay window, parse, queue the task
   on Redis. Requests per second over `--requests` deliveries.
2. Webhook → triaged, assigned inbox row: gunicorn and a real Celery worker (`--concurrency`
   processes); a comment is posted on the sandbox platform and its signed webhook sent, at
   `--rate` events per second for `--seconds`; the latency of each is the row's insert time
   (triage, assignment and SLA are written in the same transaction) minus the send time.
   p50/p95/max.

Prints a markdown report and writes reports/bench_connectors-<database>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PORT = 8123


def _env(database_url: str, broker: str, data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=env.get("BENCH_SECRET", "bench-" + "k" * 50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        SOMELUOTSI_ENV_FILE="",
        SOMELUOTSI_DATA_DIR=data_dir,
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker,
        CELERY_RESULT_BACKEND="",
        CONNECTORS_SANDBOX="true",
        CONNECTORS_ENCRYPTION_KEYS="YmVuY2gtb25seS1mZXJuZXQta2V5LW5vdC1hLWtleSE=",
        STORM_SCAN_ON_INGEST="false",
    )
    return env


def _wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on {port}")


def _gunicorn(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    _wait_port(PORT)
    return process


def _cpu_seconds(master: int) -> float:
    """User + system CPU time of gunicorn's worker processes (Linux /proc): what the requests
    cost the server, whatever else the machine is doing."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _world() -> str:
    """A channel with two answering maintainers, connected to a sandbox account."""
    from someluotsi.accounts.enums import Role
    from someluotsi.accounts.models import RoleAssignment, Unit, User
    from someluotsi.channels.enums import ChannelKind
    from someluotsi.channels.models import Channel, ChannelMaintainer
    from someluotsi.connectors.sandbox.connector import SandboxConnector
    from someluotsi.connectors.services import connection_save

    unit, _ = Unit.objects.get_or_create(
        code="bench", defaults={"name_fi": "B", "name_sv": "B", "name_en": "B"}
    )
    account = "sbx-bench-" + secrets.token_hex(4)
    channel = Channel.objects.create(
        platform="facebook", name=account, unit=unit, kind=ChannelKind.UNIT
    )
    for n in range(2):
        user, _ = User.objects.get_or_create(username=f"bench-updater-{n}")
        RoleAssignment.objects.get_or_create(user=user, role=Role.UPDATER)
        ChannelMaintainer.objects.create(channel=channel, user=user)
    connection_save(
        actor=None,
        channel=channel,
        platform="sandbox",
        tokens=SandboxConnector().issue_tokens(account, "Bench"),
    )
    return account


def bench_throughput(requests: int, threads: int, master: int) -> tuple[float, float]:
    from someluotsi.connectors.sandbox.connector import sign

    bodies = []
    for n in range(requests):
        body = json.dumps(
            {
                "object": "sandbox",
                "events": [
                    {
                        "account_id": "sbx-nobody",
                        "item_id": str(2**53 + n),
                        "kind": "comment",
                        "verb": "add",
                    }
                ],
            }
        ).encode()
        bodies.append(
            (
                body,
                {
                    "Content-Type": "application/json",
                    "X-Sandbox-Signature": sign(body, at=int(time.time())),
                },
            )
        )
    url = f"http://127.0.0.1:{PORT}/webhooks/sandbox/"
    # The first request loads the app (the engine behind the task module): not measured.
    with httpx.Client(timeout=180) as warm:
        for body, headers in bodies[:50]:
            warm.post(url, content=body, headers=headers)
    statuses: list[int] = []
    lock = threading.Lock()

    def worker(chunk: list[tuple[bytes, dict[str, str]]]) -> None:
        with httpx.Client(timeout=60) as client:
            for body, headers in chunk:
                status = client.post(url, content=body, headers=headers).status_code
                with lock:
                    statuses.append(status)

    chunks = [bodies[i::threads] for i in range(threads)]
    cpu_before = _cpu_seconds(master)
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds(master) - cpu_before
    bad = [s for s in statuses if s != 200]
    if bad:
        raise SystemExit(f"{len(bad)} deliveries refused ({set(bad)})")
    return requests / elapsed, requests / cpu


def _warm_up(account: str, thread_id: str, url: str) -> None:
    """Five comments through the whole path first: the server and the worker load the engine
    on their first message, which a running installation has long done."""
    from someluotsi.connectors.sandbox import platform
    from someluotsi.connectors.sandbox.connector import sign
    from someluotsi.inbox.models import Message

    ids = []
    with httpx.Client(timeout=180) as client:
        for n in range(5):
            comment = platform.sandbox_comment(
                account_id=account, thread_id=thread_id, author="Lämmittely", text=f"Kysymys {n}?"
            )
            body = json.dumps(
                {
                    "object": "sandbox",
                    "events": [
                        {"account_id": account, "item_id": comment.item_id, "kind": "comment"}
                    ],
                }
            ).encode()
            client.post(
                url,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "X-Sandbox-Signature": sign(body, at=int(time.time())),
                },
            )
            ids.append(comment.item_id)
    deadline = time.time() + 180
    while Message.objects.filter(external_id__in=ids).count() < len(ids) and time.time() < deadline:
        time.sleep(0.5)


def bench_latency(rate: float, seconds: float, account: str) -> list[float]:
    from someluotsi.connectors.sandbox import platform
    from someluotsi.connectors.sandbox.connector import sign
    from someluotsi.inbox.models import Message

    post = platform.sandbox_post(account_id=account, text="Katutyöt alkavat maanantaina.")
    texts = [
        "Milloin Isokadun katuvalot korjataan?",
        "Kiitos hienosta konsertista!",
        "Är simhallen öppen på söndag?",
        "Roska-astiat ovat taas täynnä satamassa.",
    ]
    sent: dict[str, float] = {}
    url = f"http://127.0.0.1:{PORT}/webhooks/sandbox/"
    total = int(rate * seconds)
    _warm_up(account, post.item_id, url)
    started = time.time()
    with httpx.Client(timeout=60) as client:
        client.get(f"http://127.0.0.1:{PORT}/webhooks/sandbox/", params={"challenge": "warm"})
        for n in range(total):
            due = started + n / rate
            if due > time.time():
                time.sleep(due - time.time())
            comment = platform.sandbox_comment(
                account_id=account,
                thread_id=post.item_id,
                author=f"Asukas {n % 40}",
                text=texts[n % len(texts)],
            )
            body = json.dumps(
                {
                    "object": "sandbox",
                    "events": [
                        {"account_id": account, "item_id": comment.item_id, "kind": "comment"}
                    ],
                }
            ).encode()
            sent[comment.item_id] = time.time()
            client.post(
                url,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "X-Sandbox-Signature": sign(body, at=int(time.time())),
                },
            )
    deadline = time.time() + 120
    while time.time() < deadline:
        done = Message.objects.filter(external_id__in=list(sent), assignee__isnull=False).count()
        if done >= total:
            break
        time.sleep(0.5)
    rows = Message.objects.filter(external_id__in=list(sent)).values_list(
        "external_id", "ingested_at", "assignee_id"
    )
    latencies = sorted(
        ingested.timestamp() - sent[external] for external, ingested, assignee in rows if assignee
    )
    if len(latencies) < total:
        print(f"warning: only {len(latencies)} of {total} rows triaged and assigned in time")
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/2")
    data_dir = tempfile.mkdtemp(prefix="bench-connectors-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir}/bench.sqlite3"
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    env = _env(database_url, broker, data_dir)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    _setup_django(env)
    from config.celery import app

    app.control.purge()
    server = _gunicorn(env)
    try:
        throughput, per_core = bench_throughput(args.requests, args.threads, server.pid)
    finally:
        _stop(server)
    app.control.purge()
    account = _world()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            str(args.concurrency),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    server = _gunicorn(env)
    try:
        time.sleep(3)  # the worker connects and loads the engine
        latencies = bench_latency(args.rate, args.seconds, account)
    finally:
        _stop(server)
        _stop(worker)
        shutil.rmtree(data_dir, ignore_errors=True)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    report = "\n".join(
        [
            f"# Connectors benchmark ({database}, {time.strftime('%Y-%m-%d')})",
            "",
            f"- Verify and enqueue, gunicorn 1 worker process (gthread x4), {args.requests} signed "
            f"deliveries from {args.threads} client threads on the same machine: "
            f"**{throughput:.0f} requests/s** wall clock; the server process used "
            f"{1000 / per_core:.2f} ms of CPU a request, **{per_core:.0f} requests per "
            "CPU-second** (one core's capacity, whatever else the machine runs)",
            f"- Webhook → triaged, assigned row at {args.rate:.0f} events/s "
            f"for {args.seconds:.0f} s, "
            f"Celery worker x{args.concurrency}: p50 **{q[49]:.2f} s**, p95 **{q[94]:.2f} s**, "
            f"max {max(latencies):.2f} s ({len(latencies)} rows)",
            f"- Machine: {os.cpu_count()} cores (shared), load average "
            f"{os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}",
        ]
    )
    print(report)
    out = ROOT / "reports" / f"bench_connectors-{database.lower()}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
