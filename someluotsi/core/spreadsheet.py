"""Cells for CSV files that people open in spreadsheets (Excel, LibreOffice, Numbers)."""

from __future__ import annotations

import unicodedata

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
