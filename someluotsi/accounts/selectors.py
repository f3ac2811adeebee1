"""Reads about people, units and roles, with the access checks that go with them."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from someluotsi.accounts.access import AREA_ROLES, INGEST_ROLES, READ_ONLY_ROLES, Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User

_ROLE_CACHE_ATTR = "_someluotsi_roles"
AnyUser = User | AnonymousUser


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
    """Drop the cached roles after an assignment changes."""
    if hasattr(user, _ROLE_CACHE_ATTR):
        delattr(user, _ROLE_CACHE_ATTR)


def user_has_role(*, user: AnyUser, roles: Iterable[Role]) -> bool:
    return bool(user_roles(user=user) & set(roles))


def user_can_access_area(*, user: AnyUser, area: Area) -> bool:
    """Superusers are the system administrators and see every area."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user_has_role(user=user, roles=AREA_ROLES[area])


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
