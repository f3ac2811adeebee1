"""Write realistic sample exports, awkward encodings included, for the import tests and demo.

uv run --group build python tools/make_export_samples.py
(writes someluotsi/metrics/sample_exports/)

Shapes follow the platform notes (§7): Meta daily series in UTF-16 LE with `sep=,` and the
metric's name before the header; Meta content export in UTF-8 with a BOM; a YouTube Studio ZIP
with Finnish headers; LinkedIn followers as XLSX and content as legacy binary XLS (description
row, header on row 2, MM/DD/YYYY dates). Broken files sit beside them. Seeded: same files
every time. The outputs are committed.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

import xlwt
from openpyxl import Workbook

OUT = Path(__file__).resolve().parent.parent / "someluotsi" / "metrics" / "sample_exports"
START = date(2026, 10, 1)
DAYS = 31


def days() -> list[date]:
    return [START + timedelta(days=i) for i in range(DAYS)]


def meta_daily(rng: random.Random) -> None:
    for name, metric, low, high in (
        ("meta_facebook_follows_utf16.csv", "Facebook follows", 3, 25),
        ("meta_viewers_utf16.csv", "Viewers", 800, 4000),
    ):
        lines = ["sep=,", f'"{metric}"', '"Date","Primary"']
        lines += [f'"{d.isoformat()}T00:00:00","{rng.randint(low, high)}"' for d in days()]
        (OUT / name).write_bytes("\r\n".join(lines).encode("utf-16"))  # LE with BOM


def meta_content(rng: random.Random) -> None:
    header = [
        "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
        "Publish time", "Caption type", "Permalink", "Is crosspost", "Is share", "Post type",
        "Languages", "Custom labels", "Funded content status", "Data comment", "Date", "Views",
        "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares",
        "Total clicks", "Link clicks", "Other clicks", "Seconds viewed", "Average Seconds viewed",
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for index, day in enumerate(days()[::2]):
        reactions, comments, shares = rng.randint(20, 400), rng.randint(0, 60), rng.randint(0, 40)
        views = "" if index == 3 else str(rng.randint(2000, 20000))  # Views occasionally blank
        writer.writerow([
            f"1234567890_{9000 + index}", "1234567890", "Kokkolan kaupunki",
            "𝗞𝗮𝘂𝗽𝘂𝗻𝗸𝗶𝘁𝗮𝗹𝗼" if index == 0 else "", f"Tiedote {index}: Torikatu, Kokkola",
            "", f"{day.month:02d}/{day.day:02d}/{day.year} 10:{index:02d}", "", "", "No", "No",
            "Photos", "fi", "", "", "", "Lifetime", views, str(rng.randint(1500, 15000)),
            str(reactions + comments + shares), str(reactions), str(comments), str(shares),
            str(rng.randint(10, 300)), str(rng.randint(0, 100)), "0", "0", "0",
        ])  # fmt: skip
    (OUT / "meta_content_utf8bom.csv").write_bytes(buffer.getvalue().encode("utf-8-sig"))


def youtube(rng: random.Random) -> None:
    header = [
        "Päivämäärä", "Näyttökerrat", "Katseluaika (tunteina)", "Tilaajat",
        "Keskimääräinen katselun kesto",
    ]  # fmt: skip
    totals = io.StringIO()
    writer = csv.writer(totals, lineterminator="\n")
    writer.writerow(header)
    for day in days():
        writer.writerow([
            day.isoformat(), rng.randint(50, 900), f"{rng.uniform(2, 40):.4f}",
            rng.randint(-2, 9), f"0:0{rng.randint(1, 9)}:{rng.randint(10, 59)}",
        ])  # fmt: skip
    table = "Sisältö,Videon nimi,Näyttökerrat\nTotal,,12345\nabc123,Kesäteatteri,900\n"
    with zipfile.ZipFile(OUT / "youtube_studio_fi.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Totals.csv", totals.getvalue())
        archive.writestr("Table data.csv", table)
        archive.writestr("Chart data.csv", "Päivämäärä,Sisältö,Näyttökerrat\n")


def linkedin(rng: random.Random) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has one sheet
    sheet.title = "New followers"
    sheet.append(["Aggregated follower data for Kokkola, 10/1/2026 - 10/31/2026"])
    sheet.append(
        ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers",
         "Total followers"]
    )  # fmt: skip
    for day in days():
        organic = rng.randint(0, 12)
        sheet.append([f"{day.month:02d}/{day.day:02d}/{day.year}", 0, organic, 0, organic])
    book.create_sheet("Location").append(["Location", "Total followers"])
    book.save(OUT / "linkedin_followers.xlsx")

    legacy = xlwt.Workbook(encoding="utf-8")
    metrics = legacy.add_sheet("Metrics")
    metrics.write(0, 0, "Kokkolan kaupunki – sisällön analytiikka 10/1/2026 - 10/31/2026")
    columns = [
        "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
        "Unique impressions (organic)", "Clicks (total)", "Reactions (total)",
        "Comments (total)", "Reposts (total)", "Engagement rate (total)",
    ]  # fmt: skip
    for col, title in enumerate(columns):
        metrics.write(1, col, title)
    for row, day in enumerate(days(), start=2):
        organic = rng.randint(100, 2000)
        values = [
            f"{day.month:02d}/{day.day:02d}/{day.year}", organic, 0, organic,
            int(organic * 0.6), rng.randint(0, 80), rng.randint(0, 50), rng.randint(0, 10),
            rng.randint(0, 8), round(rng.uniform(0.01, 0.08), 4),
        ]  # fmt: skip
        for col, value in enumerate(values):
            metrics.write(row, col, value)
    legacy.add_sheet("All posts").write(0, 0, "Post title")
    legacy.save(str(OUT / "linkedin_content_legacy.xls"))


def broken(rng: random.Random) -> None:
    good = (OUT / "linkedin_followers.xlsx").read_bytes()
    (OUT / "broken_truncated.xlsx").write_bytes(good[: len(good) // 2])
    (OUT / "broken_binary.csv").write_bytes(bytes(rng.randrange(256) for _ in range(2048)))
    (OUT / "broken_unknown_columns.csv").write_text(
        "Kunta,Asukkaita\nKokkola,48000\n", encoding="utf-8"
    )
    lines = ["sep=,", '"Facebook follows"', '"Date","Primary"']
    lines += ['"2026-10-01T00:00:00","12"', '"2026-13-45T00:00:00","3"', '"2026-10-03","kolme"']
    lines += ['"2026-10-01T00:00:00","5"', '"2026-10-04T00:00:00","-4"', '"2026-10-05","7"']
    (OUT / "meta_follows_bad_rows_utf16.csv").write_bytes("\r\n".join(lines).encode("utf-16"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2026)
    meta_daily(rng)
    meta_content(rng)
    youtube(rng)
    linkedin(rng)
    broken(rng)
    for path in sorted(OUT.iterdir()):
        print(f"{path.name:40} {path.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
