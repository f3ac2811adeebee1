"""Publishing settings kept by people: each channel's approval policy and content campaigns."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_is_read_only, user_managed_units
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_can_staff, user_is_city_wide
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.lengths import at_most
from someluotsi.publishing.enums import ApprovalPolicy
from someluotsi.publishing.models import Campaign, ChannelPolicy


@transaction.atomic
def channel_policy_save(
    *, actor: User, channel: Channel, approval: str, bilingual: bool
) -> ChannelPolicy:
    """Who approves the channel's posts and whether they need a Swedish version: set by the
    unit's managers and the mavi team (those who staff the channel)."""
    if not channel_can_staff(user=actor, channel=channel):
        raise PermissionDeniedError(_("You cannot change how this channel publishes."))
    if approval not in ApprovalPolicy.values:
        raise ApplicationError(_("Choose who approves the posts."), code="invalid_approval")
    policy, _created = ChannelPolicy.objects.update_or_create(
        channel=channel,
        defaults={"approval": approval, "bilingual": bilingual, "updated_by": actor},
    )
    audit_record(
        actor=actor,
        action="channel.publishing_policy_set",
        target=channel,
        data={"approval": approval, "bilingual": bilingual},
    )
    return policy


def campaign_can_edit(*, user: User, campaign: Campaign) -> bool:
    """Whether `user` may change an existing campaign: the mavi team any; a unit manager those
    whose unit they manage (never one without a unit: the city's)."""
    if user_is_city_wide(user=user):
        return True
    if user_is_read_only(user=user) or campaign.unit_id is None:
        return False
    return user_managed_units(user=user).filter(pk=campaign.unit_id).exists()


@transaction.atomic
def campaign_save(
    *,
    actor: User,
    name: str,
    hashtags: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    campaign: Campaign | None = None,
) -> Campaign:
    """Create or edit a content campaign (the mavi team and unit managers). A unit manager
    edits only the campaigns of the units they manage; the city's own (the mavi team's, or one
    without a unit) only the mavi team. Raises PermissionDeniedError otherwise."""
    if not (user_is_city_wide(user=actor) or user_managed_units(user=actor).exists()):
        raise PermissionDeniedError(_("You cannot manage campaigns."))
    if campaign is not None and not campaign_can_edit(user=actor, campaign=campaign):
        raise PermissionDeniedError(_("You can edit only your own units' campaigns."))
    name = name.strip()
    if not name or len(name) > 200:
        raise ApplicationError(_("Give the campaign a name."), code="name_required")
    tags = [tag if tag.startswith("#") else f"#{tag}" for tag in hashtags.split()]
    if starts_on and ends_on and ends_on < starts_on:
        raise ApplicationError(_("The campaign ends before it starts."), code="dates")
    same_name = Campaign.objects.filter(name__iexact=name)
    if campaign is not None:
        same_name = same_name.exclude(pk=campaign.pk)
    if same_name.exists():
        raise ApplicationError(_("A campaign with that name exists."), code="duplicate")
    item = campaign or Campaign()
    item.name = name
    item.hashtags = at_most(" ".join(tags), 300, field="hashtags")
    item.starts_on, item.ends_on = starts_on, ends_on
    item.unit = item.unit or actor.unit
    item.save()
    audit_record(actor=actor, action="campaign.saved", target=item)
    return item
