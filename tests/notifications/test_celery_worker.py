"""Tasks travel through the real broker to a real worker (run by .ci/run on Redis)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.notifications.models import Notification
from someluotsi.notifications.tasks import notification_email_send

pytestmark = pytest.mark.celery_worker


@pytest.mark.django_db(transaction=True)
def test_notification_email_round_trips_through_the_broker(
    require_celery_worker: object, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.SUPERVISOR)
    notification = Notification.objects.create(recipient=user, subject="Uhkaava viesti")
    result = notification_email_send.delay(notification.pk)
    assert result.get(timeout=20) is True
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert [m.subject for m in mail.outbox] == ["[Someluotsi] Uhkaava viesti"]
    # A second delivery of the same task sends nothing: the task is idempotent.
    assert notification_email_send.delay(notification.pk).get(timeout=20) is False
