"""The post's one state machine: the table of allowed moves, the helper every move goes through
(audit event and visible history in the caller's transaction) and notifications after commit.

Services (`services.py`) and delivery (`delivery.py`) both move posts through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import AnyUser
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.core.errors import ApplicationError
from someluotsi.notifications.services import notification_send_worded
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.models import Post, PostEvent

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    PostStatus.DRAFT: frozenset({PostStatus.IN_REVIEW, PostStatus.WITHDRAWN}),
    PostStatus.IN_REVIEW: frozenset({PostStatus.DRAFT, PostStatus.APPROVED, PostStatus.WITHDRAWN}),
    PostStatus.APPROVED: frozenset({PostStatus.SCHEDULED, PostStatus.DRAFT, PostStatus.WITHDRAWN}),
    PostStatus.SCHEDULED: frozenset(
        {
            PostStatus.PUBLISHED,
            PostStatus.FAILED,
            PostStatus.APPROVED,
            PostStatus.DRAFT,
            PostStatus.WITHDRAWN,
        }
    ),
    PostStatus.FAILED: frozenset(
        {PostStatus.SCHEDULED, PostStatus.PUBLISHED, PostStatus.DRAFT, PostStatus.WITHDRAWN}
    ),
    PostStatus.PUBLISHED: frozenset({PostStatus.WITHDRAWN}),
    PostStatus.WITHDRAWN: frozenset(),
}


def post_url(post: Post) -> str:
    return reverse("publishing:post", args=[post.pk])


def record_event(
    post: Post,
    actor: AnyUser | None,
    action: str,
    *,
    note: str = "",
    channel: Channel | None = None,
    from_status: str = "",
    to_status: str = "",
) -> None:
    PostEvent.objects.create(
        post=post,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        channel=channel,
        note=note,
    )


def transition(
    post: Post, to: PostStatus, *, actor: AnyUser | None, note: str = "", **data: object
) -> Post:
    """Move the post along ALLOWED_TRANSITIONS, saving only what changed, with its audit event
    and history row. Raises ApplicationError for a move the table does not allow."""
    before = post.status
    if to not in ALLOWED_TRANSITIONS[before]:
        raise ApplicationError(
            _("A post that is %(state)s cannot become %(new)s.")
            % {
                "state": PostStatus(before).label.lower(),
                "new": PostStatus(to).label.lower(),
            },
            code="invalid_transition",
        )
    post.status = to
    post.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action={
            PostStatus.DRAFT: "post.back_to_draft",
            PostStatus.IN_REVIEW: "post.submitted",
            PostStatus.APPROVED: "post.approved",
            PostStatus.SCHEDULED: "post.scheduled",
            PostStatus.PUBLISHED: "post.published",
            PostStatus.FAILED: "post.failed",
            PostStatus.WITHDRAWN: "post.withdrawn",
        }[to],
        target=post,
        data={"from": before, "to": str(to), **data},
    )
    record_event(post, actor, "transition", from_status=before, to_status=to, note=note)
    return post


def notify(recipients: Iterable[User], post: Post, subject: Callable[[], str]) -> None:
    """Notify after commit, each in their language (the post's title is in the subject)."""
    people = [user for user in recipients if user.is_active]
    url = post_url(post)
    transaction.on_commit(
        lambda: notification_send_worded(recipients=people, subject=subject, url=url)
    )
