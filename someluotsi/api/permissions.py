from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from someluotsi.accounts.access import Area
from someluotsi.accounts.selectors import user_can_access_area, user_is_read_only


class IsSignedIn(BasePermission):
    """Signed-in, active users only. Read-only roles (auditors) are refused every change before
    any view runs by accounts.middleware.ReadOnlyRoleMiddleware, the gate for pages and API;
    the same rule is repeated here only for authentication the middleware cannot see (a user
    forced onto the request in tests, a future authentication class)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        return request.method in SAFE_METHODS or not user_is_read_only(user=user)


def area_permission(area: Area) -> type[BasePermission]:
    """A permission class for one product area (see accounts.access.AREA_ROLES)."""

    class _AreaPermission(IsSignedIn):
        def has_permission(self, request: Request, view: Any) -> bool:
            return super().has_permission(request, view) and user_can_access_area(
                user=request.user, area=area
            )

    _AreaPermission.__name__ = f"{area.name.title()}AreaPermission"
    return _AreaPermission
