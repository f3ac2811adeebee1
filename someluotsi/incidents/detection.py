"""Storm detection over the inbox (§17): messages become the engine's plain events, the engine
judges, and an alert with its evidence goes to the mavi team in the app and by e-mail."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import users_with_role
from someluotsi.audit.services import audit_record
from someluotsi.channels.enums import ChannelStatus
from someluotsi.channels.models import Channel
from someluotsi.guideline.storms.detector import (
    Event,
    Sensitivity,
    build_baseline,
    recurring_terms,
    scan,
    timeline,
)
from someluotsi.inbox.models import Message
from someluotsi.incidents.enums import EntryKind, IncidentStatus, SensitivityLevel
from someluotsi.incidents.models import DetectionSetting, IncidentEntry, StormAlert
from someluotsi.incidents.selectors import alert_list_for_user
from someluotsi.notifications.services import notification_send_worded

LOOKBACK = timedelta(hours=2)


def sensitivity_for(channel: Channel) -> str:
    """The channel's own setting, else the setting for all channels, else the default."""
    settings: dict[int | None, str] = dict(
        DetectionSetting.objects.filter(Q(channel=channel) | Q(channel=None)).values_list(
            "channel_id", "sensitivity"
        )
    )
    return settings.get(channel.pk) or settings.get(None) or SensitivityLevel.DEFAULT


def _events(messages: QuerySet[Message]) -> list[Event]:
    rows = messages.values_list("pk", "received_at", "author_handle", "tone", "category")
    return [
        Event(
            at=received,
            author=author,
            negative=tone == "negative" or category == "inappropriate",
            threat=category == "threat",
            ref=str(pk),
        )
        for pk, received, author, tone, category in rows.iterator()
    ]


def storm_scan_channel(channel: Channel, *, now: datetime | None = None) -> StormAlert | None:
    """Judge one channel now; record and announce an alert unless one is still cooling down."""
    now = now or timezone.now()
    level = sensitivity_for(channel)
    sensitivity = Sensitivity.named(level)
    if StormAlert.objects.filter(
        channel=channel, detected_at__gt=now - sensitivity.cooldown
    ).exists():
        return None
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    history = Message.objects.filter(
        channel=channel, received_at__gte=midnight - timedelta(weeks=4), received_at__lt=midnight
    )
    baseline = build_baseline(_events(history), until=midnight)
    recent = _events(
        Message.objects.filter(
            channel=channel, received_at__gt=now - LOOKBACK, received_at__lte=now
        )
    )
    found = scan(str(channel.pk), recent, baseline, now=now, sensitivity=sensitivity)
    if found is None:
        return None
    # The alert's messages (found.refs) all lie in its window: one query serves both the top
    # messages and the recurring words.
    window = [e for e in recent if e.at > now - timedelta(minutes=found.window_minutes)]
    by_id = {
        str(m.pk): m
        for m in Message.objects.filter(pk__in=[int(e.ref) for e in window]).only(
            "pk", "text", "category", "tone", "received_at"
        )
    }
    top = [by_id[r] for r in found.refs if r in by_id][:8]
    texts = [m.text for m in by_id.values()]
    evidence = {
        "messages": [
            {
                "id": m.pk,
                "received_at": m.received_at.isoformat(),
                "category": m.category,
                "tone": m.tone,
                "excerpt": m.text[:280],
            }
            for m in top
        ],
        "terms": recurring_terms(texts),
        "timeline": [
            [moment.isoformat(), count, negative, expected]
            for moment, count, negative, expected in timeline(recent, baseline, end=now, hours=2)
        ],
        "top_author": found.top_author,
    }
    alert = StormAlert.objects.create(
        channel=channel,
        detected_at=now,
        sensitivity=level,
        signals=[s.value for s in found.signals],
        window_minutes=found.window_minutes,
        observed=found.observed,
        expected=found.expected,
        negative=found.negative,
        negative_share=found.negative_share,
        baseline_negative_share=found.baseline_negative_share,
        threats=found.threats,
        new_authors=found.new_authors,
        top_author_messages=found.top_author_messages,
        p_value=found.p_value,
        evidence=evidence,
    )
    open_incident = channel.incidents.filter(status=IncidentStatus.OPEN).first()
    if open_incident is not None:
        alert.incident = open_incident
        alert.save(update_fields=["incident"])
        IncidentEntry.objects.create(
            incident=open_incident, kind=EntryKind.ALERT, text=f"#{alert.pk}"
        )
    audit_record(
        actor=None,
        action="incidents.storm_detected",
        target=alert,
        data={"channel": channel.pk, "signals": alert.signals, "messages": alert.observed},
    )
    mavi = list(users_with_role(role=Role.MAVI)) + list(users_with_role(role=Role.COMMS_MANAGER))
    maintainers = list(channel.maintainers.all())
    # Only those who can open the alert are told (a notification never links to a page its
    # recipient cannot open); the maintainers can, whatever their role (§17.3, §12.2). The
    # text is counts only; the alert page shows each one the evidence they may read.
    recipients = [
        user
        for user in mavi + maintainers
        if alert_list_for_user(user=user).filter(pk=alert.pk).exists()
    ]
    notification_send_worded(
        recipients=recipients,
        subject=lambda: _("Possible social media storm on %(channel)s") % {"channel": channel.name},
        body=lambda: (
            _(
                "%(observed)s messages in %(minutes)s minutes (usually %(expected)s), "
                "%(negative)s of them negative; %(threats)s threats. Open the alert for the "
                "evidence and the guideline's playbook (§17)."
            )
            % {
                "observed": alert.observed,
                "minutes": alert.window_minutes,
                "expected": number_format(alert.expected, decimal_pos=1, use_l10n=True),
                "negative": alert.negative,
                "threats": alert.threats,
            }
        ),
        url=reverse("incidents:alert", args=[alert.pk]),
    )
    return alert


def storms_scan(*, now: datetime | None = None, channel_ids: list[int] | None = None) -> int:
    """Scan every active channel (or the given ones); the number of new alerts."""
    channels = Channel.objects.filter(status=ChannelStatus.ACTIVE)
    if channel_ids is not None:
        channels = channels.filter(pk__in=channel_ids)
    return sum(1 for channel in channels if storm_scan_channel(channel, now=now))
