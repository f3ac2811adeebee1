"""Publish the posts whose time has come: once, or every N seconds (the embedded default has no
Celery beat; `tools/run` starts this beside the server)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from someluotsi.publishing.tasks import publishing_publish_due


class Command(BaseCommand):
    help = "Publish the scheduled posts whose time has come (once, or --every N seconds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        every: int = options["every"]
        while True:
            claimed = publishing_publish_due.apply().get()
            if options["verbosity"] > 1:
                self.stdout.write(f"{claimed} post copies claimed")
            if every <= 0:
                return
            time.sleep(every)
