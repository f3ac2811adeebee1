"""A notification reads in the reader's language of the moment, not in the one in force when it
was made: it keeps its wording in every language and the list shows the current one; its
e-mail goes in the recipient's profile language; an older row (one wording) still shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.services import role_assign
from someluotsi.notifications.models import Notification
from someluotsi.notifications.services import notification_send, notification_send_worded

WORDS = {
    "fi": ("Kirjoita tai liitä luonnos ensin.", "Ei ilmoituksia."),
    "sv": ("Skriv eller klistra in utkastet först.", "Inga aviseringar."),
    "en": ("Write or paste the draft first.", "No notifications."),
}


def _page(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("notifications:list")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("later", ["sv", "en"])
def test_list_speaks_the_readers_language_of_the_moment(
    make_user: Callable[..., User], later: str
) -> None:
    user = make_user(Role.SUPERVISOR, preferred_language="fi")
    notification_send_worded(
        recipients=[user],
        subject=lambda: _("Write or paste the draft first."),
        body=lambda: _("No notifications."),
    )
    stored = Notification.objects.get()
    assert (stored.subject, stored.body) == WORDS["fi"]  # the e-mail's words, in the profile's
    user.preferred_language = later
    user.save()
    page = _page(user)
    assert WORDS[later][0] in page
    assert WORDS[later][1] in page
    assert WORDS["fi"][0] not in page


@pytest.mark.django_db(transaction=True)
def test_email_goes_in_the_profile_language(make_user: Callable[..., User]) -> None:
    user = make_user(Role.SUPERVISOR, preferred_language="sv")
    notification_send_worded(
        recipients=[user], subject=lambda: _("Write or paste the draft first."), body=None
    )
    from tests.helpers import wait_until

    assert wait_until(lambda: len(mail.outbox) == 1)
    assert WORDS["sv"][0] in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_role_notice_follows_the_reader_too(make_user: Callable[..., User]) -> None:
    user = make_user(preferred_language="fi")
    role_assign(actor=None, user=user, role=Role.MAVI)
    user.preferred_language = "sv"
    user.save()
    sv = _page(user)
    user.preferred_language = "en"
    user.save()
    assert Notification.objects.get().subject != ""
    assert sv != _page(user)  # the same notice, worded for each reading


@pytest.mark.django_db
def test_an_older_row_with_one_wording_still_shows(make_user: Callable[..., User]) -> None:
    user = make_user(Role.MAVI, preferred_language="sv")
    notification_send(recipients=[user], subject="Somekohu Facebookissa", body="Katso kanava.")
    Notification.objects.update(wordings={})
    page = _page(user)
    assert "Somekohu Facebookissa" in page
    assert "Katso kanava." in page
