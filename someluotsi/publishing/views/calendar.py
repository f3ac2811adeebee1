"""The calendar (month, week, list) with its filters, and the iCalendar feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import Unit, User
from someluotsi.core.access import area_required
from someluotsi.core.pages import site_base
from someluotsi.publishing import calendar as cal
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.forms import CalendarFilterForm, ScheduleForm
from someluotsi.publishing.selectors import (
    campaign_list,
    post_list_for_user,
    posts_waiting_for,
    publishable_channels,
)


def _filters(request: HttpRequest, user: User) -> tuple[CalendarFilterForm, cal.Filters]:
    form = CalendarFilterForm(request.GET or None)
    from someluotsi.channels.selectors import channel_list_for_user

    form.fields["channel"].queryset = channel_list_for_user(user=user).order_by(  # type: ignore[attr-defined]
        "platform", "name"
    )
    form.fields["campaign"].queryset = campaign_list()  # type: ignore[attr-defined]
    units = Unit.objects.filter(channels__in=form.fields["channel"].queryset).distinct()  # type: ignore[attr-defined]
    form.fields["unit"].choices = [("", _("All"))] + [(u.pk, str(u)) for u in units]  # type: ignore[attr-defined]
    if not form.is_valid():
        return form, cal.Filters()
    data = form.cleaned_data
    return form, cal.Filters(
        channel=data["channel"].pk if data.get("channel") else None,
        unit=data.get("unit"),
        campaign=data["campaign"].pk if data.get("campaign") else None,
        status=data.get("status") or "",
    )


@require_safe
@area_required(Area.PUBLISHING)
def calendar_view(request: HttpRequest, view: str = "month") -> HttpResponse:
    user = cast(User, request.user)
    if view not in cal.VIEWS:
        raise Http404
    form, filters = _filters(request, user)
    posts = cal.filtered(post_list_for_user(user=user), filters)
    today = timezone.localdate()
    day = cal.parse_day(request.GET.get("day"), today)
    query = request.GET.copy()
    query.pop("day", None)
    context: dict[str, Any] = {
        "view": view,
        "form": form,
        "day": day,
        "today": today,
        "filter_query": query.urlencode(),
        "waiting": posts_waiting_for(user=user),
        "can_compose": publishable_channels(user=user).exists(),
        "schedule_form": ScheduleForm(),
        "status_choices": PostStatus,
    }
    if view == "month":
        first = day.replace(day=1)
        context.update(
            weeks=cal.month_weeks(first.year, first.month, posts),
            title=formats.date_format(first, "YEAR_MONTH_FORMAT"),
            previous=(first - timedelta(days=1)).replace(day=1),
            next=(first + timedelta(days=32)).replace(day=1),
            weekdays=[
                formats.date_format(
                    first - timedelta(days=first.weekday()) + timedelta(days=i), "D"
                )
                for i in range(7)
            ],
        )
    elif view == "week":
        monday = day - timedelta(days=day.weekday())
        context.update(
            days=cal.week_days(monday, posts),
            title=_("Week %(week)d, %(year)d")
            % {"week": monday.isocalendar()[1], "year": monday.isocalendar()[0]},
            previous=monday - timedelta(days=7),
            next=monday + timedelta(days=7),
        )
    else:
        start = day
        end = start + timedelta(days=31)
        context.update(
            posts=cal.in_range(posts, start, end),
            undated=posts.filter(scheduled_at__isnull=True, published_at__isnull=True).exclude(
                status=PostStatus.WITHDRAWN
            )[:50],
            title=_("%(start)s – %(end)s")
            % {
                "start": formats.date_format(start, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(end - timedelta(days=1), "SHORT_DATE_FORMAT"),
            },
            previous=start - timedelta(days=31),
            next=end,
        )
    return render(request, "publishing/calendar.html", context)


def status_labels() -> dict[str, str]:
    return {value: str(label) for value, label in PostStatus.choices}


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.PUBLISHING)
def feed_settings(request: HttpRequest) -> HttpResponse:
    """Create (or replace) and revoke the personal feed address."""
    user = cast(User, request.user)
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            cal.feed_token_revoke(user=user)
            flash.success(request, _("The calendar address no longer works."))
            return HttpResponseRedirect(reverse("publishing:feed_settings"))
        token = cal.feed_token_create(user=user)
        feed_url = request.build_absolute_uri(reverse("publishing:feed", args=[token]))
    return render(
        request,
        "publishing/feed.html",
        {"feed_url": feed_url, "active": cal.feed_active(user=user)},
    )


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed; the secret in the address is the only authentication (calendar
    apps cannot sign in). Unknown or revoked secrets get 404."""
    user = cal.feed_user(token)
    if user is None:
        raise Http404
    from django.utils import translation

    with translation.override(user.preferred_language or "fi"):
        body = cal.feed_ics(user=user, status_label=status_labels(), base_url=site_base(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="someluotsi.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["Referrer-Policy"] = "no-referrer"
    return response
