from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.models import AppendOnlyError, AuditEvent
from someluotsi.audit.selectors import AuditFilter, audit_event_list
from someluotsi.audit.services import audit_record


@pytest.mark.django_db
def test_audit_record_stores_actor_target_and_data(make_user: Callable[..., User]) -> None:
    actor, target = make_user(Role.MAVI), make_user()
    event = audit_record(actor=actor, action="role.assigned", target=target, data={"role": "mavi"})
    event.refresh_from_db()
    assert (event.actor_label, event.action) == (str(actor), "role.assigned")
    assert (event.target_type, event.target_id) == ("accounts.user", str(target.pk))
    assert event.data == {"role": "mavi"}


@pytest.mark.django_db
def test_audit_event_cannot_be_updated_or_deleted_through_the_orm() -> None:
    event = audit_record(actor=None, action="demo.loaded")
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'tampered'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_database_refuses_raw_changes_to_audit_events(sql: str) -> None:
    audit_record(actor=None, action="demo.loaded")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 1


@pytest.mark.django_db
def test_audit_filter_by_action_actor_and_target(make_user: Callable[..., User]) -> None:
    auditor, actor, target = (
        make_user(Role.AUDITOR),
        make_user(Role.MAVI, last_name="Ylitalo"),
        make_user(),
    )
    audit_record(actor=actor, action="role.assigned", target=target)
    audit_record(actor=None, action="demo.loaded")
    by_action = audit_event_list(user=auditor, filters=AuditFilter(action="role."))
    assert [e.action for e in by_action] == ["role.assigned"]
    by_actor = audit_event_list(user=auditor, filters=AuditFilter(actor="ylitalo"))
    assert by_actor.count() == 1
    by_target = audit_event_list(user=auditor, filters=AuditFilter(target_id=str(target.pk)))
    assert by_target.count() == 1


@pytest.mark.django_db
def test_audit_list_is_empty_for_non_auditors(make_user: Callable[..., User]) -> None:
    audit_record(actor=None, action="demo.loaded")
    assert audit_event_list(user=make_user(Role.MAVI)).count() == 0


@pytest.mark.django_db
def test_auditor_page_filters_and_htmx_returns_only_the_table(
    client_for: Callable[..., Client],
) -> None:
    audit_record(actor=None, action="demo.loaded")
    audit_record(actor=None, action="role.assigned")
    client = client_for(Role.AUDITOR)
    page = client.get(reverse("audit:list"), {"action": "demo.loaded"})
    assert page.status_code == 200
    assert list(page.context["page"]) == list(AuditEvent.objects.filter(action="demo.loaded"))
    partial = client.get(reverse("audit:list"), {"action": "role.assigned"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html
    assert "role.assigned" in html


@pytest.mark.django_db
def test_audit_page_offers_no_way_to_change_events(client_for: Callable[..., Client]) -> None:
    audit_record(actor=None, action="demo.loaded")
    client = client_for(Role.AUDITOR)
    # Refused before the view is reached: auditors never change anything (403, not 405).
    assert client.post(reverse("audit:list")).status_code == 403
    html = client.get(reverse("audit:list")).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    # The one posted form is the citizen's search, which reads (posted so that the citizen's
    # name stays out of addresses: tests/audit/test_auditor_pages.py).
    posted = re.findall(r'<form method="post"[^>]*>', main)
    search = reverse("audit:author")
    assert posted == [f'<form method="post" action="{search}" class="filter-form">']


@pytest.mark.django_db
def test_admin_cannot_change_or_delete_audit_events(make_user: Callable[..., User]) -> None:
    event = audit_record(actor=None, action="demo.loaded")
    client = Client()
    client.force_login(make_user(is_superuser=True, is_staff=True))
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    client.post(change_url, {"action": "tampered"})
    client.post(delete_url, {"post": "yes"})
    event.refresh_from_db()
    assert event.action == "demo.loaded"


@pytest.mark.django_db
def test_maintenance_lifts_the_triggers_only_inside_the_block() -> None:
    from someluotsi.audit.maintenance import audit_maintenance

    audit_record(actor=None, action="demo.loaded")
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'archived'")
    assert AuditEvent.objects.get().action == "archived"
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 1
