"""One text, one answer, whatever its Unicode form (issue 16, section 2).

The same text in NFC, NFD or NFKC, with any dash of the Unicode dash family for "-", with
non-breaking or narrow spaces, and with zero-width characters or soft hyphens inside it, gets
the same findings, verdict, triage category, actions and priority; every offset points into
the text as given. A Hypothesis property over the example tables and the triage table, plus
tables of the kinds the issue names in fi, sv and en.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.messages.triage import Action, triage
from someluotsi.guideline.model import ChannelContext, ChannelKind, Media, Report
from someluotsi.guideline.text.normalize import DASHES, NormalizedText

TESTS = Path(__file__).parents[1]


def _written_letters(text: str) -> bool:
    """Whether `text` has letters that NFKC folds into others (full-width, mathematical,
    circled letters, ligatures): a11y-008 speaks of the characters as written, so the text's
    answer in NFKC differs by design."""
    return any(c.isalpha() and unicodedata.normalize("NFKC", c) != c for c in text)


# Rows whose finding is about the characters as written (decorative letters, which NFKC folds
# into plain ones: `unicode_forms = false`, or any row with such letters, whatever its rule:
# "https://ｋｏｋｋｏｌａ.fi@evil.example/" is also a11y-008) are left out.
CASES = [
    case
    for file in sorted((TESTS / "checker" / "cases").glob("*.toml"))
    for case in tomllib.loads(file.read_text(encoding="utf-8"))["case"]
    if case.get("unicode_forms", True) and not _written_letters(case["text"])
]
MESSAGES = tomllib.loads(
    (TESTS / "messages" / "triage" / "messages.toml").read_text(encoding="utf-8")
)["message"]
SPACE_FORMS = ("\u00a0", "\u202f", "\u2009", "\u2007", "\u3000")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")


@st.composite
def variant(draw: st.DrawFn, text: str) -> str:
    """`text` in another Unicode form: what a phone keyboard, a copy from a PDF or a word
    processor makes of it."""
    form: Literal["NFC", "NFD", "NFKC"] = draw(st.sampled_from(["NFC", "NFD", "NFKC"]))
    out = unicodedata.normalize(form, text)
    out = "".join(draw(st.sampled_from(DASHES + "-")) if c == "-" else c for c in out)
    out = "".join(draw(st.sampled_from((" ", *SPACE_FORMS))) if c == " " else c for c in out)
    for _ in range(draw(st.integers(0, 3))):  # inside words too
        at = draw(st.integers(0, len(out)))
        out = out[:at] + draw(st.sampled_from(INVISIBLE)) + out[at:]
    return out


def _run(case: dict[str, Any], text: str) -> Report:
    channel = (
        ChannelContext(
            kind=ChannelKind(case.get("channel", "personal")), incident=case.get("incident", False)
        )
        if "channel" in case or "incident" in case
        else None
    )
    return check(
        text,
        role=case.get("role", "employee"),
        channel=channel,
        media=[Media(**m) for m in case.get("media", [])],
        ui_language=case.get("lang", "fi"),
    )


def _answer(report: Report) -> tuple[str, list[tuple[str, str]]]:
    """The verdict and the findings, each as its rule and its excerpt read normalised."""
    return report.verdict.value, sorted(
        (f.rule, NormalizedText(f.excerpt).text.strip(" -")) for f in report.findings
    )


def _offsets_point_into(report: Report, text: str) -> None:
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.excerpt == text[finding.start : finding.end][:200]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_example_tables_give_one_answer_in_every_unicode_form(data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(CASES))
    text = data.draw(variant(case["text"]))
    report = _run(case, text)
    _offsets_point_into(report, text)
    assert _answer(report) == _answer(_run(case, case["text"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_triage_gives_one_answer_in_every_unicode_form(data: st.DataObject) -> None:
    message = data.draw(st.sampled_from(MESSAGES))
    text = data.draw(variant(message["text"]))
    got, expected = triage(text), triage(message["text"])
    assert (got.category, got.actions, got.priority) == (
        expected.category,
        expected.actions,
        expected.priority,
    )


# The kinds the issue names, each in fi, sv and en, written for this test.
HIDDEN_IN_FORM = [
    ("Hakijan henkilötunnus on 131052\u2011308T, korjatkaa.", "privacy-001"),
    ("Min personbeteckning 131052\u2013308T syns i blanketten.", "privacy-001"),
    ("My identity code 131052\u2212308T was printed on the letter.", "privacy-001"),
    ("Soittakaa minulle numeroon 040\u2011123\u20114567 iltaisin.", "privacy-004"),
    ("Ring mig på 040\u00a0123\u00a04567 efter fem.", "privacy-004"),
    ("Call our volunteer on 040\u202f123\u202f4567 tonight.", "privacy-004"),
    ("Toiminimen Y-tunnus on 1572860\u20130 ja se myy kahvia.", "privacy-012"),
    ("Bilen ABC\u2011123 står parkerad på gångbanan varje dag.", "privacy-010"),
    ("He lives at Isokatu\u00a012, ask him about it.", "privacy-009"),
    ("Hän asuu osoitteessa La\u0308nsitullinkatu 7 B 4 nykyään.", "privacy-009"),
    ("Salasana:\u00a0Kirjasto2024 kaikille vieraille.", "security-002"),
    ("Lösenordet är\u2009Bibliotek#99 för gäster.", "security-002"),
]


@pytest.mark.parametrize(("text", "rule"), HIDDEN_IN_FORM)
def test_identifiers_in_other_unicode_forms_are_seen(text: str, rule: str) -> None:
    report = check(text)
    assert rule in report.rule_ids, [f.rule for f in report.findings]
    _offsets_point_into(report, text)


@pytest.mark.parametrize(
    "text",
    [
        "Jag ska do\u0308da dig i morgon.",  # decomposed ö
        "Jag ska\u00a0skjuta dig om du inte slutar.",
        "Tapan\u200b sinut huomenna, tiedän missä asut.",
        "I will k\u00adill you tomorrow, I know where you live.",
    ],
)
def test_decomposed_or_hidden_threat_keeps_its_police_action(text: str) -> None:
    assert Action.NOTIFY_POLICE in triage(text).actions


def test_a_family_or_a_flag_is_one_emoji() -> None:
    families = "Tervetuloa 👨\u200d👩\u200d👧 perheet ja 🇫🇮 🇸🇪 naapurit!"
    assert "a11y-002" not in check(families).rule_ids  # three emoji, not seven
    six = "Välkommen " + " ".join(["👨\u200d👩\u200d👧"] * 6)
    finding = next(f for f in check(six).findings if f.rule == "a11y-002")
    assert "6" in finding.explanation


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb 131052-308T", "\udc00" * 50, "x\ud83d"])
def test_lone_surrogates_never_raise(text: str) -> None:
    report = check(text)
    _offsets_point_into(report, text)
    assert triage(text).category.value
