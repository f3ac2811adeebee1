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

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import idna

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.normalize import HOMOGLYPHS
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.urls import Link, links
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
# Well-known Finnish (and Swedish) services whose look-alikes are blocked as well as those of
# the city's own and the rulebook's trusted domains.
WELL_KNOWN_DOMAINS = tuple(load_words("trusted_services"))


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

    @classmethod
    def of(cls, parts: tldextract.tldextract.ExtractResult) -> _HostWords:
        labels = [label for label in (*parts.subdomain.split("."), parts.domain) if label]
        words = frozenset(word for label in labels for word in label.split("-") if word)
        folded_from: dict[str, set[str]] = {}
        for word in words:
            for fold in _folds(word):
                folded_from.setdefault(fold, set()).add(word)
        return cls(words, folded_from, _folds(parts.domain.replace("-", "")))


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
        swapped = parts.domain.replace("-", "") not in {name} and name not in parts.domain
        for folded in domain_folds:
            for rest in (folded.removeprefix(name), folded.removesuffix(name)):
                if rest == folded or not rest:
                    continue
                if (
                    swapped
                    or rest == trusted.suffix
                    or any(rest.startswith(w) or rest.endswith(w) for w in PHISHING_WORDS)
                ):
                    return True
    return False


def _userinfo_domain(userinfo: str) -> str | None:
    """The domain name a link's userinfo shows the reader ("kokkola.fi" in
    `https://kokkola.fi@evil.example/`), or None when it shows none."""
    shown = userinfo.partition(":")[0].lower().strip(".")
    if "." not in shown:
        return None
    parts = _extract()(shown)
    return f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else None


class SuspiciousLinkDetector:
    """Shortened links, raw IP addresses (in any of the forms a browser accepts), look-alike
    and punycode domains, http login pages and risky files, judged on the host a browser would
    visit (text/urls.py parses every link with a WHATWG URL parser)."""

    rules = ("link-001", "link-002", "link-003", "link-004", "link-005", "link-006")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if "." in text or "://" in text:  # "http://3232235777/" has no dot
            yield from self._links(ctx)
        if "." in text:
            yield from self._files(ctx)
        for media in ctx.media:
            extension = media.filename.rsplit(".", 1)[-1].lower() if "." in media.filename else ""
            if extension in RISKY_EXTENSIONS:
                yield ctx.match(
                    "link-004", 0, 0, confidence=0.95, reason="risky_file", file=media.filename
                )

    def _links(self, ctx: CheckContext) -> Iterator[Match]:
        for link in links(ctx.text):
            if link.host_type != "domain":
                yield from self._judge_ip(ctx, link)
                continue
            parts = _extract()(link.host)
            if not parts.suffix and not link.userinfo:
                continue
            if (
                link.bare
                and not link.userinfo
                and (
                    parts.suffix.split(".")[-1] not in BARE_TLDS
                    or link.original_host != link.original_host.lower()
                )
            ):
                continue  # "rantalomapaikoissa.To": a missing space, not a Tongan link
            yield from self._judge(ctx, link, parts)

    def _judge_ip(self, ctx: CheckContext, link: Link) -> Iterator[Match]:
        start, end = link.start, link.end
        yield ctx.match("link-002", start, end, confidence=0.9, reason="raw_ip", host=link.host)
        shown = _userinfo_domain(link.userinfo)
        if shown:
            yield ctx.match(
                "link-003", start, end, confidence=0.95, reason="userinfo_domain", trusted=shown
            )
        yield from self._path(ctx, link, link.host)

    def _judge(
        self, ctx: CheckContext, link: Link, parts: tldextract.tldextract.ExtractResult
    ) -> Iterator[Match]:
        host, start, end = link.host, link.start, link.end
        registered = f"{parts.domain}.{parts.suffix}"
        decoded = _decode_punycode(host)
        homoglyph = not link.original_host.isascii() and decoded is None
        lookalike = self._lookalike(ctx, host, registered, parts, decoded, homoglyph)
        shown = _userinfo_domain(link.userinfo)
        if shown and not lookalike and not _is_or_under(host, shown):
            # "https://kokkola.fi@evil.example/": the reader sees one domain, the browser
            # visits another.
            yield ctx.match(
                "link-003", start, end, confidence=0.95, reason="userinfo_domain", trusted=shown
            )
        elif lookalike and (homoglyph or decoded is not None):
            yield ctx.match(
                "link-003",
                start,
                end,
                confidence=0.95,
                reason="homoglyph_domain",
                trusted=lookalike,
            )
        elif lookalike:
            yield ctx.match(
                "link-003",
                start,
                end,
                confidence=0.85,
                reason="lookalike_domain",
                trusted=lookalike,
            )
        elif decoded is not None or homoglyph:
            yield ctx.match("link-006", start, end, confidence=0.7, reason="punycode")
        if registered in SHORTENERS or host in SHORTENERS:
            yield ctx.match("link-001", start, end, confidence=0.95, reason="shortener")
        yield from self._path(ctx, link, host)

    def _path(self, ctx: CheckContext, link: Link, host: str) -> Iterator[Match]:
        start, end = link.start, link.end
        path = link.path.lower()
        if link.scheme == "http" and any(word in host + path for word in LOGIN_WORDS):
            yield ctx.match("link-005", start, end, confidence=0.9, reason="http_login")
        last = path.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
        if "." in last and last.rsplit(".", 1)[-1] in RISKY_EXTENSIONS:
            reason = "raw_ip_file" if link.host_type != "domain" else "risky_file"
            yield ctx.match("link-004", start, end, confidence=0.9, reason=reason, file=last)

    @staticmethod
    def _lookalike(
        ctx: CheckContext,
        host: str,
        registered: str,
        parts: tldextract.tldextract.ExtractResult,
        decoded: str | None,
        homoglyph: bool,
    ) -> str | None:
        """The trusted domain this host imitates, or None when it is trusted or unrelated."""
        trusted = _trusted(ctx.city.trusted_domains + ctx.city.domains)
        if decoded is not None:
            folded = decoded.lower().translate(HOMOGLYPHS)
            for item in trusted:
                if _is_or_under(folded, item.domain):
                    return item.domain
        if homoglyph and any(registered == item.domain for item in trusted):
            return registered  # folds to a trusted name but is written in other letters
        if any(_is_or_under(host, item.domain) for item in trusted):
            return None
        host_words = _HostWords.of(parts)
        for item in trusted:
            if _imitates(parts, host_words, item):
                return item.domain
        return None

    def _files(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        for found in FILE.finditer(text):
            start, end = found.span(1)
            if end < len(text) and (text[end].isalnum() or text[end] == "/"):
                continue
            yield ctx.match(
                "link-004", start, end, confidence=0.85, reason="risky_file", file=found.group(1)
            )
