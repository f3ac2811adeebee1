"""Spelling disguises undone for the harm reading: letters drawn out and digits for letters.

A threat written "Tapaaan sinut huomenna", "Jag dööödar dig", "I will kiiiill you" or
"J4g d0d4r d1g" is the same threat as its plain spelling, and the harm reading (harmful.py)
reads it so: each such token is read as the word it stands for, both for the vocabulary (its
analyses) and for the grammar around a violent verb ("diiig" and "d1g" are the object "dig",
"w1ll" the future "will"). Only the words read change; every token keeps its offsets, so a
finding still points at what the author wrote ("kiiiill", not "kill").

Letters drawn out are runs of three or more of one letter (no word of the three languages has
one): each run is read once or twice ("tapaaan" -> "tapan", then "tapaan"; a Finnish long
vowel and an English double consonant are two letters). A spelling in DOUBLED wins ("sooon"
reads "soon", not the kin word "son"), then one that is a word the harm reading knows besides
its vocabulary (a word set of the grammar, a word of a phrase: "diiig" reads "dig",
"veeerran" of "pommin verran" reads "verran"), then the first the harm vocabulary knows, with
the analyses of every spelling it knows; else every run is read once. Real double letters
are never touched ("tapaan", "kuolee", "kill"). A violent verb read from a drawn-out spelling
counts only with a target (+drawn: "Tapaaamme kirjastossa" may be "tapaamme", we meet).

Digits stand for letters (text/normalize.py `LEET`) only in a token of two letters or more
that has no more digits than letters ("d1g", "y0u", "s1nut"; not "4g", "3d"), and only where
that reads a word the harm reading knows ("covid19", "B2" stay as written). Everyday
drawn-out words ("Kiiitos", "myyycket", "Sooo") have no harmful reading.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import islice
from types import ModuleType

from someluotsi.guideline.checker.detectors import (
    harm_context,
    harm_grammar,
    harm_menace,
    harm_senses,
    harm_veiled,
)
from someluotsi.guideline.text.normalize import TokenTable, deleet, unstretched
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.vocabulary import FormInfo, Vocabulary
from someluotsi.guideline.text.wordlists import load_words

# The letters of fi/sv/en (and their neighbours' accented ones) three times in a row, and one
# of them beside a digit: whether a text may hold a disguised word at all, decided by RE2's
# DFA over the UTF-8 the checker's other patterns read (a few microseconds a post, where a
# backreference, or `re` on each word, cost tens); the tokens where they match are read, the
# others are never looked at.
# No "w" drawn out: "www" of a web address is in every other city post, and no threat word
# is disguised by its w.
_LETTERS = "abcdefghijklmnopqrstuvwxyzäöåéèüõøæ"
STRETCH_CUE = compile_pattern("|".join(letter * 3 for letter in _LETTERS if letter != "w"))
LEET_CUE = compile_pattern(f"[{_LETTERS}][0-9]|[0-9][{_LETTERS}]")
# Everyday words with a real double letter that a threat's grammar reads around its verb (the
# time, the future, "all of you"): read before any other known spelling, so that "sooon" is
# "soon" rather than the kin word "son".
DOUBLED = frozenset(
    {"soon", "tomorrow", "will", "till", "all", "too", "off", "see", "need", "kommer", "att",
     "alla", "allihop", "snart", "tänään", "huomenna", "kaikki", "teidät", "sinuun", "kotiisi",
     "kotiin", "illalla", "ensi", "viikolla", "odotat", "odota", "vaan"}
)  # fmt: skip
# At most this many distinct disguised words are read per text, the first ones: a post has a
# few, and a flood of thousands (each read in up to eight spellings) would cost seconds.
MAX_DISGUISED = 256
MAX_CUES = 4 * MAX_DISGUISED  # matches of a cue read per text ("aaaaaa" is one word's two)
MEMO = 20_000  # words whose plain reading is remembered (then all forgotten)
# Per tuple of the caller's modules (`known_words`), each word's plain reading.
_MEMO: dict[tuple[ModuleType, ...], dict[str, tuple[str, tuple[FormInfo, ...]]]] = {}


_KNOWN: dict[tuple[ModuleType, ...], frozenset[str]] = {}


def known_words(vocabulary: Vocabulary, modules: tuple[ModuleType, ...] = ()) -> frozenset[str]:
    """The words the harm reading knows besides the vocabulary's forms: every word set of
    harm_grammar, harm_context, harm_menace, harm_senses and harm_veiled and of `modules`
    (the caller's own: harmful.py), the words of the vocabulary's phrases ("pommin verran",
    "skjuter fram"), DOUBLED and the stop words (data/wordlists/stopwords.txt); what a
    drawn-out spelling is read as first ("sooon" -> "soon", "veeerran" -> "verran"). Made
    once per tuple of modules."""
    found = _KNOWN.get(modules)
    if found is None:
        words: set[str] = set(load_words("stopwords")) | DOUBLED | vocabulary.phrase_words
        for module in (harm_grammar, harm_context, harm_menace, harm_senses, harm_veiled, *modules):
            for value in vars(module).values():
                if isinstance(value, frozenset):
                    words.update(w for w in value if isinstance(w, str) and w.isalpha())
        found = _KNOWN[modules] = frozenset(words)
    return found


def _leet_word(word: str) -> bool:
    """A token that may be a word in leetspeak: at least two letters, digits, no more digits
    than letters, and no number of two digits or more at its start or end ("d1g", "t4p4n",
    "y0u", "sh00t"; not "4g", "3d", "2026", "anna84", "fi52", "covid19", "12b")."""
    if word[-2:].isdigit() or word[:2].isdigit():
        return False
    digits = sum(char.isdigit() for char in word)
    letters = sum(char.isalpha() for char in word)
    return 0 < digits <= letters and letters >= 2


def plain_reading(
    word: str, vocabulary: Vocabulary, modules: tuple[ModuleType, ...] = ()
) -> tuple[str, tuple[FormInfo, ...]]:
    """The word a disguised token stands for and that word's harm-vocabulary analyses (all
    its drawn-out spellings' analyses together: "kuoleee" is read as "kuole" and "kuolee"):
    see the module docstring. `word` itself and no analyses when it is no disguise; a pure
    function of the word (and `modules`, see `known_words`), remembered for the most recent
    MEMO words."""
    memo = _MEMO.setdefault(modules, {})
    found = memo.get(word)
    if found is None:
        if len(memo) >= MEMO:
            memo.clear()
        found = memo[word] = _plain_reading(word, vocabulary, known_words(vocabulary, modules))
    return found


def _plain_reading(
    word: str, vocabulary: Vocabulary, known: frozenset[str]
) -> tuple[str, tuple[FormInfo, ...]]:
    spellings = unstretched(word)
    stretched = bool(spellings)
    leet = _leet_word(word)
    if not spellings:
        if not leet:
            return word, ()
        spellings = (word,)
    lookup = vocabulary.lookup
    chosen = next((each for each in spellings if _plain(each, leet) in DOUBLED), "") or next(
        (each for each in spellings if _plain(each, leet) in known), ""
    )
    readings: dict[FormInfo, None] = {}
    if chosen:  # a word of the grammar ("sooon" is "soon", not the target "son")
        readings.update(dict.fromkeys(lookup(chosen)))
    else:
        for spelling in spellings:
            found = lookup(spelling)
            if found:
                chosen = chosen or spelling
                readings.update(dict.fromkeys(found))
    if not chosen:
        if not stretched:
            return word, ()  # no word read through it ("covid19", "B2"): as written
        chosen = spellings[0]  # each run once: "tråååkades", "yyyhdessä"
    infos = tuple(readings)
    if stretched:
        infos = tuple(map(_drawn, infos))
    return _plain(chosen, leet), infos


def _plain(spelling: str, leet: bool) -> str:
    """A spelling with its digits read as letters when the word is in leetspeak."""
    return deleet(spelling) if leet else spelling


def _drawn(info: FormInfo) -> FormInfo:
    """A reading found in a drawn-out spelling, tagged +drawn: the spelling may stand for
    another word as well ("Tapaaamme" for "tapaamme", we meet, as well as "tapamme"), so a
    violent verb so read counts only with a target (harmful.py), as a spelt-out one does."""
    return FormInfo(info.category, info.language, info.lemma, info.tags + "+drawn")


def disguised(
    text: str,
    table: TokenTable,
    vocabulary: Vocabulary,
    digits: bool,
    modules: tuple[ModuleType, ...] = (),
) -> dict[str, tuple[str, tuple[FormInfo, ...]]]:
    """The disguised words among the tokens (`table`) of the normalised `text`, with what
    each stands for (`plain_reading`; `modules`: the caller's, whose word sets are known
    words too). The tokens where `STRETCH_CUE` or (`digits`: the text has digits at all)
    `LEET_CUE` matches are read, found by RE2 over the text: the usual text has none, and
    its words are not looked at. At most MAX_DISGUISED words, the first ones."""
    stretched = STRETCH_CUE.search(text) is not None
    leet = digits and LEET_CUE.search(text) is not None
    if not stretched and not leet:
        return {}
    starts, words = table.starts, table.words
    candidates: dict[str, None] = {}
    for cue, wanted in ((STRETCH_CUE, stretched), (LEET_CUE, leet)):
        if not wanted:
            continue
        for match in islice(cue.finditer(text), MAX_CUES):
            word = words[bisect_right(starts, match.start()) - 1]
            if word not in candidates and (cue is STRETCH_CUE or _leet_word(word)):
                candidates[word] = None
                if len(candidates) >= MAX_DISGUISED:
                    break
    found: dict[str, tuple[str, tuple[FormInfo, ...]]] = {}
    for word in candidates:
        plain, readings = plain_reading(word, vocabulary, modules)
        if plain != word or readings:
            found[word] = (plain, readings)
    return found
