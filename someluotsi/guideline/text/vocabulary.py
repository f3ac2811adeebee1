"""The harmful-language vocabulary at run time: every inflected form, looked up in a set.

Built by tools/build_wordforms.py (data/wordforms/harm.tsv). A word is found as written, without
a Finnish clitic (idiootti-kin), with leetspeak undone (1d10tt1), as part of a compound
(kusipää, paskahousu) or through masking (v*ttu, p**ka).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from someluotsi.guideline.text.lexicon import Lexicon
from someluotsi.guideline.text.normalize import deleet

FORMS_FILE = Path(__file__).parents[1] / "data" / "wordforms" / "harm.tsv"
# Stems of dictionary words that only look like harmful compounds ("kusiai-" of kusiainen, an
# ant), decided with the Voikko analyser by tools/build_dictionary_stems.py.
STEMS_FILE = Path(__file__).parents[1] / "data" / "wordforms" / "dictionary_stems.txt"
# Forms the build's suffix rules over-generate into everyday words or names (spices, Jerker):
# dropped on load as well as at build time (tools/build_wordforms.py), so a stale harm.tsv
# cannot bring them back.
NOT_FORMS_FILE = Path(__file__).parents[1] / "data" / "harm_src" / "not_forms.txt"
CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")
MASK_CHARS = frozenset("*#@_-.$!")  # "$" and "!" as well: "a$$hole", "b!tch" (harmful.py)
# No listed word is longer; longer tokens (URLs without breaks, junk) are not looked up at all,
# which also keeps the compound search linear.
MAX_WORD = 40
MEMO = 50_000  # words whose lookups are remembered (a few MB at most)
# No compound is shorter: a first part of four letters or more (a group word or a listed part)
# and a rest of three or more.
MIN_COMPOUND = 7


@dataclass(frozen=True, slots=True)
class FormInfo:
    category: str
    language: str
    lemma: str
    tags: str


class Memo(dict[str, tuple[FormInfo, ...]]):
    """A word's analyses, computed by `compute` on the first lookup (`memo[word]`) and kept
    for the most recent `limit` words (then all forgotten: memory stays flat). A hit is a
    plain dictionary lookup at C speed: `map(memo.__getitem__, words)` looks up a text's
    words without a Python call per word, which a method with its own memo would cost.
    `compute` must be a pure function of the word (its result is shared by every caller)."""

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[str], tuple[FormInfo, ...]], limit: int) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, word: str) -> tuple[FormInfo, ...]:
        found = self.compute(word)
        if len(self) >= self.limit:
            self.clear()
        self[word] = found
        return found


FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a"})
VOWELS = frozenset("aeiouyäö")
# The categories whose words are also read in spoken Finnish with a long final vowel
# (`Vocabulary._spoken`: "vittuu", "perkelee", "helvettii"), and the shortest such word.
SPOKEN = frozenset({"obscene", "insult"})
MIN_SPOKEN = 4
# The analyses a spoken long vowel may stand for (`Vocabulary._spoken`): the base form (a
# nominative, a lemma, a listed exact or a Swedish or English form, which have no case) for
# a lengthened word, the partitive for "-a" spoken as a long vowel.
BASE_FORMS = frozenset({"", "nom", "lemma"})
PARTITIVE = frozenset({"par"})
_CASES = ("nom", "gen", "par", "ess", "tra", "ine", "ela", "ill", "ade", "abl", "all", "abe",
          "ins", "lemma", "compound")  # fmt: skip


def _case_of(tags: str) -> str:
    """The case (or "lemma", "compound") an analysis's tags name, "" for none; the first."""
    return next((case for case in _CASES if f"+{case}" in tags), "")


# A run of three or more of one vowel: a word drawn out ("idiooot"); one step a character.
_VOWEL_FLOOD = re.compile(r"([aeiouyäö])\1{2,}")
_LETTER_RUN = re.compile(r"(.)\1+")
MIN_MISSPELT = 5  # letters of a word read for a slip (`Vocabulary.misspelt`)


def _collapse(word: str) -> str:
    """`word` with each run of one letter written once ("idiootti" -> "idioti")."""
    return _LETTER_RUN.sub(r"\1", word)


class Vocabulary:
    def __init__(
        self,
        rows: Sequence[tuple[str, str, str, str, str]],
        dictionary_stems: Sequence[str] = (),
    ) -> None:
        forms: dict[str, list[FormInfo]] = defaultdict(list)
        compounds: dict[str, list[str]] = defaultdict(list)
        phrases: list[tuple[str, str]] = []
        by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        for category, language, form, lemma, tags in rows:
            if tags == "+compound":
                compounds[category].append(form)
            elif " " in form:
                phrases.append((form, category))
            else:
                if not forms[form]:
                    by_shape[(form[:1], len(form))].append(form)
                forms[form].append(FormInfo(category, language, lemma, tags))
        self._forms = {form: tuple(infos) for form, infos in forms.items()}
        self._compounds = {c: tuple(sorted(p, key=len, reverse=True)) for c, p in compounds.items()}
        self._by_shape = dict(by_shape)
        # The parts of each category by their first four letters (shorter parts never count),
        # in `_compounds`' order; the forms of group words, and their first four letters.
        self._compound_heads: dict[str, dict[str, tuple[str, ...]]] = {}
        for category, parts in self._compounds.items():
            heads: dict[str, list[str]] = defaultdict(list)
            for part in parts:
                if len(part) >= 4:
                    heads[part[:4]].append(part)
            self._compound_heads[category] = {head: tuple(p) for head, p in heads.items()}
        self._group_forms = frozenset(
            form
            for form, infos in self._forms.items()
            if any(i.category == "groups" for i in infos)
        )
        self._group_heads = frozenset(form[:4] for form in self._group_forms if len(form) >= 4)
        self.phrases = Lexicon(phrases)
        # The plain words of the phrases ("pommin verran", "skjuter fram"), for a reading
        # that needs to know whether a spelling is one of them (harm_spelling.py).
        self.phrase_words = frozenset(
            word for phrase, _category in phrases for word in phrase.split() if word.isalpha()
        )
        stems: dict[str, list[str]] = defaultdict(list)
        for stem in dictionary_stems:
            stems[stem[:4]].append(stem)
        self._stems = {head: tuple(group) for head, group in stems.items()}
        self._memo = Memo(self._lookup, MEMO)
        self._parts_memo: dict[tuple[str, str], str | None] = {}
        self._groups_memo: dict[tuple[str, tuple[str, ...]], FormInfo | None] = {}
        self._unmask_memo: dict[str, tuple[FormInfo, ...]] = {}
        self._folded: dict[str, tuple[FormInfo, ...]] | None = None
        self._collapsed: dict[str, dict[str, tuple[FormInfo, ...]]] = {}
        self._compound_memos: dict[tuple[tuple[str, ...], tuple[str, ...]], Memo] = {}
        self._compounds_memo: dict[
            tuple[str, tuple[str, ...], tuple[str, ...]], tuple[FormInfo, ...]
        ] = {}

    @property
    def lookup(self) -> Callable[[str], tuple[FormInfo, ...]]:
        """`lookup(word)`: the analyses of a token (lower case), trying clitics and
        leetspeak. A pure function of the word, remembered for the most recent MEMO words
        (common words recur in every text; a bounded memo keeps memory flat). The memo's own
        `__getitem__`, so a remembered word costs no Python call."""
        return self._memo.__getitem__

    def compound_memo(self, categories: tuple[str, ...], heads: tuple[str, ...]) -> Memo:
        """A memo of `compounds(word, categories, heads)` by word (one per pair of
        arguments, kept): `memo[word]`, or `map(memo.__getitem__, words)` for many words at
        C speed once they are known."""
        key = (categories, heads)
        found = self._compound_memos.get(key)
        if found is None:
            found = self._compound_memos[key] = Memo(
                lambda word: self._compound_readings(word, categories, heads), MEMO
            )
        return found

    def _lookup(self, word: str) -> tuple[FormInfo, ...]:
        if len(word) > MAX_WORD:
            return ()
        found = self._forms.get(word)
        if found:
            return found
        for clitic in CLITICS:
            if word.endswith(clitic) and len(word) - len(clitic) >= 3:
                # A clitic is Finnish: only the Finnish readings of what is left ("kukkaan",
                # the flower's illative, is no Swedish "kuk" with "-kaan").
                found = tuple(
                    i for i in self._forms.get(word[: -len(clitic)], ()) if i.language == "fi"
                )
                if found:
                    return found
        if word[-1:] in VOWELS and word[-2:-1] == word[-1:]:
            spoken = self._spoken(word)
            if spoken:
                return spoken
        if _VOWEL_FLOOD.search(word):
            drawn = self._drawn_out(word)
            if drawn:
                return drawn
        if word[-1:] == word[-2:-1] == word[-3:-2] and word[-1:].isalpha():
            drawn = self._drawn_end(word)
            if drawn:
                return drawn
        plain = deleet(word)
        if plain != word:
            # "d0da": digits stand for letters, and a 0 or 4 often for ö, ä or å as well.
            return self._lookup(plain) or self._folded_forms().get(plain, ())
        return ()

    def _drawn_out(self, word: str) -> tuple[FormInfo, ...]:
        """A swear word or an insult with a vowel drawn out inside it ("idiooot", "skiiit",
        "shiiit", "idioootti"): each run of three or more of one vowel read as one vowel,
        then as two (Finnish long vowels), in SPOKEN_CATEGORIES only; two look-ups."""
        for width in (r"\1", r"\1\1"):
            found = tuple(
                i
                for i in self._forms.get(_VOWEL_FLOOD.sub(width, word), ())
                if i.category in SPOKEN
            )
            if found:
                return found
        return ()

    def _drawn_end(self, word: str) -> tuple[FormInfo, ...]:
        """A swear word or an insult with its last consonant drawn out ("fuckkk", "shittt",
        "fuuuckkk"): the run of three or more of its last letter read as one letter, then as
        two, each also with a vowel drawn out inside (`_drawn_out`), in SPOKEN categories
        only; at most six look-ups. A drawn-out vowel at the end is `_spoken`'s."""
        letter = word[-1]
        if letter in VOWELS:
            return ()
        stem = word.rstrip(letter)
        if len(stem) < 2:
            return ()  # "zzz", "mmm": a sound
        for candidate in (stem + letter, stem + letter * 2):
            found = tuple(i for i in self._forms.get(candidate, ()) if i.category in SPOKEN)
            if not found and _VOWEL_FLOOD.search(candidate):
                found = self._drawn_out(candidate)
            if found:
                return found
        return ()

    def _spoken(self, word: str) -> tuple[FormInfo, ...]:
        """A swear word or an insult with a spoken Finnish long final vowel: its base form
        lengthened ("perkelee", "saatanaaa", "helvettii") or its partitive spoken so
        ("vittuu" for vittua). Only readings of SPOKEN, and only a base form or a partitive
        (BASE_FORMS, PARTITIVE): an everyday word that ends so ("puu", "tehdään"; "sataa",
        which is not "satan"; "kusettaa", which is not the abessive "kusetta") is never read
        as another word. `word` ends in a doubled vowel; at most three look-ups."""
        vowel = word[-1]
        base = word.rstrip(vowel) + vowel
        if len(base) < MIN_SPOKEN:
            return ()
        for candidate, cases in (
            (base, BASE_FORMS),
            (base + "a", PARTITIVE),
            (base + "ä", PARTITIVE),
        ):
            found = tuple(
                i
                for i in self._forms.get(candidate, ())
                if i.category in SPOKEN and _case_of(i.tags) in cases
            )
            if found:
                return found
        return ()

    def misspelt(self, word: str, category: str) -> tuple[FormInfo, ...]:
        """The readings in `category` of a word that is a listed form of it written with one
        slip that writers of all three languages make: a letter doubled or undoubled
        (Finnish length: "idiotti", "iidiootti", "mullku" for idiootti, mulkku) or two
        neighbouring letters swapped ("idoit", "kusipäät" aside). Only for a word of
        MIN_MISSPELT letters or more that has no reading of its own (the caller asks
        `lookup` first); the forms of `category` are indexed by their letters with each run
        of one letter written once, built on first use. Empty when none; at most
        len(word) look-ups."""
        if len(word) < MIN_MISSPELT or not word.isalpha():
            return ()
        index = self._collapsed.get(category)
        if index is None:
            grouped: dict[str, list[FormInfo]] = defaultdict(list)
            for form, infos in self._forms.items():
                readings = [i for i in infos if i.category == category]
                if readings and len(form) >= MIN_MISSPELT:
                    grouped[_collapse(form)].extend(readings)
            index = self._collapsed[category] = {k: tuple(v) for k, v in grouped.items() if v}
        found = index.get(_collapse(word), ())
        if found:
            return found
        forms = self._forms
        for at in range(len(word) - 1):
            if word[at] == word[at + 1]:
                continue
            swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            found = tuple(i for i in forms.get(swapped, ()) if i.category == category)
            if found:
                return found
        return ()

    def _folded_forms(self) -> dict[str, tuple[FormInfo, ...]]:
        """Forms with ä, ö or å by their spelling without them ("döda" under "doda"), built
        on first use; read only for words written with digits, where the fold is intended."""
        if self._folded is None:
            folded: dict[str, list[FormInfo]] = defaultdict(list)
            for form, infos in self._forms.items():
                plain = form.translate(FOLD)
                if plain != form and plain not in self._forms:
                    folded[plain].extend(infos)
            self._folded = {form: tuple(infos) for form, infos in folded.items()}
        return self._folded

    def compound_part(self, word: str, category: str) -> str | None:
        """A listed first part of a compound (kusi- in kusipää), if the word starts with one."""
        key = (word, category)
        if key not in self._parts_memo:
            if len(self._parts_memo) >= MEMO:
                self._parts_memo.clear()
            self._parts_memo[key] = self._compound_part(word, category)
        return self._parts_memo[key]

    def compounds(
        self, word: str, categories: tuple[str, ...], heads: tuple[str, ...]
    ) -> tuple[FormInfo, ...]:
        """A word's compound readings, in order: a listed first part of each of `categories`
        (`compound_part`, tagged "+compound"), then a group word with one of the degrading
        `heads` (`group_compound`); remembered per word, like the parts."""
        key = (word, categories, heads)
        found = self._compounds_memo.get(key)
        if found is None:
            if len(self._compounds_memo) >= MEMO:
                self._compounds_memo.clear()
            found = self._compounds_memo[key] = self._compound_readings(word, categories, heads)
        return found

    def _compound_readings(
        self, word: str, categories: tuple[str, ...], heads: tuple[str, ...]
    ) -> tuple[FormInfo, ...]:
        """`compounds` computed (not remembered here: each memo of it keeps its own)."""
        if len(word) < MIN_COMPOUND:
            return ()
        readings: list[FormInfo] = []
        for category in categories:
            part = self.compound_part(word, category)
            if part:
                readings.append(FormInfo(category, "fi", part, "+compound"))
        attack = self.group_compound(word, heads)
        if attack:
            readings.append(attack)
        return tuple(readings)

    def dictionary_word(self, word: str) -> bool:
        """The word starts like a dictionary word that is no harmful compound (kusiaispesä)."""
        return any(word.startswith(stem) for stem in self._stems.get(word[:4], ()))

    def _compound_part(self, word: str, category: str) -> str | None:
        # Only the parts that share the word's first four letters can start it (a part needs
        # four letters at least), in the order of `_compounds` (the longest first).
        parts = self._compound_heads.get(category, {}).get(word[:4], ())
        if not parts or len(word) > MAX_WORD or self.dictionary_word(word):
            return None
        for part in parts:
            if word.startswith(part) and len(word) - len(part) >= 3:
                return part
        return None

    def group_compound(self, word: str, heads: Sequence[str]) -> FormInfo | None:
        """A compound of a group word and a degrading head ("muslimikoirat"): an identity
        attack in one word. Group first parts are their nominative or genitive forms."""
        key = (word, tuple(heads))
        if key not in self._groups_memo:
            if len(self._groups_memo) >= MEMO:
                self._groups_memo.clear()
            self._groups_memo[key] = self._group_compound(word, heads)
        return self._groups_memo[key]

    def _group_compound(self, word: str, heads: Sequence[str]) -> FormInfo | None:
        # A group word of four letters or more starts it, so it shares the word's first four.
        if word[:4] not in self._group_heads or len(word) > MAX_WORD or self.dictionary_word(word):
            return None
        for split in range(4, len(word) - 2):
            first, rest = word[:split], word[split:]
            if first not in self._group_forms:
                continue
            head = next((i for i in self._forms.get(rest, ()) if i.category in heads), None)
            if head is not None:
                return FormInfo("identity", "fi", f"{first}-{head.lemma}", "+compound")
        return None

    def unmask(self, masked: str) -> tuple[FormInfo, ...]:
        """Forms a masked word can stand for: same length, same first letter, masks as wildcards
        (remembered for the most recent MEMO masked words: a flood repeats the same ones).

        When no form of the same length fits (no listed word, harmful or innocent, reads
        through it), one mask may stand for two letters ("p*ka", "p$ka" -> paska, "v**u" ->
        vittu): the forms one letter longer whose letters fit with one mask doubled. Only for
        a word of four characters or more that ends in a letter and has two letters or more
        besides its masks, so that a short sign ("a*b", "s*t") reads as nothing new and a
        word that a one-letter mask already makes a listed word keeps that reading alone."""
        found = self._unmask_memo.get(masked)
        if found is None:
            if len(self._unmask_memo) >= MEMO:
                self._unmask_memo.clear()
            found = self._unmask_memo[masked] = self._unmask(masked)
        return found

    def _unmask(self, masked: str) -> tuple[FormInfo, ...]:
        first = masked[:1]
        if first in MASK_CHARS:
            return ()
        found: list[FormInfo] = []
        for form in self._by_shape.get((first, len(masked)), ()):
            if all(m in MASK_CHARS or m == f for m, f in zip(masked, form, strict=True)):
                found.extend(self._forms[form])
        if found or not _double_maskable(masked):
            return tuple(found)
        # One mask for two letters: each mask position doubled in turn, at most once per run
        # of masks (doubling any mask of a run gives the same pattern).
        longer = self._by_shape.get((first, len(masked) + 1), ())
        seen: set[str] = set()
        for at, mark in enumerate(masked):
            if mark not in MASK_CHARS or (at and masked[at - 1] in MASK_CHARS):
                continue
            doubled = masked[: at + 1] + masked[at:]
            for form in longer:
                if form not in seen and all(
                    m in MASK_CHARS or m == f for m, f in zip(doubled, form, strict=True)
                ):
                    seen.add(form)
                    found.extend(self._forms[form])
        return tuple(found)


def _double_maskable(masked: str) -> bool:
    """A masked word whose one mask may stand for two letters (`Vocabulary.unmask`)."""
    letters = sum(1 for c in masked if c not in MASK_CHARS)
    return len(masked) >= 4 and masked[-1] not in MASK_CHARS and letters >= 2


@cache
def vocabulary() -> Vocabulary:
    rows = []
    excluded = not_forms()
    for line in FORMS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            category, language, form, lemma, tags = line.split("\t")
            if form not in excluded:
                rows.append((category, language, form, lemma, tags))
    stems: list[str] = []
    if STEMS_FILE.exists():
        lines = STEMS_FILE.read_text(encoding="utf-8").splitlines()
        stems = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return Vocabulary(rows, stems)


def not_forms() -> frozenset[str]:
    """The forms listed in data/harm_src/not_forms.txt (lower case; `#` starts a comment):
    everyday words and names the build's suffix rules make from a harmful word."""
    if not NOT_FORMS_FILE.exists():
        return frozenset()
    lines = NOT_FORMS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in (line.split("#", 1)[0].strip() for line in lines) if w)
