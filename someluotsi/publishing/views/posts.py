"""A post's page: its channels and their delivery, the check, the history and comments, and the
actions its state allows (send for review, approve, return, schedule, hold, try again, record a
copy published by hand, correct, withdraw)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_is_read_only
from someluotsi.core.access import area_required
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import posted_id, show_refusal
from someluotsi.publishing import services
from someluotsi.publishing.composing import asset_warnings
from someluotsi.publishing.enums import Delivery, PostStatus
from someluotsi.publishing.forms import (
    ApproveForm,
    ByHandForm,
    CommentForm,
    CorrectionForm,
    ReasonForm,
    ScheduleForm,
)
from someluotsi.publishing.models import Post
from someluotsi.publishing.selectors import (
    post_can_edit,
    post_get_for_user,
    post_targets_user_may_approve,
    publishable_channels,
    share_counts,
    user_sees_share_counts,
)
from someluotsi.publishing.transitions import post_url
from someluotsi.publishing.views.compose import _analysis_for


def _post(user: User, post_id: int) -> Post:
    post = post_get_for_user(user=user, post_id=post_id)
    if post is None:
        raise Http404
    return post


@require_safe
@area_required(Area.PUBLISHING)
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    user = cast(User, request.user)
    post = _post(user, post_id)
    writer = not user_is_read_only(user=user)
    mine = set(publishable_channels(user=user).values_list("pk", flat=True)) if writer else set()
    targets = list(post.targets.all())
    day = None
    if post.scheduled_at:
        from django.utils import timezone

        day = timezone.localdate(post.scheduled_at)
    context: dict[str, Any] = {
        "post": post,
        "targets": targets,
        "analysis": _analysis_for(post),
        "warnings": asset_warnings(post.assets.all(), on=day),
        "can_edit": post_can_edit(user=user, post=post),
        "approvable": post_targets_user_may_approve(user=user, post=post)
        if post.status == PostStatus.IN_REVIEW
        else [],
        "needs_override": bool(services.needs_override(post)),
        "problems": services.submission_problems(post) if post.status == PostStatus.DRAFT else [],
        "by_hand_targets": [
            t
            for t in targets
            if t.channel_id in mine
            and t.delivery in (Delivery.BY_HAND, Delivery.PENDING, Delivery.FAILED)
            and post.status in (PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.FAILED)
        ],
        "may_act": writer
        and (post.author_id == user.pk or bool(mine & {t.channel_id for t in targets})),
        "events": post.events.select_related("actor", "channel"),
        "comments": post.comments.select_related("author"),
        "corrections": post.corrections.select_related("corrected_by"),
        "shares": share_counts(posts=[post])[post.pk]
        if user_sees_share_counts(user=user)
        else None,
        "schedule_form": ScheduleForm(
            initial={"version": post.version, "scheduled_at": post.scheduled_at}
        ),
        "approve_form": ApproveForm(),
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
        "correction_form": CorrectionForm(initial={"corrected_text": post.text}),
        "by_hand_form": ByHandForm(),
        "writer": writer,
        "PostStatus": PostStatus,
    }
    return render(request, "publishing/post.html", context)


@require_POST
@area_required(Area.PUBLISHING)
def post_action(request: HttpRequest, post_id: int) -> HttpResponse:
    """One action on a post; the outcome is a message on the post's page (or JSON for the
    calendar's drag and drop)."""
    user = cast(User, request.user)
    post = _post(user, post_id)
    action = request.POST.get("action", "")
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        done = _act(request, user, post, action)
    except ApplicationError as exc:
        if wants_json:
            return JsonResponse(
                {"ok": False, "message": exc.message, "code": exc.code},
                status=exc.status_code,
            )
        show_refusal(request, exc)
    else:
        if wants_json:
            return JsonResponse({"ok": True, "message": done})
        if done:
            flash.success(request, done)
    return HttpResponseRedirect(post_url(post))


def _act(request: HttpRequest, user: User, post: Post, action: str) -> str:
    data = request.POST
    if action == "submit":
        services.post_submit(actor=user, post=post)
        post.refresh_from_db()
        if post.status in (PostStatus.APPROVED, PostStatus.SCHEDULED):
            return _("No approval was needed: the post is approved.")
        return _("The post was sent for review.")
    if action == "approve":
        approve_form = ApproveForm(data)
        approve_form.is_valid()
        services.post_approve(
            actor=user,
            post=post,
            override_reason=approve_form.cleaned_data.get("override_reason", ""),
        )
        return _("Approved.")
    if action == "return":
        services.post_return(actor=user, post=post, comment=data.get("comment", ""))
        return _("The post went back to draft.")
    if action == "comment":
        services.post_comment(actor=user, post=post, text=data.get("comment", ""))
        return _("The comment was added.")
    if action in ("schedule", "move"):
        form = ScheduleForm(data)
        if not form.is_valid():
            raise ApplicationError(
                _("Give the new time as a date and a time."), code="invalid_time"
            )
        version = form.cleaned_data.get("version")
        services.post_schedule(
            actor=user, post=post, at=form.cleaned_data["scheduled_at"], version=version
        )
        return _("The publishing time was changed.")
    if action == "unschedule":
        services.post_unschedule(actor=user, post=post)
        return _("The post is held; it goes out when it gets a time again.")
    if action == "retry":
        services.post_retry(actor=user, post=post)
        return _("The post will be tried again within a minute.")
    if action == "withdraw":
        services.post_withdraw(actor=user, post=post, reason=data.get("reason", ""))
        return _("The post was withdrawn.")
    if action == "correct":
        services.post_correct(
            actor=user,
            post=post,
            corrected_text=data.get("corrected_text", ""),
            note=data.get("note", ""),
        )
        return _("The correction was saved. Edit the copies on the platforms as shown.")
    if action == "by_hand":
        hand_form = ByHandForm(data)
        if not hand_form.is_valid():
            raise ApplicationError(_("Give the address of the published post."), code="invalid")
        target = get_object_or_404(post.targets.all(), pk=posted_id(data.get("target")))
        services.target_record_by_hand(
            actor=user,
            target=target,
            permalink=hand_form.cleaned_data["permalink"],
            published_at=hand_form.cleaned_data.get("published_at"),
        )
        return _("The published post was recorded.")
    raise ApplicationError(_("Unknown action."), code="unknown_action")
