"""Reading the platforms' own analytics exports into daily metric values. Pure Python.

Formats (see the platform notes, §7): Meta Business Suite daily series (UTF-16 with a `sep=,`
line and the metric's name before the header) and content exports (UTF-8 with a BOM, one row
per post); YouTube Studio's `Totals.csv`, alone or in the ZIP the Studio downloads; LinkedIn
page analytics as XLSX or legacy XLS (a description row, then the header, dates MM/DD/YYYY).
Schemas drift and headers come in the interface's language, so a format is recognised by a few
required columns, never the whole header, and headers are looked up in Finnish, Swedish and
English. A file that cannot be read raises ExportError; a row that cannot be read is listed
with its reason and the rest are kept.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from someluotsi.metrics.export_problems import Problem

# Realistic sample exports of every format, awkward encodings included (written by
# tools/make_export_samples.py): the tests read them and the demo imports two of them.
SAMPLE_EXPORTS = Path(__file__).resolve().parent / "sample_exports"
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 20 * 1024 * 1024  # one file inside a ZIP or workbook
MAX_ROWS = 20_000
# Net changes that can go below zero (YouTube's subscribers gained minus lost).
SIGNED = frozenset({"new_followers"})
# Metrics that can be fractional (hours); every other metric counts people, posts or actions.
FRACTIONAL = frozenset({"watch_hours"})
# The largest value stored (MetricValue.value: at most 14 digits, 2 of them after the point,
# the limit the API's values also keep).
MAX_VALUE = 999_999_999_999.99
MISSING = frozenset({"", "-", "–", "—", "n/a", "na", "null"})
# The days an export may speak of: none before social media platforms existed, none after
# tomorrow (a platform's day may end ahead of ours); 0001-01-01 or 9999-12-31 are refused.
EARLIEST_DAY = date(2004, 1, 1)


def day_out_of_range(day: date, *, today: date | None = None) -> bool:
    """True when a metrics day cannot be real: before EARLIEST_DAY or after tomorrow."""
    latest = (today or datetime.now(tz=UTC).date()) + timedelta(days=1)
    return not EARLIEST_DAY <= day <= latest


def _range_rejected(line: int, day: date) -> RejectedRow:
    return _rejected(line, "day_out_of_range", day=day.isoformat(), earliest=EARLIEST_DAY)


# Which platforms' channels an export's format can describe (the format's first word): a Meta
# Business Suite export is a Facebook page's or an Instagram account's, never an X account's.
FORMAT_PLATFORMS: dict[str, tuple[str, frozenset[str]]] = {
    "meta": ("Meta Business Suite", frozenset({"facebook", "instagram"})),
    "youtube": ("YouTube Studio", frozenset({"youtube"})),
    "linkedin": ("LinkedIn", frozenset({"linkedin"})),
}


def export_source(format: str) -> tuple[str, frozenset[str]]:
    """(the export's source as people call it, the platforms whose channels it fits) for a
    parsed format ("meta-daily", "linkedin (Visitors)"); an unknown format fits none."""
    family = re.split(r"[-\s(]", format, maxsplit=1)[0]
    return FORMAT_PLATFORMS.get(family, (format or "?", frozenset()))


class ExportError(ValueError):
    """The file as a whole cannot be read; nothing of it is used."""

    def __init__(self, code: str, **params: object) -> None:
        self.problem = Problem.of(code, **params)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class MetricRow:
    day: date
    metric: str
    value: float


@dataclass(frozen=True)
class RejectedRow:
    line: int  # 1-based line or spreadsheet row
    problem: Problem

    @property
    def reason(self) -> str:
        return str(self.problem)


def _rejected(line: int, code: str, **params: object) -> RejectedRow:
    return RejectedRow(line, Problem.of(code, **params))


@dataclass
class ParsedExport:
    format: str
    rows: list[MetricRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def days(self) -> tuple[date, date] | None:
        if not self.rows:
            return None
        days = [row.day for row in self.rows]
        return min(days), max(days)


def _key(header: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", header).strip().strip('"').lower().split())


# Header → metric, in every interface language we have seen or been told of.
HEADERS: dict[str, str] = {
    # Meta daily series (the metric name on line 2) and content exports
    "facebook follows": "new_followers",
    "follows": "new_followers",
    "facebook-seuraamiset": "new_followers",
    "seuraamiset": "new_followers",
    "facebook-följningar": "new_followers",
    "views": "views",
    "katselukerrat": "views",
    "näyttökerrat": "views",
    "visningar": "views",
    "viewers": "reach",
    "katsojat": "reach",
    "tittare": "reach",
    "reach": "reach",
    "kattavuus": "reach",
    "räckvidd": "reach",
    "content interactions": "interactions",
    "sisällön vuorovaikutukset": "interactions",
    "interaktioner med innehåll": "interactions",
    "facebook visits": "visits",
    "facebook-käynnit": "visits",
    "facebook-besök": "visits",
    "facebook link clicks": "clicks",
    "reactions": "reactions",
    "reaktiot": "reactions",
    "reaktioner": "reactions",
    "likes": "reactions",
    "comments": "comments",
    "kommentit": "comments",
    "kommentarer": "comments",
    "shares": "shares",
    "jaot": "shares",
    "jakokerrat": "shares",
    "delningar": "shares",
    "total clicks": "clicks",
    # YouTube Studio totals
    "watch time (hours)": "watch_hours",
    "katseluaika (tuntia)": "watch_hours",
    "katseluaika (tunteina)": "watch_hours",
    "visningstid (timmar)": "watch_hours",
    "subscribers": "new_followers",
    "tilaajat": "new_followers",
    "prenumeranter": "new_followers",
    "impressions": "impressions",
    "impressiot": "impressions",
    "näyttökerrat (impressiot)": "impressions",
    "exponeringar": "impressions",
    # LinkedIn
    "impressions (total)": "impressions",
    "unique impressions (organic)": "reach",
    "clicks (total)": "clicks",
    "reactions (total)": "reactions",
    "comments (total)": "comments",
    "reposts (total)": "shares",
    "shares (total)": "shares",
    "total followers": "new_followers",  # LinkedIn's "New followers" sheet: new per day
    "total unique visitors (total)": "visits",
    "total page views (total)": "views",
}
DATE_HEADERS = frozenset({"date", "päivämäärä", "pvm", "datum", "päivä", "dag"})
PUBLISH_HEADERS = frozenset({"publish time", "julkaisuaika", "publiceringstid"})
POST_ID_HEADERS = frozenset({"post id", "julkaisun tunnus", "inläggs-id"})
PRIMARY_HEADERS = frozenset({"primary", "ensisijainen", "primär"})


def parse_export(name: str, data: bytes) -> ParsedExport:
    """Recognise and read one export file. Raises ExportError for a file that cannot be used."""
    if not data:
        raise ExportError("empty")
    if len(data) > MAX_BYTES:
        raise ExportError("too_big", mb=MAX_BYTES // (1024 * 1024))
    if data.startswith(b"PK\x03\x04"):
        return _zip(name, data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _xls(data)
    return _csv(_decode(data))


def _decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00":
        encoding = "utf-16-le"  # UTF-16 without its byte-order mark
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # an export re-saved by a spreadsheet program
        except UnicodeDecodeError as exc:
            raise ExportError("encoding") from exc
    if "\x00" in text:
        raise ExportError("binary")
    return text


DELIMITERS = (",", ";", "\t")
# Lines read to decide the delimiter and the format: the title, header and first data rows.
HEADER_BLOCK = 12


def _sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits the header block most consistently: the width (more than one
    column) shared by most of its lines, then the wider split. A spreadsheet program that saved
    the file again may have padded a one-cell title line with separators or swapped commas for
    semicolons (Finnish and Swedish Excel) or tabs ("Unicode text"), so the first line alone
    cannot decide."""
    block = [line for line in lines[:HEADER_BLOCK] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(block, delimiter=delimiter) if len(row) > 1]
        except csv.Error:
            continue
        if not widths:
            continue
        width, lines_sharing = Counter(widths).most_common(1)[0]
        score = (lines_sharing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _is_title(row: Sequence[str]) -> bool:
    """A one-cell line (Meta's metric name), perhaps padded with empty cells."""
    return bool(row) and bool(row[0].strip()) and not any(cell.strip() for cell in row[1:])


def _csv(text: str) -> ParsedExport:
    lines = text.splitlines()
    offset = 0
    if lines and lines[0].strip().lower().startswith("sep="):
        delimiter = lines[0].strip()[4:5] or ","
        offset = 1
    else:
        delimiter = _sniff_delimiter(lines)
    # strict: a stray quote inside a quoted field ("Hyvä "kirjasto") refuses the file, naming
    # the line, instead of the reader quietly keeping a changed text.
    reader = csv.reader(lines[offset:], delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ExportError("field_too_long", chars=csv.field_size_limit()) from exc
        if "expected after" in str(exc) or "unexpected end of data" in str(exc):
            raise ExportError("malformed_csv_line", line=offset + reader.line_num) from exc
        raise ExportError("malformed_csv") from exc
    if len(rows) > MAX_ROWS:
        raise ExportError("too_many_rows", rows=MAX_ROWS)
    # Meta's daily series: the metric's name alone on the line before the header.
    if len(rows) >= 2 and _is_title(rows[0]) and _is_series_header(rows[1]):
        metric = HEADERS.get(_key(rows[0][0]))
        if metric is None:
            raise ExportError("unknown_meta_metric", name=repr(rows[0][0][:60]))
        return _series(rows[2:], metric, first_line=offset + 3)
    if not rows:
        raise ExportError("no_header")
    header = [_key(cell) for cell in rows[0]]
    if POST_ID_HEADERS & set(header) and PUBLISH_HEADERS & set(header):
        return _posts(header, rows[1:], first_line=offset + 2)
    if DATE_HEADERS & set(header):
        return _table("youtube-totals", rows[0], rows[1:], first_line=offset + 2, signed=SIGNED)
    raise ExportError("unknown_format")


def _is_series_header(row: Sequence[str]) -> bool:
    keys = {_key(cell) for cell in row}
    return bool(keys & DATE_HEADERS) and bool(keys & PRIMARY_HEADERS)


def _series(rows: Sequence[Sequence[str]], metric: str, *, first_line: int) -> ParsedExport:
    parsed = ParsedExport(format="meta-daily")
    seen: set[date] = set()
    day_first = _day_first(row[0] for row in rows if row)
    for line, row in enumerate(rows, start=first_line):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or (not row[1].strip() and not row[0].strip()):
            parsed.rejected.append(_rejected(line, "date_and_value"))
            continue
        _add(parsed, seen, line, row[0], [(metric, row[1])], day_first=day_first)
    return parsed


def _posts(header: list[str], rows: Sequence[Sequence[str]], *, first_line: int) -> ParsedExport:
    """Per-post lifetime totals, summed per publishing day (re-exports replace earlier ones)."""
    parsed = ParsedExport(format="meta-content")
    publish = next(i for i, h in enumerate(header) if h in PUBLISH_HEADERS)
    columns = {i: HEADERS[h] for i, h in enumerate(header) if h in HEADERS}
    parsed.ignored_columns = [
        h for i, h in enumerate(header) if i not in columns and i != publish and h
    ][:50]
    totals: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    day_first = _day_first(row[publish] for row in rows if len(row) > publish)
    for line, row in enumerate(rows, start=first_line):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            parsed.rejected.append(_rejected(line, "short_row"))
            continue
        day = _date(row[publish], day_first=day_first)
        if day is None:
            parsed.rejected.append(
                _rejected(line, "bad_publish_time", value=repr(row[publish][:30]))
            )
            continue
        if day_out_of_range(day):
            parsed.rejected.append(_range_rejected(line, day))
            continue
        values: dict[str, float] = {}
        problem: RejectedRow | None = None
        for index, metric in columns.items():
            raw = row[index].strip()
            if raw.lower() in MISSING:
                continue
            number = _number(raw)
            if number is None:
                problem = _rejected(
                    line, "not_a_number", column=header[index], value=repr(raw[:20])
                )
                break
            problem = _value_problem(line, header[index], metric, number, raw)
            if problem:
                break
            values[metric] = values.get(metric, 0) + number
        if not problem:
            over = [m for m, n in values.items() if abs(totals[day][m] + n) > MAX_VALUE]
            if over:
                total = totals[day][over[0]] + values[over[0]]
                problem = _rejected(line, "too_large", column=over[0], value=f"{total:g}")
        if problem:
            parsed.rejected.append(problem)
            continue
        totals[day]["posts"] += 1
        for metric, number in values.items():
            totals[day][metric] += number
    for day in sorted(totals):
        parsed.rows.extend(MetricRow(day, m, v) for m, v in sorted(totals[day].items()))
    return parsed


def _table(
    format: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    first_line: int,
    signed: frozenset[str] = frozenset(),
) -> ParsedExport:
    """A date column and one column per metric: YouTube totals, LinkedIn sheets."""
    keys = [_key(str(cell)) for cell in header]
    date_column = next(i for i, k in enumerate(keys) if k in DATE_HEADERS)
    columns = {i: HEADERS[k] for i, k in enumerate(keys) if k in HEADERS}
    parsed = ParsedExport(format=format)
    parsed.ignored_columns = [
        str(header[i]) for i, k in enumerate(keys) if i not in columns and i != date_column and k
    ][:50]
    if not columns:
        raise ExportError("no_known_metric")
    seen: set[date] = set()
    day_first = _day_first(str(row[date_column]) for row in rows if date_column < len(row))
    for line, row in enumerate(rows, start=first_line):
        cells = list(row)
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        raw_day = cells[date_column] if date_column < len(cells) else ""
        if _key(str(raw_day)) in {"total", "yhteensä", "totalt"}:
            continue  # YouTube's totals row
        values = [
            (metric, cells[index] if index < len(cells) else "")
            for index, metric in columns.items()
        ]
        _add(parsed, seen, line, raw_day, values, signed, day_first=day_first)
    return parsed


def _add(
    parsed: ParsedExport,
    seen: set[date],
    line: int,
    raw_day: object,
    values: Sequence[tuple[str, object]],
    signed: frozenset[str] = frozenset(),
    *,
    day_first: bool = False,
) -> None:
    day = (
        raw_day.date()
        if isinstance(raw_day, datetime)
        else _date(str(raw_day), day_first=day_first)
    )
    if day is None:
        parsed.rejected.append(_rejected(line, "bad_date", value=repr(str(raw_day)[:30])))
        return
    if day_out_of_range(day):
        parsed.rejected.append(_range_rejected(line, day))
        return
    if day in seen:
        parsed.rejected.append(_rejected(line, "repeated_date", day=day.isoformat()))
        return
    rows = []
    for metric, raw in values:
        if raw is None or (isinstance(raw, str) and raw.strip().lower() in MISSING):
            continue
        number = float(raw) if isinstance(raw, int | float) else _number(str(raw))
        if number is None or not math.isfinite(number):
            parsed.rejected.append(
                _rejected(line, "not_a_number", column=metric, value=repr(str(raw)[:20]))
            )
            return
        problem = _value_problem(line, metric, metric, number, raw, signed)
        if problem:
            parsed.rejected.append(problem)
            return
        # Several columns can feed one metric (page views on desktop and mobile): add up.
        rows.append(MetricRow(day, metric, number))
    merged: dict[str, float] = defaultdict(float)
    for row in rows:
        merged[row.metric] += row.value
    if any(abs(value) > MAX_VALUE for value in merged.values()):
        metric = next(m for m, v in merged.items() if abs(v) > MAX_VALUE)
        parsed.rejected.append(
            _rejected(line, "too_large", column=metric, value=f"{merged[metric]:g}")
        )
        return
    seen.add(day)
    parsed.rows.extend(MetricRow(day, metric, value) for metric, value in merged.items())


def _value_problem(
    line: int,
    column: str,
    metric: str,
    number: float,
    raw: object,
    signed: frozenset[str] = frozenset(),
) -> RejectedRow | None:
    """Why one cell's number cannot be a metric's value (too large to store, below zero for a
    metric that cannot shrink, a fraction of a count), else None."""
    shown = repr(str(raw).strip()[:20])
    if not math.isfinite(number) or abs(number) > MAX_VALUE:
        return _rejected(line, "too_large", column=column, value=shown)
    if number < 0 and metric not in signed:
        return _rejected(line, "negative", column=column, value=f"{number:g}")
    if metric not in FRACTIONAL and not number.is_integer():
        return _rejected(line, "fractional", column=column, value=shown)
    return None


# The platforms' own forms and those a spreadsheet program writes when it saves the file again:
# ISO (Swedish Excel: 2026-10-01 0:00), d.m.yyyy with "." or ":" in the time (Finnish), and
# m/d/yyyy (American English) or d/m/yyyy (British English), told apart per file.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H.%M.%S",
    "%b %d, %Y",
)
MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%y", "%m/%d/%y %H:%M")
DAY_FIRST = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%y", "%d/%m/%y %H:%M")
SLASH_DATE = re.compile(r"\s*\"?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


def _day_first(values: Iterable[str]) -> bool:
    """Whether the file's slash dates are day/month (British) rather than month/day (the
    platforms' and American Excel's). Decided by a number over 12 where there is one; else by
    which reading keeps the days closer together (a daily export covers consecutive days, and
    the wrong reading spreads them over months); a tie reads month first."""
    pairs = []
    for value in values:
        match = SLASH_DATE.match(value[:40])
        if match:
            first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            pairs.append((first, second, year if year > 99 else 2000 + year))
    if any(first > 12 for first, _second, _year in pairs):
        return True
    if any(second > 12 for _first, second, _year in pairs) or not pairs:
        return False

    def span(day_first: bool) -> int:
        days = [
            date(year, second, first) if day_first else date(year, first, second)
            for first, second, year in pairs
            if first and second
        ]
        return (max(days) - min(days)).days if days else 0

    return span(True) < span(False)


def _date(raw: str, *, day_first: bool = False) -> date | None:
    text = raw.strip().strip('"')[:40]
    for form in DATE_FORMATS + (DAY_FIRST if day_first else MONTH_FIRST):
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 - a calendar day only
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _number(raw: str) -> float | None:
    """1234, 1 234, 1,234, 12,5 (Finnish decimal comma), 12.5, 3.2%."""
    text = raw.strip().replace("\u00a0", " ").replace("\u202f", " ").rstrip("%").strip()
    if not text or len(text) > 30:
        return None
    text = text.replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif "," in text:
        whole, _, fraction = text.partition(",")
        text = (
            f"{whole}{fraction}"
            if len(fraction) == 3 and "," not in fraction
            else (f"{whole}.{fraction}")
        )
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _zip(name: str, data: bytes) -> ParsedExport:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise ExportError("damaged_zip") from exc
    if "xl/workbook.xml" in names:
        return _xlsx(data)
    totals = [n for n in names if n.rsplit("/", 1)[-1].lower() in {"totals.csv", "yhteensä.csv"}]
    if not totals:
        raise ExportError("zip_without_totals")
    info = archive.getinfo(totals[0])
    if info.file_size > MAX_UNPACKED:
        raise ExportError("totals_too_large")
    try:
        parsed = _csv(_decode(archive.read(info)))
    except (zipfile.BadZipFile, RuntimeError, OSError) as exc:
        raise ExportError("totals_unreadable") from exc
    parsed.format = "youtube-studio"
    return parsed


def _sheet_table(sheets: dict[str, list[list[object]]]) -> ParsedExport:
    """LinkedIn: a description row, the header on row 2, data from row 3; take the sheet
    whose header has a date and known metrics."""
    for title, rows in sheets.items():
        for header_index in (0, 1):
            if len(rows) <= header_index:
                continue
            header = ["" if c is None else str(c) for c in rows[header_index]]
            keys = {_key(h) for h in header}
            if keys & DATE_HEADERS and any(k in HEADERS for k in keys):
                parsed = _table(
                    "linkedin", header, rows[header_index + 1 :], first_line=header_index + 2
                )
                parsed.format = f"linkedin ({title})"
                return parsed
    raise ExportError("no_sheet")


def _xlsx(data: bytes) -> ParsedExport:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED * 5:
            raise ExportError("workbook_too_large")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError("xlsx_unreadable") from exc
    sheets: dict[str, list[list[object]]] = {}
    for sheet in book.worksheets:
        rows: list[list[object]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS:
                raise ExportError("sheet_too_many_rows", rows=MAX_ROWS)
        sheets[sheet.title] = rows
    book.close()
    return _sheet_table(sheets)


def _xls(data: bytes) -> ParsedExport:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as exc:
        raise ExportError("xls_unreadable") from exc
    sheets: dict[str, list[list[object]]] = {}
    for sheet in book.sheets():
        if sheet.nrows > MAX_ROWS:
            raise ExportError("sheet_too_many_rows", rows=MAX_ROWS)
        rows = []
        for index in range(sheet.nrows):
            row: list[object] = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                else:
                    row.append(cell.value)
            rows.append(row)
        sheets[sheet.name] = rows
    return _sheet_table(sheets)
