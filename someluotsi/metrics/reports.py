"""Monthly and yearly reports per unit or for the city, as CSV and PDF, in Finnish or Swedish
(§16.2: metrics show what worked and what to improve)."""

from __future__ import annotations

import calendar
import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from someluotsi.accounts.models import Unit
from someluotsi.channels.models import Channel
from someluotsi.core.charts import shown
from someluotsi.core.pdf import DocumentPdf
from someluotsi.core.spreadsheet import csv_cell
from someluotsi.incidents.models import Incident, StormAlert
from someluotsi.metrics.enums import Metric
from someluotsi.metrics.figures import (
    ChannelRow,
    Period,
    channel_rows,
    checker_figures,
    negative_share,
)


@dataclass(frozen=True)
class ReportSpec:
    year: int
    month: int | None  # None: the whole year
    unit: Unit | None  # None: the city
    language: str  # fi or sv

    @property
    def period(self) -> Period:
        """The month or year; one still running ends today (the report says so by its dates)."""
        if self.month is None:
            start, end = date(self.year, 1, 1), date(self.year, 12, 31)
        else:
            last = calendar.monthrange(self.year, self.month)[1]
            start, end = date(self.year, self.month, 1), date(self.year, self.month, last)
        today = timezone.localdate()
        return Period(start, min(end, today) if start <= today else end)

    def file_stem(self) -> str:
        when = f"{self.year}-{self.month:02d}" if self.month else str(self.year)
        scope = f"unit{self.unit.pk}" if self.unit else "city"
        return f"someluotsi-report-{scope}-{when}-{self.language}"


def report_channels(spec: ReportSpec, visible: QuerySet[Channel]) -> QuerySet[Channel]:
    if spec.unit is None:
        return visible
    return visible.filter(unit__in=[spec.unit.pk, *spec.unit.children.values_list("pk", flat=True)])


def _n(value: Decimal | float | int | None, digits: int = 0) -> str:
    return shown(value, digits)


def _columns() -> list[str]:
    return [
        _("Channel"),
        _("Platform"),
        _("Unit"),
        _("Followers at the end"),
        _("Change in followers"),
        _("Reach"),
        _("Views"),
        _("Interactions"),
        _("Posts"),
        _("Messages received"),
        _("Positive (%)"),
        _("Negative (%)"),
        _("Median first response (working hours)"),
        _("Handled on time (%)"),
        _("Goals on track"),
    ]


def _cells(row: ChannelRow) -> list[str]:
    tones = row.tones
    total = sum(tones.values())
    positive = round(100 * tones.get("positive", 0) / total, 1) if total else None
    response = row.response
    return [
        row.channel.name,
        row.channel.get_platform_display(),
        row.channel.unit.localized_name() if row.channel.unit else "",
        _n(row.followers),
        _n(row.follower_change),
        _n(row.total(Metric.REACH)),
        _n(row.total(Metric.VIEWS)),
        _n(row.total(Metric.INTERACTIONS)),
        _n(row.total(Metric.POSTS)),
        _n(response.received if response else None),
        _n(positive, 1),
        _n(row.negative_share, 1),
        _n(response.median_hours if response else None, 1),
        _n(response.on_time_percent if response else None, 1),
        row.goals_text(),
    ]


def _title(spec: ReportSpec) -> str:
    scope = spec.unit.localized_name() if spec.unit else _("City of Kokkola")
    if spec.month:
        return _("Social media report %(month)s/%(year)s: %(scope)s") % {
            "month": spec.month,
            "year": spec.year,
            "scope": scope,
        }
    return _("Social media report %(year)s: %(scope)s") % {"year": spec.year, "scope": scope}


def report_csv(spec: ReportSpec, channels: QuerySet[Channel]) -> str:
    with translation.override(spec.language):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([csv_cell(_title(spec))])
        writer.writerow(_columns())
        for row in channel_rows(channels, spec.period):
            writer.writerow([csv_cell(cell) for cell in _cells(row)])
        return "\ufeff" + out.getvalue()


def report_pdf(spec: ReportSpec, channels: QuerySet[Channel]) -> bytes:
    """A4 landscape: the period, the city's or unit's totals, the checker and storms, then
    one row per channel with the same columns as the CSV."""
    with translation.override(spec.language):
        period = spec.period
        rows = channel_rows(channels, period)
        checks = checker_figures(None if spec.unit is None else channels, period)
        start, end = period.bounds()
        alerts = StormAlert.objects.filter(
            channel__in=channels, detected_at__gte=start, detected_at__lt=end
        ).count()
        incidents = Incident.objects.filter(
            channel__in=channels, opened_at__gte=start, opened_at__lt=end
        ).count()
        pdf = DocumentPdf(orientation="landscape")
        pdf.set_title(_title(spec))
        pdf.add_page()
        pdf.heading(_title(spec))
        pdf.field(
            _("Period"),
            _("%(start)s – %(end)s, %(count)s channels")
            % {"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}",
               "count": len(rows)},
        )  # fmt: skip
        pdf.field(_("All channels together"), _totals_text(rows))
        pdf.field(
            _("Post checker"),
            _("%(checked)s drafts checked, %(blocked)s stopped, %(warned)s with warnings")
            % {"checked": checks.checked, "blocked": checks.blocked, "warned": checks.warned},
        )
        pdf.field(
            _("Storms"),
            ngettext("%(count)s storm alert", "%(count)s storm alerts", alerts) % {"count": alerts}
            + ", "
            + ngettext("%(count)s incident opened", "%(count)s incidents opened", incidents)
            % {"count": incidents},
        )
        pdf.ln(2)
        headers = _columns()
        shown = [0, *range(3, len(headers))]  # platform and unit go into the channel cell
        table = [
            [f"{cells[0]} ({cells[1]})" if index == 0 else cells[index] for index in shown]
            for cells in (_cells(row) for row in rows)
        ]
        # Channel, followers, change, reach, views, interactions, posts, messages, positive,
        # negative, median response, on time, goals (the widths are shares of the page).
        widths = [40, 15, 15, 16, 17, 17, 16, 15, 15, 15, 21, 15, 22]
        pdf.grid([headers[i] for i in shown], table, widths)
        return bytes(pdf.output())


def _totals_text(rows: list[ChannelRow]) -> str:
    """Followers, reach and messages summed over the channels; negative share over them all."""
    followers = sum((r.followers for r in rows if r.followers is not None), Decimal(0))
    reach = sum((r.total(Metric.REACH) or Decimal(0) for r in rows), Decimal(0))
    messages = sum(r.response.received for r in rows if r.response)
    tones = sum((r.tones for r in rows), Counter[str]())
    share = negative_share(tones)
    return _(
        "%(followers)s followers, reach %(reach)s, %(messages)s messages received, "
        "%(negative)s %% of them negative"
    ) % {
        "followers": _n(followers),
        "reach": _n(reach),
        "messages": _n(messages),
        "negative": _n(share, 1),
    }
