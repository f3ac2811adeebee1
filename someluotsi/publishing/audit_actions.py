"""Audit actions of publishing (see `someluotsi.audit.registry`): posts and their state machine,
deliveries, corrections, the asset library, the hub, clearance requests, calendar feeds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from someluotsi.audit.registry import (
    AuditAction,
    Field,
    TargetKind,
    Text,
    describe_objects,
    register_actions,
    register_target,
)
from someluotsi.channels.models import Channel
from someluotsi.publishing.enums import ApprovalPolicy, SharePlatform
from someluotsi.publishing.models import Asset, Campaign, ClearanceRequest, Post

GROUP = gettext_lazy("Publishing")

register_target(
    TargetKind(
        model="publishing.post",
        label=gettext_lazy("Post"),
        describe=describe_objects(
            lambda: Post.objects.only("id", "title"),
            lambda post: {"post": f"{post.pk} ({post.title})"},
        ),
        fallback_field="post",
    )
)
register_target(
    TargetKind(
        model="publishing.asset",
        label=gettext_lazy("Image or video"),
        describe=describe_objects(
            lambda: Asset.objects.only("id", "title"),
            lambda asset: {"asset": asset.title},
        ),
        fallback_field="asset",
    )
)
register_target(
    TargetKind(
        model="publishing.clearancerequest",
        label=gettext_lazy("Clearance request"),
        describe=describe_objects(
            lambda: ClearanceRequest.objects.only("id", "matter"),
            lambda item: {"matter": item.matter},
        ),
        fallback_field="matter",
    )
)
register_target(
    TargetKind(
        model="publishing.campaign",
        label=gettext_lazy("Campaign"),
        describe=describe_objects(
            lambda: Campaign.objects.only("id", "name"),
            lambda item: {"campaign_name": item.name},
        ),
        fallback_field="campaign_name",
    )
)


def _channel(data: Mapping[str, Any]) -> dict[str, Field]:
    channel = Channel.objects.filter(pk=data.get("channel") or 0).first()
    return {"on": channel.name if channel else "–"}


def _approval(data: Mapping[str, Any]) -> dict[str, Field]:
    try:
        label = str(ApprovalPolicy(str(data.get("approval", ""))).label)
    except ValueError:
        label = "–"
    return {"approval": label}


def _platform(data: Mapping[str, Any]) -> dict[str, Field]:
    try:
        return {"platform": str(SharePlatform(str(data.get("platform", ""))).label)}
    except ValueError:
        return {"platform": "–"}


def _post(code: str, label: Text, sentence: Text, **extra: Any) -> AuditAction:
    return AuditAction(code=code, group=GROUP, label=label, sentence=sentence, **extra)


register_actions(
    _post(
        "post.created",
        gettext_lazy("Post drafted"),
        gettext_lazy("%(actor)s drafted post %(post)s."),
    ),
    _post(
        "post.edited",
        gettext_lazy("Post edited"),
        gettext_lazy("%(actor)s edited post %(post)s."),
    ),
    _post(
        "post.back_to_draft",
        gettext_lazy("Post back to draft"),
        gettext_lazy("%(actor)s returned post %(post)s to draft."),
    ),
    _post(
        "post.submitted",
        gettext_lazy("Post sent for review"),
        gettext_lazy("%(actor)s sent post %(post)s for review."),
    ),
    _post(
        "post.channels_approved",
        gettext_lazy("Post approved for channels"),
        gettext_lazy("%(actor)s approved post %(post)s for their channels."),
    ),
    _post(
        "post.override",
        gettext_lazy("Post approved despite findings"),
        gettext_lazy("%(actor)s approved post %(post)s despite findings that must be fixed."),
    ),
    _post(
        "post.approved",
        gettext_lazy("Post approved"),
        gettext_lazy("%(actor)s completed the approval of post %(post)s."),
    ),
    _post(
        "post.scheduled",
        gettext_lazy("Post scheduled"),
        gettext_lazy("%(actor)s scheduled post %(post)s."),
    ),
    _post(
        "post.rescheduled",
        gettext_lazy("Post moved"),
        gettext_lazy("%(actor)s moved post %(post)s to another time."),
    ),
    _post(
        "post.by_hand",
        gettext_lazy("Post handed over to publish by hand"),
        gettext_lazy("%(actor)s asked for post %(post)s to be published by hand on %(on)s."),
        details=_channel,
    ),
    _post(
        "post.channel_published",
        gettext_lazy("Post published on a channel"),
        gettext_lazy("%(actor)s recorded post %(post)s as published on %(on)s."),
        details=_channel,
    ),
    _post(
        "post.channel_failed",
        gettext_lazy("Publishing failed on a channel"),
        gettext_lazy("%(actor)s recorded that publishing post %(post)s failed on %(on)s."),
        details=_channel,
    ),
    _post(
        "post.published",
        gettext_lazy("Post published"),
        gettext_lazy("%(actor)s recorded post %(post)s as published on all its channels."),
    ),
    _post(
        "post.failed",
        gettext_lazy("Post failed"),
        gettext_lazy("%(actor)s recorded post %(post)s as failed."),
    ),
    _post(
        "post.withdrawn",
        gettext_lazy("Post withdrawn"),
        gettext_lazy("%(actor)s withdrew post %(post)s."),
    ),
    _post(
        "post.channel_deleted",
        gettext_lazy("Post deleted on a platform"),
        gettext_lazy("%(actor)s deleted post %(post)s on %(on)s."),
        details=_channel,
    ),
    _post(
        "post.corrected",
        gettext_lazy("Post corrected"),
        gettext_lazy("%(actor)s corrected post %(post)s with a visible correction note."),
    ),
    _post(
        "post.commented",
        gettext_lazy("Post commented"),
        gettext_lazy("%(actor)s commented on post %(post)s."),
    ),
    _post(
        "post.shared",
        gettext_lazy("Post shared from the hub"),
        gettext_lazy("%(actor)s shared post %(post)s on %(platform)s."),
        details=_platform,
    ),
    _post(
        "asset.added",
        gettext_lazy("Image or video added"),
        gettext_lazy("%(actor)s added %(asset)s to the asset library."),
    ),
    _post(
        "asset.edited",
        gettext_lazy("Image or video edited"),
        gettext_lazy("%(actor)s edited the details of %(asset)s."),
    ),
    _post(
        "asset.file_viewed",
        gettext_lazy("Image or video opened"),
        gettext_lazy("%(actor)s opened the file of %(asset)s, which may show people."),
        personal_data=True,
    ),
    _post(
        "asset.archived",
        gettext_lazy("Image or video taken out"),
        gettext_lazy("%(actor)s took %(asset)s out of the asset library."),
    ),
    _post(
        "clearance.requested",
        gettext_lazy("Clearance requested"),
        gettext_lazy("%(actor)s asked for clearance to share material of %(matter)s."),
    ),
    _post(
        "clearance.cleared",
        gettext_lazy("Clearance given"),
        gettext_lazy("%(actor)s cleared material of %(matter)s for sharing."),
    ),
    _post(
        "clearance.refused",
        gettext_lazy("Clearance refused"),
        gettext_lazy("%(actor)s answered that material of %(matter)s may not be shared yet."),
    ),
    _post(
        "clearance.cancelled",
        gettext_lazy("Clearance request cancelled"),
        gettext_lazy("%(actor)s cancelled the clearance request on %(matter)s."),
    ),
    _post(
        "calendar.feed_created",
        gettext_lazy("Calendar feed address created"),
        gettext_lazy("%(actor)s created a calendar feed address."),
    ),
    _post(
        "calendar.feed_revoked",
        gettext_lazy("Calendar feed address revoked"),
        gettext_lazy("%(actor)s revoked their calendar feed address."),
    ),
    _post(
        "channel.publishing_policy_set",
        gettext_lazy("Channel approval policy set"),
        gettext_lazy("%(actor)s set who approves the posts of %(channel)s: %(approval)s."),
        details=_approval,
    ),
    _post(
        "campaign.saved",
        gettext_lazy("Content campaign saved"),
        gettext_lazy("%(actor)s saved the content campaign %(campaign_name)s."),
    ),
)
