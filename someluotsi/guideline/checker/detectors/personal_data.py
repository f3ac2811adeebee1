"""Personal data (§2.5, §6.4): identity codes, phone numbers, e-mail, bank accounts, addresses,
registration plates, business ids, and a named person next to sensitive information.

Identifiers are validated with python-stdnum and phonenumbers (checksums, dates, numbering
plans), so dates, order numbers and the city's own published contact points are not flagged.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.fi import alv, hetu, ytunnus
from stdnum.se import personnummer

from someluotsi.guideline.checker.detectors.base import CheckContext, joined
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch, Spec, Term, parse_term
from someluotsi.guideline.text.names import (
    TITLES,
    PersonName,
    first_in_sentence,
    initial_name,
    lower_case_name,
    names_in_sentence,
    person_names,
    short_name_ends_at,
)
from someluotsi.guideline.text.normalize import NOT_ASCII_DIGITS, Token
from someluotsi.guideline.text.patterns import ROOMY, compile_char_class, compile_pattern
from someluotsi.guideline.text.sentences import (
    sentence_has,
    sentence_matches,
    sentences,
    statement_end,
    statement_start,
)
from someluotsi.guideline.text.urls import in_userinfo
from someluotsi.guideline.text.wordlists import load_terms, load_words

_NOT_WORD = r"(?:^|[^\p{L}\p{N}])"

# ---------------------------------------------------------------- identity codes
# The separator may have a space on either side or both ("010190 - 123A", "010190 -123A"), as
# forms and hurried typing leave it; the checksum is asked of the code without them. It may
# also be left out or written as a space ("131052308T", "131052 308T"): then the century is
# unknown and the code counts when its check character fits (HETU_CENTURIES).
HETU_CODE = r"\d{6}(?:[-+a-fu-y]| ?[-+] ?| )?\d{3}[0-9a-y]"
HETU = compile_pattern(_NOT_WORD + f"({HETU_CODE})")
# The century signs a code without one is tried with: the 1900s and the 2000s (the check
# character is the same for every sign; the day 29.2. is a date only in some centuries).
HETU_CENTURIES = ("-", "A")
HETU_KEYWORDS = Lexicon(
    (term, "hetu")
    for term in (
        "hetu*",
        "henkilötun*",
        "sotu*",
        "sosiaaliturvatun*",
        "personbeteckning*",
        "personnummer*",
        "samordningsnummer*",
        "samordningsnr*",
        "personnr*",
        "pnr",
        "p-nr",
        "identity code*",
        "identity number*",
        "personal number*",
        "coordination number*",
        "social security*",
        "id-nu*",
        # A fresh tester of stop 36: "The applicant's ID 010190-123F" passed where "hetu" and
        # "personbeteckning" blocked. "ID" alone, in any of the three languages, is read
        # only when no thing owns it ("order ID", "Product ID", "tilausnumero (ID)":
        # `_hetu_keyword_near`).
        "id",
        "ssn",
        "personal id*",
        "national id*",
        "identification number*",
        "identitetsnummer*",
        "id-nummer*",
        "id-numero*",
    )
)
# Words before "ID" that make it another thing's identifier, not a person's: "order ID
# 010190-123F", "Product ID", "kund-ID", "tilausnumero (ID)". A word ending in a word for a
# number counts too (`_hetu_keyword_near`).
OTHER_ID_OWNERS = frozenset(
    {"order", "product", "customer", "case", "ticket", "invoice", "transaction", "user",
     "session", "device", "item", "booking", "reference", "account", "client", "tracking",
     "tilaus", "tilauksen", "tuote", "tuotteen", "asiakas", "asiakkaan", "laite", "laitteen",
     "kund", "ärende", "produkt", "beställning", "faktura", "konto"}
)  # fmt: skip
NUMBER_ENDINGS = ("numero", "nummer", "number", "nro", "nr")
# Words that say a number is Swedish: then a code that is both a valid personnummer and a
# valid Finnish identity code is reported as the Swedish one.
SE_KEYWORDS = Lexicon(
    (term, "se")
    for term in (
        "personnummer*",
        "personnumret",
        "samordningsnummer*",
        "samordningsnumret",
        "coordination number*",
        "co-ordination number*",
        "swedish",
        "ruotsalai*",
        "ruotsin",
        "svensk*",
        "sverige",
        "skatteverket*",
    )
)
# Swedish personal and coordination numbers: YYMMDD-NNNN (+ for 100 years and older),
# YYYYMMDD-NNNN, YYYYMMDDNNNN, and, only with a keyword, YYMMDDNNNN (ten digits are also
# phone numbers and account numbers).
# A space may stand for the separator ("811228 9874", "19811228 9874"): read as the form
# without one.
SE_PERSONNUMMER = compile_pattern(
    _NOT_WORD + r"((?:19|20)?\d{6}(?:[-+]| ?[-+] ?| )\d{4}|(?:19|20)\d{10}|\d{10})"
)
YTUNNUS = compile_pattern(_NOT_WORD + r"(\d{7}-\d|fi\d{8})")


class PersonalIdentityCodeDetector:
    """Finnish henkilötunnus, with the 2023 century letters (A-F, U-Y).

    A code that starts or ends inside a longer number is none (`joined`). A valid Swedish
    personnummer of the same shape is left to the Swedish detector when its check digit does
    not fit a Finnish code, or when the text says it is Swedish: one number, one finding.
    """

    rules = ("privacy-001", "privacy-002")
    cue_patterns = (HETU_CODE,)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 9:
            return
        for found in HETU.finditer(text):
            start, end = found.span(1)
            if joined(text, start, end):
                continue
            code = found.group(1).upper().replace(" ", "")
            if len(code) == 10:
                yield from self._without_sign(ctx, code, start, end)
                continue
            swedish = _swedish_number(code) is not None
            if hetu.is_valid(code, allow_temporary=True):
                if swedish and _near_keyword(ctx, start, end, SE_KEYWORDS):
                    continue
                yield ctx.match("privacy-001", start, end, confidence=0.99, reason="hetu_valid")
            elif not swedish and _hetu_keyword_near(ctx, start, end):
                yield ctx.match("privacy-002", start, end, confidence=0.8, reason="hetu_keyword")

    @staticmethod
    def _without_sign(ctx: CheckContext, code: str, start: int, end: int) -> Iterator[Match]:
        """A code written without its century sign ("131052308T", "131052 308T"; `code` in
        capitals, ten characters): privacy-001 when it is a valid code with some century
        sign (HETU_CENTURIES). A check character that is a letter is enough; a digit only with
        a keyword near (ten digits are also phone and account numbers), and not when the
        number is a Swedish personnummer the text calls Swedish (the Swedish detector's)."""
        if not _hetu_check_fits(code) or not any(
            hetu.is_valid(code[:6] + sign + code[6:], allow_temporary=True)
            for sign in HETU_CENTURIES
        ):
            return
        if code[-1].isdigit():
            if not _hetu_keyword_near(ctx, start, end):
                return
            if _swedish_number(code) is not None and _near_keyword(ctx, start, end, SE_KEYWORDS):
                return
        yield ctx.match("privacy-001", start, end, confidence=0.9, reason="hetu_valid")


HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _hetu_check_fits(code: str) -> bool:
    """Whether the check character of an identity code written without its century sign
    (`code`: ten characters, capitals) fits its nine digits: the digits' number modulo 31
    indexes HETU_CHECK (the Digital and Population Data Services Agency's rule, which
    python-stdnum applies). The sign does not enter the check, so a ten-digit number whose
    check fails is no code with any sign, decided without asking stdnum once per sign."""
    digits = code[:9]
    return digits.isascii() and digits.isdigit() and HETU_CHECK[int(digits) % 31] == code[9]


def _near_keyword(
    ctx: CheckContext, start: int, end: int, keywords: Lexicon, size: int = 6
) -> bool:
    """A keyword among the `size` tokens before or after the span."""
    return bool(_keywords_near(ctx, start, end, keywords, size))


def _keywords_near(
    ctx: CheckContext, start: int, end: int, keywords: Lexicon, size: int = 6
) -> list[LexiconMatch]:
    """The keywords among the `size` tokens before or after the span."""
    table = ctx.text.table
    first = bisect_right(table.ends, start)  # the first token that ends after the span starts
    last = bisect_left(table.starts, end, first)  # the first one from its end on
    before, after = slice(max(0, first - size), first), slice(last, last + size)
    return keywords.find_in(
        table.words[before] + table.words[after],
        table.starts[before] + table.starts[after],
        table.ends[before] + table.ends[after],
    )


def _hetu_keyword_near(ctx: CheckContext, start: int, end: int) -> bool:
    """A word for a personal identity code near the span (HETU_KEYWORDS); "ID" only when no
    word before it makes it another thing's (OTHER_ID_OWNERS, a word for a number)."""
    table = ctx.text.table
    for hit in _keywords_near(ctx, start, end, HETU_KEYWORDS):
        if hit.term.text != "id":
            return True
        index = bisect_left(table.starts, hit.start)
        previous = table.words[index - 1] if index > 0 else ""
        if previous not in OTHER_ID_OWNERS and not previous.endswith(NUMBER_ENDINGS):
            return True
    return False


def _swedish_number(number: str) -> str | None:
    """ "personnummer" or "samordningsnummer" when `number` is a valid Swedish personal or
    coordination number, else None.

    A coordination number (samordningsnummer, Folkbokföringslagen 1991:481 §18 a) is a
    personnummer whose day of birth has 60 added (61-91); python-stdnum knows only the
    personnummer, so the coordination number is checked here with the same Luhn digit. The
    Swedish Tax Agency also gives 00 for an unknown month or day (then 60 for the day).
    """
    if personnummer.is_valid(number):
        return "personnummer"
    try:
        compact = personnummer.compact(number)
    except Exception:  # noqa: BLE001 - stdnum raises its own errors on odd input
        return None
    if len(compact) not in (11, 13) or compact[-5] not in "-+":
        return None
    digits = compact[:-5] + compact[-4:]
    if not digits.isdigit():
        return None
    date = digits[-10:-4]
    month, day = int(date[2:4]), int(date[4:6])
    if not 60 <= day <= 91 or month > 12:
        return None
    if day > 60 and month:
        # The century is unknown in the short form; any leap year tells 29 February apart.
        year = int(digits[:4]) if len(digits) == 12 else 2000 + int(date[:2]) % 4
        try:
            datetime.date(year, month, day - 60)
        except ValueError:
            return None
    return "samordningsnummer" if luhn.is_valid(digits[-10:]) else None


class SwedishPersonalNumberDetector:
    """Swedish personnummer and samordningsnummer (coordination numbers: day + 60), with or
    without the separator; the ten-digit form without one only with a keyword near."""

    rules = ("privacy-003",)
    cue_patterns = (r"\d{6} ?[-+ ] ?\d{4}|\d{10}",)  # every form of SE_PERSONNUMMER has one

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 10:
            return
        for found in SE_PERSONNUMMER.finditer(text):
            start, end = found.span(1)
            number = found.group(1).replace(" ", "")
            if joined(text, start, end):
                continue
            kind = _swedish_number(number)
            if kind is None:
                continue
            near = _hetu_keyword_near(ctx, start, end)
            if len(number) == 10 and not near:
                continue  # ten bare digits: a phone or account number just as well
            if (
                len(number) == 11
                and hetu.is_valid(number.upper(), allow_temporary=True)
                and not _near_keyword(ctx, start, end, SE_KEYWORDS)
            ):
                continue  # also a valid Finnish code: reported once, as the Finnish one
            yield ctx.match(
                "privacy-003",
                start,
                end,
                confidence=0.95 if near else 0.75,
                reason="se_coordination" if kind == "samordningsnummer" else "se_pnr",
            )


class BusinessIdDetector:
    """Finnish business ids (Y-tunnus 1234567-8) and their VAT form (FI12345678)."""

    rules = ("privacy-012",)
    cue_patterns = (r"\d{7}-\d|fi\d{8}",)  # YTUNNUS's code

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 8:
            return
        for found in YTUNNUS.finditer(text):
            start, end = found.span(1)
            code = found.group(1)
            if joined(text, start, end):
                continue
            valid = alv.is_valid(code) if code.startswith("fi") else ytunnus.is_valid(code)
            if valid:
                yield ctx.match("privacy-012", start, end, confidence=0.9, reason="ytunnus")


# ---------------------------------------------------------------- phone numbers
# A phone number is decided on the whole run of digits it stands in: digits with single
# spaces, dashes, slashes, dots or brackets between them. The run must split into phone
# numbers (and dates, times or ranges such as "12.6." or "9-16") without a bare number left
# over, and must not be glued to letters or to a longer identifier; only then is each piece
# asked of phonenumbers. So an order number (20240401-0401234), an account number, a GUID or
# an IBAN with a wrong check digit never yields a phone number from its middle or its end.
PHONE_RUN = compile_pattern(r"[+(]?\d[\d()]*(?:(?: ?[-/.] ?| )[(]?\d[\d()]*)*")
# A stretch of the characters PHONE_RUN is made of, from a digit on: every run lies in one
# (its digits do; a "+" or "(" before the first may lead it), so a stretch of fewer than
# MIN_DIGITS digits holds no run worth deciding, and most numbers of a text (prices, dates,
# years, paragraph numbers) are passed over without a match object each.
DIGIT_STRETCH = compile_char_class(r"[0-9][0-9() +./-]*")
MIN_DIGITS = 6  # the fewest digits of a Finnish or Swedish phone number
# Where a group of a run may start as a phone number does (`_may_hold_phone`): a + or ( before
# a digit, or a 0 that starts a run (no digit before it: a digit would have joined it) or a
# group (a space before it). Fixed-length alternatives: no repetition to backtrack on.
PHONE_START = compile_char_class(r"[+(][0-9]|(?:^|[^0-9])0")
# Every phone number starts with 0, + or ( and has MIN_DIGITS digits (`_phone_piece`): a 0
# and five more, or a + or ( and six, with only run characters between them.
PHONE_CUE = r"[0+(](?:[() +./-]*\d){5}"
# A run is decided as a whole in time linear in its length (`_phones_in_run`). Runs up to
# SHORT_RUN characters (about fifteen numbers) always are; longer ones up to MAX_RUN (some 150
# numbers pasted one after another) while MAX_LONG_RUNS characters of them per text are not
# used up: past that a run is skipped, so a flood of figures costs a bounded amount.
SHORT_RUN = 240
MAX_RUN = 2400
MAX_LONG_RUNS = 4800
MAX_GROUPS = 7  # groups of one phone number ("+46 70 123 45 67" has five)


@cache
def _e164_set(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(e164 for e164 in map(_e164, numbers) if e164 is not None)


@lru_cache(maxsize=4096)
def _e164(candidate: str) -> str | None:
    """The candidate as a valid Finnish or Swedish number in E.164 ("+358401234567"), or None;
    formatted once per distinct candidate (a city's switchboard number recurs in its posts)."""
    parsed = _parse_phone(candidate)
    if parsed is None:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=8192)  # bounded: a long run brings many distinct candidates
def _parse_phone(candidate: str) -> phonenumbers.PhoneNumber | None:
    for region in ("FI", "SE"):
        try:
            parsed = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return parsed
    return None


def _phone_piece(candidate: str) -> bool:
    """Could this piece of a run be a phone number at all (before asking phonenumbers)?"""
    if not candidate.startswith(("0", "+", "(")) or not candidate[-1].isdigit():
        return False
    if " / " in candidate or ("." in candidate and not _dotted_phone(candidate)):
        return False  # a dot makes a date, a time or a decimal, unless it groups a number
    digits = _ascii_digits(candidate)
    return 6 <= digits <= 15 and not _looks_like_other_identifier(candidate)


DOTTED_GROUPS = (3, 6)  # groups of a number written with dots ("070.123.45.67" has four)


def _dotted_phone(candidate: str) -> bool:
    """Whether dots group the digits of `candidate` as a phone number's (a fresh tester of
    stop 36: "040.123.4567", "070.123.45.67", "+358.40.123.4567" passed where spaces and
    dashes warned): dots alone between groups of two to four digits, three groups or more,
    and not the shape of a date ("01.03.2024", "1.3.24": day, month, year) or a time
    ("08.30.15"). A decimal ("0.5"), a price ("1.200"), a section ("§ 10.6") and a time
    ("klo 10.30") have a group of one digit, fewer groups, or no leading 0 or +."""
    groups = candidate.removeprefix("+").split(".")
    if not DOTTED_GROUPS[0] <= len(groups) <= DOTTED_GROUPS[1]:
        return False
    if not all(group.isascii() and group.isdigit() and 2 <= len(group) <= 4 for group in groups):
        return False
    return not (len(groups) == 3 and len(groups[0]) <= 2 and len(groups[1]) <= 2
                and len(groups[2]) in (2, 4))  # fmt: skip


def _free_group(group: str) -> bool:
    """A piece that may stand next to a phone number in one run: a date, a time or a range
    ("12.6.", "9-16", "8.00-16.00"), never a bare number (that would make a longer number)."""
    return any(c in group for c in ".-/") and not group.strip("()").isdigit()


def _phones_in_run(run: str) -> list[tuple[int, int]]:
    """Offsets (in `run`) of the phone numbers the run splits into; none when a piece of it
    is a bare number that is no phone number (the run is then one longer number).

    Dynamic programming over the run's groups (split at single spaces; separators written
    with spaces around them, " - " and " / ", are groups of their own): best[i] is the most
    characters that phone numbers cover in groups[:i], with a pointer back to the group the
    last step started at and the number it took. A number spans at most MAX_GROUPS groups,
    so the work is linear in the run's length."""
    groups: list[tuple[int, int]] = []
    position = 0
    for piece in run.split(" "):
        if piece:
            groups.append((position, position + len(piece)))
        position += len(piece) + 1
    n = len(groups)
    best: list[int] = [-1] * (n + 1)  # -1: groups[:i] cannot be split so
    back: list[tuple[int, tuple[int, int] | None]] = [(0, None)] * (n + 1)
    best[0] = 0
    for i in range(n):
        covered = best[i]
        if covered < 0:
            continue
        group = run[groups[i][0] : groups[i][1]]
        free = group in {"-", "/"} or _free_group(group)
        if free and best[i + 1] < covered:
            best[i + 1], back[i + 1] = covered, (i, None)
        for j in range(i + 1, min(n, i + MAX_GROUPS) + 1):
            start, end = groups[i][0], groups[j - 1][1]
            candidate = run[start:end]
            if not _phone_piece(candidate) or _parse_phone(candidate) is None:
                continue
            if best[j] < covered + end - start:
                best[j], back[j] = covered + end - start, (i, (start, end))
    if best[n] < 0:
        return []
    phones: list[tuple[int, int]] = []
    index = n
    while index:
        index, phone = back[index]
        if phone is not None:
            phones.append(phone)
    return phones[::-1]


class PhoneNumberDetector:
    """Valid Finnish and Swedish numbers that are not the city's published contact points,
    decided on the whole run of digits they stand in (see PHONE_RUN)."""

    rules = ("privacy-004",)
    cue_patterns = (PHONE_CUE,)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 6:
            return
        allowed = _e164_set(ctx.city.contact_phones)
        budget = MAX_LONG_RUNS
        for found_at, found in _digit_runs(text):
            start, run = _unbracketed(found_at, found)
            end = start + len(run)
            long_run = len(run) > SHORT_RUN
            if long_run and len(run) > min(MAX_RUN, budget):
                continue
            if _ascii_digits(run) < MIN_DIGITS:
                continue
            if not _may_hold_phone(run):
                continue
            if joined(text, start, end) and not _glued_to_words(text, start, end, run):
                continue
            if long_run:
                budget -= len(run)
            for p_start, p_end in _phones_in_run(run):
                e164 = _e164(run[p_start:p_end])
                if e164 is None or e164 in allowed or _service_number(run[p_start:p_end]):
                    continue
                if _office_line(ctx, start + p_start, run[p_start:p_end]):
                    continue
                if _labelled_as_other_number(ctx, start + p_start):
                    continue
                yield ctx.match(
                    "privacy-004", start + p_start, start + p_end, confidence=0.9, reason="phone"
                )


# Words that give a number as a service's line, right before it in its sentence ("Varaa aika
# numerosta 06 826 4444", "Växeln 06 828 9111", "Bookings on 06 826 4444"): word starts.
SERVICE_LINE_WORDS = (
    "ajanvarau", "varaa", "varaukse", "vaihde", "vaihtee", "neuvon", "asiakaspalvel",
    "palvelunumer", "palvelupuhel", "puhelinaika", "puhelinpalvel", "toimisto", "kanslia",
    "växel", "tidsbokning", "boka", "rådgivning", "kundtjänst", "servicenummer", "telefontid",
    "kansli", "switchboard", "appointment", "booking", "book", "helpline", "customer",
    "office", "reception", "enquiries", "inquiries", "information",
)  # fmt: skip
SERVICE_LINE_REACH = 80  # characters before the number read for such a word
# Abbreviations before a number that end in a full stop but no sentence ("puh. 06 826 4444").
PHONE_ABBR = frozenset({"puh", "p", "tel", "tfn", "nr", "no", "n:o", "ph", "nro"})


def _office_line(ctx: CheckContext, start: int, candidate: str) -> bool:
    """Whether the number at normalised offset `start` is an office's fixed line given as a
    service's ("Varaa aika numerosta 06 826 4444"): a Finnish or Swedish fixed-line number
    (phonenumbers' type; a mobile number may be a person's own, and stays privacy-004) with
    a word of SERVICE_LINE_WORDS before it in its sentence, at most SERVICE_LINE_REACH
    characters back."""
    before = ctx.text.text[max(0, start - SERVICE_LINE_REACH) : start].lower()
    words = before.split()
    for at in range(len(words) - 1, -1, -1):  # back to the end of the previous sentence
        word = words[at]
        if word.endswith(("!", "?")) or (word.endswith(".") and word[:-1] not in PHONE_ABBR):
            words = words[at + 1 :]
            break
    if not any(word.startswith(SERVICE_LINE_WORDS) for word in words):
        return False
    parsed = _parse_phone(candidate)
    return parsed is not None and phonenumbers.number_type(parsed) in OFFICE_TYPES


# Labels that name a number as an order's, an invoice's, a case's or another record's, not a
# telephone's (fi, sv: word starts of the compound; "tilausnumerosi", "ordernumret"): a number
# right after one is that number, however much it looks like a mobile number ("Tilausnumero
# 0401234567", "Ordernummer 0701234567", "Your order number is 0401234567"). A peer tool's
# known false alarm.
OTHER_NUMBER_LABELS = (
    "tilausnumer", "tilaustunnu", "asiakasnumer", "asiakastunnu", "viitenumer", "viitteellä",
    "laskunumer", "laskun numer", "tilauksen numer", "diaarinumer", "asianumer", "asian numer",
    "tapausnumer", "seurantanumer", "seurantakoodi", "lähetysnumer", "lähetystunnu",
    "lähetyksen numer", "sarjanumer", "tuotenumer", "jäsennumer", "varausnumer",
    "varauksen numer", "kuittinumer", "tikettinumer",
    "ordernummer", "ordernumr", "ordernr", "kundnummer", "kundnumr", "kundnr", "referensnummer",
    "referensnumr", "fakturanummer", "fakturanumr", "fakturanr", "ärendenummer", "ärendenumr",
    "ärendenr", "diarienummer", "diarienr", "dnr", "spårningsnummer", "sändningsnummer",
    "kollinummer", "serienummer", "medlemsnummer", "bokningsnummer", "bokningsnr",
    "kvittonummer",
    "order number", "order no", "customer number", "customer no", "reference number",
    "reference no", "invoice number", "invoice no", "case number", "case no", "ticket number",
    "tracking number", "serial number", "booking number", "booking reference",
    "membership number", "member number", "receipt number", "confirmation number",
    "parcel number", "shipment number", "order #",
)  # fmt: skip
OTHER_NUMBER_WORDS = frozenset({"ref", "viite", "referens", "reference", "order"})  # whole words
# Words that may stand between such a label and its number ("Tilausnumerosi on", "Your order
# number is", "ordernumret är").
LABEL_FILLERS = frozenset({"on", "oli", "is", "was", "är", "var", "nro", "no", "n:o", "nr", "#"})
LABEL_REACH = 60  # characters before the number read for a label


def _labelled_as_other_number(ctx: CheckContext, start: int) -> bool:
    """Whether the number at normalised offset `start` follows a label that names it as
    another record's number (OTHER_NUMBER_LABELS: "Tilausnumero 0401234567", "Fakturanummer:
    0501234567", "Case number 0401234567") or is such a word (OTHER_NUMBER_WORDS: "Ref
    0401234567"), with only LABEL_FILLERS between."""
    words = ctx.text.text[max(0, start - LABEL_REACH) : start].lower().split()
    while words and words[-1].strip(":.") in LABEL_FILLERS:
        words.pop()
    if not words:
        return False
    last = words[-1].rstrip(":.")
    if last in OTHER_NUMBER_WORDS:
        return True
    return last.startswith(OTHER_NUMBER_LABELS) or " ".join([*words[-2:-1], last]).startswith(
        OTHER_NUMBER_LABELS
    )


OFFICE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


# Numbers that are never a person's: free, premium-rate, shared-cost and national service
# numbers ("0800 147 111", "0295 419 800", "020 22 00 00", "0771 567 567"; phonenumbers' own
# number types). Short emergency and helpline numbers (112, 116 111) have too few digits for
# a phone number here at all.
SERVICE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    }
)


@lru_cache(maxsize=4096)
def _service_number(candidate: str) -> bool:
    """Whether a valid phone number (a piece `_phones_in_run` took) is a service number,
    which no private person has: the first region that reads it as valid (Finland, then
    Sweden, as `_parse_phone`) gives it a type of SERVICE_TYPES, and no region reads it as a
    mobile number ("070-123 45 67" is a Finnish premium number but a Swedish mobile one).

    The number already parsed (`_parse_phone`) is typed; a Finnish mobile number (04x, 050:
    most numbers in posts) is told by its prefix, without phonenumbers' type look-up (a
    dozen pattern matches); only a number of a service type is parsed for the other region."""
    parsed = _parse_phone(candidate)
    if parsed is None:
        return False
    if parsed.country_code == FINLAND and str(parsed.national_number).startswith(("4", "50")):
        return False  # a Finnish mobile number (numbering plan: 04x and 050)
    if phonenumbers.number_type(parsed) not in SERVICE_TYPES:
        return False
    mobile = phonenumbers.PhoneNumberType.MOBILE
    for region in ("FI", "SE"):
        try:
            other = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(other) and phonenumbers.number_type(other) == mobile:
            return False
    return True


FINLAND = 358  # country calling code


def _glued_to_words(text: str, start: int, end: int, run: str) -> bool:
    """Whether a run that `joined` refuses is a phone number written without spaces around
    it ("Soita040 123 4567heti"): it is printed in groups (a space inside), only letters
    touch it, and the word it makes with them stands alone (not `joined` itself). A number
    of one group glued to letters ("abc0401234567") stays an identifier."""
    if " " not in run:
        return False
    before, after = start, end
    while before > 0 and text[before - 1].isalpha():
        before -= 1
    while after < len(text) and text[after].isalpha():
        after += 1
    return (before, after) != (start, end) and not joined(text, before, after)


def _unbracketed(start: int, run: str) -> tuple[int, str]:
    """A run without the brackets written around it, and where it then starts: a closing
    bracket at its end that closes nothing inside it ("040 123 4567)") is left out, and so is
    the pair around the whole run ("(040 123 4567)", "(+358 40 123 4567)"); an area code in
    brackets ("(06) 828 9111") stays as it is."""
    if not run.endswith(")"):
        return start, run
    inner = run[:-1]
    if inner.count("(") == inner.count(")"):
        return start, inner
    if inner.startswith("(") and inner.count("(") - 1 == inner.count(")"):
        return start + 1, inner[1:]
    return start, run


def _ascii_digits(run: str) -> int:
    """How many ASCII digits `run` has (a run's only digits: RE2's \\d is [0-9]), counted
    at C speed on its UTF-8."""
    return len(run.encode("utf-8", "surrogatepass").translate(None, NOT_ASCII_DIGITS))


def _digit_runs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, run) for each PHONE_RUN match of `text` (trailing separators stripped) that
    lies in a DIGIT_STRETCH of at least MIN_DIGITS digits; the others cannot be phone numbers.
    The same runs as PHONE_RUN over the whole text: a match contains no character outside
    the stretch but a "+" or "(" right before it, and none of the stretch's own characters
    can join the match before it, so the matches inside a stretch do not depend on the text
    around it. A stretch where no run can start a group as a phone number does (PHONE_START)
    is skipped: its runs would all fail `_may_hold_phone`."""
    for stretch in DIGIT_STRETCH.finditer(text):
        found = stretch.group()
        if len(found) < MIN_DIGITS or _ascii_digits(found) < MIN_DIGITS:
            continue
        begin = stretch.start()
        if begin and text[begin - 1] in "+(":
            begin -= 1
        region = text[begin : stretch.end()]
        if not PHONE_START.search(region):
            continue
        for match in PHONE_RUN.finditer(region):
            yield begin + match.start(), match.group().rstrip(" -/.")


def _may_hold_phone(run: str) -> bool:
    """Whether a group of the run (split at single spaces) starts as a phone number must
    (`_phone_piece`): else `_phones_in_run` finds none, whatever the rest."""
    return run[0] in "0+(" or " 0" in run or " +" in run or " (" in run


def _looks_like_other_identifier(candidate: str) -> bool:
    compact = candidate.replace(" ", "")
    # 1234567-8 is a business id, 123456-1234 a Swedish personnummer.
    parts = compact.split("-")
    return len(parts) == 2 and (len(parts[0]), len(parts[1])) in {(7, 1), (6, 4), (8, 4)}


# ---------------------------------------------------------------- e-mail
# An apostrophe inside a local part takes a letter or digit after it ("john.o'brien@...",
# "d'angelo@..."): without it the address was found from after the apostrophe and the redacted
# copy left the name's first part readable.
# Latin letters outside ASCII count as letters in both parts (RFC 6531 addresses, and names
# written with their own letters: "matti.mäkelä@kokkola.fi", "åsa.öberg@gmail.com"); an address
# with an "ä" had been read from after it, or not at all. The Latin blocks (Latin-1 Supplement,
# Extended-A and -B), not all of \p{L}: RE2's automaton for the counted repetitions over every
# Unicode letter is too large to run as a DFA, and a flood of "a@a@a@" took 280 ms. No
# capturing group: the match is the address, and RE2 has no submatch to work out per match.
_LATIN = r"\x{c0}-\x{d6}\x{d8}-\x{f6}\x{f8}-\x{24f}"  # without "×" and "÷"
_MAIL_LETTER = r"a-z0-9" + _LATIN
EMAIL = compile_pattern(
    rf"[{_MAIL_LETTER}](?:[{_MAIL_LETTER}._%+-]|['\x{{2019}}][{_MAIL_LETTER}]){{0,63}}"
    rf"@[{_MAIL_LETTER}](?:[{_MAIL_LETTER}-]{{0,62}}\.)+[a-z{_LATIN}]{{2,24}}"
)
NAME_LOCAL_PART = compile_pattern(r"^[\p{L}]+(?:-[\p{L}]+)?\.[\p{L}]+(?:-[\p{L}]+)?$")


def _in_domains(domain: str, domains: Iterable[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


# An address written so that a harvester would not read it ("matti.virtanen(at)gmail.com",
# "matti [at] gmail [dot] com", "matti(ät)gmail.com", "matti(a)gmail.com", "matti at gmail dot
# com", "anna.berg snabel-a hotmail punkt se", "matti kissanhäntä gmail piste com",
# "john.smith@gmail dot com", "matti [dot] virtanen [at] gmail [dot] com"): the "@" and the
# dots in words or in brackets. Group 1: the local
# part, 2: the "at", 3: the domain with its dots in any of those forms. Bounded repetitions and
# fixed alternatives only: linear in RE2.
# Names of the "@" sign in fi/sv/en that are no everyday word ("kissanhäntä": cat's tail,
# "miukumauku", "at-merkki": the at sign; "snabel-a": the elephant's-trunk a).
_AT_NAMES = r"at-merkki|ät-merkki|kissanhäntä|miukumauku|snabel-?a|at-sign|at-tecken"
# Words for "@" that are everyday words too ("at", Swedish "ät": eat): read only as
# `_deobfuscated` reads " at " (a known top-level domain, no stop word, an address-like part).
_AT_PLAIN = r"at|ät"
_AT_WORD = (
    r"(?: ?[(\[{<] ?(?:at|ät|a|@|" + _AT_NAMES + r") ?[)\]}>] ?"
    r"| (?:" + _AT_PLAIN + "|" + _AT_NAMES + r") |@)"
)
_DOT_WORD = r"(?:\.| ?[(\[{<] ?(?:dot|piste|punkt) ?[)\]}>] ?| dot | piste | punkt )"
# In the local part only a dot in brackets is read ("matti [dot] virtanen [at] ..."): a word
# there ("tärkein piste matti at ...") would take the sentence's words into the address.
_LOCAL_DOT = r" ?[(\[{<] ?(?:dot|piste|punkt) ?[)\]}>] ?"
_LOCAL = r"[a-z0-9][a-z0-9._%+-]{0,63}"
OBFUSCATED_EMAIL = compile_pattern(
    r"(?:^|[^\p{L}\p{N}._%+-])(" + _LOCAL + r"(?:" + _LOCAL_DOT + _LOCAL + r"){0,3})"
    r"(" + _AT_WORD + r")"
    r"([a-z0-9][a-z0-9-]{0,62}(?:" + _DOT_WORD + r"[a-z0-9][a-z0-9-]{0,62}){1,4})"
)
# Where one may be: an "at" in brackets, a name of the sign, or the word " at " (" ät ")
# between a word and a domain's first label with a dot after it, written or spelt ("at
# gmail.com", "at gmail dot com"), or an "@" with its first dot spelt ("@gmail dot com").
_SPELT_DOT = r" dot | piste | punkt | ?[(\[{<] ?(?:dot|piste|punkt)"
OBFUSCATION_CUE = (
    r"[(\[{<] ?(?:at|ät|a|@|" + _AT_NAMES + r") ?[)\]}>]"
    r"|[a-z0-9] (?:" + _AT_NAMES + r") [a-z0-9]"
    r"|[a-z0-9] (?:" + _AT_PLAIN + r") [a-z0-9-]+(?:\.[a-z]|" + _SPELT_DOT + r")"
    r"|@[a-z0-9-]+(?:" + _SPELT_DOT + r")"
)
_OBFUSCATION_CUE = compile_pattern(OBFUSCATION_CUE)
_DOT_SPELT = compile_pattern(_DOT_WORD)
# Top-level domains an address spelt with a word for "@" must end in: " at " is everyday
# English ("at kokkola.fi", "at 10.30"), so only these count.
MAIL_TLDS = frozenset(
    {"fi", "se", "com", "net", "org", "eu", "info", "io", "me", "nu", "uk", "de", "ax", "no", "dk"}
)
STOPWORD_SET = frozenset(load_words("stopwords"))
# Words that ask for an address rather than start one ("Skriv snabel-a gmail.com", "kirjoita
# at-merkki ja gmail.com"): never the local part of an address spelt with a word for "@".
ADDRESS_CUES = frozenset(
    {"kirjoita", "lähetä", "laita", "osoite", "osoitteeseen", "sähköposti", "sähköpostiin",
     "meili", "skriv", "skicka", "mejla", "adress", "adressen", "epost", "write", "send",
     "email", "mail", "address", "contact", "type"}
)  # fmt: skip
MAX_OBFUSCATED = 200  # OBFUSCATED_EMAIL matches read per text (a flood stays linear)


def _deobfuscated(found: Any) -> str | None:
    """The address an OBFUSCATED_EMAIL match (an RE2 match object) spells
    ("matti@gmail.com"), or None when the match is no address: a last label that is no
    top-level domain; a written "@" whose first dot is written too (EMAIL reads that one);
    a name of the sign ("snabel-a", "kissanhäntä") before a domain whose top-level domain is
    not in MAIL_TLDS, or after a stop word or a word that asks for an address (ADDRESS_CUES);
    or, for an everyday word (" at ", " ät ", an "(a)" with spaces: "kohta (a) kokkola.fi" is
    a list item), a phrase ("see us at kokkola.fi", "look at this dot com"): then the local
    part must have a letter and a dot, an underscore or a digit, or the dots must be spelt
    too; no word may be a stop word, and the top-level domain must be in MAIL_TLDS."""
    local, at, domain = found.group(1), found.group(2), found.group(3)
    marker = at.strip(" ()[]{}<>")
    labels = _DOT_SPELT.split(domain)
    local = ".".join(_DOT_SPELT.split(local)).rstrip(".")
    if not local or not labels[-1].isalpha() or not 2 <= len(labels[-1]) <= 24:
        return None
    known = (
        labels[-1] in MAIL_TLDS
        and local not in ADDRESS_CUES
        and not any(w in STOPWORD_SET for w in (local, *labels))
    )
    if at == "@":
        first = _DOT_SPELT.search(domain)
        if first is None or first.group() == "." or not known:
            return None  # a plain address (EMAIL), or "@" and no known top-level domain
    elif at in (" at ", " ät ") or (marker == "a" and at != "(a)"):
        spelt = "." not in domain or any(c.isspace() or c in "([{<" for c in domain)
        if not known:
            return None
        if not spelt and not any(c in "._" or c.isdigit() for c in local):
            return None
        if not any(c.isalpha() for c in local):
            return None  # "arrive at 5 at cafe.fi": a time, no local part
    elif marker not in ("at", "ät", "a", "@") and not known:
        return None  # "snabel-a", "kissanhäntä": a name of the sign, a known domain
    return f"{local}@{'.'.join(labels)}"


class EmailDetector:
    """Outside addresses warn; a named employee's city address gets advice; role addresses at
    the city's domains (kirjasto@kokkola.fi) and listed contact addresses pass. An address
    with its "@" or dots written as words or in brackets is the same address (see
    OBFUSCATED_EMAIL)."""

    rules = ("privacy-005", "privacy-006")
    cues = frozenset("@")
    cue_patterns = (OBFUSCATION_CUE,)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if "@" in text:
            for found in EMAIL.finditer(text):
                start, end = found.span()
                address = found.group().rstrip(".")
                end = start + len(address)
                touches_link = text[start - 1 : start] in ("/", ":") or text[end : end + 1] in (
                    "/",
                    "?",
                    "#",
                    ":",
                    "\\",
                )
                if touches_link and in_userinfo(ctx.text, start, end):
                    continue  # "https://kokkola.fi@evil.example/": part of a link, no address
                yield from _judge_address(ctx, address, start, end, 0.95)
        if _OBFUSCATION_CUE.search(text):
            yield from _obfuscated_addresses(ctx, text)


def _obfuscated_addresses(ctx: CheckContext, text: str) -> Iterator[Match]:
    """The findings for addresses written as OBFUSCATED_EMAIL. A match that is no address
    ("me at john.smith") is searched on from its domain, which may be the next one's local
    part ("john.smith at gmail dot com"); at most MAX_OBFUSCATED matches are read."""
    position = 0
    for _ in range(MAX_OBFUSCATED):
        found = OBFUSCATED_EMAIL.search(text, position)
        if found is None:
            return
        address = _deobfuscated(found)
        if address is None:
            position = found.start(3) - 1  # the character before the domain (its prefix)
            continue
        position = found.end(3)
        if text[position : position + 1] not in ("/", "@"):
            yield from _judge_address(ctx, address, found.start(1), position, 0.85)


def _judge_address(
    ctx: CheckContext, address: str, start: int, end: int, confidence: float
) -> Iterator[Match]:
    """The finding for an address at start..end of the normalised text: none for the city's
    listed contact addresses and role addresses at its domains, privacy-006 for a named
    employee's city address ("etunimi.sukunimi@kokkola.fi"), privacy-005 for any other."""
    local, _, domain = address.partition("@")
    if address in ctx.city.contact_emails:
        return
    if _in_domains(domain, ctx.city.domains):
        if NAME_LOCAL_PART.search(local):
            yield ctx.match("privacy-006", start, end, confidence=0.8, reason="email_named")
        return
    yield ctx.match("privacy-005", start, end, confidence=confidence, reason="email")


# ---------------------------------------------------------------- IBAN
# Groups of four separated by a space or a dash (any dash of the Unicode family reads "-").
IBAN = compile_pattern(
    _NOT_WORD + r"([a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?)"
)


def _iban_prefixes(candidate: str) -> Iterator[str]:
    """The candidate, then shorter and shorter at its separators: the last group may have
    swallowed the start of the next word or number."""
    yield candidate
    cut = len(candidate)
    while True:
        cut = max(candidate.rfind(" ", 0, cut), candidate.rfind("-", 0, cut))
        if cut <= 4:
            return
        yield candidate[:cut]


def _mod97(candidate: str) -> bool:
    """The IBAN check (ISO 13616: the number read with A=10 ... Z=35, country and check
    digits moved to the end, is 1 modulo 97), cheap enough to try before python-stdnum, which
    also checks each country's length and format."""
    compact = candidate.replace(" ", "").replace("-", "").upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum():
        return False
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


class IbanDetector:
    """IBANs with a valid check (python-stdnum), printed with spaces, dashes or none, that
    neither start nor end inside a longer identifier."""

    rules = ("privacy-007",)
    cue_patterns = (r"[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2}",)  # the start of IBAN's code

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 10:
            return
        allowed = {stdnum_iban.compact(i) for i in ctx.city.contact_ibans}
        for found in IBAN.finditer(text):
            start = found.start(1)
            candidate = next(
                (
                    c
                    for c in _iban_prefixes(found.group(1))
                    if _mod97(c) and stdnum_iban.is_valid(c)
                ),
                "",
            )
            if not candidate or joined(text, start, start + len(candidate)):
                continue
            if stdnum_iban.compact(candidate) in allowed:
                continue
            yield ctx.match(
                "privacy-007", start, start + len(candidate), confidence=0.99, reason="iban"
            )


# ---------------------------------------------------------------- payment cards
# A run of digits with single spaces or dashes between groups: a card number is 12-19 digits
# of one such run (CARD_RUN's groups are tried as windows, `_card_numbers`).
CARD_RUN = compile_pattern(r"\d{1,19}(?:[ -]\d{1,19}){0,18}")
# The first twelve digits of every card number, grouped as `_card_numbers` takes them: the
# first group may be one digit ("4 111111111111111" with a card word near; before stop 39 the
# cue wanted two, and such a number was never looked at).
CARD_CUE = r"[2-6](?:[ -]?\d){11}"
CARD_WORDS = Lexicon(
    (term, "card")
    for term in (
        "kortti*", "kortin*", "korttia", "korttini", "korttinumero*", "luottokort*",
        "pankkikort*", "maksukort*", "debitkort*", "kort", "korten", "kortet", "kortnummer*",
        "kortnr", "kreditkort*", "bankkort*", "betalkort*", "card*", "visa", "mastercard",
        "amex", "american express", "maestro", "cvv", "cvc",
    )
)  # fmt: skip
# The card networks' number ranges (ISO/IEC 7812 issuer numbers) with their lengths: a
# Luhn-valid number outside them is some other number (a reference, an order, a serial).
CARD_NETWORKS: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = (
    (("4",), (13, 16, 19)),  # Visa
    (("51", "52", "53", "54", "55", *map(str, range(2221, 2721))), (16,)),  # Mastercard
    (("34", "37"), (15,)),  # American Express
    (("300", "301", "302", "303", "304", "305", "36", "38", "39"), (14, 16, 19)),  # Diners
    (("6011", "644", "645", "646", "647", "648", "649", "65"), (16, 19)),  # Discover
    (tuple(map(str, range(3528, 3590))), (16, 19)),  # JCB
    (("50", "56", "57", "58", "6"), (12, 13, 14, 15, 16, 17, 18, 19)),  # Maestro, UnionPay
)
# How a card number is printed in groups without a card word near it: fours (Visa,
# Mastercard: 4-4-4-4, 4-4-4-4-3) or the American Express and Diners 4-6-5 and 4-6-4.
CARD_GROUPINGS = frozenset({(4, 4, 4, 4), (4, 4, 4, 4, 3), (4, 4, 4, 1), (4, 6, 5), (4, 6, 4)})


def _card_network(digits: str) -> bool:
    """Whether `digits` has a card network's issuer prefix and length (CARD_NETWORKS)."""
    return any(
        len(digits) in lengths and digits.startswith(prefixes)
        for prefixes, lengths in CARD_NETWORKS
    )


def _card_numbers(run: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, grouped) in `run` of the payment card number it holds, if any: its first
    groups with 12-19 digits in all, Luhn-valid (ISO/IEC 7812), in a network's range, the
    longest such; at most one group may follow (a security code: "... 1111 123", taken into
    the span when it has at most four digits). A number
    from the middle of a longer run of groups ("0400 1234 0500 2345 0600 ...", a booking
    number) is none. `grouped`: printed in a card's groups (CARD_GROUPINGS)."""
    groups: list[tuple[int, int]] = []
    position = 0
    for piece in re.split(r"[ -]", run):
        groups.append((position, position + len(piece)))
        position += len(piece) + 1
    if run[0] not in "23456":
        return
    best: int | None = None
    digits = ""
    for last in range(min(len(groups), 19)):
        digits += run[groups[last][0] : groups[last][1]]
        if len(digits) > 19:
            break
        if len(digits) >= 12 and _card_network(digits) and luhn.is_valid(digits):
            best = last
    if best is None or len(groups) - best - 1 > 1:
        return
    sizes = tuple(end - start for start, end in groups[: best + 1])
    # A short group after the number (a security code) goes with it: the redacted copy must
    # not keep it.
    end = groups[-1][1] if groups[-1][1] - groups[-1][0] <= 4 else groups[best][1]
    yield 0, end, sizes in CARD_GROUPINGS


class PaymentCardDetector:
    """Payment card numbers (privacy-013; §2.5, §6.4, §10.5): 12-19 digits that pass the Luhn
    check and lie in a card network's range, printed in a card's groups ("4111 1111 1111
    1111", "3782 822463 10005"), or in any grouping or none with a card word near
    ("kortin numero 4111111111111111"). A number glued to a longer one is none (`joined`)."""

    rules = ("privacy-013",)
    cue_patterns = (CARD_CUE,)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 12:
            return
        for found in CARD_RUN.finditer(text):
            run = found.group()
            if len(run) < 12:
                continue
            for r_start, r_end, grouped in _card_numbers(run):
                start, end = found.start() + r_start, found.start() + r_end
                if joined(text, start, end):
                    continue
                if grouped or _near_keyword(ctx, start, end, CARD_WORDS):
                    yield ctx.match("privacy-013", start, end, confidence=0.95, reason="card")


# ---------------------------------------------------------------- passports
# A passport number: two letters and seven digits (Finland), eight digits (Sweden), nine
# digits or a letter and eight digits (the United Kingdom, the United States, ...).
PASSPORT = compile_pattern(_NOT_WORD + r"([a-z]{1,2}\d{7,8}|\d{8,9})")
# Words that say a number is a passport's. "passi" alone, not as a prefix ("passiivinen").
PASSPORT_WORDS = Lexicon(
    (term, "passport")
    for term in (
        "passi", "passin", "passia", "passini", "passinsa", "passissa", "passissani",
        "passista", "passiin", "passinumero*", "passinnumero*", "passit", "passien",
        "pass", "passet", "passets", "passnummer*", "passnumret", "passnr", "passport*",
    )
)  # fmt: skip


class PassportNumberDetector:
    """A passport number near a word for a passport (privacy-014; §2.5, §6.4, §10.5): "passin
    numero XP1234567", "passnummer 12345678", "passport no. 123456789". Without the word an
    eight- or nine-digit number is anything at all, and none is reported."""

    rules = ("privacy-014",)
    cues = frozenset({"pass"})

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if ctx.text.digit_count < 7:
            return
        for found in PASSPORT.finditer(text):
            start, end = found.span(1)
            if joined(text, start, end):
                continue
            if _near_keyword(ctx, start, end, PASSPORT_WORDS, size=4):
                yield ctx.match("privacy-014", start, end, confidence=0.9, reason="passport")


# ---------------------------------------------------------------- street addresses
# A capitalised street name with a typical Finnish, Swedish or English ending, a house number
# with an optional staircase and flat ("Rantakatu 12 B 4"), and an optional postal code + town.
STREET_ENDINGS = (
    "katu|kadun|tie|tien|kuja|polku|väylä|ranta|tori|raitti|kaari|rinne|mäki|aukio|puistikko"
    "|gatan|gata|vägen|väg|gränd|stigen|torget|allén|backen|esplanaden|strand|"
    " Street| Road| Avenue| Lane"
)
STREET = compile_pattern(
    r"(?:^|[^\p{L}\p{N}])(\p{Lu}[\p{L}-]{1,40}"
    f"(?:{STREET_ENDINGS})"
    r" \d{1,3}(?: ?[A-Za-z](?: ?\d{1,3})?)?(?:,? \d{5} \p{Lu}\p{Ll}+)?)",
    max_mem=ROOMY,  # the counted name of letters: 8 MB made it 20 times slower
)
# An English address, house number first ("12 Main Street", "14B Baker St.", "7 Park Lane"):
# one or two capitalised words before a street type. One to three digits (a year such as
# "2019 Main Street" is no house number) and a word or text end after the type.
EN_STREET_TYPES = "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Place|Terrace|Crescent"
STREET_NUMBER_FIRST = compile_pattern(
    r"(?:^|[^\p{L}\p{N}])(\d{1,3}[A-Za-z]? \p{Lu}[\p{L}'-]{1,40}(?: \p{Lu}[\p{L}'-]{1,40})? "
    f"(?:{EN_STREET_TYPES}))"
    r"(?:$|[^\p{L}\p{N}])",
    max_mem=ROOMY,
)
# The street type of STREET_NUMBER_FIRST after a space, as a word: most texts have none, and
# this literal search costs a fraction of the full pattern's.
EN_STREET_CUE = compile_pattern(f" (?:{EN_STREET_TYPES})(?:$|[^\\p{{L}}\\p{{N}}])")
# Words before a number that make it a time of day, not a house number.
TIME_WORDS = frozenset({"klo", "kello", "kl", "klockan", "time"})
# Words that make a street address someone's home (privacy-009). Forms of "to live" and of
# "home" only where they speak of living there: "asukastilaisuus" (a residents' meeting),
# "kotisivu" (a home page), "kotimainen" (domestic), "live music", "homepage" and "osoitteessa"
# (at the address, as venues are given) say nothing of anyone's home.
HOME_CONTEXT = Lexicon(
    (term, "home")
    for term in (
        "asuu",
        "asun",
        "asut",
        "asumme",
        "asutte",
        "asuvat",
        "asui",
        "asuivat",
        "asunut",
        "asuneet",
        "asuva*",
        "asuin*",
        "kotiosoit*",
        "kotona",
        "kotiin",
        "kotinsa",
        "kotiaan",
        "kotini",
        "kotimme",
        "kodissa*",
        "kodista*",
        "bor",
        "bodde",
        "boende",
        "hemadress*",
        "hemma",
        "hemmet",
        "lives",
        "lived",
        "live at",
        "live on",
        "live in",
        "living at",
        "living on",
        "home address*",
        "at home",
        "my home",
        "his home",
        "her home",
        "their home",
        "our home",
        "your home",
        # A flat said to be someone's ("drop by my flat at Isokatu 5 B 12", "min lägenhet på
        # Storgatan 3", "asuntooni Isokatu 5:ssä"): a third fresh tester, stop 30.
        "my flat",
        "my apartment",
        "our flat",
        "our apartment",
        "his flat",
        "his apartment",
        "her flat",
        "her apartment",
        "their flat",
        "their apartment",
        "min lägenhet",
        "vår lägenhet",
        "hans lägenhet",
        "hennes lägenhet",
        "deras lägenhet",
        "asuntooni",
        "asunnossani",
        "asuntoomme",
        "asunnossamme",
        "asuntoonsa",
        "asunnossaan",
    )
)
VENUE_CONTEXT = Lexicon((term, "venue") for term in load_words("venues"))


class StreetAddressDetector:
    rules = ("privacy-008", "privacy-009")
    # The ending and the house number's first digit, in the lower-case view: the cased view
    # has the same characters, in the same places, but capitals.
    cue_patterns = (
        f"(?:{STREET_ENDINGS.lower()}) \\d",
        # STREET_NUMBER_FIRST in lower case, without its bounds on lengths: a house number,
        # one or two words and a street type ("12 main street").
        r"\d[a-z]? [\pL'-]{2,}(?: [\pL'-]{2,})? "
        f"(?:{EN_STREET_TYPES.lower()})"
        r"(?:$|[^\pL\pN])",
    )

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        if not ctx.text.digit_count:
            return
        for start, end, candidate in _street_candidates(ctx.text.cased):
            if _city_address(candidate, ctx.city.contact_addresses):
                continue  # the city's own published contact point (§2.5)
            o_start, o_end = ctx.text.span(start, end)
            sentence = sentences(ctx.text).number_at(o_start)
            postal = any(len(p) == 5 and p.isdigit() for p in candidate.split())
            if sentence_has(ctx.text, HOME_CONTEXT, sentence) and _someones_home(ctx, sentence):
                yield ctx.match("privacy-009", start, end, confidence=0.9, reason="home_address")
            elif not (
                _number_range(ctx.text.text, start, end)
                or _venue_near(ctx, sentence, o_start, o_end)
                or _located_venue(ctx, sentence, o_start)
            ):
                if _private_contact(ctx, start, end):  # a private person's contact card
                    yield ctx.match(
                        "privacy-009", start, end, confidence=0.8, reason="home_address"
                    )
                    continue
                yield ctx.match(
                    "privacy-008",
                    start,
                    end,
                    confidence=0.85 if postal else 0.7,
                    reason="street_address",
                )


# A range of house numbers or of days: "Rantakatu 10–14", "Storgatan 10-14", "10–14 Main
# Street", "Rantakatu 3.–7.6." (the street on those days). The
# other end is one to three digits, not led by 0 and not followed by another group of digits
# ("Isokatu 5 - 040 123 4567" is an address and a phone number).
RANGE_AFTER = compile_pattern(r"^\.? ?[-‐‑–—] ?[1-9]\d{0,2}(?:$|[^\d ]| [^\d])")
RANGE_BEFORE = compile_pattern(r"(?:^|[^\d])[1-9]\d{0,2} ?[-‐‑–—] ?$")


def _number_range(text: str, start: int, end: int) -> bool:
    """Whether the street address at start..end of `text` (normalised) is one end of a range
    of house numbers: a stretch of street or a block of buildings (road works, a closed
    section), which is no one's home (privacy-008). A home word still makes it privacy-009."""
    return bool(
        RANGE_AFTER.search(text[end : end + 7])
        or RANGE_BEFORE.search(text[max(0, start - 6) : start])
    )


# A flat after a street address: a staircase letter and a flat number ("Rantakatu 3 B 14"),
# or a word for a flat and its number after it ("Isokatu 12 as. 5", "Storgatan 5 lgh 1102",
# "12 Main Street, Apt 4").
FLAT_IN_ADDRESS = compile_pattern(r"\d+ ?\pL ?\d+$")
FLAT_AFTER = compile_pattern(
    r"^,? ?(?i:as\.?|asunto|lgh\.?|lägenhet|apt\.?|apartment|flat|unit) ?\d"
)
# A phone number or an e-mail address after the address, in a private person's contact card.
CONTACT_AFTER = compile_pattern(r"(?:\+ ?358|\b0)\d[\d -]{4,12}\d|@")
CONTACT_REACH = 120  # characters around the address read for the card's name and contacts


def _private_contact(ctx: CheckContext, start: int, end: int) -> bool:
    """Whether the street address at normalised offsets start..end is a private person's home
    in a contact card (§2.5, §6.4: a combination of a name, a home address and contacts
    identifies where a person lives; the rulebook makes privacy-009 a block): a person named
    right before it (only punctuation between: "Asukas Pekka Korhonen, Rantakatu 3 B 14") and
    either a flat (FLAT_IN_ADDRESS, FLAT_AFTER) or a phone number or an e-mail address after
    it (CONTACT_AFTER), in one paragraph, with no address of the city's own domains there (a
    member of staff at the office: "Anna Niemi, Isokatu 3, anna.niemi@kokkola.fi"). A venue
    or a public place is set aside before (StreetAddressDetector)."""
    text = ctx.text.text
    names = person_names(ctx.text)
    index = bisect_right([name.end for name in names], start) - 1
    if index < 0:
        return False
    name = names[index]
    between = text[name.end : start]
    if len(between) > 4 or any(c.isalnum() for c in between) or "\n\n" in between:
        return False
    paragraph_end = text.find("\n\n", end)
    after = text[end : min(end + CONTACT_REACH, len(text) if paragraph_end < 0 else paragraph_end)]
    if any(f"@{domain}" in after.lower() for domain in ctx.city.domains):
        return False
    address = ctx.text.cased[start:end].split(",")[0]
    return bool(
        FLAT_IN_ADDRESS.search(address) or FLAT_AFTER.search(after) or CONTACT_AFTER.search(after)
    )


# Words for households counted after a number: "40 perhettä", "200 asukasta", "40 familjer",
# "40 families". A home word with such a count beside it speaks of a building of many homes,
# which is no one's home address (§2.5): "Isokatu 12, jossa asuu nyt 40 perhettä".
HOUSEHOLD_STARTS = (
    "perhe", "perhei", "talou", "asukas", "asukka", "asunto", "asuntoj", "ihmis", "henke",
    "familj", "hushåll", "invånare", "boende", "lägenhet", "personer", "famil", "household",
    "resident", "people", "tenant", "apartment", "flat",
)  # fmt: skip
HOUSEHOLD_REACH = 3  # tokens between a home word and its count of households, at most


def _someones_home(ctx: CheckContext, sentence: int) -> bool:
    """Whether a home word of sentence `sentence` (HOME_CONTEXT) speaks of someone's home:
    one without a count of two or more households within HOUSEHOLD_REACH tokens ("asuu nyt 40
    perhettä", "bor 40 familjer", "where 40 families live" speak of a building of many
    homes); a named person living there still makes the address theirs ("Matti Virtanen asuu
    osoitteessa Isokatu 12, jossa asuu 40 perhettä")."""
    first, end = sentences(ctx.text).bounds(sentence)
    words = ctx.text.table.words
    for found in sentence_matches(ctx.text, HOME_CONTEXT, sentence):
        low = max(first, first + found.first - HOUSEHOLD_REACH - 1)
        high = min(end - 1, first + found.last + HOUSEHOLD_REACH)
        if not any(
            words[i].isdecimal()
            and int(words[i][:6]) >= 2
            and words[i + 1].startswith(HOUSEHOLD_STARTS)
            for i in range(low, high)
        ):
            return True
    return False


# Words that say where a place is: with one, a public place or an event anywhere in the
# sentence before the address is what the address locates ("Kokkolan kaupungintalo, jossa
# valtuusto kokoontuu, sijaitsee osoitteessa Kauppatori 1"), however far from it.
# Not "osoite", "adress", "address" alone: "Matti Virtanen, jonka osoite on Isokatu 12" names
# his address, whatever public place the sentence began with.
LOCATING = frozenset(
    {"sijaitsee", "sijaitsevat", "sijaitseva", "sijaitsevassa", "ligger", "located",
     "situated"}
)  # fmt: skip


# Copulas and "at the address": they locate a public place only when it is the sentence's
# subject ("Kokkolan kaupungintalo, jossa ..., on osoitteessa Kauppatori 1", "Karleby stadshus,
# där ..., finns på Salutorget 1"), not a place where something else happened ("Kaupungin-
# talolla kävi Matti Virtanen, jonka osoite on Isokatu 12").
LOCATING_COPULAS = frozenset({"on", "ovat", "osoitteessa", "är", "finns", "is", "are"})
SUBJECT_REACH = 3  # the subject's word is among the sentence's first tokens
# Prepositions that make the place a setting, not the subject ("På stadshuset sågs ...").
PLACE_PREPOSITIONS = frozenset({"på", "i", "vid", "till", "från", "at", "in", "to", "from"})
# Finnish local cases: a place where something happens, not the subject ("kaupungintalolla").
LOCAL_ENDINGS = ("lla", "llä", "ssa", "ssä", "lta", "ltä", "sta", "stä", "lle")


def _located_venue(ctx: CheckContext, sentence: int, start: int) -> bool:
    """Whether sentence `sentence` locates a public place or an event (VENUE_CONTEXT) at the
    address at original offset `start`: with a locating verb (LOCATING) and the place anywhere
    before the address, or with a copula (LOCATING_COPULAS) and the place as the sentence's
    subject (among its first SUBJECT_REACH tokens, not in a Finnish local case nor after a
    preposition of place); never a word of a link."""
    if sentence < 0:
        return False
    first, end = sentences(ctx.text).bounds(sentence)
    words = ctx.text.table.words
    present = set(words[first:end])
    verb = not LOCATING.isdisjoint(present)
    if not verb and LOCATING_COPULAS.isdisjoint(present):
        return False
    for found in sentence_matches(ctx.text, VENUE_CONTEXT, sentence):
        if ctx.text.span(found.start, found.end)[1] > start or not _outside_links(
            ctx, first + found.first
        ):
            continue  # after the address, or part of a link ("kokkola.fi/tapahtumat")
        if verb:
            return True
        word = words[first + found.last - 1]
        before = words[first + found.first - 1] if found.first > 0 else ""
        if (
            found.first < SUBJECT_REACH
            and not word.endswith(LOCAL_ENDINGS)
            and before not in PLACE_PREPOSITIONS
            and not _person_after_place(ctx, sentence, first + found.last, start)
        ):
            return True
    return False


def _venue_near(ctx: CheckContext, sentence: int, start: int, end: int) -> bool:
    """Whether a public place or an event (VENUE_CONTEXT) is among the words near the
    address at original offsets `start`..`end` (`_near_words`), other than one that only
    qualifies the person the sentence is about (`_person_after_place`: "Koulun opettaja
    Matti Virtanen on Isokatu 12:ssa")."""
    found = VENUE_CONTEXT.find(_near_words(ctx, sentence, start, end))
    if not found:
        return False
    starts = ctx.text.table.starts
    return any(
        not _person_after_place(ctx, sentence, bisect_left(starts, hit.end), start) for hit in found
    )


def _person_after_place(ctx: CheckContext, sentence: int, index: int, start: int) -> bool:
    """Whether the place word ending before token `index` only qualifies a named person: the
    name right after it, or after a title or job word (names.TITLES) right after it ("Koulun
    opettaja Matti Virtanen", "Skolans lärare Anna Berg", "school's teacher John Smith"),
    before the address at original offset `start`. A place with a clause after it ("Koulu,
    jonka rehtori on ...") or a title alone ("Koulun rehtori on tavattavissa ...") is the
    subject itself."""
    table = ctx.text.table
    words = table.words
    if index < len(words) and words[index] == "s" and table.gaps[index] in ("'", "’"):
        index += 1  # the English genitive's "s" ("school's teacher")
    after = index  # a name read with its title starts at the title
    if index < len(words) and table.gaps[index] == " " and words[index].startswith(TITLES):
        index += 1
    if index >= len(words) or table.gaps[index] != " ":
        return False
    if ctx.text.span(table.starts[index], table.ends[index])[1] > start:
        return False
    return any(after <= name.first <= index for name in names_in_sentence(ctx.text, sentence))


def _street_candidates(original: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, address) of each street address of the case-preserving normalised view
    (street names need their capital; a non-breaking space or a decomposed "ä" must not hide
    one): the street name first (`STREET`), then the English house-number-first ones
    (`STREET_NUMBER_FIRST`)."""
    for found in STREET.finditer(original):
        start, end = found.span(1)
        candidate = found.group(1)
        # "Isokatu 52 sedan": the staircase letter was really the start of the next word.
        while end < len(original) and original[end].isalnum() and " " in candidate[-4:]:
            candidate = candidate[: candidate.rfind(" ")]
            end = start + len(candidate)
        if not candidate[-1:].isdigit() and not candidate[-1:].isalpha():
            continue
        if end < len(original) and original[end].isalnum():
            continue
        yield start, end, candidate
    if not EN_STREET_CUE.search(original):
        return
    for found in STREET_NUMBER_FIRST.finditer(original):
        start, end = found.span(1)
        before = original[max(0, start - 12) : start].split()
        if before and before[-1].rstrip(".").lower() in TIME_WORDS:
            continue  # "klo 18 Stadium Road -konsertti": a time, then an event's name
        yield start, end, found.group(1)


_POSTAL = compile_pattern(r",? (\d{5}) \p{L}+$")


@cache
def _address_keys(addresses: tuple[str, ...]) -> dict[str, str]:
    """The city's published addresses (`CityProfile.contact_addresses`) as street and house
    number in lower case -> the postal code listed with them ("" when none)."""
    keys: dict[str, str] = {}
    for address in addresses:
        street, _, rest = address.partition(",")
        postal = next((w for w in rest.split() if len(w) == 5 and w.isdigit()), "")
        keys[" ".join(street.lower().split())] = postal
    return keys


def _city_address(candidate: str, addresses: tuple[str, ...]) -> bool:
    """Whether a found street address (`STREET`'s group) is one of the city's published ones:
    the same street and house number, no staircase or flat, and the same postal code when
    one is written with it."""
    if not addresses:
        return False
    postal = _POSTAL.search(candidate)
    street = candidate[: postal.start()] if postal else candidate
    listed = _address_keys(addresses).get(" ".join(street.lower().split()))
    return listed is not None and (postal is None or not listed or postal.group(1) == listed)


def _near_words(ctx: CheckContext, number: int, start: int, end: int) -> list[Token]:
    """Words of sentence `number` close to an original span (five before, three after),
    leaving out parts of links ("kokkola.fi/tapahtumat" names no venue). Found from the
    token columns by bisection, walking out from the span until enough are kept: Token
    objects are made for those alone, not for the whole sentence."""
    split = sentences(ctx.text)
    first, last = split.bounds(number) if number >= 0 else (0, 0)
    if last - first >= 64:  # a huge "sentence": look only at the tokens around the span
        near = bisect_left(split.starts, start)
        first, last = max(0, near - 6), min(near + 12, len(split.of_token))
    starts = split.starts  # original start offsets, in order, as are the ends
    before: list[int] = []
    index = bisect_left(starts, start, first, last)  # tokens from here on start inside or after
    while index > first and len(before) < 5:
        index -= 1
        if _outside_links(ctx, index) and ctx.text.span(*_token_span(ctx, index))[1] <= start:
            before.append(index)
    after: list[int] = []
    index = bisect_left(starts, end, first, last)  # the first token that starts after the span
    while index < last and len(after) < 3:
        if _outside_links(ctx, index):
            after.append(index)
        index += 1
    table = ctx.text.table
    return [Token(table.words[i], table.starts[i], table.ends[i]) for i in [*before[::-1], *after]]


def _token_span(ctx: CheckContext, index: int) -> tuple[int, int]:
    """Token `index`'s offsets in the normalised text."""
    table = ctx.text.table
    return table.starts[index], table.ends[index]


def _outside_links(ctx: CheckContext, index: int) -> bool:
    """Whether token `index` is no part of a link: not right after a "/" or a "." of the
    original text."""
    t_start = sentences(ctx.text).starts[index]
    return not (t_start > 0 and ctx.text.original[t_start - 1] in "/.")


# ---------------------------------------------------------------- registration plates
PLATE_FI = compile_pattern(r"(?:^|[^\p{L}\p{N}])([A-ZÅÄÖ]{2,3}-\d{1,3})")
PLATE_SE = compile_pattern(r"(?:^|[^\p{L}\p{N}])([A-Z]{3} \d{2}[A-Z0-9])")
# The start of either (one pass where most texts have neither).
PLATE_EITHER = compile_pattern(r"(?:^|[^\p{L}\p{N}])(?:[A-ZÅÄÖ]{2,3}-\d|[A-Z]{3} \d{2}[A-Z0-9])")
PLATE_CONTEXT = Lexicon(load_terms("vehicle_words"))
NOT_PLATES = frozenset(load_words("not_plates"))


class RegistrationPlateDetector:
    """Finnish (ABC-123) and Swedish (ABC 123) plates; two-letter Finnish plates and Swedish
    ones need a vehicle word nearby, since acronyms look the same."""

    rules = ("privacy-010",)
    # What every match of PLATE_EITHER holds in the lower-case text: a letter, a dash and a
    # digit, or a letter, a space, two digits and a letter or digit. A digit alone (the cue before
    # stop 39) is in every text with a date or a time. Edges and letter counts would select
    # fewer texts but cost the prefilter's set more than the detector they save (instructions
    # per check, callgrind: posts 3.95 M with them, 3.85 M without; Suomi24 8.68 M, 8.42 M).
    cue_patterns = (r"[a-zåäö]-\d|[a-z] \d\d[a-z0-9]",)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        original = ctx.text.cased  # capitals kept, any dash read as "-"
        if not ctx.text.digit_count or not PLATE_EITHER.search(original):
            return
        for pattern, needs_context in ((PLATE_FI, False), (PLATE_SE, True)):
            for found in pattern.finditer(original):
                start, end = found.span(1)
                if joined(original, start, end) or original[end : end + 1] == "-":
                    continue
                letters = found.group(1).split("-")[0].split(" ")[0]
                if letters in NOT_PLATES:
                    continue
                sentence = sentences(ctx.text).number_at(ctx.text.span(start, end)[0])
                context = sentence_has(ctx.text, PLATE_CONTEXT, sentence)
                if (needs_context or len(letters) == 2) and not context:
                    continue
                yield ctx.match(
                    "privacy-010", start, end, confidence=0.9 if context else 0.65, reason="plate"
                )


# ---------------------------------------------------------------- a named person + sensitive
SENSITIVE_TERMS = load_terms("sensitive")
SENSITIVE = Lexicon(SENSITIVE_TERMS)
# A third-person pronoun carries a person named in the sentence before into the next one
# ("Liisa Virtanen on ollut poissa. Hänellä on syöpä.").
PRONOUNS = frozenset(
    {"hän", "hänen", "häntä", "hänellä", "häneltä", "hänelle", "hänet", "hänestä", "hänessä",
     "han", "hon", "honom", "henne", "hans", "hennes", "he", "she", "him", "her", "his", "hers"}
)  # fmt: skip
_SENTENCE_END = ".!?…"


def key_words(terms: Iterable[tuple[str, str]]) -> tuple[Spec, ...]:
    """Of each term of a word list of (term, label) pairs, the longest of the words it cannot
    match without (its optional ones left out): every match has a token that it matches. The
    first word (`Lexicon.cues`) is often a short one ("a klinik*", "on", "in") found in nearly
    every text; the longest is found in few."""
    return tuple(
        max((spec for spec in parse_term(text, label).specs if not spec.optional),
            key=lambda spec: len(spec.value))
        for text, label in terms
    )  # fmt: skip


# Not a letter or digit of a token, as far as an ASCII view tells: a character that may stand
# before a token's first letter or after its last (a conservative test: "ä" passes too).
_EDGE_BEFORE = "(?:^|[^a-z0-9])"
_EDGE_AFTER = "(?:$|[^a-z0-9])"


def key_word_pattern(specs: Iterable[Spec]) -> str:
    """An RE2 pattern that finds every token the `specs` match, and some more: a word
    (`exact`) with no ASCII letter or digit on either side, a stem (`prefix`) with none
    before it, an ending (`suffix`) with none after it, a part (`infix`) anywhere. A text it
    does not match has no token the specs match."""
    groups: dict[tuple[str, str], list[str]] = {}
    for spec in specs:
        before = _EDGE_BEFORE if spec.kind in ("exact", "prefix") else ""
        after = _EDGE_AFTER if spec.kind in ("exact", "suffix") else ""
        groups.setdefault((before, after), []).append(re.escape(spec.value))
    return (
        "|".join(
            f"{before}(?:{'|'.join(sorted(set(values)))}){after}"
            for (before, after), values in groups.items()
        )
        or "[^\\s\\S]"
    )


# A sensitive word that names a profession, an organisation, research, a service or an event
# rather than a fact about someone: the rest of its compound ("diabeteshoitaja",
# "syöpätutkimus", "mielenterveysviikolla", "cancerfonden") or the next word ("cancer
# research", "diabetes nurse", "Mental Health Week", "lastensuojelun sosiaalityöntekijä")
# holds one of these stems. A ward, a clinic or a support group is left out: being in one
# is a fact about the person.
INSTITUTION_STEMS = (
    # fi
    "hoitaj",
    "tutkimu",
    "tutkimuks",
    "tutkij",
    "säätiö",
    "yhdisty",
    "liito",
    "liitto",
    "järjestö",
    "viiko",
    "viikko",
    "palvelu",
    "asiantuntij",
    "työntekij",
    "keskus",
    "keskuks",
    "hanke",
    "hankkee",
    "ohjelm",
    "kampanj",
    "seminaar",
    "luento",
    "kurssi",
    "ammattilai",
    "lääkär",
    # a service's reform, budget or strategy ("lastensuojelun uudistus", "päihdepalvelujen
    # budjetti"): the matter is the city's work, no person's (a fresh tester of stop 36)
    "uudistu",
    "budjet",
    "strategi",
    "linjau",
    "lainsäädän",
    "vastai",  # "rattijuopumuksen vastainen kampanja": against the matter
    # screening and prevention of a disease ("rintasyövän seulonta", "cancer screening unit")
    "seulon",
    "ehkäisy",
    # sv
    "sköterska",
    "forskning",
    "forskare",
    "fond",
    "förening",
    "förbund",
    "vecka",
    "veckan",
    "tjänst",
    "expert",
    "kampanj",
    "insamling",
    "reform",
    "budget",
    "strategi",
    "lagstiftning",
    "screening",
    "förebygg",
    # en
    "research",
    "foundation",
    "society",
    "association",
    "nurse",
    "specialist",
    "week",
    "month",
    "service",
    "awareness",
    "charity",
    "fund",
    "programme",
    "program",
    "campaign",
    "seminar",
    "conference",
    "expert",
    "worker",
    "team",
    "reform",
    "strategy",
    "policy",
    "legislation",
    "prevention",
)
# Words that join an institution word to the matter after it ("reformen av barnskyddet",
# "strategin för missbruksvården", "the reform of child welfare"): then the institution word
# right before is read as if it followed the matter.
INSTITUTION_JOINS = frozenset({"av", "för", "inom", "mot", "of", "for", "against"})


def _institutional(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether the sensitive hit names an institution, profession or event (see
    INSTITUTION_STEMS): the rest of its last word after the matched stem holds such a stem, or
    the word after it starts with one (holds one, for stems of six letters or more:
    "sosiaalityöntekijä"), or one stands right before a joining word before it ("reformen av
    barnskyddet", "the reform of child welfare": INSTITUTION_JOINS)."""
    spec = hit.term.specs[-1]
    last = words[hit.last - 1]
    rest = last[len(spec.value) :] if spec.kind == "prefix" else ""
    following = words[hit.last] if hit.last < len(words) else ""
    joined = (
        words[hit.first - 2] if hit.first >= 2 and words[hit.first - 1] in INSTITUTION_JOINS else ""
    )
    # One C-speed test per condition instead of a Python loop over the stems (a flood of
    # sensitive words asks this of every hit).
    return bool(
        following.startswith(INSTITUTION_STEMS)
        or joined.startswith(INSTITUTION_STEMS)
        or (rest and _ANY_STEM.search(rest))
        or (following and _LONG_STEM.search(following))
    )


_ANY_STEM = re.compile("|".join(map(re.escape, INSTITUTION_STEMS)))
_LONG_STEM = re.compile("|".join(re.escape(stem) for stem in INSTITUTION_STEMS if len(stem) >= 6))


# A sensitive matter as the topic of a book, talk or event ("kirja masennuksesta", "bok om
# psykisk hälsa", "a talk on depression"), not a fact about someone: a word for a work or for
# speaking (Finnish parts anywhere in the word, Swedish and English word starts) shortly
# before the matter, and the matter in the Finnish elative ("-sta", without a possessive
# suffix: "masennuksestaan" is one's own) or after "om" / "about" / "on".
TOPIC_PARTS_FI = ("kirja", "luento", "luenno", "puhu", "puhe", "keskustel", "esitelmä",
                  "artikkel", "elokuv", "dokument", "podcast", "webinaar", "tietoisku",
                  "koulutu", "tilaisuu", "näyttely", "teos", "teoks", "opas", "oppaa", "kirjoitt",
                  "tutkielm", "kurssi")  # fmt: skip
TOPIC_HEADS = ("bok", "böcker", "föredrag", "föreläs", "samtal", "prat", "artikel", "film",
               "dokumentär", "podd", "seminari", "utställning", "kurs", "skrev", "skriver",
               "talade", "talar", "forska", "research", "warn", "varoit",
               "book", "talk", "lecture", "speak", "spoke", "article", "film", "documentar",
               "podcast", "webinar", "seminar", "exhibition", "course", "wrote", "writes",
               "novel", "discussion", "panel", "workshop", "event")  # fmt: skip
TOPIC_PREPOSITIONS = frozenset({"om", "about", "on"})
TOPIC_REACH = 3  # words before the matter (or its preposition) a work word may stand in
# Possessive words: "spoke about his cancer" tells of his own.
POSSESSIVES = frozenset(
    {"his", "her", "their", "my", "our", "your", "its", "sin", "sitt", "sina", "hans", "hennes",
     "deras", "min", "mitt", "mina", "hänen", "heidän", "oma", "oman", "omasta"}
)  # fmt: skip


def _topic_of_work(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a sensitive hit is the topic of a book, talk or event (see TOPIC_PARTS_FI):
    "kirja masennuksesta", "bok om psykisk hälsa", "a talk on depression", "warned about heart
    disease" (one word between the preposition and the matter, unless a possessive); "Matti
    sairastaa masennusta", "kertoi masennuksestaan" and "spoke about his cancer" are facts
    about a person and stay."""
    first = hit.first
    # The preposition right before the matter, or one word before it that is no possessive
    # ("warned about heart disease", "talade om hjärtsjukdomar"; "spoke about his cancer" is
    # a fact about him).
    at = first - 1 if first > 0 and words[first - 1] in TOPIC_PREPOSITIONS else first - 2
    if (
        at >= 0
        and words[at] in TOPIC_PREPOSITIONS
        and (at == first - 1 or words[at + 1] not in POSSESSIVES)
    ):
        before = words[max(0, at - TOPIC_REACH) : at]
        return any(word.startswith(TOPIC_HEADS) for word in before)
    last = words[hit.last - 1]
    if not last.endswith(("sta", "stä")) or last.endswith(("staan", "stään")):
        return False
    before = words[max(0, first - TOPIC_REACH) : first]
    return any(part in word for word in before for part in TOPIC_PARTS_FI)


# Words that deny an injury just before it ("kukaan ei loukkaantunut", "ingen skadades",
# "nobody was injured"): then no one was hurt.
NEGATIONS = frozenset(
    {"ei", "eikä", "ettei", "kukaan", "ketään", "inte", "ingen", "inga", "varken", "no",
     "not", "nobody", "none", "nor", "never"}
)  # fmt: skip
NEGATION_REACH = 3  # words before an injury a negation may stand in
# Words that make a named person the one who leads a group about a sensitive matter, not its
# member: "AA-ryhmää vetää Anna Niemi", "stödgruppen leds av", "the group is led by" (within
# STAFF_REACH words after the matter; "led", "run" and "hosted" only with "by": "his
# depression led to" is a fact).
LEAD_WORDS = ("vetää", "vetäjä", "ohjaa", "ohjaaja", "leds", "ledare", "leder", "leader",
              "facilitat")  # fmt: skip
LEAD_BY = frozenset({"led", "run", "hosted", "organised", "organized"})
STAFF_REACH = 4
# A named person introduced by a health, social care, rescue or police job ("psykiatri Anna
# Niemi", "Anna Berg, kurator", "nurse John Smith", "palopäällikkö Matti Virtanen"): the
# sentence is about their work, and a clinic, an injury or a crime in it is their field
# (prefixes, read right before, at or after the name). "Poliisi" alone is left out: "Poliisi:
# Matti Virtanen pidätettiin" is a report about the person.
STAFF_TITLES = ("psykiatr", "psykolog", "lääkär", "läkare", "hoitaj", "sköterska", "terapeut",
                "therapist", "psychiatrist", "psychologist", "doctor", "nurse", "ohjaaj",
                "vetäjä", "kurator", "kuraattor", "counsellor", "counselor", "sosiaalityöntekij",
                "socialarbetar", "socialsekreterar", "psykiater", "kätilö",
                "barnmorsk", "midwife",
                "asiantuntij", "koordinaattor", "coordinator", "ledare", "leader",
                "facilitator", "terveydenhoitaj", "diakon", "deacon", "palopäällik",
                "palomest", "pelastusjohtaj", "räddningschef", "räddningsledare", "chief",
                "poliisipäällik", "polischef", "komisari", "kommissarie", "inspector",
                "ylikonstaap", "tiedottaj", "spokes", "pressansvarig", "ensihoitaj",
                "paramedic", "fysioterapeu", "physio")  # fmt: skip
# The last part of a compound job title in Finnish and Swedish ("sairaanhoitaja",
# "nuorisotyöntekijä", "sjuksköterskan", "skolkuratorn", "barnpsykologen"): read anywhere
# after a word's first STAFF_PART_FROM letters, so that "työntekijämme" (our employee, any
# job) is no care job while "päihdetyöntekijä" is.
STAFF_PARTS = ("hoitaj", "työntekij", "lääkär", "läkare", "sköterska", "psykolog", "psykiatr",
               "psykiater", "terapeut", "kurator", "kuraattor", "ohjaaj")  # fmt: skip
STAFF_PART_FROM = 3
# Abbreviated titles, read as whole words ("Dr John Smith is a cancer surgeon" named a doctor
# by his field as "Doctor John Smith" did; "dr" as a word start would take "drug", "driver").
STAFF_ABBREVIATIONS = frozenset({"dr", "tri"})
# A sensitive word that is the named person's own state whatever their job: on sick leave
# ("sairauslomalla", "sjukskriven", "sjukledig", "sick leave") or, right after a copula,
# pregnant ("on raskaana", "är gravid", "is pregnant"). A nurse's sick leave is a fact about
# her, not her field (a fresh tester of stop 37 met "Nurse Anna Smith is on sick leave
# because of cancer" passing where Finnish and Swedish blocked).
OWN_STATE_STARTS = ("sairauslom", "sairaslom", "sjukskriv", "sjukledig")
PREGNANT_STARTS = ("raskaana", "gravid", "pregnan")
STATE_COPULAS = frozenset({"on", "oli", "ovat", "olivat", "är", "var", "is", "was", "are", "were"})
# Months in Finnish (stems), Swedish and English: a date of birth may name its month.
MONTHS = ("tammik", "helmik", "maalisk", "huhtik", "toukok", "kesäk", "heinäk", "elok",
          "syysk", "lokak", "marrask", "jouluk", "januari", "februari", "mars", "april", "maj",
          "juni", "juli", "augusti", "septemb", "oktob", "novemb", "decemb", "january",
          "february", "march", "may", "june", "july", "august", "october")  # fmt: skip
DATE_REACH = 3  # words between a word for birth and its date ("syntymäaika on", "born on the")


def _year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _day_or_month(word: str) -> bool:
    return word.isdigit() and len(word) <= 2 and 0 < int(word) <= 31


def _month(word: str) -> bool:
    return word.startswith(MONTHS) or _day_or_month(word)


def _full_date_at(words: Sequence[str], index: int) -> bool:
    """Whether a full date (day, month and year) starts at token `index`: "5.3.1970",
    "1970-03-05", "5. maaliskuuta 1970", "5 mars 1970", "March 5, 1970"."""
    three = words[index : index + 3]
    if len(three) < 3:
        return False
    first, second, third = three
    if _year(first):
        return _day_or_month(second) and _day_or_month(third)
    if _day_or_month(first):
        return _month(second) and _year(third)
    return first.startswith(MONTHS) and _day_or_month(second) and _year(third)


def _with_date(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a word for birth has a full date within DATE_REACH words after it."""
    return any(
        _full_date_at(words, index)
        for index in range(hit.last, min(len(words), hit.last + DATE_REACH + 1))
    )


# Words between a word for birth and a year alone ("syntynyt vuonna 1980", "född år 1975",
# "born in 1980"), and the words after a year that make it a decade ("1980-luvulla", "på
# 1980-talet"): a decade is no date of birth.
YEAR_LEADS = frozenset({"vuonna", "år", "in"})
DECADE_WORDS = ("luvu", "luku", "luvun", "tal")


def _with_year(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a word for birth has a year alone right after it, or after "vuonna", "år" or
    "in" ("syntynyt 1980", "född år 1975", "born in 1980"), and no decade word after the year.
    The detector keeps such a hit only right after a name (`_born_after_name`)."""
    index = hit.last
    if index < len(words) and words[index] in YEAR_LEADS:
        index += 1
    if index >= len(words) or not _year(words[index]):
        return False
    return index + 1 >= len(words) or not words[index + 1].startswith(DECADE_WORDS)


# The abbreviations for "born": Finnish "s." (syntynyt), Swedish "f." (född), English "b."
# ("Matti Virtanen, s. 3.4.1980", "Anna Berg f. 1980-04-03", "John Smith (b. 3 April 1980)").
# One letter is no word to look for (sensitive.txt), so the abbreviation is read only with a
# full date right after its full stop (BIRTH_DATE: day, month and year, the year of four
# digits) and, in `SensitivePersonDetector`, a named person right before it
# (`_born_after_name`): a page ("ks. s. 12", "s. 12-14"), a year ("f. 1980"), a list item
# ("b. 3") or a dated event ("avoinna 3.4.1980 alkaen") is none. Case is asked of the
# original text: the abbreviation is in lower case ("S." is an initial).
_BIRTH_YEAR = r"(?:19|20)\d\d"
_MONTH_NAME = "(?:" + "|".join(MONTHS) + r")\p{L}*"
BIRTH_DATE = "|".join(
    (
        rf"\d{{1,2}}\. ?\d{{1,2}}\. ?{_BIRTH_YEAR}",  # 3.4.1980, 3. 4. 1980
        rf"\d{{1,2}}/\d{{1,2}}/{_BIRTH_YEAR}",  # 3/4/1980
        rf"{_BIRTH_YEAR}-\d{{1,2}}-\d{{1,2}}",  # 1980-04-03
        rf"\d{{1,2}}\.? {_MONTH_NAME},? {_BIRTH_YEAR}",  # 3 April 1980, 3. huhtikuuta 1980
        rf"{_MONTH_NAME} \d{{1,2}}(?:st|nd|rd|th)?,? {_BIRTH_YEAR}",  # April 3, 1980
    )
)
# A year alone after the abbreviation is read too ("Matti Virtanen, s. 1980", "John Smith (b.
# 1980)"), only when a punctuation mark or the text's end follows it: "b. 1980 model" and "s.
# 1980 kohdalla" are no dates of birth. The name before is asked as for a full date.
# A year alone followed by the place of birth is read as well ("Matti Virtanen, s. 1980
# Kokkolassa", "Anna Berg, f. 1975 i Karleby", "John Smith, b. 1980 in Kokkola"): a
# capitalised place in a Finnish locative case (-ssa, -ssä, -lla, -llä) or after "i"/"in",
# its case asked of the original text in `_abbreviated_births` ("s. 1980 kohdalla" stays none).
BIRTH_ABBREVIATION_SOURCE = (
    rf"{_NOT_WORD}([sfb])\. ?(?:({BIRTH_DATE})(?:$|[^\p{{L}}\p{{N}}])"
    rf"|({_BIRTH_YEAR}) *(?:$|[,.;:)\]!?])"
    rf"|({_BIRTH_YEAR}) (i |in )?(\p{{L}}{{2,40}}))"
)
BIRTHPLACE_CASES = ("ssa", "ssä", "lla", "llä")
BIRTH_ABBREVIATION = compile_pattern(BIRTH_ABBREVIATION_SOURCE)
# The term of a hit for an abbreviation and its date (`_abbreviated_births`).
BIRTH_ABBREVIATION_TERM = Term("s./f./b. + date", "birth", (Spec("exact", "s"),))
# What may stand between a name and the abbreviation: "Virtanen, s.", "Smith (b.", "Berg f.".
_NAME_TO_BIRTH = " ,("


def _abbreviated_births(ctx: CheckContext) -> list[LexiconMatch]:
    """A hit (label "birth") for each abbreviation for "born" in lower case with a full date
    right after it (BIRTH_ABBREVIATION), from the abbreviation's token to the date's last
    (end exclusive), so that the statement reaches the date: the full stop of the
    abbreviation before a digit ends a sentence (sentences.py)."""
    text, cased, table = ctx.text.text, ctx.text.cased, ctx.text.table
    found: list[LexiconMatch] = []
    for match in BIRTH_ABBREVIATION.finditer(text):
        start = match.start(1)
        if not cased[start].islower():
            continue
        if match.group(4) is not None:
            place = match.group(6)
            if not cased[match.start(6)].isupper() or (
                match.group(5) is None and not place.endswith(BIRTHPLACE_CASES)
            ):
                continue  # "s. 1980 kohdalla", "b. 1980 model": no place of birth
            end = match.end(4)
        else:
            end = match.end(2) if match.group(2) is not None else match.end(3)
        first = bisect_left(table.starts, start)
        last = bisect_left(table.starts, end, first)
        found.append(LexiconMatch(BIRTH_ABBREVIATION_TERM, first, last, start, end))
    return found


def _born_after_name(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """Whether a named person ends right before an abbreviation for "born" (`hit` from
    `_abbreviated_births`, or a word for birth with a year alone), with nothing but space, a
    comma or an opening bracket between:
    "Matti Virtanen, s.", "John Smith (b.", "anna berg f.", "M. Virtanen, s.". Not an item
    of a lettered list (`_lettered_list`: "Liisa Korhonen a. 1.3.2024, Matti Virtanen b.
    3.4.2024" lists dates of duty)."""
    return _name_ends_before(ctx, hit.first)


# Verbs that may stand between a name and a word for birth ("Matti Virtanen on syntynyt
# 1980", "Anna Berg är född 1975", "John Smith was born in 1980").
BIRTH_AUXILIARIES = frozenset({"on", "oli", "är", "var", "is", "was"})


def _born_after_name_or_verb(ctx: CheckContext, hit: LexiconMatch) -> bool:
    """`_born_after_name`, or a name right before a verb (BIRTH_AUXILIARIES) right before the
    word for birth, with a space alone between the verb and the word."""
    index = hit.first
    table = ctx.text.table
    if _name_ends_before(ctx, index):
        return True
    return (
        index >= 2
        and table.words[index - 1] in BIRTH_AUXILIARIES
        and table.gaps[index] == " "
        and _name_ends_before(ctx, index - 1)
    )


def _name_ends_before(ctx: CheckContext, index: int) -> bool:
    """Whether a named person ends right before token `index` (`_born_after_name`)."""
    if index == 0 or ctx.text.table.gaps[index].strip(_NAME_TO_BIRTH):
        return False
    if len(ctx.text.table.words[index]) == 1 and _lettered_list(ctx, index):
        return False
    if short_name_ends_at(ctx.text, index):
        return True
    sentence = sentences(ctx.text).of_token[index - 1]
    ends = ctx.text.cache.setdefault("name_ends", {})
    assert isinstance(ends, dict)  # noqa: S101 - created just above
    if sentence not in ends:  # once per sentence: a flood of dates may share one
        ends[sentence] = frozenset(name.last for name in names_in_sentence(ctx.text, sentence))
    return index in ends[sentence]


def _lettered_list(ctx: CheckContext, index: int) -> bool:
    """Whether the one-letter token `index` ("s", "f", "b") is an item of a lettered list:
    the letter before it in the alphabet stands before it in the text as a token of its own
    followed by a full stop ("a. ... b.", "e. ... f.", "r. ... s."). Where each such letter
    first stands is found in one pass per text and kept in its cache."""
    table = ctx.text.table
    cached = ctx.text.cache.get("lettered_firsts")
    if isinstance(cached, dict):
        firsts: dict[str, int] = cached
    else:
        firsts = {}
        gaps = table.gaps
        for position, word in enumerate(table.words):
            if len(word) == 1 and word not in firsts and gaps[position + 1].startswith("."):
                firsts[word] = position
        ctx.text.cache["lettered_firsts"] = firsts
    previous = chr(ord(table.words[index]) - 1)
    return firsts.get(previous, index) < index


# Words for a meeting or a group after "AA" or "NA" (the peer_group terms of the word list).
PEER_GROUP_WORDS = ("kokou", "ryhm", "möte", "mötet", "grupp", "meeting", "group")


# Preventing a matter is the city's or a professional's work, no fact about the person who
# speaks of it ("berättar om hur vi förebygger hjärtsjukdomar", "ennaltaehkäisee syöpää",
# "how to prevent heart disease"): a word with one of these starts right before the matter
# (at most PREVENTION_REACH words before it). Fighting or treating a matter is left out: "John
# is fighting cancer" and "hoitaa masennustaan" are facts.
PREVENTION_STARTS = ("ehkäis", "ennaltaehkäis", "förebygg", "prevent")
PREVENTION_REACH = 2


def _prevented(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a word of preventing stands just before the sensitive hit (PREVENTION_STARTS):
    "förebygger hjärtsjukdomar", "ehkäistä syöpää", "prevent heart disease"."""
    before = words[max(0, hit.first - PREVENTION_REACH) : hit.first]
    return any(word.startswith(PREVENTION_STARTS) for word in before)


# A faith's word that names a church, a congregation or its building ("Katolinen kirkko
# järjestää konsertin", "Pingstkyrkan ordnar en loppis", "the Methodist church hall is open for
# voting"): the body, no one's faith, unless a word of belonging to it or attending it stands
# just before ("käy helluntaiseurakunnassa", "är med i pingstkyrkan", "a member of the
# Catholic church") or a word for a member right after ("helluntaiseurakunnan jäsen").
RELIGIOUS_BODIES = ("church", "chapel", "parish", "congregation", "kirkko", "kirko", "kirkk",
                    "seurakun", "kappel", "kyrk", "församling", "kapell", "samfund")  # fmt: skip
BELONGING_WORDS = frozenset(
    {"käy", "käyvät", "kävi", "kävivät", "kuuluu", "kuului", "kuuluvat", "kuuluneet",
     "tillhör", "tillhörde", "går", "gick", "medlem", "member", "members", "belongs",
     "belonged", "belong", "attends", "attended", "attend", "goes", "went", "joined",
     "liittyi", "liittynyt"}
)  # fmt: skip
BELONGING_REACH = 4  # words before the faith's word a word of belonging may stand in
MEMBER_STARTS = ("jäsen", "medlem", "member")


def _religious_body(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a religion hit names a church or congregation (RELIGIOUS_BODIES in its last
    word or the next word's start) that no word of belonging or attending makes the person's
    own (BELONGING_WORDS before it, "är med i", a member word after it)."""
    last = words[hit.last - 1]
    following = words[hit.last] if hit.last < len(words) else ""
    if not (following.startswith(RELIGIOUS_BODIES) or any(b in last for b in RELIGIOUS_BODIES)):
        return False
    before = words[max(0, hit.first - BELONGING_REACH) : hit.first]
    after = words[hit.last : hit.last + 3]
    joined = list(before[-2:]) == ["med", "i"]
    return not (
        joined
        or not BELONGING_WORDS.isdisjoint(before)
        or any(word.startswith(MEMBER_STARTS) for word in after)
    )


# Drinking verbs, and what people drink that is no alcohol (word starts): "juo töissä
# kahvia", "dricker på jobbet bara te", "drinks at work only water" say nothing sensitive.
DRINKING_VERBS = frozenset({"juo", "joi", "dricker", "drack", "drinks", "drank", "drinking"})
SOFT_DRINKS = ("kahvi", "kahvia", "teetä", "tee", "vettä", "vesi", "mehu", "maito", "maitoa",
               "limu", "kaakao", "energiajuom", "kaffe", "te", "teet", "vatten", "saft",
               "mjölk", "läsk", "juice", "coffee", "tea", "water", "milk", "soda",
               "cocoa")  # fmt: skip
SOFT_DRINK_REACH = 4  # words after a drinking term in which its drink is looked for


def _soft_drink(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a drinking term ("juo töissä", "juo joka päivä", "dricker på jobbet") has a
    drink that is no alcohol (SOFT_DRINKS) among the SOFT_DRINK_REACH words after it: "juo
    töissä aina teetä", "drinks at work only coffee"."""
    if words[hit.first] not in DRINKING_VERBS:
        return False
    after = words[hit.last : hit.last + SOFT_DRINK_REACH]
    return any(word == drink or (len(drink) > 3 and word.startswith(drink))
               for word in after for drink in SOFT_DRINKS)  # fmt: skip


# A hospital that is where someone works: a word for working shortly before it ("työskentelee
# sairaalassa", "aloittaa työt sairaalan päivystyksessä", "börjar arbeta på sjukhuset", "starts
# work at the hospital"). After it, work says nothing of the kind ("is in hospital and cannot
# work").
HEALTH_PLACES = ("sairaal", "sjukhus", "hospital")
WORK_WORDS = frozenset(
    {"työt", "töissä", "töihin", "työssä", "työhön", "työpaikka", "työpaikkana", "arbeta",
     "arbetar", "arbetade", "arbetat", "jobba", "jobbar", "jobbade", "jobbat", "anställd",
     "anställdes", "work", "works", "worked", "working", "employed", "job"}
)  # fmt: skip
WORK_STARTS = ("työskentel", "työskennel")
WORKPLACE_REACH = 4  # words from the word for working to the hospital
# A joining word between them starts another statement ("worked hard until she was taken to
# hospital", "työskenteli, kunnes joutui sairaalaan").
WORKPLACE_BREAKS = frozenset(
    {"kunnes", "kun", "koska", "mutta", "ja", "sitten", "jälkeen", "tills", "när", "eftersom",
     "men", "och", "sedan", "efter", "until", "when", "because", "but", "and", "then",
     "after"}
)  # fmt: skip


def _workplace(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether the sensitive hit is a hospital named as a workplace (HEALTH_PLACES after
    WORK_WORDS or WORK_STARTS within WORKPLACE_REACH words)."""
    if not words[hit.first].startswith(HEALTH_PLACES) and not (
        hit.last - hit.first > 1 and words[hit.last - 1].startswith(HEALTH_PLACES)
    ):
        return False
    before = words[max(0, hit.first - WORKPLACE_REACH) : hit.first]
    for at in range(len(before) - 1, -1, -1):
        word = before[at]
        if word in WORK_WORDS or word.startswith(WORK_STARTS):
            return True
        if word in WORKPLACE_BREAKS:
            return False
    return False


def _kept_hit(hit: LexiconMatch, words: Sequence[str]) -> bool:
    """Whether a sensitive hit may be a fact about a person: not an institution or the topic
    of a work or prevented (`_prevented`), an injury not denied (NEGATIONS), a word for birth
    only with a date, "AA" or "NA" only before a meeting or group word (PEER_GROUP_WORDS), a
    stroke not "of" something ("a stroke of luck"), a faith's word not a church no one is said
    to belong to (`_religious_body`), and not a group the person leads (LEAD_WORDS)."""
    label = hit.term.label
    if label == "birth":
        return _with_date(hit, words) or _with_year(hit, words)
    if label == "peer_group" and not (
        hit.last < len(words) and words[hit.last].startswith(PEER_GROUP_WORDS)
    ):
        return False
    if (
        _institutional(hit, words)
        or _topic_of_work(hit, words)
        or _soft_drink(hit, words)
        or _prevented(hit, words)
    ):
        return False
    if _workplace(hit, words):
        return False
    if label == "religion" and _religious_body(hit, words):
        return False
    if hit.term.specs[-1].value == "stroke" and words[hit.last : hit.last + 1] == ["of"]:
        return False  # "had a stroke of luck", "a stroke of genius"
    if label == "injury" and not NEGATIONS.isdisjoint(
        words[max(0, hit.first - NEGATION_REACH) : hit.first]
    ):
        return False
    after = words[hit.last : hit.last + STAFF_REACH + 1]
    return not any(
        word.startswith(LEAD_WORDS) or (word in LEAD_BY and following == "by")
        for word, following in pairwise(after)
    )


# Parts of a title that makes a person the client, patient or inmate of a sensitive matter
# ("lastensuojeluasiakas", "barnskyddsklienten", "psykiatripotilas", "missbrukspatienten"): no
# job title, a fact about them (a fresh tester of stop 36).
CLIENT_PARTS = ("asiaka", "asiakka", "potila", "vanki", "vangi", "klient", "patient", "client",
                "fånge", "fången", "intern", "inmate", "prisoner")  # fmt: skip


def _names_staff(
    hit: LexiconMatch, name: PersonName, words: Sequence[str], gaps: Sequence[str]
) -> bool:
    """Whether the named person is introduced by their job rather than linked to a matter:
    the sensitive word is their title ("psykiatri Anna Niemi": it ends at the name or inside
    it), or a health or social care job (STAFF_TITLES) stands right before the name, as its
    first word or right after it ("nurse John Smith", "Anna Berg, kurator"). A title that
    makes the person a client, patient or inmate of the matter ("Lastensuojeluasiakas Erkki
    Joki", "Barnskyddsklienten Erik Johansson": CLIENT_PARTS) is a fact about them, no job."""
    if (
        name.first - 1 <= hit.last - 1 <= name.last - 1
        and hit.first <= name.first
        and not any(part in words[hit.last - 1] for part in CLIENT_PARTS)
    ):
        return True
    if _own_state(hit, words, gaps, name):
        return False
    if _care_worker(words, name.first - 2) or _care_worker(words, name.last):
        return True
    around = [*words[max(0, name.first - 1) : name.first + 1], *words[name.last : name.last + 1]]
    return any(
        (
            word.startswith(STAFF_TITLES)
            or word in STAFF_ABBREVIATIONS
            or any(part in word[STAFF_PART_FROM:] for part in STAFF_PARTS)
        )
        and not any(part in word for part in CLIENT_PARTS)
        for word in around
    )


# A state said with a copula (the "addiction" terms that start with one: "var full", "was
# drunk", "oli päissään"): the person's only when the word before the copula ends the
# sentence's named person or is a personal pronoun ("Fullmäktigeledamot Korhonen var full",
# "he was drunk"), and no word of SUBJECT_NOT_AFTER follows ("full av energi", "drunk with
# joy", "hammered by the critics"). "Salen var full, säger Anna Berg" and "the coffee was
# drunk" are no one's drinking.
SUBJECT_COPULAS = frozenset({"on", "oli", "är", "var", "blev", "is", "was", "got", "s"})
SUBJECT_PRONOUNS = frozenset({"hän", "han", "hon", "hen", "he", "she"})
SUBJECT_NOT_AFTER = frozenset({"av", "med", "of", "with", "by"})


def _state_of_other(ctx: CheckContext, hit: LexiconMatch, name: PersonName) -> bool:
    """Whether an addiction term that starts with a copula (SUBJECT_COPULAS) is said of
    something or someone other than a named person: the word before the copula neither ends
    a name (the sentence's first, or another: `_name_ends_before`) nor is a personal pronoun,
    or a word of SUBJECT_NOT_AFTER ("av", "of", "by") follows."""
    words = ctx.text.table.words
    if hit.term.label != "addiction" or words[hit.first] not in SUBJECT_COPULAS:
        return False
    if hit.last < len(words) and words[hit.last] in SUBJECT_NOT_AFTER:
        return True
    return not (
        hit.first > 0
        and (
            name.last == hit.first
            or words[hit.first - 1] in SUBJECT_PRONOUNS
            or _name_ends_before(ctx, hit.first)
        )
    )


# Words that make "worker" a care job ("social worker Anna Berg", "Anna Berg, youth worker"):
# "worker" alone was one of STAFF_TITLES until stop 39, and "co-worker" (the words "co",
# "worker") made any colleague a care professional whose field the matter was.
CARE_WORKERS = frozenset(
    {"social", "case", "care", "youth", "support", "health", "outreach", "family", "welfare",
     "key", "mental", "substance", "drug", "crisis", "child"}
)  # fmt: skip


def _care_worker(words: Sequence[str], at: int) -> bool:
    """Whether `words[at]` and the next word are a care job written as two words ("social
    worker", "care workers")."""
    return (
        0 <= at < len(words) - 1
        and words[at] in CARE_WORKERS
        and words[at + 1] in ("worker", "workers")
    )


# Verbs that give the person a condition, where a job would give a field: right before the
# matter, or with one linking word ("has cancer", "suffers from depression", "har cancer",
# "lider av depression", "insjuknade i cancer", "sairastaa syöpää", "kärsii masennuksesta",
# "was diagnosed with diabetes"). "Nurse John Smith has cancer" is about John Smith whatever
# his job (a care job before the name made it pass in fi/sv/en until stop 39).
HAVING_VERBS = frozenset(
    {"has", "had", "suffers", "suffered", "diagnosed", "har", "hade", "lider", "led",
     "diagnosticerades", "diagnostiserades", "insjuknade", "insjuknat", "sairastaa", "sairasti",
     "sairastanut", "sairastui", "sairastunut", "kärsii", "kärsi", "kärsinyt", "potee", "poti",
     "suffering", "fighting", "battling", "got", "haft", "fått", "fick", "diagnostiserats",
     "diagnosticerats", "sai"}
)  # fmt: skip
ARTICLES = frozenset({"a", "an", "en", "ett"})
HAVING_LINKS = frozenset({"from", "with", "av", "i", "med"}) | ARTICLES
# Words that may stand between such a verb and the matter: time and degree ("is now an
# alcoholic", "sairastaa nykyään syöpää", "har svår depression", "has breast cancer").
BETWEEN_WORDS = frozenset(
    {"now", "still", "recently", "again", "severe", "serious", "chronic", "terminal", "mild",
     "breast", "lung", "skin", "bowel", "prostate", "nu", "fortfarande", "nyligen", "igen",
     "svår", "allvarlig", "kronisk", "obotlig", "nyt", "nykyään", "yhä", "edelleen",
     "äskettäin", "taas", "vakava", "vakavaa", "vaikea", "vaikeaa", "krooninen", "kroonista",
     "parantumaton", "parantumatonta"}
)  # fmt: skip
# Copulas of a state, with the perfect's participles ("on ollut masentunut", "has been").
STATE_VERBS = STATE_COPULAS | {"ollut", "olleet", "varit", "been"}
# A noun after the matter that makes it the person's own after a copula ("is a cancer
# patient", "on syöpäpotilas", "är cancerpatient", "is a cancer survivor") or after a verb of
# having ("has a cancer diagnosis"), where it would otherwise read as a field of work.
DIAGNOSES = ("diagnos", "diagnoosi")
OWN_NOUNS = (
    "patient",
    "potila",
    "survivor",
    "selviytyj",
    "överlevare",
    "positiv",
    "positiiv",
    *DIAGNOSES,
)
# What makes the matter after such a verb a field of work, as the next word or the rest of a
# compound: "has depression patients", "har diabetespatienter", "has a cancer research team".
FIELD_PARTS = (*CLIENT_PARTS, "research", "tutkimu", "forskning", "clinic", "klinik", "ward",
               "osasto", "avdelning", "expert", "asiantunt", "group", "ryhmä", "grupp",
               "service", "palvelu", "tjänst", "team", "unit", "yksikkö", "enhet", "specialist",
               "erikois", "case", "tapauks", "fall", "kirurg", "surgeon", "kouluttaj",
               "koulutu", "utbildning", "training", "vastaanot", "mottagning", "kompetens",
               "osaami", "kunskap", "kokemu", "erfarenhet", "konsult", "consult",
               "yhteyshenkil", "kontaktperson", "testau", "testning", "seulon", "screening",
               "neuvol", "hoitaj", "sköterska", "lääkär", "läkare", "tutkija",
               "forskare")  # fmt: skip
# What may follow a condition that ends its clause ("has cancer and…", "on masentunut nyt"): a
# noun after it makes it a modifier of that noun ("has diabetes training", "is an autism
# consultant"), the person's field of work rather than their state (a tester of stop 39).
CLAUSE_WORDS = frozenset(
    {"and", "but", "or", "since", "because", "for", "so", "now", "again", "too", "also",
     "today", "ja", "mutta", "tai", "koska", "sillä", "nyt", "taas", "myös", "jo", "nykyään",
     "och", "men", "eller", "eftersom", "för", "nu", "igen", "också", "redan", "sedan"}
)  # fmt: skip
CLAUSE_ENDS = ".,;:!?…()\n"
# Times after the matter ("had cancer last year", "sairasti syöpää viime vuonna", "hade cancer
# förra året"): the clause goes on, but with no noun the matter could modify.
CLAUSE_TIMES = frozenset(
    {"last", "this", "in", "during", "since", "yesterday", "viime", "tänä", "vuonna", "eilen",
     "aikaisemmin", "förra", "i", "under", "sedan", "igår", "tidigare", "earlier"}
)  # fmt: skip


FINNISH_COPULAS = frozenset({"on", "oli", "ovat", "olivat"})
VERB_REACH = 2  # words between a name and the verb that gives the person a condition


def _verb_before(
    words: Sequence[str], first: int, verbs: frozenset[str], links: frozenset[str]
) -> int | None:
    """The index of the verb of `verbs` before the matter at token `first`, with at most
    three words between it and the matter, each one of `links` or BETWEEN_WORDS ("has
    cancer", "suffers from depression", "is now an alcoholic"); None when there is none."""
    at = first - 1
    for _skipped in range(4):
        if at < 0:
            return None
        if words[at] in verbs:
            return at
        if words[at] not in links and words[at] not in BETWEEN_WORDS:
            return None
        at -= 1
    return None


# Auxiliaries between a name and the verb that gives a condition ("has been diagnosed with",
# "har nyligen fått", "on ollut masentunut").
AUXILIARIES = frozenset(
    {"has", "have", "had", "is", "was", "been", "har", "hade", "är", "var", "blev", "on",
     "oli", "ollut", "varit", "got"}
)  # fmt: skip


def _right_after(words: Sequence[str], end: int, at: int) -> bool:
    """Whether the verb at token `at` follows a name ending before token `end` with at most
    VERB_REACH words between, of which one at most is other than an auxiliary or one of
    BETWEEN_WORDS ("Anna Berg has been diagnosed", "Anna Berg har nyligen fått", "Anna Berg,
    45, has", "Anna Berg, sjuksköterska, har"): its subject is the named person ("Fire chief
    John Smith said that two people were injured": the injured are others)."""
    between = words[end:at]
    others = sum(word not in AUXILIARIES and word not in BETWEEN_WORDS for word in between)
    return at >= end and len(between) <= VERB_REACH and others <= 1


def _own_state(
    hit: LexiconMatch, words: Sequence[str], gaps: Sequence[str], name: PersonName
) -> bool:
    """Whether the sensitive hit is a person's own state that no job explains (sick leave;
    pregnancy right after a copula: OWN_STATE_STARTS, PREGNANT_STARTS; a condition right after
    a verb of having it, HAVING_VERBS, with at most three HAVING_LINKS or BETWEEN_WORDS
    between (`_verb_before`), or after a
    copula, with at most an article between: "has cancer", "is an alcoholic", "on
    masentunut"), where its clause ends after it (a mark, the text's end or CLAUSE_WORDS:
    "has diabetes training" names a field) and no field of work is in its compound or after
    it ("har diabetespatienter", "on syöpäkirurgi"); not a Finnish genitive ("on masennuksen
    asiantuntija"). `gaps` are the token table's: `gaps[i]` the text before token i."""
    word = words[hit.first]
    if word.startswith(OWN_STATE_STARTS):
        return True
    if word == "sick" and hit.first + 1 < len(words) and words[hit.first + 1] == "leave":
        return True
    last = words[hit.last - 1]
    having = _verb_before(words, hit.first, HAVING_VERBS, HAVING_LINKS)
    at = having if having is not None else _verb_before(words, hit.first, STATE_VERBS, ARTICLES)
    if at is not None and _right_after(words, name.last, at):
        if words[at] in FINNISH_COPULAS and last.endswith("n") and at == hit.first - 1:
            return False  # a genitive: "on masennuksen asiantuntija" (an expert's field)
        following = words[hit.last] if hit.last < len(words) else ""
        tail = last[STAFF_PART_FROM:]
        owned = DIAGNOSES if having is not None else OWN_NOUNS  # "has dementia patients"
        if any(part in tail or following.startswith(part) for part in owned):
            return True
        ends = (
            not following
            or following in CLAUSE_WORDS
            or following in CLAUSE_TIMES
            or any(mark in gaps[hit.last] for mark in CLAUSE_ENDS)
        )
        return ends and not any(
            part in tail or following.startswith(part) for part in (*FIELD_PARTS, *STAFF_TITLES)
        )
    return (
        word.startswith(PREGNANT_STARTS) and hit.first > 0 and words[hit.first - 1] in STATE_COPULAS
    )


SENSITIVE_KEYS = key_words(SENSITIVE_TERMS)
SHORT_KEY = 2  # letters of a key word read as a whole word by the prefilter
SENSITIVE_KEY = compile_pattern(key_word_pattern(SENSITIVE_KEYS))


class SensitivePersonDetector:
    """A named person and a sensitive matter about them: health and diagnoses, addiction,
    disability, social welfare and debt, child welfare, crime, religion, ethnicity, sexual
    orientation (§2.5, §6.4; special categories of personal data). For every author role.

    The name and the matter are in one sentence, or the matter is in the next sentence with a
    third-person pronoun. The match covers the whole statement, from the start of the first
    sentence to the end of the last, so that redaction removes the name and the fact together
    and leaves neither readable.
    """

    rules = ("privacy-011",)
    # A key word of two letters ("aa", "na") is inside many words ("maa", "sana"): it is a cue
    # as a whole word (a pattern), the others as strings.
    cues = frozenset(spec.value for spec in SENSITIVE_KEYS if len(spec.value) > SHORT_KEY)
    cue_patterns = (
        key_word_pattern(spec for spec in SENSITIVE_KEYS if len(spec.value) <= SHORT_KEY),
        BIRTH_ABBREVIATION_SOURCE,
    )

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        hits: list[LexiconMatch] = []
        if SENSITIVE_KEY.search(ctx.text.text):  # one pass at C speed, where finding the
            table_words = ctx.text.table.words  # word list's hits takes many
            hits = [hit for hit in ctx.text.find(SENSITIVE) if _kept_hit(hit, table_words)]
        born = _abbreviated_births(ctx)
        if born:
            hits = sorted([*hits, *born], key=lambda hit: (hit.first, hit.last))
        if not hits:
            return
        split = sentences(ctx.text)
        of_token, words = split.of_token, ctx.text.table.words
        cases = _client_cases(ctx, hits)
        yield from cases.values()
        # Names only in the sentences that matter: those with a hit and the one before each.
        named: dict[int, PersonName] = {}
        for sentence in {of_token[hit.first] + step for hit in hits for step in (0, -1)}:
            if sentence >= 0:
                found = (
                    first_in_sentence(ctx.text, sentence)
                    or lower_case_name(ctx.text, sentence)
                    or initial_name(ctx.text, sentence)
                )
                if found is not None:
                    named[sentence] = found
        if not named:
            return
        # The first sentence of each statement -> (the person, its last sentence, the topic).
        statements: dict[int, tuple[PersonName, int, str]] = {}
        pronoun: dict[int, bool] = {}  # whether a sentence has a third-person pronoun
        for hit in hits:
            if hit.term.label == "case_decision":
                continue  # a refusal is a client's case only (`_client_cases`)
            if hit.term is BIRTH_ABBREVIATION_TERM and not _born_after_name(ctx, hit):
                continue
            if (
                hit.term.label == "birth"
                and hit.term is not BIRTH_ABBREVIATION_TERM
                and not _with_date(hit, words)
                and not _born_after_name_or_verb(ctx, hit)
            ):
                continue  # a year alone after a word for birth: only right after a name
            sentence = of_token[hit.first]
            name = named.get(sentence)
            first = sentence
            if name is None and sentence - 1 in named:
                if sentence not in pronoun:
                    first_token, end_token = split.bounds(sentence)
                    pronoun[sentence] = not PRONOUNS.isdisjoint(
                        words[first_token:end_token]
                    ) or _after_initial(ctx, named[sentence - 1], sentence)
                if pronoun[sentence]:
                    name, first = named[sentence - 1], sentence - 1
            if name is None or _names_staff(hit, name, words, ctx.text.table.gaps):
                continue
            if _state_of_other(ctx, hit, name):
                continue
            # The statement starts with the name (an initial may end the sentence before:
            # `initial_name`) and ends with the hit (a date after "s." is a sentence of its
            # own: `_abbreviated_births`).
            first = min(first, of_token[name.first])
            ending = of_token[hit.last - 1]
            known = statements.get(first)
            last = max(ending, known[1]) if known else ending
            statements[first] = (name, last, known[2] if known else hit.term.label)
        for first, (name, last, topic) in statements.items():
            if first in cases:
                continue  # the sentence already told of as a client's case
            start = statement_start(ctx.text, split.firsts[first])
            end = statement_end(ctx.text, split.bounds(last)[1] - 1)
            yield ctx.match(
                "privacy-011",
                start,
                end,
                confidence=0.85 if name.certain else 0.65,
                reason="sensitive_person",
                topic=topic,
            )


# A client's case told of on a given day (privacy-011, reason "client_case"; §2.5, §6.4: the
# clients of social and health services are confidential): a visit to or a meeting with a
# client (word starts), a time that makes it one case ("tänään", "yesterday"), and a sensitive
# matter (SENSITIVE) in the sentence: "Sosiaalityöntekijämme kävi tänään kotikäynnillä
# perheessä, jonka isä on alkoholisti". A service described in general ("we visit families
# with addiction problems") has no such time.
CLIENT_CONTACT = (
    "kotikäyn", "asiakka", "asiakas", "potilaa", "potilas", "perheessä", "perheeseen",
    "perheen", "hembesök", "klient", "patient", "familj", "client", "family",
)  # fmt: skip
# The matter said of someone in the case: a relative word before it ("perheessä, jonka isä on
# alkoholisti", "asiakkaan luona, jolla on dementia", "a family whose father", "där pappan är").
CASE_REACH = 12  # words back from the sensitive matter to its relative word, at most
CASE_RELATIVES = frozenset(
    {"jonka", "jolla", "jolle", "joka", "jossa", "joiden", "joilla", "vars", "där", "som",
     "whose", "who", "where"}
)  # fmt: skip
CASE_TIMES = frozenset(
    {"tänään", "eilen", "aamulla", "illalla", "toissapäivänä", "idag", "igår", "morse",
     "today", "yesterday", "tonight", "morning"}
)  # fmt: skip
CASE_TOPICS = frozenset(
    {"health", "addiction", "disability", "welfare", "child_welfare", "injury", "crime",
     "case_decision"}
)  # fmt: skip
# A client described in the sentence (a fresh tester of stop 30: "Yksi asiakkaani, 45-vuotias
# mies Halkokarista, sai eilen kielteisen päätöksen"): the writer's own client (CLIENT_OWN) and
# an age (AGE_WORDS) or a name in it are a case with any matter of CASE_TOPICS ("Asiakkaani
# rouva Niemi sai kielteisen päätöksen"), on any day and with no relative word; "Asiakkaamme
# ovat 18-25-vuotiaita" has no matter, and the ages of many ("aged 18 to 25", "vuotiaita") are
# no one's.
CLIENT_OWN = frozenset(
    {"asiakkaani", "asiakkaamme", "asiakkaistani", "asiakkaistamme", "potilaani", "potilaamme",
     "potilaistani", "potilaistamme", "klient", "klienten", "klienter", "patient", "patienten",
     "client", "clients", "patients"}
)  # fmt: skip
AGE_WORDS = frozenset(
    {"vuotias", "vuotiaan", "vuotiaalla", "vuotiaalle", "vuotiaana", "årig", "åriga", "åring",
     "åringen", "year"}
)  # fmt: skip


def _client_cases(ctx: CheckContext, hits: list[LexiconMatch]) -> dict[int, Match]:
    """The sentences (by number) that tell of a client's case (see CLIENT_CONTACT), each with
    its privacy-011 match over the sentence."""
    split, words = sentences(ctx.text), ctx.text.table.words
    found: dict[int, Match] = {}
    # Each sentence is read once for its time and client words (a flood of sensitive words in
    # one long sentence must not read it again for each); the relative word is looked for
    # back from each hit to the sentence's start, at most CASE_REACH words.
    cased: dict[int, bool] = {}
    # A client described (CLIENT_OWN, AGE_WORDS), by sentence and whether the matter is a
    # refusal ("case_decision", for which a name describes the client too).
    described_in: dict[tuple[int, bool], bool] = {}
    for hit in hits:
        if hit.term.label not in CASE_TOPICS:
            continue
        sentence = split.of_token[hit.first]
        if sentence in found:
            continue
        first, end = split.bounds(sentence)
        known = cased.get(sentence)
        if known is None:
            told = words[first:end]
            known = cased[sentence] = (
                not CASE_TIMES.isdisjoint(told)
                or any(a == "i" and b == "dag" for a, b in pairwise(told))
            ) and any(word.startswith(CLIENT_CONTACT) for word in told)
        refusal = hit.term.label == "case_decision"
        described = described_in.get((sentence, refusal))
        if described is None:
            sentence_words = set(words[first:end])
            described = described_in[sentence, refusal] = not CLIENT_OWN.isdisjoint(
                sentence_words
            ) and (
                not AGE_WORDS.isdisjoint(sentence_words)
                # A named client with a matter is the named person's (SensitivePersonDetector);
                # with a refusal, which that reads with no name, the client's case.
                or (refusal and first_in_sentence(ctx.text, sentence) is not None)
            )
        if not (known or described):
            continue
        if not described and (
            refusal
            or CASE_RELATIVES.isdisjoint(words[max(first, hit.first - CASE_REACH) : hit.first])
        ):
            continue  # "Family addiction support evening today": no one's case
        found[sentence] = ctx.match(
            "privacy-011",
            statement_start(ctx.text, first),
            statement_end(ctx.text, end - 1),
            confidence=0.7,
            reason="client_case",
            topic=hit.term.label,
        )
    return found


def _after_initial(ctx: CheckContext, name: PersonName, sentence: int) -> bool:
    """Whether `sentence` goes on from a name that ends the sentence before with an initial
    ("Potilas Matti V. sai sydänkohtauksen": the full stop of the initial split them): the
    name's last token is one letter, it ends that sentence, and `sentence` starts in lower
    case."""
    split, table = sentences(ctx.text), ctx.text.table
    if name.last != split.bounds(sentence - 1)[1] or len(table.words[name.last - 1]) != 1:
        return False
    first = table.starts[split.bounds(sentence)[0]]
    return ctx.text.cased[first : first + 1].islower()
