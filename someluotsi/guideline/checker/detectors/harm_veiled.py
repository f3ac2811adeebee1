"""Threats without a violent verb, and group hostility without a slur, in fi/sv/en (§9.5, §10.6,
§2.5): the few words around a cue that make an everyday sentence a threat or an attack.

- A weapon brought to a place: a first-person verb of coming, bringing or waiting and a place
  after it ("tulen kaupungintalolle haulikon kanssa", "kommer till stadshuset med
  hagelgevär", "I'll come to city hall with a shotgun"; threat-002). Hunting, a shooting
  range, a weapons licence, a museum or an exhibition in the sentence set it aside
  (`weapon_context`).
- Veiled threats against a person (threat-003): the writer knows where a third person lives
  or parks and, in that sentence or the next, promises regret or waiting ("Tiedän missä
  Virtanen asuu. Kohta se katuu."), or knows where they park ("Jag vet var han parkerar");
  the writer waits for a third person at their home, car or parking place ("Odotan sitä
  parkkipaikalla"); the writer will teach a person a lesson ("teach that social worker a
  lesson", "lära honom en läxa", "näytän sille kaapin paikan").
- A group to be removed or denied a right, said by the writer (identity-002): the group
  opens its clause and an obligation to send it away or to bar it follows ("Maahanmuuttajat
  pitäisi lähettää kotiin", "Invandrarna borde skickas hem", "Gays shouldn't be allowed to
  work in our kindergartens"); a sentence that reports what someone said ("ministeri sanoo",
  "enligt", "according to") is news, not an attack.

Every function reads a bounded window of tokens around its cue (set lookups only); the callers
(harmful.py) run them only on texts that hold a cue.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

# --- A weapon brought to a place -----------------------------------------------------------
# First-person forms of coming, bringing and waiting, which carry their subject in Finnish
# ("tulen", "tuon", "odotan"; "tullaan" is the spoken "we come").
FI_COMING = frozenset(
    {"tulen", "tulemme", "tullaan", "saavun", "saavumme", "tuon", "tuomme", "tuodaan", "menen",
     "menemme", "mennään", "ilmestyn", "ilmestymme", "odotan", "odotamme", "marssin",
     "marssimme", "kävelen", "kävelemme", "astun", "ajan", "ajamme"}
)  # fmt: skip
# Swedish and English verbs of coming that open an elliptic first-person sentence
# ("Kommer till stadshuset med hagelgevär", "Coming to city hall with a shotgun").
ELLIPTIC_COMING = frozenset(
    {"kommer", "åker", "dyker", "går", "coming", "comin", "showing", "going", "gonna"}
)
COMING = FI_COMING | ELLIPTIC_COMING
COMING_REACH = 6  # tokens from the verb to the place it names
# Words that make a weapon in a sentence hunting, sport, a licence, a museum or a collection:
# Finnish parts anywhere in a word, Swedish and English word starts.
WEAPON_CONTEXT_PARTS = (
    "metsäst", "jahti", "jahdi", "jahtiin", "hirvi", "hirve", "ampumara", "ampumaseur",
    "ammunta", "ammuntaa", "museo", "näyttel", "aselup", "aseluv", "lupatarkast", "keräily",
    "kokoelm", "antiikki", "riistanhoi", "sorsa", "haulikkoammun",
)  # fmt: skip
WEAPON_CONTEXT_HEADS = (
    "jakt", "jägar", "älg", "skjutbana", "skyttefören", "skytte", "museum", "museet", "utställn",
    "vapenlicens", "licens", "samling", "antik", "hunt", "hunter", "deer", "range", "exhibit",
    "licence", "license", "permit", "collection", "collector", "antique", "clay", "skeet",
)  # fmt: skip


def weapon_context(words: Sequence[str], weapons: Collection[int] = ()) -> bool:
    """The sentence (`words`) speaks of hunting, shooting sport, a licence or a museum piece
    in a word other than its weapons (`weapons`: their positions in `words`; "jaktgevär" is
    a weapon, not a hunting context)."""
    return any(
        word.startswith(WEAPON_CONTEXT_HEADS) or any(part in word for part in WEAPON_CONTEXT_PARTS)
        for position, word in enumerate(words)
        if position not in weapons
    )


def coming_to(words: Sequence[str], first: int, end: int, places: Sequence[int]) -> bool:
    """A first-person verb of coming, bringing or waiting in the sentence `words[first:end]`
    with a place (`places`: token indexes) after it within COMING_REACH tokens: a Finnish
    first-person form anywhere ("Huomenna tulen kouluun"), a Swedish or English one opening
    the sentence ("Kommer till stadshuset", "Coming to city hall"). A pronoun subject is read
    by the caller (FIRST_PERSON)."""
    return any(
        (words[index] in FI_COMING or (words[index] in ELLIPTIC_COMING and index == first))
        and any(index < place <= index + COMING_REACH for place in places)
        for index in range(first, end)
    )


# --- Veiled threats against a person --------------------------------------------------------
PLACE_WH = frozenset({"missä", "mihin", "var", "vart", "where"})
# "Tiedän missä X asuu": the whereabouts a third person is watched at (home, car, parking).
THIRD_WHEREABOUTS = frozenset(
    {"asuu", "asuvat", "asustaa", "parkkeeraa", "parkkeeraavat", "pysäköi", "pysäköivät",
     "nukkuu", "autonsa", "kotinsa", "asuntonsa", "bor", "parkerar", "sover", "ställer",
     "lives", "live", "parks", "park", "sleeps",
     # where their children go to school or day care ("the mayor's kids go to school")
     "koulua", "kouluun", "koulunsa", "päiväkotia", "päiväkotiin", "skola", "skolan", "dagis",
     "dagiset", "förskola", "förskolan", "school", "daycare", "nursery", "kindergarten"}
)  # fmt: skip
THIRD_REACH = 10  # tokens from the knowing verb to the whereabouts
# "Tiedän missä X asuu ja milloin se lähtee töihin": where and when, a watched routine.
AND = frozenset({"ja", "och", "and"})
WHEN = frozenset({"milloin", "mihin", "koska", "när", "when", "what"})
# A tag that leaves the sentence before it hanging: "Just saying.", "Sanonpahan vaan.",
# "Säger bara." (its words only, with one of SAYING).
SAYING = frozenset({"saying", "sanonpahan", "sanonpa", "sanon", "sanoinpahan", "säger", "sa"})
SAYING_TAG = SAYING | frozenset({"just", "vaan", "vain", "bara", "i", "m", "im", "jag", "only"})
# Whereabouts that are watching on their own: where a person parks their car.
PARKING = frozenset({"parkkeeraa", "parkkeeraavat", "pysäköi", "pysäköivät", "autonsa",
                     "parkerar", "ställer", "parks", "park"})  # fmt: skip
THIRD_PERSON = frozenset(
    {"hän", "se", "ne", "he", "hänen", "sen", "niiden", "heidän", "han", "hon", "hen", "de",
     "dom", "hans", "hennes", "deras", "she", "they", "his", "her", "their", "him", "them",
     # "Tiedän missä tuo toimittaja asuu": someone pointed at, with a verb of living
     "tuo", "toi", "tämä", "tää", "that", "this", "den", "denna", "the"}
)  # fmt: skip
# What the writer promises the watched person: regret, waiting for them, a lesson.
PROMISE = frozenset(
    {"katuu", "katua", "kadut", "katuvat", "katumaan", "kaduttaa", "kaduttamaan", "katuva",
     "odotan", "odotamme", "odotetaan", "odottakoon", "läksyn", "opetuksen", "ångra",
     "ångrar", "ångrat", "ångrade", "väntar", "läxa", "läxan", "regret", "regrets", "sorry",
     "waiting", "wait", "lesson"}
)  # fmt: skip
# Waiting for someone: "odotan sitä parkkipaikalla", "jag väntar på honom vid bilen", "I'll be
# waiting for her outside her house".
WAIT = frozenset({"odotan", "odotamme", "odotellaan", "odottelen", "väntar", "waiting", "wait"})
WAIT_LINKS = frozenset({"på", "for"})
# Whom one waits for: a third person (never "you": "odotan sinua parkkipaikalla" is a lift).
# A group waited for is more often a tour ("odotamme heitä parkkipaikalla"): one person only.
WAITED = frozenset({"sitä", "häntä", "honom", "henne", "hen", "him", "her"})
# Where the waiting happens: a parking place (word starts), or their own home, door or car: a
# Finnish word of home or car with a third-person possessive ("kotiovellaan", "autonsa"), or a
# Swedish or English one after "hans", "her"... ("vid hans garage", "in her driveway"). One's
# own door ("odotan häntä kotiovella", "at the door when she gets home") is no lurking.
PARKING_PLACES = ("parkki", "parkkee", "pysäköin", "parker", "parking", "carpark")
FI_HOME_STARTS = ("koti", "auto", "rappu", "ove", "porttikäytäv", "piha", "talo", "asunno")
FI_THIRD_POSSESSIVE = ("nsa", "nsä", "an", "än")
HOME_WORDS = frozenset(
    {"hus", "huset", "hem", "hemmet", "bil", "bilen", "garage", "garaget", "uppfart",
     "uppfarten", "dörr", "dörren", "trappuppgång", "house", "home", "car", "driveway",
     "doorstep", "door", "flat", "apartment"}
)  # fmt: skip
THIRD_POSSESSIVE = frozenset({"hans", "hennes", "deras", "his", "her", "their"})
# A lift, a shared ride or an agreed meeting: waiting for someone at a parking place to leave
# together or because they asked ("because she asked me to", "kuten sovimme", "som vi kom
# överens om"). Word starts.
LIFT_CONTEXT = (
    "kyyti", "kyydi", "yhdessä", "ajamme", "lähdemme", "hakemaan", "haen", "skjuts",
    "samåk", "tillsammans", "hämta", "ride", "lift", "together", "carpool", "pick", "pyysi",
    "sovi", "sovimme", "sovittu", "bad", "överens", "asked", "agreed", "arranged",
)  # fmt: skip
# Teaching a lesson: the teaching verb, then within LESSON_REACH tokens its idiom noun.
LESSON_VERBS = frozenset(
    {"opetan", "opetetaan", "opetamme", "opettaa", "näytän", "näytetään", "näytämme", "lära",
     "lär", "teach", "teaching"}
)  # fmt: skip
LESSON_NOUNS = frozenset(
    {"läksyn", "läksy", "opetuksen", "tavoille", "kaapin", "läxa", "läxan", "lesson"}
)
LESSON_REACH = 6
# What follows a literal lesson: "a lesson about recycling", "en läxa om", "läksyn huomiseksi".
LITERAL_LESSON = frozenset(
    {"about", "on", "in", "of", "from", "for", "at", "tomorrow", "today", "next", "om", "i",
     "på", "från", "till", "imorgon", "idag", "aiheesta", "huomiseksi", "huomenna", "kotona",
     "koulussa", "tunnilla"}
)  # fmt: skip
# Whom a lesson is taught: pronouns and demonstratives before a person word.
LESSON_OBJECTS = frozenset(
    {"sille", "hänelle", "niille", "heille", "noille", "tolle", "tuolle", "sulle", "sinulle",
     "teille", "honom", "henne", "dem", "dom", "dig", "er", "den", "där", "him", "her",
     "them", "you", "that", "this", "those", "these"}
)  # fmt: skip
# Someone unnamed lying in wait for the reader ("Joku saattaa odottaa sinua parkkipaikalla
# illalla", "Någon kanske väntar på dig utanför ditt hus i kväll", "Someone might be waiting
# for you in the parking lot tonight"): an indefinite subject (SOMEONE) at most LURK_REACH
# tokens before a verb of waiting (LURK_WAIT), the reader right after it (after "på", "for"),
# and within LURK_PLACE_REACH tokens a parking place, the outside of the reader's home, the
# night or the dark (LURK_PLACES, word starts; LURK_WORDS, whole words). A veiled threat
# (threat-003) where the writer never says it is theirs (a self-test of stop 37 met all three
# passing).
SOMEONE = frozenset({"joku", "jotkut", "eräs", "någon", "några", "someone", "somebody"})
LURK_WAIT = frozenset(
    {"odottaa", "odottelee", "odottavat", "odottamassa", "odottelemassa", "väntar", "vänta",
     "waiting", "wait", "waits", "lurking", "lurk"}
)  # fmt: skip
READER = frozenset({"sinua", "sua", "teitä", "dig", "er", "you", "u", "ya"})
LURK_REACH = 3
LURK_PLACE_REACH = 6
LURK_PLACES = ("parkki", "pysäköin", "parker", "parking", "carpark", "kotisi", "kotinne",
               "yöllä", "pimeäs", "pimeäl", "ulkona", "ulkopuolel", "mörk", "natt", "utanför",
               "night", "dark", "outside", "alley", "kuja")  # fmt: skip
# Not home, the door or the evening alone: "Someone special is waiting for you at home" (a
# shelter's cat), "Joku odottaa sinua ovella" (a host), "Någon väntar på dig i kväll".
LURK_WORDS = frozenset({"driveway", "garage", "garaget", "autotallissa", "car", "bilen"})


def lurking(words: Sequence[str], index: int, first: int, end: int) -> tuple[int, int] | None:
    """(first, last) tokens of an unnamed someone waiting for the reader at a lonely place or
    time, from the waiting verb at `index` in the sentence `words[first:end]`; None
    otherwise."""
    subject = next(
        (
            at
            for at in range(index - 1, max(first, index - LURK_REACH) - 1, -1)
            if words[at] in SOMEONE
        ),
        None,
    )
    if subject is None:
        return None
    at = index + 1
    if at < end and words[at] in WAIT_LINKS:
        at += 1
    if at >= end or words[at] not in READER:
        return None
    for place in range(at + 1, min(end, at + 1 + LURK_PLACE_REACH)):
        word = words[place]
        if word.startswith(LURK_PLACES) or word in LURK_WORDS:
            return subject, place
    return None


# Every cue word of this module's threats: a text with none of them is not read for them.
CUES = WAIT | LESSON_VERBS | LURK_WAIT


def third_person_stalking(
    words: Sequence[str], index: int, end: int, person: Callable[[int], bool]
) -> tuple[int, bool] | None:
    """A "(I) know where he lives" construction from the knowing verb at `index` (the caller
    has checked it is the writer's: "tiedän", "jag vet"): a wh-word right after it, then
    within six tokens a third person (THIRD_PERSON or `person(i)`: a name or a title) and a
    whereabouts of home, car or parking (THIRD_WHEREABOUTS). Its last token and whether the
    whereabouts is a parking place; None otherwise."""
    if PLACE_WH.isdisjoint(words[index + 1 : min(end, index + 3)]):
        return None
    tail = range(index + 2, min(end, index + THIRD_REACH))
    seen = [i for i in tail if words[i] in THIRD_WHEREABOUTS]
    if not seen:
        return None
    place = seen[0]
    if not any(words[i] in THIRD_PERSON or person(i) for i in range(index + 2, place + 1)):
        return None
    return place, words[place] in PARKING


def routine(words: Sequence[str], place: int, end: int) -> int | None:
    """The sentence's last token when the whereabouts at `place` goes on with "and when"
    ("Tiedän missä X asuu ja milloin se lähtee töihin", "and when he leaves for work"): the
    writer watches the person's day. None otherwise."""
    if place + 2 < end and words[place + 1] in AND and words[place + 2] in WHEN:
        return end - 1
    return None


def saying_tag(words: Sequence[str]) -> bool:
    """Whether a sentence (`words`) is only a "just saying" tag (SAYING_TAG, with a word
    of SAYING): "Just saying.", "Sanonpahan vaan.", "Säger bara".
    """
    return 0 < len(words) <= 4 and not SAYING.isdisjoint(words) and set(words) <= SAYING_TAG


def promises(words: Sequence[str], first: int, end: int) -> bool:
    """A promise of regret, waiting or a lesson among `words[first:end]`."""
    return not PROMISE.isdisjoint(words[first:end])


def waiting_for(words: Sequence[str], index: int, end: int) -> int | None:
    """The last token of "odotan sitä parkkipaikalla", "jag väntar på honom vid hans bil", "I'll
    be waiting for him outside his house" from the waiting verb at `index`: a third person
    right after it (after "på", "for"), then within five tokens a parking place or their own
    home, door or car.
    A thing waited for ("odotan sitä bussia") is no person: the object must be followed by
    the place or a preposition. None otherwise."""
    at = index + 1
    if at < end and words[at] in WAIT_LINKS:
        at += 1
    if at >= end or words[at] not in WAITED:
        return None
    if any(word.startswith(LIFT_CONTEXT) for word in words[index:end]):
        return None  # "odotan häntä parkkipaikalla, lähdemme yhdessä"
    for place in range(at + 1, min(end, at + 6)):
        word = words[place]
        if (
            word.startswith(PARKING_PLACES)
            or (word.startswith(FI_HOME_STARTS) and word.endswith(FI_THIRD_POSSESSIVE))
            or (word in HOME_WORDS and words[place - 1] in THIRD_POSSESSIVE)
        ):
            return place
    return None


def lesson(words: Sequence[str], index: int, end: int, person: Callable[[int], bool]) -> int | None:
    """The last token of "teach that social worker a lesson", "lära honom en läxa", "opetan
    sille läksyn", "näytän sille kaapin paikan" from the teaching verb at `index`: a person
    (LESSON_OBJECTS or `person(i)`) after it, then its idiom noun within LESSON_REACH tokens,
    not followed by what makes the lesson literal ("a lesson about recycling")."""
    stop = min(end, index + 1 + LESSON_REACH)
    noun = next((i for i in range(index + 2, stop) if words[i] in LESSON_NOUNS), None)
    if noun is None:
        return None
    if not any(words[i] in LESSON_OBJECTS or person(i) for i in range(index + 1, noun)):
        return None
    if words[noun] == "kaapin":
        if noun + 1 < end and words[noun + 1].startswith("paika"):
            return noun + 1
        return None
    if noun + 1 < end and words[noun + 1] in LITERAL_LESSON:
        return None
    return noun


# --- A group to be removed or barred ------------------------------------------------------
# Obligations the writer lays on a group: "pitäisi", "borde", "should".
OBLIGE = frozenset(
    {"pitäisi", "pitäis", "pitäs", "pitää", "täytyy", "täytyisi", "tulisi", "kuuluisi",
     "saisi", "sais", "pitäisikin", "borde", "bör", "måste", "ska", "skall", "should",
     "shouldn", "must", "mustn", "ought", "need", "needs"}
)  # fmt: skip
# Sending away: verb starts (any form), which need a direction word after them ("lähettää
# kotiin", "skickas hem", "sent home"), and verbs that remove on their own.
SEND_STARTS = ("lähett", "heit", "ajaa", "ajettava", "skicka", "kasta", "send", "sent", "kick",
               "throw", "thrown", "ship", "shipped")  # fmt: skip
DIRECTIONS = frozenset(
    {"kotiin", "takaisin", "pois", "ulos", "maasta", "kotimaahansa", "hem", "tillbaka", "ut",
     "home", "back", "out", "away"}
)  # fmt: skip
REMOVE_STARTS = ("karkot", "häätä", "utvisa", "deporter", "deport", "expel", "förbjud", "kiell",
                 "kielt", "eristä", "eristet")  # fmt: skip
REMOVE_WORDS = frozenset({"ban", "banned", "barred"})
# Barring a group from a right: the obligation negated before "allowed", "få", "saada",
# "päästää" ("shouldn't be allowed to work", "borde inte få jobba", "ei pitäisi päästää").
ALLOWED = frozenset({"allowed", "permitted", "päästää", "päästä"})
# Verbs that allow only before an activity, and give otherwise ("ei pitäisi antaa huonompaa
# palvelua", "borde inte få sämre vård" ask for the group's good): Finnish activities listed,
# a Swedish infinitive in -a or a short one.
ALLOWING = frozenset({"antaa", "saada", "få"})
FI_ACTIVITIES = frozenset(
    {"työskennellä", "tehdä", "opettaa", "asua", "tulla", "jäädä", "hoitaa", "olla", "käydä",
     "äänestää", "adoptoida", "mennä", "muuttaa"}
)  # fmt: skip
SV_SHORT_INFINITIVES = frozenset({"bo", "gå", "stå", "ha", "se", "få"})
SV_NOT_INFINITIVES = frozenset({"mera", "extra", "nya", "bra", "sämre", "bättre"})


def _activity(allowing: str, word: str) -> bool:
    """A verb of an activity after "antaa", "saada" (FI_ACTIVITIES: a Finnish partitive ends
    in -a as well) or "få" (a Swedish infinitive: "jobba", "bo")."""
    if allowing != "få":
        return word in FI_ACTIVITIES
    if word in SV_SHORT_INFINITIVES:
        return True
    return word.endswith("a") and word not in SV_NOT_INFINITIVES


NEGATIONS = frozenset({"ei", "eivät", "inte", "ej", "aldrig", "not", "t", "never"})
# A sentence that reports what someone said or proposed: news, not the writer's attack.
REPORTED = frozenset(
    {"sanoo", "sanoi", "mukaan", "kertoo", "kertoi", "ehdottaa", "ehdotti", "esittää",
     "esitti", "totesi", "toteaa", "vaatii", "vaati", "väittää", "väitti", "säger", "sa",
     "sade", "enligt", "föreslår", "föreslog", "kräver", "krävde", "hävdar", "says", "said",
     "according", "proposes", "proposed", "argues", "argued", "claims", "claimed", "demands",
     "demanded", "wants", "suggests", "suggested"}
)  # fmt: skip
REMOVAL_REACH = 8  # tokens after the group word within which its removal is said
GROUP_LEADS = frozenset({"kaikki", "nää", "nämä", "noi", "nuo", "alla", "dessa", "all", "these",
                         "the", "our", "meidän", "våra"})  # fmt: skip


def removal(words: Sequence[str], index: int, start: int, end: int) -> int | None:
    """The last token of a demand that the group at `index` be sent away or barred: the group
    opens its clause (`start`; after GROUP_LEADS at most), then within REMOVAL_REACH tokens an
    obligation (OBLIGE) followed by a verb that sends away with its direction ("lähettää
    kotiin", "skickas hem", "sent back"), one that removes ("karkottaa", "utvisas",
    "deported", "banned"), or, negated, one that allows ("shouldn't be allowed to", "ei
    pitäisi päästää") or that allows an activity ("borde inte få jobba", "ei pitäisi antaa
    työskennellä"). None in a sentence that reports someone's words
    (REPORTED) or without such a demand."""
    if any(words[i] not in GROUP_LEADS for i in range(start, index)):
        return None
    stop = min(end, index + 1 + REMOVAL_REACH)
    oblige = next((i for i in range(index + 1, stop) if words[i] in OBLIGE), None)
    if oblige is None or not REPORTED.isdisjoint(words[start:end]):
        return None
    negated = any(words[i] in NEGATIONS for i in range(index + 1, min(stop, oblige + 3)))
    for i in range(oblige + 1, min(end, oblige + 6)):
        word = words[i]
        if negated and word in ALLOWED:
            return i
        if negated and word in ALLOWING and i + 1 < end and _activity(word, words[i + 1]):
            return i + 1
        if negated:
            continue  # "ei pitäisi lähettää kotiin" is the opposite demand
        if word in REMOVE_WORDS or word.startswith(REMOVE_STARTS):
            return i
        if word.startswith(SEND_STARTS):
            after = next((j for j in range(i + 1, min(end, i + 3)) if words[j] in DIRECTIONS), None)
            if after is not None:
                return after
    return None


def reported_removal(lemma: str, words: Collection[str]) -> bool:
    """A listed removal word ("deport", "utvisas", "karkottaa maasta") in a sentence that
    reports someone's words (REPORTED): immigration news ("The government says rejected
    asylum seekers must be deported"), not the writer's demand."""
    removing = any(
        part in REMOVE_WORDS or part.startswith(REMOVE_STARTS) or part.startswith(SEND_STARTS)
        for part in lemma.split()
    )
    return removing and not REPORTED.isdisjoint(words)
