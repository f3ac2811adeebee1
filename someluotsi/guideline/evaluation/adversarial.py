"""Adversarial texts: what a hostile or broken client might send, at any size.

Each kind is a function of a length in characters (the texts are at most that long) that
repeats one small piece: a single character, a cue of one detector ("a@", "v*ttu", "ABC-123"),
or a construction the harm detectors read ("tapan sinut"), in Finnish, Swedish and English.
`tools/bench_engine.py` times the full check on each at 100 kB (issue 20: at most 150 ms);
`tools/compare_engines.py --adversarial` and the tests compare what the engine says on them.

    ADVERSARIAL["emails"](100_000)  # "a.b@c.fi a.b@c.fi ..." (99,999 characters)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any


def _repeat(piece: str) -> Callable[[int], str]:
    """`piece` repeated as often as it fits whole in `n` characters."""
    return lambda n: piece * (n // len(piece))


def _mixed(n: int) -> str:
    """Everything a hostile or broken client might send, mixed: masked swears, "a@" repeats,
    digit runs, long URLs, emoji floods (families and flags), zero-width characters."""
    piece = (
        "v*ttu p**ka a@a@a@a@ 0401234567890123456789 https://www."
        + "a" * 300
        + ".fi/"
        + "x/" * 100
        + " 🎉👨\u200d👩\u200d👧🇫🇮🎉🎉 i\u200bd\u200bi\u200bo\u200bt\u200bi 131052-308T "
    )
    return (piece * (n // len(piece) + 1))[:n]


def _mixed_sv_en(n: int) -> str:
    """The same mix in Swedish and English words, with line breaks and quotes."""
    piece = (
        "f*ck j*vla h@ra b@b@b@ +46701234567890 http://"
        + "b." * 150
        + "se/"
        + "?q=" * 50
        + ' "🔪" ANNA@EXAMPLE.COM\n d\u200co\u200cd\u200ca 19121212-1212 '
    )
    return (piece * (n // len(piece) + 1))[:n]


# The kinds of tools/bench_engine.py (issue 20's table), unchanged.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "1" * n,
    "digit-dash": lambda n: "12-" * (n // 3),
    "letters": lambda n: "a" * n,
    "capitals": lambda n: "AB-" * (n // 3),
    "dots": lambda n: "a." * (n // 2),
    "at-signs": lambda n: "a@" * (n // 2),
    "hashes": lambda n: "#" * n,
    "spaces": lambda n: " " * n,
    "url-ish": lambda n: "http://" + "a." * (n // 2 - 4),
    "iban-ish": lambda n: "FI21 " + "1234 " * (n // 5 - 1),
    "phone-ish": lambda n: "+358 " + "40 " * (n // 3 - 2),
    "street-ish": lambda n: "Katu " * (n // 5),
    "emoji": lambda n: "🎉" * (n // 2),
    "zero-width": lambda n: "a\u200b" * (n // 2),
    "masked-swears": lambda n: "v*ttu " * (n // 6),
    "threats": lambda n: "tapan sinut " * (n // 12),
    "name-and-health": lambda n: "Matti sairaala " * (n // 15),
    "home-addresses": lambda n: "Isokatu 3 asuu " * (n // 15),
    "plates": lambda n: "auto ABC-123 " * (n // 13),
    "emails": lambda n: "a.b@c.fi " * (n // 9),
    "mixed": _mixed,
    "long-url": lambda n: "https://" + "a" * (n - 12) + ".fi/",
    "digit-runs": lambda n: ("1234567890" * 20 + " ") * (n // 201),
}

# More of the same sort, so that a fix holds for the kind and not for one instance: other
# languages, other separators, one-character tokens and one-token sentences.
MORE_ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "letters-spaced": _repeat("a "),
    "digits-spaced": _repeat("1 "),
    "lines": _repeat("a\n"),
    "sentences": _repeat("Moi. "),
    "capital-words": _repeat("KOKKOLA "),
    "capitals-sv": _repeat("ÅÄ-"),
    "dots-sv": _repeat("å."),
    "at-words": _repeat("hej@ "),
    "url-slashes": lambda n: "https://" + "a/" * (n // 2 - 4),
    "urls": _repeat("https://kokkola.fi/a?b=1 "),
    "urls-fake": _repeat("kokkola-fi.com/login "),
    "emails-sv": _repeat("anna.berg@kokkola.se "),
    "emails-glued": _repeat("a@b.fi,"),
    "masked-swears-sv": _repeat("j*vla h*ra "),
    "masked-swears-en": _repeat("f*ck sh*t "),
    "leet-insults": _repeat("1d10tt1 "),
    "insults": _repeat("senkin idiootti "),
    "insults-sv": _repeat("din idiot "),
    "insults-en": _repeat("you stupid cow "),
    "threats-sv": _repeat("jag ska döda dig "),
    "threats-en": _repeat("i will kill you "),
    "threats-lines": _repeat("tapan sinut\n"),
    "spaced-threats": _repeat("t a p a n sut "),
    "media-threats": _repeat('leffa "Tapan Sinut" '),
    "group-attacks": _repeat("mamut pois "),
    "group-insults": _repeat("maahanmuuttajat ovat loisia "),
    "group-negated": _repeat("maahanmuuttajat eivät ole loisia "),
    "group-insults-en": _repeat("immigrants are disgusting "),
    "slurs-quoted": _repeat('"neekeri" on rasismia '),
    "threat-idioms": _repeat("tappaa aikaa "),
    "threat-idioms-en": _repeat("kill time "),
    "named-threats": _repeat("Matti tapan sinut "),
    "named-insults": _repeat("Matti on laiska idiootti "),
    "official-insults": _repeat("virkamiehet ovat laiskoja. "),
    "insult-constructions": _repeat("senkin tyhmä lehmä "),
    "negated-insults": _repeat("kukaan ei ole idiootti "),
    "animal-threats": _repeat("tapa hummeri "),
    "stalking": _repeat("tiedän missä asut "),
    "weapons": _repeat("ase koulu "),
    "name-and-health-sv": _repeat("Anna sjukhus "),
    "name-and-health-en": _repeat("John hospital "),
    "names": _repeat("Matti "),
    "home-addresses-sv": _repeat("Storgatan 3 bor "),
    "plates-sv": _repeat("bil ABC 123 "),
    "identity-codes": _repeat("131052-308T "),
    "personal-numbers-sv": _repeat("19121212-1212 "),
    "phones": _repeat("040 123 4567 "),
    "phone-ish-sv": lambda n: "+46 " + "70 " * (n // 3 - 2),
    "ibans": _repeat("FI21 1234 5600 0007 85 "),
    "hashtags": _repeat("#kokkolankaupunki "),
    "emoji-words": _repeat("🎉 a "),
    "emoji-families": _repeat("👨\u200d👩\u200d👧"),
    "zero-width-joiner": _repeat("a\u200d"),
    "soft-hyphens": _repeat("a\u00ad"),
    "combining": _repeat("a\u0308"),
    "cyrillic": _repeat("а "),
    "en-dashes": _repeat("a–"),
    "secrets": _repeat("salasana: x "),
    "mixed-sv-en": _mixed_sv_en,
    # a name called to the face, each word one slip from no listed insult (Vocabulary.misspelt)
    "addressed-unknown": _repeat("olet kuhmurainen du är en snorkfisk you are a blorpian "),
    "reported-insults": _repeat("minua kutsuttiin idiootiksi "),
    "link-parentheses": _repeat("https://a.fi/(b)/c.exe) "),
}

ALL_ADVERSARIAL: dict[str, Callable[[int], str]] = {**ADVERSARIAL, **MORE_ADVERSARIAL}


def fingerprint(report: Any) -> dict[str, Any]:
    """What a report (model.Report) says, in short: its verdict and language, how many
    findings of each rule, and a SHA-256 of every finding (rule, offsets, severity, excerpt,
    confidence to three decimals), so that two engines can be compared on long texts
    without keeping their findings."""
    findings = [
        [f.rule, f.start, f.end, f.severity.value, f.excerpt, round(f.confidence, 3)]
        for f in report.findings
    ]
    rules: dict[str, int] = {}
    for finding in findings:
        rules[finding[0]] = rules.get(finding[0], 0) + 1
    encoded = json.dumps(findings, ensure_ascii=False).encode("utf-8")
    return {
        "verdict": report.verdict.value,
        "language": report.language,
        "rules": dict(sorted(rules.items())),
        "digest": hashlib.sha256(encoded).hexdigest(),
    }


__all__ = ["ADVERSARIAL", "ALL_ADVERSARIAL", "MORE_ADVERSARIAL", "fingerprint"]


# What `checked` gives for a text that `check` refuses for showing nothing (the "spaces" kind).
REFUSED_BLANK: dict[str, Any] = {"refused": "BlankTextError"}


def checked(text: str, check: Callable[[str], Any]) -> dict[str, Any]:
    """`fingerprint(check(text))`, or REFUSED_BLANK when `check` raises BlankTextError (a text
    that shows nothing: `check` refuses it rather than report "ok")."""
    from someluotsi.guideline.model import BlankTextError

    try:
        return fingerprint(check(text))
    except BlankTextError:
        return REFUSED_BLANK
