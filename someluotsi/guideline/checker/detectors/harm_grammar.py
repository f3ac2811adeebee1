"""How a harmful word is used: the construction around it, in Finnish, Swedish and English.

The harm detectors (harmful.py) find violent verbs, insults and group words by set lookups;
this module reads the few words around such a hit to tell a threat from a report, an insult
from its denial and an attack from counter-speech. Every function looks at a bounded window of
tokens (at most `WINDOW` before and `AFTER` after the hit, inside its clause), so the cost is
constant per hit, and nothing runs on a text without hits.

Threatening constructions (issue 16 §1), the same kinds in each language:

- first-person intent: "tapan", "aion tappaa"; "jag ska döda", "i morgon skjuter jag";
  "I'll kill", "I'm gonna shoot", "Tomorrow I shoot";
- wishes: "toivottavasti joku tappaa", "jag hoppas att någon dödar", "I hope someone kills";
- passive obligations: "pitäisi ampua", "ammutaan"; "borde skjutas"; "should be shot";
- calls on others: "joku voisi ampua", imperatives ("polttakaa"); "någon borde skjuta",
  "bränn ner"; "somebody should shoot", "burn it down", "let's beat up";
- consequences promised to the reader: "kuolet"; "du kommer att dö"; "you are going to die".

A negation before the verb ("en ikinä satuttaisi", "jag skulle aldrig", "I would never") and a
past-tense report ("I shot three goals") are not threats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 8  # tokens read before a hit
AFTER = 4  # tokens read after a hit (particles, inverted subjects)
CLAUSE_MARKS = frozenset(",;:()")

# --- Finnish (the verb's own form carries person and mood: text/vocabulary.py tags) ----------
FI_THREATENING_TAGS = (
    "+1sg", "+1pl", "+cond", "+imper", "+pass+pres", "+pass+cond", "+inf3+ill"
)  # fmt: skip
FI_MODALS = frozenset(
    {"pitäisi", "pitäis", "pitäs", "pitää", "täytyy", "täytyisi", "täytyis", "kannattaisi",
     "haluaisin", "haluan", "haluaisi", "haluaisimme", "voisin", "voisi", "voisimme", "aion",
     "aiomme", "aikoo", "tulen", "tulemme", "mieli", "saisi", "saisin", "sais", "pitäiskö",
     "pitäisköhän", "kuuluisi", "ansaitsee", "ansaitsisi", "ansaitset", "ansaitsette"}
)  # fmt: skip
FI_WISH = frozenset(
    {"toivottavasti", "toivon", "toivoisin", "toivomme", "kunpa", "jospa", "toivois", "toivoo"}
)
FI_NEGATION = frozenset(
    {"en", "et", "ei", "emme", "ette", "eivät", "eikä", "enkä", "etkä", "ettei", "ettet",
     "ikinä", "koskaan", "kukaan", "mikään", "älä", "älkää"}
)  # fmt: skip
FI_YOU = frozenset({"sinä", "sä", "te", "sää", "työ", "olet", "oot", "olette", "ootte"})
# A death wish in Finnish: "sun pitäis kuolla", "ansaitset kuolla", "hänen pitäisi kuolla". The
# modal of obligation or desert takes its subject in the genitive ("sun", "Bergin") or, for
# "ansaita", in its own ending; a second- or third-person one makes the wish aimed at a person,
# another subject ("kasvien", "akku") only with a person named in the sentence.
FI_DEATH_MODALS = frozenset(
    {"pitäisi", "pitäis", "pitäs", "pitäisikin", "pitää", "täytyisi", "täytyis", "kuuluisi",
     "kuuluis", "ansaitsee", "ansaitsisi", "ansaitset", "ansaitsette", "ansaitsevat",
     "ansaitsisit", "ansaitsis"}
)  # fmt: skip
FI_WISHED = frozenset(
    {"sun", "sinun", "sinunkin", "sunkin", "teidän", "teijän", "teiän", "hänen", "hänenkin",
     "heidän", "ansaitset", "ansaitsette", "ansaitsisit", "sä", "sinä", "te", "hän", "he"}
)  # fmt: skip
# Sent away to die: "mene kuolemaan", "painu kuolemaan" (the third infinitive's illative).
FI_GO = frozenset({"mene", "menkää", "mee", "meekää", "painu", "painukaa", "käy", "voit", "saat"})

# --- Swedish ------------------------------------------------------------------------------
SV_FIRST = frozenset({"jag", "vi", "ja", "jagg"})
SV_MODALS = frozenset(
    {"ska", "skall", "kommer", "tänker", "vill", "ämnar", "skulle", "kan", "måste", "borde",
     "bör", "tänkte", "går", "gå", "får", "behöver", "förtjänar", "kunde", "vilja", "kunna",
     "åker", "ger"}
)  # fmt: skip
SV_OBLIGE = frozenset(
    {"borde", "bör", "måste", "ska", "skall", "skulle", "behöver", "förtjänar", "kommer", "får"}
)
SV_SOMEONE = frozenset({"någon", "nån", "folk", "man", "alla", "ni", "ngn"})
SV_WISH = frozenset({"hoppas", "önskar", "önskade", "hoppades"})
SV_NEGATION = frozenset({"inte", "icke", "ej", "aldrig", "ingen", "inga", "inget", "varken"})
SV_YOU = frozenset({"du", "ni", "dig", "dej"})
SV_IMPERATIVE_LEAD = frozenset({"och", "nu", "bara", "låt", "oss", "så", "gå", "kom", "snälla"})
# Sent away to die: "gå och dö", "dra och dö", "bara dö".
SV_GO = frozenset({"gå", "och", "dra", "bara", "nu", "snälla", "kan"})
# Who a death wish is aimed at besides the reader: "han borde dö", "hoppas att hon dör".
SV_THIRD = frozenset({"han", "hon", "hen", "de", "dom"})
SV_DESERVE = frozenset({"borde", "bör", "måste", "förtjänar", "förtjänade"})

# --- English ------------------------------------------------------------------------------
EN_FIRST = frozenset({"i", "we", "im", "ima", "imma", "ive", "id", "ill"})
EN_MODALS = frozenset(
    {"will", "wil", "wll", "ll", "gonna", "gona", "gunna", "going", "shall", "wanna", "want",
     "wants", "intend", "plan", "about", "would", "d", "could", "might", "must", "should",
     "gotta", "need", "love", "like", "coming", "come", "to", "can", "ready", "planning",
     "wish", "hope"}
)  # fmt: skip
EN_OBLIGE = frozenset(
    {"should", "must", "ought", "needs", "need", "has", "have", "deserve", "deserves",
     "gotta", "will", "ll", "gonna", "going", "shall", "oughta"}
)  # fmt: skip
EN_BE = frozenset({"be", "been", "get", "gets", "getting", "being"})
EN_SOMEONE = frozenset(
    {"someone", "somebody", "anyone", "anybody", "people", "everyone", "everybody", "yall"}
)
EN_WISH = frozenset({"hope", "wish", "pray", "hoping", "wishing", "hopefully"})
EN_NEGATION = frozenset({"not", "t", "never", "nobody", "noone", "none", "neither", "nor"})
EN_YOU = frozenset({"you", "u", "ya", "ye", "youre", "yall"})
EN_IMPERATIVE_LEAD = frozenset({"and", "now", "just", "go", "let", "lets", "s", "please", "so"})
# Sent away to die: "go die", "just die", "go and die in a fire".
EN_GO = frozenset({"go", "just", "and", "now", "please", "so", "pls", "plz"})
EN_THIRD = frozenset({"he", "she", "they", "hes", "shes", "theyre"})
EN_DESERVE = frozenset(
    {"should", "must", "deserve", "deserves", "ought", "oughta", "needs", "need", "has", "have"}
)

# The subject of a passive obligation, the person it is aimed at: "han borde hängas", "de
# måste skjutas", "she should be shot" (a Finnish passive takes its target as an object).
PASSIVE_SUBJECTS = frozenset(
    {"han", "hon", "hen", "de", "dom", "du", "ni", "he", "she", "they", "you", "u", "ya"}
)

# "Ei ihme, että..." / "inte konstigt att" / "no wonder": not a negation of what follows.
NOT_NEGATING = frozenset({"ihme", "ihmekään", "konstigt", "undra", "wonder", "doubt"})

NEGATION = {"fi": FI_NEGATION, "sv": SV_NEGATION, "en": EN_NEGATION}

# The imperative of being, negated ("älä ole", "älkää olko", "var inte", "don't be", "do not
# be"): a prohibition says the reader is, or acts, what follows ("Älä ole idiootti", "Var
# inte så dum", "Don't be an idiot"), not that they are not: no denial (a fresh tester of
# stop 36 met all three passing where "Et ole idiootti" is rightly read as one).
FI_PROHIBITIVE = frozenset({"älä", "älkää", "äläkä", "älkäämme"})
FI_BE_IMPERATIVE = frozenset({"ole", "oo", "olko", "olkaa"})
EN_DO = frozenset({"do", "don", "dont"})
SV_BE_IMPERATIVE = "var"
# Finnish negative pronouns and adverbs, negations of their own that a prohibition carries on
# ("älä ole mikään ääliö").
FI_AFTER_PROHIBITIVE = frozenset({"mikään", "kukaan", "koskaan", "ikinä"})


def prohibitive_of_being(words: Sequence[str], position: int, start: int) -> bool:
    """Whether the negation at token `position` is the negated imperative of "be" (fi, sv,
    en): "älä ole", "älkää olko" (an adverb may come between: "älä nyt ole"; a negative
    pronoun after them carries the prohibition on: "älä ole mikään ääliö"), "var inte" at
    its clause's start or after an imperative lead ("snälla, var inte"; "han var inte" is
    the past tense), "don't be", "do not be" ("dont be")."""
    word = words[position]
    following = words[position + 1 : position + 3]
    if word in FI_AFTER_PROHIBITIVE:  # "älä ole mikään ääliö", "älä ole koskaan idiootti"
        before = words[max(start, position - 3) : position]
        return any(
            prior in FI_PROHIBITIVE and FI_BE_IMPERATIVE.intersection(before[at + 1 :])
            for at, prior in enumerate(before)
        )
    if word in FI_PROHIBITIVE:
        return bool(following) and (
            following[0] in FI_BE_IMPERATIVE
            or (len(following) == 2 and following[1] in FI_BE_IMPERATIVE)
        )
    if word in ("inte", "aldrig"):
        if position <= start or words[position - 1] != SV_BE_IMPERATIVE:
            return False
        return position - 1 == start or words[position - 2] in SV_IMPERATIVE_LEAD
    if word in ("t", "not") and following[:1] == ["be"]:
        return position > start and words[position - 1] in EN_DO
    # "dont" is in no negation list
    return word == "dont" and following[:1] == ["be"]


# Words after a negation that make what follows them an affirmation: "only" ("eivät ole muuta
# kuin loisia", "är inget annat än parasiter", "are nothing but parasites") and a contrast
# ("eivät ole ihmisiä vaan loisia", "inte människor utan parasiter", "not people but
# parasites"). A negation does not reach a word after one of them.
NEGATION_STOPS = frozenset({"kuin", "vaan", "mutta", "än", "utan", "men", "but", "than"})
# Words that open a noun phrase: an adjective right after one (and before another word) is
# attributive, inside the phrase ("sen tyhmän pelin", "det dumma spelet", "the stupid game").
DETERMINERS = {
    "fi": frozenset(
        {"se", "sen", "sitä", "tuo", "tuon", "tuota", "tämä", "tämän", "tätä", "ne", "niiden",
         "niitä", "nuo", "noi", "noiden", "noita", "nämä", "nää", "näiden", "näitä"}
    ),
    "sv": frozenset(
        {"den", "det", "de", "dom", "denna", "detta", "dessa", "en", "ett", "din", "ditt",
         "dina", "hans", "hennes", "deras", "min", "mitt", "mina", "sin", "sitt", "sina"}
    ),
    "en": frozenset(
        {"the", "a", "an", "this", "that", "these", "those", "your", "his", "her", "their",
         "my", "our"}
    ),
}  # fmt: skip
# Copulas: a negated copula reaches the noun phrase it links ("ei ole sen tyhmempi", "är inte
# en dum man", "is not a stupid man"); another verb takes the phrase as its object, and the
# negation is the verb's ("en tajuu sen tyhmän pelin sääntöjä": the game is still stupid).
COPULAS = frozenset(
    {"ole", "oo", "ollut", "olleet", "olla", "olisi", "olis", "on", "oli", "ovat", "olivat",
     "är", "var", "vara", "varit", "blir", "bli", "blev", "be", "been", "being", "is", "are",
     "was", "were", "am", "s", "re", "m", "isn", "aren", "wasn", "weren"}
)  # fmt: skip
# Adverbs between a negated copula and its phrase: "ei ole koskaan sen tyhmempi", "is never
# really a stupid idea".
NEGATED_ADVERBS = frozenset(
    {"koskaan", "ikinä", "yhtään", "lainkaan", "edes", "kovin", "mitenkään", "ihan", "aivan",
     "niin", "aldrig", "någonsin", "särskilt", "så", "alls", "heller", "ens", "ever", "really",
     "so", "even", "exactly", "at", "all", "just"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reading:
    """How a violent verb is used. `threatening`: a construction that threatens; `strong`:
    first-person lethal intent, a threat even without a listed target; `figurative`: "kill
    for a coffee"."""

    threatening: bool
    strong: bool = False
    figurative: bool = False
    # The construction names whom it is aimed at: the subject of a passive obligation ("han
    # borde skjutas", "she should be shot"), as the Finnish object does ("hänet pitäisi ampua").
    aimed: bool = False
    # A death wish whose subject the construction does not name as a person ("Bergin
    # pitäisi kuolla", "Anna Berg borde dö", "hope Anna dies"): a threat when the sentence
    # names a person, none about plants or batteries ("kasvien pitäisi kuolla").
    wish: bool = False
    # A suggestion put to anyone ("might as well shoot the mayor", "lika bra att skjuta",
    # "miksei ammuta"): a threat aimed at a target, nothing without one ("why not burn the
    # old leaves").
    suggested: bool = False


NOT_THREATENING = Reading(False)
SUGGESTED = Reading(True, suggested=True)

# Suggestions put to anyone, as the words right before the verb in its clause (fillers
# between: SUGGESTION_FILLERS): "might as well shoot the mayor too", "why not shoot him",
# "lika bra att skjuta borgmästaren", "varför inte skjuta", "man kan lika gärna skjuta",
# "miksei ammuta pormestaria", "miksi ei ammuta". A fresh tester of stop 35 met "Might as
# well shoot the mayor too" warning only where "Ammutaan samalla pormestarikin" blocks.
SUGGESTIONS = (
    ("might", "as", "well"), ("may", "as", "well"), ("why", "not"), ("lika", "bra", "att"),
    ("lika", "gärna"), ("varför", "inte"), ("miksei",), ("miksi", "ei"),
)  # fmt: skip
SUGGESTION_FILLERS = frozenset(
    {"just", "also", "go", "and", "bara", "också", "samalla", "saman", "tien", "nyt", "now",
     "nu", "då", "then", "sitten", "sit", "vaan", "vain"}
)  # fmt: skip


def suggested(words: Sequence[str], index: int, start: int) -> bool:
    """Whether the verb at `index` is suggested (SUGGESTIONS) by the words before it in its
    clause (from `start`), with fillers (SUGGESTION_FILLERS) between: "might as well just
    shoot", "miksei samalla ammuta". Reads at most six tokens back."""
    at = index
    floor = max(start, index - 6)
    while at > floor and words[at - 1] in SUGGESTION_FILLERS:
        at -= 1
    for phrase in SUGGESTIONS:
        begin = at - len(phrase)
        if begin >= floor and tuple(words[begin:at]) == phrase:
            return True
    return False


def clause_marks(gaps: Sequence[str]) -> list[bool]:
    """For each token, whether the text before it (`gaps[i]`, since the previous token) holds
    a comma, semicolon, colon or bracket; decided once per distinct gap."""
    marked = {gap for gap in dict.fromkeys(gaps) if any(mark in gap for mark in CLAUSE_MARKS)}
    return list(map(marked.__contains__, gaps))


def clause_start(marked: Sequence[bool], index: int, floor: int) -> int:
    """The first token index of the clause of token `index`: the nearest earlier token with a
    comma, semicolon, colon or bracket before it (`marked`, from `clause_marks`), not before
    `floor` (the sentence's first token) nor more than WINDOW tokens back."""
    lowest = max(floor, index - WINDOW)
    position = index
    while position > lowest:
        if marked[position]:
            return position
        position -= 1
    return lowest


def negated(words: Sequence[str], index: int, start: int, language: str, span: int = 4) -> bool:
    """A negation among the `span` words before `index` in its clause (from `start`), in
    `language`'s sense ("en" negates in Finnish only), unless it is "no wonder", an "only" or
    a contrast comes between (NEGATION_STOPS: "ei muuta kuin loisia", "nothing but
    parasites"), or the word is an attributive adjective in the object of a negated verb
    other than a copula (`_reaches`: "en tajuu sen tyhmän pelin sääntöjä")."""
    negations = NEGATION.get(language, frozenset())
    for position in range(max(start, index - span), index):
        word = words[position]
        if word in negations:
            following = words[position + 1] if position + 1 < len(words) else ""
            if following in NOT_NEGATING or not NEGATION_STOPS.isdisjoint(
                words[position + 1 : index]
            ):
                continue
            if prohibitive_of_being(words, position, start):
                continue  # "älä ole idiootti", "var inte dum", "don't be an idiot"
            if _reaches(words, position, index, start, language):
                return True
    return False


# Past and passive forms of the verbs of calling someone a name (fi, sv, en). An insult a few
# words after one, in its clause, is name-calling reported, not done by the writer: "Minua
# kutsuttiin idiootiksi kokouksessa", "Han kallade mig idiot", "I was called an idiot". The
# present tense is left out ("Kutsun sinua idiootiksi", "jag kallar dig idiot", "everyone calls
# you an idiot": the writer's own, or a veiled one), and so are the writer's own past deeds
# (the Finnish first-person forms; a first-person subject right before the sv/en verb).
NAME_CALLING_REPORTED = frozenset(
    {"kutsui", "kutsuivat", "kutsuttiin", "kutsunut", "kutsuneet", "kutsuttu", "kutsuttua",
     "haukkui", "haukkuivat", "haukuttiin", "haukkunut", "haukkuneet", "haukuttu",
     "nimitti", "nimittivät", "nimitettiin", "nimittänyt", "nimittäneet", "nimitetty",
     "nimitteli", "nimittelivät", "nimiteltiin", "nimitellyt", "nimitelleet", "nimitelty",
     "sanoi", "sanoivat", "sanottiin", "solvasi", "solvasivat", "solvattiin",
     "kallade", "kallades", "kallat", "kallats", "kallad", "kallads",
     "skällde", "skälldes", "titulerade", "titulerades", "stämplade", "stämplades",
     "called", "named", "labelled", "labeled", "branded", "dubbed"}
)  # fmt: skip
# The active sv/en forms, whose subject right before them may be the writer ("jag kallade").
NAME_CALLING_ACTIVE = frozenset(
    {"kallade", "skällde", "titulerade", "stämplade", "called", "named", "labelled", "labeled",
     "branded", "dubbed"}
)  # fmt: skip
REPORTING_SUBJECT_STOPS = frozenset({"jag", "vi", "i", "we", "so"})  # "so called idiots"
NAME_CALLING_REACH = 4  # tokens between the verb and the name called ("called me a total idiot")


def reported_name_calling(words: Sequence[str], index: int, start: int) -> bool:
    """Whether the insult at token `index` is the name a reported act of name-calling gave
    (NAME_CALLING_REPORTED at most NAME_CALLING_REACH tokens before it, in its clause from
    `start`), not one the writer gives: "Minua haukuttiin idiootiksi", "Jag kallades idiot på
    mötet", "He called me an idiot". Not when the verb's subject right before it is the writer
    ("I called him an idiot", "jag kallade honom idiot") or "so" ("so called idiots")."""
    for position in range(max(start, index - NAME_CALLING_REACH), index):
        if words[position] in NAME_CALLING_REPORTED:
            word = words[position]
            return not (
                word in NAME_CALLING_ACTIVE
                and position > start
                and words[position - 1] in REPORTING_SUBJECT_STOPS
            )
    return False


# Words that except someone from a negated verb ("en tappaisi ketään muuta kuin sinut", "jag
# skulle inte döda någon utom dig", "I'd kill nobody but you"): the verb is then aimed at the
# excepted person.
EXCEPT_WORDS = frozenset({"kuin", "paitsi", "utom", "förutom", "än", "but", "except", "besides"})
# The person excepted: object pronouns of the second and third person.
EXCEPTED_PEOPLE = frozenset(
    {"sinut", "sut", "sinua", "sua", "teidät", "teitä", "hänet", "häntä", "heidät", "heitä",
     "sinä", "sä", "dig", "dej", "er", "honom", "henne", "dem", "dom", "du", "you", "u", "ya",
     "him", "her", "them"}
)  # fmt: skip
EXCEPT_REACH = 5  # tokens after the verb within which the excepting word is looked for


def excepted(words: Sequence[str], index: int, end: int) -> bool:
    """Does the negated verb at `index` except a person after it: an excepting word
    (EXCEPT_WORDS) within EXCEPT_REACH tokens after it with a person (EXCEPTED_PEOPLE) right
    after it ("en tappaisi ketään muuta kuin sinut", "inte döda någon utom dig", "kill nobody
    but you")? The negation then affirms the verb for that person. `end`: the sentence's
    end (exclusive)."""
    for at in range(index + 1, min(end - 1, index + 1 + EXCEPT_REACH)):
        if words[at] in EXCEPT_WORDS and words[at + 1] in EXCEPTED_PEOPLE:
            return True
    return False


def _reaches(words: Sequence[str], position: int, index: int, start: int, language: str) -> bool:
    """Whether the negation at `position` reaches the word at `index` (after it). Always, but
    for an attributive adjective (a determiner of `language` right before it, a word after
    it): then only through a copula, with nothing but adverbs between the negation and the
    determiner, the copula among them or among the two words before the negation (Swedish
    puts the negation after its verb: "är inte en dum man", but "fattar inte det dumma
    spelet")."""
    if not (
        index > start
        and index + 1 < len(words)
        and words[index - 1] in DETERMINERS.get(language, frozenset())
    ):
        return True
    between = words[position + 1 : index - 1]
    if any(word not in COPULAS and word not in NEGATED_ADVERBS for word in between):
        return False  # "en tajuu sen tyhmän pelin", "don't get the stupid game"
    return not COPULAS.isdisjoint(between) or not COPULAS.isdisjoint(
        words[max(start, position - 2) : position]
    )


def read_verb(
    words: Sequence[str],
    index: int,
    start: int,
    end: int,
    language: str,
    tags: str,
    lethal: bool,
    place_verb: bool,
    alone: bool = False,
) -> Reading:
    """How the violent verb at `words[index]` is used. `start`: its clause's first token,
    `end`: its sentence's end (exclusive); `tags`: every tag of the verb's analyses, joined;
    `lethal`/`place_verb`: the verb kills or burns and bombs places; `alone`: punctuation or
    the sentence's end follows the verb ("Dö.", "Die, you pig"), as a bare imperative."""
    if language == "fi":
        return _finnish(words, index, start, end, tags, lethal, place_verb)
    if language == "sv":
        return _swedish(words, index, start, end, tags, lethal, alone)
    return _english(words, index, start, end, tags, lethal, alone)


def _finnish(
    words: Sequence[str],
    index: int,
    start: int,
    end: int,
    tags: str,
    lethal: bool,
    place_verb: bool,
) -> Reading:
    before = set(words[max(start, index - 3) : index])
    if "+past" not in tags and suggested(words, index, start):
        return SUGGESTED  # "miksei samalla ammuta pormestariakin"
    if negated(words, index, start, "fi", span=3) and not excepted(words, index, end):
        return NOT_THREATENING
    following = words[index + 1] if index + 1 < end else ""
    # "voisin tappaa kupista kahvia": killing *for* something (an elative object); the caller
    # sets this reading aside only when no one is a target in the sentence.
    figurative = following.endswith(("sta", "stä")) and following not in {"teistä", "sinusta"}
    wish = bool(FI_WISH & set(words[start:index]))
    if "+fate" in tags:
        return _finnish_fate(words, index, start, tags, wish)
    # A past form reports ("poltin sormeni"): only present, conditional, imperative and
    # passive forms (and an infinitive after a modal) threaten.
    readings = [t for t in tags.split("|") if "+past" not in t or "+pass+past" in t]
    now = "|".join(t for t in readings if "+past" not in t)
    threatening = (
        any(tag in now for tag in FI_THREATENING_TAGS)
        or ("+inf1" in now and bool(FI_MODALS & before))
        or (wish and bool(now))
    )
    first_person = any(t in now for t in ("+1sg", "+1pl", "+cond"))
    strong = threatening and lethal and not place_verb and first_person and not figurative
    return Reading(threatening, strong=strong, figurative=figurative)


def _finnish_fate(words: Sequence[str], index: int, start: int, tags: str, wish: bool) -> Reading:
    """Death promised or wished to someone in Finnish: "kuolet", "toivottavasti kuolet";
    "sun pitäis kuolla", "ansaitset kuolla", "hänen pitäisi kuolla"; "mene kuolemaan"; with
    another subject ("Bergin pitäisi kuolla", "toivottavasti Matti kuolee") a `wish` that
    needs a person named in the sentence."""
    if "+past" in tags:
        return NOT_THREATENING
    if "+2sg" in tags or "+2pl" in tags:
        return Reading(True)
    window = words[start:index]
    if "+inf3+ill" in tags and index > start and words[index - 1] in FI_GO:
        return Reading(True)  # "mene kuolemaan"
    if "+inf1" in tags and not FI_DEATH_MODALS.isdisjoint(window[-3:]):
        return Reading(True) if not FI_WISHED.isdisjoint(window) else Reading(False, wish=True)
    if wish and ("+pres+3" in tags or "+imper+3" in tags):
        return Reading(True) if not FI_WISHED.isdisjoint(window) else Reading(False, wish=True)
    return NOT_THREATENING


def _swedish(
    words: Sequence[str],
    index: int,
    start: int,
    end: int,
    tags: str,
    lethal: bool,
    alone: bool = False,
) -> Reading:
    window = words[start:index]
    seen = set(window)
    after = set(words[index + 1 : min(end, index + 3)])
    if "+inf" in tags and "+fate" not in tags and suggested(words, index, start):
        return SUGGESTED  # "lika bra att skjuta borgmästaren också"
    # "Du dör inte", "skjuter jag inte": Swedish puts the negation after the finite verb.
    if (negated(words, index, start, "sv") or after & SV_NEGATION) and not excepted(
        words, index, end
    ):
        return NOT_THREATENING
    if (
        index + 1 < end
        and words[index + 1] == "för"
        and "+pass" not in tags
        and not (SV_YOU & after - {"för"})
    ):
        return Reading(False, figurative=True)  # "döda för en kopp kaffe"
    past = "+past" in tags or "+sup" in tags or "+part" in tags
    if "+fate" in tags:
        you = bool(SV_YOU & seen or SV_YOU & after)
        if "+imper" in tags and alone and index == start:
            return Reading(True)  # "Dö.", "Dö, hora.": a bare imperative, like "Kuole."
        if "+imper" in tags and window and seen <= SV_GO and window[-1] in {"och", "bara"}:
            return Reading(True)  # "gå och dö", "bara dö"
        if past or not ("+inf" in tags or "+pres" in tags):
            return NOT_THREATENING
        if you:
            return Reading(True)
        if SV_DESERVE & seen or SV_WISH & seen:
            return Reading(bool(SV_THIRD & seen), wish=not SV_THIRD & seen)
        return NOT_THREATENING
    if SV_WISH & seen and not past:
        return Reading(True)
    if "+pass" in tags:
        obliged = bool(SV_OBLIGE & seen) and "+pass+past" not in tags
        return Reading(obliged, aimed=obliged and bool(PASSIVE_SUBJECTS & seen))
    first = bool(SV_FIRST & seen) or bool({"jag", "vi"} & after)
    modal = bool(SV_MODALS & seen)
    if ("+inf" in tags and (first or SV_SOMEONE & seen) and modal) or ("+pres" in tags and first):
        return Reading(True, strong=lethal and first)
    if "+imper" in tags and (index == start or seen <= SV_IMPERATIVE_LEAD):
        return Reading(True)
    return NOT_THREATENING


def _english(
    words: Sequence[str],
    index: int,
    start: int,
    end: int,
    tags: str,
    lethal: bool,
    alone: bool = False,
) -> Reading:
    window = words[start:index]
    seen = set(window)
    if "+base" in tags and "+fate" not in tags and suggested(words, index, start):
        return SUGGESTED  # "might as well shoot the mayor too", "why not shoot him"
    if negated(words, index, start, "en") and not excepted(words, index, end):
        return NOT_THREATENING
    if index + 1 < end and words[index + 1] == "for" and "+base" in tags and "+fate" not in tags:
        return Reading(False, figurative=True)  # "I could kill for a coffee"
    if (
        index + 1 < end
        and words[index + 1] == "it"
        and "+base" not in tags
        and any(tag in tags for tag in ("+ing", "+past", "+pp"))
    ):
        return Reading(False, figurative=True)  # "you're killing it", "you killed it on stage"
    base = "+base" in tags
    if "+fate" in tags:
        you = bool(EN_YOU & seen)
        if base and alone and index == start:
            return Reading(True)  # "Die.", "Die, you pig.": a bare imperative, like "Kuole."
        if base and window and seen <= EN_GO and window[-1] in {"go", "just", "and"}:
            return Reading(True)  # "go die", "just die", "go and die in a fire"
        if you and (base or "+ing" in tags):
            return Reading(True)
        if (base or "+pres" in tags) and (EN_DESERVE & seen or EN_WISH & seen):
            return Reading(bool(EN_THIRD & seen), wish=not EN_THIRD & seen)
        return NOT_THREATENING
    if EN_WISH & seen and "+past" not in tags.replace("+pp", ""):
        return Reading(True)
    if "+pp" in tags and EN_BE & seen and EN_OBLIGE & seen:
        # "should be shot", "you will all be shot"
        return Reading(True, aimed=bool(PASSIVE_SUBJECTS & seen))
    first = bool(EN_FIRST & seen)
    if base and first and (EN_MODALS & seen or (index > 0 and words[index - 1] in EN_FIRST)):
        return Reading(True, strong=lethal)
    if base and EN_SOMEONE & seen and EN_OBLIGE & seen | {"could", "would"} & seen:
        return Reading(True)
    if base and (index == start or seen <= EN_IMPERATIVE_LEAD):
        return Reading(True)
    return NOT_THREATENING


def has_particle(words: Sequence[str], index: int, end: int, tags: str) -> tuple[bool, int]:
    """Whether the verb's required particle or object word (`+prt=` tags) follows it within
    AFTER tokens, and the index of the last one found (the verb's own index when none is
    required)."""
    last = index
    for part in tags.split("+prt=")[1:]:
        particle = part.split("+", 1)[0].split("|", 1)[0]
        found = next(
            (i for i in range(index + 1, min(end, index + 1 + AFTER)) if words[i] == particle),
            None,
        )
        if found is None:
            return False, index
        last = max(last, found)
    return True, last


# "Tiedän missä asut", "jag vet var din dotter går i skolan", "I know which school your kids go
# to": the writer says they know where the reader or their family lives, works or goes.
KNOW = frozenset({"tiedän", "tiedämme", "tiedetään", "vet", "know", "knows"})
KNOWER = frozenset({"jag", "vi", "i", "we", "ja"})
WH = frozenset(
    {"missä", "mihin", "milloin", "mistä", "minne", "mikä", "mitä", "var", "vart", "vilken",
     "vilket", "när", "where", "which", "when", "what"}
)  # fmt: skip
SECOND_PERSON = frozenset(
    {"sinä", "sä", "te", "sinun", "teidän", "sun", "du", "din", "dina", "ditt", "ni", "er",
     "era", "ert", "dig", "you", "your", "u", "ur", "yours"}
)  # fmt: skip
WHEREABOUTS = (
    "asu", "koulu", "lapse", "lapsi", "perhe", "tytär", "tyttär", "poika", "poja", "töissä",
    "työ", "päiväko", "käy", "bor", "jobb", "skol", "barn", "dotter", "son", "familj", "dagis",
    "live", "school", "kid", "child", "daughter", "work", "family", "sleep", "park",
)  # fmt: skip
NOT_POSSESSIVE = frozenset({"sinne", "tänne", "minne", "jonne", "kuusi", "uusi", "vesi", "käsi"})
# Whereabouts said with a Finnish second-person verb: "tiedämme missä asut", "missä käyt".
FI_WHEREABOUTS_YOU = frozenset({"asut", "asutte", "käyt", "käytte", "nukut", "nukutte"})
# Words that make "where you live" a preference, inside the construction: "tiedämme, missä
# mieluiten asut", "vi vet var du helst bor", "we know where you would like to live".
PREFERENCE = frozenset(
    {"mielelläsi", "mielellänne", "mieluiten", "mieluummin", "mieluusti", "haluaisit",
     "haluat", "haluaisitte", "haluatte", "unelmoit", "helst", "gärna", "vill", "ville",
     "drömmer", "would", "d", "like", "love", "prefer", "want", "wish", "dream", "rather"}
)  # fmt: skip
# Words right after it that make it a preference or the subject of what follows: "tiedämme
# missä asut mielelläsi", "jag vet var du bor spelar roll", "I know where you live matters".
NOT_STALKING_AFTER = frozenset(
    {"mielelläsi", "mielellänne", "mieluiten", "mieluummin", "mieluusti", "vaikuttaa",
     "ratkaisee", "merkitsee", "helst", "gärna", "spelar", "påverkar", "avgör", "betyder",
     "matters", "matter", "affects", "determines", "shapes", "decides", "influences", "counts"}
)  # fmt: skip
NOT_STALKING = PREFERENCE | NOT_STALKING_AFTER


def not_stalking(words: Sequence[str], first: int, last: int, end: int) -> bool:
    """A "where you live" construction over tokens `first`..`last` that speaks of a
    preference (PREFERENCE in it) or is the subject of what follows (NOT_STALKING_AFTER in
    it or right after it, within the sentence that ends before `end`)."""
    if not NOT_STALKING.isdisjoint(words[first : last + 1]):
        return True
    return last + 1 < end and words[last + 1] in NOT_STALKING_AFTER


# "Jag vet var ni bor nu – kul att ni flyttat turistinfon", "Tiedän missä te nyt asutte, kiva
# että muutitte": "now" beside the whereabouts and a move said after it greet a moved office.
NOW = frozenset({"nyt", "nu", "now"})
MOVED = ("flytta", "muutit", "muutti", "muuttanut", "muuttaneet", "moved", "relocat")


def moved(words: Sequence[str], first: int, last: int, end: int) -> bool:
    """Whether a "where you live" construction over tokens `first`..`last` is said of a move:
    "now" (NOW) in it or right after it and a word of moving (MOVED: word starts) after it,
    before `end` (the end of the sentence or the next)."""
    if NOW.isdisjoint(words[first : min(end, last + 2)]):
        return False
    return any(word.startswith(MOVED) for word in words[first + 1 : end])


def _possessive_you(word: str) -> bool:
    """A Finnish noun with the second-person possessive suffix ("lapsesi", "perheenne"): the
    suffix follows the stem's vowel ("bussi", "taksi" end in a consonant and "si")."""
    return (
        len(word) >= 5
        and word.endswith(("si", "nne"))
        and word[-3 if word.endswith("si") else -4] in "aeiouyäö"
        and word not in NOT_POSSESSIVE
        and word not in NOT_STALKING
    )


def stalking(words: Sequence[str], index: int, end: int) -> int | None:
    """The last token of a "(I) know where you live" construction starting at the knowing
    verb `words[index]`, or None: a wh-word right after it, then within six words a
    second-person word (or a Finnish possessive "lapsesi", "perheenne") and a word about
    home, school, work or family."""
    if words[index] not in KNOW:
        return None
    if words[index] in {"vet", "know", "knows"} and not (index > 0 and words[index - 1] in KNOWER):
        return None
    if not any(w in WH for w in words[index + 1 : min(end, index + 3)]):
        return None
    tail = range(index + 1, min(end, index + 8))
    finnish = words[index] not in {"vet", "know", "knows"}
    you = [
        i
        for i in tail
        if words[i] in SECOND_PERSON
        or words[i] in FI_WHEREABOUTS_YOU
        or (finnish and _possessive_you(words[i]))
    ]
    place = [i for i in tail if words[i].startswith(WHEREABOUTS)]
    if you and place:
        last = max(max(you), max(place))
        return None if not_stalking(words, index, last, end) else last
    return None
