"""Password reset by e-mail with Django's own views, throttled, and the login attempts left.

Django's views do the work (a signed, single-use token valid PASSWORD_RESET_TIMEOUT seconds;
the same answer whether or not the address belongs to someone, so the form reveals nobody).
Someluotsi adds a throttle: at most PASSWORD_RESET_PER_ADDRESS requests an hour from one client
address and PASSWORD_RESET_PER_EMAIL for one e-mail address, counted from the audit trail
(`password_reset.requested`, which records a digest of the address, never the address itself).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from someluotsi.audit.models import AuditEvent
from someluotsi.audit.services import audit_record
from someluotsi.core.client import client_address

PASSWORD_RESET_WINDOW = timedelta(hours=1)
PASSWORD_RESET_PER_ADDRESS = 5
PASSWORD_RESET_PER_EMAIL = 3


def email_digest(email: str) -> str:
    """A keyed SHA-256 of the normalised address: enough to count requests, not to read it."""
    normalised = email.strip().casefold().encode()
    return hashlib.sha256(settings.SECRET_KEY.encode() + b":reset:" + normalised).hexdigest()


def password_reset_throttled(*, address: str | None, email: str) -> bool:
    """Whether another reset request from `address` for `email` is over the hourly limits."""
    recent = AuditEvent.objects.filter(
        action="password_reset.requested",
        occurred_at__gte=timezone.now() - PASSWORD_RESET_WINDOW,
    )
    if address and recent.filter(ip_address=address).count() >= PASSWORD_RESET_PER_ADDRESS:
        return True
    return recent.filter(data__email=email_digest(email)).count() >= PASSWORD_RESET_PER_EMAIL


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form whose e-mail is written in the recipient's preferred language (the
    one the person chose for Someluotsi), not in the language of whoever filled in the form."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        language = getattr(context.get("user"), "preferred_language", "") or ""
        if language not in {code for code, _name in settings.LANGUAGES}:
            language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


def reset_link_base() -> dict[str, str]:
    """The e-mail's `protocol` and `domain` from SOMELUOTSI_BASE_URL when it is set, so that
    the reset link never takes the host from the request's Host header (password-reset
    poisoning: a reset asked for with `Host: attacker.example` would mail the victim a link
    that hands their token to that host). Empty when no base address is configured (the
    request's host, checked against ALLOWED_HOSTS, is then all there is)."""
    parts = urlsplit(settings.BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return {}
    return {"protocol": parts.scheme, "domain": parts.netloc + parts.path.rstrip("/")}


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, throttled and audited; the e-mail goes out in the recipient's
    preferred language (LocalisedPasswordResetForm), its link at SOMELUOTSI_BASE_URL."""

    form_class = LocalisedPasswordResetForm

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # Django lets this context override the request's host in the e-mail.
        self.extra_email_context = {**(self.extra_email_context or {}), **reset_link_base()}
        email = form.cleaned_data["email"]
        if password_reset_throttled(address=client_address(self.request), email=email):
            form.add_error(
                None,
                _(
                    "Too many reset requests. Wait an hour and try again, or ask the "
                    "marketing and communications team."
                ),
            )
            return self.form_invalid(form)
        audit_record(
            actor=None,
            action="password_reset.requested",
            data={"email": email_digest(email)},
            request=self.request,
        )
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Sets the new password (Django's validators); audited for the account."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action="password_reset.completed",
            target=form.user,
            request=self.request,
        )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def login_attempts_left(request: HttpRequest, username: str) -> int:
    """Failed sign-ins left for `username` from this client before Axes locks them out."""
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    since = timezone.now() - timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    failures = AccessAttempt.objects.filter(
        username=username, ip_address=address, attempt_time__gte=since
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return max(0, settings.AXES_FAILURE_LIMIT - int(failures or 0))


def lockout_duration() -> timedelta:
    """How long a lock-out lasts (AXES_COOLOFF_MINUTES)."""
    return timedelta(hours=float(settings.AXES_COOLOFF_TIME))
