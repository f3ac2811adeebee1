"""The weekly channel-health summary to the mavi team (a Celery beat task calls it)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from someluotsi.audit.models import AuditEvent
from someluotsi.audit.services import audit_record
from someluotsi.channels.health import ChannelHealth, channel_health
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import city_wide_people
from someluotsi.notifications.services import notification_send_worded

SUMMARY_ACTION = "channel_health.summary_sent"
MAX_LISTED = 30


def _body(report: list[ChannelHealth]) -> str:
    lines = []
    for row in report[:MAX_LISTED]:
        labels = ", ".join(f"{f.problem.label} ({f.section})" for f in row.findings)
        lines.append(f"- {row.channel.name}: {labels}")
    if len(report) > MAX_LISTED:
        lines.append(_("… and %(count)s more.") % {"count": len(report) - MAX_LISTED})
    return "\n".join(lines)


def health_summary_send(*, now: datetime | None = None) -> int:
    """Send this week's summary once (a repeated run in the same ISO week sends nothing).

    Returns the number of channels with findings that were reported."""
    now = now or timezone.now()
    year, week, _day = timezone.localtime(now).isocalendar()
    week_key = f"{year}-W{week:02d}"
    if AuditEvent.objects.filter(action=SUMMARY_ACTION, data__week=week_key).exists():
        return 0
    report = [
        row
        for row in channel_health(
            channels=Channel.objects.all(), inactive_days=settings.CHANNEL_INACTIVE_DAYS, now=now
        )
        if row.findings
    ]
    critical = sum(1 for row in report if row.critical)
    notification_send_worded(
        recipients=city_wide_people(),
        subject=lambda: (
            ngettext(
                "Channel health, week %(week)s: %(count)s channel needs attention",
                "Channel health, week %(week)s: %(count)s channels need attention",
                len(report),
            )
            % {"week": week, "count": len(report)}
        ),
        body=lambda: (
            _("%(critical)s of them critically.") % {"critical": critical} + "\n" + _body(report)
            if report
            else _("Every active channel is staffed, covered, active and planned.")
        ),
        url=reverse("channels:health"),
    )
    audit_record(
        actor=None,
        action=SUMMARY_ACTION,
        data={"week": week_key, "channels": len(report), "critical": critical},
    )
    return len(report)
