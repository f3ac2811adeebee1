"""Reads about people, units and roles, with the access checks that go with them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from someluotsi.accounts.access import (
    AREA_ROLES,
    CHANNEL_DUTY_AREAS,
    INGEST_ROLES,
    NO_CHANNEL_DUTY_ROLES,
    READ_ONLY_ROLES,
    Area,
)
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User

_ROLE_CACHE_ATTR = "_someluotsi_roles"
_DUTY_CACHE_ATTR = "_someluotsi_channel_duty"
AnyUser = User | AnonymousUser

# Who has a channel duty (accounts.access.CHANNEL_DUTY_AREAS): the register, which sits above
# this app, registers a function of the user in its AppConfig.ready() (channels/apps.py).
ChannelDutySource = Callable[[User], bool]
_duty_sources: list[ChannelDutySource] = []


def channel_duty_register(source: ChannelDutySource) -> None:
    """Register a source of channel duties; registering it again changes nothing."""
    if source not in _duty_sources:
        _duty_sources.append(source)


def user_roles(*, user: AnyUser) -> frozenset[Role]:
    """The roles a user holds in any unit; cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, _ROLE_CACHE_ATTR, None)
    if cached is None:
        values = RoleAssignment.objects.filter(user=user).values_list("role", flat=True)
        cached = frozenset(Role(value) for value in values)
        setattr(user, _ROLE_CACHE_ATTR, cached)
    return cached


def user_roles_forget(*, user: AnyUser) -> None:
    """Drop the cached roles (and channel duty) after an assignment changes."""
    for attr in (_ROLE_CACHE_ATTR, _DUTY_CACHE_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def user_has_channel_duty(*, user: AnyUser) -> bool:
    """Whether the user maintains a channel or stands in for an absent maintainer today (the
    registered sources say); never for service accounts and auditors. Cached on the user object
    for the request."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached: bool | None = getattr(user, _DUTY_CACHE_ATTR, None)
    if cached is None:
        roles = user_roles(user=user)
        cached = not (roles & NO_CHANNEL_DUTY_ROLES) and any(
            source(user) for source in _duty_sources
        )
        setattr(user, _DUTY_CACHE_ATTR, cached)
    return cached


def user_has_role(*, user: AnyUser, roles: Iterable[Role]) -> bool:
    return bool(user_roles(user=user) & set(roles))


def user_can_access_area(*, user: AnyUser, area: Area) -> bool:
    """By role (accounts.access.AREA_ROLES), or by a channel duty for the areas a channel's
    maintainer works in (CHANNEL_DUTY_AREAS, §8.4, §12.2). Superusers are the system
    administrators and see every area."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user_has_role(user=user, roles=AREA_ROLES[area]):
        return True
    return area in CHANNEL_DUTY_AREAS and user_has_channel_duty(user=user)


def user_can_ingest_messages(*, user: AnyUser) -> bool:
    """Whether `user` may deliver citizens' messages (accounts.access.INGEST_ROLES); superusers
    are the system administrators and may too."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user_has_role(user=user, roles=INGEST_ROLES)


def user_areas(*, user: AnyUser) -> list[Area]:
    return [area for area in Area if user_can_access_area(user=user, area=area)]


def user_is_read_only(*, user: AnyUser) -> bool:
    """True when every role the user holds is a read-only role (an auditor)."""
    roles = user_roles(user=user)
    return bool(roles) and roles <= READ_ONLY_ROLES and not user.is_superuser


def user_managed_units(*, user: AnyUser) -> QuerySet[Unit]:
    """Units the user manages: as the unit's manager or through a scoped unit-manager role."""
    if not user.is_authenticated:
        return Unit.objects.none()
    scoped = RoleAssignment.objects.filter(user=user, role=Role.UNIT_MANAGER).values("unit")
    return Unit.objects.filter(Q(manager=user) | Q(pk__in=scoped)).distinct()


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("parent", "manager").order_by("code")


def person_list_for_user(*, user: AnyUser) -> QuerySet[User]:
    """The people a user may look up: everyone for the mavi team, own units for a unit manager."""
    if user.is_authenticated and (user.is_superuser or user_has_role(user=user, roles={Role.MAVI})):
        return User.objects.filter(is_active=True).select_related("unit")
    if user_has_role(user=user, roles={Role.UNIT_MANAGER}):
        units = user_managed_units(user=user)
        return User.objects.filter(is_active=True, unit__in=units).select_related("unit")
    return User.objects.none()


def person_get_for_user(*, user: AnyUser, person_id: int) -> User | None:
    return person_list_for_user(user=user).filter(pk=person_id).first()


def users_with_role(*, role: Role, unit: Unit | None = None) -> QuerySet[User]:
    """Active holders of a role; with a unit, those scoped to it or to its division, or global."""
    assignments = RoleAssignment.objects.filter(role=role)
    if unit is not None:
        scope = Q(unit__isnull=True) | Q(unit=unit)
        if unit.parent_id:
            scope |= Q(unit_id=unit.parent_id)
        assignments = assignments.filter(scope)
    return User.objects.filter(is_active=True, pk__in=assignments.values("user")).distinct()
