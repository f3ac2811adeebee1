"""The installable app: web app manifest, service worker and the page shown offline.

The service worker keeps only public, non-personal files (the offline page, the style sheet,
the icons): pages that show messages or people are never cached, so a lost phone holds nothing
of them. When the network is gone a page request gets the offline page instead.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Bump when the list of precached files or the worker's logic changes: old caches are dropped.
CACHE_VERSION = "someluotsi-v1"
BRAND_COLOUR = "#00325f"


def precached_urls() -> list[str]:
    """The files the service worker stores at installation (public, no personal data)."""
    return [
        reverse("core:offline"),
        static("css/site.css"),
        static("icons/icon-192.png"),
        static("icons/favicon-32.png"),
    ]


@require_safe
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest (W3C Web Application Manifest) in the reader's language."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ] + [
        {
            "src": static(f"icons/icon-maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in (192, 512)
    ]
    body = {
        "name": _("Someluotsi"),
        "short_name": _("Someluotsi"),
        "description": _("City of Kokkola – social media guide"),
        "lang": getattr(request, "LANGUAGE_CODE", "fi"),
        "start_url": reverse("core:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": BRAND_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_safe
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the site root so that its scope is the whole site."""
    context = {
        "cache_version": json.dumps(CACHE_VERSION),
        "precache": json.dumps(precached_urls()),
        "offline_url": json.dumps(reverse("core:offline")),
    }
    response = render(
        request, "core/sw.js", context, content_type="application/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(max_age=86400)
def offline(request: HttpRequest) -> HttpResponse:
    """The page the service worker shows without a network, in all three languages: it is
    stored once and shown whatever language the person reads."""
    return render(request, "core/offline.html")
