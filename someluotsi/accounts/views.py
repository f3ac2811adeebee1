from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import activate
from django.views.decorators.http import require_POST

from someluotsi.accounts.access import Area
from someluotsi.accounts.forms import LanguageForm, LoginForm
from someluotsi.accounts.models import RoleAssignment
from someluotsi.accounts.passwords import lockout_duration, login_attempts_left
from someluotsi.accounts.selectors import person_get_for_user, person_list_for_user
from someluotsi.accounts.services import user_set_language
from someluotsi.audit.services import audit_record
from someluotsi.core.access import area_required


class LoginView(auth_views.LoginView):
    """Django's sign-in; after a failure it warns when one attempt is left before the lock-out
    and says how long the lock-out lasts."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["lockout_duration"] = lockout_duration()
        return context

    def form_invalid(self, form: Any) -> HttpResponse:
        username = str(form.data.get("username", ""))[:150]
        left = login_attempts_left(self.request, username) if username else None
        return self.render_to_response(self.get_context_data(form=form, attempts_left=left))


class LogoutView(auth_views.LogoutView):
    pass


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (cookie for everyone, profile for signed-in users)."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseRedirect(reverse("core:home"))
    language = form.cleaned_data["language"]
    target = form.cleaned_data["next"] or reverse("core:home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("core:home")
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    activate(language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )
    return response


@area_required(Area.PEOPLE)
def people(request: HttpRequest) -> HttpResponse:
    """Names and units only; contact details are on the audited detail page."""
    persons = person_list_for_user(user=request.user)
    return render(request, "accounts/people.html", {"people": persons})


@area_required(Area.PEOPLE)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, person_id=person_id)
    if person is None:
        raise Http404
    audit_record(
        actor=request.user,
        action="person.viewed",
        target=person,
        data={"fields": ["email", "phone", "roles"]},
        request=request,
    )
    roles = RoleAssignment.objects.filter(user=person).select_related("unit")
    return render(request, "accounts/person_detail.html", {"person": person, "roles": roles})
