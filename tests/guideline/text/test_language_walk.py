"""The compiled language walk (text/langwalk.c) gives what the Python walk gives, to the bit.

`_Model(compiled=True)` walks py3langid's automaton and counts its features in C
(`_Walker`); `_Model(compiled=False)` in Python and numpy. Both must give the same outputs
after every byte, the same features in the same order with the same counts, and so the same
language and probability for every text and every part (test_language_model.py compares the
Python walk with py3langid itself). The extension is built by tools/lib.sh (`build_native`);
where it is not built these tests are skipped with the reason, which CI counts as a failure.
"""

from __future__ import annotations

import pickle
import threading
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.text import language
from tests.guideline.text.test_language_model import _texts

pytestmark = pytest.mark.skipif(
    language._compiled_walk() is None,
    reason="the compiled language walk is not built (tools/lib.sh build_native)",
)


@cache
def _models() -> tuple[language._Model, language._Model]:
    compiled = language._Model(language.MODEL)
    assert compiled._walker is not None
    return compiled, language._Model(language.MODEL, compiled=False)


def _same_everywhere(text: str) -> None:
    compiled, walked = _models()
    data = text.encode("utf8", errors="surrogatepass")
    assert compiled._outputs(data) == walked._outputs(data), text
    assert compiled.classify(text) == walked.classify(text), text
    # the whole text and its parts at once, as language.parts asks
    spans = language._segments(text)
    assert compiled.classify_spans(text, spans) == walked.classify_spans(text, spans), text


ODD = [
    "",
    " ",
    "\x00",
    "\x00\x00 a\x00b",
    "\ud800 lone surrogate \udfff",
    "ÅÄÖ åäö ÆØ æø",
    "🎉" * 300,
    "a" * 5000,  # past WALK_BYTES: the Python walk reads it with arrays
    "Kaupunki tiedottaa. Staden informerar. The city informs. " * 120,
    "x" * 7 + "\u0301" * 7,  # combining accents, not composed
    "KOKKOLA TIEDOTTAA: KIRJASTO SULJETTU",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_texts_walk_and_score_the_same(text: str) -> None:
    _same_everywhere(text)


def test_every_example_text_walks_and_scores_the_same() -> None:
    """The checker's example tables (fi/sv/en), the clean posts and odd texts."""
    texts = _texts()
    assert len(texts) > 3_000
    for text in texts:
        _same_everywhere(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_string_walks_and_scores_the_same(text: str) -> None:
    _same_everywhere(text)


def test_a_batch_scores_as_the_python_walk_does() -> None:
    compiled, walked = _models()
    texts = _texts()[:600]
    items = [(text, language._segments(text)) for text in texts]
    assert compiled.classify_spans_many(items) == walked.classify_spans_many(items)


def test_threads_sharing_the_walk_get_what_each_gets_alone() -> None:
    """The transitions' memory is shared by threads and the counting table is per thread:
    four threads classifying at once give the Python walk's answers."""
    compiled, walked = _models()
    texts = _texts()[:400]
    expected = [walked.classify(text) for text in texts]
    found: dict[int, list[tuple[str, float]]] = {}

    def work(number: int) -> None:
        order = texts[number:] + texts[:number]
        answers = [compiled.classify(text) for text in order]
        found[number] = answers[len(texts) - number :] + answers[: len(texts) - number]

    threads = [threading.Thread(target=work, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answers == expected for answers in found.values())


def test_the_model_without_the_extension_walks_in_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where `_langwalk` was not built the default model has no walker and still answers."""
    monkeypatch.setattr(language, "_compiled_walk", lambda: None)
    model = language._Model(language.MODEL)
    assert model._walker is None
    assert model.classify("Tack för hjälpen med ansökan!")[0] == "sv"


def test_a_build_of_another_source_is_left_unused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A `_langwalk` built before `langwalk.c` was edited (its digest differs) is not used:
    the engine walks in Python until `build_native` runs again."""
    from someluotsi.guideline.text import langwalk_build

    monkeypatch.setattr(langwalk_build, "source_digest", lambda: "0" * 64)
    assert language._compiled_walk() is None
    assert language._Model(language.MODEL)._walker is None


def test_counts_of_pieces_longer_than_the_outputs_are_refused() -> None:
    """The C count reads as many outputs as the pieces' lengths say: lengths past the
    outputs (a span past the end of its text) are a ValueError, never a read past them."""
    compiled, _walked = _models()
    assert compiled._walker is not None
    outputs = compiled._walker.outputs(b"hello world")
    with pytest.raises(ValueError, match="do not fit"):
        compiled._walker.counted(outputs, [5, 50])
    with pytest.raises(ValueError, match="do not fit"):
        compiled._walker.counted(outputs, [-1, 3])
    text = "hello world this is text"
    with pytest.raises(ValueError, match="do not fit"):
        compiled.classify_spans(text, [(1, len(text) + 5000)])


def test_a_model_pickled_and_loaded_walks_compiled_again() -> None:
    """A copy of a model (pickled for another process) leaves the walker's pointers behind
    and makes its own."""
    compiled, walked = _models()
    copy = pickle.loads(pickle.dumps(compiled))  # noqa: S301 - the test's own bytes
    assert copy._walker is not None
    assert copy._walker is not compiled._walker
    text = "Kirjasto on suljettu huomenna. Biblioteket är stängt i morgon."
    assert copy.classify(text) == walked.classify(text)
    assert pickle.loads(pickle.dumps(walked))._walker is None  # noqa: S301 - as above
