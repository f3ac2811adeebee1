"""Escalations (§10.6), the evidence package and its exports, privacy and retention."""

from __future__ import annotations

import hashlib
import html
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from someluotsi.audit.models import AuditEvent
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.inbox import escalations
from someluotsi.inbox.enums import EscalationStatus, MessageStatus, RecipientRole
from someluotsi.inbox.evidence import evidence_digest
from someluotsi.inbox.models import Escalation, Message
from someluotsi.inbox.retention import inbox_purge_expired
from someluotsi.inbox.selectors import message_list_for_user, readability_for_user
from someluotsi.inbox.services import message_answer
from tests.inbox.conftest import TUESDAY_10, World

THREAT = "Ammun sinut, kirjastonhoitaja, tiedän missä asut."


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_threat_is_escalated_at_ingestion_to_the_supervisor_and_safety_manager(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as after_commit:
        message = world.ingest(THREAT)
    escalation = Escalation.objects.get(message=message)
    roles = {r.user: r.role for r in escalation.recipients.all()}
    assert roles == {
        world.supervisor: RecipientRole.SUPERVISOR,
        world.safety: RecipientRole.SAFETY_MANAGER,
    }
    assert escalation.police_recommended
    assert world.supervisor.notifications.count() == 1
    assert world.safety.notifications.count() == 1
    assert len(after_commit) == 2  # one e-mail task per addressee, sent after commit


def test_evidence_is_self_contained_and_its_digest_verifies(world: World) -> None:
    message = world.ingest(THREAT)
    escalation = Escalation.objects.get(message=message)
    evidence = escalation.evidence
    assert evidence["message"]["text"] == THREAT
    assert evidence["message"]["author_handle"] == "@asukas"
    assert evidence["message"]["permalink"].startswith("https://")
    assert evidence["triage"]["category"] == "threat"
    assert escalation.evidence_sha256 == evidence_digest(evidence)
    # The original disappears from the platform and its text is purged: evidence stays.
    Message.objects.filter(pk=message.pk).update(text="", author_handle="")
    escalation.refresh_from_db()
    assert escalation.evidence["message"]["text"] == THREAT


def test_json_export_hash_verifies_and_pdf_is_a_pdf(world: World) -> None:
    escalation = Escalation.objects.get(message=world.ingest(THREAT))
    client = _client(world.supervisor)
    url = reverse("inbox:escalation_export", args=[escalation.pk, "json"])
    document = json.loads(client.get(url).content)
    canonical = document["canonical_evidence"].encode("utf-8")
    assert hashlib.sha256(canonical).hexdigest() == document["sha256"] == escalation.evidence_sha256
    pdf = client.get(reverse("inbox:escalation_export", args=[escalation.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    exported = AuditEvent.objects.filter(action="escalation.exported", target_id=str(escalation.pk))
    assert {e.data["format"] for e in exported} == {"json", "pdf"}
    assert (
        client.get(reverse("inbox:escalation_export", args=[escalation.pk, "exe"])).status_code
        == 404
    )


def test_addressees_acknowledge_and_close_others_cannot(world: World) -> None:
    message = world.ingest(THREAT)
    escalation = Escalation.objects.get(message=message)
    with pytest.raises(PermissionDeniedError):
        escalations.escalation_acknowledge(actor=world.updater, escalation=escalation)
    escalations.escalation_acknowledge(actor=world.supervisor, escalation=escalation)
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.ACKNOWLEDGED
    with pytest.raises(PermissionDeniedError):
        escalations.escalation_close(actor=world.updater, escalation=escalation, outcome="x")
    with pytest.raises(ApplicationError):
        escalations.escalation_close(actor=world.safety, escalation=escalation, outcome="  ")
    escalations.escalation_close(
        actor=world.safety, escalation=escalation, outcome="Rikosilmoitus tehty."
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.CLOSED
    with pytest.raises(ApplicationError):
        escalations.escalation_close(actor=world.safety, escalation=escalation, outcome="again")
    with pytest.raises(ApplicationError):
        escalations.escalation_acknowledge(actor=world.supervisor, escalation=escalation)


def test_a_message_is_escalated_once_at_a_time(world: World) -> None:
    message = world.ingest("Olet täysi idiootti, virkamies.")
    escalations.message_escalate(actor=world.updater, message=message, note="Toistuvaa.")
    with pytest.raises(ApplicationError):
        escalations.message_escalate(actor=world.updater, message=message)


def test_unit_without_supervisor_or_safety_manager_escalates_to_the_mavi_team(
    world: World,
) -> None:
    world.supervisor.role_assignments.all().delete()
    world.safety.role_assignments.all().delete()
    escalation = Escalation.objects.get(message=world.ingest(THREAT))
    assert [r.user for r in escalation.recipients.all()] == [world.mavi]


def test_bodies_are_readable_only_by_channel_workers_and_addressees(world: World) -> None:
    question = world.ingest("Milloin kirjasto aukeaa?")
    threat = world.ingest(THREAT)
    for person, readable in (
        (world.updater, {question, threat}),
        (world.mavi, {question, threat}),
        (world.supervisor, {threat}),
        (world.safety, {threat}),
        (world.manager, set()),
        (world.outsider, set()),
    ):
        rules = readability_for_user(user=person)
        assert {m for m in (question, threat) if rules.can_read(m)} == readable, person
    assert set(message_list_for_user(user=world.manager)) == {question, threat}  # metadata
    assert set(message_list_for_user(user=world.supervisor)) == {threat}
    assert not message_list_for_user(user=world.outsider).exists()


def test_every_reading_is_audited_and_unreadable_text_is_not_shown(world: World) -> None:
    message = world.ingest("Milloin kirjasto aukeaa lauantaina?")
    page = _client(world.updater).get(reverse("inbox:detail", args=[message.pk]))
    assert "Milloin kirjasto aukeaa lauantaina?" in page.content.decode()
    assert AuditEvent.objects.filter(action="message.viewed", actor=world.updater).count() == 1
    hidden = _client(world.manager).get(reverse("inbox:detail", args=[message.pk]))
    assert hidden.status_code == 200
    assert "Milloin kirjasto aukeaa" not in hidden.content.decode()
    assert "@asukas" not in hidden.content.decode()
    assert not AuditEvent.objects.filter(action="message.viewed", actor=world.manager).exists()
    assert (
        _client(world.outsider).get(reverse("inbox:detail", args=[message.pk])).status_code == 404
    )
    _client(world.updater).get(reverse("inbox:queue"))
    listed = AuditEvent.objects.filter(action="messages.listed", actor=world.updater).get()
    assert listed.data["ids"] == [message.pk]


def test_retention_purges_old_texts_but_keeps_open_cases(world: World) -> None:
    old = TUESDAY_10 - timedelta(days=400)
    answered = world.ingest("Milloin kirjasto aukeaa?", received_at=old)
    message_answer(actor=world.updater, message=answered, reply="Klo 10.")
    open_case = world.ingest(THREAT, received_at=old)
    closed_case = world.ingest("Poltan kirjaston, usko pois.", received_at=old)
    recent = world.ingest("Milloin museo aukeaa?", received_at=TUESDAY_10)
    closing = Escalation.objects.get(message=closed_case)
    escalations.escalation_close(actor=world.supervisor, escalation=closing, outcome="Ok.")

    result = inbox_purge_expired(days=365, now=TUESDAY_10)

    assert (result.messages, result.evidence, result.kept_for_open_cases) == (2, 1, 1)
    answered.refresh_from_db()
    assert (answered.text, answered.author_handle, answered.reply_text) == ("", "", "")
    assert answered.category == "question"
    assert answered.body_purged_at is not None
    open_case.refresh_from_db()
    assert open_case.text == THREAT
    closing.refresh_from_db()
    assert closing.evidence == {}
    assert len(closing.evidence_sha256) == 64
    recent.refresh_from_db()
    assert recent.text == "Milloin museo aukeaa?"
    assert inbox_purge_expired(days=365, now=TUESDAY_10).messages == 0


def test_purge_command_reports_and_refuses_nonsense(world: World) -> None:
    from io import StringIO

    from django.core.management.base import CommandError

    out = StringIO()
    call_command("purge_messages", "--days", "30", stdout=out)
    assert "Removed the texts of 0 messages" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("purge_messages", "--days", "-1")


@pytest.mark.parametrize("who", ["safety", "supervisor"])
def test_the_inbox_of_someone_without_channels_opens_on_their_escalations(
    world: World, who: str
) -> None:
    """The safety manager and a supervisor with no channel queue work escalations: /inbox/
    leads there, and that page says so; a channel maintainer keeps the work queue."""
    world.ingest(THREAT)
    person = getattr(world, who)
    with translation.override(person.preferred_language):
        intro = translation.gettext(
            "You work no channel's messages yourself: your inbox is the escalations addressed "
            "to you. Open each one to read the message and its evidence, and acknowledge it."
        )
    client = _client(person)
    response = client.get(reverse("inbox:queue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("inbox:escalations")
    page = client.get(response["Location"]).content.decode()
    assert html.escape(intro) in page
    assert 'href="/inbox/escalations/' in page
    # A filter they ask for is still theirs to see.
    assert client.get(reverse("inbox:queue"), {"status": "escalated"}).status_code == 200
    maintainer = _client(world.updater)
    assert maintainer.get(reverse("inbox:queue")).status_code == 200
    own = maintainer.get(reverse("inbox:escalations")).content.decode()
    assert html.escape(intro) not in own
