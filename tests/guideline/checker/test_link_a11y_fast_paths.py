"""The cheap paths of the link and accessibility detectors say what the costly ones they skip or
replace said: the risky-file pattern behind its extension search, hashtags matched whole and
cut, the link-only text built from the links found, the parse and the verdicts of a link kept
per distinct span or shape."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors import accessibility, links
from someluotsi.guideline.checker.detectors.accessibility import (
    HASHTAG,
    LINK_FILLERS,
    MAX_HASHTAG,
    TAG,
    URL,
    AccessibilityDetector,
)
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.detectors.links import (
    FILE,
    SuspiciousLinkDetector,
    _cached_verdicts,
    _judge_shape,
    _Shape,
    _verdicts,
)
from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.model import AuthorRole, ChannelContext, Match
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.normalize import NormalizedText
from someluotsi.guideline.text.patterns import LETTERS as WORD
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.urls import (
    _DOT_INSIDE,
    Link,
    _cached_parse,
    _parse,
    parse_link,
    trim_link_end,
)
from someluotsi.guideline.text.urls import URL as URL_SPAN
from someluotsi.guideline.text.urls import links as find_links

# The patterns as they were before the fast paths: the references.
BOUNDED_HASHTAG = compile_pattern(r"(?:^|[^\p{L}\p{N}_&])(#[\p{L}\p{N}_]{2,100})")

TEXTS = [
    "",
    "Tervetuloa! #kokkola #KokkolaKaupunki #kokkolankaupunki2026 #a #ab",
    "Lue lisää https://www.kokkola.fi/tapahtumat ja http://bit.ly/abc",
    "asennus.exe ja setup.msi, katso myös kuva.jpg ja skripti.js/ tai run.sh2",
    "(lataa)_tiedosto-1.exe päivitys.EXE föö.bat",
    "https://kokkola.fi@evil.example/login http://192.168.1.1/a.exe",
    "www.kokkola.fi/en #ab&#cd ##tag &#x; #_ #__ #ää #名字名字",
    "TÄMÄ ON TOSI TÄRKEÄÄ ja EU:n ALV ja KELA",
    "HUOM! KAIKKI PAIKALLE HETI NYT",
    "Ⅻ ǅǅ ÅÄÖÅ ÖÖÖÖ ÉÉÉÉ",
    "#" + "a" * 99,
    "#" + "a" * 100,
    "#" + "a" * 101 + "#bb",
    "x #" + "ä" * 150 + " #" + "b" * 250 + "_#cc",
    "a" * 99 + ".exe " + "b" * 100 + ".exe " + "c" * 101 + ".exe " + "d" * 150 + "_e.exe",
    "-" + "x" * 120 + "-(y" * 30 + ".exe",
    "k0kk0la-login.fi xn--kokkol-8nf.fi https://kokkolа.fi rantalomapaikoissa.To",
    "palaute@kokkola.fi ja https://palaute@kokkola.fi/x",
    "http://3232235777/ http://0xC0A80101/install.sh",
    "https://www.kokkola.fi https://www.kokkola.fi #link",
    "#tag https://x.fi",
    "@kokkola https://x.fi #a.b",
    "sana https://x.fi/a https://y.fi kaksi",
    "https://x.fi\u200b/a www.\u00e4 www9.x",
    "\U0001f389 #juhla\U0001f389 \u00a0https://x.fi\u00a0ok",
]
PIECES = st.sampled_from(
    ["#", "#tag", "&", "_", "a", "Ä", "KELA", "EU", " ", "\n", ".", ".exe", ".js", "/", "-",
     "(", "x" * 60, "https://", "www.", "kokkola.fi", "@", "ää", "\u200b", "1", "名"]
)  # fmt: skip
MIXED = st.lists(PIECES, max_size=20).map("".join)


def _ctx(text: str) -> CheckContext:
    return CheckContext(
        text=AnalysedText(text),
        role=AuthorRole.EMPLOYEE,
        channel=ChannelContext(),
        media=(),
        city=engine_for().rulebook.city,
    )


def _spans(found: list[Match]) -> list[tuple[str, int, int, str, tuple[tuple[str, str], ...]]]:
    return [(m.rule, m.start, m.end, m.reason, tuple(sorted(m.params.items()))) for m in found]


def _hashtags(text: str) -> list[tuple[int, int, str]]:
    result = []
    for found in HASHTAG.finditer(text):
        start, end = found.span(1)
        end = min(end, start + 1 + MAX_HASHTAG)
        result.append((start, end, text[start:end]))
    return result


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(TEXTS), MIXED, st.text(max_size=40)))
def test_hashtags_matched_whole_and_cut_are_the_bounded_pattern_s(text: str) -> None:
    expected = [(*m.span(1), m.group(1)) for m in BOUNDED_HASHTAG.finditer(text)]
    assert _hashtags(text) == expected


def _reference_files(text: str) -> list[tuple[int, int, str]]:
    result = []
    for found in FILE.finditer(text):
        start, end = found.span(1)
        if end < len(text) and (text[end].isalnum() or text[end] == "/"):
            continue
        result.append((start, end, found.group(1)))
    return result


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(TEXTS), MIXED, st.text(max_size=40)))
def test_risky_files_are_found_with_the_extension_search_as_without(text: str) -> None:
    ctx = _ctx(text)
    found = [(m.start, m.end, m.params["file"]) for m in SuspiciousLinkDetector()._files(ctx)]
    normalised = ctx.text.text
    assert found == [(*ctx.text.span(a, b), name) for a, b, name in _reference_files(normalised)]


def _reference_link_only(cased: str) -> tuple[int, int] | None:
    if "http" not in cased and "www." not in cased:
        return None
    first = URL.search(cased)
    if first is None:
        return None
    rest = TAG.sub(" ", URL.compiled().sub(" ", cased))
    explaining = [word for word in WORD.findall(rest) if word.lower() not in LINK_FILLERS]
    # The span ends before the sentence's punctuation after the link (text.urls.trim_link_end).
    end = first.start() + max(1, len(trim_link_end(first.group())))
    return (first.start(), end) if not explaining else None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(TEXTS), MIXED, st.text(max_size=40)))
def test_link_only_posts_are_found_as_with_the_pattern_s_substitution(text: str) -> None:
    ctx = _ctx(text)
    found = list(AccessibilityDetector._link_only(ctx, ctx.text.cased))
    expected = _reference_link_only(ctx.text.cased)
    assert [(m.start, m.end) for m in found] == (
        [ctx.text.span(*expected)] if expected is not None else []
    )


def test_the_capitals_search_passes_every_text_with_a_shout() -> None:
    for text in TEXTS:
        cased = NormalizedText(text).cased
        words = re.findall(r"[^\W\d_]+", cased)
        upper = [w for w in words if len(w) >= 2 and w.isupper()]
        if len(upper) >= 3 and sum(len(w) >= 4 for w in upper) >= 2:
            assert accessibility._may_shout(cased), text
    assert accessibility._may_shout("TÄMÄ ON TOSI TÄRKEÄÄ")
    assert not accessibility._may_shout("Tämä on Kokkola ja EU")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(TEXTS), MIXED, st.text(max_size=40)))
def test_the_capitals_class_is_letters_other_than_a_z(text: str) -> None:
    assert accessibility._CAPITALS.findall(text) == re.findall(r"[^\W\d_a-z]{2,}", text)


def test_a_link_s_parse_is_the_same_cached_and_at_any_offset() -> None:
    span = "https://www.kokkola.fi/tapahtumat"
    first = parse_link(span, span, 0, len(span))
    again = parse_link(span, span, 40, 40 + len(span))
    assert first is not None
    assert again is not None
    assert (again.start, again.end, again.authority_end) == (40, 73, 40 + first.authority_end)
    assert _cached_parse(span, span) == _parse(span, span)
    before = _cached_parse.cache_info().currsize
    long_span = "https://kokkola.fi/" + "b" * 600
    assert parse_link(long_span, long_span, 0, len(long_span)) == Link(
        0, len(long_span), "https", "kokkola.fi", "domain", "", 18, "/" + "b" * 600,
        "kokkola.fi", False,
    )  # fmt: skip
    assert _cached_parse.cache_info().currsize == before  # too long to keep


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.sampled_from(TEXTS), MIXED))
def test_a_link_s_verdicts_are_the_same_cached_and_judged_afresh(text: str) -> None:
    ctx = _ctx(text)
    trusted = ctx.city.trusted_domains + ctx.city.domains
    for link in find_links(ctx.text):
        shape = _Shape(link.scheme, link.www, link.host, link.host_type, link.userinfo,
                       link.path, link.original_host)  # fmt: skip
        assert _verdicts(shape, trusted) == _judge_shape(shape, trusted)
        assert _cached_verdicts(shape, trusted) == _judge_shape(shape, trusted)


def test_a_text_checked_twice_gets_the_same_link_findings() -> None:
    detector = SuspiciousLinkDetector()
    for text in TEXTS:
        first = _spans(list(detector.detect(_ctx(text))))
        assert _spans(list(detector.detect(_ctx(text)))) == first, text


def test_long_shapes_are_not_kept() -> None:
    text = "https://kokkola.fi.evil.net/" + "login/" * 100
    before = _cached_verdicts.cache_info().currsize
    found = _spans(list(SuspiciousLinkDetector().detect(_ctx(text))))
    assert ("link-003", 0, len(text), "lookalike_domain", (("trusted", "kokkola.fi"),)) in found
    assert _cached_verdicts.cache_info().currsize == before
    assert len(text) > links.MAX_CACHED_SHAPE


URLISH = st.lists(
    st.sampled_from(["a", "1", ".", "://", "http", "www", "w", "x", "-", "@", "/", " ", "ä",
                     "fi", "xn--", "9", "..", "\u200b", "ftp", "s"]),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(TEXTS), URLISH, MIXED, st.text(max_size=30)))
def test_every_text_with_a_url_like_span_passes_the_cheap_search(text: str) -> None:
    normalised = NormalizedText(text).text
    if any(True for _found in URL_SPAN.finditer(normalised)):
        assert "://" in normalised or "www" in normalised or _DOT_INSIDE.search(normalised)
