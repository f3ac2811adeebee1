"""Counter-speech, quotation and reclaimed words (issue 16 §5): when harmful words are no attack.

A sentence that rejects a slur or a prejudice uses the same words as the attack it rejects:
"Maahanmuuttajat eivät ole loisia", "It is wrong to say that Muslims are terrorists", "The
word 'n...' is racist". Three signals, each a set lookup over the sentence's words:

- a judgement that the claim is false or wrong, or a refusal ("väärin", "ennakkoluulo",
  "rasismia", "lopettakaa"; "fel", "fördom", "sluta"; "wrong", "prejudice", "stop");
- a verb of naming that reports the word rather than uses it ("kutsua", "sanotaan"; "kalla",
  "kallas"; "call", "called"), unless the writer is its subject ("I call them...");
- the slur in quotation marks.

Negation of the degrading word itself is read by harm_grammar.negated. A reclaimed in-group
word ("hintti", "bög", "dyke") in a Pride context warns about word choice instead of blocking.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Sequence

# A judgement that what is said of a group is false, wrong or prejudiced, or a refusal of it.
REJECT_WORDS = frozenset(
    {
        # fi
        "väärin", "väärää", "väärä", "ennakkoluulo", "ennakkoluuloa", "ennakkoluuloja",
        "ennakkoluuloista", "rasismia", "rasismi", "rasismin", "rasismista", "rasistinen",
        "rasistista", "rasistisia", "rasistiset", "myytti", "myyttiä", "stereotypia",
        "stereotypioita", "vihapuhetta", "vihapuhe", "lopettakaa", "lopeta", "älkää",
        "tuomitsemme", "tuomitsen", "valhe", "valhetta", "harhaluulo", "loukkaava",
        "loukkaavaa", "halventava", "halventavaa", "syrjintää", "syrjintä",
        # sv
        "fel", "fördom", "fördomar", "fördomsfullt", "rasism", "rasistiskt", "rasistisk",
        "rasistiska", "myt", "myten", "lögn", "lögnen", "hatprat", "hets", "stereotyp",
        "stereotyper", "sluta", "fördömer", "kränkande", "nedsättande", "diskriminering",
        # en
        "wrong", "prejudice", "prejudiced", "prejudices", "racism", "racist", "myth", "lie",
        "stereotype", "stereotypes", "bigotry", "bigoted", "stop", "condemn", "condemns",
        "offensive", "slur", "discrimination", "hateful",
    }
)  # fmt: skip
# Words that reject only together with a negation: "ei ole totta", "stämmer inte", "not true".
REJECT_WITH_NEGATION = frozenset(
    {"totta", "paikkaansa", "hyväksy", "sant", "stämmer", "accepterar", "true", "accept"}
)
NEGATIONS = frozenset({"ei", "emme", "eivät", "inte", "aldrig", "not", "t", "never", "dont"})
NAMING_VERBS = frozenset(
    {
        "kutsua", "kutsui", "kutsuivat", "kutsutaan", "kutsuttiin", "kutsuminen", "kutsumista",
        "sanotaan", "sanottiin", "sanoa", "nimitellä", "nimitellään", "nimittely", "nimittelyä",
        "haukkua", "haukutaan", "haukkui", "sana", "sanaa", "nimitys",
        "kalla", "kallade", "kallas", "kallar", "benämna", "ordet", "säga", "säger",
        "call", "called", "calling", "calls", "say", "saying", "word", "term",
    }
)  # fmt: skip
FIRST_PERSON = frozenset({"minä", "mä", "me", "jag", "vi", "i", "we"})
QUOTES = frozenset("\"'“”„‘’«»‹›")
PRIDE = frozenset(
    {"pride", "sateenkaari", "sateenkaaren", "sateenkaariväki", "sateenkaariväen", "regnbåge",
     "regnbågen", "regnbågsfamiljen", "regnbågsflaggan", "rainbow", "hlbt", "hlbtq", "hlbtiq",
     "hlbti", "hbtq", "hbtqi", "lgbt", "lgbtq", "lgbtqi", "lgbtiq", "ylpeys", "ylpeyden",
     "stolthet", "queer"}
)  # fmt: skip


def rejects(words: Iterable[str]) -> bool:
    """True when a sentence's words judge a claim about a group false or wrong, refuse it,
    or report a naming ("kutsui naapuriani X:ksi") rather than make it."""
    seen = set(words)
    if seen & REJECT_WORDS:
        return True
    return bool(seen & REJECT_WITH_NEGATION and seen & NEGATIONS)


def reports_naming(words: list[str]) -> bool:
    """A verb of naming whose subject is not the writer ("X is called", "someone called")."""
    if NAMING_VERBS.isdisjoint(words):
        return False  # the common case, found at C speed
    for index, word in enumerate(words):
        if word in NAMING_VERBS and not (index > 0 and words[index - 1] in FIRST_PERSON):
            return True
    return False


def quoted(normalised: str, start: int, end: int) -> bool:
    """The word at [start, end) stands between quotation marks."""
    before = normalised[start - 1] if start > 0 else ""
    after = normalised[end] if end < len(normalised) else ""
    return before in QUOTES and after in QUOTES


def pride_context(words: Iterable[str]) -> bool:
    """A Pride or rainbow context: pride, sateenkaari, regnbåge, LGBTQ..."""
    return not PRIDE.isdisjoint(words)


# Titles of films, games, books and songs (issue 22 §1): a violent verb inside a title is no
# threat. Known titles always; otherwise a capitalised run of words or a quoted title, only
# when the sentence speaks of a work ("klassikkoleffa", "filmen", "the game").
KNOWN_TITLES = (
    ("kill", "bill"), ("kill", "la", "kill"), ("die", "hard"), ("tappajahai",),
    ("kill", "the", "bill"), ("to", "kill", "a", "mockingbird"), ("shoot", "em", "up"),
)  # fmt: skip
# Parts of Finnish compounds that name a work, anywhere in a word ("klassikkoleffa").
MEDIA_PARTS = (
    "leffa", "elokuv", "anime", "peli", "pelin", "sarja", "kirja", "biisi", "kappale", "albumi",
    "klassikko", "trilleri", "dekkari", "näytelm", "musikaali",
)  # fmt: skip
# Swedish and English words for a work, at the start of a word ("filmen", "movies").
MEDIA_HEADS = (
    "film", "movie", "spelet", "spelen", "datorspel", "serie", "boken", "böcker", "låt",
    "album", "klassiker", "roman", "musikal", "pjäs", "series", "classic", "novel", "anime",
    "musical", "trailer", "sequel", "netflix",
)  # fmt: skip
# English words for a work that start other words or are verbs too, whole words only: not
# "booking", "playground", "showed"; "show" right before MEDIA_NOT_AFTER is the verb ("If you
# show up again I will break your legs", "I'll show you").
MEDIA_WORDS_EXACT = frozenset(
    {"game", "games", "book", "books", "song", "songs", "show", "shows", "play", "plays"}
)
MEDIA_NOT_AFTER = frozenset(
    {"up", "you", "u", "ya", "me", "him", "her", "them", "us", "off", "around", "with"}
)


class _WordTest(dict[str, bool]):
    """`test(word)` for each word, computed on first lookup and kept for the most recent
    MEMO words: a sentence's words are then tested at C speed (`any(map(memo.__getitem__,
    words))`), where a test of many parts per word cost microseconds."""

    __slots__ = ("test",)
    MEMO = 50_000

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, word: str) -> bool:
        found = self.test(word)
        if len(self) >= self.MEMO:
            self.clear()
        self[word] = found
        return found


_MEDIA_WORDS = _WordTest(
    lambda word: any(part in word for part in MEDIA_PARTS) or word.startswith(MEDIA_HEADS)
)


def media_context(words: Sequence[str]) -> bool:
    """The sentence speaks of a film, game, book, series or song: a word holds a Finnish part
    for a work or starts with a Swedish or English word for one (MEDIA_HEADS), or is an
    English one of MEDIA_WORDS_EXACT, not as a verb ("show up", "play with")."""
    if any(map(_MEDIA_WORDS.__getitem__, words)):
        return True
    if MEDIA_WORDS_EXACT.isdisjoint(words):
        return False
    last = len(words) - 1
    return any(
        word in MEDIA_WORDS_EXACT and (index == last or words[index + 1] not in MEDIA_NOT_AFTER)
        for index, word in enumerate(words)
    )


# Each word of a known title -> (the title, the word's place in it), in KNOWN_TITLES' order.
_TITLE_PARTS: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _title in KNOWN_TITLES:
    for _offset, _part in enumerate(_title):
        _TITLE_PARTS.setdefault(_part, []).append((_title, _offset))


def in_known_title(words: list[str], index: int) -> bool:
    """The word at `index` is part of a known title ("Kill Bill", "Kill la Kill")."""
    for title, offset in _TITLE_PARTS.get(words[index], ()):
        first = index - offset
        if words[first : first + len(title)] == list(title):
            return True
    return False


DOUBLE_QUOTES = '"“”„«»'
_DOUBLE_QUOTE = re.compile("[" + DOUBLE_QUOTES + "]")


def inside_quotes(normalised: str, start: int) -> bool:
    """An odd number of straight or paired double quotes stands before `start`."""
    return sum(normalised[:start].count(mark) for mark in DOUBLE_QUOTES) % 2 == 1


def double_quotes(normalised: str) -> list[int]:
    """The offsets of the straight and paired double quotes, in order: `inside_quotes` for
    many words of one text is the parity of how many of them come before each word."""
    return [found.start() for found in _DOUBLE_QUOTE.finditer(normalised)]


# Food animals killed for cooking, and pests (issue 22 §1): "Tapa hummeri nopeasti", "döda
# kräftan", "kill the lobster", "tappoi hiiren". Word starts, so every inflection counts.
ANIMAL_STARTS = (
    # fi
    "hummer", "rapu", "ravu", "kala", "kaloj", "simpuk", "osteri", "katkarap", "kanan", "kanoj",
    "hiiri", "hiire", "hiiriä", "rotta", "rotan", "rottia", "torak", "lutik", "ampiai",
    "muurahai", "hyttys", "kärpä", "punkki", "punki", "etana", "etano",
    # sv
    "hummer", "kräft", "krabb", "fisk", "musslor", "ostron", "räkor", "kyckling", "råtta",
    "råttor", "kackerlack", "vägglöss", "geting", "myror", "mygg", "flugor", "fästing",
    "sniglar", "mördarsnigl",
    # en
    "lobster", "crab", "crayfish", "fish", "mussel", "oyster", "shrimp", "prawn", "chicken",
    "cockroach", "bedbug", "wasp", "mosquito", "vermin",
)  # fmt: skip
# Short animal words, as whole words only ("mus" starts "museo", "ant" starts "antaa").
ANIMAL_WORDS = frozenset(
    {"kana", "kanat", "mus", "musen", "möss", "mössen", "mouse", "mice", "rat", "rats", "ant",
     "ants", "fly", "flies", "tick", "ticks", "slug", "slugs", "snail", "snails", "pest",
     "pests", "roach", "roaches", "lude", "luteet", "luteita", "mato", "madot", "matoja"}
)  # fmt: skip


_ANIMAL_WORDS = _WordTest(lambda word: word in ANIMAL_WORDS or word.startswith(ANIMAL_STARTS))


def animal_context(words: Iterable[str]) -> bool:
    """The sentence speaks of a food animal or a pest ("hummeri", "kräftan", "the mice")."""
    return any(map(_ANIMAL_WORDS.__getitem__, words))


# Things that a verb violent in some of its senses takes in a harmless one (§10.6): clothes,
# towels and laundry hung up, pictures, posters and decorations hung on a wall, bags and keys
# ("Hang your coat in the hall", "Häng din jacka i hallen", "ripusta takkisi", "hirtä sun
# takki naulaan"). Not vehicles, homes or pets, whose harm threatens their owner. Finnish word
# starts (every inflection, consonant gradation spelt out: "takki", "takin"), Swedish and
# English words with their plural and definite forms.
THING_STARTS = (
    "takki", "takin", "takit", "takke", "pipo", "hattu", "hatu", "huivi", "kaulahuiv",
    "pyyhe", "pyyhkee", "pyyhkei", "pyykki", "pyykin", "pyykit", "pyykke", "vaate", "vaatte",
    "paita", "paida", "paito", "housu", "laukku", "laukun", "laukut", "reppu",
    "repun", "reput", "avain", "avaime", "juliste", "koriste", "verho", "jouluvalo",
    "valosarja", "sateenvarjo", "lapanen", "lapase", "hanska", "hanskat", "hanskoj",
    "käsine", "sukka", "sukat", "sukkia", "kenkä", "kengä", "kenki", "kypärä", "lippis",
    "lakki", "lakin", "myssy", "kassi", "kassin", "kassit", "taulu", "kaulaliin",
    # firewood chopped, split or burnt ("hakata halkoja", "polttaa klapeja")
    "halko", "halkoj", "halkoi", "klapi", "klape", "polttopu", "pilkkee", "pilkkei",
)  # fmt: skip
THING_WORDS = frozenset(
    {"jacka", "jackan", "jackor", "jackorna", "rock", "rocken", "kappa", "kappan", "mössa",
     "mössan", "hatt", "hatten", "halsduk", "halsduken", "handduk", "handduken", "handdukar",
     "handdukarna", "tvätt", "tvätten", "kläder", "kläderna", "tröja", "tröjan", "skjorta",
     "skjortan", "byxor", "byxorna", "väska", "väskan", "ryggsäck", "ryggsäcken", "nycklar",
     "nycklarna", "tavla", "tavlan", "tavlor", "tavlorna", "affisch", "affischen",
     "affischer", "affischerna", "dekorationer", "dekorationerna", "gardin", "gardinen",
     "gardiner", "gardinerna", "paraply", "paraplyet", "vante", "vanten", "vantar",
     "vantarna", "handske", "handsken", "handskar", "handskarna", "strumpor", "strumporna",
     "skor", "skorna", "keps", "kepsen", "hjälm", "hjälmen", "kasse", "kassen", "sjal",
     "sjalen",
     "coat", "coats", "jacket", "jackets", "hat", "hats", "scarf", "scarves", "towel",
     "towels", "laundry", "clothes", "shirt", "shirts", "trousers", "jeans", "bag", "bags",
     "backpack", "keys", "painting", "paintings", "poster", "posters", "artwork",
     "decorations", "ornaments", "stocking", "stockings", "wreath", "curtains", "umbrella",
     "mitten", "mittens", "glove", "gloves", "sock", "socks", "shoes", "boots", "cap",
     "caps", "helmet", "helmets", "lanyard", "lanyards", "sweater", "sweaters", "hoodie",
     "hoodies", "apron", "aprons", "uniform", "uniforms", "picture", "pictures", "flag",
     "flags", "banner", "banners", "lights", "lamps", "lanterns", "garland", "garlands",
     "bunting", "sign", "signs", "fairy lights", "belysning", "belysningen", "ljusslinga",
     "ljusslingan", "ljusslingor", "slinga", "slingan", "slingor", "slingorna", "lampor",
     "lamporna", "lyktor", "lyktorna", "girlanger", "girlangerna", "skylt", "skylten",
     "skyltar", "skyltarna", "flagga", "flaggan", "flaggor", "flaggorna", "banderoll",
     "banderollen", "banderoller",
     # wood and ice worked on: "hakata puita", "hakata jäätä", "hugga ved", "chop wood"
     "puita", "puut", "puuta", "puun", "halot", "halon", "jäätä", "ved", "veden", "vedträ",
     "vedträn", "vedträna", "wood", "firewood", "logs", "log", "ice"}
)  # fmt: skip
# Possessive words before a thing: its owner, no person the verb is aimed at ("your coat",
# "din jacka", "sun takki", "hänen takkinsa").
POSSESSIVES = frozenset(
    {"sinun", "sun", "teidän", "hänen", "heidän", "sen", "tuon", "din", "ditt", "dina", "er",
     "era", "ert", "hennes", "your", "her", "his", "their"}
)  # fmt: skip
# Heads of compounds that name a thing whatever their first part: "regnjackan", "vinterjacka",
# "skidhandskarna" (Swedish writes compounds as one word; an English one is two words, its head
# read as it is). The Finnish ones are THING_STARTS after a first part ("sadetakki",
# "villapaitasi", "talvihanskat").
THING_HEADS = (
    "jacka", "jackan", "jackor", "jackorna", "mössa", "mössan", "halsduk", "halsduken",
    "handduk", "handduken", "väska", "väskan", "tröja", "tröjan", "skjorta", "skjortan",
    "byxor", "byxorna", "vantar", "vantarna", "handskar", "handskarna", "kläder", "kläderna",
    "nycklar", "nycklarna", "belysning", "belysningen", "slinga", "slingan", "slingor",
    "slingorna", "lampor", "lamporna", "flaggor", "flaggorna", "dekorationer",
    "dekorationerna",
)  # fmt: skip
FI_THING_HEADS = tuple(stem for stem in THING_STARTS if len(stem) >= 5)
HEAD_FIRST_PART = 3  # letters a compound's first part has at least


def _thing_word(word: str) -> bool:
    if word in THING_WORDS or word.startswith(THING_STARTS):
        return True
    if len(word) < HEAD_FIRST_PART + 5:
        return False
    if word.endswith(THING_HEADS):
        return True
    rest = word[HEAD_FIRST_PART:]
    return any(stem in rest for stem in FI_THING_HEADS)


_THING_WORDS = _WordTest(_thing_word)


def thing(word: str) -> bool:
    """The word is an everyday thing hung up or put away, or wood or ice worked on
    (THING_STARTS, THING_WORDS), or a compound whose head is one (THING_HEADS and the longer
    THING_STARTS after a first part of HEAD_FIRST_PART letters: "regnjackan",
    "sadetakkisi")."""
    return _THING_WORDS[word]


# Words of death that only intensify a verb of feeling or effort (§10.6): "nauroimme
# kuoliaaksi", "vi skrattade ihjäl oss", "I laughed myself to death", "she loves him to
# death", "tylsistyin kuoliaaksi", "they worked me to death". A violent verb before them keeps
# the threat: "hakkaan sinut kuoliaaksi", "jag slår ihjäl dig", "I'll beat you to death".
DEATH_INTENSIFIERS = frozenset({"kuoliaaksi", "hengiltä", "ihjäl", "to death"})
INTENSIFIER_REACH = 4  # tokens before the death word within which its verb is looked for
# Verbs of laughing, boredom, fright, worry, love, tickling, work, cold and hunger: Finnish
# and Swedish stems (every inflection), English forms.
INTENSIFIED_STARTS = (
    # fi
    "naur", "tylsisty", "tylsist", "pitkästy", "pitkäst", "ikävysty", "ikävyst", "kyllästy",
    "säikäh", "säikäy", "pelästy", "pelott", "huolestu", "rakast", "kutit", "raata", "raada",
    "ahert", "palelt", "palell", "näänty", "väsy", "stressa",
    # sv
    "skratt", "tråka", "uttråka", "skräm", "oroa", "oroad", "älska", "älskad", "älskat",
    "kittl", "jobba", "arbeta", "frys", "frös", "frusit", "frusen", "svälta", "svälte", "svalt",
    "svultit", "tjata", "längta",
)  # fmt: skip
INTENSIFIED_WORDS = frozenset(
    {"laugh", "laughs", "laughed", "laughing", "bore", "bores", "bored", "boring", "scare",
     "scares", "scared", "scaring", "frighten", "frightens", "frightened", "frightening",
     "worry", "worries", "worried", "worrying", "love", "loves", "loved", "loving", "tickle",
     "tickles", "tickled", "tickling", "work", "works", "worked", "working", "freeze",
     "freezes", "froze", "frozen", "freezing", "starve", "starves", "starved", "starving",
     "tease", "teases", "teased", "teasing", "talk", "talks", "talked", "talking", "tire",
     "tires", "tired", "tiring"}
)  # fmt: skip
_INTENSIFIED = _WordTest(
    lambda word: word in INTENSIFIED_WORDS or word.startswith(INTENSIFIED_STARTS)
)


def intensified(words: Sequence[str], index: int, first: int, violent: Container[int]) -> bool:
    """The death word at token `index` (DEATH_INTENSIFIERS) intensifies a verb of feeling or
    effort: such a verb within INTENSIFIER_REACH tokens before it, not before `first` (its
    clause's first token), with no violent verb (token indexes in `violent`) between or
    there."""
    for i in range(index - 1, max(first, index - INTENSIFIER_REACH) - 1, -1):
        if i in violent:
            return False
        if _INTENSIFIED[words[i]]:
            return True
    return False


# Verbs that mean dismissal from a post in the passive or with an office holder or an office
# as their object (§10.6): Swedish "sparka" (kick; "sparkas", "sparka rektorn": fire), Finnish
# "potkia" and English "kick" with an office to leave ("potkia virasta", "kick out of the
# board"). "Jag sparkar dig", "vi ska sparka ihjäl honom" stay threats.
DISMISSAL_VERBS = frozenset({"sparka", "potkia", "kick"})
OFFICE_HOLDERS = (
    "rektor", "chef", "vd", "direktör", "tränare", "tränaren", "minister", "kommundirektör",
    "stadsdirektör", "ordförande", "ledning", "styrelse", "personal", "anställd", "politiker",
)  # fmt: skip
OFFICES = frozenset(
    {"virasta", "viralta", "virastaan", "töistä", "duunista", "tehtävästä", "tehtävästään",
     "hallituksesta", "valtuustosta", "lautakunnasta", "puolueesta", "jobbet", "tjänsten",
     "styrelsen", "partiet", "fullmäktige", "office", "job", "board", "council", "party",
     "post"}
)  # fmt: skip
DISMISSAL_REACH = 4  # tokens after the verb within which an office is looked for
VIOLENT_PARTICLES = frozenset({"ihjäl", "kuoliaaksi", "hengiltä", "death"})
# What a beating leaves: a verb of dismissal with one of these after it is violence ("Du ska
# sparkas tills du blöder", "sparkas sönder", "potkitaan verille", "kicked until you bleed").
INJURY_WORDS = frozenset(
    {"blöder", "blöda", "blödde", "blod", "blodet", "blodig", "blodiga", "sönder", "verille",
     "verta", "vertä", "vuodat", "vuotaa", "bleed", "bleeds", "bleeding", "blood", "bloody",
     "pulp"}
)  # fmt: skip


def dismissal(words: Sequence[str], index: int, end: int, lemma: str, tags: Iterable[str]) -> bool:
    """The verb at token `index` (its `lemma` and the `tags` of its readings) means a
    dismissal (DISMISSAL_VERBS): every reading passive (Swedish "sparkas", "sparkades"), or an
    office holder right after it ("sparka rektorn"), or an office within DISMISSAL_REACH
    tokens after it ("potkia virasta", "kick him off the board"), before `end` (the sentence's
    end, exclusive) and with no word of death or injury there ("sparka ihjäl", "sparkas tills
    du blöder": INJURY_WORDS)."""
    if lemma not in DISMISSAL_VERBS:
        return False
    after = words[index + 1 : min(end, index + 1 + DISMISSAL_REACH)]
    if not VIOLENT_PARTICLES.isdisjoint(after) or not INJURY_WORDS.isdisjoint(after):
        return False
    if lemma == "sparka" and all("+pass" in tag for tag in tags):
        return True
    if lemma == "sparka" and after and after[0].startswith(OFFICE_HOLDERS):
        return True
    return not OFFICES.isdisjoint(after)


def possessed_thing(words: Sequence[str], index: int, end: int) -> bool:
    """The possessive at `index` owns a thing: the thing right after it, or after one more
    word (an adjective: "your wet coat", "din blöta jacka"), before `end`."""
    if words[index] not in POSSESSIVES:
        return False
    return any(thing(words[i]) for i in range(index + 1, min(end, index + 3)))


# A group told to leave (issue 22 §5): "Mamut pois", "Invandrarna ut", "Immigrants out".
EXCLUSION = frozenset({"pois", "ulos", "helvettiin", "hornaan", "ut", "bort", "out"})
# Words before the group that keep it at the clause's start: "kaikki mamut pois", "all ...".
GROUP_LEADS = frozenset({"kaikki", "nää", "nämä", "noi", "nuo", "alla", "dessa", "all", "these"})
# What follows an exclusion word when it is no exclusion: "pois lukien" (except), "out of
# work", "ut på stan" (out in town).
NOT_EXCLUSION = frozenset(
    {"lukien", "luettuna", "work", "danger", "poverty", "jobs", "reach", "hospital", "prison",
     "quarantine", "sight", "på", "och", "in", "and", "to"}
)  # fmt: skip


# Forms of a violent verb that are also forms of an everyday noun (issue: "Tapamme mukaan",
# our custom, read as "we kill"): "tapa", "tapamme", "tapanne" of "tappaa" are the noun "tapa"
# (custom, way) and its possessives. Read as the noun when a postposition or a copula follows
# ("tapamme mukaan", "tapa on vanha") or a determiner or an adjective comes before ("meidän
# tapamme", "hyvä tapa"); "Tapamme teidät" and "Tapa se" stay verbs.
NOUN_HOMOGRAPHS = frozenset({"tapa", "tapamme", "tapanne"})
NOUN_FOLLOWERS = frozenset(
    {"mukaan", "mukaisesti", "mukainen", "mukaista", "mukaisia", "vuoksi", "takia", "on", "oli",
     "ovat", "ei", "kuten", "kuin", "olisi", "onkin", "onko", "muuttui", "muuttuu"}
)  # fmt: skip
NOUN_LEADS = frozenset(
    {"meidän", "teidän", "hyvä", "huono", "uusi", "vanha", "paras", "ainoa", "sama", "eri",
     "oma", "yksi", "tämä", "se", "toinen", "mikä", "millainen", "kiva", "helppo", "hauska",
     "perinteinen", "yleinen", "tavallinen", "tehokas", "turvallinen", "nopein", "nopea",
     "hyvää", "hieno", "luonteva", "looginen", "erinomainen", "järkevä", "sellainen", "on"}
)  # fmt: skip


def noun_homograph(words: list[str], index: int, end: int) -> bool:
    """The Finnish verb form at `index` is the everyday noun it is spelt like: "tapa",
    "tapamme" (custom, way) with a postposition or a copula after it or a determiner or an
    adjective before it (`end`: the sentence's end, exclusive)."""
    if words[index] not in NOUN_HOMOGRAPHS:
        return False
    following = words[index + 1] if index + 1 < end else ""
    previous = words[index - 1] if index > 0 else ""
    return following in NOUN_FOLLOWERS or previous in NOUN_LEADS


# Swedish "döda" is also the adjective "dead" (definite or plural): "döda vinkeln" (the blind
# spot), "den döda punkten", "döda träd". Read as the adjective after an article or before a
# noun it is known to describe; "döda honom", "döda läraren" stay verbs.
ARTICLES = frozenset({"den", "det", "de", "dom", "en", "ett"})
DEAD_THINGS = (
    "vinkel", "vinklar", "punkt", "havet", "träd", "löv", "gren", "fåglar", "fiskar", "cell",
    "hud", "zon", "kropp", "djur", "blad", "växt", "grödor", "insekt", "lopp", "tid",
)  # fmt: skip
DEAD_FORMS = frozenset({"döda", "dödas"})


def adjective_homograph(words: list[str], index: int, end: int) -> bool:
    """The Swedish verb form at `index` is the adjective "döda" (dead): an article before it
    ("den döda vinkeln") or a word for a thing it describes after it ("döda vinkeln", "döda
    träd"; `end`: the sentence's end, exclusive)."""
    if words[index] not in DEAD_FORMS:
        return False
    previous = words[index - 1] if index > 0 else ""
    following = words[index + 1] if index + 1 < end else ""
    return previous in ARTICLES or following.startswith(DEAD_THINGS)


# A thing beating the rest (a comparison, no violence): "hinta hakkaa kaikki muut" (the price
# beats all the others), "appen slår konkurrenterna", "the pool beats the competition". The
# verbs of beating whose third person says "is better than"; what may stand between the verb
# and what it is compared with; what it is compared with; subjects that are people.
BEATING_LEMMAS = frozenset({"hakata", "lyödä", "piestä", "slå", "klå", "beat"})
COMPARED_LEADS = frozenset(
    {"kaikki", "kaikkia", "kaiken", "kaikkien", "alla", "allt", "all", "the", "its", "their",
     "sen", "niiden", "sina", "deras", "every", "both"}
)  # fmt: skip
COMPARED = frozenset(
    {# fi
     "muut", "muita", "muun", "kilpailijat", "kilpailijansa", "kilpailijoita", "kilpailijan",
     "ennätykset", "ennätyksen", "ennätyksensä", "ennätys", "mennen", "edeltäjänsä",
     # sv
     "andra", "annat", "övriga", "konkurrenter", "konkurrenterna", "konkurrenten", "rekord",
     "rekordet", "rekorden", "resten", "föregångaren", "föregångarna",
     # en
     "others", "rest", "else", "competition", "competitors", "competitor", "record", "records",
     "field", "comers", "predecessor", "predecessors"}
)  # fmt: skip
# People named after the compared ("kaikki muut ihmiset", "alla andra människor", "all the
# other guys"): the verb's object is people, no comparison.
PEOPLE_COMPARED = frozenset(
    {"ihmiset", "ihmisiä", "tyypit", "jätkät", "miehet", "naiset", "lapset", "oppilaat",
     "människor", "människorna", "killar", "killarna", "barn", "barnen", "people", "guys",
     "kids", "men", "women", "boys", "girls", "students"}
)  # fmt: skip
PERSON_SUBJECTS = frozenset(
    {"minä", "mä", "mää", "sinä", "sä", "hän", "me", "te", "he", "jag", "du", "han", "hon",
     "vi", "ni", "de", "i", "you", "she", "we", "they", "ll"}
)  # fmt: skip


# The forms of a verb of beating that may compare: a finite third person or a present or past
# form (fi "+3sg"/"+3pl", sv "+pres"/"+past", en "+pres3"/"+past"); never a first person, an
# imperative or an infinitive after a modal ("hakkaan", "slå!", "aion hakata").
COMPARING_TAGS = ("+3sg", "+3pl", "+pres+ambiguous", "+past+ambiguous", "+pres3")


def beats_the_rest(words: Sequence[str], index: int, start: int, end: int) -> bool:
    """The verb of beating at `index` compares its subject with the rest: it is not the first
    word of its clause (from `start`; a subject stands before it, where an imperative would
    open the clause), the word before it is no personal pronoun ("hän hakkaa kaikki muut",
    "jag slår alla andra"), and within three words after it ("hakkaa kaikki muut", "slår
    alla andra", "beats the rest"), past leads only (COMPARED_LEADS), stands a word of
    COMPARED, with no word for people after it (PEOPLE_COMPARED: "kaikki muut ihmiset"). Its
    form (COMPARING_TAGS) and whether a target or group follows is for the caller to ask."""
    if index <= start or words[index - 1] in PERSON_SUBJECTS:
        return False
    for at in range(index + 1, min(end, index + 4)):
        if words[at] in COMPARED:
            return at + 1 >= end or words[at + 1] not in PEOPLE_COMPARED
        if words[at] not in COMPARED_LEADS:
            return False
    return False


# Insults that are also old words for a backward region or economy (§10.6): "jälkeenjäänyt
# alue", "efterblivna områden". Said of a person they stay insults ("olet jälkeenjäänyt",
# "du är efterbliven"); said right before a word for a place or an economy they are not.
REGION_SENSE = frozenset({"jälkeenjäänyt", "efterbliven"})
REGION_WORDS = frozenset(
    {"maa", "maan", "maat", "maata", "maita", "maiden", "maissa", "maassa", "maihin", "maaksi",
     "länder", "länderna", "country", "countries", "area", "areas", "region", "regions",
     "economy", "economies"}
)  # fmt: skip
REGION_STARTS = (
    "alue", "maakun", "seutu", "seudu", "kylä", "kunta", "kunna", "kaupunki",
    "kaupungi", "talou", "teollisuu", "elinkeino", "område", "land", "region", "bygd",
    "ekonomi", "industri", "näringsliv",
)  # fmt: skip


def region(word: str) -> bool:
    """The word names a place or an economy (REGION_WORDS, REGION_STARTS: every
    inflection; not "maahanmuuttaja", an immigrant)."""
    return word in REGION_WORDS or word.startswith(REGION_STARTS)


# People whom a Finnish verb of shooting can name as its object without being a listed target
# (data/harm_src/targets.txt lists officials and the reader): the genitive-accusative singular
# and the nominative-accusative plural of everyday person nouns. "Ammun naapurin" is a threat
# as "Jag skjuter grannen" is; "Naapuri tuli kouluun" (a subject) is none. A fresh tester of
# stop 35.
FI_PERSON_OBJECTS = frozenset(
    {"naapurin", "naapurit", "kaverin", "kaverit", "ystävän", "ystävät", "miehen", "miehet",
     "naisen", "naiset", "äidin", "isän", "veljen", "veljet", "siskon", "siskot", "sisaren",
     "pojan", "pojat", "tytön", "tytöt", "lapsen", "lapset", "apen", "anopin", "exän",
     "työkaverin", "työkaverit", "kollegan", "kollegat", "ihmisen", "ihmiset", "tyypin",
     "tyypit", "jätkän", "jätkät", "äijän", "äijät", "akan", "ämmän", "eukon", "ukon",
     "mummon", "vaarin", "papan", "sedän", "tädin", "serkun", "serkut", "poliisin", "poliisit",
     "vartijan", "vartijat", "kuskin", "kuljettajan", "myyjän", "vuokranantajan", "isännän",
     "poikaystävän", "tyttöystävän", "puolison", "opiskelijan", "oppilaan", "oppilaat",
     "asukkaan", "asukkaat", "papin", "toimittajan", "toimittajat", "tuomarin", "lääkärin",
     "hoitajan", "miniän", "vävyn", "exäni", "ukkoni", "akkani", "vaimoni", "mieheni"}
)  # fmt: skip
# Determiners and possessives between the verb and its person object: "ammun sen naapurin".
FI_OBJECT_LEADS = frozenset(
    {"sen", "tuon", "ton", "tämän", "tän", "sun", "sinun", "mun", "minun", "meidän", "teidän",
     "yhden", "koko", "kaikki", "vanhan", "uuden", "entisen", "oman", "omat"}
)  # fmt: skip
# Words after a person in the genitive that make it no object: postpositions ("naapurin
# kanssa", "naapurin luona") and adverbs that end in -n like a possessed noun ("kun", "ensin").
FI_POSTPOSITIONS = frozenset(
    {"kanssa", "kanssaan", "luona", "luota", "luo", "luokse", "puolesta", "takia", "vuoksi",
     "kautta", "mukana", "mukaan", "kohdalla", "ohi", "edessä", "takana", "vieressä",
     "perässä", "jälkeen", "kera", "tähden", "kanssani", "puolelta", "pihalla", "pihalta",
     "pihaan", "mökillä", "mökiltä"}
)  # fmt: skip
FI_NOT_HEADS = frozenset({"kun", "ensin", "sitten", "vihdoin", "heti", "huomenna", "tänään"})


def finnish_person_object(
    words: Sequence[str], index: int, start: int, end: int, name: Callable[[int], bool]
) -> int | None:
    """The token of the person a Finnish verb of shooting at `index` names as its object,
    or None: a person noun in an object case (FI_PERSON_OBJECTS) or a first name or surname
    in the genitive (`name`: "Mikon", "Virtasen"), right after the verb or after a
    determiner (FI_OBJECT_LEADS: "ammun sen naapurin"), or right before the verb as the
    clause's first word (from `start`: "Naapurin ammun"), unless a postposition follows it
    or a noun it owns ("naapurin kanssa", "naapurin koiran": the dog, not the neighbour, is
    shot). Reads at most four tokens; `end` is the sentence's end (exclusive)."""
    at = index + 1
    while at < min(end, index + 3) and words[at] in FI_OBJECT_LEADS:
        at += 1
    candidates = [at] if at < end else []
    if index - 1 == start:
        candidates.append(start)
    for at in candidates:
        word = words[at]
        if word not in FI_PERSON_OBJECTS and not (word.endswith("n") and name(at)):
            continue
        following = words[at + 1] if at + 1 < end and at + 1 != index else ""
        if following in FI_POSTPOSITIONS:
            continue
        if (
            word.endswith("n")
            and len(following) > 3
            and following.endswith("n")
            and following not in FI_NOT_HEADS
        ):
            continue  # "naapurin koiran": the owner of what is shot
        return at
    return None
