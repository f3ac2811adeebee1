"""Harmless senses of violent words, in fi/sv/en (§10.6): what a verb of violence also means
when its object, its particle or its subject says so, and a noun written like the verb.

- An object or particle of a harmless sense right after the verb, before any person: blowing
  up balloons or a photo ("blow up balloons", "räjäyttää ilmapalloja"), a budget or a limit
  burst ("spränga budgeten"), executing a plan ("execute the plan"), killing germs, weeds or
  plants ("tappaa bakteerit", "döda ogräset", "kill germs"), idioms of striking ("slå ett
  slag för miljön", "slå rekord", "lyödä rumpua", "lyödä läpi"), hanging out ("häng med oss",
  "hänga runt"), shooting for the stars ("ammu tähtiin"). "I will blow up the town hall",
  "jag ska slå dig", "I will execute you" and "ammun sinut" keep their threat: a person or a
  place is no harmless object.
- A hazard as the verb's subject: "bread will kill them" (the ducks), "halla tappaa taimet",
  "frosten dödar plantorna", "smoking kills": a thing that harms, not a writer who threatens.
- An English noun written like the verb: after an article or a possessive ("your flu shot",
  "a punch", "the butcher") or before the noun it modifies ("punch cards", "kill switch",
  "bomb shelter"). "A shot at the mayor" is still aimed at someone.

Every function reads a few tokens beside the verb (set lookups and word starts).
"""

from __future__ import annotations

from collections.abc import Container, Sequence

OBJECT_REACH = 3  # tokens after the verb (or its particle) within which its object is read

# Objects and particles of a harmless sense, by the verb's lemma: word starts (every
# inflection), read within OBJECT_REACH tokens after the verb or its particle, before any person.
HARMLESS_OBJECTS: dict[str, tuple[str, ...]] = {
    # blowing up balloons, tyres, an airbed or a photo; bursting a budget, a limit, the bank
    "blow up": ("balloon", "tyre", "tire", "mattress", "airbed", "lilo", "inflatable", "bouncy",
                "paddling", "raft", "beach", "ball", "photo", "picture", "image",
                "poster", "print"),
    "räjäyttää": ("ilmapallo", "pallo", "tajun", "potti", "potin", "budjet"),
    "spränga": ("ballong", "gräns", "budget", "rekord", "ram"),
    "bomb": ("exam", "test", "audition", "interview"),
    # executing a plan, an order, a program
    "execute": ("plan", "strateg", "order", "program", "code", "script", "task", "project",
                "contract", "command", "query", "trade", "transaction", "deal", "decision",
                "budget", "policy", "move", "will", "instruction", "agreement", "search",
                "function", "mission", "vision", "idea", "step", "process", "procedure",
                "campaign", "agenda", "reform", "measure"),
    # killing germs, weeds, mould and plants (a spray, frost, a weedkiller)
    "tappaa": ("bakteer", "virus", "viruks", "rikkaruoh", "home", "hometta", "sammal", "levä",
               "leviä", "täi", "täit", "kirpu", "hyönteis", "kasvit", "kasvej", "kasvia", "kukk",
               "taim",
               "nurmi", "nurmikon", "ötö", "solu", "syöpäsolu", "itiö", "sieni", "sieniä"),
    "döda": ("bakterie", "virus", "ogräs", "mögel", "mossa", "alg", "löss", "loppor", "insekt",
             "växt", "blomm", "planta", "plantor", "gräs", "cell", "sporer", "svamp"),
    "kill": ("germ", "bacteri", "virus", "weed", "mold", "mould", "moss", "alga", "lice",
             "flea", "bug", "insect", "plant", "flower", "seedling", "lawn", "grass", "cell",
             "spore", "fung", "mood", "vibe", "buzz", "battery", "joke", "speed", "engine",
             "light", "time", "music", "noise"),
    # striking a blow for, breaking a record, betting, raising the alarm, looking up
    "slå": ("slag", "rekord", "vad", "larm", "följe", "rot", "knut", "upp", "ihop", "igenom",
            "an", "sig"),
    "lyödä": ("rumpua", "rummun", "läpi", "laimin", "kättä", "ällikällä", "leiville",
              "hynttyyt", "tahtia", "vetoa", "lukkoon", "rahoiksi"),
    # hanging out, tagging along, staying on
    "hänga": ("med", "runt", "kvar", "ihop", "samman", "efter"),
    # shooting for the stars; firing questions
    "ampua": ("tähti", "tähtiin", "tähtiä", "kuuhun", "kysym", "ilotulit", "raket"),
    "shoot": ("star", "moon", "breeze", "hoop", "question", "firework", "rocket"),
}  # fmt: skip
# Words that must follow the verb at once for its harmless sense: a particle of Swedish "slå"
# or "hänga" a little further on is another construction ("slå honom ihop", "häng honom på").
# ("jag slår in skallen på dig", "lyön päänne yhteen" are no idioms).
ADJACENT = frozenset({"slå", "hänga", "lyödä"})
# "slå ett slag för": the article of the noun right after the verb.
ARTICLES = frozenset({"ett", "en", "a", "an", "the"})


def harmless_object(
    words: Sequence[str], index: int, last: int, end: int, lemma: str, people: Container[int]
) -> bool:
    """The verb at `index` (its particle, if any, at `last`) takes an object or a particle of
    a harmless sense (HARMLESS_OBJECTS of its lemma) within OBJECT_REACH tokens, with no
    person (`people`: token indexes) before it; right after the verb for ADJACENT verbs (an
    article between at most)."""
    starts = HARMLESS_OBJECTS.get(lemma)
    if not starts:
        return False
    if lemma == "hänga" and words[index].endswith("s"):
        return False  # a passive: "hon borde hängas med de andra" is no hanging out
    reach = 1 if lemma in ADJACENT else OBJECT_REACH
    at = last + 1
    if lemma in ADJACENT and at < end and words[at] in ARTICLES and at + 1 < end:
        at += 1  # "slå ett slag"
    for i in range(at, min(end, at + reach)):
        word = words[i]
        if i in people:
            return False
        if word.startswith(starts) and not (lemma in ADJACENT and word in ARTICLES):
            return True
    return False


# --- A hazard as the verb's subject ----------------------------------------------------------
# Things that kill, as subjects: food that harms birds, frost and heat, smoking, speed, carbon
# monoxide, drugs, disease (word starts).
HAZARDS = (
    "bread", "leipä", "leivä", "bröd", "brödet", "frost", "halla", "pakka", "kyla", "köld",
    "cold", "heat", "helle", "hetta", "värm", "smok", "tupak", "rökning", "cigaret", "alcohol",
    "alkohol", "drug", "huume", "drog", "speed", "ylinopeus", "fortkörning", "hastighet",
    "carbon", "häkä", "kolmonoxid", "disease", "tauti", "sairau", "sjukdom", "cancer", "syöpä",
    "plastic", "muovi", "plast", "litter", "roska", "skräp", "chocolate", "suklaa", "choklad",
    "grape", "rypäle", "vindruv", "xylitol", "ksylitol", "salt", "suola", "drought", "kuivuus",
    "torka", "algae", "sinilevä", "pollution", "saaste", "förorening", "stress", "loneliness",
    "yksinäisyys", "ensamhet", "sitting", "istuminen", "stillasittande", "radon", "asbest",
    "mold", "mould", "homeitiö", "hometta", "mögel", "weedkiller", "rikkakasvi", "torjunta",
    "ogräsmedel", "spray", "suihke", "sprej",
)  # fmt: skip
# Words between a hazard and its verb: modals and adverbs ("bread can really kill them").
HAZARD_BETWEEN = frozenset(
    {"will", "ll", "can", "could", "may", "might", "would", "does", "really", "actually",
     "slowly", "eventually", "often", "voi", "saattaa", "voivat", "saattavat", "todella",
     "hitaasti", "usein", "jopa", "kan", "kommer", "att", "kunna", "verkligen", "sakta",
     "ofta", "även", "också", "also", "even"}
)  # fmt: skip


def hazard_subject(words: Sequence[str], index: int, start: int) -> bool:
    """The verb at `index` has a hazard (HAZARDS) as its subject: the word before it, or
    before modals and adverbs (HAZARD_BETWEEN), within its clause (from `start`): "bread
    will kill them", "halla voi tappaa taimet", "frosten dödar plantorna"."""
    at = index - 1
    while at >= start and words[at] in HAZARD_BETWEEN:
        at -= 1
    return at >= start and words[at].startswith(HAZARDS)


# --- An English noun written like the verb --------------------------------------------------
# Words before a noun that no verb follows: articles and possessives ("your flu shot"), and
# nouns that make a compound with it ("flu shot", "fruit punch", "photo shoot").
NOUN_LEADS = frozenset(
    {"a", "an", "the", "your", "ur", "my", "his", "our", "their", "its", "every", "each",
     "another", "flu", "booster", "vaccine", "covid", "tetanus", "measles", "hpv", "photo",
     "fruit", "mug", "group", "action", "penalty", "free", "corner", "parting", "bath",
     "big", "smash", "first", "second", "last", "final"}
)  # fmt: skip
# Nouns that a word like the verb modifies: "punch cards", "kill switch", "bomb shelter".
NOUN_HEADS = frozenset(
    {"card", "cards", "bowl", "bowls", "line", "lines", "list", "clock", "hole", "holes",
     "switch", "count", "streak", "shelter", "shelters", "squad", "disposal", "glass",
     "glasses", "put", "relay", "bearer", "scooter", "scooters", "boxing", "drum", "drums",
     "machine", "song", "songs", "single", "parade", "record", "records", "clinic", "clinics",
     "appointment", "appointments", "schedule"}
)  # fmt: skip
# After a noun with an article, what aims it at someone: "a shot at the mayor".
AIMED_AT = frozenset({"at", "to", "against"})


def english_noun(
    words: Sequence[str], index: int, start: int, end: int, people: Container[int]
) -> bool:
    """The English verb form at `index` is a noun: after an article, a possessive or a
    compound's first noun (NOUN_LEADS: "your flu shot", "a punch", "the butcher") and not
    aimed at a person (`people`: token indexes) after it ("a shot at the mayor"; "a flu
    shot at the health centre" is a place), or before a noun it modifies (NOUN_HEADS:
    "punch cards", "kill switch")."""
    after = words[index + 1] if index + 1 < end else ""
    if index > start and words[index - 1] in NOUN_LEADS:
        if after in AIMED_AT:
            return not any(i in people for i in range(index + 2, min(end, index + 5)))
        return True
    return after in NOUN_HEADS
