"""`manage.py import_messages FILE`: store messages from a JSON or CSV export, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from someluotsi.channels.models import Channel
from someluotsi.inbox.importing import parse_messages
from someluotsi.inbox.services import message_ingest

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Import messages (JSON list, JSON lines or CSV); a file with any bad row changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        channels: dict[str, Channel] = {}
        for channel in Channel.objects.all():
            channels[str(channel.pk)] = channel
            if channel.handle:
                channels[channel.handle] = channel
        parsed = parse_messages(path.read_bytes(), path.name, channels)
        if parsed.errors:
            for error in parsed.errors[:100]:
                self.stderr.write(error)
            raise CommandError(f"{len(parsed.errors)} rejected rows; nothing was imported")
        result = message_ingest(actor=None, items=parsed.items, progress=self._progress)
        for conflict in result.conflicts:
            self.stderr.write(f"{conflict.external_id}: {conflict.message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} imported, {result.duplicates} already there, "
                f"{len(result.conflicts)} not stored (external_id taken by a different text)"
            )
        )

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % CHUNK == 0:
            self.stderr.write(f"\r{done}/{total}", ending="")
            if done == total:
                self.stderr.write("")
