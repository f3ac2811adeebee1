"""The post's state machine: submission, approvals per channel policy, overrides, returns,
edits after approval, concurrency, bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from someluotsi.audit.models import AuditEvent
from someluotsi.core.conflicts import EditConflictError
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.notifications.models import Notification
from someluotsi.publishing import services
from someluotsi.publishing.enums import ApprovalPolicy, PostStatus
from someluotsi.publishing.models import Post
from someluotsi.publishing.policies import channel_policy_save
from someluotsi.publishing.transitions import transition
from tests.publishing.conftest import World, draft_input

BLOCKING = "Uimahalli avataan. Lisätiedot: Matti Meikäläinen, hetu 131052-308T"


def test_city_post_goes_to_the_mavi_team_who_approves_and_it_is_scheduled(
    world: World,
    make_post: Callable[..., Post],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    post = make_post()
    assert post.targets.get().approval == ApprovalPolicy.MAVI
    with django_capture_on_commit_callbacks(execute=True):
        services.post_submit(actor=world.updater, post=post)
    assert post.status == PostStatus.IN_REVIEW
    notified = Notification.objects.filter(recipient=world.mavi).get()
    assert "Uimahalli aukeaa" in notified.subject
    assert "godkännande" in notified.subject  # worded in the recipient's Swedish
    with pytest.raises(PermissionDeniedError):
        services.post_approve(actor=world.updater, post=post)  # four eyes: not the author
    with pytest.raises(PermissionDeniedError):
        services.post_approve(actor=world.manager, post=post)  # not a unit-manager channel
    services.post_approve(actor=world.mavi, post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    actions = list(
        AuditEvent.objects.filter(target_id=str(post.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["post.channels_approved", "post.approved", "post.scheduled"]
    assert [e.to_status for e in post.events.filter(action="transition")] == [
        "in_review",
        "approved",
        "scheduled",
    ]


def test_unit_channel_without_approval_is_approved_on_submission(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post(channels=[world.unit_channel], text_sv="")
    services.post_submit(actor=world.updater, post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    assert post.targets.get().approved_by == world.updater


def test_unit_manager_policy_needs_the_units_manager(
    world: World, make_post: Callable[..., Post]
) -> None:
    channel_policy_save(
        actor=world.mavi, channel=world.unit_channel, approval="unit_manager", bilingual=False
    )
    post = make_post(channels=[world.unit_channel])
    services.post_submit(actor=world.updater, post=post)
    assert post.status == PostStatus.IN_REVIEW
    services.post_approve(actor=world.manager, post=post)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED


def test_blocking_finding_needs_an_override_with_a_reason_which_is_audited(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post(text=BLOCKING)
    assert "privacy-001" in post.blocking_rules
    services.post_submit(actor=world.updater, post=post)
    with pytest.raises(ApplicationError) as refused:
        services.post_approve(actor=world.mavi, post=post, override_reason="ok")
    assert refused.value.code == "override_required"
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW
    services.post_approve(
        actor=world.mavi, post=post, override_reason="Henkilö on antanut luvan kirjallisesti."
    )
    post.refresh_from_db()
    assert post.override_by == world.mavi
    event = AuditEvent.objects.get(action="post.override", target_id=str(post.pk))
    assert event.data["rules"] == ["privacy-001"]


def test_bilingual_channel_needs_swedish_or_a_reason(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post(text_sv="")
    with pytest.raises(ApplicationError) as refused:
        services.post_submit(actor=world.updater, post=post)
    assert refused.value.code == "not_ready"
    assert post.status == PostStatus.DRAFT
    services.post_update(
        actor=world.updater,
        post=post,
        version=post.version,
        data=draft_input([world.city], text_sv="", no_swedish_reason="Tapahtuma on vain suomeksi."),
    )
    services.post_submit(actor=world.updater, post=post)
    assert post.status == PostStatus.IN_REVIEW


def test_reviewer_returns_with_a_comment_and_the_author_is_told(
    world: World,
    make_post: Callable[..., Post],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    post = make_post()
    services.post_submit(actor=world.updater, post=post)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_return(actor=world.mavi, post=post, comment="Lisää kuva, kiitos.")
    assert post.status == PostStatus.DRAFT
    assert post.comments.get().text == "Lisää kuva, kiitos."
    assert Notification.objects.filter(recipient=world.updater).exists()


def test_editing_an_approved_post_sends_it_back_to_draft(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    services.post_submit(actor=world.updater, post=post)
    services.post_approve(actor=world.mavi, post=post)
    post.refresh_from_db()
    services.post_update(
        actor=world.updater,
        post=post,
        version=post.version,
        data=draft_input([world.city], text="Uimahalli avataan tiistaina. #KokkolaKarleby"),
    )
    post.refresh_from_db()
    assert post.status == PostStatus.DRAFT
    assert post.targets.get().approved_at is None


def test_second_save_from_the_same_version_is_refused_and_the_first_kept(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    opened = post.version
    first = Post.objects.get(pk=post.pk)
    second = Post.objects.get(pk=post.pk)
    services.post_update(
        actor=world.updater, post=first, version=opened, data=draft_input([world.city], title="A")
    )
    with pytest.raises(EditConflictError) as refused:
        services.post_update(
            actor=world.mavi, post=second, version=opened, data=draft_input([world.city], title="B")
        )
    assert refused.value.status_code == 409
    assert str(world.updater) in refused.value.message
    assert Post.objects.get(pk=post.pk).title == "A"


def test_channel_the_user_may_not_publish_to_is_refused(world: World) -> None:
    with pytest.raises(PermissionDeniedError):
        services.post_create(actor=world.updater, data=draft_input([world.other_channel]))
    assert not Post.objects.exists()


@pytest.mark.parametrize("days", [2 * 365 + 1, 365 * 50])
def test_a_time_too_far_ahead_is_refused(
    world: World, make_post: Callable[..., Post], days: int
) -> None:
    far = timezone.now() + timedelta(days=days)
    with pytest.raises(ApplicationError) as refused:
        services.post_create(actor=world.updater, data=draft_input([world.city], scheduled_at=far))
    assert refused.value.code == "time_too_far"
    post = make_post()
    with pytest.raises(ApplicationError) as moved:
        services.post_schedule(actor=world.updater, post=post, at=far)
    assert moved.value.code == "time_too_far"
    assert Post.objects.get(pk=post.pk).scheduled_at != far
    ahead = timezone.now() + timedelta(days=2 * 365 - 1)
    assert services.post_schedule(actor=world.updater, post=post, at=ahead).scheduled_at == ahead


@pytest.mark.parametrize("minutes", [-5, -60 * 24 * 400])
def test_time_in_the_past_is_refused(
    world: World, make_post: Callable[..., Post], minutes: int
) -> None:
    past = timezone.now() + timedelta(minutes=minutes)
    with pytest.raises(ApplicationError) as refused:
        services.post_create(actor=world.updater, data=draft_input([world.city], scheduled_at=past))
    assert refused.value.code == "time_in_past"
    post = make_post()
    with pytest.raises(ApplicationError):
        services.post_schedule(actor=world.updater, post=post, at=past)


def test_transition_table_refuses_a_jump(world: World, make_post: Callable[..., Post]) -> None:
    post = make_post()
    with pytest.raises(ApplicationError) as refused:
        services.post_approve(actor=world.mavi, post=post)
    assert refused.value.code == "not_in_review"
    with pytest.raises(ApplicationError):
        transition(post, PostStatus.PUBLISHED, actor=world.mavi)
    assert Post.objects.get(pk=post.pk).status == PostStatus.DRAFT


def test_withdrawing_a_draft_keeps_the_record(world: World, make_post: Callable[..., Post]) -> None:
    post = make_post()
    with pytest.raises(ApplicationError):
        services.post_withdraw(actor=world.updater, post=post, reason=" ")
    services.post_withdraw(actor=world.updater, post=post, reason="Tapahtuma peruttiin.")
    post.refresh_from_db()
    assert post.status == PostStatus.WITHDRAWN
    assert post.withdraw_reason == "Tapahtuma peruttiin."


TYPED_CONTROLS = ["\x1b[2J", "\x01", "\x7f", "\u202e", "\u2067", "\x85"]


@pytest.mark.parametrize("mark", TYPED_CONTROLS)
def test_a_review_comment_with_a_control_character_is_refused_and_nothing_stored(
    world: World, make_post: Callable[..., Post], mark: str
) -> None:
    post = make_post()
    with pytest.raises(ApplicationError) as refused:
        services.post_comment(actor=world.updater, post=post, text=f"Katso {mark}tämä")
    assert refused.value.code == "control_characters"
    assert not post.comments.exists()
    kept = services.post_comment(actor=world.updater, post=post, text="Rivi 1\nRivi 2\tsarkain")
    assert kept.text == "Rivi 1\nRivi 2\tsarkain"


def test_a_review_comment_over_the_limit_is_refused_not_cut(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    with pytest.raises(ApplicationError) as refused:
        services.post_comment(actor=world.updater, post=post, text="a" * 300_000)
    assert refused.value.code == "comment_too_long"
    assert not post.comments.exists()


@pytest.mark.parametrize("field", ["first_comment", "text", "share_text"])
@pytest.mark.parametrize("mark", ["\x1b[31m", "\u202e", "\x7f"])
def test_the_composers_typed_texts_refuse_control_characters(
    world: World, field: str, mark: str
) -> None:
    """The first comment goes to the platform as typed: a control character is refused."""
    text = f"Tervetuloa {mark}uimahalliin"
    with pytest.raises(ApplicationError) as refused:
        services.post_create(actor=world.updater, data=draft_input([world.city], **{field: text}))
    assert refused.value.code == "control_characters"
    assert not Post.objects.exists()
