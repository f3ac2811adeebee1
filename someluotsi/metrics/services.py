"""Metric imports (upload → preview → apply), values entered by hand, and goals (§16).

An import changes nothing until a person confirms its preview, and then writes every value in
one transaction; a file that cannot be read is kept as rejected with its reason, for the record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_can_edit
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.core.lengths import at_most
from someluotsi.metrics.enums import (
    WHOLE_GOALS,
    GoalKind,
    ImportStatus,
    Metric,
    ValueSource,
    whole_number_refusal,
)
from someluotsi.metrics.export_problems import problem_text
from someluotsi.metrics.models import Goal, MetricImport, MetricValue
from someluotsi.metrics.platform_exports import (
    EARLIEST_DAY,
    FRACTIONAL,
    MAX_BYTES,
    SIGNED,
    ExportError,
    day_out_of_range,
    export_source,
    parse_export,
)
from someluotsi.metrics.platform_exports import (
    MAX_VALUE as MAX_IMPORT_VALUE,
)

MAX_VALUE = Decimal("999999999999")
MAX_IMPORTED = Decimal(str(MAX_IMPORT_VALUE))
PARSER_VERSION = 1


def _check_can_edit(actor: User, channel: Channel) -> None:
    if not channel_can_edit(user=actor, channel=channel):
        raise PermissionDeniedError(_("You cannot record metrics for this channel."))


def metric_import_upload(
    *, actor: User, channel: Channel, file_name: str, data: bytes
) -> MetricImport:
    """Read an export into a preview. Refuses a file already applied to this channel."""
    _check_can_edit(actor, channel)
    if len(data) > MAX_BYTES:
        raise ApplicationError(
            _("The file is over %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    digest = hashlib.sha256(data).hexdigest()
    earlier = MetricImport.objects.filter(
        channel=channel, sha256=digest, status=ImportStatus.APPLIED
    ).first()
    if earlier is not None:
        raise ApplicationError(
            _("This file was already imported for this channel on %(date)s.")
            % {"date": timezone.localtime(earlier.applied_at or earlier.uploaded_at).date()},
            code="duplicate",
        )
    record = MetricImport(
        channel=channel,
        file_name=file_name[:255] or "export",
        sha256=digest,
        size=len(data),
        content=data,
        parser_version=PARSER_VERSION,
        uploaded_by=actor,
    )
    try:
        parsed = parse_export(file_name, data)
    except ExportError as exc:
        record.status = ImportStatus.REJECTED
        record.error = {"code": exc.problem.code, "params": dict(exc.problem.params)}
    else:
        record.format = parsed.format
        if (mismatch := _platform_mismatch(channel, parsed.format)) is not None:
            record.status = ImportStatus.REJECTED
            record.error = mismatch
            parsed.rows = []
        record.rows = [[r.day.isoformat(), r.metric, r.value] for r in parsed.rows]
        record.rejected = [
            [r.line, r.problem.code, dict(r.problem.params)] for r in parsed.rejected
        ]
        record.ignored_columns = parsed.ignored_columns
        if parsed.days:
            record.first_day, record.last_day = parsed.days
        if not parsed.rows and not record.error:
            record.status = ImportStatus.REJECTED
            record.error = {"code": "no_rows", "params": {}}
    record.save()
    audit_record(
        actor=actor,
        action="metrics.import_uploaded",
        target=record,
        data={
            "channel": channel.pk,
            "status": record.status,
            "format": record.format,
            "values": len(record.rows),
            "rejected_rows": len(record.rejected),
            "sha256": digest,
        },
    )
    return record


def _platform_mismatch(channel: Channel, format: str) -> dict[str, Any] | None:
    """The stored problem when an export of `format` cannot describe `channel` (a Meta export
    for an X account), else None."""
    source, platforms = export_source(format)
    if channel.platform in platforms:
        return None
    return {
        "code": "wrong_platform",
        "params": {"source": source, "platform": str(channel.get_platform_display())},
    }


def _value_write(
    *,
    channel: Channel,
    day: date,
    metric: str,
    value: Decimal,
    source: ValueSource,
    source_import: MetricImport | None = None,
    recorded_by: User | None = None,
) -> MetricValue:
    """Store a channel's value of a metric on a day, replacing the one stored before (one value
    per channel, day and metric), with where it came from."""
    if day_out_of_range(day, today=timezone.localdate()):
        raise ApplicationError(
            problem_text(
                "day_out_of_range",
                {"day": day.isoformat(), "earliest": EARLIEST_DAY.isoformat()},
                get_language() or "fi",
            ),
            code="day_out_of_range",
        )
    row, _created = MetricValue.objects.update_or_create(
        channel=channel,
        day=day,
        metric=metric,
        defaults={
            "value": value,
            "source": source,
            "source_import": source_import,
            "recorded_by": recorded_by,
        },
    )
    return row


@transaction.atomic
def metric_import_apply(*, actor: User, metric_import: MetricImport) -> MetricImport:
    """Write the preview's values, replacing the same days' earlier values: all or nothing."""
    record = MetricImport.objects.select_for_update().get(pk=metric_import.pk)
    _check_can_edit(actor, record.channel)
    if record.status != ImportStatus.PREVIEW:
        raise ApplicationError(_("Only an import waiting for confirmation can be applied."))
    if (mismatch := _platform_mismatch(record.channel, record.format)) is not None:
        # A preview made before the upload checked the platform: refused here too.
        raise ApplicationError(
            problem_text(mismatch["code"], mismatch["params"], get_language() or "fi"),
            code="wrong_platform",
        )
    written = 0
    for day, metric, value in record.rows:
        _value_write(
            channel=record.channel,
            day=date.fromisoformat(day),
            metric=metric,
            value=_stored_value(day, metric, value),
            source=ValueSource.IMPORT,
            source_import=record,
            recorded_by=actor,
        )
        written += 1
    record.status = ImportStatus.APPLIED
    record.applied_at = timezone.now()
    record.applied_by = actor
    record.values_written = written
    record.save(update_fields=["status", "applied_at", "applied_by", "values_written"])
    audit_record(
        actor=actor,
        action="metrics.import_applied",
        target=record,
        data={"channel": record.channel_id, "values": written},
    )
    return record


def _stored_value(day: str, metric: str, value: object) -> Decimal:
    """A preview row's value as stored; a preview read by an earlier version may hold one that
    cannot be stored (too large, not a number, an unknown metric): the whole import is refused
    with the row named, and nothing is written."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if metric not in Metric.values or not number.is_finite() or abs(number) > MAX_IMPORTED:
        raise ApplicationError(
            _(
                "The preview has a value that cannot be stored (%(day)s, %(metric)s: %(value)s): "
                "at most 14 digits, 2 of them decimals. Discard the import and fix the file."
            )
            % {"day": day, "metric": metric, "value": str(value)[:30]},
            code="invalid_value",
        )
    return number.quantize(Decimal("0.01"))


def metric_import_discard(*, actor: User, metric_import: MetricImport) -> MetricImport:
    _check_can_edit(actor, metric_import.channel)
    if metric_import.status != ImportStatus.PREVIEW:
        raise ApplicationError(_("Only an import waiting for confirmation can be discarded."))
    metric_import.status = ImportStatus.DISCARDED
    metric_import.save(update_fields=["status"])
    audit_record(actor=actor, action="metrics.import_discarded", target=metric_import)
    return metric_import


def _decimal(value: object, *, signed: bool, whole: bool = False) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise ApplicationError(_("Give the value as a number."), code="invalid_value") from None
    if not number.is_finite() or abs(number) > MAX_VALUE:
        raise ApplicationError(_("Give the value as a number."), code="invalid_value")
    if number < 0 and not signed:
        raise ApplicationError(_("The value cannot be negative."), code="invalid_value")
    refusal = whole_number_refusal(number) if whole else None
    if refusal:
        raise ApplicationError(refusal, code="fractional_count")
    return number.quantize(Decimal("0.01"))


def metric_value_record(
    *, actor: User, channel: Channel, day: date, metric: str, value: object
) -> MetricValue:
    """A value entered by hand (for example the follower total at the start of a month)."""
    _check_can_edit(actor, channel)
    if metric not in Metric.values:
        raise ApplicationError(_("Unknown metric."), code="invalid_metric")
    if day > timezone.localdate():
        raise ApplicationError(_("The day cannot be in the future."), code="future_day")
    number = _decimal(value, signed=metric in SIGNED, whole=metric not in FRACTIONAL)
    row = _value_write(
        channel=channel,
        day=day,
        metric=metric,
        value=number,
        source=ValueSource.MANUAL,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="metrics.value_recorded",
        target=channel,
        data={"day": day.isoformat(), "metric": metric, "value": str(number)},
    )
    return row


@transaction.atomic
def metric_value_count_post(*, channel: Channel, day: date) -> MetricValue:
    """One more post published on the channel that day (publishing calls this as a post goes
    out); an export imported later replaces the day's value with the platform's own count."""
    row, created = MetricValue.objects.select_for_update().get_or_create(
        channel=channel,
        day=day,
        metric=Metric.POSTS,
        defaults={"value": Decimal(1), "source": ValueSource.PUBLISHING},
    )
    if not created:
        row.value += 1
        row.save(update_fields=["value", "recorded_at"])
    return row


@transaction.atomic
def metric_values_from_platform(
    *, channel: Channel, values: Sequence[tuple[date, str, float]], source_label: str
) -> int:
    """Daily figures read from the platform's interface (the connectors' daily pull), marked
    as from the platform. They replace imported values of the same day and metric, never a
    value a person entered by hand. Unknown metrics are skipped. Audited once per pull as
    `metrics.platform_pulled`; returns how many values were written."""
    written = 0
    for day, metric, value in values:
        if metric not in Metric.values:
            continue
        existing = MetricValue.objects.filter(channel=channel, day=day, metric=metric).first()
        if existing is not None and existing.source == ValueSource.MANUAL:
            continue
        number = _decimal(value, signed=metric in SIGNED)
        _value_write(
            channel=channel, day=day, metric=metric, value=number, source=ValueSource.PLATFORM
        )
        written += 1
    audit_record(
        actor=None,
        action="metrics.platform_pulled",
        target=channel,
        data={"values": written, "platform": source_label},
    )
    return written


def goal_save(
    *, actor: User, channel: Channel, kind: str, year: int, target: object, note: str = ""
) -> Goal:
    _check_can_edit(actor, channel)
    if kind not in GoalKind.values:
        raise ApplicationError(_("Unknown goal."), code="invalid_goal")
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), code="invalid_year")
    number = _decimal(target, signed=kind == GoalKind.FOLLOWER_GROWTH, whole=kind in WHOLE_GOALS)
    if kind in {GoalKind.NEGATIVE_SHARE, GoalKind.ON_TIME} and number > 100:
        raise ApplicationError(_("A share cannot be over 100 %."), code="invalid_value")
    goal, created = Goal.objects.update_or_create(
        channel=channel,
        kind=kind,
        year=year,
        defaults={
            "target": number,
            "note": at_most(note.strip(), 300, field="note"),
            "created_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="metrics.goal_set",
        target=goal,
        data={"kind": kind, "year": year, "target": str(number), "created": created},
    )
    return goal


def goal_delete(*, actor: User, goal: Goal) -> None:
    _check_can_edit(actor, goal.channel)
    audit_record(
        actor=actor,
        action="metrics.goal_removed",
        target=goal,
        data={"kind": goal.kind, "channel": goal.channel_id},
    )
    goal.delete()
