"""Cells for CSV files that people open in spreadsheets (Excel, LibreOffice, Numbers)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

# A cell that starts with one of these may run as a formula (CSV injection); full-width and
# small forms (＝＋－＠, ﹦﹢﹣﹫) count too, since some spreadsheets read them as their ASCII
# forms, and so does any of them behind leading spaces.
FORMULA_STARTS = frozenset("=+-@")
CONTROL_STARTS = frozenset("\t\r\n")
_SPACES = " \u00a0\u2007\u202f\u3000"


def csv_cell(value: object) -> str:
    """The value as text a spreadsheet shows as text: a formula-like value gets a leading
    apostrophe (OWASP's advice for CSV injection). None is an empty cell."""
    text = "" if value is None else str(value)
    if not text:
        return text
    first = text.lstrip(_SPACES)[:1]
    if text[0] in CONTROL_STARTS or unicodedata.normalize("NFKC", first) in FORMULA_STARTS:
        return "'" + text
    return text


def csv_number(value: float | Decimal | int | None, digits: int | None = None) -> str:
    """A figure as a spreadsheet reads it as a number: no thousands separators ("4165", never
    "4 165", which spreadsheets keep as text), `digits` decimals (by default none for whole
    numbers and one otherwise) after the active language's decimal separator (fi and sv "30,5",
    en "30.5": what a spreadsheet in that language reads; a Finnish one reads "30.5" as a
    date), a minus sign as "-" with no apostrophe (a number is no formula). None is an empty
    cell."""
    from django.utils.formats import get_format
    from django.utils.numberformat import format as format_number

    if value is None:
        return ""
    if digits is None:
        digits = 0 if float(value).is_integer() else 1
    text = format_number(
        value, str(get_format("DECIMAL_SEPARATOR")), decimal_pos=digits, grouping=0,
        thousand_sep="", force_grouping=False, use_l10n=False,
    )  # fmt: skip
    return text.replace("\u2212", "-")
