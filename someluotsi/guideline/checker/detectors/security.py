"""Security details (§10.1, §10.3): access codes, passwords and where keys or server rooms are.

Mentioning that a door has a code is fine ("the code is given on site"); the code itself is not.
"""

from __future__ import annotations

from collections.abc import Iterator

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
        for hit in ctx.text.find(PLACES):
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
