"""A concrete question's suggested reply says what the city will do and by when (fi, sv, en)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from someluotsi.guideline.messages.replies import answer_by_phrase, question_topic
from someluotsi.guideline.messages.triage import TriageCategory, triage

HELSINKI = ZoneInfo("Europe/Helsinki")

# text, language, expected topic ("" none)
TOPIC_CASES = [
    ("Milloin kirjasto aukeaa lauantaina?", "fi", "opening_hours"),
    ("Onko uimahalli auki pyhäinpäivänä?", "fi", "opening_hours"),
    ("Mitkä ovat museon aukioloajat jouluna?", "fi", "opening_hours"),
    ("När öppnar biblioteket på lördag?", "sv", "opening_hours"),
    ("Hur länge håller ni öppet i kväll?", "sv", "opening_hours"),
    ("Is the swimming hall open on Sunday?", "en", "opening_hours"),
    ("Paljonko maksaa uimahallin sarjakortti eläkeläiselle?", "fi", "price"),
    ("Onko näyttely ilmainen?", "fi", "price"),
    ("Vad kostar simhallen för pensionärer?", "sv", "price"),
    ("How much is the entry fee for students?", "en", "price"),
    ("Miten lapsen voi ilmoittaa kerhoon? Mistä ilmoittautuminen?", "fi", "registration"),
    ("Hur anmäler jag mitt barn till simskolan?", "sv", "registration"),
    ("How do I register for the coding course?", "en", "registration"),
    ("Missä uusi nuorisotila sijaitsee?", "fi", "place"),
    ("Var ligger det nya ungdomsutrymmet?", "sv", "place"),
    ("Where can I park near the theatre?", "en", "place"),
    ("Katuvalo on rikki Torikadulla, kuka korjaa?", "fi", "fault"),
    ("Gatlampan på Torggatan är trasig, vem lagar den?", "sv", "fault"),
    ("The playground swing is broken, who will fix it?", "en", "fault"),
    ("Milloin konsertti alkaa?", "fi", "schedule"),
    ("När börjar konserten?", "sv", "schedule"),
    ("What time does the concert start?", "en", "schedule"),
    # Not topics: words that only look like one.
    ("Voinko uusia lainani verkossa?", "fi", ""),
    ("Can I renew my books online?", "en", ""),
    ("Finns det svenskspråkig verksamhet nära mig?", "sv", ""),
]


@pytest.mark.parametrize(("text", "language", "expected"), TOPIC_CASES)
def test_question_topic(text: str, language: str, expected: str) -> None:
    topic = question_topic(text, language)
    assert (topic.name if topic else "") == expected


@pytest.mark.parametrize(
    ("text", "promise"),
    [
        ("Milloin kirjasto aukeaa lauantaina?", "Tarkistamme aukioloajat"),
        ("När öppnar biblioteket på lördag?", "Vi kontrollerar öppettiderna"),
        ("When does the library open on Saturday?", "We will check the opening hours"),
        ("Vad kostar simhallen för pensionärer?", "Vi kontrollerar priserna"),
        ("How do I register for the coding course?", "how to register or book"),
    ],
)
def test_question_reply_says_what_the_city_will_do(text: str, promise: str) -> None:
    result = triage(text)
    assert result.category is TriageCategory.QUESTION
    assert promise in result.reply
    assert "{" not in result.reply


def test_fault_report_without_a_question_mark_gets_the_fault_reply() -> None:
    result = triage("Katuvalo on rikki Torikadulla ja on pimeää.")
    assert result.topic == "fault"
    assert "korjauksesta vastaaville" in result.reply
    assert "eFeedback" in result.reply


def test_a_question_without_a_topic_still_promises_an_answer() -> None:
    result = triage("Voinko uusia lainani verkossa?")
    assert result.topic == ""
    assert result.reply.startswith("Kiitos kysymyksestä! Selvitämme asian")
    assert "{answer_by}" not in result.reply


def test_the_citys_own_template_is_used_for_questions_without_a_topic() -> None:
    own = {"question": {"fi": "Hei! Vastaamme {answer_by}."}}
    assert triage("Voinko uusia lainani verkossa?", replies=own).reply == (
        "Hei! Vastaamme mahdollisimman pian virka-aikana."
    )


NOW = datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)  # a Tuesday


@pytest.mark.parametrize(
    ("due", "language", "words"),
    [
        (datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI), "fi", "tänään klo 16 mennessä"),
        (datetime(2026, 11, 25, 9, 30, tzinfo=HELSINKI), "fi", "huomenna klo 9.30 mennessä"),
        (datetime(2026, 12, 1, 10, 0, tzinfo=HELSINKI), "fi", "tiistaina 1.12. klo 10 mennessä"),
        (datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI), "sv", "senast i dag kl. 16"),
        (datetime(2026, 11, 25, 9, 30, tzinfo=HELSINKI), "sv", "senast i morgon kl. 9.30"),
        (datetime(2026, 11, 27, 12, 0, tzinfo=HELSINKI), "sv", "senast fredag 27.11 kl. 12"),
        (datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI), "en", "by 16:00 today"),
        (datetime(2026, 11, 25, 9, 30, tzinfo=HELSINKI), "en", "by 9:30 tomorrow"),
        (datetime(2026, 11, 30, 8, 0, tzinfo=HELSINKI), "en", "by 8:00 on Monday 30 November"),
    ],
)
def test_answer_by_phrase(due: datetime, language: str, words: str) -> None:
    assert answer_by_phrase(due, NOW, language) == words
