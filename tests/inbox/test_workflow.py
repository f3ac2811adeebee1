"""The message state machine, assignment by the channel's agreement, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.models import ChannelMaintainer
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.inbox import services
from someluotsi.inbox.enums import MessageStatus, Moderation
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import message_can_read, message_can_work
from tests.factories import UserFactory
from tests.inbox.conftest import TUESDAY_10, World

QUESTION = "Milloin kirjasto aukeaa lauantaina?"


def test_new_message_goes_to_the_first_answerer_in_the_agreement(world: World) -> None:
    message = world.ingest(QUESTION)
    assert message.assignee == world.updater
    assert message.status == MessageStatus.ASSIGNED


def test_answerer_who_does_not_answer_that_weekday_is_passed_over(world: World) -> None:
    ChannelMaintainer.objects.filter(user=world.updater).update(answer_weekdays=[0])  # Mondays
    assert world.ingest(QUESTION).assignee == world.backup  # due on Tuesday


def test_equal_answerers_share_the_load(world: World) -> None:
    ChannelMaintainer.objects.filter(user=world.backup).update(answer_order=1)
    assignees = {world.ingest(f"{QUESTION} {n}").assignee for n in range(4)}
    assert assignees == {world.updater, world.backup}


def test_channel_without_answerers_goes_to_the_mavi_team(world: World) -> None:
    """Nobody in the agreement answers: the mavi team, who work every channel, take it (§7.8,
    §12.1); it is never left unassigned while someone who may work it is there."""
    ChannelMaintainer.objects.filter(channel=world.channel).update(answers_messages=False)
    message = world.ingest(QUESTION)
    assert message.assignee == world.mavi
    assert message.status == MessageStatus.ASSIGNED
    assert message_can_work(user=world.mavi, message=message)


def test_the_mavi_fallback_shares_the_load_and_never_picks_a_unit_manager(world: World) -> None:
    ChannelMaintainer.objects.filter(channel=world.channel).update(answers_messages=False)
    second = UserFactory.create(unit=world.unit)
    RoleAssignment.objects.create(user=second, role=Role.MAVI)
    assignees = [world.ingest(f"{QUESTION} {n}").assignee for n in range(4)]
    assert sorted(a.pk for a in assignees if a) == sorted([world.mavi.pk, second.pk] * 2)
    # The unit manager sees the unit's queue as metadata only: never given a message to answer.
    assert world.manager not in assignees
    assert not message_can_read(user=world.manager, message=Message.objects.earliest("pk"))


def test_without_anyone_to_take_it_the_message_stays_new(world: World) -> None:
    ChannelMaintainer.objects.filter(channel=world.channel).update(answers_messages=False)
    RoleAssignment.objects.filter(user=world.mavi).delete()
    message = world.ingest(QUESTION)
    assert message.assignee is None
    assert message.status == MessageStatus.NEW


def test_answering_records_the_reply_and_stops_the_clock_once(world: World) -> None:
    message = world.ingest(QUESTION)
    services.message_answer(actor=world.updater, message=message, reply="Lauantaisin klo 10.")
    first = message.answered_at
    assert message.status == MessageStatus.ANSWERED
    assert first is not None
    services.message_assign(actor=world.updater, message=message, assignee=world.backup)
    services.message_answer(actor=world.backup, message=message, reply="Korjaus: klo 11.")
    assert message.answered_at == first
    assert message.reply_text == "Korjaus: klo 11."
    actions = list(
        AuditEvent.objects.filter(target_id=str(message.pk)).values_list("action", flat=True)
    )
    assert actions.count("message.answered") == 2
    assert "message.assigned" in actions


def test_close_and_reopen(world: World) -> None:
    message = world.ingest(QUESTION)
    services.message_close(actor=world.updater, message=message, resolution="no_action")
    assert message.status == MessageStatus.CLOSED
    assert message.closed_at is not None
    services.message_reopen(actor=world.backup, message=message)
    assert message.status == MessageStatus.ASSIGNED
    assert message.assignee == world.backup
    assert message.closed_at is None


@pytest.mark.parametrize("reply", ["", "   ", "x" * 8001])
def test_empty_or_too_long_reply_is_refused(world: World, reply: str) -> None:
    message = world.ingest(QUESTION)
    with pytest.raises(ApplicationError):
        services.message_answer(actor=world.updater, message=message, reply=reply)
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED


def test_escalated_message_can_only_be_closed(world: World) -> None:
    message = world.ingest("Tapan sinut, kirjastonhoitaja.")
    assert message.status == MessageStatus.ESCALATED
    with pytest.raises(ApplicationError) as refused:
        services.message_answer(actor=world.updater, message=message, reply="Ei näin.")
    assert refused.value.code == "invalid_transition"
    with pytest.raises(ApplicationError):
        services.message_assign(actor=world.updater, message=message, assignee=world.backup)


def test_closed_message_cannot_be_answered_without_reopening(world: World) -> None:
    message = world.ingest(QUESTION)
    services.message_close(actor=world.updater, message=message, resolution="ignored")
    with pytest.raises(ApplicationError):
        services.message_answer(actor=world.updater, message=message, reply="Hei")


def test_people_who_do_not_work_the_channel_cannot_change_it(world: World) -> None:
    message = world.ingest(QUESTION)
    for person in (world.outsider, world.manager, world.supervisor, world.safety):
        with pytest.raises(PermissionDeniedError):
            services.message_answer(actor=person, message=message, reply="Hei")
        with pytest.raises(PermissionDeniedError):
            services.message_moderate(actor=person, message=message, moderation="hidden")
    services.message_answer(actor=world.mavi, message=message, reply="Hei")  # mavi runs all


def test_assignee_must_work_the_channel(world: World) -> None:
    message = world.ingest(QUESTION)
    with pytest.raises(ApplicationError):
        services.message_assign(actor=world.updater, message=message, assignee=world.outsider)
    services.message_assign(actor=world.updater, message=message, assignee=world.mavi)
    assert message.assignee == world.mavi


def test_moderation_is_recorded_and_audited(world: World) -> None:
    message = world.ingest("Lapseni sai ADHD-diagnoosin, miten saan koulusta tukea?")
    assert message.category == "sensitive"
    services.message_moderate(actor=world.updater, message=message, moderation="hidden")
    message.refresh_from_db()
    assert message.moderation == Moderation.HIDDEN
    assert AuditEvent.objects.filter(action="message.moderated", target_id=str(message.pk))


def test_due_time_follows_working_hours(world: World) -> None:
    friday_15 = TUESDAY_10 + timedelta(days=3, hours=5)
    message = world.ingest(QUESTION, received_at=friday_15)
    # One working hour on Friday, three on Monday: due Monday 11:00.
    assert message.due_at is not None
    assert message.due_at.astimezone(TUESDAY_10.tzinfo).strftime("%a %H:%M") == "Mon 11:00"


def test_overdue_reminder_reaches_the_assignee_once(world: World) -> None:
    message = world.ingest(QUESTION)
    later = TUESDAY_10 + timedelta(days=2)
    assert services.inbox_send_reminders(now=later) == 1
    assert world.updater.notifications.filter(subject__contains="1").count() == 1
    assert services.inbox_send_reminders(now=later) == 0
    message.refresh_from_db()
    assert message.reminded_at == later


def test_unassigned_overdue_message_reminds_the_maintainers(world: World) -> None:
    ChannelMaintainer.objects.filter(channel=world.channel).update(answers_messages=False)
    RoleAssignment.objects.filter(user=world.mavi).delete()  # nobody to assign it to
    assert world.ingest(QUESTION).assignee is None
    services.inbox_send_reminders(now=TUESDAY_10 + timedelta(days=2))
    assert world.updater.notifications.count() == 1
    assert world.backup.notifications.count() == 1


def test_reply_templates_are_the_mavi_teams_to_edit(world: World) -> None:
    with pytest.raises(PermissionDeniedError):
        services.reply_template_save(
            actor=world.updater, category="question", language="fi", text="Hei!"
        )
    services.reply_template_save(
        actor=world.mavi, category="question", language="fi", text="Selvitämme, {feedback_url}"
    )
    # A question of no particular topic gets the team's wording; a concrete one (opening
    # hours, prices...) gets the reply of its topic (test_question_replies.py).
    message = world.ingest("Voinko uusia lainani verkossa?")
    assert message.suggested_reply.startswith("Selvitämme, https://")


def test_ingest_stores_reasons_and_findings_for_the_detail_page(world: World) -> None:
    message = world.ingest("Poltan kirjaston, jos se suljetaan.", auto_escalate=False)
    assert message.category == "threat"
    assert "notify_police" in message.actions
    assert message.reasons[0] == "a threat"
    assert {"rule", "guideline", "excerpt"} <= set(message.findings[0])
    assert Message.objects.get(pk=message.pk).status == MessageStatus.ASSIGNED


def test_recording_the_same_moderation_twice_is_one_change(world: World) -> None:
    message = world.ingest(QUESTION)
    stale = Message.objects.get(pk=message.pk)
    services.message_moderate(actor=world.updater, message=message, moderation=Moderation.HIDDEN)
    services.message_moderate(actor=world.updater, message=stale, moderation=Moderation.HIDDEN)
    assert (
        AuditEvent.objects.filter(action="message.moderated", target_id=str(message.pk)).count()
        == 1
    )
    assert stale.moderation == Moderation.HIDDEN


def test_a_second_answer_in_a_row_is_refused(world: World) -> None:
    message = world.ingest(QUESTION)
    stale = Message.objects.get(pk=message.pk)
    services.message_answer(actor=world.updater, message=message, reply="Lauantaisin klo 10.")
    with pytest.raises(ApplicationError) as refused:
        services.message_answer(actor=world.updater, message=stale, reply="Lauantaisin klo 10.")
    assert refused.value.code == "invalid_transition"
    assert AuditEvent.objects.filter(action="message.answered").count() == 1
