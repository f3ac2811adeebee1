from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from someluotsi.channels.models import Channel
from someluotsi.inbox.models import Message
from tests.factories import ChannelFactory

ROWS = [
    {
        "channel": "kokkolankaupunki",
        "external_id": "fb-1",
        "kind": "comment",
        "text": "Miksi uimahalli on kiinni?",
        "received_at": "2026-11-24T10:00:00+02:00",
    },
    {
        "channel": "kokkolankaupunki",
        "external_id": "fb-2",
        "kind": "direct",
        "text": "Kiitos upeasta konsertista!",
        "received_at": "2026-11-24T11:00:00+02:00",
        "author_handle": "@asukas",
    },
]


@pytest.fixture
def channel() -> Channel:
    return ChannelFactory.create(platform="facebook", handle="kokkolankaupunki")


def _import(path: Path) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_messages", str(path), stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.django_db
def test_json_list_imports_and_a_second_run_adds_nothing(channel: Channel, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(ROWS), encoding="utf-8")
    assert "2 imported, 0 already there" in _import(path)
    assert "0 imported, 2 already there" in _import(path)
    assert set(Message.objects.values_list("category", flat=True)) == {"question", "praise"}


@pytest.mark.django_db
def test_csv_with_a_byte_order_mark_imports(channel: Channel, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    header = "channel,external_id,kind,text,received_at\n"
    lines = "".join(
        f'{r["channel"]},{r["external_id"]},{r["kind"]},"{r["text"]}",{r["received_at"]}\n'
        for r in ROWS
    )
    path.write_bytes(("\ufeff" + header + lines).encode("utf-8"))
    assert "2 imported" in _import(path)


@pytest.mark.django_db
def test_json_lines_import(channel: Channel, tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    assert "2 imported" in _import(path)


@pytest.mark.django_db
def test_a_file_with_bad_rows_changes_nothing_and_names_each_row(
    channel: Channel, tmp_path: Path
) -> None:
    bad = [
        *ROWS,
        {**ROWS[0], "external_id": "fb-3", "received_at": "eilen"},
        {**ROWS[0], "external_id": "fb-4", "channel": "unknown"},
        {**ROWS[0], "external_id": "fb-5", "received_at": "2026-11-24T10:00:00"},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="3 rejected rows; nothing was imported"):
        call_command("import_messages", str(path), stdout=StringIO(), stderr=err)
    errors = err.getvalue()
    assert "row 3: received_at is not a date and time" in errors
    assert "row 4: unknown channel 'unknown'" in errors
    assert "row 5: received_at needs a time zone" in errors
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"\xff\xfe\x00junk", b"{not json", b'{"a": 1}'])
def test_unreadable_files_are_refused(channel: Channel, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_messages", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_platform_data_with_control_characters_is_imported_neutralised(
    channel: Channel, tmp_path: Path
) -> None:
    """The importer never refuses a row for its characters (nothing a platform delivered is
    lost); off-platform permalinks are dropped; an odd language is detected instead."""
    rows = [
        {**ROWS[0], "text": "Uhkaus \u2067piilossa\x07", "author_handle": "\u202eadmin\x7f",
         "permalink": "https://example.com/\"><script>", "language": "de"},
        {**ROWS[1], "language": 5, "permalink": "https://www.facebook.com/k/posts/2"},
    ]  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert "2 imported" in _import(path)
    first = Message.objects.get(external_id="fb-1")
    assert first.text == "Uhkaus  piilossa "
    assert first.author_handle == "admin"
    assert first.permalink == ""
    assert Message.objects.get(external_id="fb-2").permalink.startswith("https://www.facebook")


@pytest.mark.django_db
def test_a_row_whose_kind_is_not_text_is_named_not_a_crash(
    channel: Channel, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{**ROWS[0], "kind": ["comment"]}]), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 rejected rows"):
        call_command("import_messages", str(path), stdout=StringIO(), stderr=err)
    assert "row 1: kind must be one of" in err.getvalue()


TIME = "2026-11-24T10:00:00+02:00"


@pytest.mark.django_db
def test_a_stray_quote_in_a_quoted_csv_field_refuses_the_file_naming_the_line(
    channel: Channel, tmp_path: Path
) -> None:
    """`"Hyvä "kirjasto"` is not CSV: the reader would store `Hyvä kirjasto"`, a changed text.
    The file is refused, the line named, nothing stored; a quote written twice imports."""
    header = "channel,external_id,kind,text,received_at\n"
    good = 'kokkolankaupunki,fb-1,comment,"Miksi ""uimahalli"" on kiinni?",' + TIME + "\n"
    bad = 'kokkolankaupunki,fb-2,comment,"Hyvä "kirjasto",' + TIME + "\n"
    path = tmp_path / "export.csv"
    path.write_text(header + good + bad, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_messages", str(path), stdout=StringIO(), stderr=err)
    assert "line 3: malformed CSV quoting" in err.getvalue()
    assert not Message.objects.exists()
    path.write_text(header + good, encoding="utf-8")
    _import(path)
    assert Message.objects.get().text == 'Miksi "uimahalli" on kiinni?'
