"""The platform export readers on the committed sample files (tools/make_export_samples.py)."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.metrics import export_problems
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS, ExportError, parse_export

SAMPLES = SAMPLE_EXPORTS


@pytest.mark.parametrize(
    ("name", "fmt", "metrics", "days"),
    [
        ("meta_facebook_follows_utf16.csv", "meta-daily", {"new_followers"}, 31),
        ("meta_viewers_utf16.csv", "meta-daily", {"reach"}, 31),
        ("youtube_studio_fi.zip", "youtube-studio", {"views", "watch_hours", "new_followers"}, 31),
        ("linkedin_followers.xlsx", "linkedin (New followers)", {"new_followers"}, 31),
        (
            "linkedin_content_legacy.xls",
            "linkedin (Metrics)",
            {"impressions", "reach", "clicks", "reactions", "comments", "shares"},
            31,
        ),
    ],
)
def test_daily_exports_import_without_loss(
    name: str, fmt: str, metrics: set[str], days: int
) -> None:
    parsed = parse_export(name, (SAMPLES / name).read_bytes())
    assert parsed.format == fmt
    assert parsed.rejected == []
    assert {row.metric for row in parsed.rows} == metrics
    per_metric = Counter(row.metric for row in parsed.rows)
    assert set(per_metric.values()) == {days}  # every day of every metric, none lost


def test_meta_content_export_sums_posts_per_day() -> None:
    parsed = parse_export("c.csv", (SAMPLES / "meta_content_utf8bom.csv").read_bytes())
    assert parsed.format == "meta-content"
    assert parsed.rejected == []
    posts = sum(row.value for row in parsed.rows if row.metric == "posts")
    assert posts == 16
    # One post's Views was blank: that post adds no views, its other figures still count.
    assert sum(1 for row in parsed.rows if row.metric == "views") == 15


def test_youtube_keeps_net_subscriber_losses() -> None:
    parsed = parse_export("y.zip", (SAMPLES / "youtube_studio_fi.zip").read_bytes())
    assert any(row.value < 0 for row in parsed.rows if row.metric == "new_followers")


def test_bad_rows_are_listed_with_reasons_and_the_rest_kept() -> None:
    parsed = parse_export("b.csv", (SAMPLES / "meta_follows_bad_rows_utf16.csv").read_bytes())
    reasons = [r.reason for r in parsed.rejected]
    assert len(parsed.rows) == 2
    assert any("unreadable date" in r for r in reasons)
    assert any("not a number" in r for r in reasons)
    assert any("repeated" in r for r in reasons)
    assert any("negative" in r for r in reasons)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken_truncated.xlsx", "damaged"),
        ("broken_binary.csv", "not text|binary"),
        ("broken_unknown_columns.csv", "not a known export"),
    ],
)
def test_broken_files_are_refused_whole(name: str, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        parse_export(name, (SAMPLES / name).read_bytes())


def test_empty_and_oversized_files_are_refused() -> None:
    with pytest.raises(ExportError, match="empty"):
        parse_export("x.csv", b"")
    with pytest.raises(ExportError, match="over"):
        parse_export("x.csv", b"a" * (5 * 1024 * 1024 + 1))


def test_a_zip_without_totals_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Table data.csv", "Content,Views\n")
    with pytest.raises(ExportError, match=r"Totals\.csv"):
        parse_export("x.zip", path.read_bytes())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_result_or_a_clear_error(data: bytes) -> None:
    try:
        parsed = parse_export("fuzz.csv", data)
    except ExportError as exc:
        message = str(exc)
        parsed = None
    else:
        message = ""
    assert message if parsed is None else parsed.format


def test_every_problem_is_worded_in_three_languages_with_the_same_blanks() -> None:
    source = (Path(export_problems.__file__).parent / "platform_exports.py").read_text()
    used = set(re.findall(r'(?:ExportError|_rejected)\(\s*(?:line,\s*)?"([a-z_]+)"', source))
    assert used <= set(export_problems.wording()), used - set(export_problems.wording())
    for code, wording in export_problems.wording().items():
        assert set(wording) == {"fi", "sv", "en"}, code
        blanks = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in wording.items()}
        assert blanks["fi"] == blanks["sv"] == blanks["en"], code


def test_rejected_rows_are_worded_in_the_readers_language() -> None:
    parsed = parse_export("bad.csv", (SAMPLES / "meta_follows_bad_rows_utf16.csv").read_bytes())
    repeated = next(r for r in parsed.rejected if r.problem.code == "repeated_date")
    assert "is repeated" in repeated.reason
    assert "toistuu" in repeated.problem.text("fi")
    assert "upprepas" in repeated.problem.text("sv")
    assert export_problems.problem_text("from_a_later_version", {}, "fi") == "from_a_later_version"
    with pytest.raises(ExportError) as caught:
        parse_export("empty.csv", b"")
    assert caught.value.problem.text("sv") == "Filen är tom."


def test_a_stray_quote_in_a_quoted_field_refuses_the_file_naming_the_line() -> None:
    """`"Hyvä "kirjasto"` is not CSV: read leniently it would become `Hyvä kirjasto"`. The
    metrics upload is refused whole, as import_messages is, the line named in fi/sv/en."""
    good = "Date,Views\n2026-11-01,12\n"
    assert parse_export("Totals.csv", good.encode()).format == "youtube-totals"
    with pytest.raises(ExportError) as caught:
        parse_export("Totals.csv", (good + '2026-11-02,"Hyvä "kirjasto"\n').encode())
    assert caught.value.problem.code == "malformed_csv_line"
    assert "line 3" in str(caught.value)
    assert "rivillä 3" in caught.value.problem.text("fi")
    assert "på rad 3" in caught.value.problem.text("sv")
