"""The page shell: home."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from someluotsi.accounts.selectors import user_areas, user_roles


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "areas": user_areas(user=request.user),
        "roles": sorted(role.label for role in user_roles(user=request.user)),
    }
    return render(request, "core/home.html", context)
