"""What the product holds about a staff member, for a data-subject request: every kind of
record that points at their account, counted, found from the models themselves so that a new
model with a link to a person is listed without anyone remembering to add it here."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import ManyToManyRel, Model
from django.utils.text import capfirst

# The trail itself is listed event by event on the same page.
SKIPPED = frozenset({"audit.auditevent"})


@dataclass(frozen=True)
class Holding:
    """`count` records of one kind (`label`: the kind and the person's part in it)."""

    label: str
    count: int


def person_holdings(person: Model) -> list[Holding]:
    """Each kind of record linked to `person`, with how many, in the reader's language; kinds
    with none are left out. Join tables Django makes for itself are counted through the model
    they belong to."""
    found = []
    for relation in get_user_model()._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if isinstance(relation, ManyToManyRel):
            continue  # counted through its "through" model
        model = relation.related_model
        if model is None or isinstance(model, str):
            continue
        meta = model._meta
        if meta.auto_created or meta.label_lower in SKIPPED:
            continue
        field = relation.field  # type: ignore[union-attr]
        count = model._default_manager.filter(**{field.name: person}).count()
        if count:
            found.append(
                Holding(
                    label=f"{capfirst(meta.verbose_name_plural)} ({field.verbose_name})",
                    count=count,
                )
            )
    return sorted(found, key=lambda holding: holding.label)
