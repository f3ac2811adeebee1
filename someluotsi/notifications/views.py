from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import user_has_role
from someluotsi.audit.services import audit_record
from someluotsi.notifications.delivery import Outcome, notification_retry
from someluotsi.notifications.selectors import delivery_problems, notification_list_for_user
from someluotsi.notifications.services import notification_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = notification_list_for_user(user=request.user)[:100]
    context = {
        "notifications": notifications,
        "delivery_problems": delivery_problems().count() if _may_see_deliveries(request) else 0,
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = notification_list_for_user(user=request.user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    notification_mark_read(notification=notification)
    return HttpResponseRedirect(reverse("notifications:list"))


def _may_see_deliveries(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and (
        user.is_superuser or user_has_role(user=user, roles={Role.MAVI})
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def deliveries(request: HttpRequest) -> HttpResponse:
    """E-mail notifications that failed or are still being retried, for the mavi team, with a
    button to try one again now."""
    if not _may_see_deliveries(request):
        raise PermissionDenied
    if request.method == "POST":
        notification = delivery_problems().filter(pk=_int(request.POST.get("id"))).first()
        if notification is None:
            raise Http404
        outcome = notification_retry(notification=notification)
        audit_record(
            actor=request.user,
            action="notification.email_retried",
            target=notification,
            data={"outcome": outcome.value},
            request=request,
        )
        if outcome is Outcome.SENT:
            flash.success(request, _("The e-mail was sent."))
        else:
            flash.error(request, _("The e-mail could not be sent yet; it will be tried again."))
        return HttpResponseRedirect(reverse("notifications:deliveries"))
    rows = delivery_problems().select_related("recipient")[:200]
    return render(request, "notifications/deliveries.html", {"rows": rows})


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 19 else 0
