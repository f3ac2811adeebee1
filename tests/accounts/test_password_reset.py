"""Password reset by e-mail (Django's views, throttled and audited), the warning before the last
sign-in attempt with the lock-out's length, and the API documentation behind sign-in."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.passwords import PASSWORD_RESET_PER_ADDRESS, PASSWORD_RESET_PER_EMAIL
from someluotsi.audit.models import AuditEvent
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Kirjasto-Lauantai-2026!"


def _english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_reset_link_by_e_mail_sets_a_new_password(make_user: Callable[..., User]) -> None:
    user = make_user(Role.UPDATER, email="sanna.lind@kokkola.fi", preferred_language="en")
    client = _english()
    response = client.post(reverse("accounts:password_reset"), {"email": "Sanna.Lind@kokkola.fi"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sanna.lind@kokkola.fi"]
    assert email.subject == "Your Someluotsi password"
    assert user.username in email.body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(email.body))
    assert link
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"password_reset.requested", "password_reset.completed"} <= actions
    # The trail keeps a digest of the address, never the address.
    assert "kokkola.fi" not in str(AuditEvent.objects.get(action="password_reset.requested").data)
    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode()
    assert "already been used or it has expired" in again


def test_unknown_address_gets_the_same_answer_and_no_e_mail() -> None:
    response = _english().post(reverse("accounts:password_reset"), {"email": "nobody@x.fi"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_requests_are_throttled_per_address_and_per_e_mail(
    make_user: Callable[..., User],
) -> None:
    make_user(Role.EMPLOYEE, email="oskari@kokkola.fi")
    client = _english()
    url = reverse("accounts:password_reset")
    for _ in range(PASSWORD_RESET_PER_EMAIL):
        assert client.post(url, {"email": "oskari@kokkola.fi"}).status_code == 302
    refused = client.post(url, {"email": "OSKARI@kokkola.fi"})
    assert refused.status_code == 200
    assert "Too many reset requests" in refused.content.decode()
    assert len(mail.outbox) == PASSWORD_RESET_PER_EMAIL
    for number in range(PASSWORD_RESET_PER_ADDRESS - PASSWORD_RESET_PER_EMAIL):
        client.post(url, {"email": f"other{number}@kokkola.fi"})
    assert (
        "Too many reset requests" in client.post(url, {"email": "new@kokkola.fi"}).content.decode()
    )
    from_elsewhere = _english().post(url, {"email": "new@kokkola.fi"}, REMOTE_ADDR="10.0.0.9")
    assert from_elsewhere.status_code == 302


def test_warning_before_the_last_attempt_states_the_lockout(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.EMPLOYEE)
    client = _english()
    url = reverse("accounts:login")
    pages = [
        client.post(url, {"username": user.username, "password": "wrong"}).content.decode()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1)
    ]
    minutes = int(float(settings.AXES_COOLOFF_TIME) * 60)
    assert "One more failed attempt" not in pages[0]
    warning = "One more failed attempt locks signing in to this account from this address"
    assert f"{warning} for {minutes} min." in pages[-1]
    locked = client.post(url, {"username": user.username, "password": "wrong"})
    assert locked.status_code == 429
    assert f"Signing in is locked for {minutes} min" in locked.content.decode()
    assert (
        client.post(url, {"username": user.username, "password": TEST_PASSWORD}).status_code == 429
    )


def test_login_page_links_the_password_reset() -> None:
    page = _english().get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("accounts:password_reset")}"' in page
    assert 'href="/api/v1/docs/"' not in page  # the API documentation is for signed-in people


def test_api_documentation_needs_sign_in_and_the_schema_stays_public(
    client_for: Callable[..., Client],
) -> None:
    anonymous = Client()
    docs = anonymous.get(reverse("api:docs"))
    assert docs.status_code == 302
    assert docs["Location"].startswith(reverse("accounts:login"))
    assert anonymous.get(reverse("api:schema")).status_code == 200
    assert client_for(Role.EMPLOYEE).get(reverse("api:docs")).status_code == 200


@pytest.mark.parametrize(
    ("preferred", "subject"),
    [("fi", "Someluotsi-salasanasi"), ("sv", "Ditt lösenord i Someluotsi"),
     ("en", "Your Someluotsi password")],
)  # fmt: skip
@pytest.mark.parametrize("page", ["fi", "sv", "en"])
def test_the_reset_e_mail_is_in_the_recipients_preferred_language(
    make_user: Callable[..., User], preferred: str, subject: str, page: str
) -> None:
    make_user(Role.UPDATER, email="ulla@kokkola.fi", preferred_language=preferred)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = page
    client.post(reverse("accounts:password_reset"), {"email": "ulla@kokkola.fi"})
    assert [message.subject for message in mail.outbox] == [subject]
