"""The audit trail's own actions: its readings of personal data are audited too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from someluotsi.audit.registry import (
    AuditAction,
    Field,
    PersonRef,
    author_lookups,
    register_actions,
)

GROUP = gettext_lazy("Audit trail")


def _people(data: Mapping[str, Any]) -> list[tuple[str, object]]:
    """The people a search or export was about, and the citizen's records it covered."""
    people = [("accounts.user", pk) for pk in data.get("people") or []]
    return people + [(str(pair[0]), pair[1]) for pair in data.get("subjects") or []]


def _platform(code: object) -> str:
    names: dict[str, str] = {}
    for lookup in author_lookups():
        names.update((key, str(label)) for key, label in lookup.platforms())
    return names.get(str(code), str(code or "–"))


def _export(data: Mapping[str, Any]) -> dict[str, Field]:
    return {"rows": str(data.get("rows", "–"))}


register_actions(
    AuditAction(
        code="audit.trail_searched",
        group=GROUP,
        label=gettext_lazy("Audit trail searched for a person"),
        sentence=gettext_lazy("%(actor)s searched the audit trail for “%(query)s” (%(people)s)."),
        personal_data=True,
        details=lambda data: {
            "query": str(data.get("person", "–")),
            "people": [PersonRef(pk) for pk in data.get("people") or []],
        },
        subjects=_people,
    ),
    AuditAction(
        code="audit.exported",
        group=GROUP,
        label=gettext_lazy("Audit trail exported"),
        sentence=gettext_lazy("%(actor)s downloaded %(rows)s audit events as CSV."),
        personal_data=True,
        details=_export,
        subjects=_people,
    ),
    AuditAction(
        code="audit.person_report_viewed",
        group=GROUP,
        label=gettext_lazy("Data-subject report of a staff member opened"),
        sentence=gettext_lazy(
            "%(actor)s opened the data-subject report of %(person)s: what the product holds "
            "about them and every event by or about them."
        ),
        personal_data=True,
    ),
    AuditAction(
        code="audit.author_searched",
        group=GROUP,
        label=gettext_lazy("Data-subject report of a citizen opened"),
        sentence=gettext_lazy(
            "%(actor)s looked up what the product holds about the author “%(author)s” on "
            "%(platform)s (%(found)s records found)."
        ),
        personal_data=True,
        details=lambda data: {
            "author": str(data.get("author", "–")),
            "platform": _platform(data.get("platform")),
            "found": str(data.get("found", "–")),
        },
        subjects=_people,
    ),
)
