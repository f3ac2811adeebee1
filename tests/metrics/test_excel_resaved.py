"""Every CSV sample export still reads the same after a spreadsheet program opened and saved it
again in Finnish, Swedish or English: the separator (`;` in fi/sv Excel, tabs in "Unicode
text"), the date form (d.m.yyyy with "." in the time, ISO, m/d/yyyy or d/m/yyyy), the decimal
comma, the encoding (ANSI cp1252, UTF-8 with BOM, UTF-16) and the one-cell title line padded
with separators. A field longer than the csv module allows is a rejected upload with a reason."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS, ExportError, parse_export
from tests.factories import ChannelFactory


@dataclass(frozen=True)
class Locale:
    name: str
    delimiter: str
    encoding: str
    date: Callable[[datetime, bool], str]  # (moment, has a time) -> text
    decimal_comma: bool


def _fi(moment: datetime, timed: bool) -> str:
    day = f"{moment.day}.{moment.month}.{moment.year}"
    return f"{day} {moment.hour}.{moment.minute:02d}" if timed else day


def _sv(moment: datetime, timed: bool) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if timed else moment.strftime("%Y-%m-%d")


def _en_us(moment: datetime, timed: bool) -> str:
    day = f"{moment.month}/{moment.day}/{moment.year}"
    return f"{day} {moment.hour}:{moment.minute:02d}" if timed else day


def _en_gb(moment: datetime, timed: bool) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if timed else moment.strftime("%d/%m/%Y")


LOCALES = [
    Locale("fi-ansi", ";", "cp1252", _fi, True),
    Locale("fi-utf8", ";", "utf-8-sig", _fi, True),
    Locale("sv-ansi", ";", "cp1252", _sv, True),
    Locale("sv-utf8", ";", "utf-8-sig", _sv, True),
    Locale("en-us", ",", "cp1252", _en_us, False),
    Locale("en-gb", ",", "utf-8-sig", _en_gb, False),
    Locale("fi-unicode-text", "\t", "utf-16", _fi, True),
]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$")
US = re.compile(r"^(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2})$")
NUMBER = re.compile(r"^-?\d+\.\d+$")


def _decode(data: bytes) -> str:
    if data[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _cell(value: str, locale: Locale) -> str:
    """What Excel shows and saves for one cell in `locale`."""
    if ISO.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value  # not a real date (a bad row): Excel keeps it as text
        return locale.date(moment, "T" in value and moment.hour + moment.minute > 0)
    if match := US.match(value):
        month, day, year, hour, minute = (int(g) for g in match.groups())
        return locale.date(datetime(year, month, day, hour, minute), True)  # noqa: DTZ001
    if NUMBER.match(value) and locale.decimal_comma:
        return value.replace(".", ",")
    return value


def resave(data: bytes, locale: Locale) -> bytes:
    """The export as a spreadsheet program saves it again: no `sep=` line, the locale's
    separator, dates and decimals, a one-cell line padded to the table's width."""
    lines = _decode(data).splitlines()
    delimiter = ","
    if lines and lines[0].lower().startswith("sep="):
        delimiter = lines[0][4:5]
        lines = lines[1:]
    rows = list(csv.reader(lines, delimiter=delimiter))
    width = max(len(row) for row in rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=locale.delimiter, lineterminator="\r\n")
    for row in rows:
        cells = [_cell(value, locale) for value in row]
        writer.writerow(cells + [""] * (width - len(cells)) if len(cells) == 1 else cells)
    # An ANSI save turns what the code page lacks into "?", as Excel does.
    return out.getvalue().encode(locale.encoding, errors="replace")


def _samples() -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(SAMPLE_EXPORTS.glob("*.csv"))}
    files.pop("broken_binary.csv")  # not text: nothing to open in a spreadsheet
    with zipfile.ZipFile(SAMPLE_EXPORTS / "youtube_studio_fi.zip") as archive:
        files["youtube Totals.csv"] = archive.read("Totals.csv")
    return files


SAMPLES = _samples()


def _outcome(name: str, data: bytes) -> object:
    try:
        parsed = parse_export(name, data)
    except ExportError as exc:
        return ("refused", exc.problem.code)
    rows = sorted((r.day, r.metric, round(r.value, 6)) for r in parsed.rows)
    rejected = [
        (r.line - (1 if data_has_sep(data) else 0), r.problem.code) for r in parsed.rejected
    ]
    return (parsed.format, rows, rejected)


def data_has_sep(data: bytes) -> bool:
    return _decode(data).lower().startswith("sep=")


@pytest.mark.parametrize("locale", LOCALES, ids=lambda locale: locale.name)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_re_saved_export_reads_the_same(name: str, locale: Locale) -> None:
    original = SAMPLES[name]
    expected = _outcome(name, original)
    resaved = resave(original, locale)
    assert _outcome(name, resaved) == expected


def test_the_re_save_really_changes_the_file() -> None:
    """The simulation is not a no-op: separators, dates and padding change as Excel's do."""
    data = resave(SAMPLES["meta_viewers_utf16.csv"], LOCALES[0]).decode("cp1252")
    lines = data.splitlines()
    assert lines[0] == "Viewers;"
    assert lines[1] == "Date;Primary"
    assert lines[2] == "1.10.2026;1830"


def test_a_field_over_the_csv_limit_is_refused_with_its_reason() -> None:
    data = ("Date,Views\n2026-10-01," + "9" * (csv.field_size_limit() + 1) + "\n").encode()
    with pytest.raises(ExportError) as caught:
        parse_export("huge.csv", data)
    assert caught.value.problem.code == "field_too_long"
    quoted = ('Date,Views\n2026-10-01,"' + "xx\n" * 70_000 + '"\n').encode()
    with pytest.raises(ExportError) as caught_quoted:
        parse_export("huge.csv", quoted)
    assert caught_quoted.value.problem.code == "field_too_long"


@pytest.mark.django_db
def test_an_upload_with_a_huge_field_is_recorded_as_rejected(
    make_user: Callable[..., User],
) -> None:
    from someluotsi.metrics.enums import ImportStatus
    from someluotsi.metrics.services import metric_import_upload

    user = make_user(Role.MAVI)
    channel = ChannelFactory.create()
    data = ("Date,Views\n2026-10-01," + "9" * 200_000 + "\n").encode()
    record = metric_import_upload(actor=user, channel=channel, file_name="huge.csv", data=data)
    assert record.pk is not None
    assert record.status == ImportStatus.REJECTED
    assert record.error["code"] == "field_too_long"
