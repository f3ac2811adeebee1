"""Which channels, requests and campaigns a user may see and change.

Updaters (and anyone else who maintains a channel, §12.2) see the channels they maintain and,
while they cover an absent maintainer, that person's; unit managers their units' (and their
divisions' units'); the mavi team, the marketing and communications manager and auditors
everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from someluotsi.accounts.access import NO_CHANNEL_DUTY_ROLES, Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.accounts.selectors import (
    AnyUser,
    user_can_access_area,
    user_has_role,
    user_is_read_only,
    user_managed_units,
)
from someluotsi.channels.enums import ChannelKind, ChannelStatus, DecisionRole, RequestStatus
from someluotsi.channels.models import (
    Channel,
    ChannelMaintainer,
    ChannelRequest,
    MaintainerAbsence,
    PaidCampaign,
)

SEE_ALL_ROLES = frozenset({Role.MAVI, Role.COMMS_MANAGER, Role.AUDITOR})
CITY_WIDE_ROLES = frozenset({Role.MAVI, Role.COMMS_MANAGER})
SHARED_KINDS = (ChannelKind.CITY, ChannelKind.UNIT)


def user_sees_all_channels(*, user: AnyUser) -> bool:
    return bool(user.is_superuser or user_has_role(user=user, roles=SEE_ALL_ROLES))


def user_is_city_wide(*, user: AnyUser) -> bool:
    """The mavi team and its manager work on every channel of the city."""
    return bool(user.is_superuser or user_has_role(user=user, roles=CITY_WIDE_ROLES))


def user_has_channel_work(user: User) -> bool:
    """The register's channel duty (accounts.selectors.channel_duty_register, apps.py): the
    user maintains a channel, or covers today for someone who does (§8.4, §12.1-§12.2)."""
    if ChannelMaintainer.objects.filter(user_id=user.pk).exists():
        return True
    return channels_covered_by(user=user).exists()


def _managed_scope(user: AnyUser, prefix: str = "") -> Q:
    units = user_managed_units(user=user)
    return Q(**{f"{prefix}unit__in": units}) | Q(**{f"{prefix}unit__parent__in": units})


def channel_list_for_user(*, user: AnyUser) -> QuerySet[Channel]:
    if user.pk is None or not user_can_access_area(user=user, area=Area.CHANNELS):
        return Channel.objects.none()
    channels = Channel.objects.select_related("unit").prefetch_related("maintainers")
    if user_sees_all_channels(user=user):
        return channels
    scope = Q(maintainerships__user_id=user.pk) | Q(pk__in=channels_covered_by(user=user))
    if user_has_role(user=user, roles={Role.UNIT_MANAGER}):
        scope |= _managed_scope(user)
    return channels.filter(scope).distinct()


def channel_get_for_user(*, user: AnyUser, channel_id: int) -> Channel | None:
    return channel_list_for_user(user=user).filter(pk=channel_id).first()


def user_manages_unit(*, user: AnyUser, unit: Unit) -> bool:
    """A manager of the unit itself or of its division."""
    if not user.is_authenticated:
        return False
    ids = {unit.pk} | ({unit.parent_id} if unit.parent_id else set())
    return user_managed_units(user=user).filter(pk__in=ids).exists()


def channel_list_editable(*, user: AnyUser) -> QuerySet[Channel]:
    """Channels whose plan (and campaigns) `user` may change: those they maintain, their units'
    and divisions' as a manager, every one for the mavi team."""
    if not user.is_authenticated or user_is_read_only(user=user):
        return Channel.objects.none()
    if user_is_city_wide(user=user):
        return Channel.objects.all()
    maintained = Channel.objects.filter(maintainerships__user_id=user.pk).values("pk")
    return Channel.objects.filter(Q(pk__in=maintained) | _managed_scope(user)).distinct()


def channel_can_edit(*, user: AnyUser, channel: Channel) -> bool:
    return channel_list_editable(user=user).filter(pk=channel.pk).exists()


def channel_can_staff(*, user: AnyUser, channel: Channel) -> bool:
    """Who maintains a channel and its status: the unit's managers and the mavi team."""
    if not user.is_authenticated or user_is_read_only(user=user):
        return False
    return user_is_city_wide(user=user) or user_manages_unit(user=user, unit=channel.unit)


def units_in_scope(*, user: User) -> QuerySet[Unit]:
    """Units a user works for: all for the mavi team, else their own and those they manage."""
    if user_is_city_wide(user=user):
        return Unit.objects.order_by("code")
    managed = user_managed_units(user=user)
    return Unit.objects.filter(
        Q(pk__in=managed.values("pk")) | Q(parent__in=managed) | Q(pk=user.unit_id)
    ).order_by("code")


# Service accounts and auditors cannot answer a channel's messages (§8.4) or keep it running
# (§12.1): the register never makes them maintainers (channels.selectors.user_can_maintain).
CANNOT_MAINTAIN = gettext_noop(
    "A service account or an auditor cannot maintain a channel: choose a person who can answer "
    "its messages (§8.4, §12.2)."
)


def user_can_maintain(*, user: User) -> bool:
    """Whether `user` can do a channel's work (answer its messages, §8.4; keep it running,
    §12.1) and so be its maintainer or a maintainer's cover: an active person who is neither
    a platform connector's service account nor an auditor (accounts.access
    NO_CHANNEL_DUTY_ROLES). Any other role may: maintaining gives the channel's areas."""
    return user.is_active and not user_has_role(user=user, roles=NO_CHANNEL_DUTY_ROLES)


def _units_maintainable_q(user: User, prefix: str = "") -> Q | None:
    """The units whose channels `user` may maintain, as a filter on a Unit (`prefix` "" ) or on
    a relation to one (`prefix` "unit__"); None: every unit. Their own unit and its parent (a
    sub-unit's people work for it), the units they manage and those units' sub-units: the
    people a unit's manager may make maintainers (people_in_scope). The mavi team works on
    every channel (§12.2)."""
    if user_is_city_wide(user=user):
        return None
    managed = user_managed_units(user=user)
    scope = Q(**{f"{prefix}pk__in": managed}) | Q(**{f"{prefix}parent__in": managed})
    if user.unit_id is not None:
        own = Unit.objects.filter(pk=user.unit_id)
        scope |= Q(**{f"{prefix}pk__in": own.values("pk")})
        scope |= Q(**{f"{prefix}pk__in": own.exclude(parent=None).values("parent_id")})
    return scope


def user_can_maintain_unit(*, user: User, unit: Unit) -> bool:
    """Whether `user` may do the work of `unit`'s channels (§12.1-§12.2): a person who can
    maintain a channel at all (user_can_maintain) and works for the unit, manages it or is on
    the mavi team. Adding a maintainer and naming a maintainer's cover both require it: an
    elected official, another unit's employee or the safety manager is neither."""
    if not user_can_maintain(user=user):
        return False
    scope = _units_maintainable_q(user)
    return scope is None or Unit.objects.filter(scope, pk=unit.pk).exists()


def channels_covered_by(*, user: AnyUser) -> QuerySet[Channel]:
    """Channels a user works today as the cover of an absent maintainer (§12.1): the absent
    people's channels, but only those of units the cover may maintain (user_can_maintain_unit).
    A cover named before that rule, or whose unit or roles changed, gets nothing it may not
    maintain."""
    if user.pk is None or not isinstance(user, User) or not user_can_maintain(user=user):
        return Channel.objects.none()
    today = timezone.localdate()
    covered = MaintainerAbsence.objects.filter(
        cover_id=user.pk, starts_on__lte=today, ends_on__gte=today
    ).values("user_id")
    channels = Channel.objects.filter(maintainerships__user_id__in=covered)
    scope = _units_maintainable_q(user, prefix="unit__")
    if scope is not None:
        channels = channels.filter(scope)
    return channels.distinct()


def people_who_can_maintain() -> QuerySet[User]:
    """Every person who can do a channel's work (user_can_maintain): the covers an absence may
    name, whatever their unit; never a service account or an auditor."""
    barred = RoleAssignment.objects.filter(role__in=NO_CHANNEL_DUTY_ROLES).values("user")
    people = User.objects.filter(is_active=True).exclude(pk__in=barred).select_related("unit")
    return people.order_by("first_name", "last_name")


def people_in_scope(*, user: User) -> QuerySet[User]:
    """People a user may name as maintainers, covers or absentees (never service accounts or
    auditors, who cannot do a channel's work)."""
    people = people_who_can_maintain()
    if not user_is_city_wide(user=user):
        people = people.filter(unit__in=units_in_scope(user=user))
    return people.order_by("first_name", "last_name")


def covers_for(*, user: User) -> QuerySet[User]:
    """People a user may offer as a cover on the absence form: those they could make
    maintainers (people_in_scope) and the mavi team. absence_record then checks the cover
    against the absent person's channels (user_can_maintain_unit)."""
    people = people_who_can_maintain()
    if user_is_city_wide(user=user):
        return people
    city_wide = RoleAssignment.objects.filter(role__in=CITY_WIDE_ROLES).values("user")
    return people.filter(Q(unit__in=units_in_scope(user=user)) | Q(pk__in=city_wide))


def cover_is_eligible(*, cover: User, person: User) -> bool:
    """Whether `cover` may stand in for `person` (§12.1): a person who may maintain the units of
    at least one of `person`'s channels (or, with none, `person`'s own unit). The inbox grants
    the cover only the channels of units they may maintain (channels_covered_by)."""
    if cover.pk == person.pk or not user_can_maintain(user=cover):
        return False
    units = list(Unit.objects.filter(channels__maintainerships__user_id=person.pk).distinct())
    if not units and person.unit is not None:
        units = [person.unit]
    return any(user_can_maintain_unit(user=cover, unit=unit) for unit in units)


def absentees_for(*, user: User) -> QuerySet[User]:
    """Whose absences a user records: their own, or their people's as a manager or mavi; only
    people who can do a channel's work (an absence hands that work to a cover, §12.1)."""
    if user_is_city_wide(user=user) or user_managed_units(user=user).exists():
        return people_in_scope(user=user)
    return people_who_can_maintain().filter(pk=user.pk)


def absence_can_record(*, user: AnyUser, person: User) -> bool:
    """Own absences; managers those of their units' people; the mavi team everyone's."""
    if not user.is_authenticated:
        return False
    if user.pk == person.pk or user_is_city_wide(user=user):
        return True
    return person.unit is not None and user_manages_unit(user=user, unit=person.unit)


def existing_shared_channels(
    *, platform: str, target_groups: list[str]
) -> tuple[list[Channel], list[Channel]]:
    """The shared profiles a new-account request must weigh (§11.2, §14.1): those on the same
    platform, then those on other platforms that reach one of the same audiences."""
    active = Channel.objects.filter(status=ChannelStatus.ACTIVE, kind__in=SHARED_KINDS)
    active = active.select_related("unit").order_by("kind", "name")
    same_platform = list(active.filter(platform=platform))
    wanted = set(target_groups)
    same_audience = [
        channel
        for channel in active.exclude(platform=platform)
        if wanted & set(channel.target_groups or ())
    ]
    return same_platform, same_audience


def request_list_for_user(*, user: AnyUser) -> QuerySet[ChannelRequest]:
    """Requests a user may see: everyone sees those they filed or are named in (a need can
    start anywhere in a unit, §11.1); managers their units'; the register's readers all."""
    if user.pk is None:
        return ChannelRequest.objects.none()
    requests = ChannelRequest.objects.select_related("unit", "requested_by", "channel")
    scope = Q(requested_by_id=user.pk) | Q(proposed_maintainers=user.pk)
    if not user_can_access_area(user=user, area=Area.CHANNELS):
        return requests.filter(scope).distinct()
    if user_sees_all_channels(user=user):
        return requests
    if user_has_role(user=user, roles={Role.UNIT_MANAGER}):
        scope |= _managed_scope(user)
    return requests.filter(scope).distinct()


def request_get_for_user(*, user: AnyUser, request_id: int) -> ChannelRequest | None:
    return request_list_for_user(user=user).filter(pk=request_id).first()


def decision_roles_of(*, user: AnyUser, channel_request: ChannelRequest) -> set[DecisionRole]:
    """The §11.1 roles in which `user` may decide this request (before any decision is made)."""
    if not user.is_authenticated or user_is_read_only(user=user):
        return set()
    roles: set[DecisionRole] = set()
    if user_manages_unit(user=user, unit=channel_request.unit):
        roles.add(DecisionRole.UNIT_MANAGEMENT)
    if user_has_role(user=user, roles={Role.COMMS_MANAGER}):
        roles.add(DecisionRole.COMMS_MANAGER)
    return roles


@dataclass(frozen=True)
class PendingDecision:
    channel_request: ChannelRequest
    roles: frozenset[DecisionRole]


def decisions_waiting_for(*, user: AnyUser) -> list[PendingDecision]:
    """Pending requests on which `user` still has a decision to make."""
    pending = request_list_for_user(user=user).filter(status=RequestStatus.PENDING)
    waiting = []
    for item in pending.prefetch_related("decisions"):
        decided = {DecisionRole(d.role) for d in item.decisions.all()}
        if any(d.decided_by_id == user.pk for d in item.decisions.all()):
            continue
        roles = decision_roles_of(user=user, channel_request=item) - decided
        if roles:
            waiting.append(PendingDecision(item, frozenset(roles)))
    return waiting


def deciders_for(*, unit: Unit) -> list[User]:
    """Everyone who may make one of the two decisions on a request of `unit`."""
    units = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
    managers = RoleAssignment.objects.filter(role=Role.UNIT_MANAGER, unit_id__in=units)
    comms = RoleAssignment.objects.filter(role=Role.COMMS_MANAGER)
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(pk__in=managers.values("user"))
            | Q(pk__in=comms.values("user"))
            | Q(managed_units__in=units)
        )
        .distinct()
    )


def city_wide_people() -> QuerySet[User]:
    """The mavi team and its manager: the addressees of reports and campaign notices."""
    assignments = RoleAssignment.objects.filter(role__in=CITY_WIDE_ROLES)
    return User.objects.filter(is_active=True, pk__in=assignments.values("user")).distinct()


def campaign_list_for_user(*, user: AnyUser) -> QuerySet[PaidCampaign]:
    channels = channel_list_for_user(user=user)
    return PaidCampaign.objects.filter(channel__in=channels.values("pk")).select_related(
        "channel", "unit", "registered_by"
    )


def campaign_get_for_user(*, user: AnyUser, campaign_id: int) -> PaidCampaign | None:
    return campaign_list_for_user(user=user).filter(pk=campaign_id).first()
