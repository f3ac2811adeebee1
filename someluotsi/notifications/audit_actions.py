"""Audit actions of notifications (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

from someluotsi.audit.registry import (
    AuditAction,
    TargetKind,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.notifications.models import Notification

OUTCOMES = {
    "sent": pgettext_lazy("e-mail retry outcome", "sent"),
    "retry": pgettext_lazy("e-mail retry outcome", "not yet sent, to be tried again"),
    "unreachable": pgettext_lazy("e-mail retry outcome", "the mail server was not reachable"),
    "failed": pgettext_lazy("e-mail retry outcome", "failed"),
    "skipped": pgettext_lazy("e-mail retry outcome", "nothing to do"),
}

register_target(
    TargetKind(
        model="notifications.notification",
        label=gettext_lazy("Notification"),
        describe=describe_objects(
            lambda: Notification.objects.select_related("recipient"),
            lambda item: {
                "notification": str(item.pk),
                "person": item.recipient.get_full_name() or item.recipient.get_username(),
            },
        ),
        fallback_field="notification",
    )
)

register_actions(
    AuditAction(
        code="notification.email_retried",
        group=gettext_lazy("Notifications"),
        label=gettext_lazy("E-mail tried again"),
        sentence=gettext_lazy(
            "%(actor)s tried again to e-mail notification %(notification)s to %(person)s: "
            "%(outcome)s."
        ),
        details=lambda data: {
            "outcome": str(OUTCOMES.get(str(data.get("outcome")), data.get("outcome") or "–"))
        },
    ),
)
