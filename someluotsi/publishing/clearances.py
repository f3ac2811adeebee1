"""Elected officials' clearance requests (§6.4): before sharing a document of a matter still in
preparation, ask the preparing official; the answer is recorded and shown beside the draft."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.lengths import at_most
from someluotsi.notifications.services import notification_send_worded
from someluotsi.publishing.enums import ClearanceStatus
from someluotsi.publishing.models import MAX_COMMENT, MAX_TEXT, ClearanceRequest


def preparer_by_email(email: str) -> User | None:
    """The preparing official named by their exact work e-mail (no list of staff is shown)."""
    email = email.strip()
    if not email or "@" not in email:
        return None
    return User.objects.filter(is_active=True, email__iexact=email).first()


@transaction.atomic
def clearance_request(
    *, requester: User, preparer: User | None, matter: str, document: str, draft_text: str
) -> ClearanceRequest:
    matter, document, draft_text = matter.strip(), document.strip(), draft_text.strip()
    if preparer is None:
        raise ApplicationError(
            _("No one with that e-mail address uses Someluotsi. Check the address."),
            code="preparer_unknown",
        )
    if preparer.pk == requester.pk:
        raise ApplicationError(_("Ask the official who prepares the matter."), code="self")
    if not matter or not document:
        raise ApplicationError(_("Name the matter and the document."), code="matter_required")
    if not draft_text:
        raise ApplicationError(_("Write the draft you intend to publish."), code="draft_required")
    if len(draft_text) > MAX_TEXT or len(matter) > 300 or len(document) > 300:
        raise ApplicationError(_("The request is too long."), code="too_long")
    item = ClearanceRequest.objects.create(
        requester=requester,
        preparer=preparer,
        matter=matter,
        document=document,
        draft_text=draft_text,
    )
    audit_record(
        actor=requester, action="clearance.requested", target=item, data={"preparer": preparer.pk}
    )
    url = reverse("publishing:clearance", args=[item.pk])
    name = str(requester)
    transaction.on_commit(
        lambda: notification_send_worded(
            recipients=[preparer],
            subject=lambda: (
                _("%(name)s asks whether material in preparation may be shared") % {"name": name}
            ),
            url=url,
        )
    )
    return item


@transaction.atomic
def clearance_answer(
    *, actor: User, item: ClearanceRequest, cleared: bool, answer: str
) -> ClearanceRequest:
    """The preparing official's answer, once."""
    if actor.pk != item.preparer_id:
        raise PermissionDeniedError(_("Only the preparing official answers this request."))
    if item.status != ClearanceStatus.PENDING:
        raise ApplicationError(_("The request has already been answered."), code="answered")
    answer = answer.strip()
    if not cleared and not answer:
        raise ApplicationError(_("Say why it may not be shared yet."), code="answer_required")
    item.status = ClearanceStatus.CLEARED if cleared else ClearanceStatus.REFUSED
    item.answer = at_most(answer, MAX_COMMENT, field="answer")
    item.answered_at = timezone.now()
    item.save(update_fields=["status", "answer", "answered_at", "updated_at"])
    audit_record(
        actor=actor,
        action={True: "clearance.cleared", False: "clearance.refused"}[cleared],
        target=item,
    )
    url = reverse("publishing:clearance", args=[item.pk])
    requester = item.requester
    cleared_now = item.status == ClearanceStatus.CLEARED
    transaction.on_commit(
        lambda: notification_send_worded(
            recipients=[requester],
            subject=lambda: (
                _("Your material may be shared")
                if cleared_now
                else _("Your material may not be shared yet")
            ),
            url=url,
        )
    )
    return item


@transaction.atomic
def clearance_update_draft(
    *, actor: User, item: ClearanceRequest, draft_text: str
) -> ClearanceRequest:
    if actor.pk != item.requester_id:
        raise PermissionDeniedError(_("Only the person who asked edits the draft."))
    draft_text = draft_text.strip()
    if not draft_text:
        raise ApplicationError(_("Write the draft you intend to publish."), code="draft_required")
    at_most(draft_text, MAX_TEXT, field="draft_text")
    item.draft_text = draft_text
    item.save(update_fields=["draft_text", "updated_at"])
    return item


@transaction.atomic
def clearance_cancel(*, actor: User, item: ClearanceRequest) -> ClearanceRequest:
    if actor.pk != item.requester_id:
        raise PermissionDeniedError(_("Only the person who asked cancels the request."))
    if item.status != ClearanceStatus.PENDING:
        raise ApplicationError(_("The request has already been answered."), code="answered")
    item.status = ClearanceStatus.CANCELLED
    item.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="clearance.cancelled", target=item)
    return item
