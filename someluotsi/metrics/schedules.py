"""Reports scheduled monthly or yearly to a list of recipients (§16.2), each in their own
language, durable: every (recipient, period) is a `ReportDelivery` row created once and sent
once, so a beat that runs late or twice, a restart or a mail server that is down for a day
loses nothing and sends nothing twice. The reports hold figures only (no message texts, no
authors), so they may go to addresses outside the product."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from someluotsi.accounts.models import Unit, User
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.core.errors import ApplicationError
from someluotsi.core.lengths import at_most
from someluotsi.metrics.models import (
    DeliveryStatus,
    ReportDelivery,
    ReportFrequency,
    ReportRecipient,
    ReportSchedule,
)
from someluotsi.metrics.reports import ReportSpec, report_channels, report_render

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Outside:
    """An address outside the product and the language its report is written in."""

    email: str
    language: str


def last_period(frequency: str, today: date) -> tuple[int, int | None]:
    """The last whole month (or year) before `today`: (year, month or None)."""
    if frequency == ReportFrequency.YEARLY:
        return today.year - 1, None
    if today.month == 1:
        return today.year - 1, 12
    return today.year, today.month - 1


def period_key(year: int, month: int | None) -> str:
    return f"{year}-{month:02d}" if month else str(year)


def _period_end(year: int, month: int | None) -> date:
    if month is None:
        return date(year, 12, 31)
    return date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def schedule_save(
    *,
    actor: User,
    name: str,
    frequency: str,
    unit: Unit | None,
    users: list[User],
    outside: list[Outside],
    schedule: ReportSchedule | None = None,
) -> ReportSchedule:
    """Create or replace a schedule and its recipients (mavi team only). Raises
    ApplicationError for no recipients or a person without an e-mail address."""
    if not users and not outside:
        raise ApplicationError(_("Add at least one recipient."), code="no_recipients")
    missing = [user for user in users if not user.email]
    if missing:
        raise ApplicationError(
            _("%(name)s has no e-mail address.") % {"name": missing[0]}, code="no_email"
        )
    if schedule is None:
        schedule = ReportSchedule(created_by=actor)
    schedule.name, schedule.frequency, schedule.unit = (
        at_most(name.strip(), 200, field="name"),
        frequency,
        unit,
    )
    schedule.active = True
    schedule.save()
    schedule.recipients.all().delete()
    ReportRecipient.objects.bulk_create(
        [ReportRecipient(schedule=schedule, user=user) for user in users]
        + [
            ReportRecipient(schedule=schedule, email=item.email, language=item.language)
            for item in outside
        ]
    )
    audit_record(
        actor=actor,
        action="metrics.report_scheduled",
        target=schedule,
        data={
            "frequency": frequency,
            "unit": unit.pk if unit else None,
            "people": [user.pk for user in users],
            "outside": len(outside),
        },
    )
    return schedule


def schedule_stop(*, actor: User, schedule: ReportSchedule) -> None:
    schedule.active = False
    schedule.save(update_fields=["active"])
    audit_record(actor=actor, action="metrics.report_schedule_stopped", target=schedule)


def deliveries_create(*, now: datetime | None = None) -> int:
    """Create the missing deliveries of every active schedule's last whole period (from the
    period that ends after the schedule was made). Returns how many were created."""
    today = timezone.localdate(now or timezone.now())
    created = 0
    for schedule in ReportSchedule.objects.filter(active=True).prefetch_related("recipients"):
        year, month = last_period(schedule.frequency, today)
        if _period_end(year, month) < timezone.localdate(schedule.created_at):
            continue
        key = period_key(year, month)
        for recipient in schedule.recipients.all():
            try:
                with transaction.atomic():
                    _delivery, made = ReportDelivery.objects.get_or_create(
                        schedule=schedule, recipient=recipient, period=key
                    )
            except IntegrityError:  # a parallel run created it
                continue
            created += made
    return created


def _spec(delivery: ReportDelivery, language: str) -> ReportSpec:
    year, _sep, month = delivery.period.partition("-")
    return ReportSpec(
        year=int(year),
        month=int(month) if month else None,
        unit=delivery.schedule.unit,
        language=language if language in LANGUAGES else "fi",
    )


def delivery_send(
    *, delivery_id: int, cache: dict[tuple[int, str, str], bytes] | None = None
) -> bool:
    """Send one pending delivery: the PDF in the recipient's language, by e-mail. Marked sent
    only after the mail server took it; a failure is counted and tried again on the next run
    (at most MAX_ATTEMPTS times). Returns whether it was sent now."""
    with transaction.atomic():
        delivery = (
            # Lock the delivery row only: the joined schedule, unit and user may be null
            # (outer joins), which PostgreSQL cannot lock.
            ReportDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("schedule__unit", "recipient__user")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return False
        recipient = delivery.recipient
        language = recipient.report_language
        spec = _spec(delivery, language)
        key = (delivery.schedule_id, delivery.period, spec.language)
        pdf = (cache or {}).get(key)
        if pdf is None:
            # The same rendering as the reports people ask for on the metrics page (the city's
            # channels: a schedule is the mavi team's, who see them all).
            channels = report_channels(spec, Channel.objects.all())
            pdf = report_render(spec, channels, "pdf").content
            if cache is not None:
                cache[key] = pdf
        with translation.override(spec.language):
            subject = _("Social media report %(period)s: %(name)s") % {
                "period": delivery.period,
                "name": delivery.schedule.name,
            }
            body = _(
                "Attached is the social media report for %(period)s (%(name)s), made by "
                "Someluotsi. The figures are the same as on the metrics page. You receive it "
                "because the marketing and communications team added you to its recipients."
            ) % {"period": delivery.period, "name": delivery.schedule.name}
        message = EmailMessage(
            subject=f"[Someluotsi] {subject}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.address],
        )
        message.attach(f"{spec.file_stem()}.pdf", pdf, "application/pdf")
        delivery.attempts += 1
        try:
            message.send()
        except OSError as exc:
            delivery.error = type(exc).__name__
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                audit_record(
                    actor=None,
                    action="metrics.report_failed",
                    target=delivery.schedule,
                    data=_delivery_data(delivery),
                )
            delivery.save(update_fields=["attempts", "error", "status"])
            logger.warning("report delivery %s failed: %s", delivery.pk, delivery.error)
            return False
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.error = ""
        delivery.save(update_fields=["attempts", "error", "status", "sent_at"])
        audit_record(
            actor=None,
            action="metrics.report_sent",
            target=delivery.schedule,
            data=_delivery_data(delivery),
        )
    return True


def _delivery_data(delivery: ReportDelivery) -> dict[str, object]:
    recipient = delivery.recipient
    return {
        "period": delivery.period,
        "people": [recipient.user_id] if recipient.user_id else [],
        "outside": "" if recipient.user_id else recipient.email,
        "language": recipient.report_language,
        "attempts": delivery.attempts,
    }


def scheduled_reports_send(*, now: datetime | None = None) -> int:
    """The beat task's work: create what is due, then send every pending delivery (one PDF
    per schedule, period and language). Returns how many were sent."""
    deliveries_create(now=now)
    cache: dict[tuple[int, str, str], bytes] = {}
    sent = 0
    pending = ReportDelivery.objects.filter(
        status=DeliveryStatus.PENDING, schedule__active=True
    ).values_list("pk", flat=True)
    for delivery_id in list(pending):
        sent += delivery_send(delivery_id=delivery_id, cache=cache)
    return sent
