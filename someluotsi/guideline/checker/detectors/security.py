"""Security details (§10.1, §10.3): access codes, passwords and where keys or server rooms are
(SecurityDetector), and gaps in a place's or a system's protection: a camera, alarm, lock or
guard said not to work or to be absent, a private network address (SecurityGapDetector).

Mentioning that a door has a code is fine ("the code is given on site"); the code itself is not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.normalize import Token
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.sentences import sentences
from someluotsi.guideline.text.wordlists import load_terms, load_words

CODE_WORDS = Lexicon((term, "code") for term in load_words("security_codes"))
PASSWORD_WORDS = Lexicon((term, "password") for term in load_words("passwords"))
PLACES = Lexicon(load_terms("security_places"))
LOCATIONS = Lexicon(load_terms("location_words"))
CODE_VALUE = compile_pattern(r"^(?:[#*]?\d{3,8}[#*]?|[a-z]\d{3,7}|\d{3,7}[a-z])$")
# A password value follows a separator or a verb within a few words of the password word.
SEPARATORS = frozenset({":", "=", "-", "–", "on", "oli", "är", "var", "is", "was", "ist"})
QUOTES = "\"'“”‘’«»"
NOT_SECRETS = frozenset(
    {
        "henkilökohtainen",
        "vaihdettava",
        "salainen",
        "pakollinen",
        "vahva",
        "tarpeen",
        "unohtunut",
        "vanhentunut",
        "voimassa",
        "sama",
        "personligt",
        "hemligt",
        "obligatoriskt",
        "personal",
        "required",
        "secret",
        "strong",
        "expired",
        "changed",
        "vaihdettu",
        "annetaan",
        "saatavilla",
        "tiedossa",
        "infopisteestä",
        "asiakaspalvelusta",
        "given",
        "available",
        "ges",
        "finns",
    }
)


def _near(ctx: CheckContext, hit: LexiconMatch, before: int, after: int) -> list[Token]:
    """Up to `before` tokens before a match and `after` tokens after it, in its sentence."""
    tokens = ctx.text.tokens
    of_token = sentences(ctx.text).of_token
    sentence = of_token[hit.first]
    window = range(max(0, hit.first - before), min(len(tokens), hit.last + after))
    return [tokens[i] for i in window if of_token[i] == sentence and not hit.first <= i < hit.last]


def _is_secret(value: str) -> bool:
    lowered = value.lower()
    if lowered in NOT_SECRETS:
        return False
    has_digit = any(c.isdigit() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    inner_upper = any(c.isupper() for c in value[1:])
    return has_digit or has_symbol or inner_upper


def _written_out(value: str) -> bool:
    """A value right after a password word that is one: letters and digits mixed, at least
    four characters ("talvi2026", "4kT9xQ"); a year or a word alone ("2026", "reset") is not."""
    return (
        len(value) >= 4
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and "/" not in value
    )


# English "key" as an adjective or a figure of speech, by the word after it: "the key question is
# under review", "a key role is hidden behind", "the key to success is under our noses" (a
# self-test of stop 37 met all three blocking security-003 as a hidden key).
KEY_WORDS = frozenset({"key", "keys"})
KEY_NOT_OBJECT = frozenset(
    {"question", "questions", "issue", "issues", "role", "roles", "point", "points", "figure",
     "figures", "factor", "factors", "part", "parts", "player", "players", "message", "messages",
     "goal", "goals", "topic", "topics", "area", "areas", "person", "people", "date", "dates",
     "finding", "findings", "step", "steps", "decision", "decisions", "priority", "priorities",
     "project", "projects", "change", "changes", "theme", "themes", "element", "elements",
     "skill", "skills", "term", "terms", "idea", "ideas", "challenge", "challenges", "number",
     "numbers", "indicator", "indicators", "partner", "partners", "staff", "feature", "features",
     "moment", "moments", "stakeholders", "worker", "workers", "service", "services"}
)  # fmt: skip
KEY_TO_ABSTRACT = frozenset(
    {"success", "happiness", "winning", "growth", "understanding", "good", "better", "health",
     "wellbeing", "well", "safety", "learning", "life", "everything", "making", "getting",
     "solving", "future", "problem", "mystery", "puzzle", "heart", "city's", "sustainability"}
)  # fmt: skip
KEY_DETERMINERS = frozenset({"a", "the", "our", "their", "your", "this", "its", "his", "her"})


def _abstract_after(words: Sequence[str], at: int) -> bool:
    """Whether the words from `at` (after "key to") name something abstract (KEY_TO_ABSTRACT),
    past one determiner: "the key to success", "the key to our future"; not "the key to the
    school"."""
    if at < len(words) and words[at] in KEY_DETERMINERS:
        at += 1
    return at < len(words) and words[at] in KEY_TO_ABSTRACT


class SecurityDetector:
    rules = ("security-001", "security-002", "security-003")
    cues = CODE_WORDS.cues | PASSWORD_WORDS.cues | PLACES.cues

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        for hit in ctx.text.find(CODE_WORDS):
            for token in _near(ctx, hit, before=0, after=10):
                if CODE_VALUE.search(token.text):
                    yield ctx.match(
                        "security-001", hit.start, token.end, confidence=0.9, reason="access_code"
                    )
                    break
        cased = ctx.text.cased  # the value keeps its case; odd spaces and invisibles are gone
        for hit in ctx.text.find(PASSWORD_WORDS):
            value_end = _password_value_end(cased, hit.end)
            if value_end is not None:
                yield ctx.match(
                    "security-002", hit.start, value_end, confidence=0.85, reason="password"
                )
        words = ctx.text.table.words
        for hit in ctx.text.find(PLACES):
            if hit.last < len(words) and words[hit.last - 1] in KEY_WORDS:
                following = words[hit.last]
                if following in KEY_NOT_OBJECT or (
                    following == "to" and _abstract_after(words, hit.last + 1)
                ):
                    continue  # "the key question is under review", "the key to success"
            places = LOCATIONS.find(_near(ctx, hit, before=4, after=8))
            if hit.term.label == "generic":
                places = [p for p in places if p.term.label == "concrete"]
            if places:
                yield ctx.match(
                    "security-003", hit.start, hit.end, confidence=0.75, reason="security_place"
                )


def _password_value_end(original: str, after: int) -> int | None:
    """Where a secret value ends, when one follows a separator or verb within a few words, or
    the password word itself when it mixes letters and digits ("salasana talvi2026")."""
    position = after
    separated = False
    for step in range(6):
        while position < len(original) and original[position] in " \t":
            position += 1
        chunk_end = position
        while chunk_end < len(original) and not original[chunk_end].isspace():
            chunk_end += 1
        chunk = original[position:chunk_end]
        if not chunk:
            return None
        if chunk[0] in ":=" and len(chunk) > 1:  # "salasana:Kirjasto2024"
            separated, chunk, position = True, chunk[1:], position + 1
        if step == 0 and not separated and _written_out(chunk.strip(QUOTES).rstrip(".,;!?)")):
            separated = True  # "salasana talvi2026", "Passcode 4kT9xQ": no separator needed
        if separated:
            value = chunk.strip(QUOTES).rstrip(".,;!?)")
            if "/" in value or value.lower().startswith("www"):
                return None  # an address, not a password
            if len(value) >= 4 and _is_secret(value):
                # The span goes to the end of the written value, its last "!" or "?" too:
                # they may be part of the password ("Kokkola2024!"), and the redacted copy
                # must not leave any of it; closing quotes and brackets and a full stop or
                # comma that ends the sentence stay.
                kept = chunk.rstrip(QUOTES + ")").rstrip(".,;:")
                return position + max(len(kept), chunk.find(value) + len(value))
            return None
        if chunk.lower().rstrip(":=") in SEPARATORS or chunk.endswith((":", "=")):
            separated = True
        elif any(mark in chunk for mark in ".!?"):
            return None  # the sentence ended without a value
        position = chunk_end
    return None


# A gap in a place's protection (security-004): a camera, alarm, lock or guard and, within
# GAP_NEAR tokens in the same sentence, a word that says it is not protecting now.
GUARDS = Lexicon(
    term for term in load_terms("security_gaps") if term[1] in {"guard", "door", "unguarded"}
)
GAPS = Lexicon(
    term for term in load_terms("security_gaps") if term[1] in {"broken", "absent", "unlocked"}
)
# "no guard", "ingen vakt", "ilman vartijaa": the guard word right after one of these
NONE_WORDS = frozenset(term for term, label in load_terms("security_gaps") if label == "none")
GAP_NEAR = 8  # tokens between the guard and the gap word
# Words that cancel a [broken] state a few tokens before it ("ei ole rikki", "is not broken",
# "isn't broken": the tokenizer splits "isn't" into "isn" and "t").
NEGATIONS = frozenset(
    {
        "ei", "eivät", "en", "et", "emme", "ette", "inte", "ej", "icke", "aldrig", "not",
        "never", "isn", "aren", "wasn", "weren", "koskaan",
    }
)  # fmt: skip
NEGATION_REACH = 3  # tokens before a [broken] word a negation is looked for
# A sentence that says the gap is over ("on korjattu", "fungerar igen", "was fixed").
MENDED = Lexicon(
    (term, "mended")
    for term in (
        "korjattu*", "korjattiin", "korjaantui*", "toimii taas", "toimivat taas",
        "taas käytössä", "lagad*", "lagat*", "åtgärdat*", "fungerar igen", "fixed",
        "repaired", "working again", "restored", "back in service", "back on",
    )
)  # fmt: skip
# A condition or a question is advice, not a report ("Jos hälytin ei toimi, soita 112").
CONDITIONS = frozenset({"jos", "mikäli", "om", "ifall", "if", "whether", "unless"})
# A run of digits and dots that may be an IPv4 address; `_private_ip` decides.
DOTTED_NUMBER = compile_pattern(r"\d+(?:\.\d+)+")
# The start of a private address as `_private_ip` reads one: a number may be written with a
# leading zero ("010.0.12.5", "172.016.0.5") and stand right after a dot ("IP:.192.168.1.20");
# before stop 39 the cue wanted neither, and such an address was never looked at.
PRIVATE_IP_CUE = r"(?:^|\D)0?(?:10|192\.168|172\.0?(?:1[6-9]|2\d|3[01]))\.\d"
# Words that make a private address a system's ("palvelimen IP-osoite", "server at").
SYSTEM_WORDS = Lexicon(
    (term, "system")
    for term in (
        "ip*", "palvelin*", "palvelim*", "reititin*", "reitittim*", "verkko*", "tulostin*",
        "tulostim*", "kamera*", "server*", "router*", "nätverk*", "skrivar*", "network*",
        "printer*", "camera*", "nas", "vpn", "wlan*", "wifi*", "admin*", "käyttäjätun*",
        "användarnamn*", "username*",
    )
)  # fmt: skip


class SecurityGapDetector:
    """A gap in a place's or a system's protection (§10.3: do not reveal what concerns your
    workplace's security): a surveillance camera, alarm, lock or guard said to be broken,
    switched off or absent ("Koulun valvontakamera on rikki", "Larmet fungerar inte", "No
    guard on site at night"), its schedule too ("Hälytin on päällä vasta klo 22", "Larmet
    kopplas bort mellan 7 och 16", "The alarm is only armed after 10 pm"; "Kaupungintalolla ei
    ole yöllä vartijaa": a word or two between "ei ole" and the guard), or a private IPv4
    address (RFC 1918) of a named system ("Palvelimen IP-osoite on 10.0.12.5"). A warning
    (security-004): the author decides.

    Not a gap: a negated state ("ei ole rikki", "is not broken"), a sentence that says it was
    mended ("korjattu", "fungerar igen", "fixed"), and advice under a condition ("Jos hälytin
    ei toimi, soita 112", "If the alarm is not working..."). The match covers the guard and
    the gap word; the private address alone.
    """

    rules = ("security-004",)
    cues = GUARDS.cues
    cue_patterns = (PRIVATE_IP_CUE,)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        yield from self._gaps(ctx)
        yield from self._addresses(ctx)

    def _gaps(self, ctx: CheckContext) -> Iterator[Match]:
        guards = _outermost(ctx.text.find(GUARDS))
        if not guards:
            return
        split = sentences(ctx.text)
        of_token, words = split.of_token, ctx.text.table.words
        # (sentence, guard, gap word; the guard itself when a word before it denies it)
        found: list[tuple[int, LexiconMatch, LexiconMatch]] = [
            (of_token[guard.first], guard, guard)
            for guard in guards
            if (guard.term.label == "guard" and _denied(words, guard.first))
            or (
                guard.term.label == "unguarded"
                and NEGATIONS.isdisjoint(words[max(0, guard.first - NEGATION_REACH) : guard.first])
            )
        ]
        for gap in ctx.text.find(GAPS):
            if gap.term.label == "broken" and not NEGATIONS.isdisjoint(
                words[max(0, gap.first - NEGATION_REACH) : gap.first]
            ):
                continue
            sentence = of_token[gap.first]
            near = [
                hit
                for hit in guards
                if of_token[hit.first] == sentence
                and hit.first - gap.last <= GAP_NEAR
                and gap.first - hit.last <= GAP_NEAR
                and not (hit.first < gap.last and gap.first < hit.last)
                and (hit.term.label == "guard" or gap.term.label == "unlocked")
            ]
            if near:
                guard = min(near, key=lambda hit: abs(hit.first - gap.first))
                found.append((sentence, guard, gap))
        if not found:
            return
        mended = {of_token[hit.first] for hit in ctx.text.find(MENDED)}
        # Overlapping gap words of one guard ("kytketään pois" and "pois päältä") end together.
        last_end: dict[tuple[int, int], int] = {}
        for sentence, guard, gap in found:
            key = (sentence, guard.first)
            last_end[key] = max(last_end.get(key, 0), gap.end)
        reported: set[int] = set()
        for sentence, guard, gap in sorted(found, key=lambda item: item[1].first):
            if sentence in mended or sentence in reported:
                continue
            first = min(guard.first, gap.first)
            if not CONDITIONS.isdisjoint(words[split.firsts[sentence] : first]) or _asked(
                ctx, sentence
            ):
                continue
            reported.add(sentence)
            if gap is guard and guard.term.label == "unguarded":
                start = guard.start  # "on vartioimaton", "is unguarded"
            elif gap is guard:  # "no guard": from the word that denies it
                start = ctx.text.table.starts[guard.first - _denied(words, guard.first)]
            else:
                start = min(guard.start, gap.start)
            yield ctx.match(
                "security-004",
                start,
                max(guard.end, gap.end, last_end[(sentence, guard.first)]),
                confidence=0.7,
                reason="security_gap",
            )

    def _addresses(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if not ctx.text.find(SYSTEM_WORDS):
            return
        for found in DOTTED_NUMBER.finditer(text):
            if not _private_ip(found.group()):
                continue
            yield ctx.match(
                "security-004",
                found.start(),
                found.end(),
                confidence=0.75,
                reason="private_address",
            )


def _outermost(hits: list[LexiconMatch]) -> list[LexiconMatch]:
    """The hits that no longer hit covers ("security cameras", not its "cameras"), in order;
    hits of the same span all stay. One pass after a sort: n log n."""
    kept: list[LexiconMatch] = []
    reach, reach_first = -1, -1  # the furthest end so far, and where its hit starts
    for hit in sorted(hits, key=lambda hit: (hit.first, -hit.last)):
        if hit.last < reach or (hit.last == reach and reach_first < hit.first):
            continue
        kept.append(hit)
        if hit.last > reach:
            reach, reach_first = hit.last, hit.first
    return kept


def _private_ip(value: str) -> bool:
    """Whether `value` (digits and dots) is an IPv4 address of a private network (RFC 1918:
    10/8, 172.16/12, 192.168/16): four numbers of at most three digits, each at most 255."""
    parts = value.split(".")
    if len(parts) != 4 or any(len(part) > 3 or int(part) > 255 for part in parts):
        return False
    first, second = int(parts[0]), int(parts[1])
    return first == 10 or (first == 172 and 16 <= second <= 31) or (first, second) == (192, 168)


# Endings of a Finnish partitive ("vartijaa", "vartijoita"): after "ei ole" and a word or two
# of time or place ("ei ole yöllä vartijaa", "ei ole öisin enää vartijoita") the guard is
# still said to be absent; "ei ole auki, vartijan luona" is no such clause.
PARTITIVE_ENDINGS = ("aa", "ää", "ta", "tä")
DENIAL_GAP = 2  # words at most between "ei ole" and a guard in the partitive


def _denied(words: list[str], index: int) -> int:
    """How many words before word `index` say the guard there is absent: 1 for "no",
    "ingen", "ilman", "ei" ("no guard", "ei vartijaa"), 2 for "ei ole" ("ei ole vartijaa"),
    2 and the words between for "ei ole" a word or two before a guard in the partitive
    ("ei ole yöllä vartijaa": 3), 0 when none does."""
    if index >= 2 and words[index - 2] in {"ei", "eivät"} and words[index - 1] == "ole":
        return 2
    if words[index].endswith(PARTITIVE_ENDINGS):
        for between in range(1, DENIAL_GAP + 1):
            verb = index - between - 1
            if verb >= 1 and words[verb - 1] in {"ei", "eivät"} and words[verb] == "ole":
                return between + 2
    return 1 if index >= 1 and words[index - 1] in NONE_WORDS else 0


def _asked(ctx: CheckContext, sentence: int) -> bool:
    """Whether the sentence is a question (its last word followed by "?"): asking is no
    report."""
    split = sentences(ctx.text)
    end = ctx.text.table.ends[split.bounds(sentence)[1] - 1]
    return ctx.text.text[end : end + 4].lstrip(" \"'”’»)").startswith("?")
