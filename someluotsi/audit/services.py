"""Writing the audit trail."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import HttpRequest

from someluotsi.audit.models import AuditEvent, AuditSubject
from someluotsi.audit.registry import action_for, event_subjects
from someluotsi.core.client import client_address, current_client_address

logger = logging.getLogger(__name__)


def _client_ip(request: HttpRequest | None) -> str | None:
    """The request's client address (trusted proxies only, core.client); without a request,
    the address of the request being served, if any (None for tasks and commands)."""
    if request is None:
        return current_client_address()
    return client_address(request)


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event and the records it is about. `action` is dotted and past tense
    (`channel.approved`) and registered with its sentence in an app's `audit_actions` module.

    `data` must describe the change (ids, old and new states), never message bodies. An
    unregistered action is still recorded (the trail never loses an event) and logged as an
    error; the registry test keeps that from reaching a release.
    """
    if action_for(action) is None:
        logger.error("audit action %s has no entry in the registry", action)
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
