"""Detectors that read a long text once per distinct word (or host word) say what the
word-by-word walks they replace said: look-alike links, shouting, masked words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors.accessibility import AccessibilityDetector
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.detectors.harmful import MASKED, masked_words
from someluotsi.guideline.checker.detectors.links import (
    PHISHING_WORDS,
    _extract,
    _folds,
    _HostWords,
    _imitates,
    _Trusted,
    _trusted,
    _within_one_edit,
)
from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.model import AuthorRole, ChannelContext
from someluotsi.guideline.text.analysis import AnalysedText

TRUSTED = _trusted(("kokkola.fi", "kela.fi", "vero.fi"))
PARTS = ["kokkola", "k0kk0la", "kokko1a", "kela", "ke1a", "vero", "login", "fi", "evil", "rn",
         "kokola", "suomi", "x", "kelafi", "kokkolakirjaudu"]  # fmt: skip
HOSTS = st.lists(
    st.tuples(st.sampled_from(PARTS), st.sampled_from([".", "-"])), min_size=1, max_size=5
).map(lambda pieces: "".join(p + s for p, s in pieces)[:-1] + "." + "com")


def _walk(host: str, trusted: _Trusted) -> bool:
    """The word-by-word decision the index replaces."""
    parts = _extract()(host)
    name = trusted.name
    labels = [label for label in (*parts.subdomain.split("."), parts.domain) if label]
    words = [word for label in labels for word in label.split("-") if word]
    plain = set(words)
    lure = bool((plain - {name}) & PHISHING_WORDS) or trusted.suffix in plain
    for word in words:
        if name not in _folds(word) and word != name:
            continue
        if word != name or lure or len(name) >= 5:
            return True
    domain_folds = _folds(parts.domain.replace("-", ""))
    if len(name) >= 5 and any(_within_one_edit(f, name) for f in domain_folds):
        return True
    if len(name) >= 4:
        swapped = parts.domain.replace("-", "") not in {name} and name not in parts.domain
        for folded in domain_folds:
            for rest in (folded.removeprefix(name), folded.removesuffix(name)):
                if rest == folded or not rest:
                    continue
                if (
                    swapped
                    or rest == trusted.suffix
                    or any(rest.startswith(w) or rest.endswith(w) for w in PHISHING_WORDS)
                ):
                    return True
    return False


@settings(max_examples=300, deadline=None)
@given(HOSTS)
def test_imitation_is_decided_as_word_by_word(host: str) -> None:
    parts = _extract()(host)
    words = _HostWords.of(parts)
    for item in TRUSTED:
        assert _imitates(parts, words, item) == _walk(host, item)


def _reference_shouts(cased: str) -> list[tuple[int, int]]:
    run: list[tuple[int, int]] = []
    runs: list[list[tuple[int, int]]] = []
    for found in re.finditer(r"[^\W\d_]+", cased):
        word = found.group()
        if len(word) >= 2 and word.isupper():
            run.append(found.span())
        elif len(word) >= 2:
            if len(run) >= 3:
                runs.append(run)
            run = []
    if len(run) >= 3:
        runs.append(run)
    return [
        (shout[0][0], shout[-1][1])
        for shout in runs
        if sum(end - start >= 4 for start, end in shout) >= 2
    ]


SHOUTY = st.lists(
    st.sampled_from(["KOKKOLA", "EU", "a", "A", "ja", "Kaupunki", "ÄÄNI", " ", "-", "2", "Ⅻ",
                     "ǅ", "KELA", ". ", "\n", "x"]),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(SHOUTY, st.text(max_size=30)))
def test_shouting_is_found_as_word_by_word(cased: str) -> None:
    ctx = CheckContext(
        text=AnalysedText(cased),
        role=AuthorRole.EMPLOYEE,
        channel=ChannelContext(),
        media=(),
        city=engine_for().rulebook.city,
    )
    found = list(AccessibilityDetector._shouting(ctx, cased))
    assert [(m.start, m.end) for m in found] == [
        ctx.text.span(a, b) for a, b in _reference_shouts(cased)
    ]


MASKY = st.lists(
    st.sampled_from(["v*ttu", "p**ka", "a@", "a.b@c.fi", " ", "  ", "*", "_", "#", "ä", "1",
                     "\n", "x", "-", "sh*t", "@@", "a_b", ",", ".", "(", "€", "/", "é", "\u0301"]),
    max_size=25,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.one_of(MASKY, st.text(max_size=30)))
def test_masked_words_are_the_pattern_s_matches_in_the_whole_text(text: str) -> None:
    expected = [(m.start(1), m.end(1), m.group(1)) for m in MASKED.compiled().finditer(text)]
    assert list(masked_words(text)) == expected
