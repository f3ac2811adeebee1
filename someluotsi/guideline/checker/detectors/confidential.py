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
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.wordlists import load_terms, load_words

MARKERS = Lexicon(load_terms("confidential"))
DRAFTS = Lexicon((term, "draft") for term in load_words("drafts"))
LEAKS = Lexicon((term, "leak") for term in load_words("leaks"))

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
    "dela inte vidare",
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

_OPEN = frozenset(OPEN_MARKERS)
_SERVICE = frozenset(SERVICE_MARKERS)


class ConfidentialDetector:
    rules = ("confidential-001", "confidential-002", "confidential-003")
    cues = MARKERS.cues | LEAKS.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        drafts = ctx.text.find(DRAFTS)
        for hit in ctx.text.find(MARKERS):
            if hit.term.label == "marker":
                if _ordinary_use(ctx, hit):
                    continue
                yield ctx.match(
                    "confidential-001",
                    hit.start,
                    hit.end,
                    confidence=0.9,
                    reason="secrecy_marker",
                    term=hit.term.text,
                )
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
        for hit in ctx.text.find(LEAKS):
            yield ctx.match("confidential-003", hit.start, hit.end, confidence=0.7, reason="leak")


def _ordinary_use(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a marker hit is an everyday phrase rather than a secrecy marking (module doc):
    an open marker followed in its clause by a word for something other than information,
    or "confidential" said of a service."""
    if hit.term.text in _OPEN:
        return _describes_thing(ctx, hit.last)
    if hit.term.text in _SERVICE:
        return not _label(ctx, hit) and _of_service(ctx, hit)
    return False


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
