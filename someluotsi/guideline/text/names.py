"""People named in a text: who a sentence is about, for personal data (§2.5, §6.4) and role
conduct (§4.2).

No offline named-entity recogniser covers Swedish, and the Finnish one costs ~20 ms and
~800 MB (shared/notes/nlp.md), so names are found the cheap way, in one pass over the tokens
with the capitals of the original text:

- a first name from the shipped list (data/names/first_names.txt), also inflected the
  Finnish way ("Liisan", "Pekalle", "Matilla": the case ending taken off and the consonant
  gradation undone), or with a Swedish genitive "s" ("Annas"), unless the form is an
  everyday word of its own ("annan" is also "I give");
- optionally followed by a capitalised surname ("Liisa Korhonen", "Korhosen");
- or a title or role word before a capitalised name ("valtuutettu Korhonen",
  "kommunalrådet Nyström", "councillor Brown", "Dr Smith", "kollegani Mäkinen").

First names that are also everyday words (onni, toivo, satu) count only with a surname, or
in the genitive before a word for a relative ("Annan poika", "Onnin tytär", "Mays son").
Computed once per text and kept in `AnalysedText.cache`.

A name written all in lower case ("matti virtanen") is read only where a detector asks
(`lower_case_name`): a first name and a surname from the lists, side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from someluotsi.guideline.text.normalize import NormalizedText
from someluotsi.guideline.text.sentences import ADDRESS_TITLES, sentences
from someluotsi.guideline.text.wordlists import load_names, load_words

FIRST_NAMES = load_names()
MEMO = 20_000  # words whose inflected-name reading is remembered
# Names that are also everyday words (onni = luck) count only with a surname after them.
AMBIGUOUS_NAMES = frozenset(load_words("ambiguous_names"))
# Title and role words (prefixes, any inflection) that name a person with the capitalised
# word after them.
TITLES = tuple(load_words("person_titles"))
# Capitalised words after a title that are places or organisations, not surnames.
NOT_SURNAMES = tuple(load_words("not_surnames"))
STOPWORDS = frozenset(load_words("stopwords"))
SURNAMES = load_names("surnames")
# Words for a relative or a partner: a first name in the genitive before one is a person
# even when it is an everyday word ("Annan poika": Anna's son, where "annan" is "I give").
KIN_WORDS = frozenset(load_words("kin_words"))
# Lower-case first names that are everyday words ("anna": give) go with a surname only when
# it has a surname's ending ("anna berg", "anna virtanen"; not "anna kivi": give a stone).
EVERYDAY_FIRST_NAMES = AMBIGUOUS_NAMES | {
    "anna", "pelle", "mari", "pia", "eva", "tea", "ella", "will", "mark", "bill", "rose",
    "grace", "hope", "joy", "faith", "frank", "jack", "dean",
}  # fmt: skip
# First names so common as everyday words in lower case that they never start a lower-case
# name ("et ole", "kai": maybe, "alan": I begin).
NEVER_LOWER_FIRST_NAMES = frozenset({"ole", "kai", "alan"})
# A household named by its surname: "the Smith family", "Virtasen perhe", "Nybergs familj"
# (the surname right before one of these, in lower case; singular only: "Kokkolan perheet" are
# a town's families). "Familjen Nyberg" is read as a title (person_titles.txt).
FAMILY_WORDS = frozenset(
    {"family", "household", "perhe", "perheen", "perheessä", "perheelle", "perheellä",
     "perheestä", "perhettä", "familj", "familjen"}
)  # fmt: skip
# A word for a family right before a capitalised surname names a household too ("Perhe
# Heikkilän lapset", "perheen Virtanen"); read like a title (`_scan`). "Familjen Nyberg" is
# a title already (person_titles.txt).
FAMILY_BEFORE = frozenset(
    {"perhe", "perheen", "perheelle", "perheellä", "perheessä", "perheestä", "perhettä"}
)
# Words that start a sentence before a word for a family without naming it ("The family",
# "Our family", "Koko perhe", "Hela familjen").
DETERMINERS = frozenset(
    {"the", "a", "an", "our", "my", "your", "his", "her", "their", "this", "that", "every",
     "each", "any", "one", "whole", "new", "host", "foster", "min", "din", "vår", "er", "hela",
     "en", "ett", "denna", "den", "hans", "hennes", "deras", "sin", "meidän", "teidän",
     "heidän", "minun", "sinun", "hänen", "koko", "tämä", "tuo", "se", "jokainen", "oma",
     "uusi", "yksi"}
)  # fmt: skip
SURNAME_ENDINGS = (
    "nen", "son", "berg", "ström", "lund", "gren", "qvist", "kvist", "holm", "blom", "dahl",
    "lin", "man", "ius", "ell", "ing",
)  # fmt: skip

# Finnish case endings (longest first) and the Swedish genitive, taken off a capitalised word
# to find a first name in it.
_ENDINGS = (
    "lleen", "ltaan", "ltään", "staan", "stään", "ssaan", "ssään", "kseen", "nsa", "nsä",
    "lle", "lla", "llä", "lta", "ltä", "sta", "stä", "ssa", "ssä", "ksi", "na", "nä",
    "ta", "tä", "n", "a", "ä", "s",
)  # fmt: skip
_VOWELS = frozenset("aeiouyäö")
# Inflected-looking forms that are everyday words ("annan": I give, "sadan": of a hundred).
NOT_INFLECTED_NAMES = frozenset({"annan", "annat", "sadan", "aamun", "illan", "tuulen", "sateen"})


@dataclass(frozen=True, slots=True)
class PersonName:
    """A named person. Offsets in the normalised text; `first`/`last` token indexes (end
    exclusive); `certain` when a surname or a title goes with it."""

    start: int
    end: int
    first: int
    last: int
    certain: bool


def _bases(stem: str) -> tuple[str, ...]:
    """Base forms a Finnish stem may come from: itself, the strong grade of a single k, p or
    t before the last vowel ("peka" -> "pekka", "mati" -> "matti"), and without the -i- that
    consonant-final names take before an ending ("eriki" -> "erik")."""
    forms = [stem]
    if len(stem) >= 3 and stem[-1] in _VOWELS and stem[-2] in "kpt" and stem[-3] != stem[-2]:
        forms.append(stem[:-1] + stem[-2] + stem[-1])
    if stem.endswith("i") and len(stem) >= 4:
        forms.append(stem[:-1])
    return tuple(forms)


def first_name(word: str, *, inflected: bool = True) -> str | None:
    """The first name `word` (lower case) is, or is an inflected form of, else None."""
    if word in FIRST_NAMES:
        return word
    if not inflected or len(word) < 5 or word in NOT_INFLECTED_NAMES or word in STOPWORDS:
        return None
    return _inflected_first_name(word)


@lru_cache(maxsize=MEMO)
def _inflected_first_name(word: str) -> str | None:
    """The first name of which `word` (no name itself) is an inflected form, else None; a
    pure function of the word, remembered (capitalised words recur from text to text)."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            for base in _bases(word[: -len(ending)]):
                if len(base) >= 4 and base in FIRST_NAMES:
                    return base
    return None


def _title(word: str) -> bool:
    return word.startswith(TITLES)


def person_names(text: NormalizedText) -> tuple[PersonName, ...]:
    """Every named person in the text, in order (see the module docstring)."""
    cached = text.cache.get("person_names")
    if isinstance(cached, tuple):
        return cached
    result = _scan(text, 0, len(text.table.words))
    text.cache["person_names"] = result
    return result


def names_in_sentence(text: NormalizedText, sentence: int) -> tuple[PersonName, ...]:
    """The named people of one sentence (by its number in `sentences(text)`); a detector that
    needs only the sentences around a hit scans only those."""
    cache = text.cache.setdefault("sentence_names", {})
    assert isinstance(cache, dict)  # noqa: S101 - created just above
    if sentence not in cache:
        full = text.cache.get("person_names")
        of_token = sentences(text).of_token
        if isinstance(full, tuple):
            cache[sentence] = tuple(n for n in full if of_token[n.first] == sentence)
        else:
            cache[sentence] = _scan(text, *sentences(text).bounds(sentence))
    found: tuple[PersonName, ...] = cache[sentence]
    return found


def first_in_sentence(text: NormalizedText, sentence: int) -> PersonName | None:
    """The first named person of one sentence (`names_in_sentence(text, sentence)[0]`), or
    None: the sentence is read only as far as that person (a long sentence of names need
    not be read whole for a detector that wants one)."""
    cache = text.cache.get("sentence_names")
    if (isinstance(cache, dict) and sentence in cache) or "person_names" in text.cache:
        found = names_in_sentence(text, sentence)
    else:
        found = _scan(text, *sentences(text).bounds(sentence), limit=1)
    return found[0] if found else None


def _scan(
    text: NormalizedText, lo: int, hi: int, limit: int | None = None
) -> tuple[PersonName, ...]:
    """The named people among tokens lo..hi (end exclusive), the first `limit` of them when
    it is given. A name starts only at a capitalised token, so only those are read (found at
    C speed), and what depends on a word alone (a first name? a title?) is decided once per
    distinct word."""
    table, cased = text.table, text.cased
    words, starts, ends, gaps = table.words, table.starts, table.ends, table.gaps
    count = len(words)
    of_token = sentences(text).of_token
    found: list[PersonName] = []
    upper = list(map(str.isupper, map(cased.__getitem__, starts[lo:hi])))
    names: dict[str, str | None] = {}
    titles: dict[str, bool] = {}

    def name_of(word: str) -> str | None:
        if word not in names:
            names[word] = first_name(word)
        return names[word]

    def title(word: str) -> bool:
        if word not in titles:
            titles[word] = _title(word) or word in FAMILY_BEFORE
        return titles[word]

    def capital(index: int) -> bool:
        return index < count and cased[starts[index] : starts[index] + 1].isupper()

    def adjacent(index: int) -> bool:
        """Token `index` follows token `index - 1` in the same sentence, only spaces between."""
        return of_token[index] == of_token[index - 1] and gaps[index].strip(" '’-") == ""

    index = lo
    for capitalised in compress(range(lo, hi), upper):
        if capitalised < index:
            continue  # inside a name found before
        index = capitalised
        word = words[index]
        titled = (
            index > 0
            and (adjacent(index) or _dotted_title(text, index))
            and title(words[index - 1])
        )
        base = name_of(word)
        surname = (
            index + 1 < count
            and capital(index + 1)
            and adjacent(index + 1)
            and first_name(words[index + 1], inflected=False) is None
            and not words[index + 1].startswith(NOT_SURNAMES)
        )
        kin = False
        if (base is None and word in NOT_INFLECTED_NAMES) or (
            base in AMBIGUOUS_NAMES and not surname and not titled
        ):
            kin = _genitive_of_kin(text, index, adjacent)
            if kin and base is None:
                base = _inflected_first_name(word)  # "Annan poika": an everyday form, a name
        if base is not None and (surname or titled or kin or base not in AMBIGUOUS_NAMES):
            first = index - 1 if titled else index
            last = index + 2 if surname else index + 1
            found.append(PersonName(starts[first], ends[last - 1], first, last, surname or titled))
            if limit is not None and len(found) >= limit:
                break
            index = last
            continue
        if (
            base is None
            and not titled
            and not word.startswith(NOT_SURNAMES)
            and _family_of(text, index, adjacent)
        ):
            found.append(PersonName(starts[index], ends[index + 1], index, index + 2, True))
            if limit is not None and len(found) >= limit:
                break
            index = index + 2
            continue
        if titled and not word.isdigit() and not word.startswith(NOT_SURNAMES) and not title(word):
            last = index + 2 if surname else index + 1
            found.append(PersonName(starts[index - 1], ends[last - 1], index - 1, last, True))
            if limit is not None and len(found) >= limit:
                break
            index = last
    return tuple(found)


def _dotted_title(text: NormalizedText, index: int) -> bool:
    """Whether token `index` follows a title of address with its full stop, in the same
    sentence ("Mrs. Virtanen", "Dr. Smith": sentences.ADDRESS_TITLES)."""
    table = text.table
    if table.words[index - 1] not in ADDRESS_TITLES or table.gaps[index].strip(" ") != ".":
        return False
    of_token = sentences(text).of_token
    return of_token[index] == of_token[index - 1]


def _family_of(text: NormalizedText, index: int, adjacent: Callable[[int], bool]) -> bool:
    """Whether capitalised token `index` names a household: the next word, in lower case and in
    the same sentence, is a word for a family (FAMILY_WORDS: "the Smith family", "Virtasen
    perhe"); a stop word or a title is no surname ("The family", "Our family").
    A known surname in the genitive before a word for relatives names the household too
    ("Virtasen lapset", "Bergs barn": SURNAMES, `surname_base`); a place in the genitive is
    none ("Kokkolan lapset")."""
    words = text.table.words
    following = index + 1
    if following >= len(words):
        return False
    word, after = words[index], words[following]
    if after not in FAMILY_WORDS and not (
        after in KIN_WORDS and word.endswith(("n", "s")) and surname_base(word) is not None
    ):
        return False
    if word in STOPWORDS or word in DETERMINERS or _title(word):
        return False
    start = text.table.starts[following]
    return adjacent(following) and text.cased[start : start + 1].islower()


def _genitive_of_kin(text: NormalizedText, index: int, adjacent: Callable[[int], bool]) -> bool:
    """Whether token `index` is in the genitive (Finnish -n, Swedish -s, English 's, which
    the tokens split: "mary", "s") and the next word, in lower case and in the same sentence,
    is a word for a relative (KIN_WORDS: "Annan poika", "Eriks son", "Hope's son")."""
    words, gaps = text.table.words, text.table.gaps
    following = index + 1
    if following + 1 < len(words) and words[following] == "s" and gaps[following] in "'’":
        following += 1  # the English 's
    elif not words[index].endswith(("n", "s")):
        return False
    if following >= len(words) or words[following] not in KIN_WORDS:
        return False
    start = text.table.starts[following]
    return adjacent(following) and text.cased[start : start + 1].islower()


# Finnish case endings and the Swedish genitive "s", taken off a surname to find its base form
# (`surname_base`): "virtaselle", "bergille", "laineen", "nybergs". "en" is the illative after
# a long vowel ("virtaseen": virtase + en).
_SURNAME_CASE_ENDINGS = (*_ENDINGS, "en")


@lru_cache(maxsize=MEMO)
def surname_base(word: str) -> str | None:
    """The surname (SURNAMES, lower case) that `word` (lower case) is, or is a Finnish
    inflected form or a Swedish genitive of, else None: "virtanen", "virtaselle" and
    "virtasta" give "virtanen" (the -nen names' stem -se-/-s-), "laineen" "laine" (the long
    vowel of the stem), "bergille" and "smithin" "berg" and "smith" (the -i- of a
    consonant-final name), "nybergs" "nyberg". A stop word is none; a form must keep three
    letters of stem. Pure and remembered."""
    if word in SURNAMES:
        return word
    if len(word) < 4 or word in STOPWORDS:
        return None
    for ending in _SURNAME_CASE_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        stem = word[: -len(ending)]
        candidates = [stem]
        if stem.endswith("se"):
            candidates.append(stem[:-2] + "nen")  # virtase-lle
        elif stem.endswith("s"):
            candidates.append(stem[:-1] + "nen")  # virtas-ta
        if stem.endswith("i"):
            candidates.append(stem[:-1])  # bergi-lle
        if len(stem) >= 4 and stem[-1] in _VOWELS and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])  # lainee-n
        for candidate in candidates:
            if candidate in SURNAMES:
                return candidate
        for candidate in _graded_bases(stem):
            if candidate in SURNAMES:
                return candidate
    return None


# Consonant gradation in Finnish stems, each pair in both directions (strong, weak): the base
# form of a surname may have either grade ("lampi": lamme-lle, "rinne": rintee-lle).
_GRADES = (
    ("kk", "k"), ("pp", "p"), ("tt", "t"), ("mp", "mm"), ("nt", "nn"), ("lt", "ll"),
    ("rt", "rr"), ("nk", "ng"), ("ht", "hd"), ("lk", "lj"), ("t", "d"), ("p", "v"),
)  # fmt: skip


def _graded_bases(stem: str) -> list[str]:
    """Base forms a Finnish inflected stem of a surname may come from through its stem vowel
    and consonant gradation (`surname_base`): "koske" -> "koski", "lamme" -> "lampi",
    "rintee" -> "rinne", "kankaa" -> "kangas", "lehdo" -> "lehto", "ranna" -> "ranta", "mäe"
    -> "mäki". A few candidates per stem, each with one change of the consonants before the
    last vowel (or a "k" put back between two vowels) and one change of the stem's end."""
    ends = [stem]
    if len(stem) >= 3 and stem[-1] == "e" and stem[-2] not in _VOWELS:
        ends.append(stem[:-1] + "i")  # koske- -> koski
    if len(stem) >= 4 and stem[-1] in _VOWELS and stem[-1] == stem[-2]:
        ends.append(stem[:-1] + "s" if stem[-1] in "aä" else stem[:-1])  # kankaa-, rintee-
    if len(stem) >= 3 and stem[-1] == "e" and stem[-2] in _VOWELS and stem[-2] != "e":
        ends.append(stem[:-1] + "ki")  # mäe- -> mäki, joe- -> joki
    found: list[str] = []
    for end in ends:
        found.append(end)
        last = len(end) - 1
        while last > 0 and end[last] in _VOWELS:
            last -= 1
        while last > 0 and end[last] not in _VOWELS and end[last - 1] not in _VOWELS:
            last -= 1  # `last`: the first consonant of the cluster before the stem's vowel
        vowel = last
        while vowel < len(end) and end[vowel] not in _VOWELS:
            vowel += 1
        if end.endswith("s") and len(end) >= 4:  # kankas: the cluster before "as"
            vowel = len(end) - 2
            last = vowel
            while last > 0 and end[last - 1] not in _VOWELS:
                last -= 1
        head, cluster, tail = end[:last], end[last:vowel], end[vowel:]
        for strong, weak in _GRADES:
            for was, now in ((strong, weak), (weak, strong)):
                if cluster.endswith(was) and len(head) + len(cluster) > len(was):
                    found.append(head + cluster[: len(cluster) - len(was)] + now + tail)
    return found


def lower_case_name(text: NormalizedText, sentence: int) -> PersonName | None:
    """The first person named all in lower case in one sentence ("matti virtanen", "anna
    berg", "john smith", "matti virtaselle"), or None: a first name (FIRST_NAMES, base form)
    right before a surname (SURNAMES, in its base form or inflected: `surname_base`), both
    written in lower case, neither a stop word. A first name that is an everyday word
    (EVERYDAY_FIRST_NAMES: "anna" is "give") needs a surname with a surname's ending ("anna
    berg", "anna virtaselle"; not "anna kivi"). Never certain: a detector that reads it
    gives a lower confidence. Only the tokens of the one sentence are read."""
    table = text.table
    lo, hi = sentences(text).bounds(sentence)
    if FIRST_NAMES.isdisjoint(table.words[lo:hi]):
        return None
    for index in range(lo, hi - 1):
        if _lower_case_pair(text, index):
            return PersonName(
                table.starts[index], table.ends[index + 1], index, index + 2, certain=False
            )
    return None


def _lower_case_pair(text: NormalizedText, index: int) -> bool:
    """Whether tokens `index` and `index + 1` are a first name and a surname in lower case,
    as `lower_case_name` reads them."""
    table, cased = text.table, text.cased
    words, starts = table.words, table.starts
    word, following = words[index], words[index + 1]
    if word not in FIRST_NAMES or word in STOPWORDS or word in NEVER_LOWER_FIRST_NAMES:
        return False
    surname = surname_base(following)
    if surname is None or following in STOPWORDS or table.gaps[index + 1] != " ":
        return False
    if not cased[starts[index]].islower() or not cased[starts[index + 1]].islower():
        return False
    return word not in EVERYDAY_FIRST_NAMES or surname.endswith(SURNAME_ENDINGS)


def short_name_ends_at(text: NormalizedText, end: int) -> bool:
    """Whether a name in lower case (`lower_case_name`) or by an initial (`initial_name`)
    ends right before token `end`, read from the tokens there alone (no sentence is
    scanned: a detector may ask once per token)."""
    if end >= 2 and _lower_case_pair(text, end - 2):
        return True
    return end >= 1 and _initial_before(text, end - 1) is not None


# Words that number or name things with a capital letter and a full stop ("Liite B.",
# "Bilaga C.", "Appendix B.", "hepatiitti C."): the letter after one is no initial (prefixes
# of the word before it).
LETTERED = (
    "kohta", "kohda", "liite", "liitt", "osa", "vaihtoeh", "ryhmä", "luokk", "tyyp", "vitamiin",
    "rappu", "porra", "rakennu", "kuva", "taulukko", "hepatiit", "kategori", "bilaga", "del",
    "avsnitt", "grupp", "typ", "klass", "alternativ", "trappa", "bild", "tabell", "hepatit",
    "kategor", "punkt", "appendix", "annex", "part", "section", "group", "plan", "vitamin",
    "type", "class", "option", "block", "building", "table", "figure", "exhibit", "item",
    "point", "category", "hepatitis", "grade", "level", "stage", "vaihe", "steg", "tier",
)  # fmt: skip


def initial_name(text: NormalizedText, sentence: int) -> PersonName | None:
    """The first person of one sentence named by an initial and a surname ("M. Virtanen",
    "A. Berg", "J. Smith", "M.K. Virtaselle"), or None: a capitalised word whose base form is
    a surname (`surname_base`) and no first name, not a place or an organisation
    (NOT_SURNAMES), right after one or two capital letters each followed by a full stop, the
    first not after a word that letters things (LETTERED: "Liite B.", "Appendix C.").
    The full stop after an initial ends a sentence before a capital (sentences.py), so the
    initial may stand in the sentence before: the name then starts there. Read only where a
    detector asks (a signature "t. M. Virtanen" is no finding of its own); certain, as an
    initial and a listed surname go together only as a name."""
    table = text.table
    lo, hi = sentences(text).bounds(sentence)
    for index in range(max(lo, 1), hi):
        initial = _initial_before(text, index)
        if initial is not None:
            return PersonName(table.starts[initial], table.ends[index], initial, index + 1, True)
    return None


def _initial_before(text: NormalizedText, index: int) -> int | None:
    """The token of the (first) initial when token `index` is a surname after one or two
    initials, as `initial_name` reads them, else None."""
    table, cased = text.table, text.cased
    words, starts, gaps = table.words, table.starts, table.gaps
    if index < 1 or gaps[index].strip() != ".":
        return None
    if not cased[starts[index] : starts[index] + 1].isupper():
        return None
    initial = index - 1
    if not _initial(cased, words, starts, initial):
        return None
    word = words[index]
    if (
        surname_base(word) is None
        or word in FIRST_NAMES
        or word.startswith(NOT_SURNAMES)
        or _title(word)
    ):
        return None
    if initial > 0 and gaps[initial].strip() == "." and _initial(cased, words, starts, initial - 1):
        initial -= 1  # "M. K. Virtanen", "M.K. Virtanen"
    if initial > 0 and words[initial - 1].startswith(LETTERED):
        return None
    return initial


def _initial(cased: str, words: list[str], starts: list[int], index: int) -> bool:
    """Whether token `index` is one capital letter (an initial; its full stop is asked by the
    caller)."""
    return len(words[index]) == 1 and cased[starts[index] : starts[index] + 1].isupper()
