"""The inbox's audit actions, the sentences the auditor reads, and how a citizen's messages are
found for a data-subject request (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from someluotsi.accounts.audit_actions import LANGUAGE_NAMES
from someluotsi.audit.registry import (
    AuditAction,
    AuthoredRecord,
    AuthorLookup,
    Field,
    PersonRef,
    TargetKind,
    describe_objects,
    register_actions,
    register_author_lookup,
    register_target,
)
from someluotsi.channels.enums import Platform
from someluotsi.core.times import moment_text
from someluotsi.inbox.enums import Moderation, Resolution, TriageCategory
from someluotsi.inbox.models import Escalation, Message, ReplyTemplate, SavedReply

GROUP = gettext_lazy("Inbox")
MESSAGE = "inbox.message"


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "–")


def _message_fields(message: Message) -> dict[str, str]:
    return {"message": str(message.pk), "channel": message.channel.name_with_platform}


def _escalation_fields(escalation: Escalation) -> dict[str, str]:
    return {"escalation": str(escalation.pk), **_message_fields(escalation.message)}


register_target(
    TargetKind(
        model=MESSAGE,
        label=gettext_lazy("Message"),
        describe=describe_objects(
            lambda: Message.objects.select_related("channel").only(
                "id", "channel__name", "channel__platform"
            ),
            _message_fields,
        ),
        fallback_field="message",
    )
)
register_target(
    TargetKind(
        model="inbox.escalation",
        label=gettext_lazy("Escalation"),
        describe=describe_objects(
            lambda: Escalation.objects.select_related("message__channel").only(
                "id", "message__id", "message__channel__name", "message__channel__platform"
            ),
            _escalation_fields,
        ),
        fallback_field="escalation",
    )
)
register_target(
    TargetKind(
        model="inbox.replytemplate",
        label=gettext_lazy("Suggested reply"),
        describe=describe_objects(ReplyTemplate.objects.all, lambda t: {}),
    )
)
register_target(
    TargetKind(
        model="inbox.savedreply",
        label=gettext_lazy("Saved reply"),
        describe=describe_objects(SavedReply.objects.all, lambda r: {"title": r.title}),
    )
)


def _resolution(data: Mapping[str, Any]) -> dict[str, Field]:
    return {"resolution": _label(Resolution, data.get("resolution"))}


def _moderation(data: Mapping[str, Any]) -> dict[str, Field]:
    to = data.get("to")
    shown = _("visible") if not to else _label(Moderation, to)
    return {"to": shown}


def _ids(data: Mapping[str, Any]) -> list[object]:
    ids = data.get("ids") or []
    return list(ids) if isinstance(ids, list) else []


def _listed(data: Mapping[str, Any]) -> dict[str, Field]:
    ids = _ids(data)
    shown = ", ".join(str(pk) for pk in ids[:20]) + (" …" if len(ids) > 20 else "")
    return {"count": str(len(ids)), "ids": shown or "–"}


def _listed_subjects(data: Mapping[str, Any]) -> Iterable[tuple[str, object]]:
    return [(MESSAGE, pk) for pk in _ids(data)]


def _escalation_created(data: Mapping[str, Any]) -> dict[str, Field]:
    return {"addressees": [PersonRef(pk) for pk in data.get("addressees") or []]}


def _escalation_created_subjects(data: Mapping[str, Any]) -> Iterable[tuple[str, object]]:
    return [(MESSAGE, data.get("message"))] + [
        ("accounts.user", pk) for pk in data.get("addressees") or []
    ]


def _export(data: Mapping[str, Any]) -> dict[str, Field]:
    fmt = data.get("format")
    how = {
        "view": pgettext_lazy("audit: how evidence was read", "viewed"),
        "pdf": pgettext_lazy("audit: how evidence was read", "downloaded as PDF"),
        "json": pgettext_lazy("audit: how evidence was read", "downloaded as JSON"),
    }.get(str(fmt), pgettext_lazy("audit: how evidence was read", "handled"))
    return {"how": str(how)}


def _template(data: Mapping[str, Any]) -> dict[str, Field]:
    return {
        "category": _label(TriageCategory, data.get("category")),
        "language": str(LANGUAGE_NAMES.get(str(data.get("language")), "–")),
    }


def _counts(*keys: str) -> Any:
    def details(data: Mapping[str, Any]) -> dict[str, Field]:
        return {key: str(data.get(key, "–")) for key in keys}

    return details


register_actions(
    AuditAction(
        code="messages.ingested",
        group=GROUP,
        label=gettext_lazy("Messages received"),
        sentence=gettext_lazy(
            "%(actor)s received %(created)s new messages (%(duplicates)s already known, "
            "%(assigned)s assigned)."
        ),
        details=_counts("created", "duplicates", "assigned"),
    ),
    AuditAction(
        code="message.viewed",
        group=GROUP,
        label=gettext_lazy("Message read"),
        sentence=gettext_lazy("%(actor)s read message %(message)s on %(channel)s."),
        personal_data=True,
    ),
    AuditAction(
        code="messages.listed",
        group=GROUP,
        label=gettext_lazy("Messages listed in the queue"),
        sentence=gettext_lazy(
            "%(actor)s saw %(count)s messages with their texts in the work queue (%(ids)s)."
        ),
        personal_data=True,
        details=_listed,
        subjects=_listed_subjects,
    ),
    AuditAction(
        code="message.assigned",
        group=GROUP,
        label=gettext_lazy("Message assigned"),
        sentence=gettext_lazy(
            "%(actor)s assigned message %(message)s on %(channel)s to %(assignee)s."
        ),
        details=lambda data: {"assignee": PersonRef(data.get("assignee"))},
        subjects=lambda data: [("accounts.user", data.get("assignee"))],
    ),
    AuditAction(
        code="message.answered",
        group=GROUP,
        label=gettext_lazy("Reply recorded"),
        sentence=gettext_lazy(
            "%(actor)s recorded the reply to message %(message)s on %(channel)s."
        ),
    ),
    AuditAction(
        code="message.closed",
        group=GROUP,
        label=gettext_lazy("Message closed"),
        sentence=gettext_lazy(
            "%(actor)s closed message %(message)s on %(channel)s (%(resolution)s)."
        ),
        details=_resolution,
    ),
    AuditAction(
        code="message.auto_closed",
        group=GROUP,
        label=gettext_lazy("Message closed automatically"),
        sentence=gettext_lazy(
            "%(actor)s closed message %(message)s on %(channel)s by itself (%(resolution)s)."
        ),
        details=_resolution,
    ),
    AuditAction(
        code="message.reopened",
        group=GROUP,
        label=gettext_lazy("Message reopened"),
        sentence=gettext_lazy("%(actor)s reopened message %(message)s on %(channel)s."),
    ),
    AuditAction(
        code="message.escalated",
        group=GROUP,
        label=gettext_lazy("Message escalated"),
        sentence=gettext_lazy("%(actor)s escalated message %(message)s on %(channel)s."),
    ),
    AuditAction(
        code="message.moderated",
        group=GROUP,
        label=gettext_lazy("Moderation recorded"),
        sentence=gettext_lazy(
            "%(actor)s recorded message %(message)s on %(channel)s as %(to)s on the platform."
        ),
        details=_moderation,
    ),
    AuditAction(
        code="reply_template.saved",
        group=GROUP,
        label=gettext_lazy("Suggested reply saved"),
        sentence=gettext_lazy(
            "%(actor)s saved the suggested reply for the category %(category)s "
            "(language: %(language)s)."
        ),
        details=_template,
    ),
    AuditAction(
        code="saved_reply.saved",
        group=GROUP,
        label=gettext_lazy("Own saved reply saved"),
        sentence=gettext_lazy("%(actor)s saved their own reply “%(title)s”."),
    ),
    AuditAction(
        code="saved_reply.deleted",
        group=GROUP,
        label=gettext_lazy("Own saved reply removed"),
        sentence=gettext_lazy("%(actor)s removed their own reply “%(title)s”."),
        details=lambda data: {"title": str(data.get("title", "–"))},
    ),
    AuditAction(
        code="messages.purged",
        group=GROUP,
        label=gettext_lazy("Old message texts removed"),
        sentence=gettext_lazy(
            "%(actor)s removed the texts and authors of %(messages)s messages older than "
            "%(days)s days, and the evidence of %(evidence)s closed escalations "
            "(%(kept)s kept for open cases)."
        ),
        details=_counts("messages", "days", "evidence", "kept"),
    ),
    AuditAction(
        code="escalation.created",
        group=GROUP,
        label=gettext_lazy("Escalation created"),
        sentence=gettext_lazy(
            "%(actor)s escalated message %(message)s on %(channel)s to %(addressees)s "
            "(escalation %(escalation)s)."
        ),
        details=_escalation_created,
        subjects=_escalation_created_subjects,
    ),
    AuditAction(
        code="escalation.acknowledged",
        group=GROUP,
        label=gettext_lazy("Escalation acknowledged"),
        sentence=gettext_lazy(
            "%(actor)s acknowledged escalation %(escalation)s (message %(message)s on %(channel)s)."
        ),
    ),
    AuditAction(
        code="escalation.closed",
        group=GROUP,
        label=gettext_lazy("Escalation closed"),
        sentence=gettext_lazy(
            "%(actor)s closed escalation %(escalation)s with its outcome (message %(message)s "
            "on %(channel)s)."
        ),
    ),
    AuditAction(
        code="escalation.exported",
        group=GROUP,
        label=gettext_lazy("Escalation evidence read"),
        sentence=gettext_lazy(
            "%(actor)s %(how)s the evidence of escalation %(escalation)s (message %(message)s "
            "on %(channel)s)."
        ),
        personal_data=True,
        details=_export,
    ),
)


def _authored(platform: str, author: str) -> list[AuthoredRecord]:
    """The messages the author wrote on the platform that still carry their author (texts
    and authors are removed after INBOX_RETENTION_DAYS, and then nothing links a message to
    a person)."""
    handle = author.strip()
    if not handle:
        return []
    variants = {handle, handle.lstrip("@"), "@" + handle.lstrip("@")}
    query = Q()
    for variant in variants:
        query |= Q(author_handle__iexact=variant)
    messages = (
        Message.objects.filter(query, platform=platform, body_purged_at__isnull=True)
        .select_related("channel")
        .prefetch_related("escalations")
        .order_by("received_at")[:500]
    )
    days = settings.INBOX_RETENTION_DAYS
    records = []
    for message in messages:
        received = timezone.localtime(message.received_at)
        escalations = list(message.escalations.all())
        summary = _(
            "Message %(message)s on %(channel)s, received %(received)s; status: %(status)s"
        ) % {
            "message": message.pk,
            "channel": message.channel.name_with_platform,
            "received": moment_text(received, seconds=False),
            "status": message.get_status_display(),
        }
        if escalations:
            summary += "; " + _("escalations: %(ids)s") % {
                "ids": ", ".join(str(e.pk) for e in escalations)
            }
        held = _(
            "Text, author and link held; removed after %(day)s unless an open escalation "
            "keeps them as evidence."
        ) % {"day": date_format(received.date() + timedelta(days=days), "SHORT_DATE_FORMAT")}
        records.append(
            AuthoredRecord(
                summary=summary,
                held=held,
                subjects=[(MESSAGE, str(message.pk))]
                + [("inbox.escalation", str(e.pk)) for e in escalations],
            )
        )
    return records


register_author_lookup(
    AuthorLookup(
        platforms=lambda: [(value, str(label)) for value, label in Platform.choices],
        find=_authored,
    )
)
