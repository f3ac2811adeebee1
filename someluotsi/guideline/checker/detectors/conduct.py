"""Conduct in a public role: rumours (§4.3), disparaging colleagues, named people, officials
or the city (§4.2, §6.2), personal opinions on city matters said without marking them
personal (§9.2), and calls to vote for a candidate or party on a channel that speaks for the
city (§6.1, §17.3).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors import harm_grammar
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import AuthorRole, ChannelKind, Match
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.names import person_names
from someluotsi.guideline.text.sentences import sentences
from someluotsi.guideline.text.wordlists import load_names, load_terms, load_words

RUMOURS = Lexicon(load_terms("rumor"))  # labels: "rumor", "heard" (RumorDetector)
OPINIONS = Lexicon((term, "opinion") for term in load_words("opinion"))
DISCLAIMERS = Lexicon((term, "disclaimer") for term in load_words("disclaimers"))
CITY_MATTERS = Lexicon((term, "city") for term in load_words("city_matters"))
CITY_PEOPLE = Lexicon((term, "people") for term in load_words("city_people"))
DISPARAGING = Lexicon((term, "disparaging") for term in load_words("disparaging"))
# Names called ("rasisteja", "natseja"): disparaging only when said of the target with a
# copula between ("Perussuomalaiset ovat natseja"), not when mentioned near it ("Kokoomus
# muistutti natsien rikoksista") or denied with a determiner ("är inga rasister").
NAME_CALLING = Lexicon((term, "disparaging") for term in load_words("name_calling"))
COPULAS = frozenset(
    {"on", "ovat", "oli", "olivat", "olet", "olette", "ovatkin", "är", "var", "blev", "is",
     "are", "was", "were", "s", "re"}
)  # fmt: skip
NONE_OF = frozenset({"inga", "ingen", "inget", "no", "mitään"})
SPEAKING_ROLES = frozenset({AuthorRole.EMPLOYEE, AuthorRole.ELECTED})


# After "I heard" without "that", a finite verb within HEARD_REACH words makes a clause heard
# of ("I heard the hall will close", "we heard it's decided"; "it's" is split at the
# apostrophe into "it" and "s").
FINITE_AFTER_HEARD = frozenset(
    {
        "will", "would", "is", "are", "was", "were", "has", "have", "had", "s", "re", "ll",
        "could", "might", "may", "must", "shall", "should", "going", "gets", "got",
    }
)  # fmt: skip
HEARD_REACH = 6


class RumorDetector:
    rules = ("rumor-001",)
    cues = RUMOURS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        words = ctx.text.table.words
        for hit in ctx.text.find(RUMOURS):
            if hit.term.label == "heard" and FINITE_AFTER_HEARD.isdisjoint(
                words[hit.last : hit.last + HEARD_REACH]
            ):
                continue  # "I heard the choir sing": a thing heard, no hearsay
            yield ctx.match(
                "rumor-001",
                hit.start,
                hit.end,
                confidence=0.7,
                reason="hearsay",
                phrase=hit.term.text,
            )


# Negation words (fi, sv, en; English contractions are split at the apostrophe: "doesn t").
# Not the Finnish "en" and "et" (the Swedish article "en": "en pajas"), nor "won".
NEGATIONS = frozenset(
    {
        "ei", "eikä", "emme", "ette", "eivät", "älä", "älkää",
        "inte", "aldrig", "ej", "icke",
        "not", "never", "isn", "aren", "wasn", "weren", "doesn", "don", "didn",
        "hasn", "haven", "hadn",
    }
)  # fmt: skip
# Swedish puts the negation after the finite verb ("slarvar aldrig", "ljuger inte").
AFTER_NEGATIONS = frozenset({"inte", "aldrig", "ej", "icke"})
# Words that start a new clause, or turn a negation into "only" ("ei ole kuin laiska", "inte
# annat än lat", "nothing but"): a negation before one does not reach the word after it.
CLAUSE_WORDS = frozenset(
    {"että", "mutta", "vaan", "koska", "kuin", "att", "men", "utan", "än", "but", "that", "than"}
)
NEGATION_REACH = 4  # words before a disparaging term that a negation may stand in
NEAR = 8  # tokens between the target and the disparaging word, in one sentence


class RoleConductDetector:
    """An employee or elected official speaking ill, in public, of the work of city staff,
    officials, a colleague or a named person, or of the city (§4.2, §6.2). A warning: the
    author may disagree, but about the matter, not the people."""

    rules = ("conduct-001",)
    cues = DISPARAGING.cues | NAME_CALLING.cues  # no finding without a disparaging word

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role not in SPEAKING_ROLES or not (
            ctx.text.find(DISPARAGING) or ctx.text.find(NAME_CALLING)
        ):
            return
        of_token = sentences(ctx.text).of_token
        targets = [(p.first, p.start, p.end) for p in ctx.text.find(CITY_PEOPLE)]
        targets += [(n.first, n.start, n.end) for n in person_names(ctx.text)]
        if not targets:
            return
        # A disparaging word that is itself a named target is a name ("Pelle Svensson").
        named = {first for first, _start, _end in targets}
        bad_words = [
            bad
            for bad in ctx.text.find(DISPARAGING)
            if not _negated(ctx, bad)
            and bad.first not in named
            and not _reported(ctx.text.words, of_token, bad.first)
        ]
        called = [
            bad
            for bad in ctx.text.find(NAME_CALLING)
            if not _negated(ctx, bad)
            and bad.first not in named
            and not _reported(ctx.text.words, of_token, bad.first)
            and not (bad.first > 0 and ctx.text.words[bad.first - 1] in NONE_OF)
        ]
        targets.sort()
        firsts = [target[0] for target in targets]
        reported: set[int] = set()
        words = ctx.text.words
        for bad in sorted([*bad_words, *called], key=lambda hit: hit.first):
            name_called = bad in called
            # The first target (in order) within NEAR tokens of the word, in its sentence; a
            # name called needs a copula between (`_said_of`).
            near = next(
                (
                    targets[at]
                    for at in range(
                        bisect_left(firsts, bad.first - NEAR),
                        bisect_right(firsts, bad.first + NEAR),
                    )
                    if of_token[targets[at][0]] == of_token[bad.first]
                    and (not name_called or _said_of(words, targets[at][0], bad.first))
                ),
                None,
            )
            if near is not None and near[0] not in reported:
                first, start, end = near
                reported.add(first)
                yield ctx.match(
                    "conduct-001",
                    min(start, bad.start),
                    max(end, bad.end),
                    confidence=0.7,
                    reason="disparaging",
                    word=bad.term.text.rstrip("*"),
                )


def _reported(words: Sequence[str], of_token: Sequence[int], first: int) -> bool:
    """The disparaging word at token `first` is what a reported act of name-calling said
    (harm_grammar.reported_name_calling, within its sentence): "Someone called our staff
    idiots", "Henkilökuntaa haukuttiin laiskoiksi", "Personalen kallades lata"."""
    start = first
    while (
        start > 0
        and first - start < harm_grammar.NAME_CALLING_REACH
        and of_token[start - 1] == of_token[first]
    ):
        start -= 1
    return harm_grammar.reported_name_calling(words, first, start)


def _said_of(words: Sequence[str], target: int, word: int) -> bool:
    """A copula (COPULAS) among the tokens between token `target` (a person or a party) and
    token `word` (a name called), in either order: "Perussuomalaiset ovat natseja", "natseja
    ovat kaikki perussuomalaiset"."""
    low, high = sorted((target, word))
    return not COPULAS.isdisjoint(words[low + 1 : high])


def _negated(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """A disparaging term negated in its clause: a negation up to NEGATION_REACH words before
    it ("ei ole laiska", "ei koskaan laiminlyö", "is not lazy", "never messed up"), or, in
    Swedish, right after it ("slarvar aldrig med säkerheten"). A term that holds a negation
    itself ("ei osaa tehdä", "kan inte sitt jobb") is never negated again."""
    if any(spec.value in NEGATIONS or spec.value == "inte" for spec in hit.term.specs):
        return False
    words = ctx.text.words
    if hit.last < len(words) and words[hit.last] in AFTER_NEGATIONS:
        return True
    for i in range(hit.first - 1, max(0, hit.first - NEGATION_REACH) - 1, -1):
        if words[i] in CLAUSE_WORDS:
            return False
        if words[i] in NEGATIONS:
            return True
    return False


SPEAKING_FOR_CITY = Lexicon(load_terms("speaking_for_city"))
# First-person words: with one, a role said in the essive or after "as" ("Kaupungin
# virallisena edustajana ilmoitan", "meddelar jag") is the writer's own. Not "i", which is
# also the Swedish "in"; an English "As the city's representative I ..." starts its sentence.
FIRST_PERSON = frozenset(
    {"minä", "mä", "mie", "me", "minun", "minua", "meidän", "olen", "olemme", "toimin",
     "jag", "vi", "mig", "oss", "min", "vår", "we", "my", "our", "us"}
)  # fmt: skip
# The city in the sentence of a first-person "represent" ("kaupunkia", "Kokkolaa", "staden",
# "Karleby stad", "the city"): word starts.
CITY_WORDS = ("kaupunki", "kokkola", "karleby", "stad", "city", "kommun", "kunta", "kuntaa")
# "Officially" in the sentence of a first-person "represent" (word starts).
OFFICIAL_WORDS = ("virallise", "officiell", "official")


# A first-person "speak" ([speak]) for the city: within SPEAK_REACH words after the verb, a
# city word with its "for" (Finnish after it: "kaupungin puolesta", "Kokkolan nimissä";
# Swedish and English before it: "för hela Karleby stad", "on behalf of the City").
SPEAK_REACH = 8
FI_FOR = frozenset({"puolesta", "nimissä", "nimessä"})
FOR_BEFORE = frozenset({"för", "namn", "for", "behalf"})
SPEAK_NEGATION = frozenset({"inte", "ej", "icke", "not", "never", "aldrig", "en", "ei"})
# A thing spoken for, not the city as speaker: "talar för att staden...", "speak for the
# children of the city", "puhun lasten puolesta".
FOR_OTHER = frozenset({"att", "barnen", "children", "residents", "invånarna"})
# The city's words in any case ("kaupungin", "kaupunkia", "Kokkolan", "stadens", "City").
SPEAK_CITY = (*CITY_WORDS, "kaupung")


def _speaks_for_city(rest: Sequence[str]) -> int | None:
    """Whether the words after a first-person "speak" (`rest`, at most SPEAK_REACH) say it is
    for the city: "nyt koko Kokkolan kaupungin puolesta", "nu för hela Karleby stad", "on
    behalf of the whole City of Kokkola"; then the number of words of `rest` the claim takes
    (to the last city word or its "puolesta"), else None. A negation or another thing spoken
    for before the city word makes it none."""
    for i, word in enumerate(rest):
        if word in SPEAK_NEGATION or word in FOR_OTHER:
            return None
        if not word.startswith(SPEAK_CITY):
            continue
        after = i + 1
        while after < len(rest) and rest[after].startswith(SPEAK_CITY):
            after += 1  # "Kokkolan kaupungin puolesta"
        if after < len(rest) and rest[after] in FI_FOR:
            return after + 1
        return after if not FOR_BEFORE.isdisjoint(rest[:i]) else None
    return None


# "As the city's representative" ([as_rep]) and "we at the city" ([we_city]) speak for the
# city only with a verb of telling, promising (SAY_VERBS) or deciding (DECIDE_VERBS) within
# SAY_REACH words after them, in their sentence.
SAY_REACH = 5
SAY_VERBS = frozenset(
    {"kertoa", "kerron", "kerromme", "ilmoitan", "ilmoitamme", "ilmoittaa", "totean", "todeta",
     "sanoa", "sanon", "vastata", "vastaan", "luvata", "lupaan", "lupaamme", "vakuuttaa",
     "vakuutan", "vahvistaa", "vahvistan", "säga", "säger", "berätta", "berättar", "meddela",
     "meddelar", "lova", "lovar", "bekräfta", "bekräftar", "försäkra", "tell", "say", "announce",
     "assure", "promise", "confirm", "inform"}
)  # fmt: skip
DECIDE_VERBS = SAY_VERBS | frozenset(
    {"päättäneet", "päätimme", "päätämme", "päättää", "linjanneet", "linjasimme", "sopineet",
     "beslutat", "beslutade", "beslutar", "bestämt", "bestämde", "decided", "decide", "agreed"}
)  # fmt: skip
# Staff on a channel of their own (not the city's): "As the city's representative I can tell
# you…" speaks for the city (§9.4); a formal claim ("Olen kaupungin virallinen edustaja") may
# be an employee's real appointment as the city's voice (§17.3) and is left to elected
# officials.
STAFF_CLAIMS = frozenset({"as_rep", "we_city"})


class SpeakingForCityDetector:
    """An elected official claiming to speak for the city or to be its official representative
    (§6.1: elected officials represent themselves and their political group, on their own or a
    politician profile; the city speaks through its own channels). A warning, for the role
    `elected` only, in the first person (data/wordlists/speaking_for_city.txt):

    - a claim: "puhun kaupungin puolesta", "jag talar för staden", "I speak on behalf of the
      city";
    - a role ([as_role]) at the start of a sentence or with a first-person word in it:
      "Kaupungin virallisena edustajana ilmoitan", "Som stadens officiella representant
      meddelar jag", "As the city's official representative I announce";
    - a first-person "represent" ([represent]) with the city and "officially" in its sentence:
      "Edustan tässä asiassa Kokkolan kaupunkia virallisesti", "I officially represent
      Kokkola" ("Edustan omaa ryhmääni" is what an elected official does);
    - "as the city's representative" ([as_rep]) or "we at the city" ([we_city]) with a verb of
      telling or deciding after it (SAY_VERBS, DECIDE_VERBS): "Kaupungin edustajana voin
      kertoa…", "Vi på staden har beslutat…". These two also for an employee or an expert on
      a channel that is not the city's (STAFF_CLAIMS); the communications team on the city's
      channel speaks for it.

    - the city's official position stated ([position], `_position_stated`): "Kokkolan
      kaupungin virallinen kanta on…", "Stadens officiella ståndpunkt är…", "The city's
      official position is…" (not denied, asked or quoted with its source).

    Matches: conduct-003 over the claim (reason "speaking_for_city", or "city_position" for a
    position; param `claim`)."""

    rules = ("conduct-003",)
    cues = SPEAKING_FOR_CITY.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        elected = ctx.role is AuthorRole.ELECTED
        if not elected and (ctx.role not in STAFF_ROLES or ctx.channel.kind in CITY_CHANNELS):
            return
        for hit in ctx.text.find(SPEAKING_FOR_CITY):
            if (elected or hit.term.label in STAFF_CLAIMS) and _claims_city(ctx, hit):
                yield ctx.match(
                    "conduct-003",
                    hit.start,
                    _claim_end(ctx, hit),
                    confidence=0.7,
                    reason="city_position" if hit.term.label == "position" else "speaking_for_city",
                    claim=hit.term.text,
                )
                return  # one warning per post


def _claim_end(ctx: CheckContext, hit: LexiconMatch) -> int:
    """Where a claim ends (normalised offset): a first-person "speak" ([speak]) with the city
    words it is said for ("Puhun nyt koko Kokkolan kaupungin puolesta"), else the hit's end."""
    if hit.term.label != "speak":
        return hit.end
    words, table = ctx.text.table.words, ctx.text.table
    taken = _speaks_for_city(words[hit.last : min(len(words), hit.last + SPEAK_REACH)])
    return table.ends[hit.last + taken - 1] if taken else hit.end


def _claims_city(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a hit of SPEAKING_FOR_CITY claims the city for the writer (see
    SpeakingForCityDetector): a claim always; a role at the start of its sentence or with a
    first-person word (FIRST_PERSON) in it; a "represent" with a city word (CITY_WORDS) and
    an "officially" (OFFICIAL_WORDS) among the words of its sentence."""
    label = hit.term.label
    if label == "position":
        return _position_stated(ctx, hit)
    if label not in ("as_role", "represent", "speak", "as_rep", "we_city"):
        return True
    split = sentences(ctx.text)
    first, end = split.bounds(split.of_token[hit.first])
    words = ctx.text.table.words
    if label in STAFF_CLAIMS:
        if not SPEAK_NEGATION.isdisjoint(words[max(first, hit.first - 3) : hit.first]):
            return False  # "En kirjoita tätä kaupungin edustajana"
        verbs = SAY_VERBS if label == "as_rep" else DECIDE_VERBS
        return not verbs.isdisjoint(words[hit.last : min(end, hit.last + SAY_REACH)])
    if label == "as_role":
        if not SPEAK_NEGATION.isdisjoint(words[max(first, hit.first - 3) : hit.first]):
            return False  # "Minä en puhu kaupungin puolesta", "Jag talar inte å stadens vägnar"
        return hit.first == first or not FIRST_PERSON.isdisjoint(words[first:end])
    if label == "speak":
        return _speaks_for_city(words[hit.last : min(end, hit.last + SPEAK_REACH)]) is not None
    rest = words[hit.last : end]
    return any(word.startswith(CITY_WORDS) for word in rest) and any(
        word.startswith(OFFICIAL_WORDS) for word in words[first:end]
    )


# A source for the city's official position in its sentence (word starts): a link, the
# minutes, a decision quoted ("päätöksestä", "enligt beslutet", "according to the decision").
POSITION_SOURCES = (
    "http", "www", "kokkola.fi", "karleby.fi", "pöytäkir", "päätökse", "päätöksen",
    "protokoll", "beslut", "minutes", "decision", "published", "julkais", "publicer",
)  # fmt: skip


def _position_stated(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether the city's official position ([position]) is stated by the writer: not denied
    in the three words before it ("Tämä ei ole kaupungin virallinen kanta", "not the city's
    official position"), not asked, no source in its sentence (POSITION_SOURCES, a "§")."""
    split = sentences(ctx.text)
    first, end = split.bounds(split.of_token[hit.first])
    words, table = ctx.text.table.words, ctx.text.table
    if not SPEAK_NEGATION.isdisjoint(words[max(first, hit.first - 3) : hit.first]):
        return False
    text = ctx.text.text[table.starts[first] : table.ends[end - 1] + 1]
    if "?" in text or "§" in text:
        return False
    return not any(word.startswith(POSITION_SOURCES) for word in words[first:end])


CITY_DECISIONS = Lexicon(load_terms("city_decisions"))
# Roles that may not decide or promise for the city on their own account (§9.1, §9.4): the
# organisation's account announces decisions; an elected official's claims are conduct-003.
STAFF_ROLES = frozenset({AuthorRole.EMPLOYEE, AuthorRole.EXPERT})
# Words right after a promise that make it a promise about a matter ("että", "att", "that",
# a pronoun for the matter, "you", "the"): then a city matter must follow in its sentence
# (for a pronoun: anywhere in it, "Koulu ei lakkaa, lupaan sen").
PROMISE_LINKS = frozenset({"että", "ettei", "att", "that", "the", "you", "teille", "sinulle",
                           "dig", "er", "sulle"})  # fmt: skip
# A first-person subject right after a promise's link word: the promise is of the writer's own
# deed ("että välitän", "att jag", "that I"); Finnish first-person verbs end in -n or -mme.
OWN_SUBJECTS = frozenset({"minä", "mä", "me", "jag", "vi", "i", "we", "ll"})
OWN_VERB_ENDINGS = ("n", "mme")
PROMISE_PRONOUNS = frozenset({"sen", "sitä", "tämän", "det", "detta", "it", "this"})
# Words of a source in a decision's sentence: minutes, a section, an item ("päätti 12.6. (§
# 45)", "protokollet", "minutes").
SOURCE_REACH = 3  # words after a claimed decision in which its date is looked for
SOURCE_WORDS = ("pöytäkir", "pykälä", "päätöksellä", "protokoll", "paragraf", "minutes",
                "kokkola.fi", "karleby.fi")  # fmt: skip


class CityDecisionDetector:
    """An employee or an expert presenting a city matter as decided, or promising for the
    city, on their own account (§9.1: check the facts, an undecided matter stated as decided
    misleads; §9.4: loyalty to the employer, who decides and speaks through its own
    channels). A warning; words in data/wordlists/city_decisions.txt:

    - a decision claimed ([decided]): "Kaupunki on päättänyt, että koulu lakkautetaan",
      "Staden har redan beslutat", "it's already decided", "the council will approve";
    - a first-person promise ([promise]) about a city matter (conduct.CITY_MATTERS): "Voin
      luvata, että kirjasto pysyy auki", "kan jag lova att skolan inte stängs", "Koulu ei
      lakkaa, lupaan sen henkilökohtaisesti" (not "Lupaan tulla konserttiin").

    A question and a sentence with a source (a date, a §, minutes, the city's site: "päätti
    12.6. (§ 45)") are left alone; the organisation's account announces decisions. Matches:
    conduct-004 over the phrase (reason "decision_claim" or "promise_for_city", param
    `phrase`), one per post."""

    rules = ("conduct-004",)
    cues = CITY_DECISIONS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role not in STAFF_ROLES:
            return
        for hit in ctx.text.find(CITY_DECISIONS):
            if _unsourced_claim(ctx, hit):
                yield ctx.match(
                    "conduct-004",
                    hit.start,
                    hit.end,
                    confidence=0.65,
                    reason="decision_claim" if hit.term.label == "decided" else "promise_for_city",
                    phrase=hit.term.text,
                )
                return  # one warning per post


def _unsourced_claim(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a hit of CITY_DECISIONS claims a decision or promises a city matter with no
    source, outside a question (see CityDecisionDetector)."""
    split = sentences(ctx.text)
    first, end = split.bounds(split.of_token[hit.first])
    table = ctx.text.table
    sentence_text = ctx.text.text[table.starts[first] : table.ends[end - 1] + 1]
    if "?" in sentence_text or "§" in sentence_text:
        return False
    words = table.words
    if any(word.startswith(SOURCE_WORDS) for word in words[first:end]) or any(
        word.isdigit() for word in words[hit.last : min(end, hit.last + SOURCE_REACH)]
    ):
        return False  # minutes, or the date of the decision ("on päättänyt 12.6.2026")
    if hit.term.label == "decided":
        return True
    following = words[hit.last] if hit.last < end else ""
    if following in PROMISE_PRONOUNS:
        low = first
    elif following in PROMISE_LINKS:
        low = hit.last
    else:
        return False
    matters = [matter.first for matter in ctx.text.find(CITY_MATTERS) if low <= matter.first < end]
    if not matters:
        return False
    # The writer's own deed promised ("Lupaan, että välitän asian kaupungille", "I promise
    # that I will pass it on to the city"): a first-person word right after the link.
    subject = hit.last + 1 if following in PROMISE_LINKS else -1
    return not (
        0 < subject < end
        and subject not in matters
        and (words[subject] in OWN_SUBJECTS or words[subject].endswith(OWN_VERB_ENDINGS))
    )


class DisclaimerDetector:
    """A personal opinion on a city matter without saying it is personal (a warning)."""

    rules = ("disclaimer-001",)
    cues = OPINIONS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role not in SPEAKING_ROLES:
            return
        opinions = ctx.text.find(OPINIONS)
        if not opinions or ctx.text.find(DISCLAIMERS) or not ctx.text.find(CITY_MATTERS):
            return
        first = opinions[0]
        yield ctx.match("disclaimer-001", first.start, first.end, confidence=0.7, reason="opinion")


ELECTION = Lexicon(load_terms("election"))
# The calls alone: no finding without one, so they are the detector's cues (a party's or a
# candidate's word alone, "puolue*", "party", "kandidat*", ran it on two thirds of the texts).
ELECTION_CALLS = Lexicon(term for term in load_terms("election") if term[1] == "call")
# Channels that speak for the city (§7, §12.2): an election call there takes sides for it.
CITY_CHANNELS = frozenset({ChannelKind.CITY, ChannelKind.UNIT, ChannelKind.OFFICE_ROLE})
CALL_REACH = 4  # words after a call in which its object is looked for
# A call for the writer ("Äänestä minua", "Rösta på mig", "Vote for me"; "us" too) is a
# candidate's own when the text is about an election (a vote for "us" as the library of the
# year is a prize vote, §6.1 is about elections).
SELF_OBJECTS = frozenset({"minua", "meitä", "mig", "oss", "me", "us"})
ELECTION_WORDS = Lexicon(
    (term, "election")
    for term in (
        "*vaali*", "*vaalei*", "*vaalien", "*vaaleja", "ehdokasnumer*", "ehdokkaa*",
        # a candidate's number: "olen ehdolla numerolla 212" (not "ehdolla" alone: a contest)
        "ehdolla numerolla", "ehdokas*", "val", "valet", "*valet", "*valen", "kandidatnummer*",
        "kandidat*", "election*", "ballot*", "candidate*", "polls",
    )
)  # fmt: skip
# Words of "our"/"my" before a candidate word: a call for the speaker's own candidate.
POSSESSIVES = frozenset(
    {"meidän", "minun", "oma", "omaa", "vår", "vårt", "våra", "min", "mitt", "our", "my"}
)
# Capitalised words after a call that name no candidate: days, times, places of voting and the
# city itself ("Äänestä Sunnuntaina", "Vote for Kokkola in the contest").
NOT_CANDIDATES = (
    "maanan", "tiista", "keskiviik", "torsta", "perjanta", "lauanta", "sunnunta", "ennakko",
    "tänään", "huomenna", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "kokkola", "karleby",
)  # fmt: skip
# Words of a prize or a competition in the title after a call ("Vote for Library of the Year",
# "Äänestä Vuoden Kirjastoa", "Rösta på Årets Bibliotek", "Äänestä Paras Lähiruoka"): a
# public vote for a prize, not for a candidate or a party. Finnish word starts, then words.
PRIZE_STARTS = ("palkin", "kilpailu", "suosikki", "suosikin")
PRIZE_WORDS = frozenset(
    {"vuoden", "paras", "parhaan", "parasta", "parhaat", "kisa", "kisan", "kisaan",
     "årets", "pris", "priset", "tävling", "tävlingen", "bästa", "favorit", "favoriten",
     "utmärkelse", "utmärkelsen", "year", "years", "award", "awards", "prize", "contest",
     "competition", "best", "favourite", "favorite", "trophy", "cup"}
)  # fmt: skip
# Small words inside a title in lower case ("Library of the Year", "Årets bibliotek i Norden").
TITLE_LINKS = frozenset({"of", "the", "for", "in", "i", "av", "för"})
FIRST_NAMES = load_names()
TITLE_REACH = 6  # words of a title read after the call


class ElectionCallDetector:
    """A call to vote for a named candidate, a party or "our" candidate posted on a channel that
    speaks for the city, or by the organisation (§6.1: politics belongs on the official's own or
    a politician profile; §17.3: an updater represents the city organisation). A warning; a
    reminder to vote ("Muista äänestää!", "Rösta på söndag", "Vote for the candidate of your
    choice") names no one and stays clean.

    Matches: conduct-002 over the call and its object, in the sentence (reason
    "election_call", param `call`)."""

    rules = ("conduct-002",)
    cues = ELECTION_CALLS.cues  # `detect` returns where no call is found

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.role != AuthorRole.ORGANIZATION and ctx.channel.kind not in CITY_CHANNELS:
            return
        hits = ctx.text.find(ELECTION)
        calls = [hit for hit in hits if hit.term.label == "call"]
        if not calls:
            return
        objects = {hit.first: hit for hit in hits if hit.term.label != "call"}
        of_token = sentences(ctx.text).of_token
        table = ctx.text.table
        for call in calls:
            reach = [
                index
                for index in range(call.last, min(call.last + CALL_REACH, len(table.words)))
                if of_token[index] == of_token[call.first]
            ]
            end = _called_object(ctx, call, reach, objects)
            if end is not None:
                yield ctx.match(
                    "conduct-002",
                    call.start,
                    end,
                    confidence=0.75,
                    reason="election_call",
                    call=call.term.text,
                )
                return  # one warning per post: the channel, not each call, is the point


def _called_object(
    ctx: CheckContext, call: LexiconMatch, reach: list[int], objects: dict[int, LexiconMatch]
) -> int | None:
    """The normalised end offset of what a call asks to vote for, when that is one candidate
    or party (ElectionCallDetector), else None: a party's name, a candidate word with a name,
    a number or "our" before it, or a capitalised word right after the call that is not a
    day, a time or the city ("Äänestä Virtasta", "Rösta på Anna Berg")."""
    table = ctx.text.table
    words = table.words
    for index in reach:
        hit = objects.get(index)
        if hit is None:
            continue
        if hit.term.label == "party":
            return hit.end
        named = [i for i in reach if i > index and (_capitalised(ctx, i) or words[i].isdigit())]
        owned = index > call.last and words[index - 1] in POSSESSIVES
        if named or owned or words[index].endswith(("mme", "amme", "ämme")):
            return table.ends[named[0]] if named else hit.end
    if reach and words[reach[0]] in SELF_OBJECTS and ctx.text.find(ELECTION_WORDS):
        return table.ends[reach[0]]
    if reach and reach[0] == call.last and _capitalised(ctx, call.last):
        shouted = ctx.text.cased[call.start : call.end].isupper()
        if (
            not shouted
            and not words[call.last].startswith(NOT_CANDIDATES)
            and not _prize_title(ctx, call.last)
        ):
            last = call.last
            while last + 1 in reach and _capitalised(ctx, last + 1):
                last += 1  # a first name and a surname
            return table.ends[last]
    return None


def _prize_title(ctx: CheckContext, first: int) -> bool:
    """The capitalised words from token `first` (a title: capitalised words, with TITLE_LINKS
    between them, at most TITLE_REACH words, in one sentence) name a prize or a competition
    (PRIZE_WORDS, PRIZE_STARTS: "Library of the Year", "Vuoden Kirjasto", "Årets Bibliotek",
    "Best Café"):
    a vote for a prize, not for a candidate (§6.1 is about elections). A title that starts
    with a first name names a person ("Vote for George Best")."""
    words = ctx.text.table.words
    if words[first] in FIRST_NAMES:
        return False
    of_token = sentences(ctx.text).of_token
    index = first
    while index < min(len(words), first + TITLE_REACH) and of_token[index] == of_token[first]:
        if not (_capitalised(ctx, index) or (index > first and words[index] in TITLE_LINKS)):
            break
        if words[index] in PRIZE_WORDS or words[index].startswith(PRIZE_STARTS):
            return True
        index += 1
    return False


def _capitalised(ctx: CheckContext, index: int) -> bool:
    """Whether token `index` is a word that starts with a capital letter in the original."""
    table = ctx.text.table
    word = ctx.text.cased[table.starts[index] : table.ends[index]]
    return word[:1].isupper() and word.isalpha()
