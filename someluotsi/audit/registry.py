"""The registry of audit actions: every action the code records, with its name for the action
picker and its sentence in the reader's language.

Each app declares its own actions and the kinds of object they act on in an `audit_actions`
module (`someluotsi/<app>/audit_actions.py`), found when the audit app starts, the way Django's
admin finds `admin` modules. A test reads the source of every module and fails when a recorded
action has no entry here, so a new action cannot reach the trail without a sentence.

A sentence is a translatable %-format string with named fields (`%(actor)s`, `%(message)s`,
`%(channel)s` …): `actor` is always there, the object's fields come from its `TargetKind`, and
fields read from the event's data come from the action's `details`. A field the event cannot
fill is shown as a dash, never as an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class PersonRef:
    """A person named in an event's data (by user id): the sentence shows their name, read
    for the whole page at once."""

    pk: object


Field = str | PersonRef | list[PersonRef]
Details = Callable[[Mapping[str, Any]], dict[str, Field]]
Subjects = Callable[[Mapping[str, Any]], Iterable[tuple[str, object]]]
Describer = Callable[[list[str]], dict[str, dict[str, str]]]


@dataclass(frozen=True)
class AuditAction:
    """One action: `code` is what `audit_record` stores (`message.viewed`).

    - `group`: the area it belongs to, for the picker's option groups;
    - `label`: a short noun phrase for the picker ("Message read");
    - `sentence`: the event as a sentence, with `%(actor)s` and the object's fields;
    - `personal_data`: the event is a reading or handing on of personal data;
    - `details`: fields taken from the event's data, worded in the reader's language;
    - `subjects`: other records the event is about, from its data, as (model label, id):
      the data-subject page finds events through them (the target always counts).
    """

    code: str
    group: Text
    label: Text
    sentence: Text
    personal_data: bool = False
    details: Details | None = None
    subjects: Subjects | None = None


@dataclass(frozen=True)
class TargetKind:
    """A kind of object events act on (`inbox.message`): its name for the object filter, and
    `describe`, which takes a batch of ids and returns each one's sentence fields (ids that no
    longer exist are left out; the event's stored label stands in for them)."""

    model: str
    label: Text
    describe: Describer
    fallback_field: str = "target"


@dataclass
class _Registry:
    actions: dict[str, AuditAction] = field(default_factory=dict)
    targets: dict[str, TargetKind] = field(default_factory=dict)


_REGISTRY = _Registry()


def register_actions(*actions: AuditAction) -> None:
    """Add actions; a code registered twice is a programming error (ValueError)."""
    for action in actions:
        if action.code in _REGISTRY.actions:
            raise ValueError(f"audit action registered twice: {action.code}")
        _REGISTRY.actions[action.code] = action


def register_target(kind: TargetKind) -> None:
    if kind.model in _REGISTRY.targets:
        raise ValueError(f"audit target kind registered twice: {kind.model}")
    _REGISTRY.targets[kind.model] = kind


def action_for(code: str) -> AuditAction | None:
    return _REGISTRY.actions.get(code)


def all_actions() -> list[AuditAction]:
    return list(_REGISTRY.actions.values())


def target_kind_for(model: str) -> TargetKind | None:
    return _REGISTRY.targets.get(model)


def all_target_kinds() -> list[TargetKind]:
    return list(_REGISTRY.targets.values())


def event_subjects(
    *, action: str, target_type: str, target_id: str, data: Mapping[str, Any]
) -> list[tuple[str, str]]:
    """The records an event is about: its target and what the action's `subjects` reads from
    its data, without repeats, as (model label, id as text)."""
    found: list[tuple[str, str]] = []
    if target_type and target_id:
        found.append((target_type, target_id))
    spec = action_for(action)
    if spec is not None and spec.subjects is not None:
        try:
            extra = list(spec.subjects(data))
        except (KeyError, TypeError, ValueError):  # data from an older version of the action
            extra = []
        for model, pk in extra:
            if pk is not None and pk != "":
                found.append((model, str(pk)))
    return list(dict.fromkeys(found))


def describe_objects(
    queryset: Callable[[], Any], fields: Callable[[Any], dict[str, str]]
) -> Describer:
    """A `TargetKind.describe` for a model: one query for the batch (`queryset()` is a
    QuerySet with what `fields` needs selected), `fields(obj)` the sentence fields."""

    def describe(ids: list[str]) -> dict[str, dict[str, str]]:
        keys = {int(pk) for pk in ids if pk.isdigit()}
        if not keys:
            return {}
        return {str(obj.pk): fields(obj) for obj in queryset().filter(pk__in=keys)}

    return describe


@dataclass(frozen=True)
class AuthoredRecord:
    """Something a citizen wrote that the product holds (found by the author as captured on
    the platform), for the data-subject page: `summary` and `held` are worded in the reader's
    language; `subjects` are what audit events about it point at (the message, its
    escalations)."""

    summary: str
    held: str
    subjects: list[tuple[str, str]]


@dataclass(frozen=True)
class AuthorLookup:
    """How an app finds what a citizen wrote: `platforms()` the choices for the form,
    `find(platform, author)` the records (the author exactly as captured, case-insensitive)."""

    platforms: Callable[[], list[tuple[str, str]]]
    find: Callable[[str, str], list[AuthoredRecord]]


_AUTHOR_LOOKUPS: list[AuthorLookup] = []


def register_author_lookup(lookup: AuthorLookup) -> None:
    _AUTHOR_LOOKUPS.append(lookup)


def author_lookups() -> list[AuthorLookup]:
    return list(_AUTHOR_LOOKUPS)
