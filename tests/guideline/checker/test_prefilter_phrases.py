"""The prefilter runs a phrase's detector only where all the phrase's words occur.

Issue 20: stop 38 cued a phrase by its longest word alone, so "hall key*" ran the key detector
wherever "hall" was (every "kaupunginhallitus": 82 % of the generated city posts) and "kd:tä"
(cue "tä") the election detector on 65 %. A phrase's cue is now all its required words; a
detector is still run wherever one of its phrases may match (fi/sv/en table below).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for
from someluotsi.guideline.checker.prefilter import Prefilter, cue_clauses
from someluotsi.guideline.model import ChannelContext, ChannelKind, Media
from someluotsi.guideline.text.analysis import AnalysedText


@dataclass
class Fake:
    """A detector as the prefilter sees it: rules, cues, cue patterns."""

    cues: frozenset[Any] = frozenset()
    cue_patterns: tuple[str, ...] = ()
    rules: tuple[str, ...] = ("x",)

    def detect(self, ctx: Any) -> list[Any]:
        return []


def _names(prefilter: Prefilter, text: str) -> list[int]:
    return [id(d) for d in prefilter.select(AnalysedText(text).text)]


def test_a_tuple_cue_needs_all_its_strings() -> None:
    phrase = Fake(cues=frozenset({("hall", "key")}))
    prefilter = Prefilter([phrase])
    assert _names(prefilter, "The hall key is under the mat") == [id(phrase)]
    assert _names(prefilter, "The KEY to the HALL") == [id(phrase)]  # any order, any case
    assert _names(prefilter, "Kaupunginhallitus kokoontuu") == []
    assert _names(prefilter, "A key to success") == []


def test_a_string_cue_is_enough_alone_and_implies_its_tuples() -> None:
    both = Fake(cues=frozenset({"key", ("hall", "key")}))
    assert cue_clauses(both) == [("key", ())]
    assert _names(Prefilter([both]), "a key") == [id(both)]


def test_detectors_keep_their_order_and_those_without_cues_always_run() -> None:
    always = Fake()
    phrase = Fake(cues=frozenset({("vote", "for")}))
    word = Fake(cues=frozenset({"@"}))
    pattern = Fake(cue_patterns=(r"\d{6}",))
    prefilter = Prefilter([phrase, always, word, pattern])
    assert _names(prefilter, "Vote for us at a@b.fi, code 123456") == [
        id(phrase), id(always), id(word), id(pattern)
    ]  # fmt: skip
    assert _names(prefilter, "Nothing here") == [id(always)]


@pytest.mark.parametrize("cue", [("",) * 0, 3, ("a", 3), None])
def test_a_cue_of_another_type_is_refused(cue: Any) -> None:
    with pytest.raises(TypeError, match="string or a tuple"):
        cue_clauses(Fake(cues=frozenset({cue})))


# (text, detector, runs): fi, sv, en. A phrase's first word alone ("hall" of "hall key*",
# "kaupungin" of "puhun kaupungin puolesta", "tä" of "kd:tä") runs nothing; the phrase does.
CASES = [
    ("Kaupunginhallitus kokoontuu maanantaina.", "SecurityDetector", False),
    ("Thanks for the feedback about the sports hall.", "SecurityDetector", False),
    ("Stadsstyrelsen sammanträder i kväll.", "SecurityDetector", False),
    ("The hall key is under the mat by the back door.", "SecurityDetector", True),
    ("Jätän koulun oven avaimen kukkaruukun alle.", "SecurityDetector", True),
    ("Reservnyckeln ligger under mattan.", "SecurityDetector", True),
    ("Kiitos tästä kaikille, nähdään ensi viikolla!", "ElectionCallDetector", False),
    ("Äänestäkää KD:tä!", "ElectionCallDetector", True),
    ("Rösta på SFP i söndag!", "ElectionCallDetector", True),
    ("Vote for the Greens on Sunday!", "ElectionCallDetector", True),
    ("Kaupungin kirjasto on auki tänään.", "SpeakingForCityDetector", False),
    ("Staden bjuder på kaffe i dag.", "SpeakingForCityDetector", False),
    ("The city library is open today.", "SpeakingForCityDetector", False),
    ("Puhun kaupungin puolesta: hanke toteutetaan.", "SpeakingForCityDetector", True),
    ("Jag talar för staden när jag säger att bygget börjar.", "SpeakingForCityDetector", True),
    ("I speak for the city when I say the work starts.", "SpeakingForCityDetector", True),
]


@pytest.mark.parametrize(("text", "name", "runs"), CASES)
def test_the_engine_runs_a_phrase_detector_only_where_a_phrase_may_be(
    text: str, name: str, runs: bool
) -> None:
    engine = engine_for()
    selected = {type(d).__name__ for d in engine.prefilter.select(AnalysedText(text).text)}
    assert (name in selected) is runs


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The hall key is under the mat by the back door.", "security-003"),
        ("Jätän koulun oven avaimen kukkaruukun alle.", "security-003"),
        ("Reservnyckeln ligger under mattan.", "security-003"),
        ("Puhun kaupungin puolesta: hanke toteutetaan.", "conduct-003"),
        ("Jag talar för staden när jag säger att bygget börjar.", "conduct-003"),
        ("I speak for the city when I say the work starts.", "conduct-003"),
    ],
)
def test_the_phrases_are_still_found(text: str, rule: str) -> None:
    report = engine_for().check(text, role="elected")
    assert rule in {finding.rule for finding in report.findings}


class _Everything(Prefilter):
    """A prefilter that runs every detector on every text."""

    def select(self, normalised: str) -> list[Any]:
        return list(self.detectors)


def _examples() -> list[dict[str, Any]]:
    """The keyword arguments of `check` for every example table row (text, role, channel,
    media), as the table test checks them, and each text again on a city channel."""
    from tests.guideline.checker.test_cases import CASES

    examples = []
    for _id, case in CASES:
        channel = (
            ChannelContext(
                kind=ChannelKind(case.get("channel", "personal")),
                incident=case.get("incident", False),
            )
            if "channel" in case or "incident" in case
            else None
        )
        media = tuple(Media(**item) for item in case.get("media", []))
        role = case.get("role", "employee")
        examples.append({"text": case["text"], "role": role, "channel": channel, "media": media})
        city = ChannelContext(kind=ChannelKind.CITY)
        examples.append({"text": case["text"], "role": role, "channel": city, "media": media})
    return examples


def test_the_prefilter_changes_no_finding_of_any_example() -> None:
    """Every example table's text (3,000+, fi/sv/en, all rules), with its role, channel and
    media and again on a city channel, checked by the engine and by the same engine running
    every detector on every text: the same findings. A detector whose cues miss one of its
    paths fails here (stop 39: the confidential detector's cues left out the [closed_meeting]
    terms its secret-meeting reading starts from)."""
    engine = engine_for()
    everything = GuidelineEngine(engine.rulebook)
    everything.prefilter = _Everything(everything.detectors)
    differ = []
    for example in _examples():
        found = [(f.rule, f.start, f.end) for f in engine.check(**example).findings]
        full = [(f.rule, f.start, f.end) for f in everything.check(**example).findings]
        if found != full:
            differ.append((example["text"], found, full))
    assert not differ, differ[:5]
