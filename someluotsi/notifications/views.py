from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from someluotsi.notifications.selectors import notification_list_for_user
from someluotsi.notifications.services import notification_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = notification_list_for_user(user=request.user)[:100]
    return render(request, "notifications/list.html", {"notifications": notifications})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = notification_list_for_user(user=request.user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    notification_mark_read(notification=notification)
    return HttpResponseRedirect(reverse("notifications:list"))
