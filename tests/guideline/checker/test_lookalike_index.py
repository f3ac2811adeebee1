"""A host's words are read once for all trusted domains; whether it imitates one is what the
word-by-word walk said."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
