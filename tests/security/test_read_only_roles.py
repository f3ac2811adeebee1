"""Auditors never write: every state-changing request (POST, PUT, PATCH, DELETE) to every URL
of the project is refused with 403 before any view runs, by session and by API token, and not
one row anywhere changes. Only signing in and out, the token exchange and the language switch
(their own session) are open to them, and the allow-listed requests that change no city data:
a figures-only metrics report for themselves (tests/metrics/test_report_jobs.py) and the posted
search of a citizen's data-subject report and its CSV (tests/audit/test_auditor_pages.py)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from rest_framework.authtoken.models import Token

from someluotsi.accounts.enums import Role
from someluotsi.accounts.middleware import READ_ONLY_ALLOWED_URL_NAMES, READ_ONLY_EXEMPT_URL_NAMES
from someluotsi.notifications.services import notification_send
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


@pytest.mark.django_db
def test_auditors_may_mark_their_own_notification_read() -> None:
    world = build_world()
    auditor = world.user(Role.AUDITOR)
    (notification,) = notification_send(recipients=[auditor], subject="Raportti valmis")
    client = Client()
    client.force_login(auditor)
    page = client.get("/notifications/").content.decode()
    assert f'action="/notifications/{notification.pk}/read/"' in page
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_the_allow_list_is_the_figures_only_report_and_the_citizen_search() -> None:
    """Widening what an auditor may send is a decision this test makes visible."""
    assert {"metrics:report", "audit:author", "audit:author_export"} == (
        READ_ONLY_ALLOWED_URL_NAMES
    )


# A form that posts to no action posts to the page itself.
_FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
_POST = re.compile(r"""method\s*=\s*["']?post""", re.IGNORECASE)
_ACTION = re.compile(r"""\baction\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# htmx writes without a form: a button or link that would POST/PUT/PATCH/DELETE.
_HX_WRITE = re.compile(r"""\bhx-(post|put|patch|delete)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def _allowed_for_read_only(action: str, page: str) -> bool:
    path = urlsplit(html.unescape(action)).path or urlsplit(page).path
    try:
        name = resolve(path).view_name
    except Resolver404:
        return False
    return name in READ_ONLY_EXEMPT_URL_NAMES | READ_ONLY_ALLOWED_URL_NAMES


@pytest.mark.django_db
def test_auditors_are_shown_no_form_they_may_not_send() -> None:
    """A read-only role is never offered a write it would be refused: on every page of the URL
    catalogue the auditor sees, each POST form and htmx write goes to an allow-listed address
    (sign out, language, the figures-only report)."""
    world = build_world()
    auditor = world.user(Role.AUDITOR)
    # An unread notification shows its "Mark as read" button (their own, allowed).
    notification_send(recipients=[auditor], subject="Raportti valmis", url="/metrics/")
    client = Client()
    client.force_login(auditor)
    offered: list[str] = []
    pages = 0
    for declared in CATALOGUE.values():
        if "GET" not in declared.methods:
            continue
        for url in declared.urls(world):
            response = client.get(url, declared.query)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            body = response.content.decode("utf-8", "replace")
            for tag in _FORM.findall(body):
                if not _POST.search(tag):
                    continue
                action = _ACTION.search(tag)
                target = action.group(1) if action else ""
                if not _allowed_for_read_only(target, url):
                    offered.append(f"{url}: form -> {target or '(itself)'}")
            for _verb, target in _HX_WRITE.findall(body):
                if not _allowed_for_read_only(target, url):
                    offered.append(f"{url}: hx -> {target}")
    assert pages > 20  # the walk reached the pages
    assert sorted(set(offered)) == [], "\n".join(sorted(set(offered)))
