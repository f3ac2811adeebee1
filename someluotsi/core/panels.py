"""Panels that higher apps add to lower apps' pages, registered explicitly at start-up.

A lower app (inbox, channels) never imports a higher one (connectors); instead its view asks
for the panels of a slot and the higher app registers a renderer in its AppConfig.ready(). A
renderer returns HTML (from its own template) or "" when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

Renderer = Callable[[HttpRequest, Any], str]

# slot → renderers, in registration order. Slots: "channel" (the channel page, object: the
# Channel) and "message" (the message page, object: the Message).
PANELS: dict[str, list[Renderer]] = {"channel": [], "message": []}


def panel_register(slot: str, renderer: Renderer) -> None:
    """Add a renderer to a slot once (ready() may run twice in tests)."""
    if renderer not in PANELS[slot]:
        PANELS[slot].append(renderer)


def panels_render(slot: str, request: HttpRequest, obj: Any) -> list[SafeString]:
    """The slot's panels for `obj`, rendered; empty ones left out."""
    rendered = (renderer(request, obj) for renderer in PANELS[slot])
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 - rendered templates
