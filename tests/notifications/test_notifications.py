from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.notifications.models import Notification
from someluotsi.notifications.services import notification_send
from tests.helpers import wait_until


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_only_after_commit(make_user: Callable[..., User]) -> None:
    user = make_user(Role.MAVI)
    with transaction.atomic():
        notification_send(recipients=[user, user], subject="Somekohu Facebookissa")
        assert mail.outbox == []
    assert wait_until(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [user.email]
    assert wait_until(lambda: Notification.objects.get(recipient=user).emailed_at is not None)


@pytest.mark.django_db(transaction=True)
def test_no_email_when_the_transaction_rolls_back(make_user: Callable[..., User]) -> None:
    user = make_user(Role.MAVI)

    def send_then_fail() -> None:
        with transaction.atomic():
            notification_send(recipients=[user], subject="x")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        send_then_fail()
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_user_reads_and_marks_own_notification_only(make_user: Callable[..., User]) -> None:
    owner, other = make_user(Role.MAVI), make_user(Role.MAVI)
    (note,) = notification_send(recipients=[owner], subject="Uusi kanavapyyntö")
    client = Client()
    client.force_login(other)
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    client.force_login(owner)
    assert "Uusi kanavapyyntö" in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None
