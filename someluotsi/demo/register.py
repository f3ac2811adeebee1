"""The demo register: channel plans, a second maintainer where the city has one, absences, a
pending and a rejected new-channel request, and paid campaigns. Idempotent: each record is
matched on its natural key, and requests and campaigns go through the services once."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from someluotsi.accounts.models import Unit, User
from someluotsi.channels.campaigns import CampaignDraft, campaign_register
from someluotsi.channels.enums import DecisionOutcome, DecisionRole
from someluotsi.channels.models import (
    PLAN_FIELDS,
    Channel,
    ChannelMaintainer,
    ChannelRequest,
    MaintainerAbsence,
    PaidCampaign,
)
from someluotsi.channels.requests import RequestDraft, request_decide, request_submit

REGISTER_FILE = Path(__file__).parent / "data" / "demo_register.toml"


def _plan(row: dict[str, Any]) -> dict[str, Any]:
    plan = {key: row[key] for key in PLAN_FIELDS if key in row}
    if "hours_per_week" in plan:
        plan["hours_per_week"] = Decimal(str(plan["hours_per_week"]))
    return plan


@transaction.atomic
def demo_register_load(users: dict[str, User]) -> None:
    data = tomllib.loads(REGISTER_FILE.read_text(encoding="utf-8"))
    today = timezone.localdate()
    for row in data["plan"]:
        channel = Channel.objects.get(platform=row["platform"], name=row["name"])
        for field, value in _plan(row).items():
            setattr(channel, field, value)
        channel.brand_conformity = row["brand"]
        channel.save()
        for username in row.get("maintainers", []):
            ChannelMaintainer.objects.get_or_create(
                channel=channel,
                user=users[username],
                defaults={"answer_order": channel.maintainerships.count() + 1},
            )
    for row in data["absence"]:
        MaintainerAbsence.objects.get_or_create(
            user=users[row["user"]],
            note=row["note"],
            defaults={
                "starts_on": today + timedelta(days=row["from_day"]),
                "ends_on": today + timedelta(days=row["until_day"]),
                "cover": users.get(row.get("cover", "")),
            },
        )
    for row in data["request"]:
        if ChannelRequest.objects.filter(platform=row["platform"], name=row["name"]).exists():
            continue
        item = request_submit(
            actor=users[row["requested_by"]],
            draft=RequestDraft(
                unit=Unit.objects.get(code=row["unit"]),
                platform=row["platform"],
                name=row["name"],
                handle=row.get("handle", ""),
                maintainers=[users[name] for name in row["maintainers"]],
                why_not_existing=row["why_not_existing"],
                plan=_plan(row),
            ),
        )
        if row.get("rejected_by"):
            request_decide(
                actor=users[row["rejected_by"]],
                channel_request=item,
                outcome=DecisionOutcome.REJECT,
                role=DecisionRole.COMMS_MANAGER,
                reason=row["reason"],
            )
    now = timezone.now()
    for row in data["campaign"]:
        channel = Channel.objects.get(platform=row["platform"], name=row["channel"])
        if PaidCampaign.objects.filter(channel=channel, purpose=row["purpose"]).exists():
            continue
        campaign_register(
            actor=users[row["registered_by"]],
            draft=CampaignDraft(
                channel=channel,
                purpose=row["purpose"],
                target_group=row["target_group"],
                budget_eur=row["budget_eur"],
                starts_on=today + timedelta(days=row["start_day"]),
                ends_on=today + timedelta(days=row["end_day"]),
                decided_by_name=row["decided_by_name"],
                decided_at=now + timedelta(days=row["decided_day"]),
                decision_reference=row.get("decision_reference", ""),
            ),
        )
