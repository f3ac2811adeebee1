"""The shipped harm classifier: its operating point and its behaviour on everyday language.

Issue 16 §7: the model's thresholds are F1-optimal in grouped cross-validation on the Suomi24
development data, but never so low that everyday texts pass them. These tests read the
committed artefact, so a retrained model that loosens that bound fails here.
"""

from __future__ import annotations

import pytest

from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import (
    ATTRIBUTES,
    gate_open,
    harm_classifier,
    vocabulary_categories,
)

# Written for this test (not in any training file): everyday sentences a city or a citizen
# writes, several of them with words the model has learnt to weigh (groups, violence in a
# figurative sense, complaints).
EVERYDAY = {
    "fi": [
        "Kaupunginvaltuusto kokoontuu maanantaina kello 17 valtuustosaliin.",
        "Päiväkodin pihan leikkivälineet uusitaan kesän aikana.",
        "Maahanmuuttajien kielikahvila jatkuu syksyllä kirjaston kokoushuoneessa.",
        "Tienvarsien niitto alkaa ensi viikolla, ajakaa varovasti työmaiden kohdalla.",
        "Olen tosi pettynyt, että bussi jätti tänään taas tulematta.",
        "Uimahallin sauna oli eilen kylmä, voisitteko tarkistaa kiukaan?",
        "Vanhusten palvelutalossa vietetään kesäjuhlaa torstaina, omaiset ovat tervetulleita.",
        "Jäähallin kahvio on suljettu loppuviikon putkiremontin takia.",
    ],
    "sv": [
        "Stadsfullmäktige sammanträder på måndag klockan 17 i fullmäktigesalen.",
        "Språkcaféet för invandrare fortsätter i höst på biblioteket.",
        "Jag är besviken på att bussen inte kom i dag heller.",
        "Simhallens bastu var kall i går, kan ni kontrollera aggregatet?",
        "Vägkanterna slås nästa vecka, kör försiktigt förbi arbetsplatserna.",
        "Välkommen till sommarfesten på servicehuset på torsdag!",
    ],
    "en": [
        "The city council meets on Monday at 5 pm in the council chamber.",
        "The language café for immigrants continues at the library this autumn.",
        "I am disappointed that the bus did not come again today.",
        "The sauna at the swimming hall was cold yesterday, could you check the heater?",
        "Roadside mowing starts next week, please drive carefully past the work sites.",
        "Welcome to the summer party at the service home on Thursday!",
    ],
}


def _flags(text: str) -> list[str]:
    classifier = harm_classifier()
    assert classifier is not None
    normalized = AnalysedText(text)
    scores = classifier.scores(normalized)
    categories = vocabulary_categories(normalized)
    return [
        name
        for name, model in classifier.models.items()
        if model.threshold <= 1 and gate_open(name, categories) and scores[name] >= model.threshold
    ]


def test_the_model_is_shipped_for_every_attribute() -> None:
    classifier = harm_classifier()
    assert classifier is not None
    assert set(classifier.models) == set(ATTRIBUTES)


def test_shipped_thresholds_keep_everyday_texts_out() -> None:
    classifier = harm_classifier()
    assert classifier is not None
    attributes = classifier.meta["attributes"]
    assert isinstance(attributes, dict)
    for name in ATTRIBUTES:
        report = attributes[name]
        # At most 0.5 % of the calibration sample of everyday texts (quantile ties aside).
        assert report["ordinary_flag_rate"] <= 0.006, (name, report["ordinary_flag_rate"])
        if name != "toxicity":
            assert report["product_threshold"] >= report["threshold"], name


def test_cross_validated_figures_are_recorded_per_attribute() -> None:
    classifier = harm_classifier()
    assert classifier is not None
    attributes = classifier.meta["attributes"]
    assert isinstance(attributes, dict)
    for name in ATTRIBUTES:
        for key in ("cv", "cv_product"):
            assert 0.0 < attributes[name][key]["f1"] <= 1.0, (name, key)
    specified = classifier.meta["toxicity_as_specified"]
    assert isinstance(specified, dict)
    assert 0.0 < specified["product"]["f1"] <= 1.0


@pytest.mark.parametrize(
    ("lang", "text"),
    [(lang, text) for lang, texts in EVERYDAY.items() for text in texts],
)
def test_everyday_text_passes_the_model(lang: str, text: str) -> None:
    assert _flags(text) == [], lang
