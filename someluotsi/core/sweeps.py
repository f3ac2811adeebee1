"""Background sweeps of the embedded default, run after requests instead of by Celery beat.

Without a broker (the embedded default) nothing runs on a schedule, so work that must be
retried later (notification e-mails, platform actions) is taken up after a request has been
answered: at most once per `every_seconds` per cache (one process or all of them, with a shared
cache), and never in a way that disturbs serving. With a broker, Celery beat runs the same jobs
and these sweeps do nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def sweep_once_in_a_while(
    *, lock: str, every_seconds: int, enabled: bool, job: Callable[[], object], what: str
) -> bool:
    """Run `job` if this is the embedded default, `enabled` holds and no sweep under the cache
    key `lock` ran in the last `every_seconds` seconds. Returns whether the job ran (even if it
    failed: a failure is logged as "`what` failed", never raised)."""
    if not settings.CELERY_TASK_ALWAYS_EAGER or not enabled:
        return False
    if not cache.add(lock, 1, timeout=every_seconds):
        return False
    try:
        job()
    except Exception:  # a sweep must never disturb serving
        logger.exception("%s failed", what)
    return True
