"""A refused request (403) is logged as one line with the user's id, the path and the reason,
never with a traceback (found by a fresh tester: every 403 wrote a full traceback)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.core.logs import ForbiddenOneLine


def _forbidden_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "django.request" and getattr(r, "status_code", None) == 403
    ]


@pytest.mark.django_db
def test_a_403_page_is_one_line_without_a_traceback(
    make_user: Callable[..., User], caplog: pytest.LogCaptureFixture
) -> None:
    user = make_user(Role.EMPLOYEE)
    client = Client()
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert client.get("/channels/register/").status_code == 403
    (record,) = _forbidden_records(caplog)
    assert record.exc_info is None
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith(
        f"Forbidden: user={user.pk} path=/channels/register/ reason="
    )
    assert "Traceback" not in caplog.text
    assert "\n" not in record.getMessage()


def test_the_filter_keeps_a_refusals_own_words_and_other_records() -> None:
    refusal = PermissionDenied("Only the mavi team\nregisters accounts.")
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Forbidden (Permission denied): %s",
        ("/x/",),
        (PermissionDenied, refusal, None),
    )
    record.status_code = 403
    assert ForbiddenOneLine().filter(record)
    assert record.getMessage() == (
        "Forbidden: user=- path= reason=Only the mavi team registers accounts."
    )
    other = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/x/",),
        (ValueError, ValueError("boom"), None),
    )
    other.status_code = 500
    assert ForbiddenOneLine().filter(other)
    assert other.exc_info is not None
