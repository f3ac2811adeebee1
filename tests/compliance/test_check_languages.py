"""The check page names every language it read a post in, and marks the parts of a bilingual
post with their own `lang` (WCAG 2.1, 3.1.2 Language of Parts): a fresh tester found the
page naming only the main language of "Biblioteket är stängt på midsommar. Kirjasto on
suljettu juhannuksena." (stop 34)."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from someluotsi.accounts.enums import Role
from someluotsi.compliance.presentation import Segment, highlight_segments
from someluotsi.guideline.model import Category, Finding, LanguagePart, Severity

BILINGUAL = "Biblioteket är stängt på midsommar. Kirjasto on suljettu juhannuksena."
TRILINGUAL = (
    "Uimahalli on suljettu huoltotöiden vuoksi koko viikon. "
    "Simhallen är stängd hela veckan på grund av underhållsarbeten. "
    "The swimming hall is closed all week for maintenance."
)
NAMES = {
    "fi": {"fi": "suomi", "sv": "ruotsi", "en": "englanti"},
    "sv": {"fi": "finska", "sv": "svenska", "en": "engelska"},
    "en": {"fi": "Finnish", "sv": "Swedish", "en": "English"},
}
LINE = {
    "fi": (
        "tekstin kieli {}",
        "tekstin kielet {}",
        "kieltä ei tunnistettu; tarkistuksen kieli: {}",
    ),
    "sv": ("textens språk {}", "textens språk {}", "språket kändes inte igen; granskat på {}"),
    "en": ("text language {}", "text languages {}", "language not recognised, read as {}"),
}


def _page(client: Client, text: str) -> str:
    response = client.post(reverse("compliance:check"), {"text": text, "role": "employee"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("ui", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("text", "languages"),
    [
        (BILINGUAL, ["sv", "fi"]),
        ("Kirjasto on suljettu juhannuksena. Biblioteket är stängt på midsommar.", ["fi", "sv"]),
        (TRILINGUAL, ["fi", "sv", "en"]),
        ("Kirjasto on suljettu juhannuksena, tervetuloa taas maanantaina.", ["fi"]),
        ("Biblioteket är stängt på midsommar, välkommen tillbaka på måndag.", ["sv"]),
        ("The library is closed on Midsummer Day, welcome back on Monday.", ["en"]),
    ],
)
def test_the_result_names_every_language_of_the_post(
    client_for: Callable[..., Client], ui: str, text: str, languages: list[str]
) -> None:
    html = _page(client_for(Role.EMPLOYEE, preferred_language=ui), text)
    names = ", ".join(NAMES[ui][code] for code in languages)
    line = LINE[ui][0 if len(languages) == 1 else 1].format(names)
    assert line in html


@pytest.mark.django_db
@pytest.mark.parametrize("ui", ["fi", "sv", "en"])
def test_a_text_of_no_language_says_what_it_was_read_as(
    client_for: Callable[..., Client], ui: str
) -> None:
    html = _page(client_for(Role.EMPLOYEE, preferred_language=ui), "040 123 4567 · 12.6.2026")
    assert LINE[ui][2].format(NAMES[ui]["fi"]) in html


@pytest.mark.django_db
def test_the_second_language_part_has_its_own_lang(client_for: Callable[..., Client]) -> None:
    # A finding in each part: the marks and the language spans nest (a span per piece).
    text = "Ring 040 123 4567 om du undrar något. Soita numeroon 040 765 4321, jos kysyttävää."
    html = _page(client_for(Role.EMPLOYEE), text)
    box = re.search(r'<div class="highlighted" lang="(\w+)">(.*?)</div>', html, re.S)
    assert box is not None
    assert box.group(1) == "sv"
    inner = box.group(2)
    assert '<span lang="fi">' in inner
    assert '<span lang="sv">' not in inner  # the main language is the container's
    finnish = "".join(re.findall(r'<span lang="fi">(.*?)</span>', inner, re.S))
    assert "Soita numeroon" in finnish
    assert "Ring" not in finnish
    assert '<mark class="sev-' in finnish  # the Finnish number is marked inside its part


def _finding(start: int, end: int, severity: Severity) -> Finding:
    return Finding(
        rule="privacy-004",
        category=Category.PERSONAL_DATA,
        severity=severity,
        start=start,
        end=end,
        excerpt="",
        guideline=("§2.5",),
        message="",
        suggestion="",
        explanation="",
        confidence=1.0,
    )


def _reference(text: str, findings: list[Finding]) -> list[tuple[str, str, tuple[int, ...]]]:
    """The first version's reading: every piece between two boundaries, each finding tested."""
    spans = [(f.start, f.end, n, f.severity) for n, f in enumerate(findings, 1) if f.end > f.start]
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _s, e, *_ in spans)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [(n, sev) for s, e, n, sev in spans if s <= start and end <= e]
        worst = max((sev for _n, sev in covering), key=lambda sev: sev.rank, default=None)
        pieces.append(
            (text[start:end], worst.value if worst else "", tuple(n for n, _ in covering))
        )
    return pieces


@st.composite
def _drafts(draw: st.DrawFn) -> tuple[str, list[Finding], list[LanguagePart]]:
    text = draw(st.text(alphabet="ab .", min_size=1, max_size=40))
    n = len(text)
    findings = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, n))
        end = draw(st.integers(start, n))
        findings.append(_finding(start, end, draw(st.sampled_from(list(Severity)))))
    cuts = sorted(draw(st.sets(st.integers(0, n), max_size=4)) | {0, n})
    parts = [
        LanguagePart(start, end, draw(st.sampled_from(["fi", "sv", "en", "other"])))
        for start, end in pairwise(cuts)
    ]
    return text, findings, parts


@given(_drafts())
def test_segments_are_the_reference_pieces_with_their_parts_languages(
    draft: tuple[str, list[Finding], list[LanguagePart]],
) -> None:
    text, findings, parts = draft
    plain = highlight_segments(text, findings)
    assert [(s.text, s.severity, s.finding_numbers) for s in plain] == _reference(text, findings)
    assert all(s.language == "" for s in plain)
    marked: list[Segment] = highlight_segments(text, findings, parts, "fi")
    assert "".join(s.text for s in marked) == text
    at = 0
    for segment in marked:
        if segment.text:
            inside = next(p for p in parts if p.start <= at < p.end)
            wanted = inside.language if inside.language in {"sv", "en"} else ""
            assert segment.language == wanted
        at += len(segment.text)


@pytest.mark.django_db
@pytest.mark.parametrize(("ui", "marks"), [("fi", "”%s”"), ("sv", "”%s”"), ("en", "“%s”")])
def test_excerpts_are_quoted_the_way_the_page_language_quotes(
    client_for: Callable[..., Client], ui: str, marks: str
) -> None:
    html = _page(client_for(Role.EMPLOYEE, preferred_language=ui), "Soita numeroon 040 765 4321.")
    assert f'<p class="excerpt">{marks % "040 765 4321"}</p>' in html
