"""Veiled menace without a violent word, in fi/sv/en (§9.5, §10.6; threat-003): what the
writer says will befall the reader, and "just wait" said to a person.

- A pity if harm befell the reader's own: a word of pity, a condition, "something" and a verb
  of happening aimed at the reader or what is theirs ("Olisi sääli jos talollesi sattuisi
  jotain", "Det vore synd om något hände dina barn", "Would be a shame if something happened
  to it"). Care in the sentence or the next (drive carefully, an insurance) sets it aside, and
  so does no happening ("It would be a shame if you missed the concert").
- Harm promised: "something" happening to a person, or things going badly for them, said of
  the future ("Kohta sulle käy huonosti", "Sinulle sattuu vielä jotain", "Något kommer att
  hända dig", "Something will happen to you", "This will end badly for you"). A condition
  ("jos sinulle sattuu jotain, soita 112"), a good thing ("something good will happen to
  you"), care, or a past form ("sulle kävi huonosti arvonnassa") is none.
- "Just wait" said to a person ("Pormestari, odota vaan.", "Rektorn, vänta bara!", "Mayor,
  you just wait"): a person named or addressed in the sentence, and nothing after it but a
  weapon or death emoji; "Odota vaan, kesä tulee!" promises summer.
- A weapon emoji "on its way" to a person ("Virkamies 🔪 tulossa", "🔫 coming for the mayor";
  threat-002): a word of coming right beside the emoji and a person in the sentence; a course,
  a sale or a kitchen sets it aside.

Every function reads a bounded window of tokens from its cue (set lookups only); the caller
(harmful.py) runs them only on texts that hold a cue (CUES, or a weapon emoji with a target).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Person = Callable[[int], bool]

# --- Words shared by the constructions -------------------------------------------------------
CONDITION = frozenset({"jos", "mikäli", "om", "if"})
SOMETHING = frozenset(
    {"jotain", "jotakin", "jokin", "något", "nåt", "nånting", "någonting",
     "something", "somethin", "anything"}
)  # fmt: skip
# The reader and third persons as the one harm comes to: Finnish allatives ("sulle",
# "hänelle"), Swedish and English objects and possessives.
FI_TO_PERSON = frozenset(
    {"sulle", "sinulle", "teille", "hänelle", "heille", "sille", "niille", "sinuun", "teihin"}
)
# Third persons' own things as well as the reader's ("om något hände hans bil", "if something
# happened to his car"), as the Finnish "hänen autolleen" always was (a fresh tester of stop 37).
SV_PERSON = frozenset(
    {"dig", "dej", "er", "din", "ditt", "dina", "era", "ert", "honom", "henne", "hans",
     "hennes", "deras", "hens"}
)  # fmt: skip
EN_PERSON = frozenset({"you", "u", "ya", "your", "ur", "him", "her", "them", "his", "their"})
# "to it": the thing just praised ("Nice house. Would be a shame if something happened to it").
EN_THING = frozenset({"it"})
OWNERS = frozenset(
    {"din", "ditt", "dina", "era", "ert", "hans", "hennes", "deras", "hens", "your", "ur", "his",
     "her", "their"}
)  # fmt: skip
# Finnish conditional verbs that end like a possessive ("sattuisi", "olisi").
NOT_HARMED = frozenset(
    {"sattuisi", "tapahtuisi", "kävisi", "olisi", "voisi", "pitäisi", "tulisi", "joutuisi",
     "menisi", "osuisi"}
)  # fmt: skip
NOT_POSSESSIVE = frozenset({"sinne", "tänne", "minne", "jonne", "kuusi", "uusi", "vesi", "käsi"})
# Care, advice and insurance: "Olisi sääli jos sinulle sattuisi jotain, aja varovasti", "it
# would be a pity if something happened to your home: check your home insurance". Word starts.
CARE = (
    "varovasti", "varovai", "varo", "huolehdi", "huolta", "turvalli", "vakuutu", "kotivakuutu",
    "kypärä", "heijastin", "ensiapu", "112", "försiktig", "ta hand", "säker", "försäkring",
    "hjälm", "reflex", "careful", "safe", "insurance", "insure", "helmet", "first aid",
    "take care", "look after", "liukueste", "nastak", "broddar", "spikes", "grit", "hiekoit",
    "sandning",
)  # fmt: skip
# Good things that may happen ("something good will happen to you", "jotain kivaa").
GOOD = frozenset(
    {"hyvää", "kivaa", "mukavaa", "ihanaa", "hauskaa", "jännittävää", "upeaa", "mahtavaa",
     "kaunista", "bra", "roligt", "trevligt", "fint", "kul", "underbart", "spännande",
     "good", "nice", "great", "wonderful", "amazing", "fun", "exciting", "special", "lovely",
     "beautiful", "magical", "positive"}
)  # fmt: skip
# Times that make harm a promise: "kohta", "vielä", "snart", "soon", "one day".
SOON = frozenset(
    {"vielä", "kohta", "pian", "piakkoin", "huomenna", "tänään", "illalla", "yöllä", "jonain",
     "jonakin", "snart", "imorgon", "ikväll", "inatt", "idag", "någon", "dag", "soon",
     "tomorrow", "tonight", "today", "one", "day", "someday", "eventually"}
)  # fmt: skip
REACH = 10  # tokens read after a cue


def _good_thing(words: Sequence[str], first: int, end: int) -> bool:
    """A good thing said of "something" among `words[first:end]`: a word of GOOD within two
    tokens after a word of SOMETHING ("something good", "jotain kivaa", "något roligt"); a
    good word elsewhere ("your lovely kids") says nothing of what happens."""
    return any(
        words[i] in SOMETHING and not GOOD.isdisjoint(words[i + 1 : min(end, i + 3)])
        for i in range(first, end)
    )


def _possessive_you(word: str) -> bool:
    """A Finnish noun with the second-person possessive suffix, in any case ("talollesi",
    "lapsillesi", "autonne"): "-si"/"-nne" after a vowel ("bussi", "taksi" end in a
    consonant and "si")."""
    return (
        len(word) >= 5
        and word.endswith(("si", "nne"))
        and word[-3 if word.endswith("si") else -4] in "aeiouyäö"
        and word not in NOT_POSSESSIVE
    )


def _cared(words: Sequence[str], first: int, end: int) -> bool:
    """Care, advice or insurance among `words[first:end]` (CARE: word starts)."""
    return any(word.startswith(CARE) for word in words[first:end])


def _harmed(words: Sequence[str], i: int, person: Person) -> bool:
    """The token at `i` names the one harm comes to: a Finnish allative of a person or a
    word with "your" in it, a Swedish or English person word, or a person (`person`)."""
    word = words[i]
    if word in NOT_HARMED:
        return False
    return (
        word in FI_TO_PERSON
        or word in SV_PERSON
        or word in EN_PERSON
        or _possessive_you(word)
        or person(i)
    )


# --- A pity if harm befell the reader ------------------------------------------------------
PITY = frozenset(
    {"sääli", "harmi", "harmillista", "ikävää", "ikävä", "kurjaa", "surku", "synd", "tråkigt",
     "trist", "shame", "pity"}
)  # fmt: skip
# Verbs of happening in a condition: "sattuisi", "tapahtuisi", "hände", "skulle hända",
# "happened", "were to happen".
CONDITIONAL_HAPPEN = frozenset(
    {"sattuisi", "sattuis", "tapahtuisi", "tapahtuis", "kävisi", "sattuu", "tapahtuu", "hände",
     "hända", "händer", "drabbade", "drabbades", "happened", "happen", "happens", "befell",
     "occurred"}
)  # fmt: skip


def pity_if_harmed(
    words: Sequence[str], index: int, end: int, next_end: int, person: Person
) -> int | None:
    """The last token of "would be a shame if something happened to your house" from the
    word of pity at `index`: a condition within four tokens after it, then within REACH
    tokens "something" and a verb of happening, or a mishap (`_mishap`: "if the principal
    slipped on the ice", "om en olycka drabbade rektorn"), and the one harm would come to
    (`_harmed`, or "it" after "to"). None with care or insurance in the sentence or the next (up to
    `next_end`), or without any of them."""
    condition = next(
        (i for i in range(index + 1, min(end, index + 5)) if words[i] in CONDITION), None
    )
    if condition is None:
        return None
    stop = min(end, condition + 1 + REACH)
    window = range(condition + 1, stop)
    happen = [i for i in window if words[i] in CONDITIONAL_HAPPEN]
    something = [i for i in window if words[i] in SOMETHING]
    if not happen or not something:
        # "It'd be a pity if the principal slipped on the ice", "if an accident befell him"
        happen = [i for i in window if _mishap(words, i, stop)]
        something = happen
        if not happen:
            return None
    harmed = [
        i
        for i in window
        if _harmed(words, i, person) or (words[i] in EN_THING and i > 0 and words[i - 1] == "to")
    ]
    if not harmed or _good_thing(words, condition, stop):
        return None
    if _cared(words, index, max(end, next_end)):
        return None
    last = max(happen[0], something[0], harmed[0])
    if words[last] in OWNERS and last + 1 < stop:
        last += 1  # "dina barn", "your house": the thing owned
    return last


# Mishaps that may befall someone, said after a word of pity and a condition: a fall or an
# accident ("jos rehtori liukastuisi", "om rektorn halkade", "if the principal slipped").
MISHAPS = frozenset(
    {"liukastuisi", "liukastuis", "liukastuisit", "kaatuisi", "kaatuis", "kaatuisit",
     "kompastuisi", "kompastuisit", "halkade", "halka", "ramlade", "snubblade", "föll",
     "trillade", "slipped", "slip", "fell", "tripped", "trip"}
)  # fmt: skip
# Words after a verb of falling that make it no fall: "fell asleep", "föll i sömn".
NOT_FALLING = frozenset(
    {"asleep", "in", "for", "behind", "short", "apart", "through", "sömn", "för", "bort"}
)
# Accidents and mishaps as nouns (every form listed: "vahinkolaukaus" is a compound).
ACCIDENTS = frozenset(
    {"vahinko", "vahinkoja", "vahingon", "vahinkoa", "vahingot", "vahinkolaukaus",
     "vahinkolaukauksen", "vahinkolaukauksia", "vahinkolaukaukset", "onnettomuus",
     "onnettomuuden", "onnettomuuksia", "onnettomuudet", "onnettomuutta", "tapaturma",
     "tapaturmia", "tapaturman", "tapaturmat", "jahtionnettomuus", "metsästysonnettomuus",
     "metsästysonnettomuuden", "olycka", "olyckan", "olyckor", "olyckorna", "olyckshändelse",
     "olyckshändelser", "vådaskott", "vådaskottet", "vådaskjutning", "jaktolycka",
     "jaktolyckan", "accident", "accidents", "mishap", "mishaps"}
)  # fmt: skip


def _mishap(words: Sequence[str], i: int, stop: int) -> bool:
    """The token at `i` is a mishap (MISHAPS, not "fell asleep": NOT_FALLING) or an
    accident (ACCIDENTS); `stop` ends the window read."""
    if words[i] in ACCIDENTS:
        return True
    return words[i] in MISHAPS and (i + 1 >= stop or words[i + 1] not in NOT_FALLING)


# --- An accident befalling a person --------------------------------------------------------
# "Vahinkoja sattuu, pormestari", "Olyckor händer, även för rektorn", "A hunting accident
# could happen to the mayor", "Vahinkolaukaus jahdissa ja teidän johtaja on historiaa": an
# accident said as a prospect for a named person or an official (a fresh tester of stop 35).
# Verbs of an accident happening, not in the past: "sattuu", "voi sattua", "händer", "could
# happen".
BEFALL = frozenset(
    {"sattuu", "sattua", "sattuisi", "sattuis", "tapahtuu", "tapahtua", "tapahtuisi",
     "händer", "hända", "drabbar", "drabba", "happen", "happens", "befall", "befalls",
     "occur", "occurs", "strike", "strikes"}
)  # fmt: skip
# What makes the accident a report, advice or instructions: the news and its sources, a past
# happening, "no one was hurt", "report accidents to...", a condition ("jos vahinko sattuu,
# ota yhteyttä rehtoriin").
NOT_A_PROSPECT = frozenset(
    {"kertoo", "kertoi", "sanoo", "sanoi", "muistuttaa", "muistutti", "varoittaa",
     "varoitti", "toteaa", "totesi", "mukaan", "tiedottaa", "kysyi", "kysyy", "ilmoita",
     "ilmoittakaa", "raportoi", "sattui", "tapahtui", "ei", "eikä", "kukaan", "koskaan",
     "säger", "sa", "sade", "påminner", "påminde", "varnar", "varnade", "enligt", "frågade",
     "frågar", "anmäl", "rapportera", "hände", "ingen", "inget", "inga", "inte", "aldrig",
     "says", "said", "reminds", "reminded", "warns", "warned", "according", "asked", "asks",
     "report", "happened", "occurred", "no", "not", "nobody", "never"}
)  # fmt: skip
HISTORY = frozenset({"historiaa", "historia", "history"})
HISTORY_COPULA = frozenset({"on", "ovat", "olet", "oot", "är", "is", "s", "are", "re", "was"})
# Adverbs between the copula and "history", or after it at the clause's end.
HISTORY_ADVERBS = frozenset(
    {"nyt", "jo", "pian", "kohta", "sitten", "nu", "snart", "redan", "sen", "då", "now",
     "soon", "already", "then"}
)  # fmt: skip


def history_of(
    words: Sequence[str], index: int, first: int, end: int, person: Person
) -> int | None:
    """The person said to be history by the word at `index` (HISTORY): "teidän johtaja on
    historiaa", "er chef är historia", "the mayor is history (now)": a copula right before
    it (an adverb may come between: HISTORY_ADVERBS), a person (`person`) right before the
    copula, and the clause ends after it (the sentence's end, an adverb, or "and"). None
    otherwise ("Rektorns tal om skolans historia", "the history of the mayor's office")."""
    after = index + 1
    if after < end and words[after] not in HISTORY_ADVERBS | {"ja", "och", "and"}:
        return None
    at = index - 1
    if at > first and words[at] in HISTORY_ADVERBS:
        at -= 1
    if at <= first or words[at] not in HISTORY_COPULA:
        return None
    return at - 1 if person(at - 1) else None


def accident_befalls(
    words: Sequence[str], index: int, first: int, end: int, next_end: int, person: Person
) -> tuple[int, int] | None:
    """The first and last token of an accident (the cue at `index`, ACCIDENTS) said as a
    prospect for a person: a verb of it happening, not in the past (BEFALL), or a person
    said to be history (`history_of`), and a named person or an official in the sentence
    (`person`, `first`..`end`). None in a report, advice or instructions (NOT_A_PROSPECT, a
    condition), with care in the sentence or the next (to `next_end`: "Olyckor händer –
    använd reflex", "Accidents happen: wear a helmet"), or with nobody named ("Metsästyksessä
    sattui vahinkolaukaus, kukaan ei loukkaantunut")."""
    window = words[first:end]
    if not NOT_A_PROSPECT.isdisjoint(window) or not CONDITION.isdisjoint(window):
        return None
    people = [i for i in range(first, end) if person(i)]
    if not people:
        return None
    said = [
        i
        for i in range(first, end)
        if words[i] in BEFALL
        or (words[i] in HISTORY and history_of(words, i, first, end, person) is not None)
    ]
    if not said or _cared(words, first, max(end, next_end)):
        return None
    return min(index, people[0], said[0]), max(index, people[-1], said[-1])


# --- Harm promised ---------------------------------------------------------------------------
# Verbs of happening said of the future: "sattuu vielä", "kommer att hända", "will happen".
HAPPEN = frozenset({"sattuu", "tapahtuu", "hända", "händer", "happen", "happens", "happening"})
# "Käy huonosti", "gå illa", "go badly", "end badly"; and "won't end well".
FARE = frozenset(
    {"käy", "käymään", "gå", "går", "kommer", "go", "goes", "going", "end", "ends", "ending",
     "turn", "turns"}
)  # fmt: skip
BADLY = frozenset(
    {"huonosti", "köpelösti", "kalpaten", "ohraisesti", "pahasti", "illa", "dåligt", "badly",
     "bad", "ugly"}
)  # fmt: skip
WELL = frozenset({"well"})
FUTURE = frozenset(
    {"will", "ll", "gonna", "going", "shall", "kommer", "ska", "skall", "tulee", "tulet"}
)  # fmt: skip
NEGATED_FUTURE = frozenset({"won", "wont", "not"})
CUES_PROMISE = HAPPEN | (BADLY - {"bad", "ugly"}) | WELL


def harm_promised(
    words: Sequence[str], index: int, first: int, end: int, person: Person
) -> tuple[int, int] | None:
    """The first and last token of harm promised to a person from the cue at `index`: a verb
    of happening with "something" (`SOMETHING`) beside it, or a word of faring badly with a
    verb of faring (BADLY after FARE: "käy huonosti", "gå illa", "end badly", or "won't end
    well"), within four tokens of the one it comes to (`_harmed`), said of the future (a
    time of SOON or a future word of FUTURE in the clause). None after a condition
    ("jos sinulle sattuu jotain"), beside a good thing or care, or in the past."""
    start = max(first, index - 6)
    stop = min(end, index + 5)
    window = words[start:stop]
    word = words[index]
    if word in HAPPEN:
        if SOMETHING.isdisjoint(words[max(first, index - 3) : min(end, index + 4)]):
            return None
    elif word in BADLY or word in WELL:
        if FARE.isdisjoint(words[max(first, index - 4) : index]):
            return None
        if word in WELL and NEGATED_FUTURE.isdisjoint(words[max(first, index - 5) : index]):
            return None
    else:
        return None
    near = [
        i for i in range(max(first, index - 4), min(end, index + 5)) if _harmed(words, i, person)
    ]
    if not near:
        return None
    if not CONDITION.isdisjoint(words[first:index]) or _good_thing(words, start, stop):
        return None
    if SOON.isdisjoint(window) and FUTURE.isdisjoint(window) and NEGATED_FUTURE.isdisjoint(window):
        return None
    if _cared(words, first, end):
        return None
    return min(index, near[0]), max(index, near[-1])


# --- "Just wait" said to a person --------------------------------------------------------
WAIT = frozenset({"odota", "odottakaa", "odotas", "odotahan", "vänta", "wait"})
JUST = frozenset({"vaan", "vain", "bara", "just"})


# "(Kohta) näette mitä tapahtuu", "ni får se vad som händer", "you'll see what happens": the
# reader will see what happens, and the sentence ends there.
SEE = frozenset(
    {"näet", "näette", "nähdä", "nähdään", "näkee", "ser", "se", "see", "sees"}
)  # fmt: skip
WHAT = frozenset({"mitä", "mikä", "vad", "what"})
SEE_REACH = 4  # tokens from the seeing verb to the happening one


def _see_what_happens(words: Sequence[str], first: int, end: int) -> bool:
    """Whether `words[first:end]` (a sentence) ends in "see what happens": a seeing verb
    (SEE), a WHAT word, then a happening verb (HAPPEN) as the sentence's last token, within
    SEE_REACH tokens. "You'll see what happens at the fair" goes on: no."""
    if end - first < 3 or words[end - 1] not in HAPPEN:
        return False
    window = words[max(first, end - 1 - SEE_REACH) : end - 1]
    return not SEE.isdisjoint(window) and not WHAT.isdisjoint(window)


def see_what_happens_at(words: Sequence[str], first: int, end: int) -> bool:
    """Whether `words[first:end]` (the rest of a sentence) sees what happens somewhere: a
    seeing verb (SEE), a WHAT word and a happening verb (HAPPEN) within SEE_REACH tokens of
    the seeing one, with words after the happening ("du får se vad som händer på
    julmarknaden", "you'll see what happens at the fair"): an event, not menace."""
    for i in range(first, min(end, first + SEE_REACH)):
        if words[i] in SEE:
            after = words[i + 1 : min(end, i + 1 + SEE_REACH)]
            if WHAT.isdisjoint(after):
                return False
            happen = next(
                (j for j in range(i + 1, min(end, i + 1 + SEE_REACH)) if words[j] in HAPPEN), None
            )
            return happen is not None and happen + 1 < end
    return False


def just_wait(
    words: Sequence[str],
    index: int,
    first: int,
    end: int,
    person: Person,
    menacing_mark: bool,
    following: tuple[int, int] = (0, 0),
) -> int | None:
    """The last token of "just wait" said to a person, from the waiting word at `index`:
    "odota vaan", "vänta bara" (the particle after it) or "(you) just wait" (before it),
    a person named or addressed right before it (`person`, "you", "du", "sinä": within three
    tokens), no good thing in the sentence (GOOD), and
    nothing after it in the sentence (`end`) unless `menacing_mark` (a weapon or death emoji
    in the sentence). "Odota vaan, kesä tulee!" names no one; "Mummo, odota vaan, tulen
    pian" goes on. With no one named, "just wait" is menace when the sentence, or the
    `following` one ((first, end) tokens), ends in "see what happens" ("Just wait. You'll
    see what happens.", "Odottakaa vaan, kohta näette mitä tapahtuu"): then the last token
    of that. No good thing in either (GOOD)."""
    if index + 1 < end and words[index + 1] in JUST and words[index + 1] != "just":
        last = index + 1
    elif index > first and words[index - 1] == "just":
        last = index
    else:
        return None
    if not any(
        person(i) or words[i] in {"sinä", "sä", "te", "du", "ni", "you"}
        for i in range(max(first, index - 3), index)
    ):
        return _wait_and_see(words, last, end, following)
    if not GOOD.isdisjoint(words[first:end]):
        return None  # "Sinulle tapahtuu vielä jotain kivaa, odota vain!"
    if last + 1 < end and not menacing_mark:
        return _wait_and_see(words, last, end, following)
    return last


def _wait_and_see(
    words: Sequence[str], last: int, end: int, following: tuple[int, int]
) -> int | None:
    """`just_wait`'s "see what happens" after the phrase ending at `last`: in the rest of its
    sentence, else (when the phrase ends the sentence) in the next one."""
    if last + 1 < end:
        found = _see_what_happens(words, last + 1, end) and GOOD.isdisjoint(words[last:end])
        return end - 1 if found else None
    after, stop = following
    if stop <= after or not GOOD.isdisjoint(words[after:stop]):
        return None
    return stop - 1 if _see_what_happens(words, after, stop) else None


# --- A weapon emoji on its way ------------------------------------------------------------
EMOJI_COMING = frozenset(
    {"tulossa", "tulee", "tullaan", "tulen", "saapuu", "matkalla", "kommer", "coming",
     "incoming", "way"}
)  # fmt: skip
# Courses, sales and kitchens where a knife emoji is on its way ("Kokkikurssi 🔪 tulossa").
EMOJI_HARMLESS = (
    "kurssi", "kurs", "course", "class", "workshop", "työpaja", "verkstad", "ale", "tarjous",
    "rea", "sale", "offer", "resepti", "recept", "recipe", "kokki", "kock", "cook", "chef",
    "kitchen", "keittiö", "kök", "ruoka", "mat", "food", "leiri", "läger", "camp",
)  # fmt: skip


def emoji_coming(words: Sequence[str], before: int, first: int, end: int) -> bool:
    """A word of coming right beside a weapon emoji that stands before token `before` (the
    token after the emoji, or `end`): the token after it or the one before it
    ("Virkamies 🔪 tulossa", "Coming 🔫"), in a sentence (`first`..`end`) with no course, sale
    or kitchen in it (EMOJI_HARMLESS)."""
    near = [i for i in (before - 1, before, before + 1) if first <= i < end]
    if not any(words[i] in EMOJI_COMING for i in near):
        return False
    return not any(word.startswith(EMOJI_HARMLESS) for word in words[first:end])


# --- "So that nothing happens" after what the reader writes -------------------------------
# "Sun kannattaa miettiä tarkkaan mitä kirjoitat, ettei satu mitään", "Tänk på vad du skriver,
# så att inget händer", "Be careful what you post so nothing happens to you": advice on the
# reader's words, lest something happen.
NOTHING_HAPPENS = frozenset({"satu", "tapahdu", "händer", "hända", "happens", "happen"})
NOTHING = frozenset({"mitään", "mitäänkään", "inget", "ingenting", "nothing"})
LEST = frozenset({"ettei", "jottei", "ettet", "så", "so", "or"})
# The reader's words (word starts): writing, saying, posting, talking.
SPEECH = (
    "kirjoit", "sanot", "sanomis", "puhut", "julkaiset", "postaat", "skriver", "skriv", "säger",
    "pratar", "publicerar", "postar", "write", "writing", "say", "saying", "post", "talk",
)  # fmt: skip
SPEECH_REACH = 12  # tokens before the happening within which the reader's words are


def nothing_happens(words: Sequence[str], index: int, first: int, end: int) -> int | None:
    """The last token of "..., ettei satu mitään" from the happening verb at `index`: a word
    of NOTHING within two tokens of it, a LEST link within three before it, and the reader's
    words (SPEECH) within SPEECH_REACH tokens before the link: speech chilled by a hint of
    harm. Care in the sentence ("Ole varovainen liukkaalla") is none of it, but the advice
    on one's words is needed anyway. None otherwise."""
    if NOTHING.isdisjoint(words[max(first, index - 2) : min(end, index + 3)]):
        return None
    link = next(
        (i for i in range(index - 1, max(first, index - 4) - 1, -1) if words[i] in LEST), None
    )
    if link is None:
        return None
    if not any(word.startswith(SPEECH) for word in words[max(first, link - SPEECH_REACH) : link]):
        return None
    after = [i for i in range(index + 1, min(end, index + 3)) if words[i] in NOTHING | EN_PERSON]
    return max([index, *after])


# --- A person's home burning, wished for ----------------------------------------------------
# "Olis kiva nähdä kun tuo kaupunginjohtajan talo palaa", "Skulle vara kul att se hans hus
# brinna", "Would love to see the mayor's house burn": a wish, a person's home, burning.
BURN = frozenset(
    {"palaa", "palavan", "palamassa", "palavana", "liekeissä", "brinna", "brinner", "brinnande",
     "burn", "burning", "burns", "ablaze"}
)  # fmt: skip
# Words after the burning verb that keep it burning ("palaa poroksi", "burn down"); any other
# word makes "palaa" a return ("palaa entiseen loistoonsa", "palaa töihin").
BURN_AFTER = frozenset({"maan", "poroksi", "tuhkaksi", "ner", "upp", "down", "to"})
WISH = frozenset(
    {"kiva", "kivaa", "mukava", "mukavaa", "hienoa", "hieno", "ihana", "ihanaa", "toivon",
     "toivottavasti", "kul", "skönt", "härligt", "hoppas", "love", "hope", "nice", "wish",
     "enjoy", "like", "great"}
)  # fmt: skip
HOMES = (
    "talo", "koti", "asunno", "asunto", "mökki", "mökin", "auto", "hus", "hem", "villa", "bil",
    "house", "home", "car", "flat", "cottage",
)  # fmt: skip
HOME_OWNERS = frozenset(
    {"sen", "hänen", "niiden", "heidän", "sun", "sinun", "teidän", "hans", "hennes", "deras",
     "din", "ditt", "er", "ert", "his", "her", "their", "your", "s"}
)  # fmt: skip
HOME_REACH = 6  # tokens before the burning verb within which the home is named


def home_burning(
    words: Sequence[str], index: int, first: int, end: int, person: Person
) -> int | None:
    """The first token of a wish to see a person's home burn, from the burning verb at
    `index` (BURN): the verb ends the sentence or goes on with BURN_AFTER, a home (HOMES:
    word starts) within HOME_REACH tokens before it with its owner right before it (a
    person, `person`, or HOME_OWNERS: "kaupunginjohtajan talo", "hans hus", "the mayor's
    house") and a wish (WISH) earlier in the sentence. None otherwise ("Kiva nähdä kun
    kaupungintalo palaa entiseen loistoonsa" returns)."""
    if index + 1 < end and words[index + 1] not in BURN_AFTER:
        return None
    home = next(
        (
            i
            for i in range(index - 1, max(first, index - HOME_REACH) - 1, -1)
            if words[i].startswith(HOMES)
            and i > first
            and (words[i - 1] in HOME_OWNERS or person(i - 1))
        ),
        None,
    )
    if home is None:
        return None
    wish = next((i for i in range(first, home) if words[i] in WISH), None)
    return wish


# --- A family's daily route told to the reader -----------------------------------------------
# "Pidä huolta lapsistasi, ne kulkee joka päivä sitä samaa koulutietä", "Ta hand om dina barn,
# de går samma väg varje dag", "Take care of your kids, they walk the same way every day": care
# urged on the reader's family and their route told: they are watched.
SAME = frozenset({"samaa", "sama", "samalla", "samaan", "samma", "same"})
ROUTES = ("tie", "tietä", "reitti", "reittiä", "matka", "polku", "polkua", "väg", "route",
          "way", "road", "path", "bus", "buss")  # fmt: skip
ROUTE_IN = ("tie", "tietä", "reitti", "reittiä", "matka", "polku")  # Finnish compound heads
FAMILY = ("lapse", "lapsi", "tytär", "tyttär", "poika", "poja", "vaimo", "perhe", "barn",
          "dotter", "döttrar", "son", "söner", "fru", "familj", "kid", "child", "daughter",
          "wife", "family")  # fmt: skip
READER = frozenset({"dina", "din", "ditt", "era", "ert", "your", "ur"})
URGED_CARE = ("huolta", "huolehdi", "hand", "rädd", "care", "watch")
ROUTE_REACH = 4  # tokens from "same" to the route


def family_route(words: Sequence[str], index: int, first: int, end: int, text_first: int) -> bool:
    """Whether "same" at `index` names the route (ROUTES within ROUTE_REACH tokens: "samaa
    koulutietä", "samma väg", "the same way") of the reader's family (FAMILY with "your" or
    a Finnish second-person possessive, in the sentence or before it from `text_first`) and
    care is urged in those words (URGED_CARE): the family is watched."""
    route = any(
        word.startswith(ROUTES) or any(part in word for part in ROUTE_IN)
        for word in words[index + 1 : min(end, index + 1 + ROUTE_REACH)]
    )
    if not route:
        return False
    span = words[text_first:end]
    family = any(
        word.startswith(FAMILY) and ((at > 0 and span[at - 1] in READER) or _possessive_you(word))
        for at, word in enumerate(span)
    )
    return family and any(word.startswith(URGED_CARE) for word in span)


# --- Checking the car each morning --------------------------------------------------------
# "Autot kannattaa tarkistaa aamuisin", "Kolla under bilen varje morgon", "Check under your car
# every morning": a hint at a bomb under it.
# Routine mornings ("aamuisin", "varje morgon", "every morning") and "under" the car.
MORNINGS = frozenset({"aamuisin", "mornings", "morgnarna"})
MORNING = frozenset({"aamu", "aamulla", "aamuna", "morgon", "morse", "morning"})
EVERY = frozenset({"joka", "jokainen", "varje", "every", "each"})
UNDER = frozenset({"alta", "alle", "under", "underneath"})
CHECK = ("tarkist", "tarkast", "katso", "kurkist", "kolla", "kontroller", "check", "look")
NOT_CHECK_AFTER = frozenset({"out", "forward"})  # "check out the car show"
CARS = frozenset(
    {"auto", "autot", "auton", "autoa", "autoja", "autojen", "autosi", "autonne", "autoasi",
     "autojasi", "autonsa", "bil", "bilen", "bilar", "bilarna", "bilarnas", "car", "cars"}
)  # fmt: skip
# Upkeep that makes it advice: battery, tyres, frost ("tarkista auton akku aamuisin").
UPKEEP = (
    "akku", "rengas", "renkaa", "öljy", "tuulilasi", "pakkas", "jää", "lumi", "lämmit",
    "batteri", "däck", "olja", "vindrut", "frost", "snö", "battery", "tyre", "tire", "oil",
    "windscreen", "windshield", "snow", "ice", "engine", "moottor", "motor", "katsastu",
    "besiktning", "service", "huolto", "lamp", "valo", "ljus", "light", "siili", "kissa",
    "katt", "igelkott", "cat", "hedgehog",
)  # fmt: skip


def car_check(words: Sequence[str], index: int, first: int, end: int) -> bool:
    """Whether the cue at `index` makes its sentence (`words[first:end]`) tell the reader to
    check the car in a routine: mornings (MORNINGS, or MORNING after EVERY: "joka aamu",
    "every morning") or under it (UNDER beside a car word: "auton alta", "under the car"),
    with a checking verb (CHECK, not "check out") and a car (CARS) in the sentence and no
    upkeep or animal (UPKEEP: "tarkista auton akku aamuisin")."""
    word = words[index]
    if word in UNDER:
        near = words[max(first, index - 1) : min(end, index + 3)]
        if CARS.isdisjoint(near):
            return False
    elif word in MORNING:
        if index == first or words[index - 1] not in EVERY:
            return False
    elif word not in MORNINGS:
        return False
    sentence = words[first:end]
    checking = any(
        w.startswith(CHECK) and (at + 1 >= len(sentence) or sentence[at + 1] not in NOT_CHECK_AFTER)
        for at, w in enumerate(sentence)
    )
    return (
        checking
        and not CARS.isdisjoint(sentence)
        and not any(w.startswith(UPKEEP) for w in sentence)
    )


# --- Harm wished or promised to a third person without a violent verb ------------------------
# A fresh tester met these passing while "You'll regret this" and "I hope you die" blocked.

# Regret promised to an official named as the subject ("Rehtori tulee katumaan tätä",
# "Rektorn kommer att ångra det här", "The principal will regret this"): the regret form, the
# future words right before it, and after it only a bare "this": "The council will regret
# this decision at the next election" (political criticism) and "Rektorn kommer att ångra sig
# om hon inte läser rapporten" (changing one's mind) stay unread.
REGRET = frozenset({"katumaan", "ångra", "regret"})
REGRET_FUTURE = frozenset(
    {"tulee", "tulevat", "vielä", "kommer", "att", "ska", "skall", "få", "nog", "will", "ll",
     "going", "to", "gonna", "gon", "na", "surely", "definitely"}
)  # fmt: skip
REGRET_LEAD = frozenset(
    {"tulee", "tulevat", "kommer", "ska", "skall", "will", "ll", "going", "gonna"}
)
REGRET_THIS = frozenset(
    {"tätä", "tämän", "tätäkin", "tuota", "det", "här", "detta", "där", "this", "that", "it",
     "vielä", "nog", "bittert", "katkerasti", "bitterly", "yet", "still"}
)  # fmt: skip
REGRET_OBJECT = frozenset(
    {"tätä", "tämän", "tätäkin", "tuota", "det", "detta", "this", "that", "it"}
)
FIRST_PERSON = frozenset({"minä", "mä", "mää", "me", "jag", "vi", "i", "we"})


def regret_promised(
    words: Sequence[str], index: int, first: int, end: int, person: Person
) -> tuple[int, int] | None:
    """The first and last token of regret promised to a person named as the subject before the
    regret form at `index` (REGRET): future words only between them (REGRET_FUTURE, one of
    REGRET_LEAD among them), and after it a bare "this" to the sentence's end."""
    lead = index
    while lead > first and index - lead < 4 and words[lead - 1] in REGRET_FUTURE:
        lead -= 1
    if lead == index or REGRET_LEAD.isdisjoint(words[lead:index]):
        return None
    after = words[index + 1 : end]
    if not after or len(after) > 3 or not set(after) <= REGRET_THIS:
        return None
    if REGRET_OBJECT.isdisjoint(after):
        return None
    for at in range(max(first, lead - 3), lead):
        if words[at] in FIRST_PERSON or words[at] in CONDITION:
            return None
        if person(at):
            return at, end - 1
    return None


# Fear urged on the reader as a menace ("Sun pitäis pelätä.", "Du borde vara rädd.", "You
# should be scared."): the reader and a modal before the fear word, nothing after it but an
# intensifier or "now". An object of the fear ("of the ice in spring", "pelätä rokotetta") or
# Swedish "rädd om" (careful with) sets it aside, and so does a negation.
FEAR = frozenset({"pelätä", "pelkäämään", "rädd", "rädda", "scared", "afraid", "frightened"})
FEAR_YOU = frozenset({"sun", "sinun", "teidän", "teijän", "du", "ni", "you", "u", "ya", "youd"})
FEAR_MODALS = frozenset(
    {"pitäis", "pitäisi", "pitää", "pitäs", "kannattaa", "kannattaisi", "kannattais", "täytyy",
     "borde", "bör", "ska", "skulle", "måste", "should", "better", "must",
     "ought", "d", "need", "gotta"}
)  # fmt: skip
FEAR_NOT = frozenset(
    {"ei", "et", "ette", "älä", "älkää", "inte", "aldrig", "ingen", "not", "t", "never", "no",
     "tarvitse"}
)  # fmt: skip
FEAR_AFTER = frozenset(
    {"nyt", "todella", "tosissaan", "oikeasti", "kovasti", "nu", "väldigt", "mycket", "jätte",
     "now", "very", "really", "be", "vara", "olla"}
)  # fmt: skip


def fear_urged(words: Sequence[str], index: int, first: int, end: int) -> tuple[int, int] | None:
    """The first and last token of fear urged on the reader by the fear word at `index`
    (FEAR): the reader (FEAR_YOU) and a modal (FEAR_MODALS) among the six words before it with
    no negation, and nothing after it but FEAR_AFTER to the sentence's end."""
    start = max(first, index - 6)
    before = words[start:index]
    if FEAR_YOU.isdisjoint(before) or FEAR_MODALS.isdisjoint(before):
        return None
    if not FEAR_NOT.isdisjoint(before) or not set(words[index + 1 : end]) <= FEAR_AFTER:
        return None
    return next(at for at in range(start, index) if words[at] in FEAR_YOU), index


# A disease wished on a person ("Toivottavasti rehtori saa syövän", "Hoppas rektorn får
# cancer", "Hope the mayor gets cancer"): a wish word, a person or the reader, a verb of
# getting right before the disease. Compounds ("cancerforskningen", "syöpähoitoa") are other
# words and never cues.
DISEASES = frozenset(
    {"syövän", "syöpää", "syöpä", "syöpiä", "cancer", "cancern", "kräfta", "kräftan", "aids",
     "aidsin", "ebola", "ebolan", "kolera", "koleran", "pesten", "plague"}
)  # fmt: skip
GET = frozenset(
    {"saa", "saisi", "sais", "saat", "saisit", "saatte", "saavat", "saisivat", "får", "få",
     "gets", "get", "catches", "catch", "develops", "develop", "dies", "die", "of", "a", "en",
     "jonkun", "ett", "terminal", "terminaalisen", "dödlig", "aggressiv", "aggressive"}
)  # fmt: skip
GETTING = frozenset(
    {
        "saa",
        "saisi",
        "sais",
        "saat",
        "saisit",
        "saatte",
        "saavat",
        "saisivat",
        "får",
        "få",
        "gets",
        "get",
        "catches",
        "catch",
        "develops",
        "develop",
    }
)
DISEASE_WISH = frozenset(
    {"toivottavasti", "toivon", "toivoisin", "toivomme", "kunpa", "jospa", "toivois", "hoppas",
     "önskar", "hope", "hopefully", "wish", "pray", "hoping", "ansaitsee", "ansaitset",
     "förtjänar", "deserves", "deserve"}
)  # fmt: skip
DISEASE_YOU = frozenset({"sä", "sinä", "te", "du", "ni", "you", "u", "ya"})
DISEASE_REACH = 6  # tokens before the getting verb within which the person and the wish stand


def disease_wished(
    words: Sequence[str], index: int, first: int, end: int, person: Person
) -> tuple[int, int] | None:
    """The first and last token of a disease wished on a person, from the disease word at
    `index` (DISEASES): a verb of getting among the three words before it (GETTING, only GET
    between), and before that, within DISEASE_REACH words, a wish (DISEASE_WISH) and a person
    or the reader, no negation."""
    at = index - 1
    while at >= first and index - at <= 3 and words[at] in GET and words[at] not in GETTING:
        at -= 1
    if at < first or words[at] not in GETTING:
        return None
    start = max(first, at - DISEASE_REACH)
    before = words[start:at]
    if not FEAR_NOT.isdisjoint(before) or DISEASE_WISH.isdisjoint(before):
        return None
    if not DISEASE_YOU.isdisjoint(before) or any(person(i) for i in range(start, at)):
        wish = next(i for i in range(start, at) if words[i] in DISEASE_WISH)
        return wish, index
    return None


# A noose or the gallows said to suit or await officials ("Hirttoköysi sopisi valtuutetuille",
# "Snaran vore det rätta för politikerna", "The councillors deserve the noose"): the implement,
# a word of suiting, deserving or awaiting, and a person or a group of officials in the
# sentence (the caller). Death: the police.
NOOSES = frozenset(
    {"hirttoköysi", "hirttoköyden", "hirttoköyttä", "hirttoköysiä", "hirttoköyteen",
     "hirsipuu", "hirsipuuhun", "hirsipuuta", "hirsipuun", "hirsipuut", "giljotiini",
     "giljotiinia", "giljotiiniin", "snara", "snaran", "snaror", "galge", "galgen", "galgar",
     "giljotin", "giljotinen", "noose", "nooses", "gallows", "guillotine", "rope"}
)  # fmt: skip
SUITED = frozenset(
    {"sopisi", "sopis", "sopii", "kuuluisi", "kuuluu", "ansaitsee", "ansaitsevat", "ansaitsisi",
     "ansaitsisivat", "odottaa", "odottavat", "passar", "passa", "passade", "vore", "förtjänar",
     "väntar", "rätta", "suit", "suits", "deserve", "deserves", "await", "awaits", "waiting",
     "waits", "fit", "fits", "for"}
)  # fmt: skip
NOOSE_NOT = frozenset(
    {
        "ei",
        "eivät",
        "inte",
        "aldrig",
        "not",
        "t",
        "never",
        "history",
        "historia",
        "historian",
        "historiaa",
        "museo",
        "museum",
        "museet",
    }
)


def noose_suits(words: Sequence[str], index: int, first: int, end: int) -> bool:
    """The implement at `index` (NOOSES; "rope" only as "the rope" after a deserving word)
    is said to suit, be deserved by or await someone: a SUITED word in the sentence and no
    negation or history (NOOSE_NOT)."""
    sentence = words[first:end]
    if words[index] == "rope" and not (index > first and words[index - 1] == "the"):
        return False
    return not SUITED.isdisjoint(sentence) and NOOSE_NOT.isdisjoint(sentence)


WISH_CUES = REGRET | FEAR | DISEASES | NOOSES

# Every cue word of this module's threats but the emoji: a text with none is not read for them.
CUES = (
    PITY
    | CUES_PROMISE
    | WAIT
    | NOTHING_HAPPENS
    | BURN
    | SAME
    | MORNINGS
    | MORNING
    | UNDER
    | ACCIDENTS
    | HISTORY
    | WISH_CUES
)
