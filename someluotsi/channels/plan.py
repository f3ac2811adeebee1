"""Checking a channel plan (§12.1, §13) before it is stored, the same way for the register,
the API and new-account requests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from someluotsi.channels.enums import ContentLanguage, TargetGroup, Translations
from someluotsi.channels.models import PLAN_FIELDS
from someluotsi.core.errors import ApplicationError

MAX_HOURS = Decimal("99.9")
MAX_PER_MONTH = 1000
TEXT_LIMITS = {"goals": 2000, "target_notes": 500, "resource_notes": 1000}


def _codes(values: Iterable[Any], allowed: set[str], field: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple | set):
        raise ApplicationError(
            _("Choose from the list."), code=f"bad_{field}", details={"field": field}
        )
    codes = list(dict.fromkeys(str(value) for value in values))
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ApplicationError(
            _("Unknown choice: %(values)s.") % {"values": ", ".join(unknown)[:200]},
            code=f"bad_{field}",
            details={"field": field, "unknown": unknown[:20]},
        )
    return codes


def _hours(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise ApplicationError(_("Hours a week must be a number."), code="bad_hours") from exc
    if not hours.is_finite() or not Decimal(0) <= hours <= MAX_HOURS:
        raise ApplicationError(_("Hours a week must be between 0 and 99.9."), code="bad_hours")
    return hours


def _count(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ApplicationError(_("Use a whole number."), code=f"bad_{field}") from exc
    if not 0 <= number <= MAX_PER_MONTH:
        raise ApplicationError(
            _("Use a number between 0 and %(max)s.") % {"max": MAX_PER_MONTH}, code=f"bad_{field}"
        )
    return number


def plan_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """The plan fields present in `data`, checked and normalised; unknown keys are ignored."""
    cleaned: dict[str, Any] = {}
    for field in PLAN_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "target_groups":
            cleaned[field] = _codes(value or [], set(TargetGroup.values), field)
        elif field == "languages":
            cleaned[field] = _codes(value or [], set(ContentLanguage.values), field)
        elif field == "hours_per_week":
            cleaned[field] = _hours(value)
        elif field in {"images_per_month", "videos_per_month"}:
            cleaned[field] = _count(value, field)
        elif field == "translations":
            cleaned[field] = _codes([value or Translations.NONE], set(Translations.values), field)[
                0
            ]
        else:
            text = str(value or "").strip()
            if len(text) > TEXT_LIMITS[field]:
                raise ApplicationError(
                    _("This text can be at most %(max)s characters.") % {"max": TEXT_LIMITS[field]},
                    code=f"{field}_too_long",
                    details={"field": field},
                )
            cleaned[field] = text
    return cleaned


def plan_missing(plan: Mapping[str, Any]) -> list[str]:
    """What a request must state before it can be decided: goal, audience, language, time."""
    missing = []
    if not plan.get("goals"):
        missing.append("goals")
    if not plan.get("target_groups"):
        missing.append("target_groups")
    if not plan.get("languages"):
        missing.append("languages")
    if not plan.get("hours_per_week"):
        missing.append("hours_per_week")
    return missing
