"""Writing posts: drafts with optimistic concurrency, the one state machine
draft → in review → approved → scheduled → published (or failed / withdrawn), approvals with
overrides, comments, moving in the calendar, corrections (§9.3) and withdrawals.

Every change checks the actor's right, writes an audit event and a visible history row in the
same transaction, and notifies after commit, each recipient in their own language.
Delivery to the platforms is `delivery.py` (run by tasks, never in a request).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.accounts.selectors import AnyUser, user_is_read_only
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.core.blank import is_blank, trimmed
from someluotsi.core.conflicts import EditConflictError, edit_conflict
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.idempotency import clean_form_key
from someluotsi.core.lengths import at_most
from someluotsi.core.oneline import refuse_typed_control_characters
from someluotsi.core.times import moment_text
from someluotsi.guideline.model import EngineError, Severity
from someluotsi.publishing.composing import (
    asset_media,
    asset_warnings,
    channel_preview,
    check_text,
    combined_text,
    speaking_context,
)
from someluotsi.publishing.enums import ApprovalPolicy, Delivery, PostStatus
from someluotsi.publishing.models import (
    MAX_COMMENT,
    MAX_TEXT,
    Asset,
    Campaign,
    Post,
    PostComment,
    PostCorrection,
    PostTarget,
)
from someluotsi.publishing.selectors import (
    APPROVER_ROLES,
    channel_policy,
    post_can_edit,
    post_targets_user_may_approve,
    publishable_channels,
)
from someluotsi.publishing.transitions import (
    notify,
    record_event,
    transition,
)

# A draft may be saved with a time a moment ago (the form was open); older is "in the past".
PAST_GRACE = timedelta(minutes=1)
# How far ahead a post may be planned: a campaign a season or two ahead, not year 9999.
MAX_AHEAD = timedelta(days=2 * 365)


def _check_schedule_time(at: datetime) -> None:
    """Refuse a publishing time later than MAX_AHEAD from now (the past is checked by the
    callers, which may keep an unchanged earlier time)."""
    if at > timezone.now() + MAX_AHEAD:
        raise ApplicationError(
            _("The publishing time is too far ahead: choose a time within two years."),
            code="time_too_far",
        )


MIN_OVERRIDE_REASON = 10


@dataclass(frozen=True)
class Variant:
    text: str = ""
    link: str = ""
    first_comment: str = ""


@dataclass(frozen=True, kw_only=True)
class PostInput:
    """A draft as the composer sends it."""

    title: str
    text: str
    text_sv: str = ""
    no_swedish_reason: str = ""
    link: str = ""
    first_comment: str = ""
    channels: Sequence[Channel] = ()
    variants: Mapping[int, Variant] = field(default_factory=dict)
    assets: Sequence[Asset] = ()
    campaign: Campaign | None = None
    scheduled_at: datetime | None = None
    shareable: bool = False
    share_text: str = ""


def _local(at: datetime) -> str:
    return moment_text(at, seconds=False)


def _check_writer(actor: AnyUser) -> None:
    if not actor.is_authenticated or user_is_read_only(user=actor):
        raise PermissionDeniedError(_("You cannot change posts."))


def _clean_url(value: str, field_label: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ApplicationError(
            _("%(field)s is not a web address (https://…).") % {"field": field_label},
            code="invalid_link",
        ) from None
    return value


def _clean_input(actor: AnyUser, data: PostInput, post: Post | None) -> PostInput:
    title = data.title.strip()
    if not title:
        raise ApplicationError(_("Give the post a working title."), code="title_required")
    if len(title) > 200:
        raise ApplicationError(_("The working title is too long."), code="title_too_long")
    for text in (data.text, data.text_sv, *(v.text for v in data.variants.values())):
        if len(text) > MAX_TEXT:
            raise ApplicationError(
                _("A text may have at most %(n)d characters.") % {"n": MAX_TEXT},
                code="text_too_long",
            )
    comments = (
        data.first_comment,
        data.share_text,
        *(v.first_comment for v in data.variants.values()),
    )
    for text in comments:
        if len(text) > MAX_COMMENT:
            raise ApplicationError(
                _("A comment may have at most %(n)d characters.") % {"n": MAX_COMMENT},
                code="comment_too_long",
            )
    # What goes to a platform or to reviewers is what a person typed: no terminal escapes,
    # no direction overrides (line breaks and tabs are fine).
    for text in (
        data.text,
        data.text_sv,
        *comments,
        *(v.text for v in data.variants.values()),
    ):
        refuse_typed_control_characters(text)
    if is_blank(data.text):
        raise ApplicationError(_("Write the post's text."), code="text_required")
    if not data.channels:
        raise ApplicationError(_("Choose at least one channel."), code="channel_required")
    allowed = set(publishable_channels(user=actor).values_list("pk", flat=True))
    existing = {t.channel_id for t in post.targets.all()} if post else set()
    wanted = {c.pk for c in data.channels}
    for channel_id in (wanted - existing) | (existing - wanted):
        if channel_id not in allowed:
            raise PermissionDeniedError(
                _("You may not publish to one of the chosen channels."), code="channel_forbidden"
            )
    if data.scheduled_at is not None:
        if timezone.is_naive(data.scheduled_at):
            raise ApplicationError(_("Give the time with its time zone."), code="naive_time")
        unchanged = post is not None and post.scheduled_at == data.scheduled_at
        if not unchanged and data.scheduled_at < timezone.now() - PAST_GRACE:
            raise ApplicationError(
                _("The publishing time is in the past. Choose a time from now on."),
                code="time_in_past",
            )
        if not unchanged:
            _check_schedule_time(data.scheduled_at)
    return PostInput(
        title=title,
        text=data.text.strip(),
        text_sv=trimmed(data.text_sv),
        no_swedish_reason=at_most(data.no_swedish_reason.strip(), 500, field="no_swedish_reason"),
        link=_clean_url(data.link, _("The link")),
        first_comment=data.first_comment.strip(),
        channels=list(data.channels),
        variants={
            channel_id: Variant(
                text=trimmed(variant.text),
                link=_clean_url(variant.link, _("The channel's link")),
                first_comment=variant.first_comment.strip(),
            )
            for channel_id, variant in data.variants.items()
            if channel_id in wanted
        },
        assets=list(dict.fromkeys(data.assets)),
        campaign=data.campaign,
        scheduled_at=data.scheduled_at,
        shareable=data.shareable,
        share_text=data.share_text.strip(),
    )


def _store_check(post: Post, assets: Sequence[Asset]) -> None:
    """Check both language versions and every channel variant; keep the rule ids found."""
    targets = list(post.targets.select_related("channel"))
    role, context = speaking_context(t.channel for t in targets)
    texts = [(post.text, None, False), (post.text_sv, "sv", True)]
    texts += [(t.text, None, False) for t in targets if t.text]
    rules: set[str] = set()
    blocking: set[str] = set()
    verdict = "ok"
    for text, language, swedish in texts:
        if is_blank(text):
            continue
        try:
            report = check_text(
                text,
                role=role,
                channel=context,
                media=asset_media(assets, swedish=swedish),
                language=language,
            )
        except EngineError:
            continue  # over the engine's limit: the text field's own limit is far lower
        rules |= set(report.rule_ids)
        blocking |= {f.rule for f in report.findings if f.severity is Severity.BLOCK}
        if report.verdict.value == "block" or (report.verdict.value == "warn" and verdict == "ok"):
            verdict = report.verdict.value
    post.check_verdict = verdict
    post.check_rules = sorted(rules)
    post.blocking_rules = sorted(blocking)
    post.checked_at = timezone.now()


def _set_targets(post: Post, data: PostInput) -> None:
    wanted = {c.pk: c for c in data.channels}
    post.targets.exclude(channel_id__in=wanted).delete()
    existing = {t.channel_id: t for t in post.targets.all()}
    for channel_id, channel in wanted.items():
        variant = data.variants.get(channel_id, Variant())
        target = existing.get(channel_id) or PostTarget(post=post, channel=channel)
        target.text, target.link, target.first_comment = (
            variant.text,
            variant.link,
            variant.first_comment,
        )
        target.approval = channel_policy(channel).approval
        target.save()


def _fill(post: Post, data: PostInput, actor: AnyUser) -> None:
    post.title = data.title
    post.text = data.text
    post.text_sv = data.text_sv
    post.no_swedish_reason = "" if data.text_sv else data.no_swedish_reason
    post.link = data.link
    post.first_comment = data.first_comment
    post.campaign = data.campaign
    post.scheduled_at = data.scheduled_at
    post.shareable = data.shareable
    post.share_text = data.share_text
    post.last_edited_by = actor if isinstance(actor, User) else None


def _lock(post: Post) -> None:
    """Lock the post's row until the transaction ends and read its state again under the lock,
    so that the state checks that follow see what a concurrent request left: of two approvals
    (publications, withdrawals, …) of the same post at once, the second waits and is then
    refused with a clear message instead of doing the move again (select_for_update; SQLite
    runs one writer at a time by itself). Call it first in every change of a post's state."""
    list(Post.objects.select_for_update().filter(pk=post.pk).values_list("pk", flat=True))
    post.refresh_from_db()


def post_create(*, actor: User, data: PostInput, key: str = "") -> Post:
    """A new draft. Raises ApplicationError for bad input, PermissionDeniedError for a channel
    the actor may not publish to. With the composer's one-time `key` (core.idempotency) a
    second submit of the same form returns the first post (`post_create_once`)."""
    return post_create_once(actor=actor, data=data, key=key)[0]


def _post_by_key(actor: User, key: str) -> Post | None:
    return Post.objects.filter(author=actor, creation_key=key).first() if key else None


@transaction.atomic
def post_create_once(*, actor: User, data: PostInput, key: str = "") -> tuple[Post, bool]:
    """`post_create` telling whether the post was created now (True) or the same form was sent
    already and the post it made is returned as it is (False: nothing changed, nothing
    audited). `key` is core.idempotency's (a string that is not one counts as none); two
    submits at once are settled by the unique (author, creation_key) constraint."""
    key = clean_form_key(key)
    earlier = _post_by_key(actor, key)
    if earlier is not None:
        return earlier, False
    _check_writer(actor)
    data = _clean_input(actor, data, None)
    post = Post(author=actor, unit=actor.unit, creation_key=key)
    _fill(post, data, actor)
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        earlier = _post_by_key(actor, key)
        if earlier is None:
            raise
        return earlier, False
    _set_targets(post, data)
    post.assets.set(data.assets)
    _store_check(post, data.assets)
    post.save()
    audit_record(
        actor=actor,
        action="post.created",
        target=post,
        data={"channels": sorted(c.pk for c in data.channels)},
    )
    record_event(post, actor, "created", to_status=PostStatus.DRAFT)
    return post, True


@transaction.atomic
def post_update(*, actor: User, post: Post, version: int, data: PostInput) -> Post:
    """Save a draft over `version`, the one the editor started from. If someone saved in between
    the save is refused with EditConflictError (the caller keeps the editor's text). Editing a
    post in review, approved, scheduled or failed sends it back to draft: approvals end."""
    _check_writer(actor)
    if not post_can_edit(user=actor, post=post):
        raise PermissionDeniedError(_("You cannot edit this post."))
    data = _clean_input(actor, data, post)
    claimed = Post.objects.filter(pk=post.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        current = Post.objects.select_related("last_edited_by").get(pk=post.pk)
        editor = current.last_edited_by
        raise edit_conflict(editor=editor, saved_at=current.updated_at)
    post.refresh_from_db()
    before = post.status
    _fill(post, data, actor)
    post.save()
    _set_targets(post, data)
    post.assets.set(data.assets)
    _store_check(post, data.assets)
    post.save()
    audit_record(actor=actor, action="post.edited", target=post, data={"version": post.version})
    record_event(post, actor, "edited")
    if before != PostStatus.DRAFT:
        post.targets.update(approved_by=None, approved_at=None, delivery=Delivery.PENDING)
        post.override_reason, post.override_by, post.override_at = "", None, None
        post.save(update_fields=["override_reason", "override_by", "override_at"])
        transition(post, PostStatus.DRAFT, actor=actor, note=_("Edited: approval needed again."))
    return post


def submission_problems(post: Post) -> list[str]:
    """What stops a draft from going to review: limits of each platform, the Swedish version
    of a bilingual channel, missing channels."""
    problems: list[str] = []
    targets = list(post.targets.select_related("channel"))
    assets = list(post.assets.all())
    if not targets:
        problems.append(_("Choose at least one channel."))
    if (
        any(channel_policy(t.channel).bilingual for t in targets)
        and not post.text_sv.strip()
        and not post.no_swedish_reason.strip()
    ):
        problems.append(
            _(
                "A city-level channel needs the Swedish version of the post, or a reason why "
                "there is none."
            )
        )
    for target in targets:
        preview = channel_preview(
            target.channel,
            text=target.text or combined_text(post.text, post.text_sv),
            link=target.link or post.link,
            first_comment=target.first_comment or post.first_comment,
            assets=assets,
        )
        problems += [f"{target.channel}: {problem}" for problem in preview.problems]
    return problems


def _approvers(target: PostTarget) -> list[User]:
    if target.approval == ApprovalPolicy.NONE:
        return []
    mavi = RoleAssignment.objects.filter(role__in=APPROVER_ROLES).values("user")
    people = User.objects.filter(is_active=True, pk__in=mavi)
    if target.approval == ApprovalPolicy.UNIT_MANAGER:
        unit = target.channel.unit
        units = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
        scoped = RoleAssignment.objects.filter(role=Role.UNIT_MANAGER, unit_id__in=units)
        managers = User.objects.filter(is_active=True, pk__in=scoped.values("user"))
        direct = User.objects.filter(is_active=True, managed_units__in=units)
        return list((managers | direct).distinct())
    return list(people)


@transaction.atomic
def post_submit(*, actor: User, post: Post) -> Post:
    """Send a draft for review. Channels that need no approval are approved at once; when no
    channel needs anyone and nothing must be fixed, the post is approved (and scheduled when
    its time is set). Raises ApplicationError listing what must be fixed first."""
    _lock(post)
    _check_writer(actor)
    if not post_can_edit(user=actor, post=post):
        raise PermissionDeniedError(_("You cannot send this post for review."))
    problems = submission_problems(post)
    if problems:
        raise ApplicationError(
            _("Fix these before sending the post for review:") + " " + " ".join(problems),
            code="not_ready",
            details={"problems": problems},
        )
    _store_check(post, list(post.assets.all()))
    post.save(update_fields=["check_verdict", "check_rules", "blocking_rules", "checked_at"])
    transition(post, PostStatus.IN_REVIEW, actor=actor)
    waiting = [t for t in post.targets.select_related("channel") if t.approved_at is None]
    recipients: list[User] = []
    for target in waiting:
        recipients += [u for u in _approvers(target) if u.pk != actor.pk]
    if recipients:
        title = post.title
        notify(recipients, post, lambda: _("A post waits for your approval: %s") % title)
    if all(t.approval == ApprovalPolicy.NONE for t in waiting) and not needs_override(post):
        post_approve(actor=actor, post=post)
    return post


def needs_override(post: Post) -> list[str]:
    """Why approving needs an override: findings that must be fixed, assets that may not go
    out (rights ended, consent missing)."""
    reasons = list(post.blocking_rules)
    day = timezone.localdate(post.scheduled_at) if post.scheduled_at else None
    reasons += [w.message for w in asset_warnings(post.assets.all(), on=day) if w.blocking]
    return reasons


@transaction.atomic
def post_approve(*, actor: User, post: Post, override_reason: str = "") -> Post:
    """Approve the channel copies the actor may approve. A post with findings that must be
    fixed (or assets that may not go out) needs `override_reason` (audited as
    `post.override`). When every copy is approved the post is approved, and scheduled when its
    time is still ahead."""
    _lock(post)
    _check_writer(actor)
    if post.status in {PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.PUBLISHED}:
        raise ApplicationError(
            _("This post is already approved: nothing was done."),
            code="already_approved",
            status_code=409,
        )
    if post.status != PostStatus.IN_REVIEW:
        raise ApplicationError(_("Only a post in review can be approved."), code="not_in_review")
    mine = post_targets_user_may_approve(user=actor, post=post)
    if not mine:
        if post.targets.filter(approved_by=actor, approved_at__isnull=False).exists():
            raise ApplicationError(
                _("You have already approved this post: nothing was done."),
                code="already_approved",
                status_code=409,
            )
        raise PermissionDeniedError(_("You cannot approve this post."), code="not_approver")
    blocking = needs_override(post)
    if blocking and not post.override_reason:
        reason = override_reason.strip()
        if len(reason) < MIN_OVERRIDE_REASON:
            raise ApplicationError(
                _(
                    "The post has findings that must be fixed. Approving it anyway needs a "
                    "reason (at least %(n)d characters)."
                )
                % {"n": MIN_OVERRIDE_REASON},
                code="override_required",
                details={"blocking": blocking},
            )
        post.override_reason = at_most(reason, 2000, field="override_reason")
        post.override_by = actor
        post.override_at = timezone.now()
        post.save(update_fields=["override_reason", "override_by", "override_at"])
        audit_record(
            actor=actor,
            action="post.override",
            target=post,
            data={"rules": list(post.blocking_rules), "reason": post.override_reason},
        )
        record_event(post, actor, "override", note=post.override_reason)
    now = timezone.now()
    for target in mine:
        target.approved_by = actor
        target.approved_at = now
        target.save(update_fields=["approved_by", "approved_at"])
        record_event(post, actor, "approved_channel", channel=target.channel)
    audit_record(
        actor=actor,
        action="post.channels_approved",
        target=post,
        data={"channels": [t.channel_id for t in mine]},
    )
    if PostTarget.objects.filter(post=post, approved_at__isnull=True).exists():
        return post
    transition(post, PostStatus.APPROVED, actor=actor)
    if post.author_id != actor.pk:
        title = post.title
        notify([post.author], post, lambda: _("Your post was approved: %s") % title)
    if post.scheduled_at and post.scheduled_at > now:
        transition(post, PostStatus.SCHEDULED, actor=actor, at=post.scheduled_at.isoformat())
    return post


@transaction.atomic
def post_return(*, actor: User, post: Post, comment: str) -> Post:
    """A reviewer sends the post back to its author with a comment (or the author recalls it)."""
    _lock(post)
    _check_writer(actor)
    if post.status != PostStatus.IN_REVIEW:
        raise ApplicationError(_("Only a post in review can be returned."), code="not_in_review")
    is_reviewer = bool(post_targets_user_may_approve(user=actor, post=post))
    if not is_reviewer and post.author_id != actor.pk:
        raise PermissionDeniedError(_("You cannot return this post."))
    if comment.strip():
        post_comment(actor=actor, post=post, text=comment)
    post.targets.update(approved_by=None, approved_at=None)
    transition(post, PostStatus.DRAFT, actor=actor, note=comment.strip()[:500])
    if post.author_id != actor.pk:
        title = post.title
        notify([post.author], post, lambda: _("Your post was returned for changes: %s") % title)
    return post


@transaction.atomic
def post_comment(*, actor: User, post: Post, text: str) -> PostComment:
    """A comment on a post, for its author and reviewers (notified, not the commenter)."""
    _check_writer(actor)
    text = trimmed(text)
    if not text:
        raise ApplicationError(_("Write the comment."), code="comment_required")
    if len(text) > MAX_COMMENT:
        raise ApplicationError(
            _("A comment may have at most %(n)d characters.") % {"n": MAX_COMMENT},
            code="comment_too_long",
        )
    refuse_typed_control_characters(text)
    comment = PostComment.objects.create(post=post, author=actor, text=text)
    audit_record(actor=actor, action="post.commented", target=post, data={"comment": comment.pk})
    others = {post.author_id} | set(post.comments.values_list("author_id", flat=True))
    others |= {t.approved_by_id for t in post.targets.all() if t.approved_by_id}
    others.discard(actor.pk)
    title = post.title
    notify(
        User.objects.filter(pk__in=others),
        post,
        lambda: _("New comment on the post %s") % title,
    )
    return comment


@transaction.atomic
def post_schedule(*, actor: User, post: Post, at: datetime, version: int | None = None) -> Post:
    """Set or move the publishing time (the calendar's drag and its form). An approved post
    becomes scheduled; a scheduled one keeps its approval. Refused: a time in the past, a post
    already out, a stale `version` (EditConflictError)."""
    _lock(post)
    _check_writer(actor)
    if not post_can_edit(user=actor, post=post):
        raise PermissionDeniedError(_("You cannot move this post."))
    if timezone.is_naive(at):
        raise ApplicationError(_("Give the time with its time zone."), code="naive_time")
    if at < timezone.now() - PAST_GRACE:
        raise ApplicationError(
            _("The publishing time is in the past. Choose a time from now on."),
            code="time_in_past",
        )
    _check_schedule_time(at)
    query = Post.objects.filter(pk=post.pk)
    if version is not None:
        query = query.filter(version=version)
    if not query.update(version=F("version") + 1, scheduled_at=at, last_edited_by=actor):
        raise EditConflictError(
            _("Someone changed this post meanwhile. Reload the page and try again.")
        )
    before = post.scheduled_at
    post.refresh_from_db()
    audit_record(
        actor=actor,
        action="post.rescheduled",
        target=post,
        data={"from": before.isoformat() if before else None, "to": at.isoformat()},
    )
    record_event(post, actor, "rescheduled", note=_local(at))
    if post.status in (PostStatus.APPROVED, PostStatus.FAILED):
        post.targets.filter(delivery__in=[Delivery.FAILED, Delivery.RETRY]).update(
            delivery=Delivery.PENDING, next_attempt_at=None
        )
        transition(post, PostStatus.SCHEDULED, actor=actor, at=at.isoformat())
    return post


@transaction.atomic
def post_unschedule(*, actor: User, post: Post) -> Post:
    """Hold a scheduled post: it stays approved without a time."""
    _lock(post)
    _check_writer(actor)
    if not post_can_edit(user=actor, post=post) or post.status != PostStatus.SCHEDULED:
        raise ApplicationError(_("Only a scheduled post can be held."), code="not_scheduled")
    post.scheduled_at = None
    post.save(update_fields=["scheduled_at", "updated_at"])
    return transition(post, PostStatus.APPROVED, actor=actor)


@transaction.atomic
def post_retry(*, actor: User, post: Post) -> Post:
    """Try a failed post again now: its failed channels start over (published ones stay)."""
    _lock(post)
    _check_writer(actor)
    if post.status != PostStatus.FAILED:
        raise ApplicationError(_("Only a failed post can be tried again."), code="not_failed")
    if not post_can_edit(user=actor, post=post) and post.author_id != actor.pk:
        raise PermissionDeniedError(_("You cannot publish this post."))
    post.targets.filter(delivery__in=[Delivery.FAILED, Delivery.RETRY]).update(
        delivery=Delivery.PENDING, attempts=0, next_attempt_at=None, last_error="",
        last_error_code="",
    )  # fmt: skip
    post.scheduled_at = timezone.now()
    post.save(update_fields=["scheduled_at", "updated_at"])
    return transition(post, PostStatus.SCHEDULED, actor=actor, retry=True)


@transaction.atomic
def post_withdraw(*, actor: User, post: Post, reason: str) -> Post:
    """Withdraw a post: before publishing it is simply cancelled; once out, each channel copy a
    connector published is deleted on its platform by a task, and copies published by hand are
    left for a person to remove there. The record is kept."""
    _lock(post)
    _check_writer(actor)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Say why the post is withdrawn."), code="reason_required")
    if len(reason) > MAX_COMMENT:
        raise ApplicationError(
            _("A reason may have at most %(n)d characters.") % {"n": MAX_COMMENT},
            code="reason_too_long",
        )
    refuse_typed_control_characters(reason)
    may = (
        post.author_id == actor.pk
        or publishable_channels(user=actor)
        .filter(pk__in=[t.channel_id for t in post.targets.all()])
        .exists()
    )
    if not may:
        raise PermissionDeniedError(_("You cannot withdraw this post."))
    from someluotsi.publishing.tasks import publishing_delete_target

    post.withdraw_reason = at_most(reason, 2000, field="reason")
    post.withdrawn_at = timezone.now()
    post.save(update_fields=["withdraw_reason", "withdrawn_at", "updated_at"])
    transition(post, PostStatus.WITHDRAWN, actor=actor, note=post.withdraw_reason)
    for target in post.targets.all():
        if target.delivery == Delivery.PUBLISHED and target.platform_post_id:
            target.delivery = Delivery.DELETING
            target.save(update_fields=["delivery"])
            transaction.on_commit(
                lambda pk=target.pk: publishing_delete_target.delay(pk)  # type: ignore[misc]
            )
        elif target.delivery != Delivery.PUBLISHED:
            target.delivery = Delivery.WITHDRAWN
            target.save(update_fields=["delivery"])
    return post


@transaction.atomic
def post_correct(*, actor: User, post: Post, corrected_text: str, note: str) -> PostCorrection:
    """Correct a published post (§9.3): the original is kept, the corrected text ends with a
    visible correction note, and the post shows both. The platforms' own copies are edited by
    hand until the connectors can edit posts."""
    _lock(post)
    _check_writer(actor)
    if post.status != PostStatus.PUBLISHED:
        raise ApplicationError(_("Only a published post can be corrected."), code="not_published")
    may = (
        post.author_id == actor.pk
        or publishable_channels(user=actor)
        .filter(pk__in=[t.channel_id for t in post.targets.all()])
        .exists()
    )
    if not may:
        raise PermissionDeniedError(_("You cannot correct this post."))
    corrected_text, note = corrected_text.strip(), note.strip()
    if not note:
        raise ApplicationError(
            _("Write the correction note readers will see (what was corrected)."),
            code="note_required",
        )
    if not corrected_text:
        raise ApplicationError(_("Write the corrected text."), code="text_required")
    at_most(corrected_text, MAX_TEXT, field="corrected_text")
    at_most(note, 500, field="note")
    correction = PostCorrection.objects.create(
        post=post,
        original_text=post.text,
        corrected_text=corrected_text,
        note=note,
        corrected_by=actor,
    )
    post.text = corrected_text
    post.save(update_fields=["text", "updated_at"])
    audit_record(
        actor=actor, action="post.corrected", target=post, data={"correction": correction.pk}
    )
    record_event(post, actor, "corrected", note=correction.note)
    return correction


def correction_marked_text(correction: PostCorrection) -> str:
    """The corrected text with its visible note, as readers see it on the platform."""
    when = formats.date_format(timezone.localtime(correction.created_at), "SHORT_DATE_FORMAT")
    note = _("Corrected %(day)s: %(note)s") % {"day": when, "note": correction.note}
    return f"{correction.corrected_text}\n\n{note}"


@transaction.atomic
def target_record_by_hand(
    *, actor: User, target: PostTarget, permalink: str, published_at: datetime | None = None
) -> PostTarget:
    """Record a channel copy published by hand on its platform (no connection): its address and
    time. It counts in the channel's activity and metrics like one a connector published."""
    _lock(target.post)
    from someluotsi.publishing.delivery import target_published

    _check_writer(actor)
    post = target.post
    if not publishable_channels(user=actor).filter(pk=target.channel_id).exists():
        raise PermissionDeniedError(_("You may not publish to this channel."))
    if post.status not in (PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.FAILED):
        raise ApplicationError(
            _("Only an approved post can be recorded as published."), code="not_approved"
        )
    if target.delivery == Delivery.PUBLISHED:
        raise ApplicationError(_("This channel's copy is already published."), code="published")
    link = _clean_url(permalink, _("The address of the published post"))
    if not link:
        raise ApplicationError(
            _("Give the address of the published post."), code="permalink_required"
        )
    at = published_at or timezone.now()
    if at > timezone.now() + PAST_GRACE:
        raise ApplicationError(_("A post cannot be published in the future."), code="future")
    target.published_by_hand = True
    target_published(target, platform_post_id="", permalink=link, at=at, actor=actor)
    return target
