"""`manage.py send_notifications`: send the notification e-mails whose (re)try is due.

For installations without Celery beat (the embedded default): run it from cron every minute or
few. With Celery beat the `notifications-retry` entry does the same.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from someluotsi.notifications.delivery import notifications_retry_due


class Command(BaseCommand):
    help = "Send the notification e-mails whose try is due (retries with back-off)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = notifications_retry_due()
        self.stdout.write(
            f"sent {result.sent}, retrying later {result.retrying}, failed {result.failed}"
            + (" (the mail server is unreachable: stopped)" if result.stopped_early else "")
        )
