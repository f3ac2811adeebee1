"""Audit actions on people and their roles (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import Unit, User
from someluotsi.audit.registry import (
    AuditAction,
    Field,
    TargetKind,
    describe_objects,
    register_actions,
    register_target,
)

GROUP = gettext_lazy("People and roles")
LANGUAGE_NAMES = {
    "fi": gettext_lazy("Finnish"),
    "sv": gettext_lazy("Swedish"),
    "en": gettext_lazy("English"),
}


def person_name(user: User) -> str:
    """How the trail names a person: the full name, else the user name."""
    return user.get_full_name() or user.get_username()


register_target(
    TargetKind(
        model="accounts.user",
        label=gettext_lazy("Person"),
        describe=describe_objects(
            lambda: User.objects.only("id", "first_name", "last_name", "username"),
            lambda user: {"person": person_name(user)},
        ),
        fallback_field="person",
    )
)


def _role(data: Mapping[str, Any]) -> dict[str, Field]:
    try:
        role = str(Role(str(data.get("role"))).label)
    except ValueError:
        role = str(data.get("role") or "–")
    scope = ""
    code = data.get("unit")
    if code:
        unit = Unit.objects.filter(code=code).first()
        scope = " " + _("(unit: %(unit)s)") % {"unit": unit.localized_name() if unit else code}
    return {"role": role, "scope": scope}


def _language(data: Mapping[str, Any]) -> dict[str, Field]:
    return {
        "from": str(LANGUAGE_NAMES.get(str(data.get("from")), "–")),
        "to": str(LANGUAGE_NAMES.get(str(data.get("to")), "–")),
    }


register_actions(
    AuditAction(
        code="role.assigned",
        group=GROUP,
        label=gettext_lazy("Role given"),
        sentence=gettext_lazy("%(actor)s gave %(person)s the role %(role)s%(scope)s."),
        details=_role,
    ),
    AuditAction(
        code="role.revoked",
        group=GROUP,
        label=gettext_lazy("Role removed"),
        sentence=gettext_lazy("%(actor)s removed the role %(role)s%(scope)s from %(person)s."),
        details=_role,
    ),
    AuditAction(
        code="user.language_changed",
        group=GROUP,
        label=gettext_lazy("Interface language changed"),
        sentence=gettext_lazy(
            "%(actor)s changed the interface language of %(person)s from %(from)s to %(to)s."
        ),
        details=_language,
    ),
    AuditAction(
        code="user.created_by_oidc",
        group=GROUP,
        label=gettext_lazy("Account created at first sign-in"),
        sentence=gettext_lazy(
            "%(actor)s created the account of %(person)s at their first sign-in through the "
            "city's identity provider."
        ),
    ),
    AuditAction(
        code="person.viewed",
        group=GROUP,
        label=gettext_lazy("Contact details viewed"),
        sentence=gettext_lazy("%(actor)s viewed the contact details and roles of %(person)s."),
        personal_data=True,
    ),
)
