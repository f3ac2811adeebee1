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
a n") are joined, digits read as letters with or without their dots ("d0da"), and a weapon emoji
with a person addressed and a time ("🔪🩸 sulle huomenna") is a threat.

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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from someluotsi.guideline.checker.detectors import harm_context, harm_grammar
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.sentences import sentences
from someluotsi.guideline.text.vocabulary import FormInfo, Vocabulary, vocabulary
from someluotsi.guideline.text.wordlists import load_names

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
# Innocent words that set a verb aside only as its object ("tappaa aikaa", "killing time"),
# not anywhere in the sentence ("I'll kill you if you come one more time").
IDIOM_OBJECTS = frozenset({"aikaa", "aika", "time", "tiden", "tid"})
MESSAGE_OBJECTS = frozenset(
    {"email", "mail", "message", "text", "line", "note", "dm", "sähköposti", "sähköpostia",
     "viesti", "viestin", "mejl", "meddelande", "sms"}
)  # fmt: skip
THREAT_PHRASES = ("threat_phrases", "intimidation")
MASKED = compile_pattern(r"(?:^|[^\p{L}\p{N}])(\p{L}[\p{L}]*[*#@_][\p{L}*#@_]*\p{L}?)")
FIRST_NAMES = load_names()
MASKABLE = ("obscene", "insult", "identity")
# Words that turn a mention of a group into an attack on it, in the same sentence.
DEGRADING = ("dehumanising", "insult", "obscene")
COMPOUND_CATEGORIES = ("insult", "obscene")  # whose listed first parts make compounds
# Categories looked up in words spelt out letter by letter ("t a p a n", "i d i o o t t i").
SPACED_CATEGORIES = frozenset({"threat_verbs", "fate", "insult", "obscene", "identity"})
# Weapon and blood emoji: a threat with a person addressed and a time ("🔪🩸 sulle huomenna").
WEAPON_EMOJI = ("🔪", "🗡", "🔫", "💣", "🪓", "🩸", "⚰")
WHEN = frozenset(
    {"huomenna", "tänään", "tänä", "illalla", "yöllä", "pian", "kohta", "ensi", "huomisaamuna",
     "imorgon", "ikväll", "inatt", "snart", "morgon", "kväll", "natt", "tomorrow", "tonight",
     "soon", "today", "next"}
)  # fmt: skip


@dataclass
class Hit:
    index: int  # token index; -1 for masked words
    start: int  # normalised offsets
    end: int
    info: FormInfo


@dataclass
class HarmAnalysis:
    """Every harmful-vocabulary hit of one text, indexed once for all detectors."""

    hits: list[Hit]
    sentence_of: list[int]
    words: list[str]
    gaps: list[str]  # the normalised text before each token (since the previous one)
    by_category: dict[str, list[Hit]] = field(init=False)
    by_sentence: dict[tuple[int, str], list[Hit]] = field(init=False)
    words_by_sentence: dict[int, set[str]] = field(init=False)  # filled as sentences are asked

    def __post_init__(self) -> None:
        self.by_category, self.by_sentence, self.words_by_sentence = {}, {}, {}
        for hit in self.hits:
            self.by_category.setdefault(hit.info.category, []).append(hit)
            if hit.index >= 0:
                key = (self.sentence_of[hit.index], hit.info.category)
                self.by_sentence.setdefault(key, []).append(hit)

    def bounds(self, sentence: int) -> tuple[int, int]:
        """The sentence's first token and the token after its last (sentences are numbered in
        token order, so a binary search finds them; nothing is indexed for sentences that no
        detector asks about, which a flood of one-word sentences made costly)."""
        return bisect_left(self.sentence_of, sentence), bisect_right(self.sentence_of, sentence)

    def in_sentence(self, sentence: int, category: str) -> list[Hit]:
        return self.by_sentence.get((sentence, category), [])

    def of(self, category: str) -> list[Hit]:
        return self.by_category.get(category, [])

    def sentence_words(self, sentence: int) -> set[str]:
        found = self.words_by_sentence.get(sentence)
        if found is None:
            found = self.words_by_sentence[sentence] = set(self.sentence_list(sentence))
        return found

    def sentence_list(self, sentence: int) -> list[str]:
        first, end = self.bounds(sentence)
        return self.words[first:end]

    def clause_start(self, index: int) -> int:
        first, _end = self.bounds(self.sentence_of[index])
        return harm_grammar.clause_start(self.gaps, index, first)

    def negated(self, hit: Hit) -> bool:
        """The hit's word is negated in its clause, in the sense of its language(s)."""
        if hit.index < 0 or "+phrase" in hit.info.tags or "+compound" in hit.info.tags:
            return False
        start = self.clause_start(hit.index)
        languages = {info.language for info in _infos_at(self, hit.index, hit.info.category)}
        return any(
            harm_grammar.negated(self.words, hit.index, start, language or "fi")
            for language in languages or {hit.info.language}
        )

    def innocent_besides(self, sentence: int, index: int) -> bool:
        """A figurative or harmless context word in the sentence other than token `index`;
        the objects of idioms ("tappaa aikaa", "kill time") only right beside it."""
        for other in self.in_sentence(sentence, "innocent"):
            if other.index == index:
                if "+phrase" in other.info.tags:
                    return True  # the verb opens an innocent phrase: "skjuta upp" (postpone)
                continue
            distance = other.index - index
            if other.info.lemma in MESSAGE_OBJECTS:
                if 1 <= distance <= 3:
                    return True  # "shoot you an email"
            elif other.info.lemma in IDIOM_OBJECTS:
                if 1 <= distance <= 2 and not any(
                    h.index in range(index + 1, other.index)
                    for h in self.in_sentence(sentence, "targets")
                ):
                    return True  # "tappaa aikaa", "slog ihjäl tiden"
            else:
                return True
        return False


def _infos_at(analysis: HarmAnalysis, index: int, category: str) -> list[FormInfo]:
    sentence = analysis.sentence_of[index]
    return [h.info for h in analysis.in_sentence(sentence, category) if h.index == index]


def analyse(ctx: CheckContext) -> HarmAnalysis:
    cached = ctx.text.cache.get("harm")
    if isinstance(cached, HarmAnalysis):
        return cached
    words = vocabulary()
    table = ctx.text.table
    starts, ends = table.starts, table.ends
    # The readings of each distinct word: its analyses (each token looked up once per check,
    # for every detector), else its compound readings.
    readings: dict[str, tuple[FormInfo, ...]] = {}
    for word, found in ctx.text.word_vocabulary.items():
        if not found:
            found = words.compounds(word, COMPOUND_CATEGORIES, DEGRADING)
        if found:
            readings[word] = found
    hits: list[Hit] = []
    if readings:
        for index, word in enumerate(table.words):
            if word in readings:
                start, end = starts[index], ends[index]
                hits.extend(Hit(index, start, end, info) for info in readings[word])
    hits.extend(_spaced(ctx, words))
    text = ctx.text.text
    if any(mark in text for mark in "*#@_"):
        for found in MASKED.finditer(text):
            start, end = found.span(1)
            harmful = [i for i in words.unmask(found.group(1)) if i.category in MASKABLE]
            for category in dict.fromkeys(i.category for i in harmful):
                info = next(i for i in harmful if i.category == category)
                hits.append(Hit(-1, start, end, info))
    for phrase in ctx.text.find(words.phrases):
        info = FormInfo(phrase.term.label, "", phrase.term.text, "+phrase")
        hits.append(Hit(phrase.first, phrase.start, phrase.end, info))
    analysis = HarmAnalysis(hits, sentences(ctx.text).of_token, list(table.words), table.gaps[:-1])
    ctx.text.cache["harm"] = analysis
    return analysis


# A run of one-character tokens with single spaces between them ("t a p a n"); the runs of
# letters in it are what `_spaced` joins. One character class, so no backtracking.
_SINGLES = re.compile(r"(?<![^\W_])[^\W_](?: [^\W_])+(?![^\W_])")


def _spaced(ctx: CheckContext, words: Vocabulary) -> Iterator[Hit]:
    """Words spelt out in single letters with spaces ("t a p a n sut"): each run of three or
    more one-letter tokens is joined and looked up; a hit is tagged +spaced (a spaced threat
    verb counts only with a target, so "t a p a" in a crossword's answer stays quiet)."""
    table = ctx.text.table
    for run in _SINGLES.finditer(ctx.text.text):
        letters = run.group()[::2]  # one token each
        first = bisect_left(table.starts, run.start())
        for offset, end in _letter_runs(letters):
            if end - offset < 3:
                continue
            index = first + offset
            for info in words.lookup(letters[offset:end]):
                if info.category in SPACED_CATEGORIES:
                    spaced = FormInfo(
                        info.category, info.language, info.lemma, info.tags + "+spaced"
                    )
                    yield Hit(index, table.starts[index], table.ends[first + end - 1], spaced)


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
        for hit in analyse(ctx).of("obscene"):
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
                first = ctx.text.tokens[lead].start
                yield ctx.match(
                    "insult-001",
                    first,
                    hit.end,
                    confidence=0.8,
                    reason="insult_construction",
                    word=hit.info.lemma,
                )


class IdentityAttackDetector:
    rules = ("identity-001", "identity-002", "identity-004")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        analysis = analyse(ctx)
        reclaimable = {hit.index for hit in analysis.of("reclaimable")}
        pride = harm_context.pride_context(analysis.words)
        for hit in analysis.of("identity"):
            sentence = analysis.sentence_of[hit.index] if hit.index >= 0 else -1
            words = analysis.sentence_list(sentence) if sentence >= 0 else []
            degrading = sentence >= 0 and any(
                h.index != hit.index
                for category in DEGRADING
                for h in analysis.in_sentence(sentence, category)
            )
            if hit.index in reclaimable and pride and not degrading:
                reason = "reclaimed_word"
            elif harm_context.quoted(ctx.text.text, hit.start, hit.end) or (
                words and (harm_context.rejects(words) or harm_context.reports_naming(words))
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
            words = analysis.sentence_list(sentence)
            if harm_context.rejects(words) or harm_context.reports_naming(words):
                continue  # counter-speech: "it is wrong to say...", "stop calling..."
            attacks = [
                h
                for category in DEGRADING
                for h in analysis.in_sentence(sentence, category)
                if not analysis.negated(h)
            ] + [
                h
                for h in analysis.in_sentence(sentence, "negative_adjectives")
                if h.index > hit.index
                and _predicated(analysis, h.index)
                and not analysis.negated(h)
            ]
            exclusion = _exclusion(ctx, analysis, hit.index)
            if exclusion is not None:
                attacks.append(exclusion)
            if attacks:
                other = attacks[0]
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
        for category in THREAT_PHRASES:
            for hit in analysis.of(category):
                sentence = analysis.sentence_of[hit.index]
                if analysis.innocent_besides(sentence, hit.index):
                    continue  # "slog ihjäl tiden": killing time
                yield ctx.match(
                    "threat-003",
                    hit.start,
                    hit.end,
                    confidence=0.9,
                    reason="intimidation",
                    phrase=hit.info.lemma,
                )
        words = analysis.words
        if harm_grammar.KNOW & set(words):
            for index, word in enumerate(words):
                if word not in harm_grammar.KNOW:
                    continue
                _first, end = analysis.bounds(analysis.sentence_of[index])
                last = harm_grammar.stalking(words, index, end)
                if last is not None:
                    tokens = ctx.text.tokens
                    knower = index > 0 and words[index - 1] in harm_grammar.KNOWER
                    yield ctx.match(
                        "threat-003",
                        tokens[index - 1 if knower else index].start,
                        tokens[last].end,
                        confidence=0.85,
                        reason="intimidation",
                        phrase="stalking",
                    )
        verbs: dict[int, list[Hit]] = {}
        for category in VERB_CATEGORIES:
            for hit in analysis.of(category):
                if hit.index >= 0:
                    verbs.setdefault(hit.index, []).append(hit)
        for index, hits in verbs.items():
            sentence = analysis.sentence_of[index]
            # Context words set the verb aside; the verb's own form ("shot") does not count.
            if analysis.innocent_besides(sentence, index) or _in_title(ctx, analysis, index):
                continue
            yield from self._verb(ctx, analysis, hits, sentence)
        yield from _weapon_emoji(ctx, analysis)
        for hit in analysis.of("weapons"):
            sentence = analysis.sentence_of[hit.index]
            same = analysis.sentence_words(sentence)
            places = bool(analysis.in_sentence(sentence, "places"))
            armed = (
                analysis.in_sentence(sentence, "threat_verbs")
                or analysis.in_sentence(sentence, "targets")
                or (places and (FIRST_PERSON & same or hit.info.lemma in EXPLOSIVES))
            )
            if armed and not analysis.in_sentence(sentence, "innocent"):
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
        ctx: CheckContext, analysis: HarmAnalysis, hits: Sequence[Hit], sentence: int
    ) -> Iterator[Match]:
        words = analysis.words
        _first, end = analysis.bounds(sentence)
        hit = hits[0]
        index = hit.index
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
        start = analysis.clause_start(index)
        alone = last == index and (
            index + 1 >= end or any(mark in analysis.gaps[index + 1] for mark in ",;:!")
        )
        # A form shared by languages is read in the text's; when the text did not tell its
        # language (a few words), in each of them, and the first threatening reading counts.
        every = infos
        for language in _languages(ctx, every):
            infos = [info for info in every if info.language == language] or every
            tags = "|".join(
                info.tags + ("+fate" if info.category == "fate" else "") for info in infos
            )
            lethal = "+lethal" in tags
            place_verb = any(info.lemma in PLACE_VERBS for info in infos)
            reading = harm_grammar.read_verb(
                words, index, start, end, language, tags, lethal, place_verb, alone
            )
            if reading.threatening:
                break
        lemma = infos[0].lemma
        target = bool(
            reading.aimed
            or analysis.in_sentence(sentence, "targets")
            or analysis.in_sentence(sentence, "groups")
            or (place_verb and analysis.in_sentence(sentence, "places"))
            or _named_person(ctx, analysis, sentence)
        )
        if reading.figurative and (language != "fi" or not target):
            return
        if "+spaced" in hit.info.tags and not target:
            return  # "t a p a" as a crossword's answer
        if _animal_object(analysis, index, end) or (
            not target and harm_context.animal_context(analysis.sentence_words(sentence))
        ):
            return  # "Tapa hummeri nopeasti", "döda hummern innan du kokar den"
        fate = "+fate" in tags
        span_end = ctx.text.tokens[last].end if last != index else hit.end
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
        if fate or all("+ambiguous" in info.tags for info in infos):
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
    token = ctx.text.tokens[index + 1]
    return Hit(index + 1, token.start, token.end, FormInfo("exclusion", "", following[0], ""))


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
    ("🔪🩸 sulle huomenna", "🔫 dig ikväll", "🔪 you tomorrow")."""
    text = ctx.text.text
    found = [(text.find(mark), mark) for mark in WEAPON_EMOJI if mark in text]
    if not found or not analysis.of("targets") or not WHEN & set(analysis.words):
        return
    start, mark = min(found)
    yield ctx.match(
        "threat-002", start, start + len(mark), confidence=0.8, reason="weapon", word=mark
    )


def _animal_object(analysis: HarmAnalysis, index: int, end: int) -> bool:
    """A food animal or a pest is the verb's object: within three words after it, with no
    person between ("kill the lobster before you boil it"; not "tapan sinut ja kalan")."""
    people = {h.index for h in analysis.in_sentence(analysis.sentence_of[index], "targets")}
    for i in range(index + 1, min(end, index + 4)):
        if i in people:
            return False
        if harm_context.animal_context((analysis.words[i],)):
            return True
    return False


def _capitalised(ctx: CheckContext, index: int) -> bool:
    start, _end = ctx.text.span(ctx.text.tokens[index].start, ctx.text.tokens[index].end)
    return ctx.text.original[start : start + 1].isupper()


def _in_title(ctx: CheckContext, analysis: HarmAnalysis, index: int) -> bool:
    """The verb at `index` is part of a title of a work: a known one written as a title
    ("Kill Bill", "Kill la Kill"), or, in a sentence about a film, game, book or song, a
    quoted title or a run of capitalised words ("Tapan Sinut Huomenna on hyvä biisi")."""
    words = analysis.words
    if harm_context.in_known_title(words, index) and _capitalised(ctx, index):
        return True
    sentence = analysis.sentence_of[index]
    if not harm_context.media_context(analysis.sentence_words(sentence)):
        return False
    if harm_context.inside_quotes(ctx.text.text, ctx.text.tokens[index].start):
        return True
    neighbours = [
        i
        for i in (index - 1, index + 1)
        if 0 <= i < len(words) and analysis.sentence_of[i] == sentence
    ]
    return _capitalised(ctx, index) and any(_capitalised(ctx, i) for i in neighbours)


def _named_person(ctx: CheckContext, analysis: HarmAnalysis, sentence: int) -> bool:
    if not analysis.sentence_words(sentence) & FIRST_NAMES:
        return False
    original = ctx.text.original
    for index, token in enumerate(ctx.text.tokens):
        if analysis.sentence_of[index] != sentence or token.text not in FIRST_NAMES:
            continue
        start, _end = ctx.text.span(token.start, token.end)
        if original[start : start + 1].isupper():
            return True
    return False
