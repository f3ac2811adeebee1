"""Audit actions of storm detection and incidents (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from someluotsi.audit.registry import (
    AuditAction,
    Field,
    PersonRef,
    TargetKind,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.channels.models import Channel
from someluotsi.incidents.enums import PlaybookStep, SensitivityLevel, StepState
from someluotsi.incidents.models import Incident, StormAlert

GROUP = gettext_lazy("Storms and incidents")


def _choice(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "–")


register_target(
    TargetKind(
        model="incidents.stormalert",
        label=gettext_lazy("Storm alert"),
        describe=describe_objects(
            lambda: StormAlert.objects.select_related("channel").only(
                "id", "channel__name", "channel__platform"
            ),
            lambda alert: {"alert": str(alert.pk), "channel": alert.channel.name_with_platform},
        ),
        fallback_field="alert",
    )
)
register_target(
    TargetKind(
        model="incidents.incident",
        label=gettext_lazy("Incident"),
        describe=describe_objects(
            lambda: Incident.objects.select_related("channel").only(
                "id", "title", "channel__name", "channel__platform"
            ),
            lambda item: {
                "incident": f"{item.pk} ({item.title})",
                "channel": item.channel.name_with_platform,
            },
        ),
        fallback_field="incident",
    )
)


def _scope(data: Mapping[str, Any]) -> dict[str, Field]:
    channel = Channel.objects.filter(pk=data.get("channel") or 0).first()
    return {
        "scope": channel.name_with_platform if channel else str(_("all channels")),
        "sensitivity": _choice(SensitivityLevel, data.get("sensitivity")),
    }


register_actions(
    AuditAction(
        code="incidents.storm_detected",
        group=GROUP,
        label=gettext_lazy("Storm detected"),
        sentence=gettext_lazy(
            "%(actor)s detected a possible storm on %(channel)s (alert %(alert)s, "
            "%(messages)s messages)."
        ),
        details=lambda data: {"messages": str(data.get("messages", "–"))},
    ),
    AuditAction(
        code="incident.opened",
        group=GROUP,
        label=gettext_lazy("Incident opened"),
        sentence=gettext_lazy(
            "%(actor)s opened incident %(incident)s on %(channel)s with %(owner)s as its owner."
        ),
        details=lambda data: {"owner": PersonRef(data.get("owner"))},
        subjects=lambda data: [("accounts.user", data.get("owner"))],
    ),
    AuditAction(
        code="incident.alert_dismissed",
        group=GROUP,
        label=gettext_lazy("Storm alert dismissed"),
        sentence=gettext_lazy("%(actor)s dismissed storm alert %(alert)s on %(channel)s."),
    ),
    AuditAction(
        code="incident.step",
        group=GROUP,
        label=gettext_lazy("Playbook step marked"),
        sentence=gettext_lazy(
            "%(actor)s marked the step “%(step)s” of incident %(incident)s: %(state)s."
        ),
        details=lambda data: {
            "step": _choice(PlaybookStep, data.get("step")),
            "state": _choice(StepState, data.get("state") or ""),
        },
    ),
    AuditAction(
        code="incident.note_added",
        group=GROUP,
        label=gettext_lazy("Incident note added"),
        sentence=gettext_lazy("%(actor)s added a note to incident %(incident)s."),
    ),
    AuditAction(
        code="incident.statement_added",
        group=GROUP,
        label=gettext_lazy("Incident statement added"),
        sentence=gettext_lazy("%(actor)s added a statement to incident %(incident)s."),
    ),
    AuditAction(
        code="incident.reply_checked",
        group=GROUP,
        label=gettext_lazy("Reply draft checked"),
        sentence=gettext_lazy(
            "%(actor)s ran a reply draft of incident %(incident)s through the post checker "
            "(%(verdict)s)."
        ),
        details=lambda data: {"verdict": _verdict(data.get("verdict"))},
    ),
    AuditAction(
        code="incident.viewed",
        group=GROUP,
        label=gettext_lazy("Incident read"),
        sentence=gettext_lazy("%(actor)s read incident %(incident)s on %(channel)s."),
        personal_data=True,
    ),
    AuditAction(
        code="storm_alert.evidence_viewed",
        group=GROUP,
        label=gettext_lazy("Storm alert evidence read"),
        sentence=gettext_lazy(
            "%(actor)s read the messages behind storm alert %(alert)s on %(channel)s "
            "(%(count)s messages)."
        ),
        personal_data=True,
        details=lambda data: {"count": str(len(data.get("messages") or []))},
        subjects=lambda data: [("inbox.message", pk) for pk in data.get("messages") or []],
    ),
    AuditAction(
        code="incident.closed",
        group=GROUP,
        label=gettext_lazy("Incident closed"),
        sentence=gettext_lazy("%(actor)s closed incident %(incident)s on %(channel)s."),
    ),
    AuditAction(
        code="incidents.sensitivity_set",
        group=GROUP,
        label=gettext_lazy("Detection sensitivity set"),
        sentence=gettext_lazy(
            "%(actor)s set the storm detection's sensitivity for %(scope)s: %(sensitivity)s."
        ),
        details=_scope,
    ),
)


def _verdict(value: object) -> str:
    return {
        "ok": _("nothing to fix"),
        "warn": _("with warnings"),
        "block": _("stopped"),
    }.get(str(value), str(value or "–"))
