"""What the city will do about a concrete question: the question's topic and a reply that says
it ("we will check the opening hours and answer here by 16:00 today"), not only a holding
sentence. Pure Python: the caller gives the due time in words (`answer_by_phrase`).

Topics and their wording are data (data/triage/question_topics.toml), in Finnish, Swedish and
English; a message whose topic is not known gets the category's reply from replies.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

TOPICS = Path(__file__).parents[1] / "data" / "triage" / "question_topics.toml"
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

FI_WEEKDAYS = ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
               "lauantaina", "sunnuntaina")  # fmt: skip
SV_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Topic:
    """One kind of concrete question: its name, match terms and replies per language."""

    name: str
    terms: dict[str, tuple[str, ...]]
    replies: dict[str, str]


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(TOPICS.read_text(encoding="utf-8"))


@cache
def topics() -> tuple[Topic, ...]:
    """The topics in precedence order (the file's order)."""
    raw: dict[str, Any] = _data()["topics"]
    return tuple(
        Topic(
            name=name,
            terms={
                lang: tuple(t.casefold() for t in terms) for lang, terms in spec["terms"].items()
            },
            replies=dict(spec["reply"]),
        )
        for name, spec in raw.items()
    )


def question_topic(text: str, language: str | None = None) -> Topic | None:
    """The first topic whose terms appear in `text` (terms of `language` first, then all).

    A one-word term matches that word; one ending in * a word that starts with it ("aukiolo*"
    matches "aukioloajat"); a term of several words matches that phrase. Linear in the text.
    """
    words = [word.casefold() for word in _WORD.findall(text)]
    joined = " " + " ".join(words) + " "
    for topic in topics():
        languages = [language] if language in topic.terms else []
        languages += [lang for lang in topic.terms if lang != language]
        for lang in languages:
            for term in topic.terms[lang]:
                if " " in term:
                    if f" {term} " in joined:
                        return topic
                elif term.endswith("*"):
                    if any(word.startswith(term[:-1]) for word in words):
                        return topic
                elif term in words:
                    return topic
    return None


def default_answer_by(language: str) -> str:
    """ "As soon as possible during office hours" in `language` (fi when unknown)."""
    phrases = _data()["answer_by_default"]
    return str(phrases.get(language, phrases["fi"]))


def question_reply(
    text: str, language: str, *, feedback_url: str, answer_by: str | None = None
) -> str | None:
    """The reply for a concrete question in `language`, or None when no topic applies.

    `answer_by` is the due time in words (`answer_by_phrase`); without it the reply promises an
    answer as soon as possible during office hours.
    """
    topic = question_topic(text, language)
    if topic is None:
        return None
    template = topic.replies.get(language) or topic.replies["fi"]
    return fill(template, language, feedback_url=feedback_url, answer_by=answer_by)


def fill(template: str, language: str, *, feedback_url: str, answer_by: str | None) -> str:
    """Put the feedback address and the due time (or the default promise) into a reply."""
    return template.replace("{feedback_url}", feedback_url).replace(
        "{answer_by}", answer_by or default_answer_by(language)
    )


def _clock(moment: datetime, separator: str) -> str:
    if moment.minute:
        return f"{moment.hour}{separator}{moment.minute:02d}"
    return str(moment.hour) if separator == "." else f"{moment.hour}:00"


def answer_by_phrase(due: datetime, now: datetime, language: str) -> str:
    """When the answer is due, as the reply says it: both times local and aware of the zone.

    fi "tänään klo 16 mennessä", "huomenna klo 9.30 mennessä", "tiistaina 1.12. klo 10
    mennessä"; sv "senast i dag kl. 16", "senast tisdag 1.12 kl. 10"; en "by 16:00 today",
    "by 10:00 on Tuesday 1 December". A due time in the past reads as today.
    """
    days = (due.date() - now.date()).days
    if language == "sv":
        clock = f"kl. {_clock(due, '.')}"
        if days <= 0:
            return f"senast i dag {clock}"
        if days == 1:
            return f"senast i morgon {clock}"
        return f"senast {SV_WEEKDAYS[due.weekday()]} {due.day}.{due.month} {clock}"
    if language == "en":
        clock = f"{due.hour}:{due.minute:02d}"
        if days <= 0:
            return f"by {clock} today"
        if days == 1:
            return f"by {clock} tomorrow"
        return f"by {clock} on {EN_WEEKDAYS[due.weekday()]} {due.day} {EN_MONTHS[due.month - 1]}"
    clock = f"klo {_clock(due, '.')}"
    if days <= 0:
        return f"tänään {clock} mennessä"
    if days == 1:
        return f"huomenna {clock} mennessä"
    return f"{FI_WEEKDAYS[due.weekday()]} {due.day}.{due.month}. {clock} mennessä"
