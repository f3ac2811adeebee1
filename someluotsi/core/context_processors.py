"""Template context for the page shell: the navigation the user may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import user_areas, user_has_role, user_is_read_only

AREA_URL_NAMES: dict[Area, str] = {
    Area.CHECK: "compliance:check",
    Area.INBOX: "inbox:queue",
    Area.CHANNELS: "channels:list",
    Area.METRICS: "metrics:dashboard",
    Area.INCIDENTS: "incidents:list",
    Area.PUBLISHING: "publishing:calendar",
    Area.HUB: "publishing:hub",
    Area.PEOPLE: "accounts:people",
    Area.AUDIT: "audit:list",
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "read_only": False}
    from someluotsi.notifications.selectors import notification_unread_count

    path = request.path
    urls = {area: reverse(AREA_URL_NAMES[area]) for area in user_areas(user=user)}
    # The current area is the longest address the path starts with (/publishing/hub/ is the
    # hub's, not the publishing area's).
    current = max((url for url in urls.values() if path.startswith(url)), key=len, default=None)
    items = [
        {"area": area.value, "label": area.label, "url": url, "current": url == current}
        for area, url in urls.items()
    ]
    return {
        "nav_items": items,
        "nav_areas": {item["area"] for item in items},
        "unread_notifications": notification_unread_count(user=user),
        "is_mavi": user.is_superuser or user_has_role(user=user, roles={Role.MAVI}),
        # A read-only role (an auditor) is shown no form or button it would be refused
        # (accounts.middleware.ReadOnlyRoleMiddleware): templates wrap writes in
        # {% if not read_only %}.
        "read_only": user_is_read_only(user=user),
    }
