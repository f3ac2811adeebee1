"""The matter a privacy-011 finding names in its explanation: using drugs is substance use,
not a crime; dealing drugs and violence at home are crimes (§2.5, §6.4). Written per language
for the same kinds of statement."""

from __future__ import annotations

import pytest

from someluotsi.guideline.checker.engine import check

ADDICTION = {"fi": "riippuvuus tai päihteet", "sv": "beroende eller missbruk", "en": "addiction"}
CRIME = {"fi": "(rikos)", "sv": "(brott)", "en": "(crime)"}


@pytest.mark.parametrize(
    ("language", "text", "topic"),
    [
        ("fi", "Ville Nieminen käyttää huumeita.", ADDICTION),
        ("fi", "Ville Nieminen, ville.n@gmail.com, käytti huumeita viime vuonna.", ADDICTION),
        ("fi", "Matti Virtanen juo joka päivä.", ADDICTION),
        ("sv", "Anna Berg använder droger.", ADDICTION),
        ("sv", "Karl Nyberg dricker för mycket.", ADDICTION),
        ("en", "John Smith uses drugs.", ADDICTION),
        ("en", "Tom Harris drinks too much.", ADDICTION),
        ("fi", "Pekka Salonen myy huumeita.", CRIME),
        ("fi", "Pekka Salonen lyö vaimoaan.", CRIME),
        ("sv", "Erik Lund slår sin fru.", CRIME),
        ("en", "Mark Evans beats his wife.", CRIME),
    ],
)
def test_the_explanation_names_the_kind_of_matter(
    language: str, text: str, topic: dict[str, str]
) -> None:
    found = list(check(text, role="elected", ui_language=language).findings)
    explained = [f.explanation for f in found if f.rule == "privacy-011"]
    assert len(explained) == 1, found
    assert topic[language] in explained[0]
