"""Which storm alerts and incidents a user sees, and what of an alert's evidence they may read.

Alerts and incidents are listed for the channels a user sees in the register; the messages'
texts and authors inside an alert's evidence follow the inbox rule instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from someluotsi.accounts.access import Area
from someluotsi.accounts.selectors import AnyUser, user_can_access_area
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_list_for_user
from someluotsi.inbox.selectors import readability_for_user
from someluotsi.incidents.models import Incident, StormAlert


def incident_channels(*, user: AnyUser) -> QuerySet[Channel]:
    """The channels whose storms a user sees: those they see in the register."""
    if not user_can_access_area(user=user, area=Area.INCIDENTS):
        return Channel.objects.none()
    return channel_list_for_user(user=user)


def incident_can_work(*, user: AnyUser, channel: Channel) -> bool:
    return incident_channels(user=user).filter(pk=channel.pk).exists()


def alert_list_for_user(*, user: AnyUser) -> QuerySet[StormAlert]:
    return StormAlert.objects.filter(channel__in=incident_channels(user=user)).select_related(
        "channel", "incident"
    )


def incident_list_for_user(*, user: AnyUser) -> QuerySet[Incident]:
    return Incident.objects.filter(channel__in=incident_channels(user=user)).select_related(
        "channel", "owner"
    )


# Parts of an alert's evidence drawn from citizens' messages: excerpts, the recurring words and
# the busiest author's handle. Counts, times, categories and tones are metadata.
_MESSAGE_CONTENT_KEYS = ("excerpt",)


@dataclass(frozen=True)
class AlertEvidence:
    """An alert's evidence as one user may see it.

    `messages`: [{id, received_at, category, tone, excerpt?}] (excerpt only when readable);
    `terms`: [(word, messages)]; `timeline`: [(iso time, messages, negative, usual)] per 15 min;
    `top_author`: the handle of the author with most messages, or None; `readable`: whether the
    texts and authors were included (the inbox rule, inbox.selectors.readability_for_user).
    """

    messages: list[dict[str, Any]]
    terms: list[tuple[str, int]]
    timeline: list[list[Any]]
    top_author: str | None
    readable: bool


def alert_evidence_for_user(*, user: AnyUser, alert: StormAlert) -> AlertEvidence:
    """The alert's evidence with message texts, words and author only for those who may read the
    channel's messages; others get the counts and the messages' metadata. The caller audits a
    readable view (`alert_evidence_record`)."""
    evidence = alert.evidence or {}
    readable = readability_for_user(user=user).can_read_channel(alert.channel_id)
    messages = [
        row if readable else {k: v for k, v in row.items() if k not in _MESSAGE_CONTENT_KEYS}
        for row in evidence.get("messages", [])
    ]
    return AlertEvidence(
        messages=messages,
        terms=[(str(t), int(n)) for t, n in evidence.get("terms", [])] if readable else [],
        timeline=list(evidence.get("timeline", [])),
        top_author=(evidence.get("top_author") or None) if readable else None,
        readable=readable,
    )
