"""A dot inside an e-mail address ends no sentence; a dot typed without a space between two
sentences, or in a link's host, is read as before (text/sentences.py)."""

from __future__ import annotations

import time

import pytest

from someluotsi.guideline.text.normalize import NormalizedText
from someluotsi.guideline.text.sentences import sentences


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Ville Nieminen, ville.n@gmail.com, käyttää huumeita.", 1),
        ("Anna Berg, anna@mail.kokkola.fi, använder droger.", 1),
        ("John Smith, john.s@gmail.com, uses drugs.", 1),
        ("tällaiseen paskaan.venäläisiähän tässä oltas", 2),
        ("Kiitos.Seuraavaksi puhuu Matti.", 2),
        ("Tack.nästa gång kommer vi.", 2),
        ("Thanks.next time we come.", 2),
    ],
)
def test_a_dot_in_an_email_address_ends_no_sentence(text: str, count: int) -> None:
    assert len(sentences(NormalizedText(text))) == count


def test_a_flood_of_dots_and_at_signs_stays_linear() -> None:
    text = "a.b@c." * 20_000
    started = time.perf_counter()
    sentences(NormalizedText(text))
    assert time.perf_counter() - started < 2.0
