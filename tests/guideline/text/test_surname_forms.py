"""Inflected surnames read back to the surname list's base form (`names.surname_base`): the
Finnish stem vowel and consonant gradation are undone; everyday words stay no surname."""

from __future__ import annotations

import pytest

from someluotsi.guideline.text.names import surname_base


@pytest.mark.parametrize(
    ("word", "surname"),
    [
        ("koskelle", "koski"),  # koske- : koski (stem vowel)
        ("kosken", "koski"),
        ("koskea", "koski"),
        ("virtaselle", "virtanen"),
        ("mäkelälle", "mäkelä"),
        ("rinteeltä", "rinne"),  # rintee- : rinne (nt : nn)
        ("kankaalle", "kangas"),  # kankaa- : kangas (nk : ng)
        ("lahdelle", "lahti"),  # lahde- : lahti (hd : ht)
        ("lehdolle", "lehto"),  # lehdo- : lehto (d : t)
        ("rannalle", "ranta"),  # ranna- : ranta (nn : nt)
        ("mäelle", "mäki"),  # mäe- : mäki (k dropped)
        ("niemelle", "niemi"),
        ("nybergs", "nyberg"),
        ("smithin", "smith"),
    ],
)
def test_inflected_surname(word: str, surname: str) -> None:
    assert surname_base(word) == surname


@pytest.mark.parametrize(
    "word", ["kiitos", "tänään", "kaupungille", "kokouksessa", "sairaalassa", "syöpä", "kotiin"]
)
def test_everyday_word_is_no_surname(word: str) -> None:
    assert surname_base(word) is None
