"""Audit actions of the channel register (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from someluotsi.accounts.models import Unit
from someluotsi.audit.registry import (
    AuditAction,
    Field,
    PersonRef,
    TargetKind,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.channels.enums import DecisionRole, MaintainerRole, Platform
from someluotsi.channels.models import Channel, ChannelRequest, PaidCampaign
from someluotsi.core.money import euros

GROUP = gettext_lazy("Channel register")
USER = "accounts.user"


def _choice(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "–")


register_target(
    TargetKind(
        model="channels.channel",
        label=gettext_lazy("Channel"),
        describe=describe_objects(
            lambda: Channel.objects.only("id", "name", "platform"),
            lambda channel: {"channel": channel.name_with_platform},
        ),
        fallback_field="channel",
    )
)
register_target(
    TargetKind(
        model="channels.channelrequest",
        label=gettext_lazy("New-channel request"),
        describe=describe_objects(
            lambda: ChannelRequest.objects.only("id", "name", "platform"),
            lambda item: {
                "request": f"{item.pk} ({item.name}, {item.get_platform_display()})",
            },
        ),
        fallback_field="request",
    )
)
register_target(
    TargetKind(
        model="channels.paidcampaign",
        label=gettext_lazy("Paid campaign"),
        describe=describe_objects(
            lambda: PaidCampaign.objects.select_related("channel"),
            lambda item: {
                "campaign": f"{item.pk} ({item.purpose[:80]})",
                "channel": item.channel.name_with_platform,
            },
        ),
        fallback_field="campaign",
    )
)


def _fields(data: Mapping[str, Any]) -> dict[str, Field]:
    names = []
    for name in data.get("fields") or []:
        try:
            names.append(str(getattr(Channel._meta.get_field(str(name)), "verbose_name", name)))
        except FieldDoesNotExist:
            names.append(str(name))
    return {"fields": ", ".join(names) or "–"}


def _unit(code: object) -> str:
    unit = Unit.objects.filter(code=code).first() if code else None
    return unit.localized_name() if unit else str(code or "–")


def _decision(data: Mapping[str, Any]) -> dict[str, Field]:
    verb = (
        pgettext_lazy("audit: a decision, past tense", "approved")
        if data.get("outcome") == "approve"
        else pgettext_lazy("audit: a decision, past tense", "rejected")
    )
    return {"decision": str(verb), "role": _choice(DecisionRole, data.get("role"))}


def _absence(data: Mapping[str, Any]) -> dict[str, Field]:
    cover: Field = (
        PersonRef(data["cover"]) if data.get("cover") else str(_("nobody named as cover"))
    )
    return {
        "from": str(data.get("from", "–")),
        "until": str(data.get("until", "–")),
        "cover": cover,
    }


register_actions(
    AuditAction(
        code="channel.registered",
        group=GROUP,
        label=gettext_lazy("Existing account registered"),
        sentence=gettext_lazy("%(actor)s registered the existing account %(channel)s."),
    ),
    AuditAction(
        code="channel.updated",
        group=GROUP,
        label=gettext_lazy("Channel changed"),
        sentence=gettext_lazy("%(actor)s changed %(channel)s: %(fields)s."),
        details=_fields,
    ),
    AuditAction(
        code="channel.post_recorded",
        group=GROUP,
        label=gettext_lazy("Post recorded"),
        sentence=gettext_lazy("%(actor)s recorded a post on %(channel)s."),
    ),
    AuditAction(
        code="channel.maintainer_added",
        group=GROUP,
        label=gettext_lazy("Maintainer added"),
        sentence=gettext_lazy(
            "%(actor)s made %(user)s a maintainer of %(channel)s (acting as: %(acting_role)s)."
        ),
        details=lambda data: {
            "user": PersonRef(data.get("user")),
            "acting_role": _choice(MaintainerRole, data.get("acting_role")),
        },
        subjects=lambda data: [(USER, data.get("user"))],
    ),
    AuditAction(
        code="channel.maintainer_removed",
        group=GROUP,
        label=gettext_lazy("Maintainer removed"),
        sentence=gettext_lazy("%(actor)s removed %(user)s from the maintainers of %(channel)s."),
        details=lambda data: {"user": PersonRef(data.get("user"))},
        subjects=lambda data: [(USER, data.get("user"))],
    ),
    AuditAction(
        code="absence.recorded",
        group=GROUP,
        label=gettext_lazy("Absence recorded"),
        sentence=gettext_lazy(
            "%(actor)s recorded an absence of %(person)s from %(from)s to %(until)s "
            "(cover: %(cover)s)."
        ),
        details=_absence,
        subjects=lambda data: [(USER, data.get("cover"))],
    ),
    AuditAction(
        code="absence.deleted",
        group=GROUP,
        label=gettext_lazy("Absence removed"),
        sentence=gettext_lazy("%(actor)s removed an absence of %(person)s."),
    ),
    AuditAction(
        code="channel_request.submitted",
        group=GROUP,
        label=gettext_lazy("New-channel request submitted"),
        sentence=gettext_lazy(
            "%(actor)s asked for a new %(platform)s account for %(unit)s (request %(request)s)."
        ),
        details=lambda data: {
            "platform": _choice(Platform, data.get("platform")),
            "unit": _unit(data.get("unit")),
        },
    ),
    AuditAction(
        code="channel_request.decided",
        group=GROUP,
        label=gettext_lazy("New-channel request decided"),
        sentence=gettext_lazy("%(actor)s %(decision)s request %(request)s as %(role)s."),
        details=_decision,
    ),
    AuditAction(
        code="channel.created",
        group=GROUP,
        label=gettext_lazy("Channel created from a request"),
        sentence=gettext_lazy(
            "The second approval, by %(actor)s, created the channel %(channel)s from request "
            "%(request)s."
        ),
        details=lambda data: {"request": str(data.get("request", "–"))},
        subjects=lambda data: [(USER, pk) for pk in data.get("maintainers") or []],
    ),
    AuditAction(
        code="channel_request.withdrawn",
        group=GROUP,
        label=gettext_lazy("New-channel request withdrawn"),
        sentence=gettext_lazy("%(actor)s withdrew request %(request)s."),
    ),
    AuditAction(
        code="campaign.registered",
        group=GROUP,
        label=gettext_lazy("Paid campaign registered"),
        sentence=gettext_lazy(
            "%(actor)s registered the paid campaign %(campaign)s on %(channel)s "
            "(budget %(budget)s)."
        ),
        details=lambda data: {"budget": euros(data.get("budget_eur"))},
    ),
    AuditAction(
        code="campaign.updated",
        group=GROUP,
        label=gettext_lazy("Paid campaign changed"),
        sentence=gettext_lazy(
            "%(actor)s changed the paid campaign %(campaign)s on %(channel)s "
            "(budget now %(budget)s)."
        ),
        details=lambda data: {"budget": euros(data.get("budget_eur"))},
    ),
    AuditAction(
        code="campaign.cancelled",
        group=GROUP,
        label=gettext_lazy("Paid campaign cancelled"),
        sentence=gettext_lazy("%(actor)s cancelled the paid campaign %(campaign)s on %(channel)s."),
    ),
    AuditAction(
        code="channel_health.summary_sent",
        group=GROUP,
        label=gettext_lazy("Weekly channel-health summary sent"),
        sentence=gettext_lazy(
            "%(actor)s sent the channel-health summary of week %(week)s to the mavi team "
            "(%(channels)s channels need attention, %(critical)s critically)."
        ),
        details=lambda data: {
            key: str(data.get(key, "–")) for key in ("week", "channels", "critical")
        },
    ),
    AuditAction(
        code="channels.exported",
        group=GROUP,
        label=gettext_lazy("Register exported"),
        sentence=gettext_lazy(
            "%(actor)s downloaded the channel register as CSV (%(channels)s channels, with "
            "their maintainers)."
        ),
        personal_data=True,
        details=lambda data: {"channels": str(data.get("channels", "–"))},
    ),
)
