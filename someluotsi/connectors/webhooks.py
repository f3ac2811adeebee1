"""`/webhooks/<platform>/`: the platforms' handshakes (GET) and deliveries (POST).

A delivery is verified over the raw bytes in constant time before anything is parsed; then its
shape is checked and its hints are queued for the `connectors.process_hints` task. Nothing is
stored in the request, so a refused request (401/403 unsigned or wrongly signed, 413 too large,
400 malformed, 422 unknown object type) stores nothing, and an accepted one answers at once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from someluotsi.connectors.base import WebhookHint
from someluotsi.connectors.errors import WebhookRejectedError
from someluotsi.connectors.registry import CONNECTORS, connector_for, platform_enabled

logger = logging.getLogger(__name__)

HINT_WINDOW_SECONDS = 60


def webhook_accept(*, platform: str, headers: object, body: bytes, now: float) -> int:
    """Verify, parse and queue one delivery; returns the number of hints queued. Raises
    WebhookRejectedError. Also the sandbox's in-process sender goes through here."""
    from someluotsi.connectors.tasks import process_hints

    if len(body) > settings.CONNECTORS_WEBHOOK_MAX_BYTES:
        raise WebhookRejectedError(413, "body too large")
    connector = connector_for(platform)
    connector.verify_webhook(headers=headers, body=body, now=now)  # type: ignore[arg-type]
    hints = connector.parse_webhook(body=body)
    fresh = [hint for hint in hints if hint.removed or _first_sighting(platform, hint)]
    if fresh:
        # No publish retries in the request: if the broker is down the platform gets a 503
        # and delivers again later, which is cheaper and safer than holding its request.
        process_hints.apply_async((platform, [asdict(hint) for hint in fresh]), retry=False)
    return len(fresh)


def _first_sighting(platform: str, hint: WebhookHint) -> bool:
    """Whether this item was not queued in the last minute. Platforms deliver at least once
    and retry in bursts; the task de-duplicates for good (in the database), this only keeps a
    burst of repeats from flooding the queue. A repeat after a lost task is caught by polling."""
    key = f"connectors:hint:{platform}:{hint.account_id}:{hint.item_id}"
    return bool(cache.add(key, 1, timeout=HINT_WINDOW_SECONDS))


def deliver_in_process(body: bytes, headers: dict[str, str]) -> None:
    """The sandbox platform's sender without HTTP: the same verification and queueing (a
    process without a server, the tests)."""
    webhook_accept(platform="sandbox", headers=headers, body=body, now=time.time())


def _refusal(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"error": {"code": "webhook_rejected", "message": reason}}, status=status)


@csrf_exempt
def webhook(request: HttpRequest, platform: str) -> HttpResponse:
    if platform not in CONNECTORS or not platform_enabled(platform):
        return _refusal(404, "no such webhook")
    connector = connector_for(platform)
    if request.method in ("GET", "HEAD"):  # HEAD answers as GET does, without the body
        query = {key: request.GET.get(key, "") for key in request.GET}
        answer = connector.handshake(query=query)
        return HttpResponse(answer.body, status=answer.status, content_type=answer.content_type)
    if request.method != "POST":
        return _refusal(405, "method not allowed")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > settings.CONNECTORS_WEBHOOK_MAX_BYTES:
        return _refusal(413, "body too large")
    try:
        queued = webhook_accept(
            platform=platform, headers=request.headers, body=request.body, now=time.time()
        )
    except WebhookRejectedError as exc:
        logger.info("webhook refused on %s: %s (%s)", platform, exc.reason, exc.status)
        return _refusal(exc.status, exc.reason)
    except Exception:
        logger.exception("webhook could not be queued on %s", platform)
        return _refusal(503, "try again later")
    return JsonResponse({"accepted": queued})
