"""`manage.py check --deploy` warns when e-mailed links would have no host: a notification's
e-mail ends with the address of what it is about, SOMELUOTSI_BASE_URL + its path
(delivery.py); without the base URL a reader's mail program gets "/inbox/escalations/10/"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def base_url_is_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.BASE_URL.startswith(("https://", "http://")):
        return []
    return [
        Warning(
            "SOMELUOTSI_BASE_URL is not an absolute address: links in notification e-mails "
            "have no host.",
            hint="Set SOMELUOTSI_BASE_URL to the site's address, e.g. https://someluotsi.kokkola.fi.",
            id="notifications.W001",
        )
    ]
