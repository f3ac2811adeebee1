"""The Celery application.

Tasks are ordinary Celery tasks everywhere; without `CELERY_BROKER_URL` settings make them run
eagerly in-process, so the embedded default needs no broker or worker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("someluotsi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
