"""Changes to people and roles. Each writes an audit event in the same transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.accounts.selectors import AnyUser, user_roles_forget
from someluotsi.audit.services import audit_record
from someluotsi.core.errors import ApplicationError
from someluotsi.notifications.services import notification_send_worded


@transaction.atomic
def role_assign(
    *, actor: AnyUser | None, user: User, role: Role, unit: Unit | None = None, notify: bool = True
) -> RoleAssignment:
    """Give `user` a role (idempotent); audited as `role.assigned` and, unless `notify` is off
    (bulk loads), notified to the user."""
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_record(
            actor=actor,
            action="role.assigned",
            target=user,
            data={"role": role.value, "unit": unit.code if unit else None},
        )
        if notify:
            notification_send_worded(
                recipients=[user],
                subject=lambda: _("You were given the role: %(role)s") % {"role": role.label},
            )
        user_roles_forget(user=user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: AnyUser | None, user: User, role: Role, unit: Unit | None = None) -> None:
    deleted, _rows = RoleAssignment.objects.filter(user=user, role=role, unit=unit).delete()
    if not deleted:
        raise ApplicationError(_("The user does not have that role."), code="role_not_held")
    audit_record(
        actor=actor,
        action="role.revoked",
        target=user,
        data={"role": role.value, "unit": unit.code if unit else None},
    )
    user_roles_forget(user=user)


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Remember the user's interface language across devices."""
    if language not in {"fi", "sv", "en"}:
        raise ApplicationError(_("Unsupported language."), code="unsupported_language")
    if user.preferred_language != language:
        old = user.preferred_language
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        audit_record(
            actor=user,
            action="user.language_changed",
            target=user,
            data={"from": old, "to": language},
        )
    return user
