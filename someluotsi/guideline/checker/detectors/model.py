"""The trained classifier as a detector: a warning when a score passes its threshold.

Thresholds were chosen by cross-validation for the best F1 of "rules or model" (see
tools/train_toxicity.py). Model findings only warn: a person decides. They are dropped when a
rule of the same category already explains the text (registry.REDUNDANT_WITH).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors import conduct, harm_context, harmful
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.classifier import (
    HarmClassifier,
    gate_open,
    harm_classifier,
    vocabulary_categories,
)
from someluotsi.guideline.text.lexicon import Lexicon
from someluotsi.guideline.text.names import person_names
from someluotsi.guideline.text.wordlists import load_terms

RULE_FOR_ATTRIBUTE = {
    "toxicity": "insult-003",
    "insult": "insult-002",
    "threat": "threat-005",
    "identity_attack": "identity-003",
    "obscene": "obscene-002",
}
MIN_TOKENS = 3  # a word or two says too little for the model
# Vocabulary that makes a text hostile in the rules' eyes. Without any of it, a group word with
# a neutral predicate ("Muslimit juhlivat ramadania") needs a much higher identity score.
HOSTILE = frozenset(
    {"dehumanising", "insult", "obscene", "identity", "negative_adjectives", "vulgar_nouns",
     "threat_verbs", "threat_phrases", "intimidation", "weapons", "fate"}
)  # fmt: skip
NEUTRAL_GROUP_THRESHOLD = 0.5


def _wanted(classifier: HarmClassifier, categories: frozenset[str]) -> list[str]:
    """The attributes that can speak for a text with these vocabulary categories: a model its
    threshold switches off (above 1) or whose gate is closed is left out."""
    return [
        attribute
        for attribute in RULE_FOR_ATTRIBUTE
        if (model := classifier.models.get(attribute)) is not None
        and model.threshold <= 1
        and gate_open(attribute, categories)
    ]


class HarmModelDetector:
    rules = tuple(RULE_FOR_ATTRIBUTE.values())

    def prepare(self, texts: Sequence[AnalysedText]) -> None:
        """Score at once (`HarmClassifier.score_many`) each of a batch's texts that `detect`
        will score, so that their checks find the scores made; the findings are the same."""
        classifier = harm_classifier()
        if classifier is None:
            return
        classifier.score_many(
            [
                text
                for text in texts
                if len(text.table.words) >= MIN_TOKENS
                and _wanted(classifier, vocabulary_categories(text))
            ]
        )

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        classifier = harm_classifier()
        if classifier is None or len(ctx.text.table.words) < MIN_TOKENS:
            return
        categories = vocabulary_categories(ctx.text)
        wanted = _wanted(classifier, categories)
        if not wanted:
            return
        scores = classifier.scores(ctx.text, wanted)
        passed = []
        for attribute in wanted:
            threshold = classifier.models[attribute].threshold
            if attribute == "identity_attack" and not categories & HOSTILE:
                threshold = max(threshold, NEUTRAL_GROUP_THRESHOLD)
            if scores[attribute] >= threshold:
                passed.append(attribute)
        # Asked only when a score passes: most texts pass none, and the scores are cheaper
        # than the questions about the text's words.
        if not passed or _set_aside(ctx, categories):
            return
        # The score is the whole text's: a whole-text finding at 0..0 of the original text,
        # like the other whole-post findings (never shifted by a character dropped in
        # normalisation, and never a span the redacted copy would remove in full).
        for attribute in passed:
            yield ctx.match(
                RULE_FOR_ATTRIBUTE[attribute],
                0,
                0,
                normalised=False,
                confidence=scores[attribute],
                reason="model_score",
                score=f"{scores[attribute]:.2f}",
            )


# Words of a quality that a negation takes back ("ei ole koskaan ollut laiska", "är inte lat",
# "has never been lazy"): a text whose only hostile words are these, each negated, praises.
DENIABLE = frozenset({"negative_adjectives", "insult", "dehumanising"})


def _all_negated(ctx: CheckContext, hostile: frozenset[str]) -> bool:
    """Every hit of the hostile categories is a negated word of the text (harmful's reading:
    a negation before it in its clause); a masked or spelt-out one is not."""
    analysis = harmful.analyse(ctx)
    hits = [hit for category in hostile for hit in analysis.of(category)]
    return bool(hits) and all(analysis.negated(hit) for hit in hits)


def _insults_denied_or_reported(ctx: CheckContext, hostile: frozenset[str]) -> bool:
    """Every hostile word is an insult (or a vulgar noun that is the same word as one:
    "idiootti" is both) that is denied ("Et ole idiootti") or the name a reported act of
    name-calling gave (harmful.reported: "Minua haukuttiin idiootiksi", "I was called an
    idiot"). Another vulgar noun, an obscene word or a threat keeps the model's finding."""
    if not hostile <= DENIABLE | {"vulgar_nouns"} or "insult" not in hostile:
        return False
    analysis = harmful.analyse(ctx)
    insults = analysis.of("insult")
    at = {hit.index for hit in insults}
    if any(hit.index not in at for hit in analysis.of("vulgar_nouns")):
        return False
    hits = [hit for category in hostile - {"vulgar_nouns"} for hit in analysis.of(category)]
    return bool(hits) and all(
        hit.index >= 0 and (analysis.negated(hit) or harmful.reported(analysis, hit))
        for hit in hits
    )


def _hostile_hits(ctx: CheckContext, hostile: frozenset[str]) -> list[harmful.Hit] | None:
    """Every hit of the hostile categories (harmful's analysis), or None when one of them has
    none there (a word the vocabulary reads that the analysis does not: nothing to vouch for
    it)."""
    analysis = harmful.analyse(ctx)
    found: list[harmful.Hit] = []
    for category in hostile:
        hits = analysis.of(category)
        if not hits:
            return None
        found.extend(hits)
    return found


def _all_in_titles(ctx: CheckContext, hostile: frozenset[str]) -> bool:
    """Every hostile word of the text is part of the title of a work, as the rules read one
    (harmful.in_work_title): "Elokuva Saatanan tanssit on hieno", 'Filmen "Jävla karlar"
    visas i kväll', "the film Damn Yankees". One hostile word outside ("... oli paska")
    keeps the model's finding."""
    hits = _hostile_hits(ctx, hostile)
    if not hits:
        return False
    analysis = harmful.analyse(ctx)
    return all(harmful.in_work_title(ctx, analysis, hit) for hit in hits)


def _only_comparisons(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """The only hostile words are verbs of beating that compare a thing with the rest
    (harmful.beats_the_rest: "hinta hakkaa kaikki muut", "appen slår konkurrenterna"), with
    no target in the text; "hakkaan sut", "jag slår dig" are no comparison."""
    if categories & HOSTILE != {"threat_verbs"} or "targets" in categories:
        return False
    hits = _hostile_hits(ctx, frozenset({"threat_verbs"}))
    if not hits:
        return False
    analysis = harmful.analyse(ctx)
    return all(harmful.beats_the_rest(analysis, hit) for hit in hits)


# Words of a quality that may be said of a matter as an opinion ("päätös on tyhmä", "beslutet
# är dumt", "this decision is stupid"): an insult only when said of a person.
QUALITIES = frozenset({"negative_adjectives", "dehumanising"})
# Matters an opinion is about, besides the city's (conduct.CITY_MATTERS): a plan, a proposal.
MATTER_WORDS = frozenset(
    {"hanke", "hankkeen", "hanketta", "ehdotus", "ehdotuksen", "ehdotusta", "esitys",
     "esityksen", "esitystä", "linjaus", "linjauksen", "suunnitelma", "suunnitelman", "idea",
     "ratkaisu", "malli", "laki", "lakiesitys", "budget", "budgeten", "förslag", "förslaget",
     "plan", "planen", "idé", "idén", "lösning", "lösningen", "modell", "modellen",
     "proposal", "solution", "policy", "project", "scheme", "law", "bill"}
)  # fmt: skip
# Words for a person that the vocabulary's targets leave out: pronouns of the third person
# and of the reader, and everyday words for someone ("toi tyyppi on hullu").
PERSON_WORDS = frozenset(
    {"hän", "hänen", "häntä", "hänet", "sinä", "sä", "sinua", "sua", "te", "teidän", "he",
     "heidän", "heitä", "tyyppi", "jätkä", "mies", "nainen", "ihminen", "kaveri", "han",
     "hon", "honom", "henne", "du", "dig", "ni", "er", "de", "dem", "killen", "tjejen",
     "mannen", "kvinnan", "människan", "she", "him", "her", "you", "they", "them", "guy",
     "man", "woman", "person", "people", "dude"}
)  # fmt: skip


def _opinion_on_a_matter(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """An opinion marked as one's own ("mielestäni", "jag tycker", "in my opinion":
    conduct.OPINIONS) on a matter (conduct.CITY_MATTERS or MATTER_WORDS: "päätös", "beslutet",
    "the plan"), whose only hostile words are qualities (QUALITIES: "tyhmä", "dumt",
    "stupid") or none the vocabulary knows ("hullu"), with no person in the text they could
    be said of: no person word (PERSON_WORDS, a target of the vocabulary, a city person of
    conduct.CITY_PEOPLE, a named person) but one that owns the matter right after it
    ("valtuuston päätös", "your plan"). An insult word, an obscene word or a group keeps
    the model's finding."""
    if not categories & HOSTILE <= QUALITIES or categories & {"groups", "identity"}:
        return False
    text = ctx.text
    if not text.find(conduct.OPINIONS):
        return False
    words = text.table.words
    matters = {i for m in text.find(conduct.CITY_MATTERS) for i in range(m.first, m.last)}
    matters.update(i for i, word in enumerate(words) if word in MATTER_WORDS)
    if not matters:
        return False
    people = {i for i, word in enumerate(words) if word in PERSON_WORDS}
    people.update(i for m in text.find(conduct.CITY_PEOPLE) for i in range(m.first, m.last))
    people.update(i for name in person_names(text) for i in range(name.first, name.last))
    if "targets" in categories:
        people.update(hit.index for hit in harmful.analyse(ctx).of("targets"))
    return all(i + 1 in matters for i in people - matters)


# The writer's own thoughts of not wanting to live ("En jaksa enää elää, kukaan ei välitä",
# "jag vill inte leva längre", "I want to die"): the phrases the inbox answers as a crisis
# (the [crisis] section of the triage word list, read by messages/triage.py too). The model,
# trained on comments, scores the Finnish ones as insults (insult 0.37-0.47 against a
# threshold of 0.36, a fresh tester of stop 40): a cry for help is no insult.
CRISIS = Lexicon((term, label) for term, label in load_terms("triage") if label == "crisis")
# Words for the reader: with them a death wish may be aimed at someone ("haluan että sinä
# kuolet"), and the model's finding stays.
READER_WORDS = frozenset(
    {"sinä", "sä", "sinua", "sua", "sinut", "sut", "sinun", "sun", "sinulle", "sulle", "te",
     "teidän", "teitä", "teille", "du", "dig", "din", "ditt", "dina", "ni", "er", "you",
     "your", "yourself"}
)  # fmt: skip


def _own_crisis(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """The text tells of the writer's own thoughts of not wanting to live (a CRISIS phrase)
    and holds no hostile word but words of death ("fate": "haluan kuolla"), no target, group
    or identity word and no word for the reader (READER_WORDS): a cry for help, which the
    inbox answers with 112 and the crisis line, is no insult. "En jaksa elää, olet idiootti"
    and "haluan että sinä kuolet" keep the model's finding."""
    if not categories & HOSTILE <= {"fate"} or categories & {"targets", "groups", "identity"}:
        return False
    if not READER_WORDS.isdisjoint(ctx.text.table.distinct):
        return False
    return bool(ctx.text.find(CRISIS))


def _set_aside(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """Texts the rules read as harmless, whose words the model still scores high:
    a quality denied ("Matti Virtanen ei ole koskaan ollut laiska": each hostile word
    negated), counter-speech whose only harmful word is a slur and which rejects it ('Rasismi on
    väärin: "mamut pois" -kirjoittelu pitää lopettaa'), a violent verb about a food
    animal or a pest with no person in the text ("Kissanpentu tappoi hiiren pihalla"), the
    title of a work holding every hostile word ("elokuva Saatanan tanssit", «Jävla karlar»,
    "the film Damn Yankees"), a thing beating the rest ("hinta hakkaa kaikki muut"), an
    own opinion of a matter ("Mielestäni tämä hanke on ihan hullu") and the writer's own
    thoughts of not wanting to live ("En jaksa enää elää, kukaan ei välitä": `_own_crisis`)."""
    words = ctx.text.table.distinct  # what is asked of each word, not of their order
    if categories & HOSTILE == {"identity"} and harm_context.rejects(words):
        return True
    hostile = categories & HOSTILE
    if hostile and hostile <= DENIABLE and _all_negated(ctx, hostile):
        return True
    if hostile and _insults_denied_or_reported(ctx, hostile):
        return True
    if hostile and _all_in_titles(ctx, hostile):
        return True
    if _only_comparisons(ctx, categories) or _opinion_on_a_matter(ctx, categories):
        return True
    if _own_crisis(ctx, categories):
        return True
    violent_only = categories & HOSTILE <= {"threat_verbs", "fate"}
    if violent_only and "targets" not in categories and harm_context.animal_context(words):
        return True
    if hostile and _all_in_names(ctx, hostile):
        return True
    if violent_only and _safety_notice(ctx, categories):
        return True
    if not hostile and _scam_warning(ctx, categories):
        return True
    if hostile <= {"threat_verbs"} and _everyday_prohibition(ctx, categories):
        return True
    if hostile == {"weapons"} and "innocent" in categories and "targets" not in categories:
        return True  # a knife in a cooking course, a laser gun in a game: no one is aimed at
    return bool(hostile) and violent_only and _only_harmless_violence(ctx, hostile)


def _all_in_names(ctx: CheckContext, hostile: frozenset[str]) -> bool:
    """Every hostile word of the text is part of a name as the rules read one
    (harmful.in_name: "Kustaa Vaasa perusti Helsingin", "Dick Van Dyke film night")."""
    hits = _hostile_hits(ctx, hostile)
    if not hits:
        return False
    analysis = harmful.analyse(ctx)
    return all(harmful.in_name(ctx, analysis, hit) for hit in hits)


def _only_harmless_violence(ctx: CheckContext, hostile: frozenset[str]) -> bool:
    """Every hostile word is a violent verb that the rules set aside for its context
    (harmful.harmless_violence): sports ("Joukkue murskasi vastustajan, maalivahti tappoi
    kaikki toiveet"), a harmless sense ("bread will kill them", "execute the plan")."""
    hits = _hostile_hits(ctx, hostile)
    if not hits:
        return False
    analysis = harmful.analyse(ctx)
    return all(harmful.harmless_violence(ctx, analysis, hit) for hit in hits)


# A notice of safety: a word of prevention, rescue or learning (word starts) with a word of
# death, drowning or accidents ("Hukkumiskuolemia voi estää: opettele uimaan", "Drowning
# deaths can be prevented", "Drunkningsolyckor kan förebyggas").
SAFETY_WORDS = (
    "estä", "estet", "ehkäi", "ennaltaehk", "turvalli", "pelast", "varo", "uimataito",
    "uimaopet", "uimakoulu", "opettele", "kurssi", "ensiapu", "neuvont", "tietoisku",
    "förebygg", "förhindra", "undvik", "säker", "räddning", "simkunnig", "simskol", "lär",
    "kurs", "hjälp", "varning", "prevent", "avoid", "safety", "safe", "rescue", "lifeguard",
    "learn", "lesson", "course", "first", "warning", "check", "tarkista", "kontrollera",
)  # fmt: skip
DANGER_WORDS = (
    "kuolem", "kuole", "hukku", "onnettomuu", "tapaturm", "vamm", "loukkaan", "myrkyty",
    "häkä", "palokuolem", "dödsfall", "död", "drunkn", "olyck", "skad", "förgiftning",
    "kolmonoxid", "death", "dead", "die", "drown", "accident", "injur", "poisoning",
    "fatal", "carbon",
)  # fmt: skip


# A warning of scams (`_scam_warning`): the scam, as a thing or the scammers as a plural
# (word starts), and the warning (word starts and whole words).
SCAM_WORDS = (
    "huijau", "huijar", "huijat", "kalastel", "tietojenkalastel", "bedräg", "bedragar",
    "bluff", "nätfisk", "scam", "fraud", "phishing",
)  # fmt: skip
# One scammer is a person called one ("hän on huijari", "you are a fraud"): no warning then.
ONE_SCAMMER = frozenset(
    {"huijari", "huijarin", "huijaria", "huijarina", "huijariksi", "bedragaren", "scammer",
     "fraud", "fraudster"}
)  # fmt: skip
WARNING_STARTS = (
    "varo", "varoit", "huom", "muista", "tarkista", "akta", "varning", "varnar", "se upp",
    "beware", "warn", "careful", "remember",
)  # fmt: skip
WARNING_WORDS = frozenset(
    {"älä", "älkää", "koskaan", "ikinä", "aldrig", "inte", "never", "don", "dont", "not"}
)


def _scam_warning(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """A warning to the public of scams ("Varokaa huijaussoittoja: pankki ei koskaan kysy
    tunnuksiasi puhelimessa", "Huijarit soittavat vanhuksille. Älä anna tunnuksiasi",
    "Beware of scam calls"): a scam word (SCAM_WORDS), a word of warning or of never
    (WARNING_STARTS, WARNING_WORDS), no target or group words and no one person called a
    scammer (ONE_SCAMMER: "Varokaa Virtasta, hän on huijari" keeps the model's finding). The
    caller has found no hostile word. The model, trained on comments, reads the scam words as
    abuse."""
    if categories & {"targets", "groups"}:
        return False
    words = ctx.text.table.distinct
    if not ONE_SCAMMER.isdisjoint(words) or not any(w.startswith(SCAM_WORDS) for w in words):
        return False
    return not WARNING_WORDS.isdisjoint(words) or any(w.startswith(WARNING_STARTS) for w in words)


def _safety_notice(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """A notice of safety (SAFETY_WORDS and DANGER_WORDS in the text) whose only hostile
    words, if any, are violent verbs and that names no target or group: the model reads
    the words of death, not their prevention."""
    if categories & {"targets", "groups"}:
        return False
    words = ctx.text.table.distinct
    return any(word.startswith(SAFETY_WORDS) for word in words) and any(
        word.startswith(DANGER_WORDS) for word in words
    )


# The Finnish prohibitive (word starts) and the verbs of talking that Suomi24's comments
# silence with it ("älä jauha", "älä höpise", "älkää valehdelko"): the model, trained on those
# comments, scores every "älä" as abuse, also advice ("Älä aja humalassa", "Älä polta
# tupakkaa sängyssä": a fresh tester of stop 36; the Swedish and English advice scored low).
FI_PROHIBITIVE = frozenset({"älä", "älkää", "äläkä"})
SILENCING = (
    "jauha", "höpi", "höpö", "puhu", "valehtel", "selit", "kommentoi", "möli", "möly", "ulis",
    "vinku", "itke", "ruikut", "paasa", "kirjoittel", "huuda", "rääky", "vänkä", "vittuil",
    "tule", "tuu", "mee", "mene", "kuvittel", "luul", "esitä", "viitsi", "nolaa", "naura",
)  # fmt: skip


def _everyday_prohibition(ctx: CheckContext, categories: frozenset[str]) -> bool:
    """A Finnish prohibition of an everyday act, as advice: the text starts with the
    prohibitive (FI_PROHIBITIVE: "Älä aja humalassa", "Älkää jättäkö kynttilöitä palamaan")
    whose verb is not one of talking or coming (SILENCING: "älä jauha", "älä tule tänne"),
    with no hostile word but violent verbs (the caller's test), each of them the prohibited
    act ("Älä aja humalassa", "älä polta": the vocabulary's "run over" and "burn"), no
    target, group or person word (PERSON_WORDS other than the reader's "sinä"/"te"). Reads
    the first two words."""
    if categories & {"targets", "groups", "identity"}:
        return False
    words = ctx.text.table.words
    if len(words) < 2 or words[0] not in FI_PROHIBITIVE or words[1].startswith(SILENCING):
        return False
    if "threat_verbs" in categories:
        hits = _hostile_hits(ctx, frozenset({"threat_verbs"}))
        if not hits or any(hit.index != 1 for hit in hits):
            return False
    people = PERSON_WORDS - {"sinä", "sä", "te", "sinua", "teidän"}
    return people.isdisjoint(ctx.text.table.distinct)
