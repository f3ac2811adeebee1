"""Suspicious links and files (§10.2). Links are parsed, never fetched.

Look-alikes of trusted domains are found three ways: homoglyphs (a Cyrillic "а" folds to Latin
in the normalised text, but the original is not ASCII), punycode labels that decode to one, and
near-misses (one edit away, or the trusted name glued into someone else's domain).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import idna
import tldextract

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.normalize import HOMOGLYPHS
from someluotsi.guideline.text.patterns import compile_pattern
from someluotsi.guideline.text.wordlists import load_words

_URL_CHARS = r"[^\s<>\"'()\[\]{}]"
URL = compile_pattern(
    r"(?:^|[^\p{L}\p{N}@.\-/_])("
    r"(?:https?://|www\.)" + _URL_CHARS + r"+"
    r"|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})"
    r"(?:/" + _URL_CHARS + r"*)?"
    r")"
)
IPV4 = compile_pattern(r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")
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
    # An empty URL list keeps tldextract on its bundled suffix list: no download, ever.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True, slots=True)
class ParsedLink:
    scheme: str
    host: str  # normalised (homoglyphs folded, lower case)
    original_host: str
    path: str


def _parse(normalised: str, original: str) -> ParsedLink:
    scheme = ""
    rest, original_rest = normalised, original
    if "://" in normalised[:8]:
        scheme, _, rest = normalised.partition("://")
        original_rest = original.partition("://")[2]
    cut = len(rest)
    for separator in "/?#:":
        position = rest.find(separator)
        if position != -1:
            cut = min(cut, position)
    # Invisible characters (a zero-width space, a soft hyphen) are no letters of the host:
    # they vanish in the normalised text and must not make a host look non-ASCII here.
    original_cut = len(original_rest)
    for separator in "/?#:":
        position = original_rest.find(separator)
        if position != -1:
            original_cut = min(original_cut, position)
    original_host = "".join(
        c for c in original_rest[:original_cut] if unicodedata.category(c) != "Cf"
    )
    return ParsedLink(scheme, rest[:cut], original_host, rest[cut:])


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


class SuspiciousLinkDetector:
    rules = ("link-001", "link-002", "link-003", "link-004", "link-005", "link-006")

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text.text
        if "." in text:
            yield from self._links(ctx)
            yield from self._files(ctx)
        for media in ctx.media:
            extension = media.filename.rsplit(".", 1)[-1].lower() if "." in media.filename else ""
            if extension in RISKY_EXTENSIONS:
                yield ctx.match(
                    "link-004", 0, 0, confidence=0.95, reason="risky_file", file=media.filename
                )

    def _links(self, ctx: CheckContext) -> Iterator[Match]:
        text, original = ctx.text.text, ctx.text.original
        for found in URL.finditer(text):
            start, end = found.span(1)
            raw = found.group(1).rstrip(".,;:!?)")
            end = start + len(raw)
            o_start, o_end = ctx.text.span(start, end)
            link = _parse(raw, original[o_start:o_end])
            bare = not link.scheme and not raw.startswith("www.")
            parts = _extract()(link.host)
            if not parts.suffix and not IPV4.search(link.host):
                continue
            if bare and (
                parts.suffix.split(".")[-1] not in BARE_TLDS
                or link.original_host != link.original_host.lower()
            ):
                continue
            yield from self._judge(ctx, link, parts, start, end)

    def _judge(
        self,
        ctx: CheckContext,
        link: ParsedLink,
        parts: tldextract.tldextract.ExtractResult,
        start: int,
        end: int,
    ) -> Iterator[Match]:
        host = link.host
        if IPV4.search(host):
            yield ctx.match("link-002", start, end, confidence=0.9, reason="raw_ip")
            return
        registered = f"{parts.domain}.{parts.suffix}"
        decoded = _decode_punycode(host)
        homoglyph = not link.original_host.isascii()
        lookalike = self._lookalike(ctx, registered, parts.subdomain, decoded, homoglyph)
        if lookalike and (homoglyph or decoded is not None):
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
        path = link.path.lower()
        if link.scheme == "http" and any(word in host + path for word in LOGIN_WORDS):
            yield ctx.match("link-005", start, end, confidence=0.9, reason="http_login")
        last = path.split("?", 1)[0].rsplit("/", 1)[-1]
        if "." in last and last.rsplit(".", 1)[-1] in RISKY_EXTENSIONS:
            yield ctx.match("link-004", start, end, confidence=0.9, reason="risky_file", file=last)

    @staticmethod
    def _lookalike(
        ctx: CheckContext, registered: str, subdomain: str, decoded: str | None, homoglyph: bool
    ) -> str | None:
        """The trusted domain this one imitates, or None when it is trusted or unrelated."""
        trusted = ctx.city.trusted_domains + ctx.city.domains
        if homoglyph and registered in trusted:
            return registered  # folds to a trusted name but is written in other letters
        if decoded is not None:
            folded = decoded.lower().translate(HOMOGLYPHS)
            for domain in trusted:
                if folded == domain or folded.endswith("." + domain):
                    return domain
        if any(registered == d for d in trusted):
            return None
        label = registered.split(".", 1)[0]
        for domain in trusted:
            name = domain.split(".", 1)[0]
            if len(name) >= 5 and _within_one_edit(label, name):
                return domain
            if domain in subdomain.split(".", 1)[-1] or f"{domain}." in f"{subdomain}.":
                return domain
            if len(name) >= 5 and (label.startswith(name + "-") or label.endswith("-" + name)):
                return domain
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
