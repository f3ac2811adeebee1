"""The page shell: home."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_areas, user_is_read_only, user_roles
from someluotsi.core.waiting import waiting_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What waits for the person (one line per kind, from each app's selector), then the
    areas they may use."""
    user = cast(User, request.user)
    context = {
        "waiting": waiting_for(user=user),
        # Anyone may file a new-channel request (§11.1 fixes who decides, not who asks).
        "can_request_channel": not user_is_read_only(user=user),
        "areas": user_areas(user=request.user),
        "roles": sorted(role.label for role in user_roles(user=request.user)),
    }
    return render(request, "core/home.html", context)
