from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from someluotsi.accounts.access import Area
from someluotsi.channels.selectors import channel_list_for_user
from someluotsi.core.access import area_required


@area_required(Area.CHANNELS)
def channel_list(request: HttpRequest) -> HttpResponse:
    channels = channel_list_for_user(user=request.user)
    return render(request, "channels/list.html", {"channels": channels})
