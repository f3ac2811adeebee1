"""Matching word lists on tokens, with Finnish and Swedish inflection and compounds in mind.

A term is one or more space-separated token specs:
  `hetu`        the exact word
  `salasan*`    a stem with any ending (salasana, salasanan, salasanat)
  `*koodi*`     a part anywhere in a word (ovikoodi, hälytyskoodin)
  `*koodi`      a word ending in the part
  `vielä?`      an optional word inside a phrase ("ei vielä? julki*")
Matching walks the tokens once and looks terms up by their first three letters, so the cost is
linear in the text whatever the size of the list.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, count

from someluotsi.guideline.text.normalize import Token

MAX_MEMO_WORDS = 100_000  # words whose candidate terms a word list keeps, then forgotten
MAX_MEMO_PAIRS = 20_000  # pairs of words whose candidate terms a word list keeps (`find_in`)


@dataclass(frozen=True, slots=True)
class Spec:
    kind: str  # "exact", "prefix", "infix", "suffix"
    value: str
    optional: bool = False

    def matches(self, word: str) -> bool:
        if self.kind == "exact":
            return word == self.value
        if self.kind == "prefix":
            return word.startswith(self.value)
        if self.kind == "suffix":
            return word.endswith(self.value)
        return self.value in word


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    label: str
    specs: tuple[Spec, ...]


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    term: Term
    first: int  # token indexes, end exclusive
    last: int
    start: int  # offsets in the normalised text
    end: int


def _spec(raw: str) -> Spec:
    optional = raw.endswith("?")
    raw = raw.removesuffix("?")
    if raw.startswith("*") and raw.endswith("*") and len(raw) > 2:
        return Spec("infix", raw[1:-1], optional)
    if raw.startswith("*"):
        return Spec("suffix", raw[1:], optional)
    if raw.endswith("*"):
        return Spec("prefix", raw[:-1], optional)
    return Spec("exact", raw, optional)


# Apostrophes, hyphens and colons, which the tokenizer (patterns.TOKEN: letters and digits
# only) splits words at: "can't" is "can" "t", "self-harm" is "self" "harm", "kd:tä" is "kd"
# "tä". A term is read as the tokenizer reads the text: a term word written with a hyphen
# matches "self-harm" and "self harm" (before stop 38 such words were kept whole, and no
# token ever held one: "self-harm", "wifi-avain*", "a-kassa*" never matched).
_SPLITS = str.maketrans(
    {"'": " ", "\u2019": " ", "\u02bc": " ", "-": " ", "\u2010": " ", "\u2011": " ", ":": " "}
)
_TOKEN_WORD = re.compile(r"[^\W_]+")  # what a token is (patterns.TOKEN)


def parse_term(text: str, label: str) -> Term:
    """A term from its text: space-separated specs, an apostrophe, a hyphen or a colon read
    as a space as the tokenizer reads it ("can't do her job" matches the tokens can, t, do,
    her, job; "self-harm" the tokens self, harm). Raises ValueError for a term that starts
    with an optional word, holds an empty one, or a word with a character no token holds
    ("palaa!": it could never match)."""
    specs = tuple(_spec(part) for part in text.lower().translate(_SPLITS).split())
    if not specs or specs[0].optional:
        raise ValueError(f"term {text!r}: must start with a required word")
    for spec in specs:
        if not spec.value:
            raise ValueError(f"term {text!r}: empty word")
        if not _TOKEN_WORD.fullmatch(spec.value):
            raise ValueError(f"term {text!r}: {spec.value!r} holds a character no word has")
    return Term(text, label, specs)


Cue = str | tuple[str, ...]
"""A prefilter cue (checker/prefilter.py): a string that a text must hold, or a tuple of
strings that it must all hold (the most telling first)."""


def _cues(term: Term) -> tuple[str, ...]:
    """The strings a text holds wherever `term` matches: the values of its required words,
    each of which some token it matches contains, the most telling first. That is the
    longest, the last of equally long ones ("a key": "key", "on vartioimaton": "vartioimaton",
    "is missing": "missing"): the first word of a phrase is often a word of every text ("a",
    "on", "is"), and the prefilter looks for the first cue before it reads the others. A
    one-letter word ("a", "i") is left out of a phrase's cues (it is in nearly every text and
    tells nothing), as is a word inside another of its words. A word cut at an apostrophe is
    its part ("can't": "can", "t"), since the tokens "can" and "t" match "can t" and "can´t"
    as well."""
    values = [(len(spec.value), index, spec.value) for index, spec in enumerate(term.specs)
              if not spec.optional]  # fmt: skip
    values.sort(reverse=True)
    cues: list[str] = []
    for _length, _index, value in values:
        if cues and (len(value) < 2 or any(value in cue for cue in cues)):
            continue
        cues.append(value)
    return tuple(cues)


def _cue(term: Term) -> Cue:
    """`_cues` as the prefilter takes it: one string, or a tuple of several that a text must
    all hold ("hall key*": ("hall", "key"); "kd:tä": ("kd", "tä")). Stop 38 took the longest
    word alone, and "hall" (in every "kaupunginhallitus") ran the key detector on 82 % of
    the city posts; "tä" (of "kd:tä") the election detector on 65 %."""
    cues = _cues(term)
    return cues[0] if len(cues) == 1 else cues


class Lexicon:
    def __init__(self, terms: Iterable[tuple[str, str]]) -> None:
        heads: set[Cue] = set()
        self._exact: dict[str, list[Term]] = defaultdict(list)
        self._prefix: dict[str, list[Term]] = defaultdict(list)
        self._short_prefix: list[Term] = []
        self._other: list[Term] = []
        # The last three letters of the word endings (`*syöpä`) of three letters or more that
        # start terms: a word that ends so may start one. Such terms stay in `_other` (tried
        # in the list's order), but need no try on every word: only the terms matched inside
        # a word (`*koodi*`) and short stems and endings do (`_anywhere`).
        self._ends: set[str] = set()
        self._anywhere = False
        for text, label in terms:
            term = parse_term(text, label)
            head = term.specs[0]
            heads.add(_cue(term))
            if head.kind == "exact":
                self._exact[head.value].append(term)
            elif head.kind == "prefix" and len(head.value) >= 3:
                self._prefix[head.value[:3]].append(term)
            elif head.kind == "prefix":
                self._short_prefix.append(term)
                self._anywhere = True
            else:
                self._other.append(term)
                if head.kind == "suffix" and len(head.value) >= 3:
                    self._ends.add(head.value[-3:])
                else:
                    self._anywhere = True
        # Every match has a token containing each required word's value, so a text that
        # holds no cue (a string, or all strings of a tuple) has no match (the engine's
        # prefilter, checker/prefilter.py).
        self.cues: frozenset[Cue] = frozenset(heads)
        # word -> the terms whose first word it matches, in the order `find` tries them;
        # texts repeat their words, and the terms matched anywhere in a word (`*koodi*`)
        # were tried on every token. A hit is a dictionary lookup at C speed.
        self._heads = _TermMemo(self._match_heads)
        self._pairs: dict[tuple[str, str | None], tuple[Term, ...]] = {}  # see `find_in`
        # This list's number in the index of all lists' first words and stems (`_starts`)
        self._number = _register(self)

    def __setstate__(self, state: dict[str, object]) -> None:
        """An unpickled list (in this process or another) is registered under a number of
        its own: the pickled number meant another list, or nothing, here."""
        self.__dict__.update(state)
        self._number = _register(self)

    def _terms_at(self, word: str) -> tuple[Term, ...]:
        """The terms whose first word matches `word`: by the word, by its first three
        letters, then the ones tried on every word (memoised per word)."""
        return self._heads[word]

    def _match_heads(self, word: str) -> tuple[Term, ...]:
        candidates = (
            *self._exact.get(word, ()),
            *self._prefix.get(word[:3], ()),
            *self._short_prefix,
            *self._other,
        )
        return tuple(term for term in candidates if term.specs[0].matches(word))

    def _heads_of(self, distinct: Collection[str]) -> dict[str, tuple[Term, ...]]:
        """Of the distinct words, those that start some term, with the terms (in `_terms_at`'s
        order). A list with terms that match inside a word (`*koodi*`) tries every word, each
        remembered (`_heads`, looked up at C speed); another only the words that may start a
        term: a listed first word, a word whose first three letters are a listed stem's or
        whose last three a listed ending's (for a text's tuple of distinct words, looked up
        once for all lists: `_starts`; for other words, by a set operation at C speed when
        the list has no stems or endings)."""
        memo = self._heads
        if self._anywhere:
            every = list(map(memo.__getitem__, distinct))
            return dict(compress(zip(distinct, every, strict=True), every)) if any(every) else {}
        if type(distinct) is tuple:
            # A text's distinct words (a tuple kept with its tokens), asked of many lists:
            # the words that may start a term of each list are found for all lists in one
            # pass over the words (`_starts`), and this list reads its own.
            heads: dict[str, tuple[Term, ...]] = {}
            for word in _starts(distinct).get(self._number, ()):
                terms = memo[word]
                if terms:
                    heads[word] = terms
            return heads
        exact, prefix, ends = self._exact, self._prefix, self._ends
        if ends:
            heads = {}
            for word in distinct:
                if word in exact or word[:3] in prefix or word[-3:] in ends:
                    terms = memo[word]
                    if terms:
                        heads[word] = terms
            return heads
        if not prefix:
            words = list(exact.keys() & distinct)
            started = list(map(memo.__getitem__, words))
            return dict(compress(zip(words, started, strict=True), started))
        heads = {}
        for word in distinct:
            # The common case: two dictionary misses per word.
            if word in exact or word[:3] in prefix:
                terms = memo[word]
                if terms:
                    heads[word] = terms
        return heads

    def find(
        self, tokens: Sequence[Token], words: Sequence[str] | None = None
    ) -> list[LexiconMatch]:
        """All term occurrences; `words` may replace the token texts (e.g. de-leeted)."""
        texts = words if words is not None else [token.text for token in tokens]
        return self.find_in(texts, [t.start for t in tokens], [t.end for t in tokens])

    def find_in(
        self,
        words: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        distinct: Iterable[str] | None = None,
        *,
        limit: int | None = None,
    ) -> list[LexiconMatch]:
        """All term occurrences in tokens given as columns (normalize.TokenTable): their
        texts and their start and end offsets. `distinct`, the distinct words (any order),
        saves finding them. The terms that may start at a word are found once per distinct
        word; the tokens are walked only when some word starts a term. `limit`: stop after
        that many (the first ones, in the same order), for a caller that asks whether there
        is one."""
        heads = self._heads_of(dict.fromkeys(words) if distinct is None else tuple(distinct))
        found: list[LexiconMatch] = []
        if not heads:
            return found
        count = len(words)
        # (word, next word) -> the word's terms whose second word may be the next word: a
        # word that starts many phrases ("you") is then tried only with those that can go on.
        # A pure function of the pair, kept across texts (for the most recent pairs).
        by_pair = self._pairs
        for index in compress(range(count), map(heads.__contains__, words)):
            word = words[index]
            following = words[index + 1] if index + 1 < count else None
            candidates = by_pair.get((word, following))
            if candidates is None:
                if len(by_pair) >= MAX_MEMO_PAIRS:
                    by_pair.clear()
                candidates = by_pair[(word, following)] = tuple(
                    term for term in heads[word] if _may_follow(term, following)
                )
            for term in candidates:
                last = _match_rest(term.specs, words, index)
                if last is not None:
                    found.append(LexiconMatch(term, index, last, starts[index], ends[last - 1]))
                    if limit is not None and len(found) >= limit:
                        return found
        return found


# Every list's listed first words and stems of three letters or more, with the numbers of
# the lists that have them: word -> numbers, stem -> numbers. A list adds its own when it is
# made (`_register`); a collected list's numbers are taken out at the next registration or
# new word (`_purge`); a text's words are looked up here once for all lists (`_starts`).
#
# Threads: the index, the memo of words (`_WORD_STARTS`) and the remembered answers
# (`_recent_starts`) change only under `_LOCK`, and a registration clears both caches under
# it, so no answer made before a list was registered is kept after. An answer computed while
# another list was being registered serves the text it was computed for (the asking list
# was registered before) and is not kept (`_generation`). The garbage collector may run a
# finalizer in any thread, inside any of this: it only appends to `_dead`.
_FIRST_WORDS: dict[str, list[int]] = {}
_STEMS: dict[str, list[int]] = {}
_ENDS: dict[str, list[int]] = {}  # the last three letters of listed endings -> numbers
_numbers = count()
_LOCK = threading.Lock()
_generation = 0  # registrations so far
_dead: list[tuple[int, list[str], list[str], list[str]]] = []  # collected, not purged yet
# The last two tuples of distinct words `_starts` was asked for, and its answers; replaced
# whole (threads never see one text's tuple with another's answer), held so that the
# tuples' identities are not reused while they are here.
_recent_starts: tuple[tuple[tuple[str, ...], dict[int, list[str]]], ...] = ()


def _register(lexicon: Lexicon) -> int:
    """Add `lexicon`'s first words and stems to the shared index under a new number, taken
    out again after the list is collected; returns the number."""
    global _generation, _recent_starts
    words, stems = list(lexicon._exact), list(lexicon._prefix)
    ends = sorted(lexicon._ends)
    with _LOCK:
        _purge()
        number = next(_numbers)
        for key in words:
            _FIRST_WORDS.setdefault(key, []).append(number)
        for key in stems:
            _STEMS.setdefault(key, []).append(number)
        for key in ends:
            _ENDS.setdefault(key, []).append(number)
        _generation += 1
        _WORD_STARTS.clear()  # answers made before this list was in the index
        _recent_starts = ()
    # Not at exit: the index goes with the process. (`atexit` is a documented writable
    # property of finalize that typeshed's stub lacks.)
    finalizer = weakref.finalize(lexicon, _dead.append, (number, words, stems, ends))
    finalizer.atexit = False  # type: ignore[misc]
    return number


def _purge() -> None:
    """Take the collected lists' numbers out of the shared index (under `_LOCK`). A dead
    number left in the memo of words does no harm: no list asks for it again (numbers are
    never reused)."""
    while _dead:
        number, words, stems, ends = _dead.pop()
        for index, keys in ((_FIRST_WORDS, words), (_STEMS, stems), (_ENDS, ends)):
            for key in keys:
                numbers = index.get(key)
                if numbers is not None and number in numbers:
                    numbers.remove(number)
                    if not numbers:
                        del index[key]


class _WordStarts(dict[str, tuple[int, ...]]):
    """word -> the numbers of the lists one of whose terms the word may start (a listed
    first word, or under a listed stem), computed on first lookup and kept for the most
    recent MAX_MEMO_WORDS words (then all forgotten); most words start none: ()."""

    __slots__ = ()

    def __missing__(self, word: str) -> tuple[int, ...]:
        with _LOCK:  # the index as it is, and kept before any later registration clears
            if _dead:
                _purge()
            found = tuple(
                dict.fromkeys(
                    [
                        *_FIRST_WORDS.get(word, ()),
                        *_STEMS.get(word[:3], ()),
                        *_ENDS.get(word[-3:], ()),
                    ]
                )
            )
            if len(self) >= MAX_MEMO_WORDS:
                self.clear()
            self[word] = found
        return found


_WORD_STARTS = _WordStarts()


def _starts(distinct: tuple[str, ...]) -> dict[int, list[str]]:
    """For the words of `distinct`, per list number, the words that may start one of its
    terms (a listed first word, or a word under a listed stem of three letters or more: the
    words `_TermMemo` then tries), in order. Each word is looked up once for all lists, at
    C speed once met (`_WordStarts`), and the answer is remembered for the last two tuples
    asked for: the lists of a text ask in turn, about a dozen per check, and each paid two
    set operations over all of the text's words before."""
    global _recent_starts
    recent = _recent_starts
    for known, answer in recent:
        if known is distinct:
            return answer
    generation = _generation
    found: dict[int, list[str]] = {}
    starts = list(map(_WORD_STARTS.__getitem__, distinct))
    for word, numbers in compress(zip(distinct, starts, strict=True), starts):
        for number in numbers:
            words = found.get(number)
            if words is None:
                found[number] = [word]
            else:
                words.append(word)
    with _LOCK:
        if _generation == generation:  # no list registered meanwhile (module comment)
            _recent_starts = ((distinct, found), *_recent_starts[:1])
    return found


class _TermMemo(dict[str, tuple[Term, ...]]):
    """The terms a word may start (`compute(word)`), computed on first lookup and kept for
    the most recent MAX_MEMO_WORDS words (then all forgotten)."""

    __slots__ = ("compute",)

    def __init__(self, compute: Callable[[str], tuple[Term, ...]]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, word: str) -> tuple[Term, ...]:
        found = self.compute(word)
        if len(self) >= MAX_MEMO_WORDS:
            self.clear()
        self[word] = found
        return found


def _may_follow(term: Term, following: str | None) -> bool:
    """Whether `term` may go on with the word `following` its first one (None: the text
    ends there): what `_match_rest` asks of its second word."""
    if len(term.specs) < 2 or term.specs[1].optional:
        return True
    return following is not None and term.specs[1].matches(following)


def _match_rest(specs: tuple[Spec, ...], words: Sequence[str], index: int) -> int | None:
    position = index + 1
    for spec in specs[1:]:
        if position < len(words) and spec.matches(words[position]):
            position += 1
        elif not spec.optional:
            return None
    return position
