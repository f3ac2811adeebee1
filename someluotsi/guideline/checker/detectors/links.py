"""Suspicious links and files (§10.2). Links are parsed, never fetched.

Every link is parsed the way a browser parses it (text/urls.py, a WHATWG URL parser) and judged
on the host the browser would visit: a raw IP address in any form (dotted, integer, hex, octal,
short) warns and, with a program or script at the end of the path, blocks; userinfo that shows
a domain the browser does not visit (`https://kokkola.fi@other.host/`) blocks. Look-alikes of
the city's, the rulebook's and well-known Finnish services' domains block: homoglyphs (the
original is not ASCII), punycode that decodes to one, one edit away, or the trusted name as a
word of the host or glued to a login or service word, digits for letters counting as letters
("k0kk0la-login.fi").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

import idna

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.normalize import HOMOGLYPHS
from someluotsi.guideline.text.patterns import compile_char_class, compile_pattern
from someluotsi.guideline.text.urls import links
from someluotsi.guideline.text.wordlists import load_words

if TYPE_CHECKING:
    import tldextract

LOGIN_WORDS = (
    "login",
    "log-in",
    "signin",
    "sign-in",
    "logon",
    "kirjaudu",
    "kirjautu",
    "tunnistau",
    "logga-in",
    "inloggning",
    "password",
    "salasana",
    "auth",
)
# Bare domains (no scheme, no www) count only with a common top-level domain, so Finnish text
# with a missing space ("rantalomapaikoissa.To") is not taken for a Tongan link.
BARE_TLDS = frozenset(
    [
        "fi",
        "se",
        "com",
        "net",
        "org",
        "eu",
        "io",
        "info",
        "ly",
        "gl",
        "co",
        "me",
        "app",
        "dev",
        "xyz",
        "ru",
        "cn",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "top",
        "online",
        "site",
        "biz",
        "uk",
        "de",
        "nu",
        "no",
        "dk",
        "ee",
        "click",
        "link",
        "live",
        "shop",
        "store",
        "icu",
        "buzz",
        "cc",
        "ws",
    ]
)
SHORTENERS = frozenset(load_words("url_shorteners"))
RISKY_EXTENSIONS = frozenset(load_words("risky_extensions"))
FILE = compile_pattern(
    r"(?:^|[^\p{L}\p{N}/.])([\p{L}\p{N}_()\-]{1,100}\.(?:"
    + "|".join(sorted(RISKY_EXTENSIONS))
    + r"))"
)
# Every match of FILE has a dot and a risky extension in it. This one search (the standard
# library's: a literal dot, then literals, so linear) rules most texts out before FILE runs:
# FILE's name part, a Unicode class repeated up to a hundred times, is a program too large
# for RE2's DFA, which then falls back to its NFA (tens of microseconds a post).
_EXTENSION = compile_char_class(r"\.(?:" + "|".join(sorted(RISKY_EXTENSIONS)) + ")")
# How far a match of FILE reaches around the dot of its extension: a character before a name
# of up to a hundred, and the longest extension after it.
_BEFORE_DOT = 1 + 100
_AFTER_DOT = 1 + max(map(len, RISKY_EXTENSIONS))


def file_names(text: str) -> Iterator[tuple[int, int]]:
    """The spans of FILE's group (a file name with a risky extension) in `text`, as
    `FILE.finditer(text)` gives them, found near the dots that `_EXTENSION` finds: FILE runs
    on the text around them alone (from 101 characters before each dot to the end of the
    longest extension after it, overlapping stretches joined), behind a "/" where the stretch
    does not start the text ("/" can neither end a name's boundary nor be in a name, and `^`
    matches only at the text's start). On a long text with one such dot, FILE's NFA no longer
    reads all of it (130 ms on 100 kB of "AB-")."""
    stretches: list[list[int]] = []
    for dot in _EXTENSION.finditer(text):
        first, last = max(0, dot.start() - _BEFORE_DOT), dot.start() + _AFTER_DOT
        if stretches and first <= stretches[-1][1]:
            stretches[-1][1] = last
        else:
            stretches.append([first, last])
    for first, last in stretches:
        shift = first - 1 if first else 0
        for found in FILE.finditer(("/" if first else "") + text[first:last]):
            start, end = found.span(1)
            yield start + shift, end + shift


@cache
def _extract() -> tldextract.TLDExtract:
    # Imported on the first link: tldextract brings requests and urllib3 (a fifth of the
    # engine's import time) and most texts have no link.
    import tldextract

    # An empty URL list keeps tldextract on its bundled suffix list: no download, ever.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (one insertion, deletion, substitution or swap)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _decode_punycode(host: str) -> str | None:
    if "xn--" not in host:
        return None
    try:
        return idna.decode(host)
    except idna.IDNAError:
        return host  # undecodable punycode is suspicious in itself


# Digits and signs written for letters in a fake domain ("k0kk0la", "kokko1a", "suom1").
# "1" stands for "l" or "i", so each label is folded both ways.
_LEET_L = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
_LEET_I = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
PHISHING_WORDS = frozenset(load_words("phishing_words"))
# A word for the city glued to a borrowed name, whole, after a Finnish genitive "n" or not.
CIVIC_RESTS = frozenset(rest for word in load_words("civic_words") for rest in (word, "n" + word))
# Well-known Finnish (and Swedish) services whose look-alikes are blocked as well as those of
# the city's own and the rulebook's trusted domains.
WELL_KNOWN_DOMAINS = tuple(load_words("trusted_services"))
# Services municipalities rent under a subdomain of their own name ("kokkola.videosync.fi").
SERVICE_PROVIDERS = frozenset(load_words("service_providers"))


def _folds(word: str) -> set[str]:
    """The ways a label may read once digits are taken for letters and "rn" for "m"."""
    variants = {word.translate(_LEET_L), word.translate(_LEET_I)}
    return variants | {v.replace("rn", "m").replace("vv", "w") for v in variants}


@dataclass(frozen=True, slots=True)
class _Trusted:
    domain: str  # "kokkola.fi"
    name: str  # its registered label: "kokkola"
    suffix: str  # "fi"


@cache
def _trusted(domains: tuple[str, ...]) -> tuple[_Trusted, ...]:
    result = []
    for domain in dict.fromkeys(domains + WELL_KNOWN_DOMAINS):
        parts = _extract()(domain)
        if parts.domain and not parts.domain.isdigit():
            result.append(_Trusted(domain, parts.domain, parts.suffix))
    return tuple(result)


def _is_or_under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@dataclass(frozen=True, slots=True)
class _HostWords:
    """The words of a host, read once for every trusted domain it is compared with."""

    plain: frozenset[str]  # the words
    folded_from: dict[str, set[str]]  # each way a word reads (`_folds`) -> the words
    domain_folds: set[str]  # `_folds` of the registered label without its dashes
    domain: str  # the registered label without its dashes

    @classmethod
    def of(cls, parts: tldextract.tldextract.ExtractResult) -> _HostWords:
        labels = [label for label in (*parts.subdomain.split("."), parts.domain) if label]
        words = frozenset(word for label in labels for word in label.split("-") if word)
        folded_from: dict[str, set[str]] = {}
        for word in words:
            for fold in _folds(word):
                folded_from.setdefault(fold, set()).add(word)
        domain = parts.domain.replace("-", "")
        return cls(words, folded_from, _folds(domain), domain)


def _imitates(
    parts: tldextract.tldextract.ExtractResult, host_words: _HostWords, trusted: _Trusted
) -> bool:
    """Does a host that is not `trusted.domain` borrow its name? One edit away ("kokola"),
    the name as a word of the host ("kokkola-login", "kokkola.fi.evil.net", "k0kk0la.com"),
    or glued to a login or service word or to the trusted suffix ("kokkolakirjaudu",
    "kelafi"); digits for letters count as the letters. `host_words`: the host's words
    (`_HostWords.of(parts)`)."""
    name = trusted.name
    plain = host_words.plain
    extra = plain - {name}
    lure = bool(extra & PHISHING_WORDS) or trusted.suffix in plain
    # A word of the host that is the name, or reads as it ("k0kk0la"); one written with
    # digits for letters (swapped) counts even without a lure.
    reading = host_words.folded_from.get(name, set())
    if reading - {name} or ((name in plain or name in reading) and (lure or len(name) >= 5)):
        return True
    domain_folds = host_words.domain_folds
    if len(name) >= 5 and any(_within_one_edit(f, name) for f in domain_folds):
        return True
    if len(name) >= 4:
        swapped: bool | None = None  # worked out at the first rest (a host may be long)
        for folded in domain_folds:
            for rest in _rests(folded, name):
                if swapped is None:
                    swapped = host_words.domain != name and name not in parts.domain
                if (
                    swapped
                    or rest == trusted.suffix
                    or rest in CIVIC_RESTS
                    or any(rest.startswith(w) or rest.endswith(w) for w in PHISHING_WORDS)
                ):
                    return True
    return False


def _rests(folded: str, name: str) -> Iterator[str]:
    """What is left of `folded` without `name` at its start, then at its end, where it is
    there and something is left (a slice is made only then: a host may be long)."""
    if len(folded) > len(name):
        if folded.startswith(name):
            yield folded[len(name) :]
        if folded.endswith(name):
            yield folded[: -len(name)]


# Full stops that a reader takes for "." in a domain name (the ideographic, full-width and
# half-width ones, which IDNA maps to "." too).
_DOTS = str.maketrans(dict.fromkeys("\u3002\uff0e\uff61", "."))


def _as_read(userinfo: str) -> str:
    """Userinfo as a reader sees it: percent escapes decoded ("kokkola%2Efi"; the parser
    writes "kokkola。fi" as "kokkola%E3%80%82fi"), compatibility forms folded (full-width
    letters) and look-alike full stops read as "."."""
    if "%" in userinfo:
        userinfo = unquote(userinfo, errors="replace")
    if not userinfo.isascii():
        userinfo = unicodedata.normalize("NFKC", userinfo.translate(_DOTS))
    return userinfo


def _userinfo_domain(userinfo: str) -> str | None:
    """The domain name a link's userinfo shows the reader ("kokkola.fi" in
    `https://kokkola.fi@evil.example/`), or None when it shows none."""
    shown = _as_read(userinfo.partition(":")[0]).lower().strip(".")
    if "." not in shown:
        return None
    parts = _extract()(shown)
    return f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else None


# What a link is judged on: everything of a `Link` but where it stands in the text.
class _Shape(NamedTuple):
    scheme: str
    www: bool
    host: str
    host_type: str
    userinfo: str
    path: str
    original_host: str

    @property
    def bare(self) -> bool:
        """Written without a scheme and without "www." (a bare domain)."""
        return not self.scheme and not self.www


# One finding about a link, without its place: rule, confidence, reason and parameters.
_Verdict = tuple[str, float, str, tuple[tuple[str, str], ...]]
# Links whose shape is at most this many characters have their verdicts kept (a city's posts
# name the same few addresses again and again); longer ones are judged every time, so the
# memory a cache entry holds stays small.
MAX_CACHED_SHAPE = 512
VERDICT_CACHE = 4096  # shapes


def _verdicts(shape: _Shape, trusted: tuple[str, ...]) -> tuple[_Verdict, ...]:
    """What a link of this shape breaks, in the order the detector reports it; `trusted`:
    the city's trusted domains and its own. The same for every link of the same shape, so it
    is kept for short shapes (`MAX_CACHED_SHAPE`)."""
    if sum(map(len, (shape.host, shape.userinfo, shape.path, shape.original_host))) > (
        MAX_CACHED_SHAPE
    ):
        return _judge_shape(shape, trusted)
    return _cached_verdicts(shape, trusted)


def _judge_shape(shape: _Shape, trusted: tuple[str, ...]) -> tuple[_Verdict, ...]:
    if shape.host_type != "domain":
        return tuple(_judge_ip(shape))
    parts = _extract()(shape.host)
    if not parts.suffix and not shape.userinfo:
        return ()
    if (
        shape.bare
        and not shape.userinfo
        and (
            parts.suffix.split(".")[-1] not in BARE_TLDS
            or shape.original_host != shape.original_host.lower()
        )
    ):
        return ()  # "rantalomapaikoissa.To": a missing space, not a Tongan link
    return tuple(_judge(shape, parts, trusted))


_cached_verdicts = lru_cache(maxsize=VERDICT_CACHE)(_judge_shape)


def _judge_ip(shape: _Shape) -> Iterator[_Verdict]:
    yield ("link-002", 0.9, "raw_ip", (("host", shape.host),))
    shown = _userinfo_domain(shape.userinfo)
    if shown:
        yield ("link-003", 0.95, "userinfo_domain", (("trusted", shown),))
    yield from _path(shape, shape.host)


def _judge(
    shape: _Shape, parts: tldextract.tldextract.ExtractResult, trusted: tuple[str, ...]
) -> Iterator[_Verdict]:
    host = shape.host
    registered = f"{parts.domain}.{parts.suffix}"
    decoded = _decode_punycode(host)
    homoglyph = not shape.original_host.isascii() and decoded is None
    lookalike = _lookalike(trusted, host, registered, parts, decoded, homoglyph)
    shown = _userinfo_domain(shape.userinfo)
    if shown and not lookalike and not _is_or_under(host, shown):
        # "https://kokkola.fi@evil.example/": the reader sees one domain, the browser
        # visits another.
        yield ("link-003", 0.95, "userinfo_domain", (("trusted", shown),))
    elif lookalike and (homoglyph or decoded is not None):
        yield ("link-003", 0.95, "homoglyph_domain", (("trusted", lookalike),))
    elif lookalike:
        yield ("link-003", 0.85, "lookalike_domain", (("trusted", lookalike),))
    elif decoded is not None or homoglyph:
        yield ("link-006", 0.7, "punycode", ())
    if registered in SHORTENERS or host in SHORTENERS:
        yield ("link-001", 0.95, "shortener", ())
    yield from _path(shape, host)


def _path(shape: _Shape, host: str) -> Iterator[_Verdict]:
    path = shape.path.lower()
    if shape.scheme == "http" and any(word in host + path for word in LOGIN_WORDS):
        yield ("link-005", 0.9, "http_login", ())
    last = path.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if "." in last and last.rsplit(".", 1)[-1] in RISKY_EXTENSIONS:
        reason = "raw_ip_file" if shape.host_type != "domain" else "risky_file"
        yield ("link-004", 0.9, reason, (("file", last),))


def _lookalike(
    domains: tuple[str, ...],
    host: str,
    registered: str,
    parts: tldextract.tldextract.ExtractResult,
    decoded: str | None,
    homoglyph: bool,
) -> str | None:
    """The trusted domain this host imitates, or None when it is trusted or unrelated."""
    trusted = _trusted(domains)
    if decoded is not None:
        folded = decoded.lower().translate(HOMOGLYPHS)
        for item in trusted:
            if _is_or_under(folded, item.domain):
                return item.domain
    if homoglyph and any(registered == item.domain for item in trusted):
        return registered  # folds to a trusted name but is written in other letters
    if any(_is_or_under(host, item.domain) for item in trusted):
        return None
    if registered in SERVICE_PROVIDERS and _tenant(parts, trusted):
        return None
    host_words = _HostWords.of(parts)
    for item in trusted:
        if _imitates(parts, host_words, item):
            return item.domain
    return None


def _tenant(parts: tldextract.tldextract.ExtractResult, trusted: tuple[_Trusted, ...]) -> bool:
    """Is a host under a rented service a trusted city's own subdomain of it: its subdomain
    the trusted name alone ("kokkola.videosync.fi", "www.kokkola.cloudnc.fi"), not the name
    with a lure or its suffix ("kokkola-login.videosync.fi", "kokkola.fi.videosync.fi")?"""
    labels = [label for label in parts.subdomain.split(".") if label and label != "www"]
    return len(labels) == 1 and any(labels[0] == item.name for item in trusted)


class SuspiciousLinkDetector:
    """Shortened links, raw IP addresses (in any of the forms a browser accepts), look-alike
    and punycode domains, http login pages and risky files, judged on the host a browser would
    visit (text/urls.py parses every link with a WHATWG URL parser)."""

    rules = ("link-001", "link-002", "link-003", "link-004", "link-005", "link-006", "link-007")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if "." in text or "://" in text:  # "http://3232235777/" has no dot
            yield from self._links(ctx)
        if "." in text:
            yield from self._files(ctx)
        original = ctx.text.original
        if not original.isascii():
            yield from _direction_controls(ctx, original)
        for media in ctx.media:
            extension = media.filename.rsplit(".", 1)[-1].lower() if "." in media.filename else ""
            if extension in RISKY_EXTENSIONS:
                yield ctx.match(
                    "link-004", 0, 0, confidence=0.95, reason="risky_file", file=media.filename
                )

    def _links(self, ctx: CheckContext) -> Iterator[Match]:
        trusted = ctx.city.trusted_domains + ctx.city.domains
        # The verdicts of each shape in this text: a long shape (not kept across texts,
        # `MAX_CACHED_SHAPE`) repeated in a text is judged once.
        judged: dict[_Shape, tuple[_Verdict, ...]] = {}
        for link in links(ctx.text):
            shape = _Shape(
                link.scheme,
                link.www,
                link.host,
                link.host_type,
                link.userinfo,
                link.path,
                link.original_host,
            )
            verdicts = judged.get(shape)
            if verdicts is None:
                verdicts = judged[shape] = _verdicts(shape, trusted)
            if verdicts:
                start, end = ctx.text.span(link.start, link.end)  # as ctx.match maps them
                for rule, confidence, reason, params in verdicts:
                    yield Match(rule, start, end, confidence, reason, dict(params))

    def _files(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        for start, end in file_names(text):
            if end < len(text) and (text[end].isalnum() or text[end] == "/"):
                continue
            yield ctx.match(
                "link-004", start, end, confidence=0.85, reason="risky_file", file=text[start:end]
            )


# Unicode's explicit direction controls (embeddings, overrides, isolates, UAX #9): invisible,
# they reorder how the text after them is shown, so "evil.fi" with a right-to-left override
# before it shows as "if.live" (the "Trojan Source" trick). The marks U+200E/U+200F/U+061C
# only nudge neutral characters and are written by right-to-left keyboards: not reported.
DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What a control affects: up to its pop (U+202C, U+2069) or the end of the line.
_AFFECTED = re.compile("[^\u202c\u2069\n]{0,200}[\u202c\u2069]?")
MAX_CONTROLS = 20  # findings of this kind per text; more say nothing new


def _direction_controls(ctx: CheckContext, original: str) -> Iterator[Match]:
    """link-007 for each direction control of `original` that opens (not the pops), spanning
    it and what it reorders, in original offsets. Linear: one search per control."""
    found = 0
    for control in DIRECTION_CONTROL.finditer(original):
        if control.group() in "\u202c\u2069":
            continue  # a pop ends what another control opened
        affected = _AFFECTED.match(original, control.end())
        end = affected.end() if affected else control.end()
        yield ctx.match(
            "link-007",
            control.start(),
            end,
            confidence=0.9,
            reason="bidi_control",
            normalised=False,
            code=f"U+{ord(control.group()):04X}",
        )
        found += 1
        if found >= MAX_CONTROLS:
            return
