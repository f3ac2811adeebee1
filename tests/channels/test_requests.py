"""The §11.1 workflow: every transition and every refusal of a new-channel request."""

from __future__ import annotations

import pytest

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.enums import (
    DecisionOutcome,
    DecisionRole,
    MaintainerRole,
    Platform,
    RequestStatus,
    TargetGroup,
)
from someluotsi.channels.models import Channel, ChannelDecision, ChannelRequest
from someluotsi.channels.requests import request_decide, request_submit, request_withdraw
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.notifications.models import Notification
from tests.channels.conftest import City
from tests.factories import ChannelFactory, UserFactory

APPROVE, REJECT = DecisionOutcome.APPROVE, DecisionOutcome.REJECT


def _code(exc: pytest.ExceptionInfo[ApplicationError]) -> str:
    return exc.value.code


# --- Submitting -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_existing_shared_profiles_must_be_weighed_before_asking(city: City) -> None:
    with pytest.raises(ApplicationError) as exc:
        city.submit(why_not_existing="")
    assert _code(exc) == "why_not_existing_required"
    # The city's TikTok (same platform) and the library's Instagram (same audience) are named.
    assert set(exc.value.details["existing"]) == {city.city_tiktok.pk, city.library_ig.pk}
    assert ChannelRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_submitted_request_records_what_was_shown_and_notifies_the_deciders(city: City) -> None:
    item = city.submit()
    assert item.status == RequestStatus.PENDING
    assert set(item.existing_shown.all()) == {city.city_tiktok, city.library_ig}
    assert set(item.proposed_maintainers.all()) == {city.requester, city.colleague}
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {city.unit_manager.pk, city.division_manager.pk, city.comms.pk}
    event = AuditEvent.objects.get(action="channel_request.submitted")
    assert event.target_id == str(item.pk)


@pytest.mark.django_db
def test_no_reason_is_asked_when_no_shared_profile_serves_the_need(city: City) -> None:
    plan = {**city.plan, "target_groups": [TargetGroup.SENIORS]}
    item = city.submit(platform=Platform.SNAPCHAT, why_not_existing="", plan=plan)
    assert item.existing_shown.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["goals", "target_groups", "languages", "hours_per_week"])
def test_a_request_without_a_plan_is_refused(city: City, missing: str) -> None:
    plan = {key: value for key, value in city.plan.items() if key != missing}
    with pytest.raises(ApplicationError) as exc:
        city.submit(plan=plan)
    assert _code(exc) == "plan_incomplete"
    assert exc.value.details["missing"] == [missing]


@pytest.mark.django_db
def test_unknown_plan_codes_are_refused(city: City) -> None:
    with pytest.raises(ApplicationError) as exc:
        city.submit(plan={**city.plan, "target_groups": ["martians"]})
    assert _code(exc) == "bad_target_groups"


@pytest.mark.django_db
def test_a_name_taken_by_a_channel_or_a_pending_request_is_refused(city: City) -> None:
    with pytest.raises(ApplicationError) as exc:
        city.submit(name="kokkola karleby")
    assert _code(exc) == "channel_exists"
    city.submit()
    with pytest.raises(ApplicationError) as again:
        city.submit()
    assert _code(again) == "channel_exists"


@pytest.mark.django_db
def test_maintainers_are_required(city: City) -> None:
    with pytest.raises(ApplicationError) as exc:
        city.submit(maintainers=[])
    assert _code(exc) == "no_maintainers"


@pytest.mark.django_db
def test_asking_for_another_unit_and_reading_roles_are_refused(city: City) -> None:
    with pytest.raises(PermissionDeniedError):
        city.submit(unit=city.other_unit)
    with pytest.raises(PermissionDeniedError):
        request_submit(actor=city.auditor, draft=city.draft())


# --- Deciding ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unit_first_then_comms_creates_the_channel_with_the_plan(city: City) -> None:
    item = city.submit(maintainer_role=MaintainerRole.OFFICE)
    first = request_decide(actor=city.unit_manager, channel_request=item, outcome=APPROVE)
    assert first.role == DecisionRole.UNIT_MANAGEMENT
    item.refresh_from_db()
    assert item.status == RequestStatus.PENDING
    assert item.channel is None
    second = request_decide(actor=city.comms, channel_request=item, outcome=APPROVE)
    assert second.role == DecisionRole.COMMS_MANAGER
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED
    channel = item.channel
    assert channel is not None
    assert (channel.platform, channel.name, channel.unit) == ("tiktok", item.name, city.unit)
    assert channel.goals == city.plan["goals"]
    assert channel.target_groups == city.plan["target_groups"]
    assert str(channel.hours_per_week) == "3.0"
    rows = channel.maintainerships.order_by("answer_order")
    assert [(m.user, m.acting_role) for m in rows] == [
        (city.requester, MaintainerRole.OFFICE),
        (city.colleague, MaintainerRole.OFFICE),
    ]
    assert AuditEvent.objects.filter(action="channel.created", target_id=str(channel.pk)).exists()
    approved = Notification.objects.filter(subject__contains=item.name, recipient=city.requester)
    assert approved.count() == 2  # the first approval, then the channel


@pytest.mark.django_db
def test_comms_first_then_the_division_manager_also_creates_it(city: City) -> None:
    item = city.submit()
    request_decide(actor=city.comms, channel_request=item, outcome=APPROVE)
    decision = request_decide(actor=city.division_manager, channel_request=item, outcome=APPROVE)
    assert decision.role == DecisionRole.UNIT_MANAGEMENT
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED
    assert item.channel is not None
    assert Channel.objects.filter(pk=item.channel.pk).exists()


@pytest.mark.django_db
def test_the_same_person_cannot_make_both_decisions(city: City) -> None:
    RoleAssignment.objects.create(user=city.comms, role=Role.UNIT_MANAGER, unit=city.unit)
    item = city.submit()
    with pytest.raises(ApplicationError) as choose:
        request_decide(actor=city.comms, channel_request=item, outcome=APPROVE)
    assert _code(choose) == "choose_role"
    request_decide(
        actor=city.comms, channel_request=item, outcome=APPROVE, role=DecisionRole.UNIT_MANAGEMENT
    )
    with pytest.raises(ApplicationError) as twice:
        request_decide(
            actor=city.comms, channel_request=item, outcome=APPROVE, role=DecisionRole.COMMS_MANAGER
        )
    assert _code(twice) == "same_person"
    assert twice.value.status_code == 409
    item.refresh_from_db()
    assert item.status == RequestStatus.PENDING
    assert ChannelDecision.objects.filter(request=item).count() == 1


@pytest.mark.django_db
def test_a_role_already_decided_cannot_be_decided_again_by_another_holder(city: City) -> None:
    second_comms = UserFactory.create(roles=[Role.COMMS_MANAGER])
    item = city.submit()
    request_decide(actor=city.comms, channel_request=item, outcome=APPROVE)
    with pytest.raises(ApplicationError) as exc:
        request_decide(actor=second_comms, channel_request=item, outcome=APPROVE)
    assert _code(exc) == "role_decided"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["mavi", "requester", "other_manager", "auditor", "colleague"])
def test_people_without_a_deciding_role_are_refused(city: City, who: str) -> None:
    item = city.submit()
    with pytest.raises(PermissionDeniedError):
        request_decide(actor=getattr(city, who), channel_request=item, outcome=APPROVE)
    assert ChannelDecision.objects.count() == 0


@pytest.mark.django_db
def test_a_role_the_actor_does_not_hold_is_refused(city: City) -> None:
    item = city.submit()
    with pytest.raises(PermissionDeniedError):
        request_decide(
            actor=city.unit_manager,
            channel_request=item,
            outcome=APPROVE,
            role=DecisionRole.COMMS_MANAGER,
        )


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_ends_the_request(city: City) -> None:
    item = city.submit()
    request_decide(actor=city.unit_manager, channel_request=item, outcome=APPROVE)
    with pytest.raises(ApplicationError) as exc:
        request_decide(actor=city.comms, channel_request=item, outcome=REJECT, reason=" ")
    assert _code(exc) == "reason_required"
    reason = "Use the city's TikTok; we add a weekly reading slot."
    request_decide(actor=city.comms, channel_request=item, outcome=REJECT, reason=reason)
    item.refresh_from_db()
    assert item.status == RequestStatus.REJECTED
    assert item.channel is None
    assert Channel.objects.filter(name=item.name).count() == 0
    told = Notification.objects.filter(recipient=city.requester).latest("id")
    assert reason in told.body
    # The requester reads Swedish: the notice is worded in Swedish.
    assert "Kanal" in told.subject or "kanal" in told.subject


@pytest.mark.django_db
@pytest.mark.parametrize("end", ["approved", "rejected", "withdrawn"])
def test_a_closed_request_cannot_be_decided(city: City, end: str) -> None:
    item = city.submit()
    if end == "approved":
        request_decide(actor=city.comms, channel_request=item, outcome=APPROVE)
        request_decide(actor=city.unit_manager, channel_request=item, outcome=APPROVE)
        late = city.division_manager
    elif end == "rejected":
        request_decide(
            actor=city.comms, channel_request=item, outcome=REJECT, reason="Not now, sorry."
        )
        late = city.unit_manager
    else:
        request_withdraw(actor=city.requester, channel_request=item)
        late = city.unit_manager
    with pytest.raises(ApplicationError) as exc:
        request_decide(actor=late, channel_request=item, outcome=APPROVE)
    assert _code(exc) == "request_closed"
    assert exc.value.status_code == 409


@pytest.mark.django_db
def test_only_the_requester_withdraws(city: City) -> None:
    item = city.submit()
    with pytest.raises(PermissionDeniedError):
        request_withdraw(actor=city.unit_manager, channel_request=item)
    request_withdraw(actor=city.requester, channel_request=item)
    item.refresh_from_db()
    assert item.status == RequestStatus.WITHDRAWN
    with pytest.raises(ApplicationError):
        request_withdraw(actor=city.requester, channel_request=item)


@pytest.mark.django_db
def test_a_name_taken_meanwhile_refuses_the_approval_and_keeps_the_request(city: City) -> None:
    item = city.submit()
    request_decide(actor=city.unit_manager, channel_request=item, outcome=APPROVE)
    ChannelFactory.create(platform=Platform.TIKTOK, name=item.name, unit=city.unit)
    with pytest.raises(ApplicationError) as exc:
        request_decide(actor=city.comms, channel_request=item, outcome=APPROVE)
    assert _code(exc) == "channel_exists"
    item.refresh_from_db()
    assert item.status == RequestStatus.PENDING
    assert item.decisions.count() == 1
