"""Who answers a message, by each channel's agreement among its updaters (§8.4).

A maintainer who answers messages lists the weekdays they answer and an order (1 answers first,
2 is the backup). A message goes to the first in order who answers on the weekday it is due
(so Saturday's question goes to Monday's answerer); among equals, to the one with the fewest
open messages. A channel with no answerer leaves the message unassigned for the mavi team.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel, ChannelMaintainer
from someluotsi.inbox.enums import MessageStatus
from someluotsi.inbox.models import Message


class AnswererPicker:
    """Picks answerers for many messages with two queries, keeping open-message counts current."""

    def __init__(self, channels: Iterable[Channel]) -> None:
        channel_ids = {channel.pk for channel in channels}
        self._answerers: dict[int, list[ChannelMaintainer]] = defaultdict(list)
        rows = (
            ChannelMaintainer.objects.filter(
                channel_id__in=channel_ids, answers_messages=True, user__is_active=True
            )
            .select_related("user")
            .order_by("answer_order", "user_id")
        )
        for row in rows:
            self._answerers[row.channel_id].append(row)
        users = {row.user_id for rows_ in self._answerers.values() for row in rows_}
        self._load: Counter[int] = Counter(
            Message.objects.filter(
                assignee_id__in=users, status__in=(MessageStatus.NEW, MessageStatus.ASSIGNED)
            ).values_list("assignee_id", flat=True)
        )
        self._zone = ZoneInfo(settings.TIME_ZONE)

    def pick(self, channel: Channel, moment: datetime) -> User | None:
        answerers = self._answerers.get(channel.pk, [])
        if not answerers:
            return None
        weekday = moment.astimezone(self._zone).weekday()
        on_duty = [row for row in answerers if weekday in (row.answer_weekdays or [])] or answerers
        first_order = min(row.answer_order for row in on_duty)
        candidates = [row for row in on_duty if row.answer_order == first_order]
        chosen = min(candidates, key=lambda row: (self._load[row.user_id], row.user_id))
        self._load[chosen.user_id] += 1
        return chosen.user
