"""Threats, insults, obscenity and identity attacks (§2.5, §9.5, §10.6) by rules.

Words are looked up in every inflected form (text/vocabulary.py), so "tappaisin", "idiootteja" and
"vitun" are found from their lemmas. Threats are a recall net for a human: a violent verb counts
when its form threatens (first person, conditional, imperative, passive) and someone is its
target; figurative uses (the heat kills, killing time, shooting a goal) are set aside by context
words in the same sentence. Every match says which word and why.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.sentences import sentences
from someluotsi.guideline.text.vocabulary import FormInfo, vocabulary
from someluotsi.guideline.text.wordlists import load_names

THREATENING_TAGS = ("+1sg", "+1pl", "+cond", "+imper", "+pass+pres", "+pass+cond", "+inf3+ill")
STRONG_VERBS = frozenset(
    {
        "tappaa",
        "murhata",
        "ampua",
        "puukottaa",
        "raiskata",
        "hirttää",
        "kuristaa",
        "teurastaa",
        "räjäyttää",
        "listiä",
        "nitistää",
        "lahdata",
        "kiduttaa",
        "myrkyttää",
        "silpoa",
        "hukuttaa",
    }
)
ARSON_VERBS = frozenset(
    {"polttaa", "sytyttää", "räjäyttää", "bränna", "spränga", "burn", "blow up"}
)
# Verbs whose threat can be aimed at a place rather than a person (arson, bombs, shootings).
PLACE_VERBS = ARSON_VERBS | {"ampua", "skjuta", "shoot", "shot"}
# Swedish and English modals that make a violent verb threatening ("should be shot").
OTHER_MODALS = frozenset({"should", "must", "ought", "borde", "bör", "måste"})
FIRST_PERSON = frozenset({"minä", "mä", "mää", "me", "jag", "vi", "i", "we", "ill", "im"})
WILL = frozenset({"ska", "skall", "kommer", "will", "gonna", "going", "aion", "aiomme", "tulen"})
# A modal or volitive verb before a violent infinitive makes it threatening ("pitäisi kiduttaa",
# "haluaisin lyödä", "tekis mieli vetää").
MODALS = frozenset(
    {
        "pitäisi",
        "pitäis",
        "pitäs",
        "pitää",
        "täytyy",
        "täytyisi",
        "täytyis",
        "kannattaisi",
        "haluaisin",
        "haluan",
        "haluaisi",
        "voisin",
        "voisi",
        "aion",
        "aiomme",
        "aikoo",
        "tulen",
        "mieli",
        "saisi",
        "saisin",
        "sais",
        "pitäiskö",
        "should",
        "must",
        "ought",
        "borde",
        "måste",
    }
)
MASKED = compile_pattern(r"(?:^|[^\p{L}\p{N}])(\p{L}[\p{L}]*[*#@_][\p{L}*#@_]*\p{L}?)")
FIRST_NAMES = load_names()
MASKABLE = ("obscene", "insult", "identity")
# Words that turn a mention of a group into an attack on it, in the same sentence.
DEGRADING = ("dehumanising", "insult", "obscene")


@dataclass
class Hit:
    index: int  # token index; -1 for masked words and phrases
    start: int  # normalised offsets
    end: int
    info: FormInfo


@dataclass
class HarmAnalysis:
    """Every harmful-vocabulary hit of one text, indexed once for all detectors."""

    hits: list[Hit]
    sentence_of: list[int]
    words: list[str]
    by_category: dict[str, list[Hit]] = field(init=False)
    by_sentence: dict[tuple[int, str], list[Hit]] = field(init=False)
    words_by_sentence: dict[int, set[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_category, self.by_sentence, self.words_by_sentence = {}, {}, {}
        for hit in self.hits:
            self.by_category.setdefault(hit.info.category, []).append(hit)
            if hit.index >= 0:
                key = (self.sentence_of[hit.index], hit.info.category)
                self.by_sentence.setdefault(key, []).append(hit)
        for index, word in enumerate(self.words):
            self.words_by_sentence.setdefault(self.sentence_of[index], set()).add(word)

    def in_sentence(self, sentence: int, category: str) -> list[Hit]:
        return self.by_sentence.get((sentence, category), [])

    def of(self, category: str) -> list[Hit]:
        return self.by_category.get(category, [])

    def sentence_words(self, sentence: int) -> set[str]:
        return self.words_by_sentence.get(sentence, set())


def analyse(ctx: CheckContext) -> HarmAnalysis:
    cached = ctx.text.cache.get("harm")
    if isinstance(cached, HarmAnalysis):
        return cached
    words = vocabulary()
    hits: list[Hit] = []
    analyses = ctx.text.vocabulary  # each token looked up once per check, for every detector
    for index, token in enumerate(ctx.text.tokens):
        found = analyses[index]
        for info in found:
            hits.append(Hit(index, token.start, token.end, info))
        if found:
            continue
        for category in ("insult", "obscene"):
            part = words.compound_part(token.text, category)
            if part:
                info = FormInfo(category, "fi", part, "+compound")
                hits.append(Hit(index, token.start, token.end, info))
        attack = words.group_compound(token.text, DEGRADING)
        if attack:
            hits.append(Hit(index, token.start, token.end, attack))
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
    analysis = HarmAnalysis(hits, sentences(ctx.text).of_token, list(ctx.text.words))
    ctx.text.cache["harm"] = analysis
    return analysis


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
        for hit in analyse(ctx).of("insult"):
            reason = "insult_compound" if hit.info.tags == "+compound" else "insult_word"
            yield ctx.match(
                "insult-001",
                hit.start,
                hit.end,
                confidence=0.85,
                reason=reason,
                word=hit.info.lemma,
            )


class IdentityAttackDetector:
    rules = ("identity-001", "identity-002")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        analysis = analyse(ctx)
        for hit in analysis.of("identity"):
            yield ctx.match(
                "identity-001",
                hit.start,
                hit.end,
                confidence=0.9,
                reason="slur",
                word=hit.info.lemma,
            )
        for hit in analysis.of("groups"):
            sentence = analysis.sentence_of[hit.index]
            degrading = [
                h for category in DEGRADING for h in analysis.in_sentence(sentence, category)
            ]
            if degrading:
                other = degrading[0]
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
        tokens = ctx.text.tokens
        words = [t.text for t in tokens]
        for hit in analysis.of("threat_phrases"):
            yield ctx.match(
                "threat-003",
                hit.start,
                hit.end,
                confidence=0.9,
                reason="intimidation",
                phrase=hit.info.lemma,
            )
        for hit in analysis.of("threat_verbs"):
            sentence = analysis.sentence_of[hit.index]
            # Context words set the verb aside; the verb's own form ("shot") does not count.
            innocent = analysis.in_sentence(sentence, "innocent")
            if any(other.index != hit.index for other in innocent):
                continue
            yield from self._verb(ctx, analysis, hit, sentence, words)
        for hit in analysis.of("weapons"):
            sentence = analysis.sentence_of[hit.index]
            same = analysis.sentence_words(sentence)
            armed = (
                analysis.in_sentence(sentence, "threat_verbs")
                or analysis.in_sentence(sentence, "targets")
                or (analysis.in_sentence(sentence, "places") and FIRST_PERSON & set(same))
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
        ctx: CheckContext, analysis: HarmAnalysis, hit: Hit, sentence: int, words: Sequence[str]
    ) -> Iterator[Match]:
        info = hit.info
        same = analysis.sentence_words(sentence)
        target = bool(
            analysis.in_sentence(sentence, "targets")
            or analysis.in_sentence(sentence, "groups")
            or (info.lemma in PLACE_VERBS and analysis.in_sentence(sentence, "places"))
            or _named_person(ctx, analysis, sentence)
        )
        if info.language == "fi":
            before = {words[i] for i in range(max(0, hit.index - 3), hit.index)}
            threatening = any(tag in info.tags for tag in THREATENING_TAGS) or (
                "+inf1" in info.tags and bool(MODALS & before)
            )
            strong = info.lemma in STRONG_VERBS and any(
                t in info.tags for t in ("+1sg", "+1pl", "+cond")
            )
        else:
            threatening = bool(FIRST_PERSON & same or WILL & same or OTHER_MODALS & same)
            strong = False
        if threatening and (target or strong):
            yield ctx.match(
                "threat-001",
                hit.start,
                hit.end,
                confidence=0.85,
                reason="violent_verb_target",
                word=info.lemma,
            )
        elif threatening or target:
            yield ctx.match(
                "threat-004",
                hit.start,
                hit.end,
                confidence=0.5,
                reason="violent_verb",
                word=info.lemma,
            )


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
