"""Auditors never write: every state-changing request (POST, PUT, PATCH, DELETE) to every URL
of the project is refused with 403 before any view runs, by session and by API token, and not
one row anywhere changes. Only signing in and out, the token exchange and the language switch
(their own session) are open to them, and the one allow-listed request that changes no city
data: a figures-only metrics report for themselves (tests/metrics/test_report_jobs.py)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from someluotsi.accounts.enums import Role
from someluotsi.accounts.middleware import READ_ONLY_ALLOWED_URL_NAMES, READ_ONLY_EXEMPT_URL_NAMES
from tests.urlcatalogue import CATALOGUE, WRITE_METHODS, build_world

# Bodies a writer would send: whatever the view expects, the refusal comes first.
FORM = {"action": "answer", "reply": "x", "title": "x", "reason": "xxxxxx", "text": "x"}


def _snapshot() -> dict[str, object]:
    """Row counts of every model, and every row of the project's own tables (a changed value
    counts as a write as much as a new row)."""
    state: dict[str, object] = {}
    for model in apps.get_models():
        manager = model._default_manager
        if model.__module__.startswith("someluotsi."):
            state[model._meta.label] = repr(list(manager.order_by("pk").values_list()))
        else:
            state[model._meta.label] = manager.count()
    return state


@pytest.mark.django_db
@override_settings(NOTIFICATION_RETRY_AFTER_REQUESTS=False)  # no background e-mail in between
def test_auditors_are_refused_every_write_on_every_url() -> None:
    world = build_world()
    auditor = world.user(Role.AUDITOR)
    session = Client()
    session.force_login(auditor)
    token = Token.objects.create(user=auditor)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    before = _snapshot()
    tried = 0
    for declared in CATALOGUE.values():
        if declared.name in READ_ONLY_EXEMPT_URL_NAMES | READ_ONLY_ALLOWED_URL_NAMES:
            continue
        for url in declared.urls(world):
            for method in WRITE_METHODS:
                for client in (session, api) if url.startswith("/api/") else (session,):
                    send = getattr(client, method.lower())
                    if method == "POST":
                        response = send(url, FORM)
                    else:
                        response = send(url, '{"x": 1}', content_type="application/json")
                    tried += 1
                    assert response.status_code == 403, f"{method} {url}: {response.status_code}"
    assert _snapshot() == before
    assert tried > 3 * len(CATALOGUE)


@pytest.mark.django_db
def test_the_rule_is_not_hiding_a_broken_url() -> None:
    """The same writes by the mavi team are not refused by the read-only rule (the 403 above
    comes from the rule, not from the URL)."""
    world = build_world()
    client = Client()
    client.force_login(world.user(Role.MAVI))
    response = client.post(f"/channels/{world.channel.pk}/", {"action": "post"})
    assert response.status_code != 403
    refused = Client()
    refused.force_login(world.user(Role.AUDITOR))
    assert refused.post(f"/channels/{world.channel.pk}/", {"action": "post"}).status_code == 403


@pytest.mark.django_db
def test_auditors_may_still_sign_out_and_switch_language() -> None:
    world = build_world()
    client = Client()
    client.force_login(world.user(Role.AUDITOR))
    assert client.post("/accounts/language/", {"language": "sv", "next": "/"}).status_code == 302
    assert client.post("/accounts/logout/").status_code == 302


def test_the_allow_list_is_the_figures_only_report_and_nothing_else() -> None:
    """Widening what an auditor may send is a decision this test makes visible."""
    assert {"metrics:report"} == READ_ONLY_ALLOWED_URL_NAMES
