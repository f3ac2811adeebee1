"""Audit actions of publishing: posts and their channels, assets, campaigns, clearances and
calendar feeds (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from someluotsi.audit.registry import (
    AuditAction,
    Field,
    PersonRef,
    TargetKind,
    Text,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.channels.models import Channel
from someluotsi.publishing.models import Asset, Campaign, ClearanceRequest, Post

GROUP = gettext_lazy("Publishing")


def _channel(data: Mapping[str, Any]) -> dict[str, Field]:
    pk = data.get("channel")
    channel = Channel.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    return {
        "channel": channel.name_with_platform if channel else "–",
        "code": str(data.get("code") or "–"),
    }


register_target(
    TargetKind(
        model="publishing.post",
        label=gettext_lazy("Post"),
        describe=describe_objects(
            Post.objects.only("id", "title").all, lambda post: {"post": f"{post.pk} ({post.title})"}
        ),
        fallback_field="post",
    )
)
register_target(
    TargetKind(
        model="publishing.asset",
        label=gettext_lazy("Image or video"),
        describe=describe_objects(Asset.objects.all, lambda item: {"asset": str(item)}),
        fallback_field="asset",
    )
)
register_target(
    TargetKind(
        model="publishing.campaign",
        label=gettext_lazy("Content campaign"),
        describe=describe_objects(Campaign.objects.all, lambda item: {"campaign": item.name}),
        fallback_field="campaign",
    )
)
register_target(
    TargetKind(
        model="publishing.clearancerequest",
        label=gettext_lazy("Clearance request"),
        describe=describe_objects(
            ClearanceRequest.objects.all, lambda item: {"matter": f"{item.pk} ({item.matter})"}
        ),
        fallback_field="matter",
    )
)


def _post(code: str, label: Text, sentence: Text, **extra: Any) -> AuditAction:
    return AuditAction(code=code, group=GROUP, label=label, sentence=sentence, **extra)


register_actions(
    _post(
        "post.created", gettext_lazy("Post created"), gettext_lazy("%(actor)s wrote post %(post)s.")
    ),
    _post(
        "post.edited", gettext_lazy("Post edited"), gettext_lazy("%(actor)s edited post %(post)s.")
    ),
    _post(
        "post.draft",
        gettext_lazy("Post back to draft"),
        gettext_lazy("%(actor)s returned post %(post)s to draft."),
    ),
    _post(
        "post.in_review",
        gettext_lazy("Post sent for approval"),
        gettext_lazy("%(actor)s sent post %(post)s for approval."),
    ),
    _post(
        "post.approved",
        gettext_lazy("Post approved"),
        gettext_lazy("%(actor)s approved post %(post)s."),
    ),
    _post(
        "post.channels_approved",
        gettext_lazy("Post approved for channels"),
        gettext_lazy("%(actor)s approved post %(post)s for the channels they answer for."),
    ),
    _post(
        "post.scheduled",
        gettext_lazy("Post scheduled"),
        gettext_lazy("%(actor)s scheduled post %(post)s."),
    ),
    _post(
        "post.rescheduled",
        gettext_lazy("Post rescheduled"),
        gettext_lazy("%(actor)s moved post %(post)s to another time."),
    ),
    _post(
        "post.published",
        gettext_lazy("Post published"),
        gettext_lazy("%(actor)s: post %(post)s was published on all its channels."),
    ),
    _post(
        "post.failed",
        gettext_lazy("Post not published"),
        gettext_lazy("%(actor)s: post %(post)s could not be published."),
    ),
    _post(
        "post.withdrawn",
        gettext_lazy("Post withdrawn"),
        gettext_lazy("%(actor)s withdrew post %(post)s."),
    ),
    _post(
        "post.override",
        gettext_lazy("Post checker overridden"),
        gettext_lazy("%(actor)s let post %(post)s go ahead although the post checker stopped it."),
    ),
    _post(
        "post.commented",
        gettext_lazy("Post commented"),
        gettext_lazy("%(actor)s commented on post %(post)s."),
    ),
    _post(
        "post.corrected",
        gettext_lazy("Post corrected"),
        gettext_lazy("%(actor)s recorded a correction to post %(post)s."),
    ),
    _post(
        "post.shared",
        gettext_lazy("Post shared by an ambassador"),
        gettext_lazy("%(actor)s shared post %(post)s on %(platform)s."),
        details=lambda data: {"platform": str(data.get("platform") or "–")},
    ),
    _post(
        "post.by_hand",
        gettext_lazy("Post to publish by hand"),
        gettext_lazy("%(actor)s: post %(post)s is to be published by hand on %(channel)s."),
        details=_channel,
    ),
    _post(
        "post.channel_published",
        gettext_lazy("Post published on a channel"),
        gettext_lazy("%(actor)s: post %(post)s was published on %(channel)s."),
        details=_channel,
    ),
    _post(
        "post.channel_failed",
        gettext_lazy("Post failed on a channel"),
        gettext_lazy("%(actor)s: post %(post)s could not be published on %(channel)s (%(code)s)."),
        details=_channel,
    ),
    _post(
        "post.channel_deleted",
        gettext_lazy("Post deleted from a channel"),
        gettext_lazy("%(actor)s deleted post %(post)s from %(channel)s."),
        details=_channel,
    ),
    _post(
        "asset.added",
        gettext_lazy("Image or video added"),
        gettext_lazy("%(actor)s added %(asset)s to the image bank."),
    ),
    _post(
        "asset.edited",
        gettext_lazy("Image or video edited"),
        gettext_lazy("%(actor)s edited the details of %(asset)s."),
    ),
    _post(
        "asset.archived",
        gettext_lazy("Image or video archived"),
        gettext_lazy("%(actor)s archived %(asset)s."),
    ),
    _post(
        "campaign.saved",
        gettext_lazy("Content campaign saved"),
        gettext_lazy("%(actor)s saved the content campaign %(campaign)s."),
    ),
    _post(
        "channel.publishing_policy_set",
        gettext_lazy("Publishing rules of a channel set"),
        gettext_lazy("%(actor)s set the publishing rules of %(channel)s."),
    ),
    _post(
        "clearance.requested",
        gettext_lazy("Clearance asked"),
        gettext_lazy("%(actor)s asked %(preparer)s whether matter %(matter)s may be shared."),
        details=lambda data: {"preparer": PersonRef(data.get("preparer"))},
        subjects=lambda data: [("accounts.user", data.get("preparer"))],
    ),
    _post(
        "clearance.cleared",
        gettext_lazy("Clearance given"),
        gettext_lazy("%(actor)s answered that matter %(matter)s may be shared."),
    ),
    _post(
        "clearance.refused",
        gettext_lazy("Clearance refused"),
        gettext_lazy("%(actor)s answered that matter %(matter)s may not be shared yet."),
    ),
    _post(
        "clearance.cancelled",
        gettext_lazy("Clearance request cancelled"),
        gettext_lazy("%(actor)s cancelled the clearance request %(matter)s."),
    ),
    _post(
        "calendar.feed_created",
        gettext_lazy("Calendar feed created"),
        gettext_lazy("%(actor)s made a private calendar feed of the publishing calendar."),
    ),
    _post(
        "calendar.feed_revoked",
        gettext_lazy("Calendar feed revoked"),
        gettext_lazy("%(actor)s revoked their calendar feed."),
    ),
)
