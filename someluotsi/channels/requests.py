"""New accounts by decision (§11.1): a unit asks, weighing the shared profiles that already
exist (§11.2, §14.1); the unit's management and the marketing and communications manager decide,
in either order, two different people; one rejection ends the request, two approvals create
the channel. Every step is audited and notified."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import Unit, User
from someluotsi.accounts.selectors import user_has_role, user_is_read_only
from someluotsi.audit.services import audit_record
from someluotsi.channels.enums import (
    ChannelKind,
    DecisionOutcome,
    DecisionRole,
    MaintainerRole,
    Platform,
    RequestStatus,
)
from someluotsi.channels.models import (
    PLAN_FIELDS,
    Channel,
    ChannelDecision,
    ChannelMaintainer,
    ChannelRequest,
)
from someluotsi.channels.plan import plan_clean, plan_missing
from someluotsi.channels.selectors import (
    CANNOT_MAINTAIN,
    city_wide_people,
    deciders_for,
    decision_roles_of,
    existing_shared_channels,
    user_can_maintain,
    user_is_city_wide,
    user_manages_unit,
)
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.notifications.services import notification_send_worded

MIN_REASON = 10


@dataclass(frozen=True, kw_only=True)
class RequestDraft:
    """What the requester fills in; the plan keys are those of `ChannelPlan`."""

    unit: Unit
    platform: str
    name: str
    kind: str = ChannelKind.UNIT
    handle: str = ""
    maintainer_role: str = MaintainerRole.ORGANISATION
    maintainers: list[User] = field(default_factory=list)
    why_not_existing: str = ""
    plan: dict[str, Any] = field(default_factory=dict)


def _check(draft: RequestDraft, actor: User) -> dict[str, Any]:
    if not (
        user_is_city_wide(user=actor)
        or actor.unit_id == draft.unit.pk
        or user_manages_unit(user=actor, unit=draft.unit)
    ):
        raise PermissionDeniedError(_("You can ask for a channel for your own unit."))
    if draft.platform not in Platform.values:
        raise ApplicationError(_("Choose a platform."), code="bad_platform")
    if draft.kind not in ChannelKind.values:
        raise ApplicationError(_("Choose the kind of channel."), code="bad_kind")
    if draft.maintainer_role not in MaintainerRole.values:
        raise ApplicationError(_("Choose the role the maintainers act in."), code="bad_role")
    name = draft.name.strip()
    if not name or len(name) > 200 or len(draft.handle) > 200:
        raise ApplicationError(_("Give the channel a name of 1–200 characters."), code="name")
    if Channel.objects.filter(platform=draft.platform, name__iexact=name).exists() or (
        ChannelRequest.objects.filter(
            platform=draft.platform, name__iexact=name, status=RequestStatus.PENDING
        ).exists()
    ):
        raise ApplicationError(
            _("A channel or a pending request with this name already exists on this platform."),
            code="channel_exists",
        )
    plan = plan_clean(draft.plan)
    missing = plan_missing(plan)
    if missing:
        raise ApplicationError(
            _(
                "Say what the channel is for, whom it reaches, in which languages and how many "
                "hours a week it takes (§12.1, §13)."
            ),
            code="plan_incomplete",
            details={"missing": missing},
        )
    if not draft.maintainers:
        raise ApplicationError(
            _("Name at least one maintainer; two are recommended (§12.2)."), code="no_maintainers"
        )
    if any(not user.is_active for user in draft.maintainers):
        raise ApplicationError(_("A maintainer's account is not active."), code="inactive_user")
    if not all(user_can_maintain(user=user) for user in draft.maintainers):
        raise ApplicationError(_(CANNOT_MAINTAIN), code="cannot_maintain")
    if len(draft.why_not_existing) > 2000:
        raise ApplicationError(_("At most 2000 characters."), code="why_too_long")
    return {"name": name, "plan": plan}


@transaction.atomic
def request_submit(*, actor: User, draft: RequestDraft) -> ChannelRequest:
    """File a request. When shared profiles already serve the platform or the audience, the
    requester must say why they don't (§11.2, §14.1)."""
    if user_is_read_only(user=actor):
        raise PermissionDeniedError(_("Your role can only read."))
    checked = _check(draft, actor)
    same_platform, same_audience = existing_shared_channels(
        platform=draft.platform, target_groups=checked["plan"].get("target_groups", [])
    )
    existing = same_platform + same_audience
    why = draft.why_not_existing.strip()
    if existing and len(why) < MIN_REASON:
        raise ApplicationError(
            _("Shared profiles already exist. Say why they do not serve this need (§11.2)."),
            code="why_not_existing_required",
            details={"existing": [channel.pk for channel in existing]},
        )
    item = ChannelRequest.objects.create(
        unit=draft.unit,
        requested_by=actor,
        platform=draft.platform,
        name=checked["name"],
        handle=draft.handle.strip(),
        kind=draft.kind,
        maintainer_role=draft.maintainer_role,
        why_not_existing=why,
        **checked["plan"],
    )
    item.proposed_maintainers.set(draft.maintainers)
    item.existing_shown.set(existing)
    audit_record(
        actor=actor,
        action="channel_request.submitted",
        target=item,
        data={
            "unit": draft.unit.code,
            "platform": draft.platform,
            "existing_shown": [channel.pk for channel in existing],
        },
    )
    url = reverse("channels:request", args=[item.pk])
    notification_send_worded(
        recipients=[user for user in deciders_for(unit=draft.unit) if user.pk != actor.pk],
        subject=lambda: _("A new channel to decide: %(name)s") % {"name": item.name},
        body=lambda: (
            _(
                "%(unit)s asks for a new account. Under §11.1 the unit's management and the "
                "marketing and communications manager decide it together."
            )
            % {"unit": draft.unit.localized_name()}
        ),
        url=url,
    )
    return item


def _locked(channel_request: ChannelRequest) -> ChannelRequest:
    return (
        ChannelRequest.objects.select_for_update().select_related("unit").get(pk=channel_request.pk)
    )


def _open_or_refuse(item: ChannelRequest) -> None:
    if item.status != RequestStatus.PENDING:
        raise ApplicationError(
            _("This request is already %(status)s.") % {"status": item.get_status_display()},
            code="request_closed",
            status_code=409,
        )


@transaction.atomic
def request_decide(
    *,
    actor: User,
    channel_request: ChannelRequest,
    outcome: str,
    role: str | None = None,
    reason: str = "",
) -> ChannelDecision:
    """One of the two decisions of §11.1.

    Refused: a closed request, a role the actor does not hold, a role already decided, a
    second decision by the same person, a rejection without a reason."""
    item = _locked(channel_request)
    _open_or_refuse(item)
    if outcome not in DecisionOutcome.values:
        raise ApplicationError(_("Approve or reject."), code="bad_outcome")
    decisions = list(item.decisions.all())
    if any(decision.decided_by_id == actor.pk for decision in decisions):
        raise ApplicationError(
            _("You have already decided this request; the other decision is someone else's."),
            code="same_person",
            status_code=409,
        )
    held = decision_roles_of(user=actor, channel_request=item)
    if not held:
        raise PermissionDeniedError(
            _(
                "Only the unit's management and the marketing and communications manager decide "
                "new accounts (§11.1)."
            )
        )
    open_roles = held - {DecisionRole(decision.role) for decision in decisions}
    if role is not None:
        if role not in DecisionRole.values or DecisionRole(role) not in held:
            raise PermissionDeniedError(_("You do not hold that role for this request."))
        if DecisionRole(role) not in open_roles:
            raise ApplicationError(
                _("That decision has already been made."), code="role_decided", status_code=409
            )
        chosen = DecisionRole(role)
    elif len(open_roles) == 1:
        chosen = next(iter(open_roles))
    elif not open_roles:
        raise ApplicationError(
            _("That decision has already been made."), code="role_decided", status_code=409
        )
    else:
        raise ApplicationError(
            _("You hold both roles; say in which one you decide."), code="choose_role"
        )
    reason = reason.strip()
    if outcome == DecisionOutcome.REJECT and len(reason) < MIN_REASON:
        raise ApplicationError(_("A rejection needs a reason."), code="reason_required")
    if len(reason) > 2000:
        raise ApplicationError(_("At most 2000 characters."), code="reason_too_long")
    decision = ChannelDecision.objects.create(
        request=item, role=chosen, outcome=outcome, reason=reason, decided_by=actor
    )
    audit_record(
        actor=actor,
        action="channel_request.decided",
        target=item,
        data={"role": chosen.value, "outcome": outcome, "decision": decision.pk},
    )
    if outcome == DecisionOutcome.REJECT:
        _close(item, RequestStatus.REJECTED)
        _notify_closed(item, actor, reason)
    elif len(decisions) + 1 == len(DecisionRole):
        _create_channel(item, actor)
        _notify_closed(item, actor, reason)
    else:
        _notify_first_approval(item, actor, chosen)
    return decision


def _close(item: ChannelRequest, status: RequestStatus) -> None:
    item.status = status
    item.closed_at = timezone.now()
    item.save(update_fields=["status", "closed_at", "channel", "updated_at"])


def _create_channel(item: ChannelRequest, actor: User) -> Channel:
    plan = {name: getattr(item, name) for name in PLAN_FIELDS}
    try:
        with transaction.atomic():
            channel = Channel.objects.create(
                platform=item.platform,
                name=item.name,
                handle=item.handle,
                unit=item.unit,
                kind=item.kind,
                guideline_ref="§11.1",
                **plan,
            )
    except IntegrityError as exc:
        raise ApplicationError(
            _("A channel with this name was registered meanwhile; ask the requester to rename."),
            code="channel_exists",
            status_code=409,
        ) from exc
    for order, user in enumerate(item.proposed_maintainers.order_by("pk"), start=1):
        ChannelMaintainer.objects.create(
            channel=channel, user=user, acting_role=item.maintainer_role, answer_order=order
        )
    item.channel = channel
    _close(item, RequestStatus.APPROVED)
    audit_record(
        actor=actor,
        action="channel.created",
        target=channel,
        data={"request": item.pk, "maintainers": [u.pk for u in channel.maintainers.all()]},
    )
    return channel


def _notify_first_approval(item: ChannelRequest, actor: User, role: DecisionRole) -> None:
    others = [u for u in deciders_for(unit=item.unit) if u.pk != actor.pk]
    waiting = [u for u in others if decision_roles_of(user=u, channel_request=item) - {role}]
    notification_send_worded(
        recipients=[item.requested_by, *waiting],
        subject=lambda: _("First approval for %(name)s") % {"name": item.name},
        body=lambda: (
            _("%(person)s approved as %(role)s; the other decision is still needed.")
            % {"person": actor.get_full_name() or actor.username, "role": role.label}
        ),
        url=reverse("channels:request", args=[item.pk]),
    )


def _notify_closed(item: ChannelRequest, actor: User, reason: str) -> None:
    url = reverse("channels:request", args=[item.pk])
    if item.status == RequestStatus.APPROVED:
        recipients = [item.requested_by, *item.proposed_maintainers.all(), *city_wide_people()]
        notification_send_worded(
            recipients=recipients,
            subject=lambda: _("New channel approved: %(name)s") % {"name": item.name},
            body=lambda: _(
                "Both decisions of §11.1 are made. The channel is in the register; agree who "
                "answers messages (§8.4) and plan its first posts."
            ),
            url=url,
        )
    else:
        notification_send_worded(
            recipients=[item.requested_by],
            subject=lambda: _("Channel request rejected: %(name)s") % {"name": item.name},
            body=lambda: (
                _("Reason given by %(person)s: %(reason)s")
                % {"person": actor.get_full_name() or actor.username, "reason": reason}
            ),
            url=url,
        )


@transaction.atomic
def request_withdraw(*, actor: User, channel_request: ChannelRequest) -> ChannelRequest:
    """The requester (or the mavi team) takes back a request that is still pending."""
    item = _locked(channel_request)
    _open_or_refuse(item)
    if item.requested_by_id != actor.pk and not user_has_role(user=actor, roles={Role.MAVI}):
        raise PermissionDeniedError(_("Only the requester can withdraw the request."))
    _close(item, RequestStatus.WITHDRAWN)
    audit_record(actor=actor, action="channel_request.withdrawn", target=item)
    return item
