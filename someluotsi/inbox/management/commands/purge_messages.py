"""`manage.py purge_messages`: remove message texts older than the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from someluotsi.inbox.retention import inbox_purge_expired


class Command(BaseCommand):
    help = "Remove texts and authors of messages older than INBOX_RETENTION_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="Override INBOX_RETENTION_DAYS for this run."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] or settings.INBOX_RETENTION_DAYS
        try:
            result = inbox_purge_expired(days=days)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed the texts of {result.messages} messages and {result.evidence} closed "
                f"escalations' evidence; kept {result.kept_for_open_cases} with open cases "
                f"(older than {days} days)."
            )
        )
