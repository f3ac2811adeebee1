"""Links in a text, found by pattern and then parsed the way a browser parses them.

A pattern only proposes URL-like spans (with a scheme, starting with `www.`, a bare domain
with a common top-level domain, or a dotted IPv4 address with a path); each span is then
parsed with ada-url, a WHATWG URL Standard parser (the one Node.js uses). So the host is the
one a browser would visit, not the one a reader sees first:

- `https://kokkola.fi@evil.example/login` goes to `evil.example`; `kokkola.fi` is only the
  userinfo, and the span is no e-mail address;
- `http://3232235777/`, `http://0xC0A80101/`, `http://0300.0250.1.1/` and `http://192.168.257/`
  are all the IPv4 address 192.168.1.1;
- `https://kokkolа.fi` (a Cyrillic "а") becomes the punycode host `xn--kokkol-8nf.fi`;
- a backslash ends the host of an http(s) URL as a slash does.

Links are never fetched. The spans are offsets in the normalised text (`AnalysedText.text`);
the parser reads the original characters (invisible format characters removed), so a
homoglyph is not folded away before the host is judged. Found once per text and shared
through `AnalysedText.cache` (the link detector and the e-mail detector both read them).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ada_url import parse_url

from someluotsi.guideline.text.normalize import UNIFORM, NormalizedText
from someluotsi.guideline.text.patterns import compile_char_class, compile_pattern

# Parentheses belong to a link's path when they are balanced ("…/wiki/Kokkola_(kaupunki)",
# "…/(files)/setup.exe": a link cut at the "(" hid the file it leads to); an unbalanced closing
# one at the end is the sentence's ("(katso https://kokkola.fi/x)"): `trim_link_end` drops it.
_URL_CHARS = r"[^\s<>\"'\[\]{}]"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
URL = compile_pattern(
    r"(?:^|[^\p{L}\p{N}@.\-/_\\])("
    r"(?:https?|ftp)://" + _URL_CHARS + r"+"
    r"|www\d{0,3}\." + _URL_CHARS + r"+"
    # A bare domain, optionally with userinfo (then it must have a path: else it is an
    # e-mail address), a port and a path.
    r"|(?:[a-z0-9._%+~-]{1,64}(?::[a-z0-9._%+~-]{0,64})?@)?"
    r"(?:" + _LABEL + r"\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})"
    r"(?::\d{1,5})?(?:[/?#\\]" + _URL_CHARS + r"*)?"
    # A dotted IPv4 address with a port or a path ("1.2.3.4" alone is a version number).
    r"|\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?[/?#:]" + _URL_CHARS + r"*"
    r")"
)
# URL without its capturing group: the same matches (a group changes no match), found by RE2's
# DFAs alone, where asking for the group's offsets made it run its NFA over every character of
# every match (20 ms for one 100 kB link). The group is the match without the character
# before it that the match may have taken (`_url_spans`).
_URL_SPAN = compile_pattern(URL.pattern.replace(")(", ")(?:", 1))
# What URL may take before its group: no letter, digit, "@", ".", "-", "/", "_" or "\".
_BEFORE_URL = compile_pattern(r"[^\p{L}\p{N}@.\-/_\\]")  # asked of one character
# Of those, the characters that may also start the group (a userinfo's first character).
_BEFORE_OR_IN_URL = "%+~"
# Every span URL finds has a scheme's "://", a "www", or a dot between a letter or digit and
# another (a bare domain's last label and its top-level domain, an IPv4 address's numbers):
# most texts have none, and this search (the standard library's, from each dot: linear) is
# a tenth of the cost of URL's.
_DOT_INSIDE = compile_char_class(r"\.(?<=[a-z0-9]\.)[a-z0-9]")
TRAILING = ".,;:!?)'\"”’»"
MAX_LINKS = 200  # per text; more is spam the other rules already see
MAX_CANDIDATES = 1000  # URL-like spans looked at per text (adversarial input stays linear)


@dataclass(frozen=True, slots=True)
class Link:
    """One parsed link. Offsets are in the normalised text."""

    start: int
    end: int
    scheme: str  # "http", "https", "ftp"; "" when written without one
    host: str  # as a browser resolves it: IDNA (punycode) ASCII, IPv4 dotted, lower case
    host_type: str  # "domain", "ipv4" or "ipv6"
    userinfo: str  # what stands before "@" in the authority ("" when nothing)
    authority_end: int  # normalised offset where the authority ends (userinfo and host)
    path: str  # path, query and fragment as written (percent-encoded where needed)
    original_host: str  # the host as written in the original text (format characters removed)
    www: bool  # written starting with "www."

    @property
    def bare(self) -> bool:
        """Written without a scheme and without "www." (a bare domain)."""
        return not self.scheme and not self.www


_HOST_TYPES = {0: "domain", 1: "ipv4", 2: "ipv6"}


def _authority_end(raw: str) -> int:
    """Offset in `raw` where the authority (userinfo, host and port) ends."""
    rest = raw.partition("://")[2] if "://" in raw[:8] else raw
    offset = len(raw) - len(rest)
    cut = len(rest)
    for separator in "/?#\\":
        position = rest.find(separator)
        if position != -1:
            cut = min(cut, position)
    return offset + cut


def _visible(text: str) -> str:
    """`text` without format characters (zero-width space, soft hyphen, bidi marks)."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# What parsing a span gives but its place: scheme, host, host type, userinfo, authority end
# (an offset in the span), path, host as written, written with "www.".
_Parsed = tuple[str, str, str, str, int, str, str, bool]
# Spans of at most this many characters have their parse kept (a city's posts name the same
# few addresses again and again); longer ones are parsed every time, so the memory a cache
# entry holds stays small.
MAX_CACHED_SPAN = 512
PARSE_CACHE = 4096  # spans


def parse_link(normalised: str, original: str, start: int, end: int) -> Link | None:
    """Parse one URL-like span (`normalised`, its `original` characters) or None when a
    browser would not take it for a URL. `start`, `end`: the span's offsets in the
    normalised text (the Link's). The parse of a short span is kept (`MAX_CACHED_SPAN`)."""
    if len(normalised) + len(original) <= MAX_CACHED_SPAN:
        parsed = _cached_parse(normalised, original)
    else:
        parsed = _parse(normalised, original)
    if parsed is None:
        return None
    scheme, host, host_type, userinfo, authority, path, original_host, www = parsed
    return Link(
        start=start,
        end=end,
        scheme=scheme,
        host=host,
        host_type=host_type,
        userinfo=userinfo,
        authority_end=start + authority,
        path=path,
        original_host=original_host,
        www=www,
    )


def _parse(normalised: str, original: str) -> _Parsed | None:
    """`parse_link` without the offsets: the same for every occurrence of the same span."""
    scheme = normalised.partition("://")[0] if "://" in normalised[:8] else ""
    # A dash of the Unicode dash family reads as "-" and an odd space as " " (one text, one
    # answer whatever the keyboard made of it); letters that only look Latin stay as written.
    written = _visible(original).translate(UNIFORM)
    if not scheme and not written.lower().startswith(("http", "ftp")):
        written = "http://" + written
    try:
        parsed = parse_url(written)
    except (ValueError, TypeError):
        return None
    host = parsed["hostname"]
    if not host:
        return None
    userinfo = parsed["username"] + (":" + parsed["password"] if parsed["password"] else "")
    authority = _authority_end(normalised)
    written_authority = written.partition("://")[2]
    cut = _authority_end(written_authority)
    original_host = written_authority[:cut].rpartition("@")[2].partition(":")[0]
    if original_host.startswith("["):
        original_host = written_authority[:cut].rpartition("@")[2]
    if userinfo and not scheme and authority == len(normalised):
        return None  # "name@domain.fi" with nothing after it is an e-mail address
    return (
        scheme,
        host,
        _HOST_TYPES.get(parsed["host_type"], "domain"),
        userinfo,
        authority,
        parsed["pathname"] + parsed["search"] + parsed["hash"],
        original_host,
        normalised.startswith("www"),
    )


_cached_parse = lru_cache(maxsize=PARSE_CACHE)(_parse)


def links(text: NormalizedText) -> tuple[Link, ...]:
    """Every link of the text, parsed (computed once per text, shared by the detectors)."""
    cached = text.cache.get("links")
    if isinstance(cached, tuple):
        return cached
    found: list[Link] = []
    normalised = text.text
    if "://" in normalised or "www" in normalised or _DOT_INSIDE.search(normalised):
        for count, (start, end) in enumerate(_url_spans(normalised)):
            if count >= MAX_CANDIDATES:
                break
            raw = trim_link_end(normalised[start:end])
            end = start + len(raw)
            if not raw or ("@" in raw and "://" not in raw and _authority_end(raw) == len(raw)):
                continue  # "name@domain.fi" with nothing after it is an e-mail address
            o_start, o_end = text.span(start, end)
            link = parse_link(raw, text.original[o_start:o_end], start, end)
            if link is not None:
                found.append(link)
            if len(found) >= MAX_LINKS:
                break
    result = tuple(found)
    text.cache["links"] = result
    return result


def trim_link_end(raw: str) -> str:
    """A link candidate without the sentence's punctuation at its end (TRAILING), a closing
    parenthesis there only when no opening one inside it matches it: "x.fi/a)." -> "x.fi/a",
    "wiki/Kokkola_(kaupunki)" stays. Linear: the parentheses are counted once."""
    unmatched = raw.count(")") - raw.count("(")
    end = len(raw)
    while end and raw[end - 1] in TRAILING:
        if raw[end - 1] == ")":
            if unmatched <= 0:
                break
            unmatched -= 1
        end -= 1
    return raw[:end]


def _url_spans(normalised: str) -> Iterator[tuple[int, int]]:
    """The spans of URL's group in `normalised`, as `URL.finditer` gives them. A match that
    does not start the text took the character before the group (`^` matches nowhere else);
    one that starts it took the first character unless that may start the group too, when
    the capturing pattern says (leftmost-first: the group from the first character if it
    can)."""
    for match in _URL_SPAN.finditer(normalised):
        start, end = match.span()
        if start > 0:
            yield start + 1, end
        elif not _BEFORE_URL.match(normalised[:1]):
            yield 0, end
        elif normalised[0] not in _BEFORE_OR_IN_URL:
            yield 1, end
        else:
            yield next(iter(URL.finditer(normalised))).span(1)


def in_userinfo(text: NormalizedText, start: int, end: int) -> bool:
    """True when a span of the normalised text lies in the authority of a link that has
    userinfo (`https://kokkola.fi@evil.example/`): it is part of that link, no e-mail."""
    with_userinfo = text.cache.get("links_with_userinfo")
    if not isinstance(with_userinfo, tuple):
        with_userinfo = tuple(link for link in links(text) if link.userinfo)
        text.cache["links_with_userinfo"] = with_userinfo
    return any(link.start <= start and end <= link.authority_end for link in with_userinfo)
