"""Publishing's lines on a person's home page (core.waiting): posts to review and elected
officials' clearance requests to answer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_can_access_area
from someluotsi.core.waiting import Waiting, waiting_register
from someluotsi.publishing.selectors import clearances_to_answer, posts_waiting_for


def posts_to_review(user: User) -> Waiting | None:
    """Posts in review with a channel copy the user may still approve."""
    if not user_can_access_area(user=user, area=Area.PUBLISHING):
        return None
    count = len(posts_waiting_for(user=user))
    text = ngettext("%(count)d post to review", "%(count)d posts to review", count) % {
        "count": count
    }
    return Waiting("publishing.review", count, text, reverse("publishing:calendar"), order=12)


def clearances_waiting(user: User) -> Waiting | None:
    """Clearance requests the user prepares an answer to (§6.4)."""
    if not user_can_access_area(user=user, area=Area.HUB):
        return None
    count = clearances_to_answer(user=user).count()
    text = ngettext(
        "%(count)d clearance request to answer", "%(count)d clearance requests to answer", count
    ) % {"count": count}
    return Waiting("publishing.clearances", count, text, reverse("publishing:clearances"), order=14)


def register() -> None:
    """Called from the app's ready()."""
    waiting_register("publishing.review", posts_to_review)
    waiting_register("publishing.clearances", clearances_waiting)
