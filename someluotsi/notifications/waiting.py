"""Unread notifications as a line on a person's home page (core.waiting)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from someluotsi.accounts.models import User
from someluotsi.core.waiting import Waiting, waiting_register
from someluotsi.notifications.selectors import notification_unread_count


def unread_waiting(user: User) -> Waiting | None:
    count = notification_unread_count(user=user)
    text = ngettext("%(count)d unread notification", "%(count)d unread notifications", count) % {
        "count": count
    }
    return Waiting("notifications.unread", count, text, reverse("notifications:list"), order=90)


def register() -> None:
    """Called from the app's ready()."""
    waiting_register("notifications.unread", unread_waiting)
