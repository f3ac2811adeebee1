"""Triage of citizens' messages: a category, the actions the guideline asks for, a priority,
the findings behind them and a suggested reply in the message's language.

Categories in precedence order (the first that applies wins):
threat (§10.6), sensitive (§8.5, §10.5), inappropriate (§10.4), spam (§10.2), question,
feedback (§8.4, §8.5), praise, other. Angry but legitimate feedback stays feedback: swearing at
a pothole is feedback, an attack on a person is inappropriate. Links are never opened.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from someluotsi.guideline.checker.detectors.harmful import explicit_violence
from someluotsi.guideline.checker.engine import GuidelineEngine, engine_for
from someluotsi.guideline.messages.replies import fill, question_topic
from someluotsi.guideline.model import LANGUAGES, AuthorRole, Category, Finding
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.blank import is_blank
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.normalize import NormalizedText
from someluotsi.guideline.text.wordlists import load_terms

REPLIES = Path(__file__).parents[1] / "data" / "triage" / "replies.toml"
CHILD_WELFARE = "child_welfare"  # the topic and reply of a child-welfare concern
CRISIS = "crisis"  # the topic and reply of a message about suicide or not wanting to live
# A gap in a place's protection told in public (security-004): hidden, thanked, fault reported.
SECURITY_GAP = "security_gap"
# Someone not seen, not answering or not opening the door for days (a neighbour, a parent): may
# be lying helpless at home, so 112 now, as an emergency (`_not_seen`).
WELFARE_CHECK = "welfare_check"
# An emergency told of (someone not breathing, unconscious; a fire, gas, a weapon): 112 now.
EMERGENCY = "emergency"
# A request to take down a picture or a post of the writer or their child: taken down soon.
REMOVAL = "removal_request"
# A data subject's request about their personal data (to see, correct or erase it: GDPR
# articles 15-17): handled through the city's data protection channel, never in public.
DATA_REQUEST = "data_request"
HAZARD_REASON = "a hazard that may hurt someone: to be fixed soon"
REMOVAL_REASON = "a request to take down a picture or a post: act on it soon"
DATA_REQUEST_REASON = "a request about the writer's personal data: answered within a month"
# The replies chosen by what a message is about, not by its category (replies.toml): a message
# with one of these concerns keeps its reply whenever the reply is composed again (with the due
# time in words: inbox.services).
CONCERNS = frozenset(
    {CRISIS, CHILD_WELFARE, SECURITY_GAP, WELFARE_CHECK, EMERGENCY, REMOVAL, DATA_REQUEST}
)
CONCERN_REASONS = {
    EMERGENCY: "an emergency: the emergency number first",
    CRISIS: "thoughts of suicide",
    CHILD_WELFARE: "a child-welfare concern",
    SECURITY_GAP: "a gap in a place's security, told in public",
    WELFARE_CHECK: "someone not seen for days: may need help now",
}


class TriageCategory(StrEnum):
    THREAT = "threat"
    SENSITIVE = "sensitive"
    INAPPROPRIATE = "inappropriate"
    SPAM = "spam"
    QUESTION = "question"
    FEEDBACK = "feedback"
    PRAISE = "praise"
    OTHER = "other"


class Action(StrEnum):
    REPLY = "reply"
    REDIRECT_FEEDBACK_CHANNEL = "redirect_feedback_channel"
    HIDE = "hide"
    REMOVE = "remove"
    ESCALATE_SUPERVISOR = "escalate_supervisor"
    NOTIFY_OCCUPATIONAL_SAFETY = "notify_occupational_safety"
    NOTIFY_POLICE = "notify_police"
    IGNORE = "ignore"


class Priority(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


PERSONAL_DATA_RULES = frozenset(
    {"privacy-001", "privacy-002", "privacy-003", "privacy-004", "privacy-005", "privacy-007",
     "privacy-008", "privacy-009", "privacy-010", "privacy-011", "privacy-013", "privacy-014"}
)  # fmt: skip
# A password, a door or alarm code, where keys are kept, or a gap in a place's protection (a
# broken camera or lock, no guard at night; §10.3, §10.5): the citizen's own secret or report
# on a public page is hidden and the citizen asked to use a private channel, even in a question.
SECRET_RULES = frozenset({"security-001", "security-002", "security-003", "security-004"})
ATTACK_RULES = frozenset({"insult-001", "identity-001", "identity-002"})
GROUP_ATTACK_RULES = frozenset({"identity-001", "identity-002"})
WEAK_THREAT = "threat-004"  # a verb of violence, to be checked (a warning)
CUES = Lexicon(load_terms("triage"))
# The flat or staircase part of a street address ("Isokatu 5 B 12", "Storgatan 5 A 3",
# "Isokatu 5 as. 4", "lgh 1102", "flat 3"): an address down to the flat is someone's home.
_FLAT = re.compile(
    r"\d+\s*[,-]?\s*[A-Za-zÅÄÖåäö]\s*\d+|\b(?:as|lgh|bst|apt|flat|asunto|lägenhet)\b\.?\s*\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Triage:
    language: str
    category: TriageCategory
    actions: tuple[Action, ...]
    priority: Priority
    findings: tuple[Finding, ...]
    reply: str
    reasons: tuple[str, ...]
    id: Any = None
    # The concrete question's topic (messages.replies: "opening_hours", "fault"...), or "".
    topic: str = ""

    @property
    def concern(self) -> str:
        """The concern whose reply the message got (`CONCERNS`: a crisis, a child-welfare
        concern, an emergency...), or "" when its reply is its category's or topic's."""
        return self.topic if self.topic in CONCERNS else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "language": self.language,
            "category": self.category.value,
            "actions": [action.value for action in self.actions],
            "priority": self.priority.value,
            "findings": [finding.to_dict() for finding in self.findings],
            "reply": self.reply,
            "topic": self.topic,
            "reasons": list(self.reasons),
        }


@cache
def _replies() -> dict[str, dict[str, str]]:
    return tomllib.loads(REPLIES.read_text(encoding="utf-8"))


def default_reply(
    category: TriageCategory, language: str, feedback_url: str, answer_by: str | None = None
) -> str:
    """The category's default reply in `language` with the feedback address and the due time
    in words ({answer_by}; "as soon as possible during office hours" without one)."""
    template = _replies().get(category.value, {}).get(language, "")
    return fill(template, language, feedback_url=feedback_url, answer_by=answer_by)


def compose_reply(
    text: str,
    category: TriageCategory,
    language: str,
    *,
    feedback_url: str,
    replies: dict[str, dict[str, str]] | None = None,
    answer_by: str | None = None,
    concern: str = "",
) -> tuple[str, str]:
    """The suggested reply and its topic: the concern or the question's topic ("" when none).

    A concern (`CONCERNS`, `Triage.concern`: thoughts of suicide, a child-welfare concern, an
    emergency...) gets its own reply, whatever the category: where help is, never a template.
    A concrete question (and feedback reporting a fault) gets the reply of its topic, which
    says what the city will do and by when (messages.replies); otherwise the city's own
    template for the category (`replies`, {category: {language: text}}) or the default one.
    """
    if concern:
        if concern not in CONCERNS:
            raise ValueError(f"unknown concern: {concern!r}")
        template = _replies()[concern].get(language) or _replies()[concern]["fi"]
        return fill(template, language, feedback_url=feedback_url, answer_by=answer_by), concern
    if category in (TriageCategory.QUESTION, TriageCategory.FEEDBACK):
        topic = question_topic(text, language)
        if topic is not None and (category is TriageCategory.QUESTION or topic.name == "fault"):
            template = topic.replies.get(language) or topic.replies["fi"]
            reply = fill(template, language, feedback_url=feedback_url, answer_by=answer_by)
            return reply, topic.name
    custom = (replies or {}).get(category.value, {}).get(language)
    if custom:
        return fill(custom, language, feedback_url=feedback_url, answer_by=answer_by), ""
    return default_reply(category, language, feedback_url, answer_by), ""


# The [own_*] cue sections of the triage word list and their languages.
OWN_LABELS = {"own_fi": "fi", "own_sv": "sv", "own_en": "en"}


def _own(analysed: AnalysedText, hits: list[LexiconMatch]) -> bool:
    """Does the writer speak of their own or their family's situation? A first-person
    pronoun or verb ([own_fi], [own_sv], [own_en] cues), each only in a part of the message
    in its language (`_language_at`: the Swedish article "en" is no Finnish "en", I do not),
    or, in a message with Finnish in it, a Finnish word with the possessive suffix of "my" or
    "our" ("lapseni", "velkamme"; -mme also ends "we" verbs: "olemme", "emme")."""
    own = [hit for hit in hits if hit.term.label in OWN_LABELS]
    if any(OWN_LABELS[hit.term.label] == _language_at(analysed, hit) for hit in own):
        return True
    if not _has_finnish(analysed):
        return False
    return any(
        len(word) >= 5 and word.endswith(("ni", "mme")) and word.isalpha()
        for word in analysed.words
    )


def _language_at(analysed: AnalysedText, hit: LexiconMatch) -> str:
    """The language of the message where `hit` is: its language part's (a bilingual message
    has two), else the message's; "fi", "sv" or "en", or the first of them that the hit's
    cue belongs to when the message is in none of them or its language is not certain (a
    message of a few words: the cue then counts as before)."""
    language = analysed.main_language
    start = analysed.span(hit.start, hit.end)[0]
    for part in analysed.parts:
        if part.start <= start < part.end:
            language = part.language
            break
    if language not in OWN_LABELS.values() or not analysed.language_certain:
        return OWN_LABELS[hit.term.label]
    return language


def _has_finnish(analysed: AnalysedText) -> bool:
    """Whether the message is in Finnish or has a Finnish part, or its language is not
    certain."""
    if analysed.main_language == "fi" or not analysed.language_certain:
        return True
    return any(part.language == "fi" for part in analysed.parts)


def _cues(analysed: AnalysedText) -> dict[str, bool]:
    hits = analysed.find(CUES)
    labels = {hit.term.label for hit in hits}
    starts_question = any(
        sentence and any(hit.term.label == "question" for hit in CUES.find(sentence[:1]))
        for sentence in analysed.sentences.tokens
    )
    return {
        "question": "?" in analysed.original or starts_question,
        "feedback": "feedback" in labels,
        "praise": "praise" in labels,
        "scam": "scam" in labels or _easy_money(analysed),
        # A danger in a public place that may hurt someone (a sharp edge on a swing, a loose
        # railing): feedback to act on soon (§8.4).
        "hazard": "hazard" in labels,
        # A request to take down a picture or a post of the writer or their child (§2.5).
        "removal_request": "removal_request" in labels or _removal_asked(hits),
        # A request to see, correct or erase one's personal data (GDPR articles 15-17): the
        # law sets the time to answer, so it is a question of high priority, redirected.
        "data_request": "data_request" in labels or _data_asked(hits),
        # A citizen's own illness, debts, eviction, child welfare or benefits, asked about or
        # told (§8.5, §10.5): hidden and redirected, even as a question. A general question
        # about a service ("how is income support applied for?") stays a question.
        "sensitive_topic": "sensitive_topic" in labels and _own(analysed, hits),
        "complaint": "complaint" in labels and "praise" not in labels,
        # A child hit, abused or neglected, told of (§8.5, §10.5): a child-welfare concern,
        # hidden and answered with where to report it, not escalated as a threat to staff.
        "welfare_concern": _welfare_concern(hits),
        # A spouse or partner hit, told of: a report of domestic violence, hidden as sensitive.
        "violence_report": _violence_report(hits),
        "crisis": (
            "crisis" in labels or any(_crisis_end(analysed, hit) for hit in hits) or _farewell(hits)
        )
        and not _in_jest(analysed),
        # Someone not breathing, unconscious, collapsed or choking now: answered at once with
        # the emergency number, whatever the category (a question, feedback).
        "emergency": ("emergency" in labels or _weapon_now(analysed)) and _told_as_now(analysed),
        # Someone not seen or not opening the door for days: may be lying helpless (112 now).
        "welfare_check": _not_seen(analysed) and _told_as_now(analysed),
    }


# Easy money (commercial spam, §10.2): a verb of earning, then within EARN_REACH tokens an
# amount (digits with a currency sign or word in the text) and a time or "from home" after it:
# "Tienaa 5000€ viikossa kotoa käsin!", "Tjäna 5000 kr i veckan hemifrån", "Earn $5000 a week".
EARN_STARTS = ("tienaa", "tienaat", "ansaitse", "ansaitset", "tjäna", "tjänar", "earn", "make")
EARN_REACH = 4
# Words before an earning verb that offer it ("voit tienata", "you can earn", "du kan tjäna").
EARN_OFFERED = frozenset({"voit", "voitte", "can", "could", "kan", "du", "ni", "you"})
# Earned, told of in the past ("Ansaitsin 50 euroa kesätöissä", "I earned 300 € a month").
EARNED = ("ansaitsin", "ansaitsi", "tienasin", "tienasi", "tjänade", "earned", "earning")
MONEY_MARKS = ("€", "$", "£", "euro", "eur", " kr", "kronor", "dollar")
EASY_TIMES = frozenset(
    {"viikossa", "päivässä", "kuukaudessa", "tunnissa", "kotoa", "veckan", "vecka", "dagen",
     "dag", "månaden", "månad", "timme", "timmen", "hemifrån", "week", "day", "month",
     "hour", "home", "weekly", "daily", "monthly"}
)  # fmt: skip


def _easy_money(analysed: AnalysedText) -> bool:
    """Whether the message offers easy money (EARN_STARTS, an amount, EASY_TIMES: see above).
    "Ansaitsin 50 euroa kesätöissä" tells of one's summer job: the earning verb must be an
    imperative or a "you" form (EARN_STARTS) and a time or home must follow the amount."""
    original = analysed.text.lower()  # normalised: any space is " " ("5000\u00a0kr")
    if not any(mark in original for mark in MONEY_MARKS):
        return False
    words = analysed.table.words
    firsts = set(analysed.sentences.firsts)
    for index, word in enumerate(words):
        if not word.startswith(EARN_STARTS) or word.startswith(EARNED):
            continue
        if index not in firsts and (index == 0 or words[index - 1] not in EARN_OFFERED):
            continue  # "Kuinka paljon kesätyöntekijä tienaa?": asked, not offered
        window = words[index + 1 : index + 1 + EARN_REACH]
        amount = next((i for i, w in enumerate(window) if w[:1].isdigit()), None)
        # The words after the amount, up to one past the window ("5000€ viikossa").
        if amount is not None and not EASY_TIMES.isdisjoint(
            words[index + 2 + amount : index + 2 + EARN_REACH]
        ):
            return True
    return False


# Words that may follow a [crisis_end] phrase ("haluan lopettaa kaiken", "end it all") in its
# sentence: a time or "any more" ("tonight", "nyt", "enää", "längre", "i kväll"). Any other
# word makes the phrase about something else ("lopetan kaiken roskaruoan syömisen", "no reason
# to live in fear", "ta mitt liv tillbaka").
CRISIS_END_TAIL = frozenset(
    {"nyt", "enää", "tänään", "tänä", "iltana", "yönä", "yöllä", "huomenna", "pian", "kohta",
     "vaan", "vain", "jo", "nu", "idag", "ikväll", "inatt", "imorgon", "snart", "längre", "bara",
     "redan", "i", "kväll", "natt", "morgon", "dag", "now", "today", "tonight", "tomorrow",
     "soon", "anymore", "any", "more", "already", "just"}
)  # fmt: skip


def _crisis_end(analysed: AnalysedText, hit: LexiconMatch) -> bool:
    """Is `hit` a [crisis_end] phrase (ending "everything", no reason to live) that ends its
    sentence, but for words of CRISIS_END_TAIL (§10.5)? Tokens are read by index: hit.last is
    the token after the phrase."""
    if hit.term.label != "crisis_end":
        return False
    sentences = analysed.sentences
    _first, end = sentences.bounds(sentences.of_token[hit.first])
    return all(word in CRISIS_END_TAIL for word in analysed.words[hit.last : end])


# A time in the past: an emergency told of then is a story ("Eilen koulun takana oli tulipalo",
# "there was a fire at the school yesterday"), not a call for help now.
PAST_TIMES = frozenset(
    {"eilen", "eilinen", "eilisen", "eilisessä", "toissapäivänä", "viime", "sitten", "igår",
     "förra", "förrgår", "sedan", "yesterday", "ago", "last"}
)  # fmt: skip


def _farewell(hits: list[LexiconMatch]) -> bool:
    """Last words said as a farewell (§10.5): a [farewell] and a [last_words] phrase, or two
    different [last_words] phrases ("En jaksa enää, tämä on viimeinen viestini", "I can't go
    on anymore. Goodbye everyone."). One alone is no crisis: "Hyvästi kesä!", "my last
    message in this thread"."""
    farewell = any(hit.term.label == "farewell" for hit in hits)
    spans = sorted((hit.first, hit.last) for hit in hits if hit.term.label == "last_words")
    apart = 0  # phrases that do not overlap ("mitt sista meddelande" holds "sista meddelande")
    end = -1
    for first, last in spans:
        if first >= end:
            apart += 1
        end = max(end, last)
    return apart > 0 and (farewell or apart > 1)


# Dying of laughter and the like: "Haluan kuolla nauruun", "jag dör av skratt", "I want to die
# laughing" are no crisis.
JEST = frozenset(
    {"nauruun", "nauramaan", "naurusta", "naurun", "skratt", "skratta", "skrattet",
     "laughing", "laughter", "lol", "haha", "hahaha", "😂", "🤣"}
)  # fmt: skip


def _in_jest(analysed: AnalysedText) -> bool:
    """Whether the message speaks of dying in jest (JEST among its words)."""
    return not JEST.isdisjoint(analysed.table.distinct)


# An emergency is one now: not a drill announced, not a year or a time in the past.
DRILL_STARTS = ("harjoitu", "paloharjoitu", "poistumisharjoitu", "övning", "brandövning", "drill")
NOT_NOW = frozenset({"muistaako", "muistatteko", "minns", "remember"})


def _told_as_now(analysed: AnalysedText) -> bool:
    """Whether an emergency told of is happening now: no past time (PAST_TIMES), no year
    (a four-digit number 1900-2099: "Vuonna 2015 koulussa oli kaasuvuoto"), no drill
    (DRILL_STARTS: "Tulipalo-harjoitus koululla keskiviikkona"), and not asked as a memory
    ("muistaako kukaan")."""
    words = analysed.table.distinct
    if not PAST_TIMES.isdisjoint(words) or not NOT_NOW.isdisjoint(words):
        return False
    if any(w.startswith(DRILL_STARTS) or "harjoitu" in w for w in words):
        return False
    return not any(len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2099 for w in words)


# A weapon at a public place now (messages/triage.py): a weapon word, a person word and a place
# word in the message ("Koulussa on joku veitsen kanssa", "Näin pojan jolla oli ase koulun
# pihalla", "Someone at the bus station has a knife"). A knife in a cooking class has no person
# word of the kind; a drill or a past time is no emergency (`_told_as_now`).
WEAPONS = frozenset(
    {"ase", "aseen", "aseella", "aseita", "aseet", "asetta", "veitsi", "veitsen", "veitsellä",
     "veistä", "puukko", "puukon", "puukolla", "puukkoa", "kivääri", "kiväärin", "kiväärillä",
     "haulikko", "haulikon", "haulikolla", "pistooli", "pistoolin", "pistoolilla", "vapen",
     "vapnet", "kniv", "kniven", "knivar", "pistol", "pistolen", "gevär", "geväret", "gun",
     "guns", "knife", "knives", "rifle", "machete"}
)  # fmt: skip
PERSON_NOW = frozenset(
    {"joku", "jollakin", "jollain", "poika", "pojan", "pojalla", "mies", "miehen", "miehellä",
     "nainen", "tyyppi", "someone", "somebody", "man", "guy", "boy", "person", "kid", "någon",
     "kille", "killen", "pojke", "pojken", "mannen"}
)  # fmt: skip
PLACE_STARTS = (
    "koulu", "koulun", "päiväkoti", "päiväkodi", "kirjasto", "asema", "linja-auto", "bussi",
    "kauppa", "kaupa", "tori", "uimahall", "nuorisotal", "skola", "skolan", "daghem", "bibliotek",
    "station", "busstation", "torget", "school", "kindergarten", "library", "bus", "mall",
    "shop", "square", "pihalla", "gym",
)  # fmt: skip


def _weapon_now(analysed: AnalysedText) -> bool:
    """Whether the message tells of a weapon at a public place (see WEAPONS)."""
    words = analysed.table.distinct
    return (
        not WEAPONS.isdisjoint(words)
        and not PERSON_NOW.isdisjoint(words)
        and any(w.startswith(PLACE_STARTS) for w in words)
    )


# Someone not seen for days (messages/triage.py `_not_seen`): a person close by (NOT_SEEN_PEOPLE),
# a negation (NOT_WORDS), a verb of being seen or answering (NOT_SEEN_VERBS) and a span of
# days or a week (NOT_SEEN_SPANS), all in the message: "Naapuri ei ole avannut oveaan kolmeen
# päivään", "Grannen har inte öppnat dörren på tre dagar", "My neighbour hasn't opened the door
# in three days". A shop or a library not open has no person; a neighbour who has not mowed
# the lawn has no verb of the kind.
NOT_SEEN_PEOPLE = frozenset(
    {"naapuri", "naapurini", "naapuria", "naapuriani", "naapurin", "naapurimme", "mummo",
     "mummoni", "mummoa", "mummu", "mummuni", "pappa", "pappani", "pappaa", "äiti", "äitini",
     "äitiäni", "isä", "isäni", "isääni", "vanhus", "vanhusta", "vanhuksen", "ystäväni",
     "ystävääni", "granne", "grannen", "grannar", "grannarna", "mormor", "farmor", "morfar",
     "farfar", "mamma", "pensionären", "neighbour", "neighbor", "neighbours",
     "neighbors", "grandma", "grandmother", "grandpa", "grandfather", "mum", "mom", "mother",
     "dad", "father", "friend"}
)  # fmt: skip
NOT_WORDS = frozenset(
    {"ei", "eikä", "inte", "ej", "ingen", "not", "hasn", "haven", "hasnt", "havent", "isn", "no",
     "nobody"}
)  # fmt: skip
NOT_SEEN_VERBS = frozenset(
    {"avannut", "avanneet", "vastannut", "vastaa", "näkynyt", "näkyny", "nähnyt", "nähty",
     "kuulunut", "kuullut", "öppnat", "öppnar", "svarat", "svarar", "synts", "sett", "hört",
     "opened", "answered", "answering", "seen", "heard"}
)  # fmt: skip
NOT_SEEN_SPANS = frozenset(
    {"päivään", "päivää", "päivä", "vuorokauteen", "vuorokautta", "viikkoon", "viikkoa",
     "dagar", "dagen", "dygn", "vecka", "veckan", "veckor", "days", "day", "week", "weeks"}
)  # fmt: skip


def _not_seen(analysed: AnalysedText) -> bool:
    """Whether someone close by has not been seen or opened the door for days (NOT_SEEN_*)."""
    words = analysed.table.distinct
    # Finnish "en" ("En ole nähnyt naapuria viikkoon") is the Swedish article "en".
    negated = not NOT_WORDS.isdisjoint(words) or ("en" in words and _has_finnish(analysed))
    return negated and not (
        NOT_SEEN_PEOPLE.isdisjoint(words)
        or NOT_SEEN_VERBS.isdisjoint(words)
        or NOT_SEEN_SPANS.isdisjoint(words)
    )


REMOVAL_REACH = 4  # words from a take-down verb to the picture or post


def _removal_asked(hits: list[LexiconMatch]) -> bool:
    """A take-down asked with words between ("Poistakaa heti se kuva", "Please remove right
    away the photo"): a [removal_verb] and a [picture] within REMOVAL_REACH words after it."""
    verbs = [hit.last for hit in hits if hit.term.label == "removal_verb"]
    if not verbs:
        return False
    pictures = sorted(hit.first for hit in hits if hit.term.label == "picture")
    for verb in verbs:  # the first picture at or after the verb (a binary search each)
        at = bisect_left(pictures, verb)
        if at < len(pictures) and pictures[at] - verb < REMOVAL_REACH:
            return True
    return False


DATA_REACH = 6  # words between a word for one's data and a word for oneself


def _data_asked(hits: list[LexiconMatch]) -> bool:
    """A data subject's request with words between (GDPR articles 15-17: "Haluan tietää mitä
    henkilötietoja minusta on tallennettu", "vilka personuppgifter ni har sparat om mig",
    "what personal data you have stored about me"): a [data_word] and an [about_me] word
    within DATA_REACH words of each other, and a [data_verb] in the message."""
    if not any(hit.term.label == "data_verb" for hit in hits):
        return False
    data = [hit.first for hit in hits if hit.term.label == "data_word"]
    if not data:
        return False
    selves = sorted(hit.first for hit in hits if hit.term.label == "about_me")
    for word in data:  # the nearest word for oneself on either side (a binary search each)
        at = bisect_left(selves, word - DATA_REACH)
        if at < len(selves) and abs(selves[at] - word) <= DATA_REACH:
            return True
    return False


WELFARE_REACH = 4  # words from a verb of violence to the child it is done to ("hits his kids")


def _welfare_concern(hits: list[LexiconMatch]) -> bool:
    """Is a child hit, abused or neglected (§8.5, §10.5)? A passive or a state ("lapsia
    lyödään", "barnen far illa", "not fed", "parents are drunk") with any word for a child, or
    a child left alone ([left_alone]: "yksin kotona", "ensamma hemma", "home alone") unless the
    message asks for guidance ([guidance]: "from what age", "saako", "can children"); a verb
    done to someone with the child after it, within WELFARE_REACH words ("hits his kids",
    "slår sina barn", "lyö lapsiaan"), or a Finnish child in an object case on either side
    ("lasta hakkaa"). Children as the subject of an active verb ("lapset löivät palloa", "kids
    hit the ball", "barnen slår varandra") are play, not a concern."""
    labels = {hit.term.label for hit in hits}
    if not labels & {"child", "child_object"}:
        return False
    if "maltreated" in labels:
        return True
    # Left alone or home alone ("Naapurin lapset ovat yksin kotona", "barnen lämnas ensamma"),
    # told, not asked of as guidance ("Minkä ikäisenä lapsen saa jättää yksin kotiin?").
    if "left_alone" in labels and "guidance" not in labels:
        return True
    verbs = [hit for hit in hits if hit.term.label == "maltreatment"]
    for child in hits:
        for verb in verbs:
            after = child.first - verb.last
            before = verb.first - child.last
            if child.term.label == "child" and 0 <= after < WELFARE_REACH:
                return True
            if child.term.label == "child_object" and min(abs(after), abs(before)) < WELFARE_REACH:
                return True
    return False


def _violence_report(hits: list[LexiconMatch]) -> bool:
    """Is a spouse or partner hit or abused, told of (§8.5, §10.5): a verb of violence
    ([maltreatment]) with a [partner] word within WELFARE_REACH words after it ("Naapuri lyö
    vaimoaan", "Grannen slår sin fru", "My neighbour beats his wife")? The checker reads no
    threat by the writer in it (harmful._third_person_report)."""
    partners = [hit for hit in hits if hit.term.label == "partner"]
    if not partners:
        return False
    verbs = [hit for hit in hits if hit.term.label == "maltreatment"]
    return any(0 <= p.first - v.last < WELFARE_REACH for p in partners for v in verbs)


def _threat_beside_crisis(analysed: AnalysedText, findings: tuple[Finding, ...]) -> bool:
    """Is there a threat beside the crisis: a threat finding outside every crisis phrase, or
    one with a second person in the message ("Tapan itseni ja teidät")? A threat rule read in
    the crisis phrase itself ("Tapan itseni") is the writer's own crisis."""
    spans = [
        analysed.span(hit.start, hit.end)
        for hit in analysed.find(CUES)
        if hit.term.label == "crisis" or _crisis_end(analysed, hit)
    ]
    threats = [f for f in findings if f.category is Category.THREAT]
    if threats and any(hit.term.label == "crisis_target" for hit in analysed.find(CUES)):
        return True  # a second person beside it: the readers are threatened too
    return any(not any(start <= f.start and f.end <= end for start, end in spans) for f in threats)


def _personal_data(findings: tuple[Finding, ...]) -> set[str]:
    """The personal-data rules among `findings` that make a message sensitive. A street
    address alone (privacy-008) is where a fault is ("the street lamp at Storgatan 5 is
    broken"); it counts only down to a flat or staircase ("Isokatu 5 B 12"), which is a home
    (§2.5)."""
    return {
        f.rule
        for f in findings
        if f.rule in PERSONAL_DATA_RULES and (f.rule != "privacy-008" or _down_to_a_flat(f.excerpt))
    }


def _down_to_a_flat(excerpt: str) -> bool:
    """Whether an address excerpt names a flat or staircase (`_FLAT`), read as the detectors
    read it: a zero-width or other dropped character inside it changes nothing."""
    return _FLAT.search(NormalizedText(excerpt).text) is not None


def _police(findings: tuple[Finding, ...]) -> bool:
    """Explicit violence goes to the police as well (§10.6), the same way in every language:
    a weapon, explosive or arson (threat-002), or a threat whose words are lethal (killing,
    shooting, stabbing, arson, bombs, poison, rape, torture), promise death or show that the
    writer watches the reader's home or children (harmful.explicit_violence). A beating or
    "you'll regret it" goes to the supervisor and the safety manager, who call the police when
    they judge it needed."""
    for finding in findings:
        if finding.rule == "threat-002":
            return True
        if finding.rule in {"threat-001", "threat-003"} and explicit_violence(finding.excerpt):
            return True
    return False


# What each category asks for by default (§8.4, §8.5, §10.2, §10.4-§10.6) and why.
PLANS: dict[TriageCategory, tuple[tuple[Action, ...], Priority, str]] = {
    TriageCategory.THREAT: (
        (Action.ESCALATE_SUPERVISOR, Action.NOTIFY_OCCUPATIONAL_SAFETY),
        Priority.URGENT,
        "a threat",
    ),
    TriageCategory.SENSITIVE: (
        (Action.HIDE, Action.REDIRECT_FEEDBACK_CHANNEL, Action.REPLY),
        Priority.HIGH,
        "personal data or a sensitive personal matter",
    ),
    TriageCategory.INAPPROPRIATE: ((Action.HIDE, Action.IGNORE), Priority.NORMAL, "obscenity"),
    TriageCategory.SPAM: (
        (Action.HIDE,),
        Priority.NORMAL,
        "suspicious link or scam wording; links are not opened",
    ),
    TriageCategory.QUESTION: ((Action.REPLY,), Priority.NORMAL, "a question"),
    TriageCategory.FEEDBACK: (
        (Action.REPLY, Action.REDIRECT_FEEDBACK_CHANNEL),
        Priority.NORMAL,
        "feedback (angry tone counts as feedback when no one is attacked)",
    ),
    TriageCategory.PRAISE: ((Action.REPLY,), Priority.LOW, "praise"),
    TriageCategory.OTHER: ((Action.IGNORE,), Priority.LOW, "nothing to act on"),
}


def _category(
    rules: set[str], categories: set[Category], cues: dict[str, bool], personal: set[str]
) -> TriageCategory:
    """The first category that applies, in the guideline's order of urgency. `personal`: the
    personal-data rules that count (`_personal_data`)."""
    threats = {rule for rule in rules if rule.startswith("threat")}
    # Thoughts of suicide ("en jaksa enää elää", "I want to kill myself"): a crisis to answer
    # at once, not a threat to staff, unless a threat also aims at someone (§10.5, §10.6).
    if cues["crisis"] and not cues["threat_beside_crisis"]:
        return TriageCategory.SENSITIVE
    # A verb of violence alone (threat-004, a warning to check) in a report of a child being
    # hit is the concern of the writer, not a threat to anyone reading (§10.6).
    if (cues["welfare_concern"] or cues["violence_report"]) and threats <= {WEAK_THREAT}:
        return TriageCategory.SENSITIVE
    # Someone not seen for days (a neighbour, a grandmother) is a worry for their health: hidden
    # as sensitive and answered with 112 at once (WELFARE_CHECK), not feedback.
    if cues["welfare_check"] and threats <= {WEAK_THREAT}:
        return TriageCategory.SENSITIVE
    if Category.THREAT in categories:
        return TriageCategory.THREAT
    # A slur or an attack on a group is removed (§9.5) even when it touches a sensitive
    # subject ("refugees are vermin"): removing it also removes whatever it says of anyone.
    if rules & GROUP_ATTACK_RULES:
        return TriageCategory.INAPPROPRIATE
    if personal or rules & SECRET_RULES or cues["sensitive_topic"]:
        return TriageCategory.SENSITIVE
    if rules & ATTACK_RULES or (
        "obscene-001" in rules and not (cues["feedback"] or cues["question"])
    ):
        return TriageCategory.INAPPROPRIATE
    if Category.SUSPICIOUS_LINK in categories or cues["scam"]:
        return TriageCategory.SPAM
    if cues["question"]:
        return TriageCategory.QUESTION
    if (
        cues["feedback"]
        or cues["complaint"]
        or cues["hazard"]
        or categories & {Category.INSULT, Category.OBSCENE}
    ):
        return TriageCategory.FEEDBACK
    return TriageCategory.PRAISE if cues["praise"] else TriageCategory.OTHER


def triage(
    text: str | AnalysedText,
    *,
    language: str | None = None,
    engine: GuidelineEngine | None = None,
    message_id: Any = None,
    replies: dict[str, dict[str, str]] | None = None,
) -> Triage:
    """Sort one message. `replies` may override the default reply templates per category; a
    concrete question's reply comes from its topic (`compose_reply`).

    `text` may be an `AnalysedText` to share with the tone reading (it then carries the
    language the caller knows, and `language` only chooses the messages' language). A message
    that shows nothing (`text.blank.is_blank`) is "other" with nothing to act on and no reply
    (it is not checked: `check` raises BlankTextError for it). Raises TextTooLongError above
    the engine's MAX_CHARS.
    """
    engine = engine or engine_for()
    analysed = AnalysedText.of(text, language=language)
    if is_blank(analysed.original):
        # A message that shows nothing (an empty comment, a reaction without words, only
        # zero-width characters) is not checked (`check` refuses it): nothing to act on.
        nothing = PLANS[TriageCategory.OTHER]
        return Triage(
            language=language if language in LANGUAGES else "fi",
            category=TriageCategory.OTHER,
            actions=tuple(nothing[0]),
            priority=nothing[1],
            findings=(),
            reply="",
            reasons=(nothing[2],),
            id=message_id,
            topic="",
        )
    report = engine.check(analysed, role=AuthorRole.ORGANIZATION, ui_language=language)
    findings = tuple(f for f in report.findings if f.category is not Category.ENGAGEMENT)
    rules = {f.rule for f in findings}
    categories = {f.category for f in findings}
    cues = _cues(analysed)
    cues["threat_beside_crisis"] = cues["crisis"] and _threat_beside_crisis(analysed, findings)
    category = _category(rules, categories, cues, _personal_data(findings))
    planned, priority, reason = PLANS[category]
    if category is TriageCategory.SENSITIVE and cues["crisis"]:
        priority = Priority.URGENT  # someone may be in danger now
    actions = list(planned)
    reasons = [reason]
    if category is TriageCategory.THREAT:
        reasons.append("rules: " + ", ".join(sorted(r for r in rules if r.startswith("threat"))))
        if _police(findings):
            actions.append(Action.NOTIFY_POLICE)
            reasons.append("explicit threat of violence")
    elif category is TriageCategory.INAPPROPRIATE and rules & ATTACK_RULES:
        reasons = ["an attack on a person or a group"]
        if rules & GROUP_ATTACK_RULES:  # slurs and group attacks are removed
            actions, priority = [Action.REMOVE, Action.IGNORE], Priority.HIGH
    reply_language = report.language if report.language in LANGUAGES else "fi"
    # A crisis or a child-welfare concern is answered with where help is, not a template; a
    # security gap alone (no secret, no personal data) with thanks and what is done about it.
    concern = (
        CRISIS
        if cues["crisis"]
        else CHILD_WELFARE
        if cues["welfare_concern"]
        else SECURITY_GAP
        if rules & SECRET_RULES == {"security-004"} and not _personal_data(findings)
        else ""
    )
    if cues["welfare_check"] and category is TriageCategory.SENSITIVE:
        # Someone not seen for days may be lying helpless: 112 at once, and someone on the
        # staff must know (as an emergency; `_category` made it sensitive).
        concern, priority = WELFARE_CHECK, Priority.URGENT
        actions.append(Action.ESCALATE_SUPERVISOR)
    if cues["hazard"] and category in (TriageCategory.FEEDBACK, TriageCategory.QUESTION):
        priority = Priority.HIGH
        reasons = [HAZARD_REASON]
    if cues["removal_request"] and category in (
        TriageCategory.QUESTION,
        TriageCategory.FEEDBACK,
        TriageCategory.OTHER,
    ):
        category, priority = TriageCategory.QUESTION, Priority.HIGH
        actions, reasons, concern = [Action.REPLY], [REMOVAL_REASON], REMOVAL
    elif cues["data_request"] and category in (
        TriageCategory.QUESTION,
        TriageCategory.FEEDBACK,
        TriageCategory.OTHER,
    ):
        category, priority = TriageCategory.QUESTION, Priority.HIGH
        actions = [Action.REPLY, Action.REDIRECT_FEEDBACK_CHANNEL]
        reasons, concern = [DATA_REQUEST_REASON], DATA_REQUEST
    if cues["emergency"] and category is not TriageCategory.THREAT:
        concern, priority = EMERGENCY, Priority.URGENT
        if Action.REPLY not in actions:
            actions.insert(0, Action.REPLY)
        # Someone on the staff must know at once; nothing told of as happening now is ignored.
        actions = [a for a in actions if a is not Action.IGNORE]
        if category is TriageCategory.OTHER:
            reasons = []  # not "nothing to act on": the emergency is the reason
        if Action.ESCALATE_SUPERVISOR not in actions:
            actions.append(Action.ESCALATE_SUPERVISOR)
    if not (category is TriageCategory.SENSITIVE or concern in (EMERGENCY, REMOVAL, DATA_REQUEST)):
        concern = ""  # a concern's reply only for a sensitive message or one of these
    if concern in CONCERN_REASONS:
        reasons.append(CONCERN_REASONS[concern])
    reply, topic = compose_reply(
        analysed.original,
        category,
        reply_language,
        feedback_url=engine.rulebook.city.feedback_url,
        replies=replies,
        concern=concern,
    )
    return Triage(
        language=report.language,
        category=category,
        actions=tuple(actions),
        priority=priority,
        findings=findings,
        reply=reply,
        reasons=tuple(reasons),
        id=message_id,
        topic=topic,
    )
