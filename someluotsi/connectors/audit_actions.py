"""Audit actions of the platform connections and the actions carried out on the platforms
(see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from someluotsi.audit.registry import (
    AuditAction,
    Field,
    TargetKind,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.connectors.enums import ActionKind
from someluotsi.connectors.models import Connection

GROUP = gettext_lazy("Platform connections")
MESSAGE = "inbox.message"


def _kind(data: Mapping[str, Any]) -> dict[str, Field]:
    try:
        kind = str(ActionKind(str(data.get("kind"))).label)
    except ValueError:
        kind = str(data.get("kind") or "–")
    return {"kind": kind, "code": str(data.get("code") or "–")}


def _shown(data: Mapping[str, Any]) -> dict[str, Field]:
    ids = [str(pk) for pk in data.get("ids") or []]
    listed = ", ".join(ids[:20]) + (" …" if len(ids) > 20 else "")
    return {"count": str(data.get("count", "–")), "ids": listed or "–"}


def _shown_subjects(data: Mapping[str, Any]) -> Iterable[tuple[str, object]]:
    return [(MESSAGE, pk) for pk in data.get("ids") or []]


register_target(
    TargetKind(
        model="connectors.connection",
        label=gettext_lazy("Platform connection"),
        describe=describe_objects(
            lambda: Connection.objects.select_related("channel"),
            lambda item: {"channel": item.channel.name_with_platform},
        ),
        fallback_field="channel",
    )
)

register_actions(
    AuditAction(
        code="connection.authorization_started",
        group=GROUP,
        label=gettext_lazy("Connection started"),
        sentence=gettext_lazy(
            "%(actor)s started connecting %(channel)s to its account on the platform."
        ),
    ),
    AuditAction(
        code="connection.connected",
        group=GROUP,
        label=gettext_lazy("Channel connected"),
        sentence=gettext_lazy("%(actor)s connected %(channel)s to its account on the platform."),
    ),
    AuditAction(
        code="connection.disconnected",
        group=GROUP,
        label=gettext_lazy("Channel disconnected"),
        sentence=gettext_lazy("%(actor)s disconnected %(channel)s from the platform."),
    ),
    AuditAction(
        code="connection.broken",
        group=GROUP,
        label=gettext_lazy("Connection broken"),
        sentence=gettext_lazy(
            "%(actor)s found the connection of %(channel)s broken (%(code)s): it must be "
            "connected again."
        ),
        details=lambda data: {"code": str(data.get("code") or "–")},
    ),
    AuditAction(
        code="connection.refreshed",
        group=GROUP,
        label=gettext_lazy("Connection renewed"),
        sentence=gettext_lazy("%(actor)s renewed the platform connection of %(channel)s."),
    ),
    AuditAction(
        code="connections.keys_rotated",
        group=GROUP,
        label=gettext_lazy("Encryption keys rotated"),
        sentence=gettext_lazy(
            "%(actor)s encrypted the tokens of %(connections)s connections with the new key."
        ),
        details=lambda data: {"connections": str(data.get("connections", "–"))},
    ),
    AuditAction(
        code="platform_action.requested",
        group=GROUP,
        label=gettext_lazy("Action on the platform requested"),
        sentence=gettext_lazy(
            "%(actor)s asked the platform to carry out “%(kind)s” for message %(message)s on "
            "%(channel)s."
        ),
        details=_kind,
    ),
    AuditAction(
        code="platform_action.done",
        group=GROUP,
        label=gettext_lazy("Action on the platform done"),
        sentence=gettext_lazy(
            "%(actor)s: the platform carried out “%(kind)s” on %(channel)s (message %(message)s)."
        ),
        details=_kind,
    ),
    AuditAction(
        code="platform_action.failed",
        group=GROUP,
        label=gettext_lazy("Action on the platform failed"),
        sentence=gettext_lazy(
            "%(actor)s: the platform did not carry out “%(kind)s” on %(channel)s (message "
            "%(message)s; %(code)s)."
        ),
        details=_kind,
    ),
    AuditAction(
        code="sandbox_item.viewed",
        group=GROUP,
        label=gettext_lazy("Comments read on the sandbox platform"),
        sentence=gettext_lazy(
            "%(actor)s read %(count)s comments with their authors on the sandbox platform's "
            "page of %(channel)s (messages %(ids)s)."
        ),
        personal_data=True,
        details=_shown,
        subjects=_shown_subjects,
    ),
)
