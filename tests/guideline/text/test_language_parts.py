"""The languages a report names (text/language.py): every identified text has its parts, a
sentence too short to identify joins the part before it (or the first part), and a text in
another script is reported as "other", not as the nearest of fi/sv/en."""

from __future__ import annotations

import pytest

from someluotsi.guideline.checker.engine import check


def _parts(text: str, language: str | None = None) -> list[tuple[str, str]]:
    report = check(text, language=language, channel=None)
    return [(text[p.start : p.end], p.language) for p in report.parts]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kiitos paljon!", "fi"),
        ("Käsittelemme tiedot luottamuksellisesti.", "fi"),
        ("Tack för hjälpen!", "sv"),
        ("Biblioteket är stängt.", "sv"),
        ("Thanks a lot!", "en"),
        ("The library is closed.", "en"),
    ],
)
def test_a_short_identified_text_is_one_part(text: str, language: str) -> None:
    parts = _parts(text)
    assert [found for _text, found in parts] == [language]
    assert text.startswith(parts[0][0].rstrip(".!"))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hei! Kirjasto on suljettu huomenna koko päivän.", "fi"),
        ("Hej! Biblioteket är stängt i morgon hela dagen.", "sv"),
        ("Hi! The library is closed all day tomorrow.", "en"),
    ],
)
def test_a_short_first_sentence_joins_the_first_part(text: str, language: str) -> None:
    report = check(text)
    assert [(p.start, p.language) for p in report.parts] == [(0, language)]


def test_each_short_sentence_joins_the_language_before_it() -> None:
    fi = "Kirjasto on suljettu huomenna koko päivän. Tervetuloa!"
    sv = "Biblioteket är stängt i morgon hela dagen. Välkommen!"
    en = "The library is closed all day tomorrow. Welcome!"
    text = f"{fi} {sv} {en}"
    parts = _parts(text)
    assert [language for _part, language in parts] == ["fi", "sv", "en"]
    assert [part.rstrip("!") for part, _language in parts] == [fi[:-1], sv[:-1], en[:-1]]


# Bilingual and trilingual posts of short plain sentences, with no marker word in the
# Finnish one ("on" is English too): "Kirjasto on suljettu. Biblioteket är stängt." was one
# Swedish part until stop 40 (a fresh tester). Each sentence is a part of its own language.
SHORT_BILINGUAL = [
    (["Kirjasto on suljettu.", "Biblioteket är stängt."], ["fi", "sv"]),
    (["Uimahalli on auki.", "Simhallen är öppen.", "The pool is open."], ["fi", "sv", "en"]),
    (["Kaupungintalo on suljettu.", "Stadshuset är stängt."], ["fi", "sv"]),
    (["Stadshuset är stängt.", "Kaupungintalo on suljettu."], ["sv", "fi"]),
    (["The town hall is closed.", "Kaupungintalo on suljettu."], ["en", "fi"]),
    (["Torimarkkinat peruttu.", "Torgmarknaden inställd."], ["fi", "sv"]),
]


@pytest.mark.parametrize(
    ("sentences", "languages"), SHORT_BILINGUAL, ids=[" ".join(s) for s, _l in SHORT_BILINGUAL]
)
def test_each_short_plain_sentence_of_a_bilingual_post_is_its_own_part(
    sentences: list[str], languages: list[str]
) -> None:
    parts = _parts(" ".join(sentences))
    assert [language for _part, language in parts] == languages
    assert [part.rstrip(".") for part, _language in parts] == [s.rstrip(".") for s in sentences]


@pytest.mark.parametrize(
    "text",
    [
        "Kirjasto on suljettu huomenna koko päivän. Anna Berg",
        "Biblioteket är stängt i morgon hela dagen. Matti Virtanen, Kokkola",
        "The library is closed all day tomorrow. Tori klo 12.",
    ],
)
def test_a_name_or_a_time_after_a_sentence_joins_its_part(text: str) -> None:
    assert len(_parts(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "أنا أعيش في كوكولا منذ خمس سنوات. المكتبة جميلة جدا والموظفون لطفاء.",
        "مرحبا",
        "Я живу в Коккола уже пять лет. Библиотека очень красивая.",
        "Здравствуйте!",
        "Η βιβλιοθήκη είναι κλειστή αύριο όλη την ημέρα.",
    ],
)
def test_another_script_is_reported_as_other(text: str) -> None:
    report = check(text)
    assert [p.language for p in report.parts] == ["other"]
    assert not report.language_certain
    assert report.language == "fi"
    assert report.to_dict()["language_certain"] is False


def test_a_text_in_another_script_keeps_the_channel_s_hint() -> None:
    from someluotsi.guideline.text import language

    found = language.detect("Я живу в Коккола уже пять лет.", hint="sv")
    assert found.language == "sv"
    assert not found.certain
    assert [p.language for p in found.parts] == ["other"]


@pytest.mark.parametrize(
    ("latin", "language"),
    [
        ("Kirjasto on suljettu huomenna koko päivän.", "fi"),
        ("Biblioteket är stängt i morgon hela dagen.", "sv"),
        ("The library is closed all day tomorrow.", "en"),
    ],
)
def test_a_translation_in_another_script_beside_a_known_language(latin: str, language: str) -> None:
    report = check(f"{latin}\nالمكتبة مغلقة غدا طوال اليوم للجميع.")
    assert [p.language for p in report.parts] == [language, "other"]
    assert report.language == language
    assert report.language_certain


@pytest.mark.parametrize(
    "text",
    [
        "Kirjasto on suljettu, kertoo Дмитрий Иванов.",
        "Biblioteket är stängt, säger Дмитрий Иванов.",
        "The library is closed, says Дмитрий Иванов.",
    ],
)
def test_a_name_in_another_script_leaves_a_latin_text_its_language(text: str) -> None:
    report = check(text)
    assert "other" not in {p.language for p in report.parts}
    assert report.language_certain


@pytest.mark.parametrize("text", ["Anna Lindqvist", "123", "?!"])
def test_a_text_that_says_nothing_has_no_parts(text: str) -> None:
    report = check(text)
    assert report.parts == ()
    assert not report.language_certain
