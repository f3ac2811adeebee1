from __future__ import annotations

from django.db.models import QuerySet

from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import AnyUser, user_has_role
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_list_for_user
from someluotsi.compliance.models import CheckRun


def check_run_list_for_user(*, user: AnyUser) -> QuerySet[CheckRun]:
    """Authors see their own runs; the mavi team and auditors see every run's metadata."""
    if not user.is_authenticated:
        return CheckRun.objects.none()
    if user.is_superuser or user_has_role(user=user, roles={Role.MAVI, Role.AUDITOR}):
        return CheckRun.objects.select_related("author", "channel")
    return CheckRun.objects.filter(author_id=user.pk).select_related("channel")


def check_channel_choices(*, user: AnyUser) -> QuerySet[Channel]:
    """Channels a user may post to from the checker: the ones they see in the register."""
    return channel_list_for_user(user=user).order_by("platform", "name")
