"""Which texts the model's findings are set aside for (model._set_aside), asked directly so
that the tables test the reading whatever the committed model scores today.

Four kinds, each with Finnish, Swedish and English texts that must be set aside and near
misses that must keep the model's finding:

- every hostile word inside the title of a work (after a word for a work, or in quotes in a
  sentence about one); an insult outside the title keeps it;
- a thing beating the rest ("hinta hakkaa kaikki muut"); a threat with the same verb keeps it;
- an own opinion of a matter with a quality word ("Mielestäni päätös on tyhmä"); the same
  word said of a person keeps it;
- the writer's own thoughts of not wanting to live ("En jaksa enää elää, kukaan ei
  välitä"); an insult or a word for the reader beside them keeps it.
"""

from __future__ import annotations

import pytest

from someluotsi.guideline.checker.detectors import model as model_detector
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.checker.rulebook import rulebook_load
from someluotsi.guideline.model import AuthorRole, ChannelContext
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import vocabulary_categories

TITLES_ASIDE = [
    ("fi", 'Elokuva "Saatanan tanssit" on hieno'),
    ("fi", "Elokuva Saatanan tanssit on hieno"),
    ("fi", "Näimme eilen elokuvan «Saatanan tanssit» kirjastossa"),
    ("fi", "Teatteri esittää näytelmän Paska Kaupunki syksyllä"),
    ("sv", 'Filmen "Jävla karlar" visas i kväll'),
    ("sv", "Teatern spelar pjäsen Jävla Karlar i höst"),
    ("sv", "Boken «Satans verser» finns på biblioteket"),
    ("en", "The film Fucking Åmål is on tonight"),
    ("en", 'The play "Stupid Fucking Bird" opens on Friday'),
    ("en", "We loved the film “Stupid Bastards” last night"),
]
TITLES_KEPT = [
    ("fi", "Se elokuva Saatanan tanssit oli paska ja ohjaaja on idiootti"),
    ("fi", 'Elokuva "Saatanan tanssit", ohjaaja on idiootti'),
    ("fi", "Saatanan idiootti, mikä elokuva!"),
    ("sv", 'Filmen "Jävla karlar" var skit och regissören är en idiot'),
    ("sv", "Jävla idiot, vilken film!"),
    ("en", "The film Damn Yankees was crap and the director is an idiot"),
    ("en", "Damn idiot, what a movie!"),
    # A long quote in a sentence about a book is a quoted text, not a title.
    (
        "fi",
        'Kirjassa lukee: "Se mies oli saatanan paska ihminen ja kaikki kylässä '
        'tiesivät sen jo kauan ennen sotaa."',
    ),
    (
        "sv",
        'I boken står det: "Han var en jävla skit människa och alla i byn visste det '
        'redan långt före kriget."',
    ),
    (
        "en",
        'The book says: "He was a damn shitty man and everyone in the village knew it '
        'long before the war."',
    ),
]
COMPARISONS_ASIDE = [
    ("fi", "hinta hakkaa kaikki muut"),
    ("fi", "Uusi uimahalli hakkaa kaikki kilpailijat"),
    ("fi", "Tämä sovellus hakkaa kilpailijansa"),
    ("fi", "Pullan hinta lyö kaikki muut"),
    ("sv", "Nya simhallen slår alla konkurrenter"),
    ("sv", "Bullen här slår alla andra i stan"),
    ("en", "The new pool beats all competitors"),
]
COMPARISONS_KEPT = [
    ("fi", "hakkaan sut huomenna"),
    ("fi", "hakkaan kaikki muut"),
    ("fi", "Hän hakkaa kaikki muut"),
    ("fi", "Vartijat hakkaavat kaikki muut ihmiset"),
    ("sv", "jag slår dig imorgon"),
    ("sv", "jag slår alla andra"),
    ("sv", "Slå alla andra!"),
    ("en", "I'll beat you up tomorrow"),
    ("en", "The gang beats all the others up"),
]
OPINIONS_ASIDE = [
    ("fi", "Mielestäni tämä hanke on ihan hullu"),
    ("fi", "Mielestäni valtuuston päätös on täysin tyhmä"),
    ("fi", "Minusta koko kaavaesitys on naurettava"),
    ("sv", "Jag tycker att beslutet är dumt"),
    ("sv", "Enligt mig är budgeten helt galen"),
    ("en", "I think this decision is stupid"),
    ("en", "In my opinion your plan is ridiculous"),
]
OPINIONS_KEPT = [
    ("fi", "Mielestäni toi tyyppi on ihan hullu"),
    ("fi", "Mielestäni Matti on ihan hullu"),
    ("fi", "Mielestäni tämä päätös on hullu ja sinä olet hullu"),
    ("fi", "Mielestäni kaavoitus on ihan perseestä"),
    ("fi", "Tämä hanke on ihan hullu"),
    ("sv", "Jag tycker att han är dum i huvudet"),
    ("sv", "Jag tycker att beslutet är dumt och att hon är en idiot"),
    ("en", "I think the mayor is stupid"),
    ("en", "I think this decision is stupid and so are you"),
]

# The writer's own thoughts of not wanting to live: a cry for help, no insult (the model
# scored "En jaksa enää elää, kukaan ei välitä" 0.37 insult, over its threshold: a fresh
# tester of stop 40). Near misses: an insult or a death wish for the reader beside it.
CRISIS_ASIDE = [
    ("fi", "En jaksa enää elää, kukaan ei välitä."),
    ("fi", "En jaksa enää elää, kaikki on turhaa ja kukaan ei välitä minusta."),
    ("fi", "Mä en jaksa enää, haluun vaan kuolla pois."),
    ("fi", "Haluan kuolla, kukaan ei välitä."),
    ("sv", "Jag orkar inte leva längre, ingen bryr sig."),
    ("sv", "Jag vill bara dö, allt är meningslöst."),
    ("en", "I can't go on living, nobody cares."),
    ("en", "I want to die, nobody cares about me."),
]
CRISIS_KEPT = [
    ("fi", "En jaksa enää elää tämän idiootin kanssa."),
    ("fi", "Haluan kuolla, te olette kaikki paskoja."),
    ("fi", "Kukaan ei välitä, kuole pois idiootti."),
    ("sv", "Jag vill dö, ni är jävla idioter."),
    ("en", "I want to die, you stupid idiots."),
    ("en", "Nobody cares, you idiot."),
]


def _set_aside(text: str) -> bool:
    analysed = AnalysedText.of(text)
    ctx = CheckContext(
        text=analysed,
        role=AuthorRole.ELECTED,
        channel=ChannelContext(),
        media=(),
        city=rulebook_load(None).city,
    )
    return model_detector._set_aside(ctx, vocabulary_categories(analysed))


def _ids(cases: list[tuple[str, str]]) -> list[str]:
    return [f"{language}:{text[:40]}" for language, text in cases]


@pytest.mark.parametrize(
    ("language", "text"),
    TITLES_ASIDE + COMPARISONS_ASIDE + OPINIONS_ASIDE + CRISIS_ASIDE,
    ids=_ids(TITLES_ASIDE + COMPARISONS_ASIDE + OPINIONS_ASIDE + CRISIS_ASIDE),
)
def test_set_aside(language: str, text: str) -> None:
    assert _set_aside(text), (language, text)


@pytest.mark.parametrize(
    ("language", "text"),
    TITLES_KEPT + COMPARISONS_KEPT + OPINIONS_KEPT + CRISIS_KEPT,
    ids=_ids(TITLES_KEPT + COMPARISONS_KEPT + OPINIONS_KEPT + CRISIS_KEPT),
)
def test_kept(language: str, text: str) -> None:
    assert not _set_aside(text), (language, text)


@pytest.mark.parametrize("text", ["Hakkaan sut", "jag slår dig", "I'll beat you up"])
def test_a_threat_with_a_verb_of_beating_is_still_found(text: str) -> None:
    assert "threat-001" in {finding.rule for finding in check(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Uusi uimahalli hakkaa kaikki kilpailijat",
        "Kokkolan kirjasto hakkaa muut kirjastot mennen tullen",
        "Pullan hinta lyö kaikki muut",
        "Appen slår konkurrenterna med hästlängder",
        "Nya simhallen slår alla konkurrenter",
        "The new pool beats all competitors",
    ],
)
def test_a_thing_beating_the_rest_is_no_threat(text: str) -> None:
    rules = {finding.rule for finding in check(text).findings}
    assert not rules & {"threat-001", "threat-004", "insult-002", "insult-003"}, rules
