"""The register as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel opens it right),
semicolons (the Finnish Excel default) and cells that cannot run as formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from someluotsi.channels.models import Channel
from someluotsi.core.spreadsheet import csv_cell

__all__ = ["csv_cell", "register_csv"]


def register_csv(channels: Iterable[Channel]) -> str:
    """One row per channel; maintainers as "name (role)"."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Platform"),
            _("Name"),
            _("Handle"),
            _("Address"),
            _("Owning unit"),
            _("Kind"),
            _("Status"),
            _("Maintainers"),
            _("Goals"),
            _("Target groups"),
            _("Languages"),
            _("Hours a week"),
            _("Images a month"),
            _("Videos a month"),
            _("Translations"),
            _("Brand book"),
            _("Latest post"),
        ]
    )
    for channel in channels:
        maintainers = ", ".join(
            f"{m.user.get_full_name() or m.user.username} ({m.get_acting_role_display()})"
            for m in channel.maintainerships.all()
        )
        writer.writerow(
            [
                csv_cell(value)
                for value in (
                    channel.get_platform_display(),
                    channel.name,
                    channel.handle,
                    channel.url,
                    channel.unit.localized_name(),
                    channel.get_kind_display(),
                    channel.get_status_display(),
                    maintainers,
                    channel.goals,
                    channel.target_group_labels(),
                    channel.language_labels(),
                    channel.hours_per_week,
                    channel.images_per_month,
                    channel.videos_per_month,
                    channel.get_translations_display(),
                    channel.get_brand_conformity_display(),
                    channel.last_post_at.isoformat(timespec="minutes")
                    if channel.last_post_at
                    else "",
                )
            ]
        )
    return out.getvalue()
