"""Re-encrypt stored platform tokens with the first CONNECTORS_ENCRYPTION_KEYS key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from someluotsi.connectors.crypto import new_key
from someluotsi.connectors.services import connection_rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored platform token with the first key of "
        "CONNECTORS_ENCRYPTION_KEYS (put the new key first, run this, then drop the old one). "
        "--new-key prints a fresh key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new-key", action="store_true", help="print a new Fernet key")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        count = connection_rotate_keys()
        self.stdout.write(f"{count} connection(s) re-encrypted")
