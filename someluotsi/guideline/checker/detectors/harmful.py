"""Threats, insults, obscenity and identity attacks (§2.5, §9.5, §10.6) by rules, in fi/sv/en.

Words are looked up in every inflected form (text/vocabulary.py, built from data/harm_src by
tools/build_wordforms.py), so "tappaisin", "skjutas", "shot", "idiootteja" and "vitun" are
found from their lemmas, each with tags for person, mood, tense and voice. Threats are a recall
net for a human: a violent verb counts when its construction threatens (harm_grammar.py: first
person, wishes, passive obligations, calls on others, consequences promised to the reader) and
someone or some place is its target; figurative uses (the heat kills, killing time, shooting a
goal, a film's plot, a recipe) are set aside by context words in the same sentence, and so are
a work's title ("Kill Bill on klassikkoleffa") and a food animal or pest as the verb's object
("Tapa hummeri", "kill the lobster"; harm_context.py). Words spelt out letter by letter ("t a p
a n") are joined, digits read as letters with or without their dots ("d0da", and the words
around them: "J4g d0d4r d1g"), letters drawn out read as the word they stand for ("Jag dööödar
diiig"; harm_spelling.py), lines of a word or a few broken without a mark read as one clause
("I\nwill\nkill\nyou"), and a weapon emoji with a person addressed and a time ("🔪🩸 sulle
huomenna") is a threat.

Insults and identity attacks read their context too (harm_context.py): a negated degrading word
("eivät ole loisia"), a sentence that rejects a prejudice or reports a naming, and a slur in
quotation marks are no attack; a reclaimed in-group word in a Pride context warns about word
choice (identity-004). A group told to leave ("Mamut pois", "Invandrarna ut", "Immigrants
out of our town") is attacked (identity-002). A negative adjective with a vulgar noun aimed at
a person ("senkin tyhmä lehmä", "din dumma ko", "you stupid cow") is an insult. Every match
says which word and why.

Everything here runs only on texts with vocabulary hits, and only reads a few tokens around each
hit: set lookups, no per-token regular expressions.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, repeat
from operator import attrgetter, methodcaller, ne, not_

from someluotsi.guideline.checker.detectors import (
    harm_context,
    harm_grammar,
    harm_menace,
    harm_senses,
    harm_spelling,
    harm_veiled,
)
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.names import TITLES, first_name, surname_base
from someluotsi.guideline.text.normalize import repeat_each
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.sentences import sentences
from someluotsi.guideline.text.vocabulary import MIN_MISSPELT, FormInfo, Vocabulary, vocabulary
from someluotsi.guideline.text.wordlists import load_names, load_words

# Verbs whose threat can be aimed at a place rather than a person (arson, bombs, shootings).
PLACE_VERBS = frozenset(
    {"polttaa", "sytyttää", "räjäyttää", "ampua", "pommittaa", "bränna", "spränga", "skjuta",
     "tända eld", "sätta eld", "burn", "blow up", "shoot", "bomb", "torch", "set fire"}
)  # fmt: skip
# Weapons that threaten a place on their own ("there is a bomb in the town hall").
EXPLOSIVES = frozenset(
    {"pommi", "räjähde", "polttopullo", "molotov", "bomb", "sprängämne", "molotovcocktail",
     "explosive"}
)  # fmt: skip
FIRST_PERSON = frozenset({"minä", "mä", "mää", "me", "jag", "vi", "i", "we", "ill", "im"})
# Who an insult is aimed at: a direct address or an exclamation about the person.
ADDRESS = {
    "fi": frozenset({"senkin", "sinä", "sä", "sää", "te", "olet", "oot", "ootte", "olette", "mikä",
                     "sinua", "sua", "teitä"}),
    "sv": frozenset({"du", "din", "ditt", "dina", "ni", "era", "vilken", "vilket", "dig"}),
    "en": frozenset({"you", "u", "ya", "youre", "what", "ur"}),
}  # fmt: skip
COPULA = frozenset(
    {"on", "ovat", "olet", "oot", "ootte", "olette", "oli", "olivat", "är", "var", "blev",
     "is", "are", "was", "were", "s", "re"}
)  # fmt: skip
# After a predicated adjective, words that end its statement: "tyhmiä ja laiskoja", "and lazy".
CLAUSE_GOES_ON = frozenset({"ja", "eikä", "sekä", "och", "samt", "and", "but", "mutta", "men"})
VERB_CATEGORIES = ("threat_verbs", "fate")
# Words that may follow an accusing noun that ends its predicate: another noun joined to it,
# "too" ("varas ja huijari", "a thief and a liar", "tjuv också").
ACCUSATION_GOES_ON = CLAUSE_GOES_ON | {"myös", "kanssa", "också", "too", "also"}
PREDICATE_REACH = 6  # tokens from a copula to the accusing noun it predicates ("is a ... thief")
# Word beginnings that make a sentence a report of a legal process, not an accusation:
# convictions, charges, suspicions, arrests and courts, in fi/sv/en.
ACCUSATION_REPORTS = (
    "tuomit", "tuomio", "epäil", "syyte", "syytet", "syyttäj", "pidätet", "vangit", "käräjä",
    "hovioikeu", "rikosilmoitu", "dömd", "döms", "dömde", "misstänk", "åtal", "anhållen",
    "anhölls", "häktad", "häkta", "tingsrätt", "hovrätt", "convict", "sentenc", "suspect",
    "charged", "arrested", "alleged", "accused",
)  # fmt: skip
# Innocent words that set a verb aside only as its object ("tappaa aikaa", "killing time"),
# not anywhere in the sentence ("I'll kill you if you come one more time").
# Objects that make a verb an idiom right after it ("tappaa aikaa", "lyödä lukkoon", "lyödä
# vetoa", "skjuter vi i gång"); objects of a message or of filming within three words after it
# ("shoot you an email", "shoot the promo video", "ammutaan uusi video"); what is switched off
# ("kill the lights", "kill the engine").
IDIOM_OBJECTS = frozenset(
    {"aikaa", "aika", "time", "tiden", "tid", "lukkoon", "vetoa", "rahoiksi", "i gång", "igång",
     "light", "lamp", "engine", "motor", "music", "power", "switch"}
)  # fmt: skip
MESSAGE_OBJECTS = frozenset(
    {"email", "mail", "message", "text", "line", "note", "dm", "sähköposti", "sähköpostia",
     "viesti", "viestin", "mejl", "meddelande", "sms",
     "video", "videon", "videota", "videoita", "videoklippi", "videoklipin", "mainos",
     "mainoksen", "mainosta", "kuvia", "kuvat", "videor", "videorna", "klipp", "klippet",
     "reklamfilm", "bilder", "bilderna", "foton", "fotona", "scenen", "footage", "clip",
     "scene", "photo", "picture", "pictures", "commercial", "promo", "trailer", "vlog", "reel",
     "documentary", "movie", "podcast"}
)  # fmt: skip
THREAT_PHRASES = ("threat_phrases", "intimidation")
# Words that open a threat without a violent word (knowing where, waiting for, a lesson).
VEILED_CUES = harm_grammar.KNOW | harm_veiled.CUES | {"kys"}
# Every category whose hits a threat starts from (a weapon emoji needs "targets" as well).
THREAT_CATEGORIES = frozenset({*THREAT_PHRASES, *VERB_CATEGORIES, "weapons"})
MASKED = compile_pattern(r"(?:^|[^\p{L}\p{N}])(\p{L}[\p{L}]*[*#@_][\p{L}*#@_]*\p{L}?)")
MASK_MARKS = "*#@_"  # one of them is in every masked word
# Characters (one each) that are never in a masked word: neither letters, digits nor masks.
_OUTSIDE_MASKED = r" \t\n\r,.;:!?()\[\]{}\"'/\\<>=+&%$€|~^`-"
_MASKABLE_RUN = re.compile(f"[^{_OUTSIDE_MASKED}]*")  # a run of characters a masked word may hold
# A mask right after a character that may be a letter (no ASCII character but a letter is):
# every masked word has one, its first mask after its first letters, so a text without one
# has no masked word (hashtags and "@" after a space are passed over at C speed). The mask
# comes first in the pattern, so the search skips to masks (twenty times faster than a
# pattern led by the letter, which nearly every character is).
_MASK_AFTER_LETTER = re.compile(r"[*#@_](?<=[^\x00-\x40\x5b-\x60\x7b-\x7f][*#@_])")
# A whole run of characters a masked word may hold (`_MASKABLE_RUN`, from its start: the
# character before is none of them) with a mask right after a possible letter of the run.
# Each run start is tried once: the lazy walk to the first such mask, or to the run's end, then
# the greedy rest; positions inside a run fail the look-behind at once, so it is linear.
_MASKED_RUN = re.compile(
    f"(?<![^{_OUTSIDE_MASKED}])[^{_OUTSIDE_MASKED}]*?"
    f"[^\\x00-\\x40\\x5b-\\x60\\x7b-\\x7f{_OUTSIDE_MASKED}][*#@_][^{_OUTSIDE_MASKED}]*"
)
# Words with a symbol for a letter that the masks above do not cover (§10.6): "$" and "!" with
# a letter after them ("a$$hole", "b!tch", "v!ttu"), a leading "@" for an "a" ("@sshole") and
# a leading "$" for an "s" ("$kitstövel").
# The word starts after no letter, digit, mark or dot, so an e-mail address's domain
# ("anna@kokkola.fi"), a price ("5$", "US$") and a word before an exclamation mark ("Hi!",
# "Hi!there" as a whole is no listed word) are not read as one.
SYMBOL_SWAPPED = compile_pattern(
    r"(?:^|[^\p{L}\p{N}@$!*#_.])((?:[@$]|\p{L}[\p{L}*#@_$!]*[$!])[\p{L}*#@_$!]*\p{L})"
)
SWAP_MARKS = "$!@"  # one of them is in every text with a symbol-swapped word
FIRST_NAMES = load_names()
MASKABLE = ("obscene", "insult", "identity")
# Words that turn a mention of a group into an attack on it, in the same sentence.
DEGRADING = ("dehumanising", "insult", "obscene")
COMPOUND_CATEGORIES = ("insult", "obscene")  # whose listed first parts make compounds
# Categories looked up in words spelt out letter by letter ("t a p a n", "i d i o o t t i").
SPACED_CATEGORIES = frozenset({"threat_verbs", "fate", "insult", "obscene", "identity"})
WEAPON_REACH = 3  # tokens from a weapon word within which a harmless context word is its own
# Weapon and blood emoji: a threat with a person addressed and a time ("🔪🩸 sulle huomenna").
WEAPON_EMOJI = ("🔪", "🗡", "🔫", "💣", "🪓", "🩸", "⚰")
# The weapon emoji that are read as the weapon words they picture, with a place (`_emoji_at`):
# a knife, a dagger, a gun, a bomb (an explosive, as "pommi" is) and an axe.
PLACE_EMOJI = ("🔪", "🗡", "🔫", "💣", "🪓")
EXPLOSIVE_EMOJI = frozenset({"💣"})
SENTENCE_END = frozenset(".!?\n")  # a mark between a word and an emoji that ends the sentence
WHEN = frozenset(
    {"huomenna", "tänään", "tänä", "illalla", "yöllä", "pian", "kohta", "ensi", "huomisaamuna",
     "imorgon", "ikväll", "inatt", "snart", "morgon", "kväll", "natt", "tomorrow", "tonight",
     "soon", "today", "next"}
)  # fmt: skip


@dataclass(slots=True)
class Hit:
    index: int  # token index; -1 for masked words
    start: int  # normalised offsets
    end: int
    info: FormInfo


_CATEGORY = attrgetter("info.category")


class TokenReadings:
    """The vocabulary readings of a text's tokens, flat: `indexes[k]` is the token of reading
    `infos[k]` (token order, then reading order), `categories[k]` its category; `starts` and
    `ends` the tokens' offsets. Hits are made of them per category, when one is asked for."""

    __slots__ = ("categories", "ends", "indexes", "infos", "starts")

    def __init__(
        self, indexes: list[int], infos: list[FormInfo], starts: list[int], ends: list[int]
    ) -> None:
        self.indexes, self.infos, self.starts, self.ends = indexes, infos, starts, ends
        self.categories: list[str] = list(map(_INFO_CATEGORY, infos))

    def hits(self, category: str) -> list[Hit]:
        """The hits of the readings of `category`, in order, made at C speed."""
        chosen = list(map(category.__eq__, self.categories))
        indexes = list(compress(self.indexes, chosen))
        return list(
            map(
                Hit,
                indexes,
                map(self.starts.__getitem__, indexes),
                map(self.ends.__getitem__, indexes),
                compress(self.infos, chosen),
            )
        )


_INFO_CATEGORY = attrgetter("category")


class HarmAnalysis:
    """Every harmful-vocabulary hit of one text, indexed once for all detectors.

    `hits` are the hits in order; or, with `tokens`, the tokens' readings come first, as
    hits made per category when a detector first asks for it (most texts have readings of a
    few common categories, places and people, that no detector asks for unless a violent
    word is there), and `hits` holds the others (spelt out, masked, phrases). `sentence_of`
    (each token's sentence) may be a function that gives it when first needed.

    What the detectors ask of a sentence (its words, whether it rejects a prejudice, which
    tokens are targets...) is computed once per sentence and kept, and what they ask of a hit
    once per hit: a flood of hits in one long sentence costs each hit a few lookups, not a
    walk over the sentence.
    """

    def __init__(
        self,
        hits: list[Hit],
        sentence_of: list[int] | Callable[[], list[int]],
        words: list[str],
        gaps: list[str],
        tokens: TokenReadings | None = None,
        distinct: frozenset[str] | None = None,
    ) -> None:
        self.words = words
        # The distinct words read (`words`), when they differ from the text's tokens (a word
        # drawn out or in leetspeak read as the word it stands for: harm_spelling.py).
        self.distinct_read = distinct
        self.gaps = gaps  # the normalised text before each token (since the previous one)
        self._sentence_of = sentence_of
        self._tokens = tokens
        self._others = hits
        self._all: list[Hit] | None = None if tokens is not None else hits
        self._other_categories = list(map(_CATEGORY, hits))
        # The categories with hits, and each one's hits once asked for (in hit order).
        self.categories = frozenset(self._other_categories).union(
            tokens.categories if tokens is not None else ()
        )
        self.by_category: dict[str, list[Hit]] = {}
        # Of each category, its hits by sentence (sentence -> hits, in hit order); made for a
        # category when a detector first asks for its hits in a sentence.
        self.by_sentence: dict[str, dict[int, list[Hit]]] = {}
        self.words_by_sentence: dict[int, set[str]] = {}  # filled as sentences are asked
        # Of each category, the analyses of each token (token index -> infos, in hit order);
        # made for a category when the negation of one of its hits is first asked.
        self.by_token: dict[str, dict[int, list[FormInfo]]] = {}
        # Per sentence (kind, sentence number) and per hit (id of the hit), filled as asked.
        self.per_sentence: dict[tuple[str, int], object] = {}
        self.per_hit: dict[int, bool] = {}
        self._clause_marked: list[bool] | None = None
        # The readings of a violent verb's analyses (`_verb_forms`), filled as asked.
        self.verb_forms: dict[tuple[FormInfo, ...], list[_VerbForm]] = {}

    @property
    def hits(self) -> list[Hit]:
        """Every hit, in order: the tokens' readings, then the others (the same objects as
        `of` gives; made on first use, which no detector needs)."""
        if self._all is None:
            tokens = self._tokens
            assert tokens is not None  # noqa: S101 - `_all` is set when there are none
            # Each category's token hits come first in its list, in the tokens' order.
            lists = {category: iter(self.of(category)) for category in self.categories}
            self._all = [next(lists[category]) for category in tokens.categories] + self._others
        return self._all

    @property
    def sentence_of(self) -> list[int]:
        """Each token's sentence number."""
        found = self._sentence_of
        if callable(found):
            found = self._sentence_of = found()
        return found

    @property
    def clause_marked(self) -> list[bool]:
        """harm_grammar.clause_marks of the gaps, made when a clause is first asked for."""
        if self._clause_marked is None:
            self._clause_marked = harm_grammar.clause_marks(self.gaps)
        return self._clause_marked

    def bounds(self, sentence: int) -> tuple[int, int]:
        """The sentence's first token and the token after its last (sentences are numbered in
        token order, so a binary search finds them; nothing is indexed for sentences that no
        detector asks about, which a flood of one-word sentences made costly)."""
        found = self.per_sentence.get(("bounds", sentence))
        if not isinstance(found, tuple):
            found = (
                bisect_left(self.sentence_of, sentence),
                bisect_right(self.sentence_of, sentence),
            )
            self.per_sentence[("bounds", sentence)] = found
        return found

    def in_sentence(self, sentence: int, category: str) -> list[Hit]:
        """The hits of `category` in the sentence (token hits, not masked words), in order."""
        found = self.by_sentence.get(category)
        if found is None:
            found = self.by_sentence[category] = {}
            for hit in self.of(category):
                if hit.index >= 0:
                    found.setdefault(self.sentence_of[hit.index], []).append(hit)
        return found.get(sentence, [])

    def of(self, category: str) -> list[Hit]:
        """The hits of `category`, in order (made on first use; the same list after)."""
        found = self.by_category.get(category)
        if found is None:
            if category not in self.categories:
                return []
            tokens = self._tokens
            found = self.by_category[category] = [
                *(tokens.hits(category) if tokens is not None else ()),
                *compress(self._others, map(category.__eq__, self._other_categories)),
            ]
        return found

    def sentence_words(self, sentence: int) -> set[str]:
        found = self.words_by_sentence.get(sentence)
        if found is None:
            found = self.words_by_sentence[sentence] = set(self.sentence_list(sentence))
        return found

    def sentence_list(self, sentence: int) -> list[str]:
        """The words of a sentence, in order (one list per sentence, kept: do not change)."""
        found = self.per_sentence.get(("list", sentence))
        if not isinstance(found, list):
            first, end = self.bounds(sentence)
            found = self.per_sentence[("list", sentence)] = self.words[first:end]
        return found

    def sentence_fact(self, kind: str, sentence: int, compute: Callable[[], bool]) -> bool:
        """`compute()`, a fact of the sentence named `kind`, computed once per sentence."""
        key = (kind, sentence)
        found = self.per_sentence.get(key)
        if not isinstance(found, bool):
            found = self.per_sentence[key] = compute()
        return found

    def counter_speech(self, sentence: int) -> bool:
        """The sentence rejects a prejudice or reports a naming (harm_context)."""

        def compute() -> bool:
            words = self.sentence_list(sentence)
            return harm_context.rejects(words) or harm_context.reports_naming(words)

        return self.sentence_fact("counter_speech", sentence, compute)

    def animal_sentence(self, sentence: int) -> bool:
        """The sentence speaks of a food animal or a pest (harm_context.animal_context)."""
        return self.sentence_fact(
            "animal",
            sentence,
            lambda: harm_context.animal_context(self.sentence_words(sentence)),
        )

    def media_sentence(self, sentence: int) -> bool:
        """The sentence speaks of a film, game, book, series or song."""
        return self.sentence_fact(
            "media", sentence, lambda: harm_context.media_context(self.sentence_list(sentence))
        )

    def targets_at(self, sentence: int) -> set[int]:
        """The token indexes of the sentence's target words."""
        found = self.per_sentence.get(("targets", sentence))
        if not isinstance(found, set):
            found = {h.index for h in self.in_sentence(sentence, "targets")}
            self.per_sentence[("targets", sentence)] = found
        return found

    def person_targets(self, sentence: int) -> list[Hit]:
        """The sentence's target hits that may be a person: not a possessive that owns a
        thing ("your coat", "din jacka", "sun takki": harm_context.possessed_thing)."""
        found = self.per_sentence.get(("person_targets", sentence))
        if not isinstance(found, list):
            _first, end = self.bounds(sentence)
            found = [
                hit
                for hit in self.in_sentence(sentence, "targets")
                if not harm_context.possessed_thing(self.words, hit.index, end)
            ]
            self.per_sentence[("person_targets", sentence)] = found
        return found

    def clause_start(self, index: int) -> int:
        first, _end = self.bounds(self.sentence_of[index])
        return harm_grammar.clause_start(self.clause_marked, index, first)

    def negated(self, hit: Hit) -> bool:
        """The hit's word is negated in its clause, in the sense of its language(s)."""
        if hit.index < 0 or "+phrase" in hit.info.tags or "+compound" in hit.info.tags:
            return False
        found = self.per_hit.get(id(hit))
        if found is None:
            start = self.clause_start(hit.index)
            infos = self._token_infos(hit.info.category).get(hit.index, [])
            languages = {info.language for info in infos}
            found = self.per_hit[id(hit)] = any(
                harm_grammar.negated(self.words, hit.index, start, language or "fi")
                for language in languages or {hit.info.language}
            )
        return found

    def _token_infos(self, category: str) -> dict[int, list[FormInfo]]:
        found = self.by_token.get(category)
        if found is None:
            found = self.by_token[category] = {}
            for hit in self.of(category):
                if hit.index >= 0:
                    found.setdefault(hit.index, []).append(hit.info)
        return found

    def first_attack(self, sentence: int) -> Hit | None:
        """The sentence's first degrading word that is not negated (DEGRADING's order)."""
        key = ("attack", sentence)
        if key not in self.per_sentence:
            self.per_sentence[key] = next(
                (
                    h
                    for category in DEGRADING
                    for h in self.in_sentence(sentence, category)
                    if not self.negated(h)
                ),
                None,
            )
        found = self.per_sentence[key]
        return found if isinstance(found, Hit) else None

    def predicated_after(self, sentence: int, index: int) -> Hit | None:
        """The sentence's first negative adjective (in hit order) after token `index` that is
        what its clause says of its subject (`_predicated`) and is not negated."""
        key = ("predicated", sentence)
        found = self.per_sentence.get(key)
        if not isinstance(found, _FirstAfter):
            found = _FirstAfter(
                [
                    h
                    for h in self.in_sentence(sentence, "negative_adjectives")
                    if _predicated(self, h.index) and not self.negated(h)
                ]
            )
            self.per_sentence[key] = found
        return found.after(index)

    def innocent(self, sentence: int) -> _Innocent:
        """The sentence's innocent words by kind (`_Innocent`), made once per sentence."""
        found = self.per_sentence.get(("innocent", sentence))
        if not isinstance(found, _Innocent):
            found = _Innocent(self.in_sentence(sentence, "innocent"), self.words)
            self.per_sentence[("innocent", sentence)] = found
        return found

    def innocent_weapon(self, sentence: int, index: int) -> bool:
        """A harmless context of the weapon word at token `index`: an innocent word said as
        the sentence's setting ("in the game", "pelissä", "i filmen"), or one within
        WEAPON_REACH tokens of the weapon, the weapon's own token included ("veitsellä",
        "cut the chicken with the knife", "kniven till kycklingen"), or the object of a
        violent verb of the sentence, within WEAPON_REACH tokens after it ("skär kycklingen
        i bitar med en vass kniv": the weapon is that verb's tool). The objects of a verb's
        idiom or message ("time", "aikaa", "tiden", "email") say nothing of a weapon: "I'll
        bring a gun for you, this is the last time" stays a threat."""
        found = self.innocent(sentence)
        if found.settings:
            return True
        near = found.general | found.phrases
        if any(abs(at - index) <= WEAPON_REACH for at in near):
            return True
        # The weapon as the tool of a verb whose object is harmless, however far the tool
        # comes after it: "Skär kycklingen i bitar med en vass kniv", "Leikkaa kana paloiksi
        # terävällä veitsellä" (the object within WEAPON_REACH tokens after the verb).
        verbs = {
            verb.index
            for category in VERB_CATEGORIES
            for verb in self.in_sentence(sentence, category)
        }
        return any(at - step in verbs for at in near for step in range(1, WEAPON_REACH + 1))

    def innocent_besides(
        self, sentence: int, index: int, direct: bool = False, own_end: int = 0
    ) -> bool:
        """A figurative or harmless context word in the sentence other than token `index`; the
        objects of idioms ("tappaa aikaa", "kill time") only right beside it: a message ("shoot you
        an email") within six words after it (`_message_after`), an idiom's object right after it or
        one word further with no target between. A phrase that the verb opens ("skjuta upp":
        postpone) counts as well. When the verb's object is a person (`direct`: "shoot you", "tapan
        sinut"), a general context word counts only as the verb's setting ("pelissä", "in the game",
        "i filmen"): "I will shoot you and film it" is a threat. A phrase's own words up to token
        `own_end` (exclusive) never set it aside ("du får sota för det": "sota" is also the Finnish
        "war")."""
        found = self.innocent(sentence)
        if index in found.phrases:
            return True
        general = found.settings if direct else found.general
        if own_end > index + 1 and general:
            general = {i for i in general if not index <= i < own_end}
        if len(general) > 1 or (general and index not in general):
            return True
        if _message_after(self, found, index):
            return True
        if index + 1 in found.idioms or index in found.idioms:
            # "tappaa aikaa", "slog ihjäl tiden"; the verb's own token when an invisible
            # character joined them ("kill\u200btime": its pieces share the token)
            return True
        return index + 2 in found.idioms and index + 1 not in self.targets_at(sentence)


# How far after a verb its message object is read as the verb's ("shoot the new mayor a
# quick email": six tokens), and the words between that end the verb's phrase ("I'll shoot
# the mayor and send an email": a second verb, the threat stays).
MESSAGE_REACH = 6
MESSAGE_BREAKS = frozenset(
    {"and", "then", "or", "but", "ja", "sitten", "sit", "tai", "mutta", "och", "sen", "sedan",
     "eller", "men", "så"}
)  # fmt: skip


def _message_after(analysis: HarmAnalysis, found: _Innocent, index: int) -> bool:
    """A message object (`found.messages`: "email", "mejl", "viesti") within MESSAGE_REACH
    tokens after the verb at `index`, with no break between (MESSAGE_BREAKS, or a comma or a
    stop in the text between): "shoot you an email", "We will shoot the mayor an email
    tomorrow"; not "I'll shoot the mayor and send an email". Set lookups only."""
    if not found.messages:
        return False
    words, gaps = analysis.words, analysis.gaps
    for at in range(index + 1, min(len(words), index + 1 + MESSAGE_REACH)):
        if any(mark in gaps[at] for mark in ",;:.!?") or words[at] in MESSAGE_BREAKS:
            return False
        if at in found.messages:
            return True
    return False


class _Innocent:
    """The innocent words of a sentence by token index: those that set a verb aside anywhere
    in the sentence, phrases, objects of a message and objects of an idiom. (The hunting
    vocabulary is no innocent word: `_hunting` reads it, for verbs aimed at nobody.)"""

    __slots__ = ("general", "idioms", "messages", "phrases", "settings")

    def __init__(self, hits: list[Hit], words: Sequence[str]) -> None:
        self.general: set[int] = set()
        self.phrases: set[int] = set()
        self.messages: set[int] = set()
        self.idioms: set[int] = set()
        self.settings: set[int] = set()  # the general ones said as a setting (`_setting`)
        for hit in hits:
            if hit.index + 1 < len(words) and words[hit.index + 1] in PHRASAL_PARTICLES:
                continue  # "if your inspector shows up again": a verb, no show
            if "+phrase" in hit.info.tags:
                self.phrases.add(hit.index)
            if hit.info.lemma in MESSAGE_OBJECTS:
                self.messages.add(hit.index)
            elif hit.info.lemma in IDIOM_OBJECTS:
                self.idioms.add(hit.index)
            else:
                self.general.add(hit.index)
                if _setting(words, hit.index):
                    self.settings.add(hit.index)


# Particles that make an innocent English noun a phrasal verb: "shows up" (comes), no show.
PHRASAL_PARTICLES = frozenset({"up"})
# Prepositions that make a context word the setting of what is said: "in the game", "i filmen".
SETTING_PREPOSITIONS = frozenset({"in", "on", "during", "inside", "i", "på", "under"})
# Finnish place cases that do the same: "pelissä", "elokuvassa", "konsolilla".
SETTING_ENDINGS = ("ssa", "ssä", "lla", "llä")


def _setting(words: Sequence[str], index: int) -> bool:
    """The context word at `index` is a setting: in a Finnish place case, or after a
    preposition of place (with an article or a possessive between at most)."""
    if words[index].endswith(SETTING_ENDINGS):
        return True
    return any(words[i] in SETTING_PREPOSITIONS for i in range(max(0, index - 2), index))


# A person as the verb's object right after it: "shoot you", "tapan sinut", "döda honom".
DIRECT_OBJECTS = frozenset(
    {"sinut", "sut", "teidät", "sinua", "sua", "teitä", "hänet", "häntä", "heidät", "dig",
     "dej", "er", "honom", "henne", "you", "u", "ya", "him", "her", "them"}
)  # fmt: skip


# A person's body part as a verb's object: "break your legs", "bryta dina ben", "his neck".
BODY_OWNERS = frozenset(
    {"your", "ur", "his", "her", "their", "din", "ditt", "dina", "hans", "hennes", "deras"}
)
BODY_PARTS = frozenset(
    {"leg", "legs", "arm", "arms", "neck", "face", "head", "nose", "jaw", "teeth", "skull",
     "knees", "kneecaps", "fingers", "hands", "ribs", "bones", "ben", "benen", "armar",
     "armarna", "nacke", "nacken", "ansikte", "ansiktet", "huvud", "huvudet", "näsa", "näsan",
     "käke", "käken", "tänder", "tänderna", "fingrar", "revben"}
)  # fmt: skip


def _direct_object(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> bool:
    """The verb at `index` is aimed at a person right after it: a second- or third-person
    object pronoun (DIRECT_OBJECTS), a first name written with a capital, or a person's body
    part ("break your legs": BODY_OWNERS then BODY_PARTS)."""
    after = index + 1
    words = analysis.words
    if after >= len(words) or analysis.sentence_of[after] != analysis.sentence_of[index]:
        return False
    if words[after] in {"jag", "vi"} and after + 1 < len(words):
        after += 1  # Swedish inversion: "så bryter jag dina ben"
    if words[after] in BODY_OWNERS:
        return after + 1 < len(words) and words[after + 1] in BODY_PARTS
    return words[after] in DIRECT_OBJECTS or (
        words[after] in FIRST_NAMES and _capitalised(ctx, after)
    )


class _FirstAfter:
    """Of a list of hits, the first (in list order) whose token comes after a given one, found
    by a binary search over the hits sorted by token with the earliest list position of each
    suffix."""

    __slots__ = ("earliest", "hits", "indexes")

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        order = sorted(range(len(hits)), key=lambda position: hits[position].index)
        self.indexes = [hits[position].index for position in order]
        self.earliest = list(order)
        for at in range(len(order) - 2, -1, -1):
            self.earliest[at] = min(self.earliest[at], self.earliest[at + 1])

    def after(self, index: int) -> Hit | None:
        at = bisect_right(self.indexes, index)
        return self.hits[self.earliest[at]] if at < len(self.indexes) else None


def analyse(ctx: CheckContext) -> HarmAnalysis:
    cached = ctx.text.cache.get("harm")
    if isinstance(cached, HarmAnalysis):
        return cached
    words = vocabulary()
    table = ctx.text.table
    starts, ends = table.starts, table.ends
    readings = _readings(ctx.text.word_vocabulary, words)
    listed = table.words
    # Words drawn out or in leetspeak ("kiiiill", "d1g") read as the words they stand for,
    # with their analyses when they had none of their own; offsets stay the tokens'.
    plain = harm_spelling.disguised(
        ctx.text.text, table, words, ctx.text.digit_count > 0, _THIS_MODULE
    )
    read_words = listed
    if plain:
        for word, (_plain, analyses) in plain.items():
            if analyses and word not in readings:
                readings[word] = analyses
        spelled = {word: found[0] for word, found in plain.items()}
        read_words = list(map(spelled.get, listed, listed))
    # One reading per analysis of each token that has some, in token order, made at C speed.
    read = list(compress(range(len(listed)), map(readings.__contains__, listed)))
    per_token = list(map(readings.__getitem__, map(listed.__getitem__, read)))
    tokens = TokenReadings(
        repeat_each(read, list(map(len, per_token))),
        list(chain.from_iterable(per_token)),
        starts,
        ends,
    )
    hits: list[Hit] = list(_spaced(ctx, words))
    spelt = [(hit.index, bisect_left(ends, hit.end)) for hit in hits]
    seams = ctx.text.seams()
    if seams:
        hits.extend(_invisibly_joined(ctx, words, seams, readings))
    text = ctx.text.text
    if _MASK_AFTER_LETTER.search(text):
        masked: dict[str, list[FormInfo]] = {}  # each masked word's first reading per category
        for start, end, word in masked_words(text):
            infos = masked.get(word)
            if infos is None:
                harmful = [i for i in words.unmask(word) if i.category in MASKABLE]
                infos = masked[word] = [
                    next(i for i in harmful if i.category == category)
                    for category in dict.fromkeys(i.category for i in harmful)
                ]
            if infos:
                hits.extend(Hit(-1, start, end, info) for info in infos)
    if any(mark in text for mark in SWAP_MARKS):
        hits.extend(_symbol_swapped(text, words))
    phrases = (
        words.phrases.find_in(read_words, starts, ends) if plain else ctx.text.find(words.phrases)
    )
    for phrase in phrases:
        info = FormInfo(phrase.term.label, "", phrase.term.text, "+phrase")
        hits.append(Hit(phrase.first, phrase.start, phrase.end, info))
    analysis = HarmAnalysis(
        hits,
        lambda: _joined_lines(
            ctx, _joined_sentences(sentences(ctx.text).of_token, spelt, table.gaps)
        ),
        list(read_words),
        table.gaps[:-1],
        tokens,
        distinct=frozenset(read_words) if plain else None,
    )
    ctx.text.cache["harm"] = analysis
    return analysis


# At most this many tokens joined by dropped characters are read piece by piece per text.
MAX_JOINED_TOKENS = 200
MAX_SEAMS = 8  # seams read per token: at most MAX_SEAMS**2 / 2 look-ups each


def _invisibly_joined(
    ctx: CheckContext,
    words: Vocabulary,
    seams: list[int],
    readings: dict[str, tuple[FormInfo, ...]],
) -> Iterator[Hit]:
    """Words joined by a character the normalisation drops (a zero-width space, a word
    joiner, a byte-order mark, a control character: "tapan\u200bsinut", "Senkin\x00idiootti"):
    a token without readings with such a seam inside is read as its pieces between the
    seams, and each piece's readings are hits of the token with the piece's offsets (so
    that the finding points at the piece in the original text). A token that is a word as
    a whole ("idi\u00adootti") is not split. At most MAX_JOINED_TOKENS tokens per text; one
    binary search per seam."""
    table = ctx.text.table
    starts, ends, listed = table.starts, table.ends, table.words
    inside: dict[int, list[int]] = {}
    for seam in seams:
        token = bisect_right(starts, seam) - 1
        if token < 0 or not starts[token] < seam < ends[token] or listed[token] in readings:
            continue
        if token not in inside and len(inside) >= MAX_JOINED_TOKENS:
            break
        inside.setdefault(token, []).append(seam)
    text = ctx.text.text
    for token, cuts in inside.items():
        yield from _pieces_of(token, [starts[token], *cuts[:MAX_SEAMS], ends[token]], text, words)


def _pieces_of(token: int, bounds: list[int], text: str, words: Vocabulary) -> list[Hit]:
    """The hits of a token cut at `bounds` (offsets, its start and end included): from each
    cut, the longest run of pieces that is a word ("t\u200bapan" is "tapan"); none unless
    every stretch it is read as is a listed word (a harm word or a target: "tapan" and
    "sinut") of three characters at least ("slut\u200bna" is no "slut" and "na",
    "las\u200bkusta" no "las" and "kusta")."""
    hits: list[Hit] = []
    at = 0
    while at < len(bounds) - 1:
        for stop in range(len(bounds) - 1, at, -1):
            found = words.lookup(text[bounds[at] : bounds[stop]])
            if found:
                break
        else:
            # A stretch that is no listed word: the seam is inside an ordinary word
            # ("las\u200bkusta" is "laskusta", not "las" and "kusta"), read as it is.
            return []
        if bounds[stop] - bounds[at] < MIN_PIECE:
            return []
        for info in found:
            tags = info.tags + "+joined"
            joined = FormInfo(info.category, info.language, info.lemma, tags)
            hits.append(Hit(token, bounds[at], bounds[stop], joined))
        at = stop
    return hits


def _joined_sentences(
    of_token: list[int], spelt: list[tuple[int, int]], gaps: list[str]
) -> list[int]:
    """Each token's sentence, with each spelt-out word (`spelt`: its first and last token)
    and the word after it in one sentence: the sentence splitter ends a sentence at every
    dot, which "T.a.p.a.n sut" and "i. d. i. o. t" put between their letters, and the verb's
    target would then be read as another sentence's. Sentences stay numbered in token order
    (a number may be skipped); linear in the tokens, and nothing is done without spelt-out
    words with dots."""
    if not spelt:
        return of_token
    ranges: list[tuple[int, int]] = []
    for first, last in spelt:
        if last + 1 < len(of_token) and not gaps[last + 1].strip(". "):
            last += 1  # "T.a.p.a.n. sut": the word after the run belongs to it
        if of_token[last] > of_token[first]:
            ranges.append((of_token[first], of_token[last]))
    if not ranges:
        return of_token
    root: dict[int, int] = {}
    covered = -1  # the highest sentence joined so far (the ranges come in token order)
    for low, high in sorted(ranges):
        top = root.get(low, low)
        for sentence in range(max(low + 1, covered + 1), high + 1):
            root[sentence] = top
        covered = max(covered, high)
    return [root.get(sentence, sentence) for sentence in of_token]


# This module, whose word sets (FIRST_PERSON, the time words...) a drawn-out word may be read
# as (harm_spelling.known_words: "sinuuut" -> "sinut").
_THIS_MODULE = (sys.modules[__name__],)


# The most words each of two lines may have for a line break between them, with no mark, to
# join them when the second starts in lower case ("Jag dödar\ndig imorgon", "I will kill\nyou
# tomorrow"): lines laid out a few words each. A longer line is read as a sentence of its own,
# as the sentence splitter reads it ("Ammu kuva\nsinä voit voittaa palkinnon").
MAX_BROKEN_LINE = 3


def _line_break_only(gap: str) -> bool:
    """A gap of one line break with white space, a comma or a dash at most: no mark that
    ends a sentence or opens a list (".!?:;"), no blank line between (a paragraph)."""
    return gap.count("\n") == 1 and not any(mark in gap for mark in ".!?:;")


def _joined_lines(ctx: CheckContext, of_token: list[int]) -> list[int]:
    """Each token's sentence, with a sentence broken at a bare line break read on into the
    next line where it goes on: a threat written a word or a few per line ("Jag\ndödar\ndig",
    "I\nwill\nkill\nyou", "Minä tapan\nsinut") is one clause. A line break with no mark but
    a comma (`_line_break_only`) joins the lines when both are one word each, or when both
    have at most MAX_BROKEN_LINE words and the second starts in lower case. A line that ends
    in a full stop or a colon, a paragraph, a longer line and a capitalised line of several
    words (a list of headings or real sentences, an event's lines) stay apart, as the
    splitter reads them.
    Sentences stay numbered in token order; linear in the tokens, and nothing is done for a
    text without such a line break (one search per distinct gap)."""
    if "\n" not in ctx.text.text:
        return of_token  # one line: the usual post's sentences, found at C speed
    table = ctx.text.table
    gaps = table.gaps
    broken = {gap for gap in dict.fromkeys(gaps[1:-1]) if "\n" in gap}
    bare = set(filter(_line_break_only, broken))
    if not bare:
        return of_token
    lines = [0, *compress(range(1, len(of_token)), map(broken.__contains__, gaps[1:-1]))]
    lines.append(len(of_token))
    cased = ctx.text.cased
    starts = table.starts
    joined: list[int] = []
    for at in range(1, len(lines) - 1):
        first, token, following = lines[at - 1], lines[at], lines[at + 1]
        if gaps[token] not in bare or of_token[token] == of_token[token - 1]:
            continue
        before, after = token - first, following - token
        lower = cased[starts[token] : starts[token] + 1].islower()
        if (before == 1 and after == 1) or (
            lower and before <= MAX_BROKEN_LINE and after <= MAX_BROKEN_LINE
        ):
            joined.append(token)
    if not joined:
        return of_token
    # Numbered again, one after another: the next sentence is the number after (a detector
    # that reads the sentence after a threat for its excuse finds it).
    begins = list(map(ne, of_token[1:], of_token[:-1]))  # begins[i - 1]: token i starts one
    for token in joined:
        begins[token - 1] = False
    return list(accumulate(begins, initial=0))


def _readings(
    found: dict[str, tuple[FormInfo, ...]], words: Vocabulary
) -> dict[str, tuple[FormInfo, ...]]:
    """The readings of each distinct word that has some: its analyses (`found`, each word
    looked up once per check for every detector), else its compound readings. Made at C
    speed: the words are sorted by whether they were found with `compress`, and the others'
    compound readings come from a memo by word (`Vocabulary.compound_memo`)."""
    analyses = list(found.values())
    readings = dict(compress(found.items(), analyses))
    if len(readings) < len(analyses):
        others = list(compress(found, map(not_, analyses)))
        compounds = list(
            map(words.compound_memo(COMPOUND_CATEGORIES, DEGRADING).__getitem__, others)
        )
        readings.update(compress(zip(others, compounds, strict=True), compounds))
    return readings


# A run of three or more one-character tokens with single spaces between them ("t a p a n");
# the runs of letters in it are what `_spaced` joins. Runs of one character class: no
# backtracking beyond a step.
_SINGLES = re.compile(r"(?<![^\W_])[^\W_]( )[^\W_](?: [^\W_])+(?![^\W_])")
# The same with a dot, hyphen, underscore or middle dot between the letters ("i.d.i.o.o.t.t.i",
# "k-u-o-l-e"), with a space after or around it at most ("i. d. i. o. t", "i - d - i - o - t"),
# one separator throughout, letters only (a dotted number is one token). The separator is at
# most three characters and the same throughout (group 1): each letter is one step, no
# backtracking beyond one.
_SEPARATED = re.compile(r"(?<![^\W_])[^\W\d_]( ?[.\-_\u00b7] ?)[^\W\d_](?:\1[^\W\d_])+(?![^\W_])")
_START = methodcaller("start")
_SEPARATED_PAIR = re.compile(r"[.\-_\u00b7] ?[^\W\d_] ?[.\-_\u00b7]")
# A run of spelt-out letters that is no word as a whole is read as words one after another
# ("v i t t u v i t t u"), each the longest known one of at least MIN_PIECE letters, for runs
# of at most MAX_SEGMENTED letters and at most SEGMENT_LOOKUPS look-ups per text.
MIN_PIECE = 3
MAX_PIECE = 24
MAX_SEGMENTED = 64
SEGMENT_LOOKUPS = 2_000
# At most this many runs of spelt-out letters are read per text, the first ones (a text of
# thousands is a flood, and reading each costs Python work; findings stop at 200 per rule).
MAX_SPELT_RUNS = 1_000
# Two one-character pieces after a space, which every match of `_SINGLES` has: a search led
# by a space skips at C speed to the spaces, where `_SINGLES` pays a look-behind at every
# character (a text of "a.a.a." or "a@a@a@" tokens passed `_three_singles` and cost that).
_SPACED_PAIR = re.compile(r" [^\W_] [^\W_]")


# The masked words of each run of text read (`masked_words`), for the most recent RUN_MEMO
# runs: texts repeat their e-mail addresses and masked swears.
RUN_MEMO = 10_000
_RUN_SPANS: dict[str, list[tuple[int, int, str]]] = {}


# A text with at least one mask after a possible letter per this many characters has its runs
# found in one pass (`_MASKED_RUN`); a sparser one from each such mask outwards.
DENSE_MASKS = 40


def masked_words(text: str) -> Iterator[tuple[int, int, str]]:
    """The masked words of `text` ("v*ttu", "p**ka"): MASKED's matches, as (start, end,
    word) of its group. A masked word holds no space or punctuation mark (other than a mask),
    and MASKED's leading character may be such a mark before it, as well as the text's start,
    so the matches are those in each run of text between such marks taken alone. Only the runs
    with a mask right after a possible letter (`_MASK_AFTER_LETTER`, which every masked word
    has) are read, and each distinct run is searched once (`_RUN_SPANS`: texts repeat their
    words, and RE2's matches cost microseconds each). The runs are found from each such mask
    outwards (the search skips to masks at C speed), or where they are dense (a flood of
    masked words or e-mail addresses) all in one pass of the standard library."""
    found = _RUN_SPANS
    for start, run in _masked_runs(text):
        spans = found.get(run)
        if spans is None:
            if len(found) >= RUN_MEMO:
                found.clear()
            spans = found[run] = [(m.start(1), m.end(1), m.group(1)) for m in MASKED.finditer(run)]
        for first, end, word in spans:
            yield start + first, start + end, word


def _symbol_swapped(text: str, words: Vocabulary) -> Iterator[Hit]:
    """Hits of the words of `text` (normalised) with "$" or "!" for a letter or a leading "@"
    or "$" for an "a" or an "s" (SYMBOL_SWAPPED: "a$$hole", "b!tch", "@sshole", "v!ttu",
    "$kitstövel"): read as masked words
    (`Vocabulary.unmask`: same length and first letter, each symbol any letter), the first
    reading of each category in MASKABLE, with token index -1 like other masked words."""
    for match in SYMBOL_SWAPPED.finditer(text):
        word = match.group(1)
        if len(word) > MAX_SWAPPED:
            continue
        if word[0] in LEADING_SYMBOLS:
            word = LEADING_SYMBOLS[word[0]] + word[1:]
        harmful = [i for i in words.unmask(word) if i.category in MASKABLE]
        for category in dict.fromkeys(i.category for i in harmful):
            info = next(i for i in harmful if i.category == category)
            yield Hit(-1, match.start(1), match.end(1), info)


MAX_SWAPPED = 40  # no listed word is longer (vocabulary.MAX_WORD)
LEADING_SYMBOLS = {"@": "a", "$": "s"}  # the letter a leading symbol stands for


def _masked_runs(text: str) -> Iterator[tuple[int, str]]:
    """The runs of `text` (`_MASKABLE_RUN`) with a mask right after a possible letter, in
    order, as (start offset, run)."""
    if len(_MASK_AFTER_LETTER.findall(text)) * DENSE_MASKS >= len(text):
        for run in _MASKED_RUN.finditer(text):
            yield run.start(), run.group()
        return
    backwards = ""
    run_end = 0
    for candidate in _MASK_AFTER_LETTER.finditer(text):
        letter = candidate.start() - 1
        if letter < run_end:
            continue  # in the run just read
        if not backwards:
            backwards = text[::-1]
        mirrored = len(text) - 1 - letter
        reach = _MASKABLE_RUN.match(backwards, mirrored)
        start = letter + 1 - (reach.end() - mirrored if reach else 0)
        ahead = _MASKABLE_RUN.match(text, letter + 1)
        run_end = ahead.end() if ahead else letter + 1
        yield start, text[start:run_end]


def _spaced(ctx: CheckContext, words: Vocabulary) -> Iterator[Hit]:
    """Words spelt out in single letters ("t a p a n sut", "i.d.i.o.o.t.t.i"): each run of
    three or more one-letter tokens with one separator throughout (a space, or a dot, hyphen,
    underscore or middle dot) is joined and looked up; a run that is no word as a whole is
    read as known words one after another (`_pieces`: "v i t t u v i t t u"). A hit is
    tagged +spaced (a spaced threat verb counts only with a target, so "t a p a" in a
    crossword's answer stays quiet). Linear in the text: the look-ups of the word-by-word
    reading are bounded per text (SEGMENT_LOOKUPS), and only the first MAX_SPELT_RUNS runs
    are read."""
    table = ctx.text.table
    text = ctx.text.text
    runs: list[re.Match[str]] = []
    by_space, separated = _SPACED_PAIR.search(text), _SEPARATED_PAIR.search(text)
    if (by_space or separated) and _three_singles(table.words):
        if by_space:
            runs.extend(_SINGLES.finditer(text))
        if separated:
            runs.extend(_SEPARATED.finditer(text))
    if by_space and separated:
        runs.sort(key=_START)
    budget = [SEGMENT_LOOKUPS]
    for run in runs[:MAX_SPELT_RUNS]:
        letters = run.group()[:: 1 + len(run.group(1))]  # one token each
        first = bisect_left(table.starts, run.start())
        glued = _glued(ctx, run, first + len(letters), words)
        for offset, end in _letter_runs(letters):
            if end - offset < 3:
                continue
            if glued is not None and end == len(letters):
                yield from glued  # "t.a.p.a.nsut": the last letter glued to the next word
                continue
            found = [(offset, end, info) for info in _spelt_readings(letters[offset:end], words)]
            if not found:
                found = _pieces(letters, offset, end, words, budget)
            for start, stop, info in found:
                index = first + start
                yield Hit(index, table.starts[index], table.ends[first + stop - 1], _spelt(info))


def _spelt(info: FormInfo) -> FormInfo:
    """A reading found in spelt-out letters, tagged +spaced."""
    return FormInfo(info.category, info.language, info.lemma, info.tags + "+spaced")


def _glued(
    ctx: CheckContext, run: re.Match[str], following: int, words: Vocabulary
) -> list[Hit] | None:
    """A spelt-out run whose last letter is glued to the word after it ("t.a.p.a.nsut",
    "k.i.l.lyou"): the token after the run (`following`) starts right after the run's
    separator, and the run's letters with its first character make a word of
    SPACED_CATEGORIES (after a run spelt with spaces, only when its letters alone make none:
    "d ö d a dig" is no "dödad"). Its hits: that word (from the run's first token to the glued
    character) and, where the rest is a target ("sut", "you"), the rest as a target. None
    when the run is not glued so or the joined word is unknown."""
    table = ctx.text.table
    separator = run.group(1)
    if (
        following >= len(table.words)
        or table.starts[following] != run.end() + len(separator)
        or table.gaps[following] != separator
    ):
        return None
    word = table.words[following]
    if len(word) < 3 or not word[:1].isalpha():
        return None
    letters = run.group()[:: 1 + len(separator)]
    if separator == " " and _spelt_readings(letters, words):
        return None  # "d ö d a dig": a space before every word, the run is a word alone
    letters += word[0]
    readings = _spelt_readings(letters, words)
    if not readings:
        return None
    first = following - len(letters) + 1
    start, joined_end = table.starts[first], table.starts[following] + 1
    hits = [Hit(first, start, joined_end, _spelt(info)) for info in readings]
    rest = [info for info in words.lookup(word[1:]) if info.category == "targets"]
    hits.extend(
        Hit(following, joined_end, table.ends[following], _spelt(info)) for info in rest[:1]
    )
    return hits


def _pieces(
    letters: str, offset: int, end: int, words: Vocabulary, budget: list[int]
) -> list[tuple[int, int, FormInfo]]:
    """`letters[offset:end]` read as known words one after another from its start: at each
    step the longest piece of MIN_PIECE–MAX_PIECE letters with a reading in SPACED_CATEGORIES;
    the reading stops where no piece fits. (start, end, reading) per piece, indexes into
    `letters`; none for runs over MAX_SEGMENTED letters or once `budget[0]` look-ups are
    spent (it is decremented)."""
    found: list[tuple[int, int, FormInfo]] = []
    if end - offset > MAX_SEGMENTED:
        return found
    at = offset
    while end - at >= MIN_PIECE:
        piece = None
        for stop in range(min(end, at + MAX_PIECE), at + MIN_PIECE - 1, -1):
            if budget[0] <= 0:
                return found
            budget[0] -= 1
            readings = _spelt_readings(letters[at:stop], words)
            if readings:
                piece = (at, stop, readings[0])
                break
        if piece is None:
            return found  # no piece starts here
        found.append(piece)
        at = piece[1]
    return found


def _spelt_readings(word: str, words: Vocabulary) -> list[FormInfo]:
    """The vocabulary's readings of a spelt-out `word` in SPACED_CATEGORIES."""
    return [info for info in words.lookup(word) if info.category in SPACED_CATEGORIES]


def _three_singles(words: Sequence[str]) -> bool:
    """Whether three one-character tokens follow each other, which every match of `_SINGLES`
    is (its characters are those of a token, `patterns.TOKEN`, and each stands alone): the
    pattern is then not run on texts without, found at C speed (three such tokens first)."""
    lengths = list(map(len, words))
    if lengths.count(1) < 3:
        return False
    return b"\x01\x01\x01" in bytes(map(min, lengths, repeat(2)))


def _letter_runs(characters: str) -> Iterator[tuple[int, int]]:
    """The runs of letters (`str.isalpha`) in `characters`, as (start, end) indexes."""
    if characters.isalpha():
        yield 0, len(characters)
        return
    index = 0
    while index < len(characters):
        if not characters[index].isalpha():
            index += 1
            continue
        end = index
        while end < len(characters) and characters[end].isalpha():
            end += 1
        yield index, end
        index = end


class ObsceneDetector:
    rules = ("obscene-001",)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        analysis = analyse(ctx)
        for hit in analysis.of("obscene"):
            if _titled_work(ctx, analysis, hit):
                continue  # "elokuva Perkele", «Saatanan tanssit»: the title of a work
            if _swedish_word(analysis, hit):
                continue  # "göra slut på allt": the Swedish "end"
            if _in_name(ctx, analysis, hit.index):
                continue  # "Dick Van Dyke", "Kustaa Vaasa": a name
            yield ctx.match(
                "obscene-001",
                hit.start,
                hit.end,
                confidence=0.9,
                reason="obscene_word",
                word=hit.info.lemma,
            )


class InsultDetector:
    rules = ("insult-001",)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        analysis = analyse(ctx)
        for hit in analysis.of("insult"):
            if analysis.negated(hit):  # "kukaan ei ole idiootti", "nobody is an idiot"
                continue
            if _negated_phrase(analysis, hit):  # "hon är inte dum i huvudet"
                continue
            if _of_a_region(analysis, hit):  # "jälkeenjäänyt alue": an old word for a region
                continue
            if _written_as_name(ctx, analysis, hit):
                continue  # "Urpo tuli kylään", "Pelle Svensson": a first name
            if _swedish_word(analysis, hit):
                continue  # "göra slut på allt", "kaffet tar slut": the Swedish "end"
            if reported(analysis, hit):
                continue  # "minua kutsuttiin idiootiksi", "he called me an idiot"
            if in_work_title(ctx, analysis, hit):
                continue  # "näytelmä Idiootit", 'the film "Stupid Bastards"': a work's title
            reason = "insult_compound" if hit.info.tags == "+compound" else "insult_word"
            yield ctx.match(
                "insult-001",
                hit.start,
                hit.end,
                confidence=0.85,
                reason=reason,
                word=hit.info.lemma,
            )
        yield from self._adjective_and_noun(ctx, analysis)
        yield from self._accusation(ctx, analysis)
        yield from self._misspelt(ctx, analysis)
        yield from self._silencing(ctx, analysis)

    @staticmethod
    def _silencing(ctx: CheckContext, analysis: HarmAnalysis) -> Iterator[Match]:
        """Telling the reader to shut up (data/harm_src/silencing.txt: "Turpa kiinni", "Håll
        käften", "Shut up and go away"): rude to the person written to, as a name is (§2.5,
        §9.5). Read as a command only where it ends its clause (punctuation or the end of
        the text follows) or goes on to the reader or to more orders (SILENCING_GOES_ON:
        "and", "now", "you", an insult: "Shut up, you idiot"); not as the English verb of
        closing ("the cabin was shut up for the winter", "shut up shop": SILENCING_CLOSING
        before it or a word after it), not in a report of an order ("she told him to shut
        up", "han sa åt mig att hålla käften": "to" or "att" before it) and not negated."""
        found = analysis.of("silencing")
        if not found:
            return
        words = analysis.words
        ends = ctx.text.table.ends
        count = len(words)
        insults = {hit.index for hit in analysis.of("insult")}
        for hit in found:
            if hit.index < 0:
                continue
            last = bisect_left(ends, hit.end)
            before = words[hit.index - 1] if hit.index > 0 else ""
            if before in SILENCING_REPORTED or before in SILENCING_CLOSING:
                continue
            following = last + 1
            if following < count and not (
                any(mark in analysis.gaps[following] for mark in ",;:!?.")
                or words[following] in SILENCING_GOES_ON
                or following in insults
            ):
                continue
            if _negated_phrase(analysis, hit) or in_work_title(ctx, analysis, hit):
                continue  # "Shut Up and Dance" as a song's title
            yield ctx.match(
                "insult-001",
                hit.start,
                hit.end,
                confidence=0.75,
                reason="silencing",
                word=hit.info.lemma,
            )

    @staticmethod
    def _misspelt(ctx: CheckContext, analysis: HarmAnalysis) -> Iterator[Match]:
        """An insult written with a slip (Vocabulary.misspelt: a letter doubled or undoubled,
        two letters swapped: "Olet idiotti", "Du är en idoit", "You are an idoit") where a
        name is called to the reader's face: right after a second-person copula or a direct
        address (`_called_to_face`), with only fillers between. Elsewhere a word one slip
        from an insult is left alone: the lists cannot tell it from an everyday word."""
        words = analysis.words
        if not ADDRESSED_COPULAS.intersection(ctx.text.table.distinct):
            return
        insults = {hit.index for hit in analysis.of("insult")}
        lookup = vocabulary().lookup
        count = len(words)
        copulas = (i for i, word in enumerate(words) if word in ADDRESSED_COPULAS)
        # The word after each copula (past its fillers), for at most MAX_FACE_PROBES copulas:
        # a text of a thousand "olet X" costs what a post of a few does.
        for copula in islice(copulas, MAX_FACE_PROBES):
            index = copula + 1
            while index < count and index - copula <= FACE_REACH and words[index] in NAME_FILLERS:
                index += 1
            if index >= count:
                continue
            word = words[index]
            if index in insults or len(word) < MIN_MISSPELT or lookup(word):
                continue
            if not _called_to_face(words, index, analysis.clause_start(index)):
                continue
            found = vocabulary().misspelt(word, "insult")
            if found:
                yield ctx.match(
                    "insult-001",
                    ctx.text.table.starts[index],
                    ctx.text.table.ends[index],
                    confidence=0.7,
                    reason="insult_word",
                    word=found[0].lemma,
                )

    @staticmethod
    def _accusation(ctx: CheckContext, analysis: HarmAnalysis) -> Iterator[Match]:
        """A person called a criminal or a sexual offender (data/harm_src/accusation.txt): the
        noun said of a person with a copula ("Kaupunginjohtaja on pedofiili", "Rektorn är en
        pedofil", "The mayor is a paedophile and a thief"; `_predicated_of_person`) or right
        after a direct address ("senkin varas", "din tjuv", "you crook"). An unproven
        accusation of a crime is an insult that may be defamation (§2.5, §9.5); a negated one
        ("rehtori ei ole varas"), a noun that modifies the next word ("a criminal lawyer",
        "Varas-elokuvan": only a conjunction or punctuation may follow it) and a sentence that
        reports a legal process (a conviction, a suspicion, an arrest: ACCUSATION_REPORTS) are
        not."""
        words = analysis.words
        for hit in analysis.of("accusation"):
            if hit.index < 0 or analysis.negated(hit):
                continue
            sentence = analysis.sentence_of[hit.index]
            if analysis.sentence_fact(
                "reports_legal_process",
                sentence,
                lambda: any(
                    word.startswith(ACCUSATION_REPORTS)
                    for word in analysis.sentence_words(sentence)  # noqa: B023
                ),
            ):
                continue  # "pedofiiliksi epäilty mies pidätettiin": a police bulletin
            _first, end = analysis.bounds(sentence)
            following = hit.index + 1
            if following < end and not (
                words[following] in ACCUSATION_GOES_ON
                or any(mark in analysis.gaps[following] for mark in ",;:!?.")
            ):
                continue  # a modifier, not the predicate: "criminal lawyer", "varas-pelin"
            address = ADDRESS.get(hit.info.language, frozenset())
            direct = hit.index > 0 and words[hit.index - 1] in address
            if (
                direct
                or _predicated_of_person(ctx, analysis, hit.index, sentence)
                or _asked_of_person(ctx, analysis, hit.index, sentence)
            ):
                yield ctx.match(
                    "insult-001",
                    hit.start,
                    hit.end,
                    confidence=0.8,
                    reason="accusation",
                    word=hit.info.lemma,
                )

    @staticmethod
    def _adjective_and_noun(ctx: CheckContext, analysis: HarmAnalysis) -> Iterator[Match]:
        """A vulgar noun aimed at a person: with a negative adjective just before it in a
        sentence that addresses someone, or right after a direct address ("ditt as")."""
        words = analysis.words
        # Negative adjectives, and swearing used as one ("senkin saatanan pelle").
        adjectives = {hit.index for hit in analysis.of("negative_adjectives")} | {
            hit.index for hit in analysis.of("obscene") if hit.index >= 0
        }
        for hit in analysis.of("vulgar_nouns"):
            if hit.index < 0 or analysis.negated(hit):
                continue
            start = analysis.clause_start(hit.index)
            adjective = next(
                (i for i in range(max(start, hit.index - 3), hit.index) if i in adjectives), None
            )
            address = ADDRESS.get(hit.info.language, frozenset())
            sentence = analysis.sentence_of[hit.index]
            same = analysis.sentence_words(sentence)
            # Aimed at a person: addressed ("senkin", "you"), or said of someone with a copula
            # ("the mayor is a fat pig"); a fat pig on a farm visit is no insult.
            aimed = bool(address & same) or bool(
                COPULA & same
                and (
                    analysis.in_sentence(sentence, "targets")
                    or _named_person(ctx, analysis, sentence)
                )
            )
            lead = adjective if adjective is not None else hit.index
            direct = lead > 0 and words[lead - 1] in address
            if (adjective is not None and aimed) or direct:
                first = ctx.text.table.starts[lead]
                yield ctx.match(
                    "insult-001",
                    first,
                    hit.end,
                    confidence=0.8,
                    reason="insult_construction",
                    word=hit.info.lemma,
                )


# After a command to shut up, the words that keep it one: more orders and the reader
# addressed ("Turpa kiinni ja häivy", "Håll käften nu", "Shut up and go", "shut up you
# clown").
SILENCING_GOES_ON = frozenset(
    {"ja", "nyt", "jo", "sinä", "sä", "te", "senkin", "ihan", "vaan", "siellä", "och", "nu",
     "redan", "där",
     "du", "ni", "din", "era", "ditt", "då", "and", "now", "already", "you", "u", "ya", "ok",
     "okay", "please", "idiot", "moron", "clown", "pelle", "loser", "fool", "dummy"}
)  # fmt: skip
# Before it, a report of the order ("told him to shut up", "sa åt mig att hålla käften").
SILENCING_REPORTED = frozenset({"to", "att", "käski", "käskee", "käskivät"})
# Before it, the English verb of closing ("was shut up", "kept shut up", "stayed shut up").
SILENCING_CLOSING = frozenset(
    {"was", "were", "is", "are", "been", "be", "being", "get", "got", "gets", "kept", "keep",
     "keeps", "stay", "stays", "stayed", "remain", "remains", "remained", "had", "has", "have"}
)  # fmt: skip


# English insults that are everyday Swedish words, with the Swedish words around them that
# make the Swedish reading: "slut" (end) in "göra slut på", "ta slut", "det är slut", "till
# slut".
SWEDISH_HOMOGRAPHS = {
    "slut": (
        frozenset(
            {"göra", "gör", "gjorde", "gjort", "ta", "tar", "tog", "tagit", "tagits", "är",
             "var", "blev", "blir", "bli", "vara", "varit", "till", "helt", "alldeles",
             "nästan", "snart", "sedan", "sen"}
        ),
        frozenset({"på", "med", "för", "i", "nu"}),
    )
}  # fmt: skip


# Words after which a noun is a name called to the reader's face: a second-person copula or a
# direct address, in fi/sv/en (the sv and en copula with its pronoun before it).
ADDRESSED_COPULAS = frozenset(
    {"olet", "oot", "olette", "ootte", "senkin", "din", "ditt", "era", "är", "are", "re",
     "youre", "ur"}
)  # fmt: skip
PRONOUN_BEFORE = {"är": frozenset({"du", "ni"}), "are": frozenset({"you", "u", "ya"}),
                  "re": frozenset({"you", "u", "ya"})}  # fmt: skip
# Articles and intensifiers that may stand between the copula and the name.
NAME_FILLERS = frozenset(
    {"en", "ett", "a", "an", "such", "so", "total", "complete", "real", "fucking", "täysi",
     "täys", "ihan", "aivan", "todellinen", "riktig", "jävla", "helvetin", "vitun", "saatanan",
     "perkeleen", "kunnon", "riktiga", "totala", "täysiä", "utter"}
)  # fmt: skip
FACE_REACH = 3  # tokens between the copula and the name
MAX_FACE_PROBES = 64  # copulas per text whose next word is read for a misspelt insult


def _called_to_face(words: Sequence[str], index: int, start: int) -> bool:
    """Whether token `index` is the name called in "olet X", "senkin X", "du är en X", "din
    X", "you are an X", "you're a total X": an ADDRESSED_COPULAS word before it in its clause
    (the sv/en copula right after its pronoun), with at most FACE_REACH NAME_FILLERS between."""
    at = index - 1
    while at >= start and index - at <= FACE_REACH and words[at] in NAME_FILLERS:
        at -= 1
    if at < start or words[at] not in ADDRESSED_COPULAS:
        return False
    pronouns = PRONOUN_BEFORE.get(words[at])
    return pronouns is None or (at > start and words[at - 1] in pronouns)


def _swedish_word(analysis: HarmAnalysis, hit: Hit) -> bool:
    """Is the English insult of `hit` an everyday Swedish word here (SWEDISH_HOMOGRAPHS): a
    Swedish word of its phrases right before it or right after it in its sentence ("Vi ska
    göra slut på allt skräp", "Kaffet tar slut", "till slut"); "Du är en slut", "you slut"
    stay insults."""
    if hit.index < 0 or hit.info.language != "en":
        return False
    word = analysis.words[hit.index]
    phrases = SWEDISH_HOMOGRAPHS.get(word)
    if phrases is None:
        return False
    before, after = phrases
    first, end = analysis.bounds(analysis.sentence_of[hit.index])
    words = analysis.words
    return (hit.index > first and words[hit.index - 1] in before) or (
        hit.index + 1 < end and words[hit.index + 1] in after
    )


def reported(analysis: HarmAnalysis, hit: Hit) -> bool:
    """The insult of `hit` is a name that a reported act of name-calling gave
    (harm_grammar.reported_name_calling): "Minua kutsuttiin idiootiksi", "Han kallade mig
    idiot", "I was called an idiot"."""
    if hit.index < 0:
        return False
    return harm_grammar.reported_name_calling(
        analysis.words, hit.index, analysis.clause_start(hit.index)
    )


def _negated_phrase(analysis: HarmAnalysis, hit: Hit) -> bool:
    """An idiom of the vocabulary (a phrase hit: "dum i huvudet", "dumb as a rock") negated in
    its clause in any of the three languages (harm_grammar.negated: "hon är inte dum i
    huvudet", "he is not dumb as a rock")."""
    if hit.index < 0 or "+phrase" not in hit.info.tags:
        return False
    start = analysis.clause_start(hit.index)
    return any(
        harm_grammar.negated(analysis.words, hit.index, start, language)
        for language in ("fi", "sv", "en")
    )


def _of_a_region(analysis: HarmAnalysis, hit: Hit) -> bool:
    """An insult that is also an old word for a backward region or economy
    (harm_context.REGION_SENSE: "jälkeenjäänyt", "efterbliven") said of a place or an
    economy right after it ("jälkeenjääneet alueet", "ett efterblivet land")."""
    if hit.index < 0 or hit.info.lemma not in harm_context.REGION_SENSE:
        return False
    after = hit.index + 1
    words = analysis.words
    return (
        after < len(words)
        and analysis.sentence_of[after] == analysis.sentence_of[hit.index]
        and harm_context.region(words[after])
    )


class IdentityAttackDetector:
    rules = ("identity-001", "identity-002", "identity-004")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        analysis = analyse(ctx)
        reclaimable = {hit.index for hit in analysis.of("reclaimable")}
        pride = harm_context.pride_context(ctx.text.table.distinct)
        for hit in analysis.of("identity"):
            if _in_name(ctx, analysis, hit.index):
                continue  # "Dick Van Dyke": a surname
            sentence = analysis.sentence_of[hit.index] if hit.index >= 0 else -1
            degrading = sentence >= 0 and any(
                h.index != hit.index
                for category in DEGRADING
                for h in analysis.in_sentence(sentence, category)
            )
            if hit.index in reclaimable and pride and not degrading:
                reason = "reclaimed_word"
            elif harm_context.quoted(ctx.text.text, hit.start, hit.end) or (
                sentence >= 0 and analysis.counter_speech(sentence)
            ):
                reason = "quoted_word"
            else:
                reason = ""
            yield ctx.match(
                "identity-004" if reason else "identity-001",
                hit.start,
                hit.end,
                confidence=0.6 if reason else 0.9,
                reason=reason or "slur",
                word=hit.info.lemma,
            )
        for hit in analysis.of("groups"):
            sentence = analysis.sentence_of[hit.index]
            if analysis.counter_speech(sentence):
                continue  # counter-speech: "it is wrong to say...", "stop calling..."
            # The attack: a degrading word (not negated) in the sentence, else a negative
            # adjective predicated of the group after it ("gays are disgusting"), else the
            # group told to leave ("Mamut pois").
            other = (
                analysis.first_attack(sentence)
                or analysis.predicated_after(sentence, hit.index)
                or _exclusion(ctx, analysis, hit.index)
                or _removal(ctx, analysis, hit.index)
                or _criminal_habit(ctx, analysis, hit.index)
            )
            if other is not None and harm_veiled.reported_removal(
                other.info.lemma, analysis.sentence_words(sentence)
            ):
                continue  # "the minister says asylum seekers must be deported": news
            if other is not None:
                yield ctx.match(
                    "identity-002",
                    min(hit.start, other.start),
                    max(hit.end, other.end),
                    confidence=0.8,
                    reason="group_attack",
                    group=hit.info.lemma,
                    word=other.info.lemma,
                )


class ThreatDetector:
    rules = ("threat-001", "threat-002", "threat-003", "threat-004")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        analysis = analyse(ctx)
        distinct = analysis.distinct_read or ctx.text.table.distinct
        cued = not VEILED_CUES.isdisjoint(distinct)
        menaced = not harm_menace.CUES.isdisjoint(distinct)
        if (
            analysis.categories.isdisjoint(THREAT_CATEGORIES)
            and not cued
            and not menaced
            and "targets" not in analysis.categories
            and "places" not in analysis.categories
        ):
            return  # the common case: nothing below can match (a weapon emoji needs a target)
        for category in THREAT_PHRASES:
            for hit in analysis.of(category):
                sentence = analysis.sentence_of[hit.index]
                own_end = bisect_left(ctx.text.table.starts, hit.end, lo=hit.index)
                if analysis.innocent_besides(sentence, hit.index, own_end=own_end):
                    continue  # "slog ihjäl tiden": killing time
                if _death_intensifier(analysis, hit, sentence):
                    continue  # "nauroimme kuoliaaksi", "I laughed myself to death"
                if _phrase_not_stalking(ctx, analysis, hit, sentence):
                    continue  # "I know where you live matters"
                if _anticipation(ctx, analysis, hit, sentence):
                    continue  # "Odota vaan kun näet uuden puiston!"
                if _missed_event(ctx, analysis, hit, sentence):
                    continue  # "You'll regret missing the concert"
                if _safety_advice(analysis, hit, sentence):
                    continue  # "Se dig över axeln innan du byter körfält"
                yield ctx.match(
                    "threat-003",
                    hit.start,
                    hit.end,
                    confidence=0.9,
                    reason="intimidation",
                    phrase=hit.info.lemma,
                )
        if cued:
            yield from _veiled(ctx, analysis)
        if menaced or "targets" in analysis.categories:
            yield from _menace(ctx, analysis, menaced)
        verbs: dict[int, list[Hit]] = {}
        for category in VERB_CATEGORIES:
            for hit in analysis.of(category):
                if hit.index >= 0:
                    verbs.setdefault(hit.index, []).append(hit)
        for index, hits in verbs.items():
            sentence = analysis.sentence_of[index]
            # Context words set the verb aside; the verb's own form ("shot") does not count.
            direct = _direct_object(ctx, analysis, index)
            if _in_title(ctx, analysis, index):
                continue
            if analysis.innocent_besides(sentence, index, direct):
                # An innocent word elsewhere in the sentence ("after the game", "bändi
                # soittaa tänään") does not excuse a first-person threat aimed at an official
                # or another person named by a noun after the verb ("I will shoot the
                # mayor"); a setting ("in the game", "pelissä") and the verb's own idioms do.
                if direct or not _named_target_after(analysis, index, sentence):
                    continue
                yield from self._verb(ctx, analysis, hits, sentence, excused=True)
                continue
            yield from self._verb(ctx, analysis, hits, sentence)
        yield from _weapon_emoji(ctx, analysis)
        for hit in analysis.of("weapons"):
            sentence = analysis.sentence_of[hit.index]
            same = analysis.sentence_words(sentence)
            places = bool(analysis.in_sentence(sentence, "places"))
            violent = analysis.sentence_fact(
                "violent_verb",
                sentence,
                lambda: _violent_verb(analysis, sentence),  # noqa: B023
            )
            armed = (
                violent
                or analysis.person_targets(sentence)
                or (
                    places
                    and (
                        FIRST_PERSON & same
                        or hit.info.lemma in EXPLOSIVES
                        or _coming_to(analysis, sentence)
                    )
                )
            )
            if not armed or (
                analysis.innocent_weapon(sentence, hit.index)
                and not _person_object(analysis, sentence, hit.index)
            ):
                continue
            if not analysis.sentence_fact(
                "weapon_context",
                sentence,
                lambda: _weapon_context(analysis, sentence),  # noqa: B023
            ):
                yield ctx.match(
                    "threat-002",
                    hit.start,
                    hit.end,
                    confidence=0.85,
                    reason="weapon",
                    word=hit.info.lemma,
                )

    @staticmethod
    def _verb(
        ctx: CheckContext,
        analysis: HarmAnalysis,
        hits: Sequence[Hit],
        sentence: int,
        excused: bool = False,
    ) -> Iterator[Match]:
        """The findings of the violent verb at `hits` (one token's readings) in `sentence`.
        `excused`: an innocent word of the sentence would set the verb aside, and only a
        threatening reading with a target still counts (threat-001), nothing weaker."""
        words = analysis.words
        _first, end = analysis.bounds(sentence)
        hit = hits[0]
        index = hit.index
        if harm_context.noun_homograph(words, index, end) and all(
            h.info.language == "fi" for h in hits
        ):
            return  # "Tapamme mukaan": our custom, not "we kill"
        if harm_context.adjective_homograph(words, index, end) and all(
            h.info.language == "sv" for h in hits
        ):
            return  # "döda vinkeln": the blind spot, not "kill the angle"
        # Readings whose particle is there ("slå ... ihjäl", "run ... over"); a reading that
        # needs a particle wins over the plain verb when its particle is present.
        usable: list[tuple[FormInfo, int]] = []
        for candidate in hits:
            info = candidate.info
            present, last = harm_grammar.has_particle(words, index, end, info.tags)
            if present:
                usable.append((info, last))
        if not usable:
            return
        with_particle = [(info, last) for info, last in usable if "+prt=" in info.tags]
        chosen = with_particle or usable
        infos = [info for info, _last in chosen]
        last = max(last for _info, last in chosen)
        if "+spaced" in hit.info.tags:  # its last letter: "k.i.l.l yourself"
            last = max(last, bisect_left(ctx.text.table.ends, hit.end))
        start = analysis.clause_start(index)
        alone = last == index and (
            index + 1 >= end or any(mark in analysis.gaps[index + 1] for mark in ",;:!")
        )
        # A form shared by languages is read in the text's; when the text did not tell its
        # language (a few words), in each of them, and the first threatening reading counts.
        for form in _verb_forms(ctx, analysis, infos):
            language, _infos, tags, lethal, place_verb = form
            reading = harm_grammar.read_verb(
                words, index, start, end, language, tags, lethal, place_verb, alone
            )
            if reading.threatening:
                break
        infos = form[1]  # the analyses in the language read last
        lemma = infos[0].lemma
        if (
            lemma in SHOOTING
            and language == "fi"
            and reading.threatening
            and not reading.strong
            and ("+1sg" in tags or "+1pl" in tags)
            and harm_context.finnish_person_object(
                words, index, start, end, lambda at: _name_word(ctx, at)
            )
            is not None
        ):
            # "Ammun naapurin", "ammumme Mikon": the speaker shoots a person, as "Jag
            # skjuter grannen" does ("ampua" is otherwise read as a verb of places too).
            reading = harm_grammar.Reading(True, strong=True)
        if _compares(analysis, hits, sentence):
            return  # "hinta hakkaa kaikki muut", "appen slår konkurrenterna": a comparison
        if harm_context.dismissal(words, index, end, lemma, [info.tags for info in infos]):
            return  # "rektorn ska sparkas", "potkia virasta": dismissed from a post
        if _harmless_sense(ctx, analysis, index, last, end, lemma, language):
            return  # "blow up balloons", "execute the plan", "your flu shot", "Robert Burns"
        if excused and not (
            reading.threatening and _speakers_verb(words, index, start, end, language, tags)
        ):
            return
        if lethal and _self_harm(words, index, start, last, end, language, reading):
            yield ctx.match(
                "threat-001",
                hit.start,
                ctx.text.table.ends[last] if last != index else hit.end,
                confidence=0.85,
                reason="self_harm",
                word=lemma,
            )
            return
        if reading.wish and (
            _named_person(ctx, analysis, sentence)
            or _wished_target(analysis, index, start, sentence)
        ):
            reading = harm_grammar.Reading(True)  # "Anna Bergin pitäisi kuolla"
        target = bool(
            reading.aimed
            or analysis.person_targets(sentence)
            or analysis.in_sentence(sentence, "groups")
            or (place_verb and analysis.in_sentence(sentence, "places"))
            or _named_person(ctx, analysis, sentence)
        )
        if reading.figurative and (language != "fi" or not target):
            return
        if reading.suggested and not target:
            return  # "why not burn the old leaves": a suggestion aimed at nobody
        if ("+spaced" in hit.info.tags or "+drawn" in hit.info.tags) and not target:
            return  # "t a p a" as a crossword's answer; "Tapaaamme": we meet, drawn out
        if _animal_object(analysis, index, end) or (
            not target and analysis.animal_sentence(sentence)
        ):
            return  # "Tapa hummeri nopeasti", "döda hummern innan du kokar den"
        if not reading.aimed and "hunting" in analysis.categories:
            mine = reading.strong or _speakers_verb(
                words, index, start, end, language, tags, orders=False
            )
            if _hunting(ctx, analysis, index, place_verb, mine):
                return  # "Hyvä hirvenmetsästäjä: ammu vain luvallisella alueella."
        if _thing_object(analysis, index, end):
            return  # "Hang your coat in the hall", "Häng din jacka i hallen"
        if not target and _chopped(analysis, index, end, lemma):
            return  # "Hakkaa persilja ja valkosipuli hienoksi": chopping food
        fate = "+fate" in tags
        if not fate and _third_person_report(
            analysis, index, start, end, [each.info for each in hits]
        ):
            return  # "Naapuri lyö vaimoaan", "Grannen slår sin fru": a report, no threat
        span_end = ctx.text.table.ends[last] if last != index else hit.end
        if reading.threatening and (target or reading.strong or fate):
            yield ctx.match(
                "threat-001",
                hit.start,
                span_end,
                confidence=0.85,
                reason="violent_verb_target",
                word=lemma,
            )
            return
        if excused or fate or all("+ambiguous" in info.tags for info in infos):
            return  # "you die", "hit" and "slå" say nothing alone
        past_only = language != "fi" and all(
            any(t in info.tags for t in ("+past", "+sup", "+part"))
            and not any(t in info.tags for t in ("+base", "+inf", "+pres", "+imper"))
            for info in infos
        )
        if reading.threatening or (target and not past_only):
            yield ctx.match(
                "threat-004",
                hit.start,
                span_end,
                confidence=0.5,
                reason="violent_verb",
                word=lemma,
            )


_VerbForm = tuple[str, list[FormInfo], str, bool, bool]

# The reader's own pronouns and possessives, which in a text about hunting address the hunter
# ("Jägare, skjut endast när du ser viltet", "only shoot inside your permitted area"); the
# object forms (sinut, dig, er) are not among them, so "Sinut ammun jahdissa" stays a threat.
ADDRESSEE = frozenset(
    {"sinä", "sä", "te", "sinun", "sun", "teidän", "sinulle", "sulle", "teille", "sinulta",
     "sulta", "teiltä", "du", "ni", "din", "ditt", "dina", "era", "ert", "you", "u", "ya",
     "your", "yours"}
)  # fmt: skip
# Pronouns that in a text about hunting stand for the game as readily as for people: "ammu se
# vasta kun näet sen kokonaan", "tiedät mitä sen takana on" (a person's object pronoun right
# after the verb, "them" or "heidät", is still `_direct_object`).
GAME_PRONOUNS = frozenset(
    {"se", "sen", "ne", "niitä", "noi", "nuo", "noita", "tuon", "dem", "them"}
)


# Target words that are pronouns or determiners, not nouns naming a person: "ne", "sen",
# "you", "them" (a person's object pronoun right after the verb is `_direct_object`).
PRONOUN_TARGETS = (
    DIRECT_OBJECTS
    | ADDRESSEE
    | GAME_PRONOUNS
    | frozenset(
        {"sinua", "sinusta", "teistä", "teiät", "heitä", "hänen", "heidän", "jokaisen",
         "luoksesi", "luoksenne", "kotiisi", "kotiinne", "varenda", "allihop", "em"}
    )
)  # fmt: skip
# How far after the verb a target noun is read as its object: "shoot the new mayor",
# "ammun sen kaupunginjohtajan", "skjuter jag borgmästaren".
NAMED_TARGET_REACH = 4


# Finnish verbs of shooting whose speaker's form with a person object is a threat
# (`harm_context.finnish_person_object`).
SHOOTING = frozenset({"ampua"})


def _wished_target(analysis: HarmAnalysis, index: int, start: int, sentence: int) -> bool:
    """A target word naming a person (no pronoun, PRONOUN_TARGETS; no possessive owning the
    next word: "the mayor's cat") or a group word in the clause before the death verb at
    `index` whose clause starts at `start`: the subject of a death wish ("Toivottavasti
    pormestari kuolee", "Stadsdirektören förtjänar att dö", "I hope the mayor dies",
    "Politikerna borde dö")."""
    for hit in analysis.person_targets(sentence):
        if (
            start <= hit.index < index
            and hit.info.lemma not in PRONOUN_TARGETS
            and not _possessive(analysis, hit)
        ):
            return True
    return any(start <= hit.index < index for hit in analysis.in_sentence(sentence, "groups"))


def _name_word(ctx: CheckContext, index: int) -> bool:
    """Token `index` is a capitalised first name or surname, in any inflection ("Mikon",
    "Virtasen"; text/names)."""
    word = ctx.text.table.words[index]
    return _capitalised(ctx, index) and bool(first_name(word) or surname_base(word))


def _named_target_after(analysis: HarmAnalysis, index: int, sentence: int) -> bool:
    """A target noun naming a person (an official, a relative: not a pronoun,
    PRONOUN_TARGETS) within NAMED_TARGET_REACH tokens after the verb at `index`, in its
    clause, with no setting of the sentence's innocent words ("in the game", "pelissä",
    "i filmen") that would make the whole sentence a story or a game, and no idiom of the
    verb's own ("skjuter upp mötet med borgmästaren": postponing; "shoot the mayor an
    email"), which set it aside whoever follows."""
    found = analysis.innocent(sentence)
    if found.settings or index in found.phrases or {index, index + 1} & found.idioms:
        return False
    if _message_after(analysis, found, index):
        return False
    _first, end = analysis.bounds(sentence)
    stop = min(end, index + 1 + NAMED_TARGET_REACH)
    for hit in analysis.person_targets(sentence):
        if index < hit.index < stop and hit.info.lemma not in PRONOUN_TARGETS:
            if _possessive(analysis, hit):
                continue  # "the teachers' team", "opettajien joukkue", "lärarnas lag"
            return analysis.clause_start(hit.index) <= index
    return False


def _possessive(analysis: HarmAnalysis, hit: Hit) -> bool:
    """The target word at `hit` owns the next word rather than being a verb's object: a
    Finnish genitive plural (never an object: "opettajien joukkue"), an English word with
    an apostrophe after it or "'s" ("the teachers' team", "the mayor's guests"), a Swedish
    genitive in -s of a word whose base form has none ("lärarnas lag")."""
    word = analysis.words[hit.index]
    if hit.info.language == "fi":
        return "+pl+gen" in hit.info.tags
    after = hit.index + 1
    gap = analysis.gaps[after] if after < len(analysis.gaps) else ""
    if gap[:1] in {"'", "’"}:
        return True
    if hit.info.language == "sv":
        return word.endswith("s") and not hit.info.lemma.endswith("s")
    return False


def _speakers_verb(
    words: Sequence[str],
    index: int,
    start: int,
    end: int,
    language: str,
    tags: str,
    orders: bool = True,
) -> bool:
    """The violent verb at `index` (its clause from `start`, its sentence's end `end`) is the
    speaker's: a Finnish first-person or imperative form ("ammun", "tapamme", "ampukaa") or
    the spoken "me" with a passive ("me hakataan"); in Swedish and English an imperative
    opening its clause ("efter matchen, skjut borgmästaren") or a first-person pronoun
    (FIRST_PERSON) in its clause before it or right after it (Swedish inversion: "skjuter
    jag"). A threat that an innocent word of its sentence would excuse counts only then
    ("efter matchen skjuter jag borgmästaren", "after the game I will shoot the mayor").
    `tags`: the verb's
    analyses joined by "|"; `orders`: whether an imperative counts (an order is the
    speaker's too, but a hunter's instruction "ammu vain luvallisella alueella" is one)."""
    before = words[max(start, index - 4) : index]
    if language == "fi":
        if "+1sg" in tags or "+1pl" in tags or (orders and "+imper" in tags):
            return True
        return "+pass" in tags and "me" in before
    if orders and index == start and ("+imper" in tags or "+base" in tags):
        return True  # an order to the reader: "After the game, shoot the mayor."
    if index + 1 < end and words[index + 1] in FIRST_PERSON:
        return True
    return not FIRST_PERSON.isdisjoint(before)


def _hunting(
    ctx: CheckContext, analysis: HarmAnalysis, index: int, place_verb: bool, strong: bool
) -> bool:
    """The text speaks of hunting or a shooting range (data/harm_src/hunting.txt, in any of
    its sentences: "Hirvenmetsästys alkaa lauantaina. Ammu vain varmaan taustaan.") and the
    violent verb at token `index` is aimed at nobody: no person as its object (`_direct_object`,
    or the reader's pronoun after "at", "mot", "kohti": "I'll shoot at you"), no target word in
    its sentence besides the reader's own pronouns (ADDRESSEE: the hunter addressed) and the
    pronouns that may stand for the game (GAME_PRONOUNS), no group, no first name and, for a
    verb of places, no place. "Ammun sinut metsästysalueella", "jag
    skjuter dig under jakten", "Älgjägare, skjut kommundirektören" and "hunters, shoot the
    mayor" stay threats. `strong`: the verb is the speaker's own (an intent to kill, or a
    first-person form: `_speakers_verb` without orders)."""
    if "hunting" not in analysis.categories or _direct_object(ctx, analysis, index):
        return False
    sentence = analysis.sentence_of[index]
    if strong and not any(
        index < hit.index <= index + NAMED_TARGET_REACH
        for hit in analysis.in_sentence(sentence, "hunting")
    ):
        # What the speaker will do (`strong`: "ammun", "I will shoot", "skjuter jag") is about
        # the game only when the game follows the verb: "Jag skjuter älg i höst"; "Hirvijahti
        # alkaa, ja samalla ammun naapurin" and "...I will shoot the librarian" stay threats.
        return False
    words = analysis.words
    for hit in analysis.person_targets(sentence):
        if hit.index < index and _subject(analysis, hit, index):
            continue  # "Naapuri ampui hirven", "Metsästysseuran jäsenet ampuivat kaksi hirveä"
        if hit.info.lemma not in ADDRESSEE and hit.info.lemma not in GAME_PRONOUNS:
            return False
        if index < hit.index <= index + TOWARDS_REACH and words[hit.index - 1] in TOWARDS:
            return False  # "shoot at you", "skjuta mot dig"
    if analysis.in_sentence(sentence, "groups"):
        return False
    if place_verb and analysis.in_sentence(sentence, "places"):
        return False
    return not _named_person(ctx, analysis, sentence)


def _subject(analysis: HarmAnalysis, hit: Hit, index: int) -> bool:
    """The target word at `hit`, before the verb at `index`, is the verb's subject rather
    than an object put first: a Finnish nominative ("naapuri", "jäsenet"; not "pormestarin"
    or "sinut": "Pormestarin ammun jahdissa" is a threat), a Swedish or English word that is
    no object pronoun (DIRECT_OBJECTS), unless a Swedish verb is followed by its subject
    ("borgmästaren skjuter jag": the object first)."""
    word = analysis.words[hit.index]
    if word in DIRECT_OBJECTS:
        return False
    if hit.info.language == "fi":
        return "+nom" in hit.info.tags or "+lemma" in hit.info.tags
    after = index + 1
    return not (after < len(analysis.words) and analysis.words[after] in {"jag", "vi"})


# Words that aim a verb at the pronoun after them ("shoot at you", "skjuta mot er"), within
# TOWARDS_REACH tokens of the verb.
TOWARDS = frozenset({"at", "towards", "toward", "mot", "på", "kohti", "päin"})
TOWARDS_REACH = 4


def _compares(analysis: HarmAnalysis, hits: Sequence[Hit], sentence: int) -> bool:
    """The verb of beating at the hits' token compares a thing with the rest
    (harm_context.beats_the_rest: "hinta hakkaa kaikki muut", "appen slår konkurrenterna",
    "the pool beats the competition"): one of its readings is a comparing form
    (harm_context.COMPARING_TAGS), no reading with a violent particle has it ("slår ihjäl",
    "beats them up"), and no target or group word follows in the sentence but the compared
    ("hakkaa kaikki muut mielenosoittajat": people)."""
    index = hits[0].index
    if index < 0 or not any(hit.info.lemma in harm_context.BEATING_LEMMAS for hit in hits):
        return False
    _first, end = analysis.bounds(sentence)
    words = analysis.words
    if not harm_context.beats_the_rest(words, index, analysis.clause_start(index), end):
        return False
    if not any(
        hit.info.lemma in harm_context.BEATING_LEMMAS
        and any(tag in hit.info.tags for tag in harm_context.COMPARING_TAGS)
        for hit in hits
    ):
        return False
    for hit in hits:
        if (
            "+prt=" in hit.info.tags
            and harm_grammar.has_particle(words, index, end, hit.info.tags)[0]
        ):
            return False  # "slår alla andra ihjäl", "beats all the others up"
    people = analysis.targets_at(sentence) | {
        hit.index for hit in analysis.in_sentence(sentence, "groups")
    }
    return not any(index < at < end and words[at] not in harm_context.COMPARED for at in people)


def beats_the_rest(analysis: HarmAnalysis, hit: Hit) -> bool:
    """The violent verb of `hit` compares a thing with the rest (`_compares`, asked of every
    reading of its token): "hinta hakkaa kaikki muut", "slår alla andra". For the model's
    findings, which the rules' reading of the verb explains."""
    index = hit.index
    if index < 0:
        return False
    same = [other for other in analysis.of(hit.info.category) if other.index == index]
    return _compares(analysis, same, analysis.sentence_of[index])


def _death_intensifier(analysis: HarmAnalysis, hit: Hit, sentence: int) -> bool:
    """The phrase `hit` is a word of death intensifying a verb of feeling or effort before
    it in its clause, with no violent verb between (harm_context.intensified): "nauroimme
    kuoliaaksi", "vi skrattade ihjäl oss", "she loves him to death"."""
    if hit.index < 0 or hit.info.lemma not in harm_context.DEATH_INTENSIFIERS:
        return False
    violent = {
        verb.index
        for category in VERB_CATEGORIES
        for verb in analysis.in_sentence(sentence, category)
    }
    return harm_context.intensified(
        analysis.words, hit.index, analysis.clause_start(hit.index), violent
    )


def _coming_to(analysis: HarmAnalysis, sentence: int) -> bool:
    """A first-person verb of coming, bringing or waiting with a place after it in the
    sentence (harm_veiled.coming_to): "tulen kaupungintalolle", "Kommer till stadshuset".
    Answered once per sentence (a flood of weapon words in one sentence asks for each)."""

    def compute() -> bool:
        first, end = analysis.bounds(sentence)
        if harm_veiled.COMING.isdisjoint(analysis.sentence_words(sentence)):
            return False
        places = [hit.index for hit in analysis.in_sentence(sentence, "places")]
        return harm_veiled.coming_to(analysis.words, first, end, places)

    return analysis.sentence_fact("coming_to", sentence, compute)


def _kill_yourself(ctx: CheckContext, index: int) -> bool:
    """The token "kys" at `index` is the abbreviation of "kill yourself" (§10.6): not the Finnish
    "kys." or "kys:" (kysymys, a question) and not KYS in capitals (Kuopio University
    Hospital)."""
    table = ctx.text.table
    if _all_capitals(ctx, index):
        return False
    following = table.gaps[index + 1] if index + 1 < len(table.gaps) else ""
    return not following.lstrip(" ").startswith((".", ":"))


def _violent_verb(analysis: HarmAnalysis, sentence: int) -> bool:
    """Is a violent verb of the sentence used as one: with the particle or object its reading
    needs (harm_grammar.has_particle: "skära ~halsen"), so that "Skär löken i bitar med
    kniven" (cutting, no throat) does not arm the knife while "Jag skär halsen av dig med
    kniven" does."""
    _first, end = analysis.bounds(sentence)
    return any(
        hit.index >= 0
        and harm_grammar.has_particle(analysis.words, hit.index, end, hit.info.tags)[0]
        for hit in analysis.in_sentence(sentence, "threat_verbs")
    )


def _weapon_context(analysis: HarmAnalysis, sentence: int) -> bool:
    """harm_veiled.weapon_context of the sentence, its weapon words left out."""
    first, _end = analysis.bounds(sentence)
    weapons = {hit.index - first for hit in analysis.in_sentence(sentence, "weapons")}
    return harm_veiled.weapon_context(analysis.sentence_list(sentence), weapons)


def _veiled(ctx: CheckContext, analysis: HarmAnalysis) -> Iterator[Match]:
    """Threats without a violent word (threat-003, §10.6): the writer knows where the reader
    lives (harm_grammar.stalking), or where a third person lives or parks with a promise of
    regret or waiting in that sentence or the next, or only where they park; waits for a
    third person at their home or car; teaches a person a lesson (harm_veiled). Read from
    each cue word (KNOW, harm_veiled.CUES) in its sentence only."""
    words = analysis.words
    table = ctx.text.table
    for index in compress(range(len(words)), map(VEILED_CUES.__contains__, words)):
        word = words[index]
        sentence = analysis.sentence_of[index]
        first, end = analysis.bounds(sentence)

        def person(i: int, sentence: int = sentence, first: int = first) -> bool:
            return i in analysis.targets_at(sentence) or (i > first and _capitalised(ctx, i))

        begin, last, phrase = index, None, "stalking"
        if word == "kys":
            if _kill_yourself(ctx, index):
                yield ctx.match(
                    "threat-001",
                    table.starts[index],
                    table.ends[index],
                    confidence=0.8,
                    reason="self_harm",
                    word="kys",
                )
            continue
        if word in harm_grammar.KNOW:
            last = harm_grammar.stalking(words, index, end)
            if last is not None:
                _next_first, next_end = analysis.bounds(sentence + 1)
                if harm_grammar.moved(words, index, last, max(end, next_end)):
                    last = None  # "Tiedän missä te nyt asutte, kiva että muutitte"
            knower = index > 0 and words[index - 1] in harm_grammar.KNOWER
            if knower:
                begin = index - 1
            if last is None and (knower or word not in {"vet", "know", "knows"}):
                found = harm_veiled.third_person_stalking(words, index, end, person)
                if found is not None:
                    place, parking = found
                    next_first, next_end = analysis.bounds(analysis.sentence_of[end - 1] + 1)
                    if parking or harm_veiled.promises(words, place + 1, max(end, next_end)):
                        last = place
                    elif place == end - 1 and (
                        _left_hanging(ctx, table.ends[place], next_first == next_end)
                        or harm_veiled.saying_tag(words[next_first:next_end])
                    ):
                        last = place  # "Tiedän missä pormestari asuu." and nothing more
                    elif "," not in table.gaps[place + 1]:
                        last = harm_veiled.routine(words, place, end)  # "... ja milloin"
        elif word in harm_veiled.WAIT or word in harm_veiled.LURK_WAIT:
            last, phrase = None, "waiting"
            if word in harm_veiled.WAIT:
                last = harm_veiled.waiting_for(words, index, end)
                if last is not None and word in {"väntar", "waiting", "wait"} and index > first:
                    before = words[max(first, index - 4) : index]
                    if FIRST_PERSON.isdisjoint(before):
                        last = None  # "han väntar på henne": not the writer
            if last is None and word in harm_veiled.LURK_WAIT:
                lurk = harm_veiled.lurking(words, index, first, end)
                if lurk is not None:
                    begin, last = lurk  # "Joku saattaa odottaa sinua parkkipaikalla"
            if last is None and word not in harm_veiled.WAIT:
                continue
        else:
            last, phrase = harm_veiled.lesson(words, index, end, person), "lesson"
        if last is not None:
            yield ctx.match(
                "threat-003",
                table.starts[begin],
                table.ends[last],
                confidence=0.85 if phrase == "stalking" else 0.75,
                reason="intimidation",
                phrase=phrase,
            )


def _left_hanging(ctx: CheckContext, after: int, last_sentence: bool) -> bool:
    """Whether a sentence ending at character `after` is left hanging: it is the text's last
    (`last_sentence`), or it trails off in an ellipsis ("I know where he lives..."). "I know
    where the mayor lives" with no promise is then still a veiled threat; "..., hän on
    naapurini" and "... He's my neighbour." are not."""
    rest = ctx.text.text[after : after + 8]  # `after` is an offset of the normalised text
    return last_sentence or rest.lstrip(" \t\"'”’»)").startswith(("...", "…"))


# "Just wait until you see": a wait phrase ending in "when/until" followed by the reader's
# seeing, hearing or tasting something is anticipation ("Odota vaan kun näet uuden puiston!",
# "Vänta bara tills du ser den nya parken!"), unless the rest of the sentence speaks of what the
# writer does to the reader ("Odota vaan kun näet mitä teen sinulle").
WAIT_UNTIL = frozenset({"kun", "tills", "until", "till"})
PERCEIVE = frozenset(
    {
        "näet", "näette", "kuulet", "kuulette", "maistat", "maistatte", "pääset", "pääsette",
        "kokeilet", "kokeilette", "ser", "får", "hör", "smakar", "provar", "see", "hear",
        "taste", "try",
    }
)  # fmt: skip
ANTICIPATION_REACH = 2  # words after the phrase within which the perceiving verb stands
AIMED_AFTER = frozenset(
    {
        "teen", "minä", "mä", "mun", "minun", "sinulle", "sinut", "sulle", "sut", "sinua",
        "sua", "jag", "mig", "dig", "gör", "i", "me", "do", "ll",
    }
)  # fmt: skip


def _anticipation(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit, sentence: int) -> bool:
    """A wait phrase ending in "kun/tills/until" (intimidation) followed within
    ANTICIPATION_REACH words by the reader perceiving something (PERCEIVE), or a wait phrase
    whose sentence sees what happens somewhere (harm_menace.see_what_happens_at: "Vänta
    bara, du får se vad som händer på julmarknaden!"), with no word of the writer acting on
    the reader later in the sentence (AIMED_AFTER): looking forward, no threat (§10.6 is
    about threats)."""
    words = analysis.words
    last = bisect_left(ctx.text.table.ends, hit.end)  # the phrase's last token
    _first, end = analysis.bounds(sentence)
    if words[hit.index] in harm_menace.WAIT and harm_menace.see_what_happens_at(
        words, hit.index + 1, end
    ):
        return AIMED_AFTER.isdisjoint(words[hit.index + 1 : end])
    if last >= len(words) or words[last] not in WAIT_UNTIL:
        return False
    following = words[last + 1 : min(end, last + 1 + ANTICIPATION_REACH)]
    if PERCEIVE.isdisjoint(following):
        return False
    return AIMED_AFTER.isdisjoint(words[last + 1 : end])


# Idioms of looking out that a safety instruction uses literally: the intimidation phrases
# (harm_src/intimidation.txt) that tell the reader to watch behind them or be careful.
CAUTION_PHRASES = frozenset(
    {"se dig över axeln", "se dig om", "akta ryggen", "akta dig", "passa dig",
     "katso selkäsi taakse", "katsokaa selkänne taakse", "varo selustaasi",
     "katso selän taakse", "katsoa selän taakse", "katsoa selkäsi taakse", "varo selkää*",
     "varokaa selkää*", "katso selkääs", "akta din rygg", "akta er", "se upp för dig",
     "se upp för er", "pimeällä kannattaa olla varovainen", "pimeällä kannattaa varoa",
     "watch your back", "watch ur back", "look over your shoulder"}
)  # fmt: skip
# Beginnings of the words of traffic, slippery ground, stairs and lifting, the hazards a
# city's safety advice names: reversing, changing lanes, turning, crossings, ice, stairs,
# heavy lifting. Not "car", "home" or "work": "watch your back when you walk to your car"
# and "katso selkäsi taakse kun lähdet töistä" stay threats.
HAZARD_STEMS = (
    "peruut", "kaista", "risteyk", "risteys", "suojatie", "liikentee", "liikenne", "liukka",
    "liukas", "jäise", "jäinen", "jäisi", "portai", "portaa", "rappusi", "rappuse", "nostae",
    "nostat", "nostaa", "nostoss", "kääntye", "käännyt", "ohittae", "ohitat",
    "körfält", "filbyt", "svänge", "svänger", "backning", "korsning", "övergångsställ",
    "trafik", "halka", "halkig", "isig", "isiga", "trappa", "trappan", "trappor", "lyfter",
    "lyfta", "omkör",
    "revers", "lane", "turning", "overtak", "crossing", "traffic", "slipper", "icy", "stairs",
    "staircase", "lifting", "pedestrian",
)  # fmt: skip


def _safety_advice(analysis: HarmAnalysis, hit: Hit, sentence: int) -> bool:
    """A caution idiom (CAUTION_PHRASES) in a sentence that names a hazard of traffic,
    slippery ground, stairs or lifting (HAZARD_STEMS): "Se dig över axeln innan du byter
    körfält", "Varo selustaasi liukkailla portailla", "Watch your back on the icy stairs",
    "Akta ryggen när du lyfter tunga lådor" are the city's safety advice, not intimidation
    (§10.6). A person named as a target in the sentence keeps it a threat."""
    if hit.info.lemma not in CAUTION_PHRASES:
        return False
    words = analysis.sentence_words(sentence)
    if not any(word.startswith(HAZARD_STEMS) for word in words):
        return False
    own = range(hit.index, hit.index + len(hit.info.lemma.split()))
    return all(
        target.index in own or target.info.lemma in PRONOUN_TARGETS
        for target in analysis.person_targets(sentence)
    )


def _phrase_not_stalking(
    ctx: CheckContext, analysis: HarmAnalysis, hit: Hit, sentence: int
) -> bool:
    """A listed "(I) know where you live" phrase that speaks of a preference or is the
    subject of what follows (harm_grammar.not_stalking: "I know where you live matters"), or
    that greets a moved office (harm_grammar.moved: "Jag vet var ni bor nu – kul att ni
    flyttat turistinfon")."""
    if analysis.words[hit.index] not in harm_grammar.KNOW and not (
        hit.index + 1 < len(analysis.words) and analysis.words[hit.index + 1] in harm_grammar.KNOW
    ):
        return False
    _first, end = analysis.bounds(sentence)
    last = bisect_left(ctx.text.table.ends, hit.end)
    if harm_grammar.not_stalking(analysis.words, hit.index, last, end):
        return True
    _next_first, next_end = analysis.bounds(sentence + 1)
    return harm_grammar.moved(analysis.words, hit.index, last, max(end, next_end))


# "You'll regret missing the concert", "Kadut vielä jos jätät konsertin väliin": regret
# promised for missing an event (word starts), no threat.
REGRET_PARTS = ("ångra", "regret", "katu", "kadu", "sorry")
MISSED = ("miss", "väliin", "skip", "tulematta", "osallistumatta", "näkemättä")
MISSED_REACH = 6  # words after the phrase within which the missing is said
# The writer before the missing ("you'll regret this, I won't miss next time"): their deed.
WRITER = frozenset({"minä", "mä", "mää", "me", "jag", "vi", "i", "we"})


def _missed_event(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit, sentence: int) -> bool:
    """A listed phrase of regret (REGRET_PARTS in it: "du kommer att ångra", "you'll regret",
    "kadut vielä") followed within MISSED_REACH words by missing something (MISSED: "att du
    missade konserten", "missing the concert", "jos jätät konsertin väliin") with no word
    of the writer before it (WRITER: "you'll regret this, I won't miss next time"): a nudge
    to come, no threat."""
    if not any(part in hit.info.lemma for part in REGRET_PARTS):
        return False
    _first, end = analysis.bounds(sentence)
    last = bisect_left(ctx.text.table.ends, hit.end)
    following = analysis.words[last + 1 : min(end, last + 1 + MISSED_REACH)]
    missed = next((at for at, word in enumerate(following) if word.startswith(MISSED)), None)
    return missed is not None and WRITER.isdisjoint(following[:missed])


def _verb_forms(
    ctx: CheckContext, analysis: HarmAnalysis, infos: list[FormInfo]
) -> list[_VerbForm]:
    """The ways to read a verb with these analyses, in order: for each of its languages to
    try (`_languages`), the language, its analyses in it, their tags joined, whether it kills
    and whether it burns or bombs places. Once per text and set of analyses."""
    key = tuple(infos)
    found = analysis.verb_forms.get(key)
    if found is None:
        found = analysis.verb_forms[key] = []
        for language in _languages(ctx, infos):
            chosen = [info for info in infos if info.language == language] or infos
            tags = "|".join(
                info.tags + ("+fate" if info.category == "fate" else "") for info in chosen
            )
            place_verb = any(info.lemma in PLACE_VERBS for info in chosen)
            found.append((language, chosen, tags, "+lethal" in tags, place_verb))
    return found


# Whom a verb's action is turned on: the reader themself ("tapa itsesi", "kill yourself").
REFLEXIVES = frozenset(
    {"itsesi", "itseäsi", "itses", "itseäs", "ittes", "ittesi", "itteäs", "itteäsi", "itsenne",
     "itseänne", "ittenne", "itteänne", "yourself", "yourselves", "urself", "yourselfs",
     "själv", "själva"}
)  # fmt: skip
# Words of obligation that urge it on the reader without an imperative ("you should kill
# yourself", "du borde döda dig själv"); "you could kill yourself on those stairs" warns of it.
URGING = frozenset(
    {"should", "must", "ought", "oughta", "need", "needs", "gotta", "deserve", "deserves", "go",
     "just", "better", "borde", "bör", "måste", "förtjänar", "gå", "pitäisi", "pitäis", "pitäs",
     "kannattaisi", "kannattais", "ansaitset", "ansaitsette", "täytyy"}
)  # fmt: skip


def _self_harm(
    words: Sequence[str],
    index: int,
    start: int,
    last: int,
    end: int,
    language: str,
    reading: harm_grammar.Reading,
) -> bool:
    """A lethal verb turned on the reader: its reflexive object within two words after the
    verb (or its particle: "ta livet av dig själv") and a construction that urges it (an
    imperative, "go", "should"), not negated ("älä tapa itseäsi työllä", "don't kill
    yourself over it"). Incitement to self-harm is as grave as a threat (§10.6)."""
    following = words[last + 1 : min(end, last + 4)]
    if REFLEXIVES.isdisjoint(following):
        return False
    if "själv" in following or "själva" in following:
        at = following.index("själv" if "själv" in following else "själva")
        if at == 0 or following[at - 1] not in {"dig", "er", "dej"}:
            return False  # "döda den själv": no reader
    elif REFLEXIVES.isdisjoint(following[:2]):
        return False
    if harm_grammar.negated(words, index, start, language):
        return False
    return reading.threatening or not URGING.isdisjoint(words[start:index])


def _exclusion(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> Hit | None:
    """A group told to leave: the group word opens its clause (after "kaikki", "all" at
    most) and an exclusion word follows it ("Mamut pois", "Invandrarna ut ur stan",
    "Immigrants out of our town", "Muslims go home"); "out of work" is no exclusion."""
    words = analysis.words
    start = analysis.clause_start(index)
    if any(words[i] not in harm_context.GROUP_LEADS for i in range(start, index)):
        return None
    sentence = analysis.sentence_of[index]
    _first, end = analysis.bounds(sentence)
    following = words[index + 1 : min(end, index + 4)]
    if not following:
        return None
    out = following[0] in harm_context.EXCLUSION or following[:2] in (["go", "home"], ["åk", "hem"])
    if not out or (following[1:2] and following[1] in harm_context.NOT_EXCLUSION):
        return None
    if following[1:2] == ["of"] and following[2:3] and following[2] in harm_context.NOT_EXCLUSION:
        return None
    table = ctx.text.table
    return Hit(
        index + 1,
        table.starts[index + 1],
        table.ends[index + 1],
        FormInfo("exclusion", "", following[0], ""),
    )


# Crimes said of a whole group as its habit: the present tense plural (fi) or the present (sv,
# en) of a verb of crime right after the group word ("Romanit varastavat aina", "Invandrare
# stjäl", "Immigrants always steal"). A past tense tells of an event ("varastivat", "stole").
CRIME_VERBS = frozenset(
    {"varastavat", "ryöstävät", "raiskaavat", "huijaavat", "puukottavat", "tappavat",
     "murtautuvat", "näpistävät", "pahoinpitelevät", "stjäl", "rånar", "våldtar", "lurar",
     "knivhugger", "dödar", "snattar", "misshandlar", "steal", "rob", "rape", "scam", "stab",
     "kill", "murder", "shoplift", "loot"}
)  # fmt: skip
# Words that may stand between the group and the verb: a generalising adverb ("aina",
# "alltid", "always") or "only".
HABIT_ADVERBS = frozenset(
    {"aina", "vain", "yleensä", "usein", "jatkuvasti", "alltid", "bara", "ofta", "jämt",
     "always", "only", "just", "often", "constantly", "all", "kaikki", "alla"}
)  # fmt: skip


def _criminal_habit(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> Hit | None:
    """A crime told as a group's habit: CRIME_VERBS right after the group word, at most two
    HABIT_ADVERBS between, in its clause ("Romanit varastavat aina", "Romer stjäl alltid",
    "Roma always steal"); "Varkaat varastivat", "two men stole" are events, and a group
    word after the verb ("ryöstävät romaneja") is the victim, not the subject."""
    if index < 0:
        return None
    words = analysis.words
    _first, end = analysis.bounds(analysis.sentence_of[index])
    at = index + 1
    while at < end and at - index <= 2 and words[at] in HABIT_ADVERBS:
        at += 1
    if at >= end or words[at] not in CRIME_VERBS:
        return None
    table = ctx.text.table
    return Hit(at, table.starts[at], table.ends[at], FormInfo("crime", "", words[at], ""))


def _removal(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> Hit | None:
    """A group to be sent away or barred, said by the writer (harm_veiled.removal:
    "Maahanmuuttajat pitäisi lähettää kotiin", "Invandrarna borde skickas hem", "Gays
    shouldn't be allowed to work in our kindergartens"); the hit is the demand's last word."""
    if index < 0:
        return None
    first, end = analysis.bounds(analysis.sentence_of[index])
    start = max(first, analysis.clause_start(index))
    last = harm_veiled.removal(analysis.words, index, start, end)
    if last is None:
        return None
    table = ctx.text.table
    return Hit(
        last,
        table.starts[last],
        table.ends[last],
        FormInfo("exclusion", "", analysis.words[last], ""),
    )


def _predicated(analysis: HarmAnalysis, index: int) -> bool:
    """The adjective at `index` is what its clause says of its subject: right after a copula
    (an intensifier between them at most) and ending the clause ("gays are disgusting",
    "naiset ovat tyhmiä ja..."); "refugees in a miserable situation" is no such statement."""
    words = analysis.words
    copula = next((i for i in range(max(0, index - 3), index) if words[i] in COPULA), None)
    if copula is None or index - copula > 2:
        return False
    if index + 1 >= len(words) or analysis.sentence_of[index + 1] != analysis.sentence_of[index]:
        return True
    gap = analysis.gaps[index + 1]
    return any(mark in gap for mark in ",;:") or words[index + 1] in CLAUSE_GOES_ON


def explicit_violence(excerpt: str) -> bool:
    """Whether a threat's excerpt names lethal violence: a lethal verb (with its particle in the
    excerpt when that reading needs one: "slå ihjäl", "take out"), death promised to the reader
    ("kuolet", "you will die"), or a phrase of death or stalking (data/harm_src/threat_phrases).
    The excerpt is read through the same normalisation and vocabulary as the detectors."""
    text = AnalysedText(excerpt)
    words = set(text.words)
    for infos in text.vocabulary:
        for info in infos:
            if info.category == "threat_phrases":
                return True
            if info.category in VERB_CATEGORIES and "+lethal" in info.tags:
                particles = [p.split("+", 1)[0] for p in info.tags.split("+prt=")[1:]]
                if all(particle in words for particle in particles):
                    return True
    if any(hit.term.label == "threat_phrases" for hit in text.find(vocabulary().phrases)):
        return True
    if not harm_menace.NOOSES.isdisjoint(words) and "rope" not in words:
        return True  # "Hirttoköysi sopisi valtuutetuille": death wished (a noose finding)
    listed = text.words
    if len(listed) >= 3 and all(len(word) == 1 for word in listed):  # "t a p a n"
        for info in vocabulary().lookup("".join(listed)):
            if info.category in VERB_CATEGORIES and "+lethal" in info.tags:
                return True
    return any(
        harm_grammar.stalking(listed, index, len(listed)) is not None
        for index, word in enumerate(listed)
        if word in harm_grammar.KNOW
    )


def _languages(ctx: CheckContext, infos: Sequence[FormInfo]) -> list[str]:
    """The languages to read a verb in: its own, or the text's when the form is shared (each
    of the form's languages, the text's first, when the text's language is a mere default)."""
    languages = list(dict.fromkeys(info.language for info in infos if info.language))
    if len(languages) <= 1:
        return languages or ["fi"]
    main = ctx.text.main_language
    if not ctx.text.language_certain:
        return sorted(languages, key=lambda language: language != main)
    return [main if main in languages else languages[0]]


def _weapon_emoji(ctx: CheckContext, analysis: HarmAnalysis) -> Iterator[Match]:
    """A knife, gun, bomb or blood emoji with a person addressed and a time in the same text
    ("🔪🩸 sulle huomenna", "🔫 dig ikväll", "🔪 you tomorrow"), or right beside a
    second-person word without one (`_emoji_addressed`: "🔫 sulle", "sulle 🔪🔪"), or read as
    the weapon word it pictures with a place (`_emoji_at`: "💣 kirjastoon huomenna", "🔫
    skolan imorgon"): a weapon brought to a place (threat-002, §10.6)."""
    text = ctx.text.text
    found = [(text.find(mark), mark) for mark in WEAPON_EMOJI if mark in text]
    if not found:
        return
    when = not WHEN.isdisjoint(analysis.words)
    if analysis.of("targets") and when:
        start, mark = min(found)
        yield ctx.match(
            "threat-002", start, start + len(mark), confidence=0.8, reason="weapon", word=mark
        )
        return
    for start, mark in sorted(found):
        if _emoji_addressed(ctx, analysis, start, mark):
            yield ctx.match(
                "threat-002", start, start + len(mark), confidence=0.8, reason="weapon", word=mark
            )
            return
    if not analysis.of("places"):
        return
    for start, mark in sorted(found):
        if mark in PLACE_EMOJI and _emoji_at(ctx, analysis, start, mark, when):
            yield ctx.match(
                "threat-002", start, start + len(mark), confidence=0.8, reason="weapon", word=mark
            )
            return


# Second-person words that a weapon emoji right beside them is aimed at ("🔫 sulle", "🔪 dig",
# "🔫 you", "sulle 🔪🔪"): the reader, in the dative, the object or the plain pronoun.
EMOJI_ADDRESSEES = frozenset(
    {"sulle", "sinulle", "teille", "sua", "sinua", "teitä", "sut", "sinut", "teidät", "sä",
     "sinä", "te", "dig", "dej", "er", "du", "ni", "you", "u", "ya", "yall"}
)  # fmt: skip

# What may stand between a weapon emoji and the word it is aimed at: more emoji, spaces, the
# emoji variation selector and the zero-width joiner.
EMOJI_OR_SPACE = frozenset(WEAPON_EMOJI) | {" ", "\ufe0f", "\u200d", "\t"}


def _emoji_addressed(ctx: CheckContext, analysis: HarmAnalysis, start: int, mark: str) -> bool:
    """Is the weapon emoji `mark` at normalised offset `start` aimed at the reader: a
    second-person word (EMOJI_ADDRESSEES) is the word right before or after it, only other
    emoji, spaces or a dash between ("🔫 sulle", "🔪 dig", "🔫 you", "sulle 🔪🔪")? Not when the
    emoji is glued to a word after it as part of a compound ("🔪-setti") or a harmless setting
    or word is near it (`innocent_weapon`: "Vesipistooli 🔫 lapsille", "water gun 🔫 for
    you")."""
    table = ctx.text.table
    starts, ends = table.starts, table.ends
    if not starts:
        return False
    text = ctx.text.text
    after = bisect_left(starts, start + len(mark))
    before = after - 1
    neighbours = []
    if before >= 0 and set(text[ends[before] : start]) <= EMOJI_OR_SPACE:
        neighbours.append(before)
    if after < len(starts):
        between = text[start + len(mark) : starts[after]]
        if between.startswith("-"):
            return False  # "🔪-setti": a compound that names a thing
        if set(between) <= EMOJI_OR_SPACE:
            neighbours.append(after)
    words = analysis.words
    for index in neighbours:
        if words[index] in EMOJI_ADDRESSEES:
            sentence = analysis.sentence_of[index]
            return not analysis.innocent_weapon(sentence, index) and not analysis.sentence_fact(
                "weapon_context",
                sentence,
                lambda: _weapon_context(analysis, sentence),  # noqa: B023
            )
    return False


def _emoji_at(ctx: CheckContext, analysis: HarmAnalysis, start: int, mark: str, when: bool) -> bool:
    """Does the weapon emoji `mark` at normalised offset `start` threaten a place, read as the
    weapon word it pictures ("💣" as "pommi")? Its sentence is that of the word before it
    (the word after it when it opens the text or a sentence). As for a weapon word, a place
    must be in that sentence with a time in the text (`when`), the writer (FIRST_PERSON),
    coming there (`_coming_to`) or an explosive (EXPLOSIVE_EMOJI); a harmless setting near it
    ("water gun", a recipe, a game: `innocent_weapon`) or a weapon context
    (`_weapon_context`: a hunt, a museum) sets it aside: "🔫 water gun party at the beach",
    "Joulun pommi-ale 💣"."""
    table = ctx.text.table
    starts = table.starts
    if not starts:
        return False
    index = bisect_right(starts, start) - 1
    if index < 0 or (
        index + 1 < len(starts)
        and not SENTENCE_END.isdisjoint(ctx.text.text[table.ends[index] : start])
    ):
        index += 1  # it opens the text or a sentence: "Hyvää joulua. 💣 kirjastoon"
    sentence = analysis.sentence_of[index]
    if not analysis.in_sentence(sentence, "places"):
        return False
    armed = (
        when
        or mark in EXPLOSIVE_EMOJI
        or not FIRST_PERSON.isdisjoint(analysis.sentence_words(sentence))
        or _coming_to(analysis, sentence)
    )
    return (
        armed
        and not analysis.innocent_weapon(sentence, index)
        and not analysis.sentence_fact(
            "weapon_context", sentence, lambda: _weapon_context(analysis, sentence)
        )
    )


def _animal_object(analysis: HarmAnalysis, index: int, end: int) -> bool:
    """A food animal or a pest is the verb's object: within three words after it, with no
    person between ("kill the lobster before you boil it"; not "tapan sinut ja kalan")."""
    people = analysis.targets_at(analysis.sentence_of[index])
    for i in range(index + 1, min(end, index + 4)):
        if i in people:
            return False
        if harm_context.animal_context((analysis.words[i],)):
            return True
    return False


def _thing_object(analysis: HarmAnalysis, index: int, end: int) -> bool:
    """An everyday thing is the verb's object (harm_context.thing): within three words after
    it, with no person between but its owner ("Hang your coat in the hall", "Häng upp din
    jacka", "Hirtä sun takki naulaan"; not "I'll hang you and your coat")."""
    people = analysis.targets_at(analysis.sentence_of[index])
    words = analysis.words
    for i in range(index + 1, min(end, index + 4)):
        if harm_context.thing(words[i]):
            return True
        if i in people and words[i] not in harm_context.POSSESSIVES:
            return False
    return False


# Object pronouns that name a person as the verb's object: a knife's kitchen word ("veitsellä")
# says nothing when the verb is aimed at one ("Leikkaan sinut veitsellä").
PERSON_OBJECTS = frozenset(
    {"sinut", "sut", "teidät", "hänet", "heidät", "dig", "dej", "honom", "henne", "him", "them"}
)
# Prepositions before an object pronoun that make it no object of the verb ("till henne").
OBJECT_PREPOSITIONS = frozenset(
    {"till", "åt", "för", "med", "från", "av", "om", "hos", "to", "for", "with", "from", "of",
     "about", "at", "by"}
)  # fmt: skip
# Verbs of beating that also chop food or wood ("hakata sipuli", "hakkaa persilja"): with a
# thing as the object and nobody in the sentence, no threat (`_chopped`).
CHOPPING_LEMMAS = frozenset({"hakata"})
# Words after a chopping verb that are no thing chopped: pronouns and particles.
NOT_CHOPPED = frozenset(
    {"se", "sen", "ne", "niitä", "sitä", "tuo", "tuon", "kaikki", "kaikkia", "joka",
     "jokainen", "jokaisen", "itsesi", "itseni", "pää", "päätä", "päähän", "turpaan", "naama",
     "naamaan", "ja", "nyt", "heti"}
)  # fmt: skip


# Reflexive possessives of the third person before the noun they own ("sin fru", "his wife");
# the Finnish ones are suffixes ("vaimoaan", "lapsiaan", "vaimonsa").
THIRD_PERSON_OWNERS = frozenset({"sin", "sitt", "sina", "his", "her", "their"})
THIRD_PERSON_SUFFIXES = ("aan", "ään", "taan", "tään", "nsa", "nsä")
# Words that make a sentence about the reader or the writer, not a report: object forms of
# "you" and "me" that SECOND_PERSON and FIRST_PERSON leave out.
REPORT_SPOILERS = frozenset(
    {"sinut", "sut", "sinua", "sua", "teidät", "teitä", "sinulle", "sulle", "minut", "mut",
     "minua", "mua", "meidät", "meitä", "dig", "dej", "mig", "mej", "oss", "you", "me", "us"}
)  # fmt: skip
# Finnish pronouns that end like a third-person possessive ("ketään", "mitään").
NOT_OWNED = frozenset({"ketään", "mitään", "yhtään", "kumpaakaan", "ketkään", "mitkään"})
REPORT_REACH = 3  # tokens after the verb within which the owned person is looked for
# Forms of a verb said of a third person: Finnish third person, Swedish present and past (one
# form for every person), English third person present and past.
THIRD_PERSON_TAGS = ("+3sg", "+3pl", "+pres3")


def _third_person_report(
    analysis: HarmAnalysis, index: int, start: int, end: int, infos: Sequence[FormInfo]
) -> bool:
    """Is the violent verb at `index` a report of what a third person does to someone of their
    own (§10.6 is about threats by the writer; the report may be a privacy matter): a subject
    before the verb in its clause, a third-person form (THIRD_PERSON_TAGS; Swedish "+pres" or
    "+past"), the person it is aimed at owned by the subject within REPORT_REACH tokens after
    it ("vaimoaan", "sin fru", "his wife") and nobody of the first or second person in the
    sentence: "Naapuri lyö vaimoaan", "Grannen slår sin fru", "My neighbour beats his wife";
    not "Lyön sinua", "Naapuri lyö sinua"."""
    words = analysis.words
    if index <= start or words[index - 1] in harm_grammar.FI_NEGATION:
        return False  # no subject: an imperative ("Lyö vaimoaasi"), "en tappaisi"
    if not any(
        any(tag in info.tags for tag in THIRD_PERSON_TAGS)
        or (info.language == "sv" and ("+pres" in info.tags or "+past" in info.tags))
        or (info.language == "en" and "+past" in info.tags)
        for info in infos
    ):
        return False
    clause = words[start:end]
    if (
        not harm_grammar.SECOND_PERSON.isdisjoint(clause)
        or not FIRST_PERSON.isdisjoint(clause)
        or not REPORT_SPOILERS.isdisjoint(clause)
    ):
        return False
    for at in range(index + 1, min(end, index + 1 + REPORT_REACH)):
        word = words[at]
        if word in THIRD_PERSON_OWNERS or (
            infos[0].language == "fi"
            and len(word) > 5
            and word.endswith(THIRD_PERSON_SUFFIXES)
            and word not in NOT_OWNED
        ):
            return True
    return False


def _person_object(analysis: HarmAnalysis, sentence: int, weapon: int) -> bool:
    """A person object pronoun (PERSON_OBJECTS, not after a preposition: OBJECT_PREPOSITIONS)
    is in the sentence and no harmless setting
    but the weapon's own token at `weapon` ("pelissä", "in the game"): the weapon's own
    kitchen word does not make "Leikkaan sinut veitsellä" harmless."""
    if PERSON_OBJECTS.isdisjoint(analysis.sentence_words(sentence)):
        return False
    first, end = analysis.bounds(sentence)
    words = analysis.words
    if not any(
        words[at] in PERSON_OBJECTS and (at == first or words[at - 1] not in OBJECT_PREPOSITIONS)
        for at in range(first, end)
    ):
        return False  # "ge den till henne": given to a person, not done to one
    return not analysis.innocent(sentence).settings - {weapon}


def _chopped(analysis: HarmAnalysis, index: int, end: int, lemma: str) -> bool:
    """A verb of chopping (CHOPPING_LEMMAS) has a thing for its object: the word right after it
    is a plain word that is no target, pronoun or body part (NOT_CHOPPED): "Hakkaa persilja
    hienoksi", "hakkaa sipulit" (the caller has found no person in the sentence)."""
    if lemma not in CHOPPING_LEMMAS or index + 1 >= end:
        return False
    word = analysis.words[index + 1]
    people = analysis.targets_at(analysis.sentence_of[index])
    return word.isalpha() and word not in NOT_CHOPPED and index + 1 not in people


def _capitalised(ctx: CheckContext, index: int) -> bool:
    table = ctx.text.table
    start, _end = ctx.text.span(table.starts[index], table.ends[index])
    return ctx.text.original[start : start + 1].isupper()


def _in_title(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> bool:
    """The verb at `index` is part of a title of a work: a known one written as a title
    ("Kill Bill", "Kill la Kill"), or, in a sentence about a film, game, book or song, a
    quoted title or a run of capitalised words ("Tapan Sinut Huomenna on hyvä biisi")."""
    words = analysis.words
    if harm_context.in_known_title(words, index) and _capitalised(ctx, index):
        return True
    sentence = analysis.sentence_of[index]
    if not analysis.media_sentence(sentence):
        return False
    if _inside_quotes(ctx, ctx.text.table.starts[index]):
        return True
    neighbours = [
        i
        for i in (index - 1, index + 1)
        if 0 <= i < len(words) and analysis.sentence_of[i] == sentence
    ]
    return _capitalised(ctx, index) and any(_capitalised(ctx, i) for i in neighbours)


def _inside_quotes(ctx: CheckContext, start: int) -> bool:
    """harm_context.inside_quotes, from the positions of the text's quotes (found once)."""
    positions = ctx.text.cache.get("double_quotes")
    if not isinstance(positions, list):
        positions = ctx.text.cache["double_quotes"] = harm_context.double_quotes(ctx.text.text)
    return bisect_left(positions, start) % 2 == 1


def _predicated_of_person(
    ctx: CheckContext, analysis: HarmAnalysis, index: int, sentence: int
) -> bool:
    """Is the noun at token `index` said of a person with a copula: a copula at most
    PREDICATE_REACH tokens before it with no comma, semicolon or colon between, and a person
    (a target word or a capitalised first name) before the copula in the sentence ("Rehtori on
    varas", "Anna är en tjuv", "The mayor is a paedophile and a thief"; not "Rehtori sanoi,
    että varas on kiinni")?"""
    words, gaps = analysis.words, analysis.gaps
    first, _end = analysis.bounds(sentence)
    for copula in range(index - 1, max(first, index - PREDICATE_REACH) - 1, -1):
        if any(mark in gaps[copula + 1] for mark in ",;:"):
            return False
        if words[copula] not in COPULA:
            continue
        return _first_person(ctx, analysis, sentence) < copula
    return False


# Copulas that open a yes/no question ("Onko rehtori varas?", "Är rektorn en tjuv?", "Is the
# principal a thief?"): an accusation insinuated as a question.
QUESTION_COPULAS = frozenset(
    {"onko", "oliko", "ovatko", "olivatko", "oletko", "ootko", "är", "is", "are", "was",
     "were", "isn", "aren", "wasn"}
)  # fmt: skip


def _asked_of_person(ctx: CheckContext, analysis: HarmAnalysis, index: int, sentence: int) -> bool:
    """Is the noun at token `index` asked of a person in a yes/no question: the sentence opens
    with a question copula (QUESTION_COPULAS), a person (a target word, a title or a
    capitalised first name: `_first_person`) comes between it and the noun, within
    PREDICATE_REACH tokens and with no comma ("Onko rehtori varas?", "Är rektorn en tjuv?",
    "Is the principal a thief?"; not "Onko varas jo saatu kiinni?")."""
    words, gaps = analysis.words, analysis.gaps
    first, _end = analysis.bounds(sentence)
    if words[first] not in QUESTION_COPULAS or not first < index <= first + PREDICATE_REACH:
        return False
    if any(mark in gaps[at] for at in range(first + 1, index + 1) for mark in ",;:"):
        return False
    return first < _first_person(ctx, analysis, sentence) < index


def _first_person(ctx: CheckContext, analysis: HarmAnalysis, sentence: int) -> int:
    """The index of the sentence's first word that names a person: a target word, a title
    (`_title`) or a capitalised first name; the sentence's end when none. Computed once per
    sentence, so a flood of accusations in one sentence stays linear."""
    key = ("first_person", sentence)
    found = analysis.per_sentence.get(key)
    if isinstance(found, int) and not isinstance(found, bool):
        return found
    words = analysis.words
    first, end = analysis.bounds(sentence)
    targets = analysis.targets_at(sentence)
    found = next(
        (
            i
            for i in range(first, end)
            if i in targets
            or _title(words[i])
            or (words[i] in FIRST_NAMES and _capitalised(ctx, i))
        ),
        end,
    )
    analysis.per_sentence[key] = found
    return found


@lru_cache(maxsize=4096)
def _title(word: str) -> bool:
    """Is `word` a title or role word (text/names.TITLES, prefixes of any inflection:
    "kaupunginjohtaja", "rektorn", "councillor"), or a compound with one of six letters or more
    after its first three ("sivistysjohtaja", "headteacher")?"""
    if word.startswith(TITLES):
        return True
    return any(len(title) >= 6 and title in word[3:] for title in TITLES)


def _named_person(ctx: CheckContext, analysis: HarmAnalysis, sentence: int) -> bool:
    """A first name written with a capital in the sentence (once per sentence)."""
    return analysis.sentence_fact(
        "named_person", sentence, lambda: _has_named_person(ctx, analysis, sentence)
    )


def _has_named_person(ctx: CheckContext, analysis: HarmAnalysis, sentence: int) -> bool:
    if not analysis.sentence_words(sentence) & FIRST_NAMES:
        return False
    original, table = ctx.text.original, ctx.text.table
    first, end = analysis.bounds(sentence)
    for index in range(first, end):
        if table.words[index] not in FIRST_NAMES:
            continue
        start, _end = ctx.text.span(table.starts[index], table.ends[index])
        if original[start : start + 1].isupper():
            return True
    return False


# Words for a work right before its title ("elokuva Perkele", "romaanin Saatanan tanssit",
# "the novel ..."): Finnish parts anywhere in the word, Swedish and English word starts.
WORK_PARTS = ("elokuv", "leffa", "kirja", "romaan", "teos", "teokse", "biisi", "kappale",
              "laulu", "albumi", "näytelm", "sarja", "runo", "levy")  # fmt: skip
WORK_HEADS = ("film", "bok", "boken", "roman", "låt", "sång", "skiva", "pjäs", "dikt", "verk",
              "book", "novel", "song", "album", "movie", "play", "poem", "series",
              "show")  # fmt: skip


def _titled_work(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit) -> bool:
    """The obscene word at `hit` is (part of) the title of a film, book, song or other work:
    in a sentence about a work, it stands in double quotes or guillemets ("Perkele",
    «Saatanan tanssit»), or it is capitalised and follows a word for a work ("elokuva
    Perkele", "boken Satans verser") or a capitalised word of the title. A capitalised swear
    word at the start of a sentence with no such word ("Perkele, mikä elokuva!") stays."""
    index = hit.index
    if index < 0:
        return False
    sentence = analysis.sentence_of[index]
    if not (
        analysis.media_sentence(sentence)
        or analysis.sentence_fact(  # once per sentence: many hits in one stay linear
            "work", sentence, lambda: any(map(_work_word, analysis.sentence_list(sentence)))
        )
    ):
        return False
    if _inside_quotes(ctx, ctx.text.table.starts[index]):
        return True
    if index == 0 or analysis.sentence_of[index - 1] != sentence:
        return False
    if not _title_cased(ctx, index):
        # A title in capitals right after a word for a work written in lower case ("elokuvan
        # PERKELE"); a sentence in capitals is shouting ("KATSOIN ELOKUVAN PERKELE").
        return _capitals_after_work(ctx, analysis, index, sentence)
    return _work_word(analysis.words[index - 1]) or (
        _title_cased(ctx, index - 1) and index - 1 > analysis.bounds(sentence)[0]
    )


TITLE_CHARS = 80  # a quoted title is short: a longer quote is a quoted text, not a title


def in_work_title(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit) -> bool:
    """The word of `hit` (any category) is part of the title of a work: written as a title
    after a word for a work or in quotes in a sentence about one (`_titled_work`: "elokuva
    Saatanan tanssit", «Jävla karlar», "the film Damn Yankees"), or a violent verb in a
    title (`_in_title`: "Kill Bill", "Tapan Sinut Huomenna on hyvä biisi"). A word inside
    quotes longer than TITLE_CHARS characters (a quoted text or a pasted post, whose quotes
    may not even pair) is in none, nor a masked or spelt-out word."""
    index = hit.index
    if index < 0:
        return False
    start = ctx.text.table.starts[index]
    if _inside_quotes(ctx, start):
        positions = ctx.text.cache["double_quotes"]
        assert isinstance(positions, list)  # noqa: S101 - made by _inside_quotes
        at = bisect_left(positions, start)
        close = positions[at] if at < len(positions) else len(ctx.text.text)
        if close - positions[at - 1] > TITLE_CHARS:
            return False
    return _titled_work(ctx, analysis, hit) or (
        hit.info.category in VERB_CATEGORIES and _in_title(ctx, analysis, index)
    )


TITLE_WORDS = 5  # words of a title in capitals read back to the word for its work


def _capitals_after_work(
    ctx: CheckContext, analysis: HarmAnalysis, index: int, sentence: int
) -> bool:
    """The word at `index` is in capitals, and so is each word back to one written in lower
    case that names a work, at most TITLE_WORDS back ("boken JÄVLA SKIT")."""
    first, _end = analysis.bounds(sentence)
    at = index
    while at > first and index - at < TITLE_WORDS and _all_capitals(ctx, at):
        at -= 1
        if not _all_capitals(ctx, at):
            return _work_word(analysis.words[at])
    return False


def _all_capitals(ctx: CheckContext, index: int) -> bool:
    """The word at `index` is written in capitals only (two letters at least)."""
    table = ctx.text.table
    start, end = ctx.text.span(table.starts[index], table.ends[index])
    word = ctx.text.original[start:end]
    return len(word) >= 2 and word.isupper()


def _title_cased(ctx: CheckContext, index: int) -> bool:
    """The word at `index` starts with a capital and is not all capitals (shouting is no
    title: "TAITAA VAAN VITUTTAA")."""
    table = ctx.text.table
    start, end = ctx.text.span(table.starts[index], table.ends[index])
    word = ctx.text.original[start:end]
    return word[:1].isupper() and not word.isupper()


@lru_cache(maxsize=1 << 16)  # asked of every word of a sentence with an obscene word
def _work_word(word: str) -> bool:
    """A word for a work: holds a Finnish part of WORK_PARTS or starts with WORK_HEADS
    (remembered per word: the test of fourteen parts was 2 % of a Suomi24 comment's check)."""
    return word.startswith(WORK_HEADS) or any(part in word for part in WORK_PARTS)


# First names that are also insult words: Faker's list lacks the Finnish Urpo.
NAME_WORDS = FIRST_NAMES | {"urpo"}


def _written_as_name(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit) -> bool:
    """The insult at `hit` is a first name used as one ("Urpo tuli kylään", "Pelle Svensson",
    "Jerker kommer"): a listed first name, capitalised but not all capitals, not after an
    address word ("senkin Urpo"), and followed by another word of its sentence with only a
    space between (a name alone or before a comma or "!" may be a cry: "Urpo!")."""
    index = hit.index
    words = analysis.words
    if index < 0 or words[index] not in NAME_WORDS or not _capitalised(ctx, index):
        return False
    table = ctx.text.table
    start, end = ctx.text.span(table.starts[index], table.ends[index])
    if ctx.text.original[start:end].isupper():
        return False
    if index > 0 and words[index - 1] in ADDRESS.get(hit.info.language, frozenset()):
        return False
    after = index + 1
    if after >= len(words) or analysis.sentence_of[after] != analysis.sentence_of[index]:
        return False
    return ctx.text.text[table.ends[index] : table.starts[after]].isspace()


SURNAMES = load_names("surnames")
# Function words that open a sentence with a capital ("You Dick", "Hey Dick"): no part of a
# name before a listed name spelt like a swear word.
NAME_STOPWORDS = frozenset(load_words("stopwords")) | {"hey", "hei", "hej", "oi", "hi"}
# A death or weapon emoji that makes "just wait" a menace ("Pormestari 🔪 odota vaan 💀").
MENACING_MARKS = (*WEAPON_EMOJI, "💀", "☠")


def _menace(ctx: CheckContext, analysis: HarmAnalysis, cued: bool) -> Iterator[Match]:
    """Veiled menace without a violent word (harm_menace; threat-003, §10.6): a pity if harm
    befell the reader's own, an accident said as a prospect for a person (`_accident`), harm
    promised to a person, "just wait" said to a person, "so that
    nothing happens" after advice on the reader's words, a person's home wished to burn, the
    reader's family's daily route told with care urged, a car to be checked each morning; and a
    weapon emoji on its way to a person (threat-002). Read from each cue word in its sentence
    only; the emoji only in a text with a target word."""
    words = analysis.words
    table = ctx.text.table
    text = ctx.text.text
    indexes = compress(range(len(words)), map(harm_menace.CUES.__contains__, words)) if cued else ()
    befallen: set[int] = set()
    for index in indexes:
        word = words[index]
        sentence = analysis.sentence_of[index]
        first, end = analysis.bounds(sentence)

        def person(i: int, sentence: int = sentence, first: int = first) -> bool:
            return _menaced_person(ctx, analysis, i, sentence, first)

        begin, last = index, None
        if word in harm_menace.PITY:
            _next_first, next_end = analysis.bounds(sentence + 1)
            last = harm_menace.pity_if_harmed(words, index, end, next_end, person)
        elif word in harm_menace.WAIT:
            span = text[table.starts[first] : table.ends[end - 1] + 8]
            marked = any(mark in span for mark in MENACING_MARKS)
            following = analysis.bounds(sentence + 1)
            last = harm_menace.just_wait(words, index, first, end, person, marked, following)
            if index > first and words[index - 1] == "just":
                begin = index - 1  # "just wait"
        elif word in harm_menace.BURN:
            wish = harm_menace.home_burning(words, index, first, end, person)
            if wish is not None:
                begin, last = wish, index  # "Olis kiva nähdä kun tuo X:n talo palaa"
        elif word in harm_menace.SAME:
            text_first = analysis.bounds(sentence - 1)[0] if sentence > 0 else first
            if harm_menace.family_route(words, index, first, end, text_first):
                begin, last = first, end - 1  # "Pidä huolta lapsistasi, ne kulkee samaa tietä"
        elif word in harm_menace.ACCIDENTS or word in harm_menace.HISTORY:
            if sentence in befallen:
                continue  # one finding for a sentence of accidents
            found = _accident(ctx, analysis, index, sentence)
            if found is not None:
                befallen.add(sentence)
                begin, last = found
        elif word in harm_menace.MORNINGS | harm_menace.MORNING | harm_menace.UNDER:
            if harm_menace.car_check(words, index, first, end):
                begin, last = first, end - 1  # "Autot kannattaa tarkistaa aamuisin"
        elif word in harm_menace.WISH_CUES:
            found = _wished_harm(ctx, analysis, index, sentence, person)
            if found is not None:
                if word in harm_menace.NOOSES:
                    yield ctx.match(
                        "threat-001",
                        table.starts[index],
                        table.ends[index],
                        confidence=0.8,
                        reason="death_wish",
                        word=word,
                    )
                    continue
                begin, last = found
        else:
            found = harm_menace.harm_promised(words, index, first, end, person)
            if found is not None:
                begin, last = found
            elif word in harm_menace.NOTHING_HAPPENS:
                last = harm_menace.nothing_happens(words, index, first, end)
        if last is not None:
            phrase = ctx.text.original[slice(*ctx.text.span(table.starts[begin], table.ends[last]))]
            yield ctx.match(
                "threat-003",
                table.starts[begin],
                table.ends[last],
                confidence=0.8,
                reason="intimidation",
                phrase=phrase,
            )
    if "targets" not in analysis.categories:
        return
    for mark in WEAPON_EMOJI:
        at = text.find(mark)
        if at < 0:
            continue
        before = bisect_left(table.starts, at)
        anchor = min(before, len(words) - 1)
        if anchor < 0:
            continue
        sentence = analysis.sentence_of[anchor]
        first, end = analysis.bounds(sentence)
        if analysis.person_targets(sentence) and harm_menace.emoji_coming(
            words, before, first, end
        ):
            yield ctx.match(
                "threat-002", at, at + len(mark), confidence=0.8, reason="weapon", word=mark
            )
            return


def _wished_harm(
    ctx: CheckContext,
    analysis: HarmAnalysis,
    index: int,
    sentence: int,
    person: Callable[[int], bool],
) -> tuple[int, int] | None:
    """The first and last token of harm wished or promised to a person from the cue at `index`
    (harm_menace.WISH_CUES): regret promised to a person named as the subject ("Rehtori tulee
    katumaan tätä"), fear urged on the reader ("Du borde vara rädd"), a disease wished on a
    person ("Hope the mayor gets cancer"), a noose said to suit officials ("Hirttoköysi
    sopisi valtuutetuille": a person target or a group in the sentence)."""
    words = analysis.words
    word = words[index]
    first, end = analysis.bounds(sentence)
    if word in harm_menace.REGRET:
        return harm_menace.regret_promised(words, index, first, end, person)
    if word in harm_menace.FEAR:
        return harm_menace.fear_urged(words, index, first, end)
    if word in harm_menace.DISEASES:
        return harm_menace.disease_wished(words, index, first, end, person)
    officials = any(
        hit.info.lemma not in PRONOUN_TARGETS for hit in analysis.person_targets(sentence)
    ) or bool(analysis.in_sentence(sentence, "groups"))
    if officials and harm_menace.noose_suits(words, index, first, end):
        return index, index
    return None


def _accident(
    ctx: CheckContext, analysis: HarmAnalysis, index: int, sentence: int
) -> tuple[int, int] | None:
    """The first and last token of an accident said as a prospect for a person, from the cue
    at `index` (harm_menace.ACCIDENTS or HISTORY) in `sentence`: "Vahinkoja sattuu,
    pormestari", "Olyckor händer, även för rektorn", "A hunting accident could happen to the
    mayor" (`harm_menace.accident_befalls`); a person said to be history in a text of hunting
    or weapons ("Jahti alkaa ja pormestari on historiaa", `harm_menace.history_of`). The
    person is named or an official (`_accident_person`), never the reader's "you" alone
    ("Accidents happen, you know"). None otherwise; "The mayor's visit is history now" (a
    thing of the mayor's) and "the mayor is history after the election" (no hunting or
    weapon in the text) are none."""
    words = analysis.words
    first, end = analysis.bounds(sentence)

    def named(i: int) -> bool:
        return _accident_person(ctx, analysis, i, sentence)

    if words[index] in harm_menace.ACCIDENTS:
        _next_first, next_end = analysis.bounds(sentence + 1)
        return harm_menace.accident_befalls(words, index, first, end, next_end, named)
    if analysis.categories.isdisjoint({"hunting", "weapons"}):
        return None
    if not harm_menace.ACCIDENTS.isdisjoint(words[first:end]):
        return None  # read from the accident word
    at = harm_menace.history_of(words, index, first, end, named)
    return None if at is None else (at, index)


def _accident_person(ctx: CheckContext, analysis: HarmAnalysis, i: int, sentence: int) -> bool:
    """Token `i` of `sentence` names a person an accident may befall: a target word or a
    title that is no pronoun (PRONOUN_TARGETS) and no owner ("the mayor's visit",
    "rektorns tal"), nor the speaker of a headline ("Rehtori: ..."), or a capitalised first
    name or surname."""
    word = analysis.words[i]
    if word in PRONOUN_TARGETS or word in harm_context.POSSESSIVES:
        return False
    gap = analysis.gaps[i + 1] if i + 1 < len(analysis.gaps) else ""
    if gap.strip()[:1] in {"'", "’", ":"}:
        return False
    if i in analysis.targets_at(sentence) or _title(word):
        return not (word.endswith("s") and _title(word[:-1]))  # "rektorns", "mayors"
    return _name_word(ctx, i)


def _menaced_person(
    ctx: CheckContext, analysis: HarmAnalysis, i: int, sentence: int, first: int
) -> bool:
    """The token at `i` names a person harm is promised to: a target word that is no
    possessive of a thing, a title, or a capitalised name (a listed first name or surname,
    or any capitalised word but the sentence's first)."""
    word = analysis.words[i]
    if i in analysis.targets_at(sentence) or _title(word):
        return True
    if not _capitalised(ctx, i) or _all_capitals(ctx, i):
        return False
    return i > first or word in FIRST_NAMES or word in SURNAMES


class _People:
    """The sentence's target words that are no possessive (`_harmless_sense`), asked one index
    at a time: the set of them made per verb was quadratic in a long sentence of many verbs
    and targets (100 kB of threats)."""

    __slots__ = ("_targets", "_words")

    def __init__(self, words: Sequence[str], targets: set[int]) -> None:
        self._words, self._targets = words, targets

    def __contains__(self, index: object) -> bool:
        return (
            index in self._targets
            and isinstance(index, int)
            and self._words[index] not in harm_context.POSSESSIVES
        )


def _harmless_sense(
    ctx: CheckContext,
    analysis: HarmAnalysis,
    index: int,
    last: int,
    end: int,
    lemma: str,
    language: str,
) -> bool:
    """The violent verb at `index` (its particle at `last`) is read in a harmless sense
    (harm_senses): an object or particle of one right after it ("blow up balloons",
    "execute the plan", "slå ett slag för", "häng med oss", "ammu tähtiin"), a hazard as its
    subject ("bread will kill them"), an English noun written like it ("your flu shot",
    "punch cards"), or a word of a name ("Robert Burns", "Butcher Street")."""
    words = analysis.words
    sentence = analysis.sentence_of[index]
    start = analysis.clause_start(index)
    people = _People(words, analysis.targets_at(sentence))
    if harm_senses.harmless_object(words, index, last, end, lemma, people):
        return True
    if harm_senses.hazard_subject(words, index, start):
        return True
    if language == "en" and harm_senses.english_noun(words, index, start, end, people):
        return True
    return _in_name(ctx, analysis, index)


# Particles of names ("Dick Van Dyke", "Ludwig van Beethoven", "Jean de La Fontaine").
NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "af", "la", "le", "di", "da", "del", "du", "mc", "mac"}
)
# Words after a name that make it a street's, a square's or a building's.
PLACE_NAME_HEADS = frozenset(
    {"street", "road", "avenue", "lane", "square", "park", "bridge", "hall", "house",
     "school", "st", "rd", "ave", "katu", "kadulla", "kadun", "katua", "tie", "tiellä", "tien",
     "kuja", "tori", "torilla", "puisto", "gatan", "gata", "vägen", "väg", "gränd", "gränden",
     "torget", "parken", "skolan"}
)  # fmt: skip
# Titles of rulers and saints before a name ("kuningas Kustaa", "kung Gustav", "King Dick").
RULERS = frozenset(
    {"kuningas", "kuninkaan", "kuningatar", "keisari", "prinssi", "ruhtinas", "herttua",
     "pyhä", "kung", "kungen", "drottning", "kejsar", "kejsaren", "prins", "prinsen",
     "hertig", "sankt", "king", "queen", "emperor", "prince", "princess", "duke", "saint"}
)  # fmt: skip
# Capitalised words that are no name before another: articles, copulas, address words.
NOT_NAME_LEADS = frozenset(
    {"a", "an", "the", "is", "are", "was", "you", "your", "such", "what", "hey", "big", "fat",
     "little", "old", "total", "olet", "on", "senkin", "sinä", "sä", "mikä", "är", "du", "din",
     "en", "ett", "vilken", "hej", "moi", "hei"}
)  # fmt: skip


def _in_name(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> bool:
    """The word at `index` is part of a name, not the harmful word it is spelt like: written
    with a capital (not in capitals), not after an address word ("you Dick"), with only a
    space beside a word of the name: before a street's or a building's head ("Butcher
    Street", "Lynch Road"), after a particle of a name ("Van Dyke"), as a listed name after
    a ruler's title or one of office ("kuningas Kustaa"; not "Rehtori Paska"), after a
    capitalised listed first name
    ("Robert Burns", "Tobias Dick"), as a listed name after any other capitalised word that
    is neither a function word nor a word of the harm vocabulary ("Moby Dick"; not "Stupid
    Dick", "Hey Dick"), or as a listed first name before a capitalised word ("Dick Van Dyke",
    "Kustaa Vaasa")."""
    if index < 0 or not _title_cased(ctx, index):
        return False
    words = analysis.words
    table = ctx.text.table
    text = ctx.text.text
    sentence = analysis.sentence_of[index]
    first, end = analysis.bounds(sentence)
    previous = index - 1 if index > first else -1
    following = index + 1 if index + 1 < end else -1
    if previous >= 0 and not text[table.ends[previous] : table.starts[index]].isspace():
        previous = -1
    if following >= 0 and not text[table.ends[index] : table.starts[following]].isspace():
        following = -1
    if previous >= 0 and words[previous] in NOT_NAME_LEADS:
        return False
    if following >= 0 and words[following] in PLACE_NAME_HEADS:
        return True
    listed = words[index] in FIRST_NAMES or words[index] in SURNAMES
    if previous >= 0 and (
        words[previous] in NAME_PARTICLES
        or (listed and (words[previous] in RULERS or _title(words[previous])))
        or (words[previous] in FIRST_NAMES and _title_cased(ctx, previous))
    ):
        return True
    if (
        listed
        and previous >= 0
        and _title_cased(ctx, previous)
        and words[previous] not in NAME_STOPWORDS
        and not vocabulary().lookup(words[previous])
    ):
        return True  # "Moby Dick", "Philip K Dick": a listed name after a capitalised word
    return (
        words[index] in FIRST_NAMES
        and following >= 0
        and words[following] not in NOT_NAME_LEADS
        and (_title_cased(ctx, following) or words[following] in NAME_PARTICLES)
    )


def harmless_violence(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit) -> bool:
    """The violent verb of `hit` is one the rules set aside for its context: a figurative or
    harmless word in its sentence (`HarmAnalysis.innocent_besides`: "joukkue", "in the
    game"), or a harmless sense of it (`_harmless_sense`: "blow up balloons", "bread will
    kill them", "Robert Burns"). For the model's findings, which these explain."""
    index = hit.index
    if index < 0 or hit.info.category not in VERB_CATEGORIES:
        return False
    if hit.info.lemma.split()[0] in harm_context.BEATING_LEMMAS:
        return False  # "hän hakkaa kaikki muut": the comparisons' own reading (`_compares`)
    sentence = analysis.sentence_of[index]
    direct = _direct_object(ctx, analysis, index)
    if analysis.innocent_besides(sentence, index, direct):
        return True
    _first, end = analysis.bounds(sentence)
    _present, last = harm_grammar.has_particle(analysis.words, index, end, hit.info.tags)
    language = hit.info.language or "fi"
    return _harmless_sense(ctx, analysis, index, last, end, hit.info.lemma, language)


def in_name(ctx: CheckContext, analysis: HarmAnalysis, hit: Hit) -> bool:
    """The word of `hit` is part of a name (`_in_name`: "Kustaa Vaasa", "Dick Van Dyke").
    For the model's findings."""
    return _in_name(ctx, analysis, hit.index)
