"""Paid marketing (§14.3, §14.4): the unit's director decides, the campaign is registered with
that decision, and the mavi team is told at once. Totals per unit and year for the budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.models import Unit, User
from someluotsi.audit.services import audit_record
from someluotsi.channels.enums import ChannelStatus
from someluotsi.channels.models import Channel, PaidCampaign
from someluotsi.channels.selectors import channel_can_edit, city_wide_people
from someluotsi.core.conflicts import claim_version
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.money import euros
from someluotsi.notifications.services import notification_send_worded

MAX_BUDGET = Decimal("10000000")
MAX_DAYS = 366 * 2


@dataclass(frozen=True, kw_only=True)
class CampaignDraft:
    channel: Channel
    purpose: str
    target_group: str
    budget_eur: Any
    starts_on: date
    ends_on: date
    decided_by_name: str
    decided_at: datetime
    decision_reference: str = ""


def _budget(value: Any) -> Decimal:
    try:
        budget = Decimal(str(value).replace(",", ".").replace(" ", "")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ApplicationError(_("The budget must be a sum in euros."), code="bad_budget") from exc
    if not budget.is_finite() or not Decimal(0) < budget <= MAX_BUDGET:
        raise ApplicationError(
            _("The budget must be more than 0 and at most %(max)s.") % {"max": euros(MAX_BUDGET)},
            code="bad_budget",
        )
    return budget


def _texts(draft: CampaignDraft) -> dict[str, str]:
    texts = {
        "purpose": (draft.purpose.strip(), 500),
        "target_group": (draft.target_group.strip(), 500),
        "decided_by_name": (draft.decided_by_name.strip(), 200),
        "decision_reference": (draft.decision_reference.strip(), 100),
    }
    for field, (text, limit) in texts.items():
        if len(text) > limit:
            raise ApplicationError(
                _("This text can be at most %(max)s characters.") % {"max": limit},
                code=f"{field}_too_long",
            )
        if not text and field != "decision_reference":
            raise ApplicationError(
                _("Fill in the purpose, the target group and the director's name."),
                code=f"{field}_required",
            )
    return {field: text for field, (text, _limit) in texts.items()}


def _checked(actor: User, draft: CampaignDraft) -> dict[str, Any]:
    """The draft's fields as stored, or ApplicationError (PermissionDeniedError) saying why
    not: the same rules for registering and editing."""
    channel = draft.channel
    if not channel_can_edit(user=actor, channel=channel):
        raise PermissionDeniedError(
            _("Campaigns are registered by the channel's maintainers, managers or the mavi team.")
        )
    if channel.status == ChannelStatus.ARCHIVED:
        raise ApplicationError(_("The channel is archived."), code="channel_archived")
    texts = _texts(draft)
    budget = _budget(draft.budget_eur)
    if draft.ends_on < draft.starts_on:
        raise ApplicationError(_("The campaign must end on or after its start."), code="dates")
    if (draft.ends_on - draft.starts_on).days > MAX_DAYS:
        raise ApplicationError(_("A campaign can run at most two years."), code="dates")
    decided_at = draft.decided_at
    if timezone.is_naive(decided_at):
        decided_at = timezone.make_aware(decided_at)
    if decided_at > timezone.now() + timedelta(minutes=5):
        raise ApplicationError(_("The decision cannot be in the future."), code="future_decision")
    if timezone.localtime(decided_at).date() > draft.starts_on:
        raise ApplicationError(
            _("The director decides before the campaign starts (§14.4)."), code="late_decision"
        )
    return {
        "channel": channel,
        "unit": channel.unit,
        "budget_eur": budget,
        "starts_on": draft.starts_on,
        "ends_on": draft.ends_on,
        "decided_at": decided_at,
        **texts,
    }


def _tell_the_mavi_team(campaign: PaidCampaign, subject: Callable[[], str]) -> bool:
    """Notify the mavi team of a campaign (§14.4): each in their own language."""
    return bool(
        notification_send_worded(
            recipients=city_wide_people(),
            subject=subject,
            body=lambda: (
                _("%(unit)s, %(start)s–%(end)s. Decided by %(director)s. Purpose: %(purpose)s")
                % {
                    "unit": campaign.unit.localized_name(),
                    "start": formats.date_format(campaign.starts_on, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(campaign.ends_on, "SHORT_DATE_FORMAT"),
                    "director": campaign.decided_by_name,
                    "purpose": campaign.purpose,
                }
            ),
            url=reverse("channels:campaign", args=[campaign.pk]),
        )
    )


@transaction.atomic
def campaign_register(*, actor: User, draft: CampaignDraft) -> PaidCampaign:
    """Register a campaign the unit's director has decided; the mavi team is notified."""
    fields = _checked(actor, draft)
    campaign = PaidCampaign.objects.create(registered_by=actor, **fields)
    channel = campaign.channel
    audit_record(
        actor=actor,
        action="campaign.registered",
        target=campaign,
        data={
            "channel": channel.pk,
            "unit": channel.unit.code,
            "budget_eur": str(campaign.budget_eur),
        },
    )
    sent = _tell_the_mavi_team(
        campaign,
        lambda: (
            _("Paid campaign on %(channel)s: %(budget)s")
            % {"channel": channel.name, "budget": euros(campaign.budget_eur)}
        ),
    )
    if sent:
        campaign.mavi_notified_at = timezone.now()
        campaign.save(update_fields=["mavi_notified_at"])
    return campaign


@transaction.atomic
def campaign_update(
    *, actor: User, campaign: PaidCampaign, draft: CampaignDraft, version: int | None = None
) -> PaidCampaign:
    """Change a registered campaign (the same rules as registering it, on the campaign's
    channel and the one it moves to); a cancelled one cannot change. Audited with the changed
    fields; the mavi team is told of the change.

    `version` is the campaign's version the edit form started from (the form always sends it;
    None only for callers that hold the row themselves): when someone saved in between, the
    save is refused with core.conflicts.EditConflictError (409) and nothing is written."""
    if version is not None:
        claim_version(PaidCampaign.objects.all(), campaign.pk, version)
    campaign = PaidCampaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
    if not channel_can_edit(user=actor, channel=campaign.channel):
        raise PermissionDeniedError(_("You cannot change this campaign."))
    if campaign.cancelled_at is not None:
        raise ApplicationError(_("The campaign was cancelled."), code="cancelled", status_code=409)
    fields = _checked(actor, draft)
    changed = {name: value for name, value in fields.items() if getattr(campaign, name) != value}
    if not changed:
        return campaign
    for name, value in changed.items():
        setattr(campaign, name, value)
    campaign.version = F("version") + 1
    campaign.last_edited_by = actor
    campaign.save()
    campaign.refresh_from_db(fields=["version"])
    audit_record(
        actor=actor,
        action="campaign.updated",
        target=campaign,
        data={"fields": sorted(changed), "budget_eur": str(campaign.budget_eur)},
    )
    channel = campaign.channel
    _tell_the_mavi_team(
        campaign,
        lambda: (
            _("Paid campaign changed on %(channel)s: %(budget)s")
            % {"channel": channel.name, "budget": euros(campaign.budget_eur)}
        ),
    )
    return campaign


@transaction.atomic
def campaign_cancel(*, actor: User, campaign: PaidCampaign, reason: str) -> PaidCampaign:
    """Cancel a campaign with a reason (kept in the register, left out of the totals); the mavi
    team is told. Refused: someone who may not edit the channel, no reason, cancelled twice."""
    campaign = PaidCampaign.objects.select_for_update().get(pk=campaign.pk)
    if not channel_can_edit(user=actor, channel=campaign.channel):
        raise PermissionDeniedError(_("You cannot change this campaign."))
    if campaign.cancelled_at is not None:
        raise ApplicationError(
            _("The campaign was already cancelled."), code="cancelled", status_code=409
        )
    reason = reason.strip()
    if not reason or len(reason) > 500:
        raise ApplicationError(
            _("Say in at most 500 characters why the campaign is cancelled."), code="reason"
        )
    campaign.cancelled_at = timezone.now()
    campaign.cancelled_by = actor
    campaign.cancel_reason = reason
    campaign.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    audit_record(actor=actor, action="campaign.cancelled", target=campaign, data={})
    channel = campaign.channel
    _tell_the_mavi_team(
        campaign,
        lambda: _("Paid campaign cancelled on %(channel)s") % {"channel": channel.name},
    )
    return campaign


@dataclass(frozen=True)
class CampaignTotal:
    unit_id: int
    unit_name: str
    year: int
    campaigns: int
    budget_eur: Decimal


def campaign_totals(*, campaigns: QuerySet[PaidCampaign]) -> list[CampaignTotal]:
    """Count and budget per unit and the year a campaign starts in; cancelled ones left out."""
    rows = (
        campaigns.filter(cancelled_at__isnull=True)
        .annotate(year=ExtractYear("starts_on"))
        .values("unit_id", "year")
        .annotate(campaigns=Count("id"), budget=Sum("budget_eur"))
        .order_by("-year", "unit_id")
    )
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in={r["unit_id"] for r in rows})}
    return [
        CampaignTotal(
            unit_id=row["unit_id"],
            unit_name=units[row["unit_id"]].localized_name(),
            year=row["year"],
            campaigns=row["campaigns"],
            budget_eur=row["budget"] or Decimal(0),
        )
        for row in rows
    ]
