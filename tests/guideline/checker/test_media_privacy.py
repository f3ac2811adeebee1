"""Personal data in an attachment's alt text and file name (§2.5, §6.4): read like the post's
text, reported with where it is (`Finding.media`, the message's start), never left out
because the post's own text is clean. Cases in Finnish, Swedish and English."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.checker.redaction import redact
from someluotsi.guideline.model import Media

# (language, post text, media, rule expected or None, field it is in)
CASES = [
    (
        "fi",
        "Tervetuloa vastaanotolle!",
        Media("image", alt="Potilas Matti Virtanen, hetu 131052-308T"),
        "privacy-001",
        "alt",
    ),
    (
        "sv",
        "Välkommen till mottagningen!",
        Media("image", alt="Patienten Anna Holm, personnummer 811228-9874"),
        "privacy-003",
        "alt",
    ),
    (
        "en",
        "Welcome to the clinic!",
        Media("image", alt="Mark Evans, who has cancer, in his hospital bed"),
        "privacy-011",
        "alt",
    ),
    (
        "fi",
        "Kuvia tapahtumasta.",
        Media("image", alt="Tapahtumakuva", filename="liisa_korhonen_040-123 4567.jpg"),
        "privacy-004",
        "filename",
    ),
    (
        "sv",
        "Bilder från evenemanget.",
        Media("file", filename="C:\\docs\\ansokan_131052-308T.pdf"),
        "privacy-001",
        "filename",
    ),
    (
        "en",
        "Photos from the event.",
        Media("image", alt="Contact: john.smith@gmail.com"),
        "privacy-005",
        "alt",
    ),
    # Near misses: ordinary alt texts and camera file names stay clean.
    (
        "fi",
        "Kuvia torilta.",
        Media("image", alt="Kokkolan tori kesäaamuna 5.6.2024", filename="IMG_20240605_093015.jpg"),
        None,
        "",
    ),
    (
        "sv",
        "Bilder från torget.",
        Media("image", alt="Torget i Karleby en sommarmorgon", filename="DSC01234.JPG"),
        None,
        "",
    ),
    (
        "en",
        "Photos from the square.",
        Media(
            "image",
            alt="The market square on a summer morning",
            filename="kokkola_square_2024-06-05_1200.png",
        ),
        None,
        "",
    ),
]


@pytest.mark.parametrize(("language", "text", "media", "rule", "field"), CASES)
def test_media_fields_are_read_for_personal_data(
    language: str, text: str, media: Media, rule: str | None, field: str
) -> None:
    report = check(text, media=[media], ui_language=language)
    in_media = [f for f in report.findings if f.media is not None]
    if rule is None:
        assert in_media == [], [f.rule for f in in_media]
        return
    found = [f for f in in_media if f.rule == rule]
    assert found, [(f.rule, f.media) for f in in_media]
    assert found[0].media == (0, field)
    assert (found[0].start, found[0].end) == (0, 0)
    place = {
        "alt": {"fi": "vaihtoehtoisessa tekstissä", "sv": "alt-texten", "en": "alt text"},
        "filename": {"fi": "tiedostonimessä", "sv": "filnamnet", "en": "file name"},
    }
    assert place[field][language] in found[0].message
    assert found[0].to_dict()["media"] == {"index": 0, "field": field}
    # The post's text itself is untouched by the redacted copy.
    assert redact(text, report.findings, ui_language=language) == text


def test_the_text_findings_have_no_media_field() -> None:
    finding = check("Hetu 131052-308T").findings[0]
    assert finding.media is None
    assert "media" not in finding.to_dict()


def test_the_attachment_is_numbered_from_one_in_the_message() -> None:
    media = [Media("image", alt="Torikuva"), Media("image", alt="Hetu 131052-308T")]
    report = check("Kuvia torilta.", media=media, ui_language="en")
    (finding,) = [f for f in report.findings if f.media is not None]
    assert finding.media == (1, "alt")
    assert finding.message.startswith("In the alt text of attachment 2:")


def test_batch_line_with_media_reports_the_alt_text() -> None:
    line = json.dumps(
        {
            "id": 1,
            "text": "Tervetuloa!",
            "media": [{"kind": "image", "alt": "Potilas Matti Virtanen, hetu 131052-308T"}],
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "someluotsi.guideline", "check", "--batch"],
        input=line + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    report = json.loads(result.stdout.splitlines()[0])
    assert report["verdict"] == "block"
    assert report["findings"][0]["media"] == {"index": 0, "field": "alt"}
