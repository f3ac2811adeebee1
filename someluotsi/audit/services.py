"""Writing the audit trail."""

from __future__ import annotations

import logging
from typing import Any, overload

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import HttpRequest

from someluotsi.audit.models import AuditEvent, AuditSubject
from someluotsi.audit.registry import action_for, event_subjects
from someluotsi.audit.selectors import people_matching
from someluotsi.core.client import client_address, current_client_address

logger = logging.getLogger(__name__)


def _client_ip(request: HttpRequest | None) -> str | None:
    """The request's client address (trusted proxies only, core.client); without a request,
    the address of the request being served, if any (None for tasks and commands)."""
    if request is None:
        return current_client_address()
    return client_address(request)


def read_not_sent(*, action: str, request: Any) -> bool:
    """Whether `request` is a HEAD request for an action that reads or hands on personal data
    (the registry's `personal_data`: a message, an incident, an escalation's evidence, a
    person's details ...). A HEAD answer has the headers of the page and no body: nothing
    personal reached the reader, so there is no reading to record. Every other request, and
    every action that changes something, is recorded whatever the method."""
    if request is None or getattr(request, "method", None) != "HEAD":
        return False
    registered = action_for(action)
    return registered is not None and registered.personal_data


@overload
def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request: None = None,
) -> AuditEvent: ...


@overload
def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None,
) -> AuditEvent | None: ...


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent | None:
    """Append one event and the records it is about. `action` is dotted and past tense
    (`channel.approved`) and registered with its sentence in an app's `audit_actions` module.

    `data` must describe the change (ids, old and new states), never message bodies. An
    unregistered action is still recorded (the trail never loses an event) and logged as an
    error; the registry test keeps that from reaching a release.

    Returns the event, or None for a reading that a HEAD request did not send (read_not_sent):
    pages and the API pass their request when they record a reading, so this one place keeps
    every such page (message, message list, incident, escalation and its exports, alert
    evidence, a person, a file) from recording a HEAD as a "viewed" entry.
    """
    if action_for(action) is None:
        logger.error("audit action %s has no entry in the registry", action)
    if read_not_sent(action=action, request=request):
        return None
    if isinstance(actor, AnonymousUser):
        actor = None
    target_type = target_id = target_label = ""
    if target is not None:
        target_type = target._meta.label_lower
        target_id = str(target.pk)
        target_label = str(target)[:300]
    event = AuditEvent.objects.create(
        actor=actor,
        actor_label=(str(actor)[:200] if actor is not None else "system"),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        data=data or {},
        ip_address=_client_ip(request),
    )
    subjects = event_subjects(
        action=action, target_type=target_type, target_id=target_id, data=event.data
    )
    AuditSubject.objects.bulk_create(
        AuditSubject(event=event, subject_type=model, subject_id=pk) for model, pk in subjects
    )
    return event


def audit_trail_search_record(*, actor: Any, person: str, request: HttpRequest | None) -> None:
    """A search of the trail for a person is a reading of their data: recorded with the words
    searched for and the people they matched (`audit.trail_searched`), by the page, its export
    and the API alike. Nothing is recorded when no person was searched for."""
    if person:
        audit_record(
            actor=actor,
            action="audit.trail_searched",
            data={"person": person, "people": people_matching(person)},
            request=request,
        )
