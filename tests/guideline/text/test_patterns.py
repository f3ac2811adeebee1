"""RE2 patterns are compiled on first use; every one of them must still compile."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.text import patterns
from someluotsi.guideline.text.patterns import LazyPattern, all_patterns, compile_pattern


def test_every_pattern_of_the_engine_compiles_with_re2() -> None:
    check("Tervetuloa #kokkolakarleby")  # imports every detector module
    patterns = all_patterns()
    assert len(patterns) > 10
    assert all(type(pattern).__name__ == "_Regexp" for pattern in patterns)


def test_a_lazy_pattern_matches_like_its_compiled_pattern() -> None:
    lazy = compile_pattern(r"(\d{3})-(\d{4})")
    assert isinstance(lazy, LazyPattern)
    found = lazy.search("soita 123-4567")
    assert found is not None
    assert found.span(1) == (6, 9)
    assert [m.group(2) for m in lazy.finditer("123-4567 890-1234")] == ["4567", "1234"]
    assert lazy.groups == 2
    assert lazy.sub("x", "a 123-4567 b") == "a x b"


def test_a_pattern_re2_cannot_compile_fails_when_the_patterns_are_listed() -> None:
    bad = compile_pattern(r"(a)\1")  # a back-reference: RE2 refuses it
    try:
        with pytest.raises(Exception, match="invalid escape"):
            all_patterns()
    finally:
        patterns._compiled.remove(bad)


PIECES = st.sampled_from(
    ["a", "ä", "@", ".", "-", " ", "1", "*", "v*ttu", "a.b@c.fi", "ABC-123", "040 123 4567",
     "131052-308T", "Isokatu 3", "https://kokkola.fi/x", "🎉", "\u200b", "#tag", "ö"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=25).map("".join))
def test_finditer_finds_what_the_binding_finds(text: str) -> None:
    check("Tervetuloa #kokkolakarleby")  # imports every detector module
    text = text.encode("utf-8", "replace").decode("utf-8")  # as normalised texts are
    for lazy in [*patterns._compiled, compile_pattern(r"(x)?(\d)|()")]:
        compiled = lazy.compiled()
        expected = [
            ([m.span(g) for g in range(compiled.groups + 1)], m.group(), m.groups())
            for m in compiled.finditer(text)
        ]
        found = [
            ([m.span(g) for g in range(compiled.groups + 1)], m.group(), m.groups())
            for m in lazy.finditer(text)
        ]
        assert found == expected, lazy.pattern
