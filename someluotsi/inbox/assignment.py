"""Who answers a message, by each channel's agreement among its updaters (§8.4).

A maintainer who answers messages lists the weekdays they answer and an order (1 answers first,
2 is the backup). A message goes to the first in order who answers on the weekday it is due
(so Saturday's question goes to Monday's answerer); among equals, to the one with the fewest
open messages.

An absence covers the person, all their channels at once (§12.1): an answerer away on the day a
message is due is passed over; when every answerer on duty is away, the person covering the
first of them gets it (if they are not away too), then any other answerer who is present.

When none of them can take it (a channel without answerers, or every answerer away with nobody
covering), the message goes to the mavi team, who are responsible for the city's channels and
may work every channel's messages (§7.8, §12.1: social media takes no holiday): the member
present with the fewest open messages. A unit manager is not a fallback: the inbox rule shows
them their units' messages as metadata only, so they could not read what they were given. A
message stays unassigned only when nobody who may work it is present.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import users_with_role
from someluotsi.channels.models import Channel, ChannelMaintainer, MaintainerAbsence
from someluotsi.channels.selectors import user_can_maintain_unit
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
        self._mavi: list[User] = list(users_with_role(role=Role.MAVI).order_by("pk"))
        users = {row.user_id for rows_ in self._answerers.values() for row in rows_}
        users |= {user.pk for user in self._mavi}
        self._load: Counter[int] = Counter(
            Message.objects.filter(
                assignee_id__in=users, status__in=(MessageStatus.NEW, MessageStatus.ASSIGNED)
            ).values_list("assignee_id", flat=True)
        )
        self._zone = ZoneInfo(settings.TIME_ZONE)
        self._absences: dict[int, list[MaintainerAbsence]] = defaultdict(list)
        for absence in MaintainerAbsence.objects.filter(
            user_id__in=users, ends_on__gte=timezone.localdate()
        ).select_related("cover"):
            self._absences[absence.user_id].append(absence)
        covers = {a.cover_id for rows_ in self._absences.values() for a in rows_ if a.cover_id}
        for absence in MaintainerAbsence.objects.filter(
            user_id__in=covers - users, ends_on__gte=timezone.localdate()
        ):
            self._absences[absence.user_id].append(absence)

    def _away(self, user_id: int, day: date) -> MaintainerAbsence | None:
        return next(
            (a for a in self._absences.get(user_id, []) if a.starts_on <= day <= a.ends_on), None
        )

    def _cover(self, user_id: int, day: date, channel: Channel) -> User | None:
        """Who stands in for an absent answerer on `channel`: only a cover who may maintain
        the channel's unit (channels.selectors.user_can_maintain_unit)."""
        absence = self._away(user_id, day)
        cover = absence.cover if absence else None
        if cover is None or not cover.is_active or self._away(cover.pk, day):
            return None
        if not user_can_maintain_unit(user=cover, unit=channel.unit):
            return None
        return cover

    def pick(self, channel: Channel, moment: datetime) -> User | None:
        """The answerer by the channel's agreement, else the mavi team (see the module)."""
        local = moment.astimezone(self._zone)
        return self._pick_answerer(channel, local) or self._pick_mavi(local.date())

    def _take(self, user: User) -> User:
        self._load[user.pk] += 1
        return user

    def _pick_answerer(self, channel: Channel, local: datetime) -> User | None:
        answerers = self._answerers.get(channel.pk, [])
        if not answerers:
            return None
        weekday, day = local.weekday(), local.date()
        on_duty = [row for row in answerers if weekday in (row.answer_weekdays or [])] or answerers
        present = [row for row in on_duty if not self._away(row.user_id, day)]
        if not present:
            for row in on_duty:
                cover = self._cover(row.user_id, day, channel)
                if cover is not None:
                    return self._take(cover)
            present = [row for row in answerers if not self._away(row.user_id, day)]
            if not present:
                return None
        first_order = min(row.answer_order for row in present)
        candidates = [row for row in present if row.answer_order == first_order]
        chosen = min(candidates, key=lambda row: (self._load[row.user_id], row.user_id))
        return self._take(chosen.user)

    def _pick_mavi(self, day: date) -> User | None:
        present = [user for user in self._mavi if not self._away(user.pk, day)]
        if not present:
            return None
        return self._take(min(present, key=lambda user: (self._load[user.pk], user.pk)))
