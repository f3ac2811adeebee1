"""Citizens on the sandbox platform: the engine's storm traffic simulator (its daily rhythm,
comment waves, regulars and newcomers, rare threats and the occasional storm) played in
compressed time, each comment posted on the sandbox platform and announced to Someluotsi with a
signed webhook, exactly as a real platform does.

Run by `manage.py sandbox_traffic` (tools/run starts it beside the server).
"""

from __future__ import annotations

import json
import logging
import random
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from django.utils import timezone

from someluotsi.connectors.models import Connection, SandboxItem
from someluotsi.connectors.sandbox import platform
from someluotsi.connectors.sandbox.connector import sign
from someluotsi.guideline.evaluation.traffic import CITY_CHANNELS, ChannelProfile, simulate
from someluotsi.guideline.storms.detector import Event

logger = logging.getLogger(__name__)

PHRASES = tomllib.loads((Path(__file__).parent / "data" / "comments.toml").read_text("utf-8"))
FIRST_NAMES = (
    "Aino",
    "Eino",
    "Helmi",
    "Väinö",
    "Linnea",
    "Elias",
    "Sofia",
    "Oskari",
    "Ella",
    "Johannes",
    "Saga",
    "Anton",
    "Ida",
    "Leo",
    "Emma",
    "Viljo",
)
LANGUAGES = (("fi", 0.75), ("sv", 0.2), ("en", 0.05))


@dataclass(frozen=True)
class Planned:
    """A comment to post `delay` seconds (real time) after the start."""

    delay: float
    account_id: str
    author: str
    text: str


def _language(rng: random.Random) -> str:
    return rng.choices([code for code, _w in LANGUAGES], [w for _c, w in LANGUAGES])[0]


def comment_text(rng: random.Random, event: Event) -> str:
    """A text of the event's kind (threat, negative, or an ordinary one) in a likely language."""
    if event.threat:
        kind = "threat"
    elif event.negative:
        kind = "negative"
    else:
        kind = rng.choices(["question", "feedback", "praise"], [0.45, 0.3, 0.25])[0]
    bank = PHRASES[kind]
    language = _language(rng)
    return str(rng.choice(bank.get(language) or bank["fi"]))


def author_name(author: str) -> str:
    """A stable invented name for the simulator's author id."""
    digest = sum(ord(ch) * (i + 1) for i, ch in enumerate(author))
    return f"{FIRST_NAMES[digest % len(FIRST_NAMES)]} {chr(65 + digest // 7 % 26)}."


def plan(
    *, accounts: list[str], seed: int, speed: float, hours: float, profile: ChannelProfile
) -> list[Planned]:
    """The next `hours` of simulated traffic for each account, in real-time delays."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible demo, not secrets
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    days = max(1, int(hours // 24) + 1)
    traffic = simulate(
        seed=seed,
        days=days,
        warmup_days=0,
        storms_per_channel=0.6,
        channels=(profile,),
        start=start,
    )
    planned: list[Planned] = []
    now = timezone.now()
    for account in accounts:
        for event in traffic.events[profile.name]:
            delay = (event.at - now).total_seconds() / speed
            if 0 <= delay <= hours * 3600 / speed:
                planned.append(
                    Planned(delay, account, author_name(event.author), comment_text(rng, event))
                )
    return sorted(planned, key=lambda p: p.delay)


def ensure_posts(account_id: str, rng: random.Random) -> list[SandboxItem]:
    """The account's posts that comments go under (a few are published the first time)."""
    posts = list(SandboxItem.objects.filter(account_id=account_id, kind="post", deleted=False))
    if not posts:
        texts = PHRASES["posts"]["fi"] + PHRASES["posts"]["sv"]
        for hours_ago, text in enumerate(rng.sample(texts, 3), 1):
            posts.append(
                platform.sandbox_post(
                    account_id=account_id, text=text, at=timezone.now() - timedelta(hours=hours_ago)
                )
            )
    return posts


def deliver_http(url: str) -> Callable[[bytes, dict[str, str]], None]:
    """Send deliveries to a running server's /webhooks/sandbox/ (waiting for it to start)."""

    def send(body: bytes, headers: dict[str, str]) -> None:
        for attempt in range(30):
            try:
                response = httpx.post(
                    url.rstrip("/") + "/webhooks/sandbox/",
                    content=body,
                    headers=headers,
                    timeout=30,
                )
                if response.status_code < 500:
                    if response.status_code >= 400:
                        logger.warning("sandbox delivery refused: %s", response.status_code)
                    return
            except httpx.HTTPError:
                pass
            time.sleep(min(2.0, 0.2 * (attempt + 1)))

    return send


def post_and_announce(
    item: Planned,
    posts: list[SandboxItem],
    rng: random.Random,
    send: Callable[[bytes, dict[str, str]], None],
) -> SandboxItem:
    """Post one comment on the sandbox platform and send the signed webhook about it."""
    post = rng.choice(posts)
    comment = platform.sandbox_comment(
        account_id=item.account_id, thread_id=post.item_id, author=item.author, text=item.text
    )
    body = json.dumps(
        {
            "object": "sandbox",
            "events": [
                {
                    "account_id": item.account_id,
                    "item_id": comment.item_id,
                    "kind": "comment",
                    "verb": "add",
                }
            ],
        }
    ).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Sandbox-Signature": sign(body, at=int(time.time())),
    }
    send(body, headers)
    return comment


def sandbox_accounts() -> list[str]:
    return sorted(
        set(
            Connection.objects.filter(platform="sandbox", status="active").values_list(
                "account_id", flat=True
            )
        )
    )


# The demo's defaults: a few comments a minute at most, and none while this many sandbox
# messages are open (new or assigned), so the demo inbox stays workable however long it runs.
DEFAULT_SPEED = 6.0  # simulated seconds per real second: about one comment a minute an account
DEFAULT_MAX_OPEN = 40
OPEN_CHECK_SECONDS = 30.0


def open_sandbox_messages() -> int:
    """Open (new or assigned) inbox messages of the channels connected to the sandbox."""
    from someluotsi.inbox.models import Message
    from someluotsi.inbox.selectors import OPEN_STATUSES

    channels = Connection.objects.filter(platform="sandbox").values("channel_id")
    return Message.objects.filter(channel__in=channels, status__in=OPEN_STATUSES).count()


def run(
    *,
    send: Callable[[bytes, dict[str, str]], None],
    seed: int = 7,
    speed: float = DEFAULT_SPEED,
    limit: int | None = None,
    max_open: int | None = DEFAULT_MAX_OPEN,
    sleep: Callable[[float], None] = time.sleep,
    open_count: Callable[[], int] = open_sandbox_messages,
) -> Iterator[SandboxItem]:
    """Play the traffic for every sandbox connection, yielding each comment as it is posted.
    Runs a simulated day at a time, forever unless `limit` comments are given; while
    `max_open` sandbox messages are open (None: no cap) it waits instead of adding more."""
    rng = random.Random(seed)  # noqa: S311
    posted = 0
    round_ = 0
    while limit is None or posted < limit:
        accounts = sandbox_accounts()
        if not accounts:
            sleep(5)
            continue
        posts = {account: ensure_posts(account, rng) for account in accounts}
        started = time.monotonic()
        for item in plan(
            accounts=accounts, seed=seed + round_, speed=speed, hours=24, profile=CITY_CHANNELS[0]
        ):
            wait = item.delay - (time.monotonic() - started)
            if wait > 0:
                sleep(wait)
            while max_open is not None and open_count() >= max_open:
                sleep(OPEN_CHECK_SECONDS)
            yield post_and_announce(item, posts[item.account_id], rng, send)
            posted += 1
            if limit is not None and posted >= limit:
                return
        round_ += 1
