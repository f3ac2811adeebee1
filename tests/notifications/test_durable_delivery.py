"""Notifications are durable: a mail server that is down, or a name with a line break, never
turns a request into a 500 or loses the notification; its e-mail is retried with exponential
back-off until sent or marked failed, and failures reach the mavi team and /healthz."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.inbox.models import Escalation, Message
from someluotsi.notifications.delivery import backoff, notifications_retry_due
from someluotsi.notifications.models import EmailStatus, Notification
from someluotsi.notifications.services import notification_send
from tests.factories import ChannelFactory, add_maintainer
from tests.helpers import wait_until

# A real SMTP client against a port where nothing listens: the connection is refused at once,
# exactly as with a mail server that is down.
MAIL_DOWN = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,
    "EMAIL_TIMEOUT": 2,
}
THREAT = "Tapan sinut, tiedän missä asut."


@pytest.fixture
def mail_down() -> Iterator[None]:
    with override_settings(**MAIL_DOWN):
        yield


def _payload(channel: Channel, external_id: str = "fb-1") -> dict[str, object]:
    return {
        "channel": channel.pk,
        "external_id": external_id,
        "kind": "comment",
        "text": THREAT,
        "received_at": timezone.now().isoformat(),
        "author_handle": "@uhkaaja",
    }


@dataclass
class City:
    channel: Channel
    updater: User
    service: User
    supervisor: User
    safety: User


@pytest.fixture
def city(make_user: Callable[..., User]) -> City:
    channel = ChannelFactory.create(name="Kirjasto")
    updater = make_user(Role.UPDATER)
    add_maintainer(channel, updater)
    return City(
        channel=channel,
        updater=updater,
        service=make_user(Role.SERVICE_ACCOUNT),
        supervisor=make_user(Role.SUPERVISOR),
        safety=make_user(Role.SAFETY_MANAGER),
    )


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_threat_ingestion_succeeds_with_the_mail_server_down(city: City, mail_down: None) -> None:
    channel, service = city.channel, city.service
    response = _api(service).post("/api/v1/messages", _payload(channel), format="json")
    assert response.status_code == 201, response.content
    escalation = Escalation.objects.get()
    stored = Notification.objects.filter(url=reverse("inbox:escalation", args=[escalation.pk]))
    assert {n.recipient_id for n in stored} == {city.supervisor.pk, city.safety.pk}
    # The first try runs after commit: in-process, or on the Celery worker a moment later.
    assert wait_until(lambda: all(n.email_attempts == 1 for n in stored.all()))
    for notification in stored.all():
        assert notification.email_status == EmailStatus.PENDING
        assert notification.email_attempts == 1
        assert notification.email_error == "ConnectionRefusedError"
        assert notification.email_next_at is not None
        assert notification.email_next_at > timezone.now() + timedelta(seconds=30)
    # The sender's retry is a plain duplicate, not a second escalation.
    again = _api(service).post("/api/v1/messages", _payload(channel), format="json")
    assert again.status_code == 201
    assert again.json() == {"created": [], "duplicates": 1, "conflicts": []}
    assert Escalation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_escalation_click_succeeds_with_the_mail_server_down(city: City, mail_down: None) -> None:
    channel, updater, service = city.channel, city.updater, city.service
    payload = {**_payload(channel), "text": "Miksi uimahalli on kiinni?"}
    created = _api(service).post("/api/v1/messages", payload, format="json").json()["created"]
    client = Client()
    client.force_login(updater)
    response = client.post(
        reverse("inbox:act", args=[created[0]]), {"action": "escalate", "note": "Uhkaava sävy"}
    )
    assert response.status_code == 302
    assert Message.objects.get(pk=created[0]).status == "escalated"
    assert Notification.objects.filter(email_status=EmailStatus.PENDING).count() == 2


@pytest.mark.django_db
def test_back_off_doubles_until_the_e_mail_is_marked_failed(make_user: Callable[..., User]) -> None:
    assert [backoff(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    mavi, recipient = make_user(Role.MAVI), make_user(Role.SUPERVISOR)
    with override_settings(**MAIL_DOWN, NOTIFICATION_EMAIL_MAX_ATTEMPTS=4):
        (notification,) = notification_send(recipients=[recipient], subject="Uhka")
        seen: list[tuple[int, str]] = []
        clock = timezone.now()
        for _round in range(10):
            notifications_retry_due(now=clock)
            notification.refresh_from_db()
            seen.append((notification.email_attempts, notification.email_status))
            if notification.email_status == EmailStatus.FAILED:
                break
            assert notification.email_next_at is not None
            # Just before the next try is due nothing happens.
            notifications_retry_due(now=notification.email_next_at - timedelta(seconds=1))
            clock = notification.email_next_at
    assert seen == [(1, "pending"), (2, "pending"), (3, "pending"), (4, "failed")]
    # The mavi team is told in the app (not by e-mail).
    notice = Notification.objects.get(recipient=mavi)
    assert notice.url == reverse("notifications:deliveries")
    assert notice.email_status == EmailStatus.NONE
    # /healthz reports the degraded state; the service itself still answers 200.
    with override_settings(HEALTHZ_TOKEN="monitor-secret-1234"):
        health = Client().get("/healthz", headers={"X-Healthz-Token": "monitor-secret-1234"})
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["notifications"]["failed_recently"] == 1


@pytest.mark.django_db
def test_the_mavi_team_sees_failures_and_retries_once_the_server_is_back(
    make_user: Callable[..., User],
) -> None:
    mavi, recipient = make_user(Role.MAVI), make_user(Role.SUPERVISOR)
    with override_settings(**MAIL_DOWN, NOTIFICATION_EMAIL_MAX_ATTEMPTS=1):
        (notification,) = notification_send(recipients=[recipient], subject="Uhka kirjastossa")
        notifications_retry_due()
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.FAILED
    client = Client()
    client.force_login(mavi)
    assert "Uhka kirjastossa" in client.get(reverse("notifications:deliveries")).content.decode()
    assert (
        reverse("notifications:deliveries")
        in client.get(reverse("notifications:list")).content.decode()
    )
    mail.outbox.clear()
    response = client.post(reverse("notifications:deliveries"), {"id": notification.pk})
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[recipient.email]]
    # Others may not see the list.
    other = Client()
    other.force_login(recipient)
    assert other.get(reverse("notifications:deliveries")).status_code == 403


@pytest.mark.django_db
def test_a_request_sweeps_due_retries_in_the_embedded_default(
    make_user: Callable[..., User],
) -> None:
    """No beat in the embedded default: a finished request runs the sweep (once a minute)."""
    from django.core.cache import cache

    recipient = make_user(Role.SUPERVISOR)
    with override_settings(**MAIL_DOWN):
        (notification,) = notification_send(recipients=[recipient], subject="Uhka")
        notifications_retry_due()
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.PENDING
    cache.clear()
    mail.outbox.clear()
    # The embedded default's setting (the PostgreSQL run has a broker and a worker).
    with (
        override_settings(CELERY_TASK_ALWAYS_EAGER=True),
        time_machine.travel(timezone.now() + timedelta(minutes=2)),
    ):
        Client().get(reverse("accounts:login"))
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_name_with_a_line_break_is_refused_and_an_old_one_cannot_break_the_mail(
    make_user: Callable[..., User],
) -> None:
    mavi = make_user(Role.MAVI)
    client = _api(mavi)
    unit = mavi.unit
    assert unit is not None
    for bad in (
        "Kirjasto\nBcc: x@example.invalid",
        "Kirja\rsto",
        "Kirja\tsto",
        "Kir\x00jasto",
        "Kir\u202ejasto",
    ):
        response = client.post(
            "/api/v1/channels",
            {"platform": "facebook", "name": bad, "unit": unit.code, "kind": "unit"},
            format="json",
        )
        assert response.status_code == 400, bad
        assert "name" in response.json()["error"]["details"]
    # A name stored before this rule (written around the services) still mails fine.
    channel = ChannelFactory.create(name="Kirjasto")
    Channel.objects.filter(pk=channel.pk).update(name="Kirjasto\nBcc: x@example.invalid")
    channel.refresh_from_db()
    mail.outbox.clear()
    notification_send(recipients=[mavi], subject=f"Somekohu: {channel.name}")
    notifications_retry_due()  # the first try, here in the test's transaction
    assert [m.subject for m in mail.outbox] == [
        "[Someluotsi] Somekohu: Kirjasto Bcc: x@example.invalid"
    ]
