"""Storms on a person's home page (core.waiting): new storm alerts on the channels they work
and the open incidents they own (§17)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_is_read_only
from someluotsi.core.waiting import Waiting, waiting_register
from someluotsi.incidents.enums import AlertStatus, IncidentStatus
from someluotsi.incidents.selectors import alert_list_for_user, incident_list_for_user


def alerts_waiting(user: User) -> Waiting | None:
    """New storm alerts nobody has handled yet: urgent; not for those who only read."""
    if user_is_read_only(user=user):
        return None
    count = alert_list_for_user(user=user).filter(status=AlertStatus.NEW).count()
    text = ngettext("%(count)d new storm alert", "%(count)d new storm alerts", count) % {
        "count": count
    }
    return Waiting("incidents.alerts", count, text, reverse("incidents:list"), True, 5)


def incidents_waiting(user: User) -> Waiting | None:
    """Open incidents the user owns."""
    count = (
        incident_list_for_user(user=user)
        .filter(status=IncidentStatus.OPEN, owner_id=user.pk)
        .count()
    )
    text = ngettext(
        "%(count)d open incident you lead", "%(count)d open incidents you lead", count
    ) % {"count": count}
    return Waiting("incidents.open", count, text, reverse("incidents:list"), order=25)


def register() -> None:
    """Called from the app's ready()."""
    waiting_register("incidents.alerts", alerts_waiting)
    waiting_register("incidents.open", incidents_waiting)
