"""Confidential or unfinished material (§2.5, §6.4, §9.4).

A draft word alone is not enough: city plans are published as drafts for comment
("kaavaluonnos on nähtävillä"). Unfinished material is flagged when the text says it is not
public yet.

Some markers are also everyday phrases, told apart by the word that follows them or by the
sentence around them (see `_ordinary_use`): "ei ole julkista liikennettä" says there is no
public transport, "älä jaa eteenpäin huijausviestejä" warns of scam messages, and "the
helpline is free and confidential" describes a service. A marker stays a marker when nothing
follows it in its clause, or a demonstrative or a word for information or a document does
("tämä tieto ei ole julkista", "älä jaa eteenpäin tätä muistiota", "confidential memo").

A marker in a sentence about how a matter is handled is no marking of material either
(`_handling_notice`): an agenda notice says THAT a secret matter is handled ("hallitus
käsittelee salassa pidettävän asian", "behandlar ett sekretessbelagt ärende", "will discuss a
confidential matter") and a promise says HOW data is handled ("käsittelemme tiedot
luottamuksellisesti", "uppgifterna behandlas konfidentiellt", "will be kept confidential");
neither leaks anything (§2.5 forbids publishing the secret, not naming that one exists). A
sentence that also shares something ("liitteenä", "bifogar", "attached") or gives the matter
after a colon stays marked.

All markers of one sentence make one finding ("Internal only – do not share"), and it spans
the marked material: the sentence, and when the sentence is a bare marking ("Älä jaa tätä
eteenpäin.", "LUOTTAMUKSELLINEN"), the sentence it marks too (the one before it, or the next
when it comes first); the redacted copy removes that span (`redaction.REDACTED_RULES`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import AuthorRole, Match
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.sentences import sentences, statement_end, statement_start
from someluotsi.guideline.text.wordlists import load_terms, load_words

# The markers and the unfinished terms; a closed meeting (CLOSED_MEETINGS) apart: it is read
# only with an unfinished term near it.
MARKERS = Lexicon(term for term in load_terms("confidential") if term[1] != "closed_meeting")
CLOSED_MEETINGS = Lexicon(
    term for term in load_terms("confidential") if term[1] == "closed_meeting"
)
DRAFTS = Lexicon((term, "draft") for term in load_words("drafts"))
LEAKS = Lexicon((term, "leak") for term, label in load_terms("leaks") if label == "leaks")
# Information said to be still secret ("vielä salaista", "fortfarande hemligt", "still
# secret"): a leak when told anyway (`_told_anyway`).
STILL_SECRET = Lexicon(term for term in load_terms("leaks") if term[1] == "still_secret")
# A first-person decision of a closed body told right after its meeting (`_closed_decisions`).
CLOSED_DECISIONS = Lexicon(load_terms("closed_decisions"))
# What a text tells before its time when it says the news is told "only then" (the [timing]
# terms of confidential.txt): a winner, a choice or a decision, or a cut or a closure.
REVEALS = Lexicon(
    (term, "reveal")
    for term in (
        "voittaja*", "valittu*", "valittiin", "valitaan", "päätetty", "päätettiin", "päätös on",
        "päätöksen mukaan", "lakkautetaan", "suljetaan", "leikataan", "irtisano*",
        "vinnare*", "vinnaren", "valdes", "har valts", "väljs", "beslutet är", "beslutat*",
        "läggs ner", "stängs", "skärs ner", "sägs upp",
        "winner", "winners are", "winner is", "was chosen", "has been chosen", "chosen as",
        "selected", "decided", "decision is", "will close", "closes", "will be cut", "laid off",
    )
)  # fmt: skip

# Markers that end in a word which can also describe a thing or take an object: "ei ole
# julkista" + liikennettä, "älä jaa eteenpäin" + huijausviestejä, "do not share this" + link.
OPEN_MARKERS = (
    "ei julki",
    "ei julkinen",
    "ei julkista",
    "ei ole julki",
    "ei ole julkinen",
    "ei ole julkista",
    "älä jaa eteenpäin",
    "älä levitä",
    "älkää levittäkö",
    "älkää jakako",
    "älkää jakako eteenpäin",
    "dela inte vidare",
    "sprid inte",
    "sprid inte vidare",
    "do not circulate",
    "don t share",
    "don t circulate",
    "do not share",
    "do not share this",
    "do not share it",
    "do not share further",
)
# "Confidential" said of a service or a talk ("free and confidential", "konfidentiella
# samtal", "luottamuksellista keskusteluapua") rather than of a document.
SERVICE_MARKERS = ("luottamuksellin*", "luottamuksellis*", "konfidentiell*", "confidential")

# Words that may follow an open marker in the same clause and leave it a marker: adverbs and
# conjunctions ("ei ole julkista vielä", "... ja", "not yet"), and demonstratives, after
# which the next word decides ("älä jaa eteenpäin tätä muistiota").
MARKER_TAIL = frozenset(
    {
        # fi
        "vielä", "ennen", "eikä", "ja", "joten", "koska", "mutta", "siksi", "eli", "vaan",
        "kun", "nyt", "enää", "toistaiseksi", "missään", "kenellekään", "kenenkään",
        "kaikille", "julkisuuteen", "mitenkään", "sillä", "että", "ellei", "tässä", "tällä",
        "vaiheessa", "ulkopuolelle", "muille", "somessa", "somessakaan",
        # sv
        "än", "ännu", "och", "men", "så", "förrän", "utan", "för", "eftersom", "alls",
        # en
        "yet", "and", "but", "so", "until", "outside", "with", "to", "or", "at", "before",
        "because", "anyone", "anybody", "externally", "publicly", "please",
    }
)  # fmt: skip
DEMONSTRATIVES = frozenset(
    {
        "tätä", "tämä", "tämän", "näitä", "nämä", "sitä", "se", "sen", "niitä", "ne",
        "detta", "det", "denna", "dessa", "this", "these", "it", "that", "those",
    }
)  # fmt: skip
# Parts of a word for information or a document: after an open marker it stays a marker
# ("ei ole julkista tietoa", "confidential memo", "konfidentiellt protokoll").
DOCUMENT_PARTS = (
    "tieto", "tiedo", "asiakirj", "muistio", "dokument", "aineisto", "materiaal", "liite",
    "liitte", "tiedost", "pöytäkir", "raport", "lista", "suunnitelm", "sopimu", "budjet",
    "uppgift", "handling", "protokoll", "rapport", "information", "memo", "document", "file",
    "report", "minutes", "plan", "budget", "data", "förslag", "ehdotu", "proposal",
)  # fmt: skip
# Parts of a word for a scam or a hoax: never a document to keep secret ("älä jaa eteenpäin
# tätä huijausviestiä").
SCAM_PARTS = (
    "huija", "ketjukir", "ketjuviest", "valeuutis", "roskapost", "kalastel", "bluff",
    "bedräg", "kedjebrev", "scam", "phishing", "hoax", "chain", "spam", "fake",
)  # fmt: skip
# Words for a service, help or a conversation (word starts): "confidential" in a sentence
# with one of them and no document describes the service ("the helpline is free and
# confidential").
SERVICE_HEADS = (
    # fi
    "apu", "apua", "avun", "tuki", "tukea", "tuen", "keskustel", "neuvon", "palvelu",
    "puhelin", "chat", "linja", "vastaanot", "ohjau", "terapi", "maksuto", "maksutta",
    "ilmai", "anonyym", "nimettöm", "kriisi", "auttava", "vertais",
    # sv
    "samtal", "stöd", "rådgivning", "tjänst", "hjälp", "kostnadsfri", "gratis", "anonym",
    "jour", "telefon", "chatt", "kurator", "terapeut",
    # en
    "helpline", "hotline", "service", "support", "counsel", "advice", "free", "anonymous",
    "conversation", "treatment", "therap", "listening",
)  # fmt: skip
NEAR = 6  # tokens either side of a "confidential" in which a service word counts

# Word starts for handling a matter or data (`_handling_notice`): "käsittelee", "käsitellään",
# "behandlas", "hanteras", "discuss", "kept".
HANDLING_HEADS = (
    "käsittel", "käsitel", "kohdel", "kohtel", "säilyt",
    "behandl", "hanter", "förvar",
    "handl", "treat", "process", "discuss", "consider", "kept", "keep", "stored",
)  # fmt: skip
# Word starts for a matter or an agenda item, said after a marker in a notice ("salassa
# pidettävän asian", "sekretessbelagt ärende", "confidential matter"); "asiakirja" is a
# document, not a matter.
MATTER_HEADS = (
    "asia", "asio", "pykäl", "kohta", "kohdan", "kohdat",
    "ärend", "punkt",
    "matter", "item",
)  # fmt: skip
MATTER_NOT = ("asiakir",)
# Words that hand material over in the same sentence: then a marker stays a marker
# ("Liitteenä salassa pidettävä asia, jota käsitellään huomenna").
SHARING = frozenset(
    {
        "liitteenä", "liitteeksi", "ohessa", "oheinen", "oheisena", "liitän", "liitin",
        "bifogar", "bifogat", "bifogad", "bifogade", "här", "nedan",
        "attached", "attaching", "enclosed", "here", "below",
    }
)  # fmt: skip
# Words of a promise form right before "confidential" (sv, en): "behandlas konfidentiellt",
# "kept confidential", "treated as confidential", "in confidence".
PROMISE_BEFORE = frozenset({"as", "som"})
# Word starts of the Finnish marker words whose adverb or essive says how a matter is handled.
FORM_HEADS = ("luottamuksell", "pidettäv", "salassapidettäv")

# Words for "not made public" that are a marking only before a word for information or a
# document ("julkistamaton irtisanomislista", "opublicerad rapport", "unpublished report"),
# not before a poem or a photo ("julkaisemattomia runoja").
ADJECTIVE_MARKERS = ("julkistamat*", "julkaisemat*", "opublicerad*", "unpublished", "unreleased")

_OPEN = frozenset(OPEN_MARKERS)
_ADJECTIVE = frozenset(ADJECTIVE_MARKERS)
_SERVICE = frozenset(SERVICE_MARKERS)


# A tender's bids told before the procurement decision (§6.4, §9.4: bids are not public until
# the decision is made; a fresh tester of stop 37: "Tarjousten avaus on vielä kesken, mutta
# halvin tarjous on Rakennus Oy:n 1,2 M€" passed in fi/sv/en): a bid word (BID_STARTS) with a
# ranking word before it (BID_RANKS) in one sentence, and a word that the procurement is still
# under way (STILL_OPEN) in the post. After the decision ("Hankintapäätös: halvin tarjous
# oli…") it is public.
BID_STARTS = ("tarjou", "anbud", "offert", "bid", "tender")
BID_RANKS = frozenset(
    {"halvin", "halvimman", "halvimpaan", "edullisin", "edullisimman", "kallein", "kalleimman",
     "paras", "parhaan", "korkein", "matalin", "alhaisin", "voittava", "lägsta", "billigaste",
     "dyraste", "högsta", "bästa", "vinnande", "lowest", "cheapest", "highest", "best",
     "winning", "most"}
)  # fmt: skip
STILL_OPEN = (
    "kesken", "vielä", "ennen päätöstä", "ennen hankintapäätöstä", "pågår", "fortfarande",
    "ännu", "innan beslutet", "still", "not yet", "ongoing", "before the decision",
    "under way", "underway",
)  # fmt: skip
BID_REACH = 3  # words from the ranking word to the bid
# What tells a bid after it in its sentence: a sum (a digit) or a company's form.
BIDDERS = frozenset(
    {"oy", "oyj", "ky", "tmi", "ab", "abp", "ltd", "inc", "llc", "plc", "gmbh", "euroa", "eur",
     "€", "euros", "euro", "kronor"}
)  # fmt: skip


class ConfidentialDetector:
    rules = ("confidential-001", "confidential-002", "confidential-003")
    # Each path needs a hit of one of these lists (or a ranking word of a bid).
    cues = (
        MARKERS.cues | CLOSED_MEETINGS.cues | LEAKS.cues | STILL_SECRET.cues
        | CLOSED_DECISIONS.cues | BID_RANKS
    )  # fmt: skip

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        drafts = ctx.text.find(DRAFTS)
        marked: dict[int, LexiconMatch] = {}  # sentence number -> its first marker
        closed: list[int] | None = None  # sentences with a closed meeting, found on demand
        reach: dict[int, int] = {}  # a marked sentence -> the closed meeting's sentence
        for hit in ctx.text.find(MARKERS):
            if hit.term.label == "marker":
                if _ordinary_use(ctx, hit):
                    continue
                marked.setdefault(sentences(ctx.text).of_token[hit.first], hit)
                continue
            if hit.term.label == "timing" and not (drafts or ctx.text.find(REVEALS)):
                continue  # "results only on Monday": a teaser tells nothing before its time
            if closed is None:
                of_token = sentences(ctx.text).of_token
                closed = [of_token[found.first] for found in ctx.text.find(CLOSED_MEETINGS)]
            sentence = sentences(ctx.text).of_token[hit.first]
            meeting = next((other for other in closed if abs(sentence - other) <= 1), None)
            if meeting is not None:
                # What a closed meeting decided, said not to be public yet: confidential
                # material, as a marking is (§2.5, §9.4), for every role; the finding spans
                # the meeting's sentence as well.
                marked.setdefault(sentence, hit)
                reach[sentence] = meeting
            elif drafts:
                draft = drafts[0]
                yield ctx.match(
                    "confidential-002",
                    min(draft.start, hit.start),
                    max(draft.end, hit.end),
                    confidence=0.9,
                    reason="draft_not_public",
                )
            else:
                yield ctx.match(
                    "confidential-002", hit.start, hit.end, confidence=0.75, reason="not_public"
                )
        for sentence, hit in marked.items():
            start, end = _marked_span(ctx, sentence)
            if sentence in reach:
                other = _marked_span(ctx, reach[sentence])
                start, end = min(start, other[0]), max(end, other[1])
            yield ctx.match(
                "confidential-001",
                start,
                end,
                confidence=0.9,
                reason="secrecy_marker",
                term=hit.term.text,
            )
        for hit in ctx.text.find(LEAKS):
            yield ctx.match("confidential-003", hit.start, hit.end, confidence=0.7, reason="leak")
        for hit in ctx.text.find(STILL_SECRET):
            if _told_anyway(ctx, hit):
                yield ctx.match(
                    "confidential-003", hit.start, hit.end, confidence=0.7, reason="secret_told"
                )
                break
        if ctx.role is AuthorRole.ELECTED:  # members of the bodies are elected officials
            yield from _closed_decisions(ctx)
        if not marked:
            yield from _secret_meeting_decisions(ctx)
        yield from _bids_before_decision(ctx)


def _bids_before_decision(ctx: CheckContext) -> Iterator[Match]:
    """A tender's best or cheapest bid told while the procurement is still open (module
    constants above), with its bidder or sum after it in its sentence (BIDDERS or a digit):
    one finding, confidential-002 (reason "bid_before_decision"), over the
    ranking word and the bid."""
    words = ctx.text.table.words
    if BID_RANKS.isdisjoint(ctx.text.table.distinct):
        return
    text = ctx.text.text
    if not any(mark in text for mark in STILL_OPEN):
        return
    table = ctx.text.table
    for index, word in enumerate(words):
        if word not in BID_RANKS:
            continue
        bid = next(
            (
                i
                for i in range(index + 1, min(len(words), index + 1 + BID_REACH))
                if words[i].startswith(BID_STARTS)
            ),
            None,
        )
        if bid is None:
            continue
        split = sentences(ctx.text)
        _first, end = split.bounds(split.of_token[bid])
        told = words[bid + 1 : end]
        if not any(w in BIDDERS or any(c.isdigit() for c in w) for w in told):
            continue  # "the best bid wins the auction": no bidder or sum is told
        yield ctx.match(
            "confidential-002",
            table.starts[index],
            table.ends[bid],
            confidence=0.7,
            reason="bid_before_decision",
        )
        return


# Verbs of deciding in any person or voice ("päätettiin", "beslutades", "it was decided"): what
# a meeting said to be secret or closed decided, told before a published source (a fresh
# tester of stop 37: "Kaupunginhallituksen salaisessa kokouksessa päätettiin sulkea Koivuhaan
# koulu" passed in fi/sv/en). Word starts.
MEETING_DECIDED = (
    "päätettiin", "päätti", "päättivät", "päätimme", "päätetty", "linjattiin", "linjasi",
    "hyväksy", "sovittiin", "beslutade", "beslutades", "beslöt", "bestämde", "godkän",
    "decided", "agreed", "approved", "voted",
)  # fmt: skip


# Words that make a meeting the city's when no body of closed_decisions.txt is named.
CITY_WORDS = ("kaupungin", "kunnan", "stadens", "kommunens", "city", "municipal", "council")


def _secret_meeting_decisions(ctx: CheckContext) -> Iterator[Match]:
    """A decision of a meeting named secret or closed (the [closed_meeting] terms of
    data/wordlists/confidential.txt: "salaisessa kokouksessa", "hemliga mötet", "behind closed
    doors") told in the same sentence with a verb of deciding (MEETING_DECIDED), and no
    published source in the post ("§", a link, a press release: DECISION_SOURCES), the
    meeting a city body's (a [body] of closed_decisions.txt or CITY_WORDS in its sentence).
    For every role: what such a meeting decided is not public before its minutes (§6.4, §9.4). One
    finding, confidential-002 (reason "closed_body_decision"), over the meeting and the
    verb."""
    meetings = ctx.text.find(CLOSED_MEETINGS)
    if not meetings or "§" in ctx.text.text:
        return
    words = ctx.text.table.words
    if any(word.startswith(DECISION_SOURCES) for word in words):
        return
    split = sentences(ctx.text)
    bodies = {
        split.of_token[hit.first]
        for hit in ctx.text.find(CLOSED_DECISIONS)
        if hit.term.label == "body"
    }
    for meeting in meetings:
        sentence = split.of_token[meeting.first]
        first, end = split.bounds(sentence)
        if sentence not in bodies and not any(
            word.startswith(CITY_WORDS) for word in words[first:end]
        ):
            continue  # "Secret meeting of the book club: we decided…"
        verb = next((i for i in range(first, end) if words[i].startswith(MEETING_DECIDED)), None)
        if verb is None:
            continue
        table = ctx.text.table
        yield ctx.match(
            "confidential-002",
            min(meeting.start, table.starts[verb]),
            max(meeting.end, table.ends[verb]),
            confidence=0.7,
            reason="closed_body_decision",
        )
        return


# "Tämä on vielä salaista, mutta…": what is still secret is the information at hand (a
# demonstrative or a word for information within SUBJECT_REACH words before it, or nothing
# before it in its sentence), and a "but" follows within BUT_REACH words.
SUBJECT_REACH = 4
BUT_REACH = 3
SECRET_SUBJECTS = frozenset(
    {"tämä", "tää", "tätä", "tämän", "se", "asia", "tieto", "päätös", "uutinen", "uutiset",
     "det", "detta", "den", "här", "beslutet", "nyheten", "informationen", "uppgiften",
     "this", "it", "that", "news", "decision", "information"}
)  # fmt: skip
BUT_WORDS = frozenset({"mutta", "mut", "men", "but"})
# Word starts of a reveal to come, after the "but": a teaser ("…, mutta paljastamme sen
# perjantaina", "…, but we'll announce it on Friday"), no leak.
REVEAL_LATER = (
    "paljast", "julkist", "julkais", "kerromme", "kerrotaan", "esittel", "vihje", "vinkki",
    "avslöj", "offentliggör", "tillkännag", "presenter", "ledtråd",
    "reveal", "announc", "unveil", "publish", "hint", "clue", "tuned",
)  # fmt: skip


def _told_anyway(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a hit of STILL_SECRET announces a leak (module constants above): the
    information at hand said to be secret, then "but" and no reveal to come."""
    split = sentences(ctx.text)
    first, end = split.bounds(split.of_token[hit.first])
    words = ctx.text.table.words
    before = words[max(first, hit.first - SUBJECT_REACH) : hit.first]
    if before and SECRET_SUBJECTS.isdisjoint(before):
        return False
    after = words[hit.last : min(end, hit.last + BUT_REACH)]
    if BUT_WORDS.isdisjoint(after):
        return False
    return not any(word.startswith(REVEAL_LATER) for word in words[hit.last : end])


# Words that give a published source of a decision anywhere in the post (word starts): a
# link, the city's site, a press release. The minutes named alone are no source: "pöytäkirja
# julkaistaan perjantaina" says they are not out yet.
DECISION_SOURCES = (
    "tiedote", "tiedotte", "pressmeddel", "press", "kokkola.fi", "karleby.fi", "http", "www",
)  # fmt: skip


def _closed_decisions(ctx: CheckContext) -> Iterator[Match]:
    """A decision of a body that meets behind closed doors told in the first person right
    after its meeting (§6.4, §9.4: its minutes are not public yet; data/wordlists/
    closed_decisions.txt): a [decided] verb, a [body] and a [recent] time in one sentence,
    and no published source in the post ("§", a link, a press release: DECISION_SOURCES). Not the
    council's public meeting, not an older decision. Read for elected officials, the bodies'
    members (staff present matters there; "we decided … in the committee" may be a club's).
    One finding, confidential-002 (reason
    "closed_body_decision"), over the verb."""
    hits = ctx.text.find(CLOSED_DECISIONS)
    if not hits or "§" in ctx.text.text:
        return
    if any(word.startswith(DECISION_SOURCES) for word in ctx.text.table.words):
        return
    of_token = sentences(ctx.text).of_token
    kinds: dict[int, set[str]] = {}
    for hit in hits:
        kinds.setdefault(of_token[hit.first], set()).add(hit.term.label)
    for hit in hits:
        if hit.term.label == "decided" and kinds[of_token[hit.first]] >= {
            "decided",
            "body",
            "recent",
        }:
            yield ctx.match(
                "confidential-002",
                hit.start,
                hit.end,
                confidence=0.65,
                reason="closed_body_decision",
            )
            return


def _marked_span(ctx: CheckContext, sentence: int) -> tuple[int, int]:
    """The normalised offsets of the material a marker in sentence number `sentence` marks
    (module doc): the sentence, joined with the one before it (or after it, for the first)
    when it holds nothing but markers and the words that go with them."""
    found = sentences(ctx.text)
    first, end = found.bounds(sentence)
    if _bare_marking(ctx, first, end) and len(found) > 1:
        if sentence > 0:
            first = found.bounds(sentence - 1)[0]
        else:
            end = found.bounds(sentence + 1)[1]
    return statement_start(ctx.text, first), statement_end(ctx.text, end - 1)


def _bare_marking(ctx: CheckContext, first: int, end: int) -> bool:
    """Whether tokens `first`..`end` hold only markers, demonstratives and the adverbs and
    conjunctions of MARKER_TAIL ("Älä jaa tätä eteenpäin", "Internal only – do not share")."""
    table = ctx.text.table
    covered: set[int] = set()
    for hit in MARKERS.find_in(
        table.words[first:end], table.starts[first:end], table.ends[first:end]
    ):
        covered.update(range(hit.first, hit.last))
    return all(
        index in covered or word in DEMONSTRATIVES or word in MARKER_TAIL
        for index, word in enumerate(table.words[first:end])
    )


def _ordinary_use(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a marker hit is an everyday phrase rather than a secrecy marking (module doc):
    an open marker followed in its clause by a word for something other than information,
    or "confidential" said of a service."""
    if hit.term.text in _OPEN:
        return _describes_thing(ctx, hit.last)
    if hit.term.text in _ADJECTIVE:
        following = _following(ctx, hit.last)
        return following is None or not _has_part(following, DOCUMENT_PARTS)
    if _label(ctx, hit):
        return False
    if _handling_notice(ctx, hit):
        return True
    return hit.term.text in _SERVICE and _of_service(ctx, hit)


def _handling_notice(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether the marker is part of a sentence about how a matter is handled (module doc):
    a word for handling in its sentence, nothing shared there and nothing given after a
    colon, and the marker either names a matter ("salassa pidettävän asian", "ett
    sekretessbelagt ärende", "a confidential matter") or says how ("luottamuksellisesti",
    "salassa pidettävänä", "behandlas konfidentiellt", "kept confidential")."""
    words = ctx.text.table.words
    first, end = sentences(ctx.text).bounds(sentences(ctx.text).of_token[hit.first])
    sentence = words[first:end]
    if not any(word.startswith(HANDLING_HEADS) for word in sentence):
        return False
    if any(word in SHARING for word in sentence):
        return False
    if ":" in ctx.text.text[ctx.text.table.starts[first] : ctx.text.table.ends[end - 1]]:
        return False
    following = _following(ctx, hit.last)
    if following is not None and following.startswith(MATTER_HEADS):
        return not following.startswith(MATTER_NOT)
    form = words[hit.last - 1]
    if any(word in DEMONSTRATIVES for word in sentence):
        return False  # "keep this memo confidential"
    if form.endswith(("sti", "nä", "na")) and form.startswith(FORM_HEADS):
        return True  # "luottamuksellisesti", "salassa pidettävänä" (an adverb, an essive)
    if following is None:  # the end of its clause, after a word for handling
        return any(word.startswith(HANDLING_HEADS) for word in words[first : hit.first])
    if not following.startswith(HANDLING_HEADS) and following not in MARKER_TAIL:
        return False
    before = words[hit.first - 1] if hit.first > first else ""
    if before in PROMISE_BEFORE and hit.first - 1 > first:
        before = words[hit.first - 2]
    return before.startswith(HANDLING_HEADS)


def _label(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """The marker is a label: a colon or a dash follows it ("Luottamuksellista:",
    "CONFIDENTIAL – do not distribute")."""
    after = ctx.text.text[hit.end : hit.end + 3].lstrip()
    return after[:1] in (":", "-", "–", "—")


def _following(ctx: CheckContext, index: int) -> str | None:
    """The word at token `index` when only spaces separate it from the token before it (the
    same clause), else None."""
    table = ctx.text.table
    if index >= len(table.words) or index == 0:
        return None
    gap = ctx.text.text[table.ends[index - 1] : table.starts[index]]
    return table.words[index] if gap.isspace() else None


def _describes_thing(ctx: CheckContext, index: int) -> bool:
    """The words from token `index` (right after an open marker) name a thing that is not
    information: a scam ("huijausviestejä"), or any other word but an adverb, a conjunction
    or a word for information or a document ("liikennettä", but not "vielä" or "tietoa")."""
    word = _following(ctx, index)
    if word is not None and word in DEMONSTRATIVES:
        following = _following(ctx, index + 1)
        return following is not None and _has_part(following, SCAM_PARTS)
    if word is None or word in MARKER_TAIL or not word.isalpha():
        return False
    return _has_part(word, SCAM_PARTS) or not _has_part(word, DOCUMENT_PARTS)


def _of_service(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """The word "confidential" said of a service: a word for a service, help or a
    conversation within NEAR tokens, and no word for information or a document there."""
    words = ctx.text.table.words
    before: Sequence[str] = words[max(0, hit.first - NEAR) : hit.first]
    near = [*before, *words[hit.last : hit.last + NEAR]]
    if any(_has_part(word, DOCUMENT_PARTS) for word in near):
        return False
    return any(word.startswith(SERVICE_HEADS) for word in near)


def _has_part(word: str, parts: tuple[str, ...]) -> bool:
    return any(part in word for part in parts)


LABELS = Lexicon((term, "label") for term in load_words("marking_labels"))
# Word starts of a word for a document: a label word right before one, or a label before a
# colon or a dash with one after it in its sentence, marks the document ("salainen
# pöytäkirja", "Hemligt: bilaga 2 till protokollet", "Restricted: memo on ...").
LABELLED_DOCUMENTS = (
    "pöytäkir", "muistio", "liite", "liitte", "asiakirj", "raport", "selvity", "sopimu",
    "esityslist", "protokoll", "promemoria", "bilaga", "handling", "dokument", "rapport",
    "utredning", "avtal", "memo", "minutes", "document", "report", "briefing", "attachment",
    "appendix", "dossier", "agreement", "föredragningslist", "förslag", "utkast", "luonnos",
    "ehdotu", "agenda", "draft", "proposal",
)  # fmt: skip
# Of those, the ones read anywhere in a word: the last part of a compound ("mötesprotokollet",
# "budgetförslaget", "kokouspöytäkirja", "budjettiluonnos").
DOCUMENT_TAILS = (
    "pöytäkir", "muistio", "asiakirj", "esityslist", "protokoll", "promemoria", "bilaga",
    "dokument", "rapport", "utredning", "förslag", "föredragningslist", "utkast", "luonnos",
    "ehdotu",
)  # fmt: skip


def _document_word(word: str) -> bool:
    """A word for a document (LABELLED_DOCUMENTS at its start, DOCUMENT_TAILS anywhere)."""
    return word.startswith(LABELLED_DOCUMENTS) or any(tail in word for tail in DOCUMENT_TAILS)


class MarkingLabelDetector:
    """A secrecy label on a document (§2.5, §9.4) in a word that is also an everyday word
    (data/wordlists/marking_labels.txt: "salainen", "hemligt", "secret", "restricted"): it
    marks material only as a label, that is

    - before a colon or a dash, in capitals or with a word for a document after it in its
      sentence: "SALAINEN – valtuuston suljetun kokouksen pöytäkirja.", "Restricted: memo on
      the school closures" (not "Salainen: kirjaston kahvilassa on paras pulla");
    - right before a word for a document (LABELLED_DOCUMENTS): "Salainen pöytäkirja",
      "Hemlig promemoria", "Secret memo" (not "Salainen resepti", "Secret Santa", "Hemliga
      trädgårdar");
    - alone on its line, in capitals: "SALAISTA\\nIrtisanottavien lista on tässä."

    The markers that are no everyday words ("luottamuksellinen", "sekretessbelagd",
    "confidential") are ConfidentialDetector's. Matches: confidential-001 over the marked
    material (`_marked_span`; overlapping matches of the rule are merged by the engine),
    reason "secrecy_marker", param `term`."""

    rules = ("confidential-001",)
    cues = LABELS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        of_token = sentences(ctx.text).of_token
        done: set[int] = set()
        for hit in ctx.text.find(LABELS):
            sentence = of_token[hit.first]
            if sentence in done or not _labels_document(ctx, hit):
                continue
            done.add(sentence)
            start, end = _marked_span(ctx, sentence)
            yield ctx.match(
                "confidential-001",
                start,
                end,
                confidence=0.85,
                reason="secrecy_marker",
                term=hit.term.text,
            )


def _labels_document(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a hit of LABELS is a label on a document (see MarkingLabelDetector)."""
    original = ctx.text.cased[hit.start : hit.end]
    capitals = original.isupper()
    following = _following(ctx, hit.last)
    if following is not None and _document_word(following):
        return True
    if _label(ctx, hit):
        if capitals:
            return True
        split = sentences(ctx.text)
        end = split.bounds(split.of_token[hit.first])[1]
        return any(_document_word(word) for word in ctx.text.table.words[hit.last : end])
    if not capitals:
        return False
    text = ctx.text.text
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    rest = text[hit.end : len(text) if line_end < 0 else line_end]
    return not text[line_start : hit.start].strip() and not any(c.isalnum() for c in rest)
