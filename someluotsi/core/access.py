"""View decorator that applies the area table of accounts.access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from someluotsi.accounts.access import Area
from someluotsi.accounts.selectors import user_can_access_area

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def area_required(area: Area) -> Callable[[View], View]:
    """Anonymous users go to the login page; signed-in users without the area get 403. The
    view keeps its own type (a page, a file download, a streamed CSV)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_can_access_area(user=request.user, area=area):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, wrapper)

    return decorator
