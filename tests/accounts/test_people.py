from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.accounts.selectors import person_list_for_user, users_with_role
from someluotsi.accounts.services import role_assign, role_revoke
from someluotsi.audit.models import AuditEvent
from someluotsi.core.errors import ApplicationError
from someluotsi.notifications.models import Notification
from tests.factories import UnitFactory


@pytest.mark.django_db
def test_person_detail_view_writes_an_audit_event(make_user: Callable[..., User]) -> None:
    viewer = make_user(Role.MAVI)
    person = make_user(Role.EMPLOYEE, phone="+358 40 123 4567")
    client = Client()
    client.force_login(viewer)
    response = client.get(reverse("accounts:person_detail", args=[person.pk]))
    assert response.status_code == 200
    assert "+358 40 123 4567" in response.content.decode()
    event = AuditEvent.objects.get(action="person.viewed")
    assert event.actor == viewer
    assert event.target_id == str(person.pk)
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_unit_manager_sees_only_people_of_managed_units(make_user: Callable[..., User]) -> None:
    library, youth = UnitFactory.create(code="kirjasto"), UnitFactory.create(code="nuoriso")
    manager = make_user(unit=library)
    RoleAssignment.objects.create(user=manager, role=Role.UNIT_MANAGER, unit=library)
    colleague = make_user(Role.EMPLOYEE, unit=library)
    stranger = make_user(Role.EMPLOYEE, unit=youth)
    visible = set(person_list_for_user(user=manager))
    assert colleague in visible
    assert stranger not in visible


@pytest.mark.django_db
def test_person_detail_is_404_for_someone_outside_the_managers_units(
    make_user: Callable[..., User],
) -> None:
    library, youth = UnitFactory.create(code="kirjasto"), UnitFactory.create(code="nuoriso")
    manager = make_user(unit=library)
    RoleAssignment.objects.create(user=manager, role=Role.UNIT_MANAGER, unit=library)
    stranger = make_user(Role.EMPLOYEE, unit=youth)
    client = Client()
    client.force_login(manager)
    assert client.get(reverse("accounts:person_detail", args=[stranger.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="person.viewed").exists()


@pytest.mark.django_db
def test_role_assign_is_idempotent_audited_and_notified(make_user: Callable[..., User]) -> None:
    actor, user = make_user(Role.MAVI), make_user()
    role_assign(actor=actor, user=user, role=Role.UPDATER)
    role_assign(actor=actor, user=user, role=Role.UPDATER)
    assert RoleAssignment.objects.filter(user=user, role=Role.UPDATER).count() == 1
    assert AuditEvent.objects.filter(action="role.assigned", target_id=str(user.pk)).count() == 1
    assert Notification.objects.filter(recipient=user).count() == 1


@pytest.mark.django_db
def test_role_revoke_fails_when_role_is_not_held(make_user: Callable[..., User]) -> None:
    user = make_user()
    with pytest.raises(ApplicationError) as excinfo:
        role_revoke(actor=None, user=user, role=Role.MAVI)
    assert excinfo.value.code == "role_not_held"


@pytest.mark.django_db
def test_users_with_role_includes_division_scoped_supervisors(
    make_user: Callable[..., User],
) -> None:
    division = UnitFactory.create(code="sivistys")
    library = UnitFactory.create(code="kirjasto", parent=division)
    other = UnitFactory.create(code="tekninen")
    division_supervisor = make_user()
    RoleAssignment.objects.create(user=division_supervisor, role=Role.SUPERVISOR, unit=division)
    other_supervisor = make_user()
    RoleAssignment.objects.create(user=other_supervisor, role=Role.SUPERVISOR, unit=other)
    found = set(users_with_role(role=Role.SUPERVISOR, unit=library))
    assert found == {division_supervisor}
