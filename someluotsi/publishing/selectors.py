"""Reads for publishing, with the access checks: which channels a person may publish to, which
posts they may see, edit and approve, the library and the hub.

Posts are seen by their author, by everyone who sees one of their channels (channels.selectors),
and by the mavi team, its manager and auditors; the hub's posts by everyone in the hub area.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from someluotsi.accounts.access import Area
from someluotsi.accounts.enums import Role
from someluotsi.accounts.selectors import (
    AnyUser,
    user_can_access_area,
    user_has_role,
    user_is_read_only,
)
from someluotsi.channels.enums import ChannelKind, ChannelStatus
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import (
    channel_list_editable,
    channel_list_for_user,
    user_manages_unit,
    user_sees_all_channels,
)
from someluotsi.publishing.enums import ApprovalPolicy, ClearanceStatus, PostStatus
from someluotsi.publishing.models import (
    Asset,
    Campaign,
    ChannelPolicy,
    ClearanceRequest,
    Post,
    PostTarget,
    ShareRecord,
)

# Posts can be edited only before they go out; a published post is corrected instead (§9.3).
EDITABLE_STATUSES = frozenset(
    {
        PostStatus.DRAFT,
        PostStatus.IN_REVIEW,
        PostStatus.APPROVED,
        PostStatus.SCHEDULED,
        PostStatus.FAILED,
    }
)
APPROVER_ROLES = frozenset({Role.MAVI, Role.COMMS_MANAGER})


@dataclass(frozen=True)
class Policy:
    approval: ApprovalPolicy
    bilingual: bool


def channel_policy(channel: Channel) -> Policy:
    """The channel's publishing policy; without a stored one, city-level channels are approved
    by the mavi team and bilingual (Kokkola / Karleby), other channels need no approval."""
    stored: ChannelPolicy | None = getattr(channel, "publishing_policy", None)
    if stored is not None:
        return Policy(ApprovalPolicy(stored.approval), stored.bilingual)
    if channel.kind == ChannelKind.CITY:
        return Policy(ApprovalPolicy.MAVI, True)
    return Policy(ApprovalPolicy.NONE, False)


def publishable_channels(*, user: AnyUser) -> QuerySet[Channel]:
    """Active channels `user` may publish to: those they maintain, their units' as a manager,
    every one for the mavi team."""
    if not user_can_access_area(user=user, area=Area.PUBLISHING):
        return Channel.objects.none()
    return (
        channel_list_editable(user=user)
        .filter(status=ChannelStatus.ACTIVE)
        .select_related("unit", "publishing_policy")
        .order_by("platform", "name")
    )


def _targets() -> Prefetch[str]:
    return Prefetch(
        "targets",
        queryset=PostTarget.objects.select_related("channel", "approved_by").order_by(
            "channel__platform", "channel__name"
        ),
    )


def post_list_for_user(*, user: AnyUser) -> QuerySet[Post]:
    if user.pk is None or not user_can_access_area(user=user, area=Area.PUBLISHING):
        return Post.objects.none()
    posts = Post.objects.select_related("author", "campaign", "unit").prefetch_related(_targets())
    if user_sees_all_channels(user=user):
        return posts
    seen = channel_list_for_user(user=user).values("pk")
    visible = PostTarget.objects.filter(channel__in=seen).values("post")
    return posts.filter(Q(author_id=user.pk) | Q(pk__in=visible))


def post_get_for_user(*, user: AnyUser, post_id: int) -> Post | None:
    return post_list_for_user(user=user).filter(pk=post_id).first()


def post_can_edit(*, user: AnyUser, post: Post) -> bool:
    """The author and whoever may publish to one of the post's channels, before it goes out."""
    if not user.is_authenticated or user_is_read_only(user=user):
        return False
    if post.status not in EDITABLE_STATUSES:
        return False
    if any(t.published_at for t in post.targets.all()):
        return False
    if post.author_id == user.pk:
        return True
    channel_ids = [t.channel_id for t in post.targets.all()]
    return publishable_channels(user=user).filter(pk__in=channel_ids).exists()


def target_can_approve(*, user: AnyUser, target: PostTarget, author_id: int) -> bool:
    """Who approves one channel's copy: with no approval policy anyone who publishes there
    (the author too), else the unit's managers or the mavi team, never the author (four eyes)."""
    if not user.is_authenticated or user_is_read_only(user=user):
        return False
    channel = target.channel
    mavi = user.is_superuser or user_has_role(user=user, roles=APPROVER_ROLES)
    if target.approval == ApprovalPolicy.NONE:
        return mavi or publishable_channels(user=user).filter(pk=channel.pk).exists()
    if user.pk == author_id:
        return False
    if target.approval == ApprovalPolicy.MAVI:
        return mavi
    return mavi or user_manages_unit(user=user, unit=channel.unit)


def post_targets_user_may_approve(*, user: AnyUser, post: Post) -> list[PostTarget]:
    return [
        target
        for target in post.targets.all()
        if target.approved_at is None
        and target_can_approve(user=user, target=target, author_id=post.author_id)
    ]


def posts_waiting_for(*, user: AnyUser) -> list[Post]:
    """Posts in review with a channel copy that `user` may still approve."""
    waiting = post_list_for_user(user=user).filter(status=PostStatus.IN_REVIEW)
    return [post for post in waiting if post_targets_user_may_approve(user=user, post=post)]


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.filter(active=True).order_by("name")


def asset_list_for_user(*, user: AnyUser) -> QuerySet[Asset]:
    """The city's shared library: everyone in the publishing area sees it."""
    if not user_can_access_area(user=user, area=Area.PUBLISHING):
        return Asset.objects.none()
    return Asset.objects.filter(archived=False).select_related("uploaded_by", "unit")


def asset_can_edit(*, user: AnyUser, asset: Asset) -> bool:
    if not user.is_authenticated or user_is_read_only(user=user):
        return False
    if asset.uploaded_by_id == user.pk or user.is_superuser:
        return True
    if user_has_role(user=user, roles=APPROVER_ROLES):
        return True
    return asset.unit is not None and user_manages_unit(user=user, unit=asset.unit)


def hub_posts(*, user: AnyUser) -> QuerySet[Post]:
    """Published posts the city asks its people to share."""
    if not user_can_access_area(user=user, area=Area.HUB):
        return Post.objects.none()
    return (
        Post.objects.filter(shareable=True, status=PostStatus.PUBLISHED)
        .prefetch_related(_targets(), "assets")
        .order_by("-published_at", "-id")
    )


def share_counts(*, posts: list[Post]) -> dict[int, dict[str, int]]:
    """Per post: shares in all, people who shared, and per platform."""
    counts: dict[int, dict[str, int]] = {post.pk: {"total": 0, "people": 0} for post in posts}
    rows = (
        ShareRecord.objects.filter(post__in=[p.pk for p in posts])
        .values("post", "platform")
        .annotate(n=Count("id"), people=Count("user", distinct=True))
    )
    for row in rows:
        entry = counts[row["post"]]
        entry[row["platform"]] = row["n"]
        entry["total"] += row["n"]
    people = (
        ShareRecord.objects.filter(post__in=[p.pk for p in posts])
        .values("post")
        .annotate(people=Count("user", distinct=True))
    )
    for row in people:
        counts[row["post"]]["people"] = row["people"]
    return counts


def user_sees_share_counts(*, user: AnyUser) -> bool:
    return bool(user.is_superuser or user_has_role(user=user, roles=APPROVER_ROLES))


def clearance_list_for_user(*, user: AnyUser) -> QuerySet[ClearanceRequest]:
    """Requests a person made or must answer."""
    if user.pk is None:
        return ClearanceRequest.objects.none()
    return ClearanceRequest.objects.filter(
        Q(requester_id=user.pk) | Q(preparer_id=user.pk)
    ).select_related("requester", "preparer")


def clearances_to_answer(*, user: AnyUser) -> QuerySet[ClearanceRequest]:
    return clearance_list_for_user(user=user).filter(
        preparer_id=user.pk, status=ClearanceStatus.PENDING
    )
