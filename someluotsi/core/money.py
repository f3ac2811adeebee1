"""Sums of money as the reader's language writes them: one formatter for every page,
notification and audit sentence.

English puts the euro sign first with a comma between thousands ("€1,200.00"); Finnish and
Swedish put it last after a no-break space, with no-break spaces between thousands and a
decimal comma ("1 200,00 €"). The sign is part of the sum, so a sentence or a table cell never
adds its own.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import get_language

__all__ = ("SIGN_FIRST", "euros")

# Languages that write the sign before the sum.
SIGN_FIRST = frozenset({"en"})
NBSP = "\u00a0"


def euros(amount: Decimal | float | int | str | None) -> str:
    """`amount` in euros with two decimals in the active language: "€1,200.00" (en),
    "1 200,00 €" (fi, sv; the spaces no-break). A dash for nothing; text that is no number is
    returned as it is (an old audit record's value)."""
    if amount is None or amount == "":
        return "–"
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    if not value.is_finite():
        return str(amount)
    digits = number_format(abs(value), decimal_pos=2, use_l10n=True, force_grouping=True)
    digits = digits.replace(" ", NBSP)
    sign = "-" if value < 0 else ""
    language = (get_language() or "fi").split("-")[0]
    if language in SIGN_FIRST:
        return f"{sign}€{digits}"
    return f"{sign}{digits}{NBSP}€"
