"""Inbox services: ingestion, the changes of a message's state (by the state machine in
transitions.py), reply templates and reminders.

Every change goes through here, checks the actor's right to work the channel, and writes an
audit event (ids and states, never message texts).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import (
    AnyUser,
    user_can_access_area,
    user_can_ingest_messages,
    user_has_role,
    user_is_read_only,
    users_with_role,
)
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.compliance.engine import configured_engine
from someluotsi.compliance.speaking import CityTextCheck, city_text_require
from someluotsi.core.blank import is_blank
from someluotsi.core.conflicts import edit_conflict
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.oneline import neutralised, one_line
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.guideline.messages.replies import answer_by_phrase
from someluotsi.guideline.messages.tone import Tone, tone
from someluotsi.guideline.messages.triage import (
    Priority,
    Triage,
    compose_reply,
    triage,
)
from someluotsi.guideline.messages.triage import TriageCategory as SortedAs
from someluotsi.guideline.model import LANGUAGES
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.inbox.assignment import AnswererPicker
from someluotsi.inbox.clock import configured_calendar, configured_sla_hours
from someluotsi.inbox.enums import (
    MessageStatus,
    Moderation,
    ReplyLanguage,
    Resolution,
    TriageCategory,
)
from someluotsi.inbox.escalations import message_escalate
from someluotsi.inbox.models import Message, ReplyTemplate, SavedReply
from someluotsi.inbox.permalinks import safe_permalink
from someluotsi.inbox.selectors import channel_workers, overdue_messages
from someluotsi.inbox.signals import messages_ingested
from someluotsi.inbox.sla import WorkingCalendar, due_at
from someluotsi.inbox.transitions import message_check_can_work, message_transition
from someluotsi.notifications.services import notification_send_worded

MAX_REPLY_CHARS = 8000


@dataclass(frozen=True, kw_only=True)
class IncomingMessage:
    """One message as a platform delivered it. `text` may be empty: a platform's media-only
    comment (a photo, a sticker) is kept so that it is seen and answered; the ingestion API
    refuses an empty text, since a caller there types the message (inbox/apis.py). Control
    characters are neutralised on storing (`_Triager.prepare`), never refused: nothing a
    platform delivered is lost. A permalink off the platform's domains is dropped
    (inbox/permalinks.py)."""

    channel: Channel
    external_id: str
    kind: str
    text: str
    received_at: datetime
    author_handle: str = ""
    parent_external_id: str = ""
    permalink: str = ""
    language: str | None = None
    # The platform whose domains the permalink may be on: the delivering connection's when a
    # connector delivers (it knows where the message came from), else the channel's.
    link_platform: str = ""


# A platform's clock may run a little ahead of ours; anything later is not a real message.
FUTURE_TOLERANCE = timedelta(minutes=10)


def received_at_problem(received_at: datetime, *, now: datetime | None = None) -> str | None:
    """Why a message's receipt time cannot be true, worded for the sender, or None when it can.

    Refused: no time zone; later than now plus `FUTURE_TOLERANCE`; older than the retention
    period (INBOX_RETENTION_DAYS: the text would be removed at once, and a made-up old date
    would distort figures and storm baselines).
    """
    from django.conf import settings

    if received_at.tzinfo is None:
        return _("The time needs a time zone.")
    now = now or timezone.now()
    if received_at > now + FUTURE_TOLERANCE:
        return _("The time is in the future.")
    oldest = now - timedelta(days=settings.INBOX_RETENTION_DAYS)
    if received_at < oldest:
        return _("The message is older than the retention period (%(days)s days).") % {
            "days": settings.INBOX_RETENTION_DAYS
        }
    return None


@dataclass(frozen=True)
class IngestConflict:
    """An item not stored because its id was taken by a different text: `index` counts the
    batch's items from 0, `message` says why in the active language."""

    index: int
    external_id: str
    message: str


@dataclass(frozen=True)
class IngestResult:
    """`duplicates` counts items already stored (or earlier in the batch) with the same text:
    an idempotent re-send. `conflicts` are items whose id was taken by a different text."""

    created: list[Message]
    duplicates: int
    conflicts: list[IngestConflict] = dataclasses.field(default_factory=list)


def reply_templates() -> dict[str, dict[str, str]]:
    """The mavi team's reply wording, {category: {language: text}}; empty texts fall back."""
    templates: dict[str, dict[str, str]] = defaultdict(dict)
    for row in ReplyTemplate.objects.exclude(text=""):
        templates[row.category][row.language] = row.text
    return dict(templates)


MEDIA_ONLY_REASON = "no text to read (media only): not triaged, look at it on the platform"


def media_only_triage(language: str | None) -> Triage:
    """The sorting of a message whose text shows nothing (`is_blank`): a platform's photo or
    sticker comment. No check runs on it (an empty text would pass every rule and read as
    harmless): it is "other" at normal priority with no suggested action or reply, so that a
    person looks at the attachment on the platform."""
    return Triage(
        language=language or "",
        category=SortedAs.OTHER,
        actions=(),
        priority=Priority.NORMAL,
        findings=(),
        reply="",
        reasons=(MEDIA_ONLY_REASON,),
    )


class _Triager:
    """Triage with the installation's engine, templates and clock, loaded once per batch."""

    def __init__(self) -> None:
        self.engine = configured_engine()
        self.replies = reply_templates()
        self.calendar: WorkingCalendar = configured_calendar()
        self.hours = configured_sla_hours()

    def prepare(self, item: IncomingMessage) -> Message:
        # Platform data is kept, made harmless: a handle on one line, no terminal escapes or
        # direction overrides in the text (the API refuses them; connectors deliver as is).
        item = dataclasses.replace(
            item,
            author_handle=one_line(item.author_handle)[:200],
            parent_external_id=one_line(item.parent_external_id)[:200],
            text=neutralised(item.text),
            permalink=safe_permalink(item.permalink, item.link_platform or item.channel.platform),
        )
        if len(item.text) > MAX_CHARS:
            raise ValueError(f"text over {MAX_CHARS:,} characters")
        if is_blank(item.text):
            # A platform's media-only item (a photo, a sticker): kept, so that someone looks at
            # it, but no check runs on a text that shows nothing (it would read as harmless).
            sorted_message = media_only_triage(item.language)
            category = sorted_message.category.value
            message_tone_value = Tone.NEUTRAL.value
        else:
            # One analysis of the text for triage, its check and the tone reading.
            analysed = AnalysedText(item.text, language=item.language)
            sorted_message = triage(
                analysed, language=item.language, engine=self.engine, replies=self.replies
            )
            category = sorted_message.category.value
            message_tone = tone(analysed, language=sorted_message.language, category=category)
            message_tone_value = message_tone.tone.value
        due = due_at(category, item.received_at, self.calendar, self.hours)
        reply = sorted_message.reply
        if due is not None and reply:
            # The reply says by when the city answers: the due time in the reply's language.
            reply = self.reply_with_due(item, sorted_message, due)
        return Message(
            platform=item.channel.platform,
            external_id=item.external_id,
            channel=item.channel,
            kind=item.kind,
            parent_external_id=item.parent_external_id,
            author_handle=item.author_handle,
            text=item.text,
            language=sorted_message.language,
            received_at=item.received_at,
            permalink=item.permalink,
            category=category,
            priority=sorted_message.priority.value,
            tone=message_tone_value,
            actions=[action.value for action in sorted_message.actions],
            rule_ids=list(dict.fromkeys(f.rule for f in sorted_message.findings)),
            reasons=list(sorted_message.reasons),
            findings=[
                {
                    key: value
                    for key, value in finding.to_dict().items()
                    if key
                    in {
                        "rule",
                        "category",
                        "severity",
                        "start",
                        "end",
                        "excerpt",
                        "guideline",
                        "message",
                    }
                }
                for finding in sorted_message.findings
            ],
            suggested_reply=reply,
            due_at=due,
        )

    def reply_with_due(self, item: IncomingMessage, sorted_message: Triage, due: datetime) -> str:
        """The reply triage chose, composed again with the due time in words: the same kind of
        reply (a concern's, such as a crisis's or a child-welfare concern's, stays that
        concern's; a question's topic stays its topic), only the time filled in."""
        language = sorted_message.language if sorted_message.language in LANGUAGES else "fi"
        local = timezone.localtime
        reply, _topic = compose_reply(
            item.text,
            sorted_message.category,
            language,
            feedback_url=self.engine.rulebook.city.feedback_url,
            replies=self.replies,
            answer_by=answer_by_phrase(local(due), local(item.received_at), language),
            concern=sorted_message.concern,
        )
        return reply


@transaction.atomic
def message_ingest(
    *,
    actor: AnyUser | None,
    items: Sequence[IncomingMessage],
    progress: Callable[[int, int], None] | None = None,
    auto_escalate: bool | None = None,
) -> IngestResult:
    """Triage and store messages; ones already stored (same platform and id) are skipped:
    counted as duplicates when the text is the same (an idempotent re-send), reported as
    conflicts (`IngestConflict`) when it differs, within the batch too (never dropped in
    silence; a message whose text retention removed counts as a duplicate).

    All or nothing: the whole batch is validated by the caller and written in one transaction.
    Concurrent deliveries of the same message create one row (the unique constraint decides).
    Refused whole (ApplicationError, nothing stored): an actor who may not deliver messages
    (accounts.access.INGEST_ROLES; `actor=None` is the system, e.g. a connector) and a receipt
    time that cannot be true (`received_at_problem`).
    New messages are assigned by the channel's answering agreement (§8.4); threats are escalated
    at once when INBOX_AUTO_ESCALATE_THREATS is on (§10.6). Audited once per batch as
    `messages.ingested` (counts only, never bodies).
    """
    if actor is not None and not user_can_ingest_messages(user=actor):
        raise PermissionDeniedError(
            _("Only the platform connectors and the mavi team deliver messages.")
        )
    now = timezone.now()
    for number, item in enumerate(items, 1):
        problem = received_at_problem(item.received_at, now=now)
        if problem is not None:
            raise ApplicationError(
                _("Message %(n)s: %(problem)s") % {"n": number, "problem": problem},
                code="invalid_received_at",
            )
    triager = _Triager()
    picker = AnswererPicker({item.channel for item in items})
    created: list[Message] = []
    duplicates = 0
    conflicts: list[IngestConflict] = []
    # (platform, id) -> (the item's number, its text as stored): a second item with the same
    # id is a duplicate when its text is the same, else a conflict (never dropped in silence).
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for done, item in enumerate(items, 1):
        if progress is not None:
            progress(done, len(items))
        key = (item.channel.platform, item.external_id)
        text = neutralised(item.text)
        earlier = seen.get(key)
        if earlier is not None:
            if earlier[1] == text:
                duplicates += 1
            else:
                conflicts.append(_conflict(done, item.external_id, earlier=earlier[0]))
            continue
        seen[key] = (done, text)
        stored = (
            Message.objects.filter(platform=key[0], external_id=key[1])
            .values_list("text", "body_purged_at")
            .first()
        )
        if stored is not None:
            if stored[0] == text or stored[1] is not None:  # the same, or its text removed
                duplicates += 1
            else:
                conflicts.append(_conflict(done, item.external_id, earlier=None))
            continue
        message = triager.prepare(item)
        message.assignee = picker.pick(item.channel, message.due_at or item.received_at)
        if message.assignee is not None:
            message.status = MessageStatus.ASSIGNED
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            duplicates += 1  # another request stored it a moment ago
            continue
        created.append(message)
    audit_record(
        actor=actor,
        action="messages.ingested",
        data={
            "created": len(created),
            "duplicates": duplicates,
            "conflicts": len(conflicts),
            "assigned": sum(1 for m in created if m.assignee_id),
        },
    )
    if settings.INBOX_AUTO_CLOSE:
        for message in created:
            _auto_close(message)
    if created:
        messages_ingested.send(sender=Message, messages=created)
    if settings.INBOX_AUTO_ESCALATE_THREATS if auto_escalate is None else auto_escalate:
        for message in created:
            if message.category == TriageCategory.THREAT:
                message_escalate(actor=None, message=message, note="", automatic=True)
    return IngestResult(created, duplicates, conflicts)


def _conflict(number: int, external_id: str, *, earlier: int | None) -> IngestConflict:
    """Item `number` (from 1) not stored: its id is taken by a different text, `earlier` in
    the same batch or (None) by a message already stored."""
    if earlier is not None:
        message = _(
            "Message %(n)s has the same external_id as message %(first)s but a different "
            "text; it was not stored. Give each message its own external_id."
        ) % {"n": number, "first": earlier}
    else:
        message = _(
            "Message %(n)s: a message with this external_id is already stored with a "
            "different text; this one was not stored."
        ) % {"n": number}
    return IngestConflict(index=number - 1, external_id=external_id, message=message)


# An obvious duplicate: the same author's same text on the same channel within this window.
DUPLICATE_WINDOW = timedelta(days=7)


def _same_text(text: str) -> str:
    """The text as compared for duplicates: case, spacing and surrounding punctuation ignored."""
    return " ".join(text.casefold().split()).strip(" .!?…,;:-–")


def duplicate_original(message: Message) -> Message | None:
    """The earlier message `message` repeats, if it is an obvious duplicate: same channel, same
    author (known), the same text after `_same_text`, received within DUPLICATE_WINDOW before
    it. Threats are never duplicates (each one is evidence, §10.6)."""
    if message.category == TriageCategory.THREAT or not message.author_handle:
        return None
    wanted = _same_text(message.text)
    if not wanted:
        return None
    candidates = Message.objects.filter(
        channel_id=message.channel_id,
        author_handle=message.author_handle,
        received_at__gte=message.received_at - DUPLICATE_WINDOW,
        received_at__lte=message.received_at,
        duplicate_of__isnull=True,
    ).exclude(pk=message.pk)
    for candidate in candidates.order_by("received_at", "pk").only("pk", "text"):
        if _same_text(candidate.text) == wanted:
            return candidate
    return None


def _auto_close(message: Message) -> None:
    """Close spam and obvious duplicates at ingestion (INBOX_AUTO_CLOSE): audited as
    `message.auto_closed` with the reason, undone by reopening the message."""
    original = None
    if message.category == TriageCategory.SPAM:
        resolution = Resolution.SPAM
    else:
        original = duplicate_original(message)
        if original is None:
            return
        resolution = Resolution.DUPLICATE
    message_transition(
        actor=None,
        message=message,
        to=MessageStatus.CLOSED,
        action="message.auto_closed",
        changes={
            "resolution": resolution,
            "closed_at": timezone.now(),
            "assignee": None,
            "duplicate_of": original,
        },
        data={"resolution": resolution, "duplicate_of": original.pk if original else None},
    )


def message_assign(*, actor: AnyUser, message: Message, assignee: User) -> Message:
    # The actor's right first: someone who may not work the message is refused (403) before
    # anything is said about the assignee.
    message_check_can_work(actor, message)
    if not channel_workers(channel=message.channel).filter(pk=assignee.pk).exists():
        raise ApplicationError(
            _("%(name)s does not work this channel.") % {"name": assignee.get_full_name()},
            code="not_a_channel_worker",
        )
    return message_transition(
        actor=actor,
        message=message,
        to=MessageStatus.ASSIGNED,
        action="message.assigned",
        changes={"assignee": assignee, "resolution": Resolution.NONE, "closed_at": None},
        data={"assignee": assignee.pk},
    )


def message_answer(
    *, actor: User, message: Message, reply: str, ui_language: str = "fi"
) -> Message:
    """Record the reply given on the platform; the first answer stops the SLA clock.

    The reply is shown as the city's answer, so it passes the same check as a live reply
    (compliance.speaking.city_text_require, as the organisation on the message's channel): a
    blocking finding (personal data §9, a threat or insult §10, …) refuses it with code
    "reply_blocked" and the findings worded in `ui_language`; no override. Also refused: a
    reply that shows nothing ("empty_reply"), over MAX_REPLY_CHARS ("reply_too_long") or still
    holding a placeholder in curly brackets ("bad_placeholder", `reply_placeholder_problem`).
    Returns the message; the caller shows the warnings with `city_text_warning` if it wants them
    (`message_answer_checked`)."""
    return message_answer_checked(
        actor=actor, message=message, reply=reply, ui_language=ui_language
    )[0]


def message_answer_checked(
    *, actor: User, message: Message, reply: str, ui_language: str = "fi"
) -> tuple[Message, CityTextCheck]:
    """`message_answer`, also handing back the check (for the warnings the page shows)."""
    reply = "" if is_blank(reply) else reply.strip()
    if not reply:
        raise ApplicationError(_("Write the reply first."), code="empty_reply")
    if len(reply) > MAX_REPLY_CHARS:
        raise ApplicationError(
            _("A reply can be at most %(n)s characters.") % {"n": MAX_REPLY_CHARS},
            code="reply_too_long",
        )
    if (problem := reply_placeholder_problem(reply)) is not None:
        raise ApplicationError(problem, code="bad_placeholder")
    message_check_can_work(actor, message)
    check = city_text_require(text=reply, channel=message.channel, ui_language=ui_language)
    now = timezone.now()
    return message_transition(
        actor=actor,
        message=message,
        to=MessageStatus.ANSWERED,
        action="message.answered",
        changes={
            "reply_text": reply,
            "answered_at": message.answered_at or now,
            "assignee": message.assignee or actor,
            "resolution": Resolution.ANSWERED,
        },
        data={"first_answer": message.answered_at is None, "check": check.verdict},
    ), check


def message_close(*, actor: User, message: Message, resolution: str) -> Message:
    message_check_can_work(actor, message)
    if resolution not in {Resolution.ANSWERED, Resolution.IGNORED, Resolution.NO_ACTION,
                          Resolution.ESCALATED}:  # fmt: skip
        raise ApplicationError(_("Choose how the message was handled."), code="bad_resolution")
    return message_transition(
        actor=actor,
        message=message,
        to=MessageStatus.CLOSED,
        action="message.closed",
        changes={
            "resolution": resolution,
            "closed_at": timezone.now(),
            "assignee": message.assignee or actor,
        },
        data={"resolution": resolution},
    )


def message_reopen(*, actor: User, message: Message) -> Message:
    return message_transition(
        actor=actor,
        message=message,
        to=MessageStatus.ASSIGNED,
        action="message.reopened",
        changes={
            "assignee": actor,
            "resolution": Resolution.NONE,
            "closed_at": None,
            "duplicate_of": None,
        },
    )


def message_moderate(*, actor: User, message: Message, moderation: str) -> Message:
    """Record that the message was hidden or removed on the platform (§10.4, §10.5). Recording
    the state it already has is a no-op (a double click, two people at once)."""
    if moderation not in {Moderation.HIDDEN, Moderation.REMOVED, Moderation.NONE}:
        raise ApplicationError(_("Unknown moderation."), code="bad_moderation")
    message_check_can_work(actor, message)
    with transaction.atomic():
        # Locked and read again: of two "hide" clicks at once, the second finds the message
        # hidden and is a no-op (no second audit event).
        locked = Message.objects.select_for_update().get(pk=message.pk)
        old = locked.moderation
        if old == moderation:
            message.moderation = old
            return message
        locked.moderation = moderation
        locked.save(update_fields=["moderation", "updated_at"])
        audit_record(
            actor=actor,
            action="message.moderated",
            target=locked,
            data={"from": old, "to": moderation},
        )
    message.refresh_from_db()
    return message


def message_view_record(
    *, actor: AnyUser, message: Message, request: HttpRequest | None = None
) -> None:
    """Reading a message's text and author is access to personal data: audited every time."""
    audit_record(actor=actor, action="message.viewed", target=message, request=request)


def messages_list_record(
    *, actor: AnyUser, message_ids: list[int], request: HttpRequest | None = None
) -> None:
    """A queue page that shows texts is a reading of each of them: audited with their ids."""
    if message_ids:
        audit_record(
            actor=actor, action="messages.listed", data={"ids": message_ids}, request=request
        )


# The placeholders a reply template may hold, filled in by guideline.messages.replies.fill;
# any other curly bracket ("{answer_by", "{0}", "{answer_by.__class__}", "{x!r:>9}") is a
# mistake that would reach a citizen as it is.
REPLY_PLACEHOLDERS = ("{feedback_url}", "{answer_by}")


def reply_template_problem(text: str) -> str | None:
    """Why `text` cannot be a reply template's wording (a broken or unknown placeholder), in
    the active language; None when it can."""
    rest = text
    for placeholder in REPLY_PLACEHOLDERS:
        rest = rest.replace(placeholder, "")
    if "{" not in rest and "}" not in rest:
        return None
    return _(
        "A reply template can only use the placeholders %(names)s, written exactly like that. "
        "Check the curly brackets: remove the others or correct their names."
    ) % {"names": ", ".join(REPLY_PLACEHOLDERS)}


# What is left of a placeholder in a reply about to be recorded as the city's: "{author}",
# "{0}", "{}", "{answer_by.__class__}", an unfilled "{feedback_url}" or a broken "{answer_by".
# A brace with a space after it or a lone one (":{") is text a person may write.
PLACEHOLDER_LEFT = re.compile(
    r"\{[\w.!:\[\]<>^=+#%,-]*\}|\{(?:" + "|".join(p[1:-1] for p in REPLY_PLACEHOLDERS) + r")\b"
)


def reply_placeholder_problem(text: str) -> str | None:
    """Why a reply cannot be recorded as given to a citizen: it still holds a placeholder in
    curly brackets (filled ones leave none), in the active language; None when it can."""
    found = PLACEHOLDER_LEFT.search(text)
    if found is None:
        return None
    return _(
        "The reply still has a placeholder in curly brackets (%(found)s). Write the real text "
        "in its place before recording the reply."
    ) % {"found": found.group(0)[:40]}


def reply_wording_check(*, text: str, ui_language: str = "fi") -> CityTextCheck:
    """Check reply wording kept for reuse (a template, a saved reply) as the city would say it:
    the placeholders are left out (they are filled in per message) and no channel is known.
    A blocking finding refuses it ("reply_blocked", compliance.speaking), so a template never
    suggests a reply the send would refuse; the check is returned for its warnings."""
    wording = text
    for placeholder in REPLY_PLACEHOLDERS:
        wording = wording.replace(placeholder, " ")
    return city_text_require(text=wording, channel=None, ui_language=ui_language)


@transaction.atomic
def reply_template_save(
    *,
    actor: User,
    category: str,
    language: str,
    text: str,
    version: int | None = None,
    ui_language: str = "fi",
    on_check: Callable[[CityTextCheck], None] | None = None,
) -> ReplyTemplate:
    """The mavi team words the suggested replies; an empty text restores the default. A text
    with a placeholder other than REPLY_PLACEHOLDERS is refused (code "bad_placeholder"), one
    the guideline check blocks too ("reply_blocked", `reply_wording_check`, findings worded in
    `ui_language`); `on_check` is handed the check of a text that is saved (its warnings).

    `version` is the wording's version the page's form showed (0 when none was saved yet; the
    form always sends it, None only for callers that hold the row themselves): when a teammate
    saved the same wording in between, the save is refused with core.conflicts
    .EditConflictError (409) and nothing is written, so the page can show the text again."""
    if not (actor.is_superuser or user_has_role(user=actor, roles={Role.MAVI})):
        raise PermissionDeniedError(_("Only the marketing and communications team edits replies."))
    if category not in TriageCategory.values or language not in {"fi", "sv", "en"}:
        raise ApplicationError(_("Unknown category or language."), code="bad_template")
    if len(text) > 2000:
        raise ApplicationError(_("A reply template can be at most 2000 characters."), code="long")
    problem = reply_template_problem(text)
    if problem is not None:
        raise ApplicationError(problem, code="bad_placeholder")
    if not is_blank(text):
        check = reply_wording_check(text=text, ui_language=ui_language)
        if on_check is not None:
            on_check(check)
    template = (
        ReplyTemplate.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(category=category, language=language)
        .first()
    )
    if version is not None and (template.version if template else 0) != version:
        raise edit_conflict(
            editor=template.updated_by if template else None,
            saved_at=template.updated_at if template else timezone.now(),
        )
    if template is None:
        try:
            with transaction.atomic():
                template = ReplyTemplate.objects.create(
                    category=category, language=language, text=text.strip(), updated_by=actor
                )
        except IntegrityError:
            # A teammate saved the first wording at the same moment.
            current = ReplyTemplate.objects.select_related("updated_by").get(
                category=category, language=language
            )
            raise edit_conflict(editor=current.updated_by, saved_at=current.updated_at) from None
    else:
        template.text = text.strip()
        template.updated_by = actor
        template.version = F("version") + 1
        template.save(update_fields=["text", "updated_by", "version", "updated_at"])
        template.refresh_from_db(fields=["version"])
    audit_record(
        actor=actor,
        action="reply_template.saved",
        target=template,
        data={"category": category, "language": language, "length": len(template.text)},
    )
    return template


MAX_SAVED_REPLIES = 50


def saved_reply_save(
    *,
    actor: User,
    title: str,
    language: str,
    text: str,
    reply: SavedReply | None = None,
    ui_language: str = "fi",
    on_check: Callable[[CityTextCheck], None] | None = None,
) -> SavedReply:
    """Keep (or change) one of the actor's own replies beside the city's templates.

    Refused (ApplicationError): someone else's reply, an empty title or text, a title the actor
    already uses, an unknown language, over 2000 characters, over MAX_SAVED_REPLIES replies, a
    placeholder other than REPLY_PLACEHOLDERS (code "bad_placeholder", as for the team's
    templates; the known ones are filled when the reply is used), a text the guideline check
    blocks ("reply_blocked", `reply_wording_check`, worded in
    `ui_language`; `on_check` is handed the check of a text that is saved, for its warnings).
    Audited as `saved_reply.saved` with the title, never the text.
    """
    if not user_can_access_area(user=actor, area=Area.INBOX) or user_is_read_only(user=actor):
        raise PermissionDeniedError(_("Only those who answer messages keep saved replies."))
    if reply is not None and reply.owner_id != actor.pk:
        raise PermissionDeniedError(_("This saved reply is someone else's."))
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ApplicationError(_("A saved reply needs a title and a text."), code="empty")
    if language not in ReplyLanguage.values:
        raise ApplicationError(_("Unknown category or language."), code="bad_language")
    if len(title) > 100 or len(text) > 2000:
        raise ApplicationError(
            _("A saved reply can have a title of 100 and a text of 2000 characters at most."),
            code="long",
        )
    mine = SavedReply.objects.filter(owner=actor)
    same_title = mine.filter(title__iexact=title)
    if reply is not None:
        same_title = same_title.exclude(pk=reply.pk)
    if same_title.exists():
        raise ApplicationError(_("You already have a saved reply with this title."), code="taken")
    if reply is None and mine.count() >= MAX_SAVED_REPLIES:
        raise ApplicationError(
            _("You can keep at most %(n)s saved replies.") % {"n": MAX_SAVED_REPLIES},
            code="too_many",
        )
    problem = reply_template_problem(text)
    if problem is not None:
        raise ApplicationError(problem, code="bad_placeholder")
    check = reply_wording_check(text=text, ui_language=ui_language)
    if on_check is not None:
        on_check(check)
    reply = reply or SavedReply(owner=actor)
    reply.title, reply.language, reply.text = title, language, text
    reply.save()
    audit_record(
        actor=actor,
        action="saved_reply.saved",
        target=reply,
        data={"title": title, "language": language, "length": len(text)},
    )
    return reply


def saved_reply_delete(*, actor: User, reply: SavedReply) -> None:
    """Remove one of the actor's own saved replies (audited with its title)."""
    if reply.owner_id != actor.pk:
        raise PermissionDeniedError(_("This saved reply is someone else's."))
    audit_record(
        actor=actor, action="saved_reply.deleted", target=reply, data={"title": reply.title}
    )
    reply.delete()


def _overdue_subject(count: int) -> str:
    return ngettext("%(n)s inbox message is overdue", "%(n)s inbox messages are overdue", count) % {
        "n": count
    }


def _overdue_body() -> str:
    return _("Answer or handle them as soon as possible within working hours (§8.4).")


def inbox_send_reminders(*, now: datetime | None = None) -> int:
    """Remind about overdue open messages once each: the assignee, or else the channel's
    maintainers, or else the mavi team. Returns how many messages were reminded about."""
    now = now or timezone.now()
    pending = list(overdue_messages(now=now).filter(reminded_at__isnull=True))
    by_recipient: dict[int, tuple[User, list[Message]]] = {}
    for message in pending:
        recipients = (
            [message.assignee]
            if message.assignee
            else list(message.channel.maintainers.filter(is_active=True))
            or list(users_with_role(role=Role.MAVI))
        )
        for user in recipients:
            by_recipient.setdefault(user.pk, (user, []))[1].append(message)
    for user, messages in by_recipient.values():
        notification_send_worded(
            recipients=[user],
            subject=partial(_overdue_subject, len(messages)),
            body=_overdue_body,
            url=reverse("inbox:queue") + "?overdue=1",
        )
    Message.objects.filter(pk__in=[m.pk for m in pending]).update(reminded_at=now)
    return len(pending)
