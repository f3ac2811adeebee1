"""Audit events as sentences in the reader's language ("Maija Mäkelä read message 12 on
Kirjasto (Facebook).").

`describe_events` words a page of events with a fixed number of queries: one for the actors,
one per kind of object, one for the people named in the events' data. It is called under the
reader's language (the request's, or `translation.override`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from someluotsi.audit.models import AuditEvent
from someluotsi.audit.registry import Field, PersonRef, action_for, target_kind_for

SYSTEM = "Someluotsi"
MISSING = "–"


@dataclass(frozen=True)
class EventLine:
    """One event as the auditor reads it."""

    event: AuditEvent
    sentence: str
    action_label: str
    actor_name: str
    personal_data: bool
    known: bool  # the action is in the registry

    @property
    def data_json(self) -> str:
        """The event's data as stored (ids and states, never message texts)."""
        return json.dumps(self.event.data, ensure_ascii=False, sort_keys=True)


class _Fields(dict[str, str]):
    """Sentence fields; a field the event cannot fill shows as a dash."""

    def __missing__(self, key: str) -> str:
        return MISSING


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _people(pks: set[int]) -> dict[int, str]:
    if not pks:
        return {}
    users = get_user_model().objects.filter(pk__in=pks)
    return {
        user.pk: _name(user) for user in users.only("pk", "first_name", "last_name", "username")
    }


def _pk(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _person_refs(value: Field) -> list[PersonRef]:
    if isinstance(value, PersonRef):
        return [value]
    if isinstance(value, list):
        return [ref for ref in value if isinstance(ref, PersonRef)]
    return []


def describe_events(events: Sequence[AuditEvent]) -> list[EventLine]:
    """Each event with its sentence, its action's name and its actor's name, in order."""
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    by_kind: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.target_type and event.target_id:
            by_kind[event.target_type].add(event.target_id)
    described: dict[tuple[str, str], dict[str, str]] = {}
    for model, ids in by_kind.items():
        kind = target_kind_for(model)
        if kind is None:
            continue
        for pk, fields in kind.describe(sorted(ids)).items():
            described[(model, pk)] = fields
    details: list[dict[str, Field]] = []
    named: set[int] = set(actor_ids)
    for event in events:
        spec = action_for(event.action)
        data = event.data if isinstance(event.data, dict) else {}
        try:
            found = spec.details(data) if spec and spec.details else {}
        except (KeyError, TypeError, ValueError):  # data from an older version of the action
            found = {}
        details.append(found)
        for value in found.values():
            for ref in _person_refs(value):
                person = _pk(ref.pk)
                if person is not None:
                    named.add(person)
    names = _people(named)
    lines = []
    for event, found in zip(events, details, strict=True):
        spec = action_for(event.action)
        actor = _actor_name(event, names)
        fields = _Fields(actor=actor)
        kind = target_kind_for(event.target_type) if event.target_type else None
        own = described.get((event.target_type, event.target_id))
        if own is not None:
            fields.update(own)
        elif event.target_type:
            fields[kind.fallback_field if kind else "target"] = event.target_label or MISSING
        for key, value in found.items():
            fields[key] = _field_text(value, names)
        if spec is None:
            sentence = _("%(actor)s: an action this version does not describe (%(code)s).") % {
                "actor": actor,
                "code": event.action,
            }
        else:
            sentence = str(spec.sentence) % fields
        lines.append(
            EventLine(
                event=event,
                sentence=sentence,
                action_label=str(spec.label) if spec else event.action,
                actor_name=actor,
                personal_data=bool(spec and spec.personal_data),
                known=spec is not None,
            )
        )
    return lines


def _actor_name(event: AuditEvent, names: dict[int, str]) -> str:
    if event.actor_id is not None:
        return names.get(event.actor_id) or event.actor_label or MISSING
    return SYSTEM if event.actor_label in {"", "system"} else event.actor_label


def _field_text(value: Field, names: dict[int, str]) -> str:
    if isinstance(value, PersonRef):
        pk = _pk(value.pk)
        return names.get(pk, _("a removed account")) if pk is not None else MISSING
    if isinstance(value, list):
        shown = [_field_text(item, names) for item in value]
        return ", ".join(shown) if shown else MISSING
    return value
