"""Words spelt out letter by letter (harmful.py `_spaced`, `_pieces`): the separators read,
the word-by-word reading of a run that is no word as a whole, and the bounds that keep a
flood linear."""

from __future__ import annotations

from someluotsi.guideline.checker.detectors import harmful
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.text.vocabulary import vocabulary


def _rules(text: str) -> list[tuple[str, str]]:
    report = engine_for().check(text)
    return [(f.rule, f.excerpt) for f in report.findings]


def test_each_separator_is_read_and_mixed_separators_are_not() -> None:
    for text in ("Olet i.d.i.o.o.t.t.i", "Olet i-d-i-o-o-t-t-i", "Olet i_d_i_o_o_t_t_i"):
        assert ("insult-001", text[5:]) in _rules(text), text
    # One separator throughout: a run that changes separator is not one spelt-out word.
    assert not any(rule == "insult-001" for rule, _ in _rules("Olet i.d-i.o-o.t-t.i"))


def test_a_run_that_is_no_word_is_read_as_words_one_after_another() -> None:
    found = harmful._pieces("vittuvittu", 0, 10, vocabulary(), [harmful.SEGMENT_LOOKUPS])
    assert [(start, end) for start, end, _info in found] == [(0, 5), (5, 10)]
    assert {info.category for _s, _e, info in found} == {"obscene"}
    # The reading stops where no word starts: nothing after an unknown piece is read.
    found = harmful._pieces("qqqvittu", 0, 8, vocabulary(), [harmful.SEGMENT_LOOKUPS])
    assert found == []


def test_the_word_by_word_reading_is_bounded() -> None:
    budget = [3]
    harmful._pieces("xyzxyzxyzxyz", 0, 12, vocabulary(), budget)
    assert budget[0] <= 0  # spent, and no more look-ups were made than it allowed
    long_run = "vittu" * 20  # over MAX_SEGMENTED letters: not read word by word
    assert harmful._pieces(long_run, 0, len(long_run), vocabulary(), [10_000]) == []


def test_only_the_first_runs_of_a_flood_are_read() -> None:
    count = harmful.MAX_SPELT_RUNS + 300
    text = "v.i.t.t.u " * count
    first_unread = len("v.i.t.t.u ") * harmful.MAX_SPELT_RUNS
    hits = [h for h in harmful.analyse(_context(text)).of("obscene") if "spaced" in h.info.tags]
    assert hits
    assert max(hit.start for hit in hits) < first_unread


def _context(text: str) -> CheckContext:
    from someluotsi.guideline.model import AuthorRole, ChannelContext
    from someluotsi.guideline.text.analysis import AnalysedText

    engine = engine_for()
    return CheckContext(
        text=AnalysedText(text),
        role=AuthorRole.EMPLOYEE,
        channel=ChannelContext(),
        media=(),
        city=engine.rulebook.city,
    )


def test_a_dot_and_a_space_between_letters_and_a_glued_last_letter_are_read() -> None:
    assert ("insult-001", "i. d. i. o. t") in _rules("i. d. i. o. t")
    assert "threat-001" in {rule for rule, _excerpt in _rules("t.a.p.a.nsut")}
    # The dots end no sentence between the verb and its target.
    assert ("threat-001", "T.a.p.a.n") in _rules("T.a.p.a.n sut")


def test_sentences_are_joined_across_spelt_runs_in_order() -> None:
    of_token = [0, 1, 2, 3, 4, 5, 6]
    gaps = ["", ".", ".", " ", ". ", ".", ".", ""]
    joined = harmful._joined_sentences(of_token, [(0, 2), (4, 5)], gaps)
    assert joined == [0, 0, 0, 0, 4, 4, 4]
    assert joined == sorted(joined)  # still in token order: the bounds' binary search holds
    assert harmful._joined_sentences(of_token, [], gaps) is of_token


def test_a_flood_of_dotted_and_glued_runs_stays_bounded() -> None:
    for unit in ("t. a. p. a. n sut. ", "t.a.p.a.nsut ", "a. " * 3 + "b - "):
        text = (unit * (100_000 // len(unit)))[:100_000]
        hits = [h for h in harmful.analyse(_context(text)).hits if "spaced" in h.info.tags]
        assert len(hits) <= 2 * harmful.MAX_SPELT_RUNS
