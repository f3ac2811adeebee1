"""Citizens commenting on the sandbox platform, announced with signed webhooks (the demo's
live inbox). `--url http://127.0.0.1:8000` posts to a running server; without it the same
verification runs in this process."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from someluotsi.connectors.sandbox import traffic
from someluotsi.connectors.webhooks import deliver_in_process


class Command(BaseCommand):
    help = "Simulated citizens comment on the sandbox platform; the inbox fills as you watch."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url", default="", help="the running server, e.g. http://127.0.0.1:8000"
        )
        parser.add_argument(
            "--speed",
            type=float,
            default=traffic.DEFAULT_SPEED,
            help="simulated seconds per real second (6, the default: about one comment a "
            "minute for each sandbox account; 180: an hour in 20 s)",
        )
        parser.add_argument(
            "--max-open",
            type=int,
            default=traffic.DEFAULT_MAX_OPEN,
            help="add nothing while this many sandbox messages are open (0: no cap)",
        )
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--limit", type=int, default=None, help="stop after this many comments")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CONNECTORS_SANDBOX:
            raise CommandError("The sandbox platform is off (CONNECTORS_SANDBOX).")
        send = traffic.deliver_http(options["url"]) if options["url"] else deliver_in_process
        # The log is read while it grows (tools/run: var/sandbox_traffic.log): every line is
        # written through at once, not when a buffer fills.
        self.stdout.write(
            f"sandbox traffic at speed {options['speed']:g}: the simulated citizens keep the hour "
            "of the day, so at night few or none comment"
        )
        self.stdout.flush()
        for comment in traffic.run(
            send=send,
            seed=options["seed"],
            speed=options["speed"],
            limit=options["limit"],
            max_open=options["max_open"] or None,
        ):
            self.stdout.write(f"sandbox comment {comment.item_id} at {comment.created_at:%H:%M:%S}")
            self.stdout.flush()
