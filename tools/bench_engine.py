"""Benchmark the guideline engine, on demand (never part of the test suite).

    uv run --group bench python tools/bench_engine.py [--posts 10000] [--seed 7] [--no-presidio]

1. Generates realistic city posts of about 280 characters in Finnish, Swedish and English, half
   of them with one injected personal-data item at a known position (the ground truth), the rest
   clean but full of traps (dates, prices, case numbers, the city's switchboard, venue addresses).
2. Measures the full engine: latency per post (p50/p99), posts per second in a batch on one
   core, peak resident memory.
3. Runs every RE2 pattern and the whole engine on 100 kB adversarial inputs (linear time).
4. Runs Microsoft Presidio's analyzer offline (NoOpNlpEngine, its Finnish identity-code,
   phone, e-mail and IBAN recognizers) on the same corpus: precision, recall and time side by
   side with Someluotsi's personal-data detectors.
Writes a markdown report to stdout and to reports/bench_engine.md.
"""

from __future__ import annotations

import argparse
import importlib
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from stdnum.fi import hetu as stdnum_hetu
from stdnum.fi import ytunnus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from someluotsi.guideline.checker.engine import check, engine_for  # noqa: E402
from someluotsi.guideline.text.patterns import all_patterns, stdlib_patterns  # noqa: E402

CITY_CONTACTS = {"06 828 9111", "palaute@kokkola.fi"}
TYPES = ("HETU", "PHONE", "EMAIL", "IBAN", "ADDRESS", "PLATE", "BUSINESS_ID")
OUR_TYPES = {
    "privacy-001": "HETU",
    "privacy-002": "HETU",
    "privacy-004": "PHONE",
    "privacy-005": "EMAIL",
    "privacy-006": "EMAIL",
    "privacy-007": "IBAN",
    "privacy-008": "ADDRESS",
    "privacy-009": "ADDRESS",
    "privacy-010": "PLATE",
    "privacy-012": "BUSINESS_ID",
    "privacy-003": "SE_PNR",
}
PRESIDIO_TYPES = {
    "FI_PERSONAL_IDENTITY_CODE": "HETU",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "IBAN_CODE": "IBAN",
    "SE_PERSONNUMMER": "SE_PNR",
    "SE_ORGANISATIONSNUMMER": "BUSINESS_ID",
}

FIRST = ["Matti", "Maija", "Anna", "Pekka", "Liisa", "Jussi", "Sanna", "Anders", "Karin", "Erik"]
LAST = ["Virtanen", "Korhonen", "Nieminen", "Mäkelä", "Lind", "Björk", "Hautala", "Ek", "Rautio"]
STREETS = [
    "Isokatu",
    "Rantakatu",
    "Torikatu",
    "Pitkänsillankatu",
    "Kaarlelankatu",
    "Tehtaankatu",
    "Ristirannankatu",
    "Länsitullinkatu",
    "Storgatan",
    "Strandgatan",
    "Mariegatan",
]
FILLER = {
    "fi": [
        "Kaupunginkirjasto on auki arkisin klo 10–20 ja lauantaisin klo 10–16.",
        "Kaupunginhallitus käsitteli asiaa kokouksessaan 12.6.2025 (§ 131).",
        "Liput maksavat 12,50 € ja lapset pääsevät ilmaiseksi.",
        "Kaupungin vaihde palvelee numerossa 06 828 9111.",
        "Palautetta voi antaa osoitteessa palaute@kokkola.fi tai eFeedback-palvelussa.",
        "Kirjasto, Isokatu 3, 67100 Kokkola, järjestää satutunnin keskiviikkona.",
        "Diaarinumero 1234/2025 löytyy esityslistalta.",
        "Tervetuloa mukaan! #KokkolaKarleby #LaajempiHorisontti",
        "Uimahalli on suljettu viikolla 32 huoltotöiden vuoksi.",
        "Lisätietoja: https://www.kokkola.fi/tapahtumat",
        "Vuonna 2024 kävijöitä oli 150 000, kasvua 12 %.",
    ],
    "sv": [
        "Stadsbiblioteket har öppet vardagar kl. 10–20.",
        "Stadsstyrelsen behandlade ärendet den 12.6.2025 (§ 131).",
        "Biljetterna kostar 12,50 € och barn kommer in gratis.",
        "Stadens växel betjänar på 06 828 9111.",
        "Respons kan ges på palaute@kokkola.fi.",
        "Välkommen med! #KokkolaKarleby",
        "Simhallen är stängd vecka 32 på grund av underhåll.",
    ],
    "en": [
        "The city library is open on weekdays from 10 to 20.",
        "The city board discussed the matter on 12 June 2025.",
        "Tickets cost 12.50 euros and children get in free.",
        "More information: https://www.kokkola.fi/en",
        "Welcome! #KokkolaKarleby",
    ],
}
INJECT = {
    "HETU": [
        "Hakijan henkilötunnus on {v}, korjatkaa tiedot.",
        "Min personbeteckning {v} syns i blanketten.",
        "My identity code {v} was printed on the letter.",
    ],
    "PHONE": [
        "Soittakaa minulle numeroon {v} iltaisin.",
        "Ring mig på {v} efter fem.",
        "Call our volunteer on {v} this evening.",
    ],
    "EMAIL": [
        "Lähettäkää kuvat osoitteeseen {v} kiitos.",
        "Skicka anmälan till {v} före fredag.",
        "Send the photos to {v} please.",
    ],
    "IBAN": [
        "Keräysrahat tililleni {v} kiitos kaikille.",
        "Betala till kontot {v} före maj.",
        "Donations to my account {v} are welcome.",
    ],
    "ADDRESS": [
        "Lumi on aurattu huonosti kohdassa {v}, kuka vastaa?",
        "Hon bor på {v} sedan i våras.",
        "He lives at {v}, ask him about it.",
    ],
    "PLATE": [
        "Auto {v} on pysäköity invapaikalle joka päivä.",
        "Bilen {v} står parkerad på gångbanan.",
        "The car {v} blocked the ambulance entrance again.",
    ],
    "BUSINESS_ID": [
        "Toiminimi Virtanen, Y-tunnus {v}, myy kahvia torilla.",
        "Företaget med FO-nummer {v} sköter snöröjningen.",
        "The contractor (business ID {v}) clears the snow.",
    ],
}


@dataclass
class Post:
    text: str
    truth: list[tuple[str, int, int]]


def _hetu(rng: random.Random) -> str:
    year = rng.randint(1930, 2020)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    century = rng.choice("-YXWVU") if year < 2000 else rng.choice("ABCDEF")
    individual = f"{rng.randint(2, 899):03d}"
    digits = f"{day:02d}{month:02d}{year % 100:02d}"
    return f"{digits}{century}{individual}{stdnum_hetu._calc_checksum(digits + individual)}"


def _phone(rng: random.Random) -> str:
    import phonenumbers

    while True:
        prefix = rng.choice(["040", "041", "044", "045", "050", "046"])
        rest = f"{rng.randint(0, 9999999):07d}"
        form = rng.choice(
            [
                f"{prefix} {rest[:3]} {rest[3:]}",
                f"{prefix}-{rest}",
                f"+358 {prefix[1:]} {rest[:3]} {rest[3:]}",
            ]
        )
        if phonenumbers.is_valid_number(phonenumbers.parse(form, "FI")):
            return form


def _iban(rng: random.Random) -> str:
    bban = "".join(str(rng.randint(0, 9)) for _ in range(14))
    numeric = int("".join(str(int(c, 36)) for c in bban + "FI00"))
    check_digits = 98 - numeric % 97
    code = f"FI{check_digits:02d}{bban}"
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def _value(kind: str, rng: random.Random) -> str:
    if kind == "HETU":
        return _hetu(rng)
    if kind == "PHONE":
        return _phone(rng)
    if kind == "EMAIL":
        domain = rng.choice(["gmail.com", "hotmail.com", "outlook.com", "luukku.com"])
        name = f"{rng.choice(FIRST)}.{rng.choice(LAST)}{rng.randint(1, 99)}".lower()
        return f"{name.replace('ä', 'a').replace('ö', 'o')}@{domain}"
    if kind == "IBAN":
        return _iban(rng)
    if kind == "ADDRESS":
        house = f"{rng.randint(1, 120)}" + rng.choice(["", " B 4", " A 12", "c"])
        return f"{rng.choice(STREETS)} {house}" + rng.choice(["", ", 67100 Kokkola"])
    if kind == "PLATE":
        letters = "".join(rng.choice("BCEFGHJKLMNPRSTUVXYZ") for _ in range(3))
        return f"{letters}-{rng.randint(1, 999)}"
    while True:  # one base in eleven has no valid check digit; draw again
        base = f"{rng.randint(1000000, 3999999)}"
        for digit in "0123456789":
            if ytunnus.is_valid(f"{base}-{digit}"):
                return f"{base}-{digit}"


def generate(count: int, seed: int) -> list[Post]:
    rng = random.Random(seed)
    posts = []
    for index in range(count):
        language = rng.choices(["fi", "sv", "en"], weights=[6, 3, 1])[0]
        parts = rng.sample(FILLER[language], k=4 if language == "en" else 5)
        truth: list[tuple[str, int, int]] = []
        if index % 2 == 0:
            kind = TYPES[(index // 2) % len(TYPES)]
            template = INJECT[kind][{"fi": 0, "sv": 1, "en": 2}[language]]
            value = _value(kind, rng)
            sentence = template.replace("{v}", value)
            position = rng.randint(0, len(parts))
            parts.insert(position, sentence)
            text = " ".join(parts)
            start = text.index(sentence) + template.index("{v}")
            truth.append((kind, start, start + len(value)))
        else:
            text = " ".join(parts)
        posts.append(Post(text, truth))
    return posts


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def progress(label: str, done: int, total: int) -> None:
    if done % max(1, total // 20) == 0 or done == total:
        sys.stderr.write(f"\r{label}: {done}/{total} ({100 * done // total} %)")
        if done == total:
            sys.stderr.write("\n")


def score(
    posts: list[Post], predictions: list[list[tuple[str, int, int]]]
) -> dict[str, dict[str, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for post, predicted in zip(posts, predictions, strict=True):
        for kind, start, end in post.truth:
            hit = any(k == kind and s < end and start < e for k, s, e in predicted)
            (tp if hit else fn)[kind] += 1
        for kind, start, end in predicted:
            if not any(k == kind and s < end and start < e for k, s, e in post.truth):
                fp[kind] += 1
    table = {}
    for kind in (*TYPES, "SE_PNR"):
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else float("nan")
        recall = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else float("nan")
        table[kind] = {"tp": tp[kind], "fp": fp[kind], "fn": fn[kind], "p": precision, "r": recall}
    return table


def run_ours(posts: list[Post]) -> tuple[list[list[tuple[str, int, int]]], list[float], float]:
    engine_for()  # load once, outside the timings
    for post in posts[:200]:
        check(post.text)  # warm-up
    latencies, predictions = [], []
    for done, post in enumerate(posts, 1):
        started = time.perf_counter()
        report = check(post.text)
        latencies.append(time.perf_counter() - started)
        predictions.append(
            [(OUR_TYPES[f.rule], f.start, f.end) for f in report.findings if f.rule in OUR_TYPES]
        )
        progress("Someluotsi", done, len(posts))
    started = time.perf_counter()
    for post in posts:
        check(post.text)
    batch = time.perf_counter() - started
    return predictions, latencies, batch


def run_rules_only(posts: list[Post]) -> tuple[list[float], float]:
    """The same engine without the trained classifier (the rule detectors alone)."""
    from someluotsi.guideline.checker.engine import GuidelineEngine
    from someluotsi.guideline.checker.registry import RULE_DETECTORS

    engine = GuidelineEngine(engine_for().rulebook, detectors=RULE_DETECTORS)
    for post in posts[:200]:
        engine.check(post.text)
    latencies = []
    for done, post in enumerate(posts, 1):
        started = time.perf_counter()
        engine.check(post.text)
        latencies.append(time.perf_counter() - started)
        progress("rules only", done, len(posts))
    started = time.perf_counter()
    for post in posts:
        engine.check(post.text)
    return latencies, time.perf_counter() - started


def run_presidio(posts: list[Post]) -> tuple[list[list[tuple[str, int, int]]], list[float]]:
    import tldextract

    # Presidio's e-mail recognizer calls tldextract's default extractor, which downloads the
    # suffix list; give it the bundled one so the comparison runs offline.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # type: ignore[assignment]
    # presidio is in the optional "bench" group, so it is imported by name (no static import
    # for the type checker to chase when the group is not installed).
    analyzer_module = importlib.import_module("presidio_analyzer")
    nlp_module = importlib.import_module("presidio_analyzer.nlp_engine")
    recognizers = importlib.import_module("presidio_analyzer.predefined_recognizers")

    registry = analyzer_module.RecognizerRegistry(supported_languages=["fi"])
    for recognizer in (
        recognizers.FiPersonalIdentityCodeRecognizer(supported_language="fi"),
        recognizers.PhoneRecognizer(supported_language="fi", supported_regions=("FI", "SE")),
        recognizers.EmailRecognizer(supported_language="fi"),
        recognizers.IbanRecognizer(supported_language="fi"),
    ):
        registry.add_recognizer(recognizer)
    analyzer = analyzer_module.AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_module.NoOpNlpEngine(models=[{"lang_code": "fi", "model_name": "noop"}]),
        supported_languages=["fi"],
    )
    for post in posts[:50]:
        analyzer.analyze(post.text, language="fi")
    latencies, predictions = [], []
    for done, post in enumerate(posts, 1):
        started = time.perf_counter()
        results = analyzer.analyze(post.text, language="fi")
        latencies.append(time.perf_counter() - started)
        predictions.append(
            [
                (PRESIDIO_TYPES[r.entity_type], r.start, r.end)
                for r in results
                if r.entity_type in PRESIDIO_TYPES and r.score >= 0.4
            ]
        )
        progress("Presidio", done, len(posts))
    return predictions, latencies


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
}


def adversarial(size: int) -> tuple[float, str, float, str]:
    worst_pattern, worst_pattern_name = 0.0, ""
    worst_engine, worst_engine_name = 0.0, ""
    patterns = [*all_patterns(), *stdlib_patterns()]
    for name, make in ADVERSARIAL.items():
        text = make(size)
        for pattern in patterns:
            started = time.perf_counter()
            for _match in pattern.finditer(text):
                pass
            elapsed = time.perf_counter() - started
            if elapsed > worst_pattern:
                worst_pattern, worst_pattern_name = elapsed, f"{name} / {pattern.pattern[:40]!r}"
        started = time.perf_counter()
        check(text)
        elapsed = time.perf_counter() - started
        if elapsed > worst_engine:
            worst_engine, worst_engine_name = elapsed, name
    return worst_pattern, worst_pattern_name, worst_engine, worst_engine_name


def _fmt(value: float) -> str:
    return "–" if value != value else f"{100 * value:.1f}"


def report(lines: Iterable[str]) -> str:
    text = "\n".join(lines) + "\n"
    out = ROOT / "reports"
    out.mkdir(exist_ok=True)
    (out / "bench_engine.md").write_text(text, encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-presidio", action="store_true")
    args = parser.parse_args()

    posts = generate(args.posts, args.seed)
    mean_chars = statistics.mean(len(p.text) for p in posts)
    rules_latencies, rules_batch = run_rules_only(posts)
    ours, latencies, batch = run_ours(posts)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worst_pattern, pattern_name, worst_engine, engine_name = adversarial(100_000)
    ours_table = score(posts, ours)
    lines = [
        "# Guideline engine benchmark",
        "",
        f"{len(posts):,} generated posts (seed {args.seed}), mean {mean_chars:.0f} characters, "
        f"{sum(len(p.truth) for p in posts):,} injected personal-data items.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| rules only: latency p50 / p99 per post | {1000 * percentile(rules_latencies, 0.5):.3f}"
        f" / {1000 * percentile(rules_latencies, 0.99):.3f} ms |",
        f"| rules only: batch throughput, one core | {len(posts) / rules_batch:,.0f} posts/s |",
        f"| with the classifier: latency p50 / p99 | {1000 * percentile(latencies, 0.5):.3f}"
        f" / {1000 * percentile(latencies, 0.99):.3f} ms |",
        f"| with the classifier: batch throughput, one core | {len(posts) / batch:,.0f} posts/s |",
        f"| peak resident memory | {rss_mb:.0f} MB |",
        f"| slowest single pattern, 100 kB adversarial input | {1000 * worst_pattern:.1f} ms "
        f"({pattern_name}) |",
        f"| slowest full check, 100 kB adversarial input | {1000 * worst_engine:.1f} ms "
        f"({engine_name}) |",
    ]
    presidio_table = None
    presidio: list[list[tuple[str, int, int]]] = []
    presidio_latencies: list[float] = []
    if not args.no_presidio:
        presidio, presidio_latencies = run_presidio(posts)
        presidio_table = score(posts, presidio)
    lines += ["", "## Personal data: Someluotsi and Presidio on the same corpus", ""]
    lines += [
        "| type | Someluotsi P % | R % | FP | Presidio P % | R % | FP |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind in (*TYPES, "SE_PNR"):
        o = ours_table[kind]
        row = f"| {kind} | {_fmt(o['p'])} | {_fmt(o['r'])} | {o['fp']} |"
        if presidio_table:
            p = presidio_table[kind]
            supported = kind in {"HETU", "PHONE", "EMAIL", "IBAN"}
            row += (
                f" {_fmt(p['p'])} | {_fmt(p['r'])} | {p['fp']} |"
                if supported or p["fp"]
                else " no recognizer | – | – |"
            )
        lines.append(row)
    if presidio_latencies:
        contact_hits = sum(
            1
            for post, predicted in zip(posts, presidio, strict=True)
            for _kind, start, end in predicted
            if post.text[start:end] in CITY_CONTACTS
        )
        lines += [
            "",
            f"Of Presidio's false hits, {contact_hits:,} are the city's own published contact "
            "points (switchboard 06 828 9111, palaute@kokkola.fi), which the guideline does not "
            "count as personal data and Someluotsi's allow-list passes.",
        ]
        lines += [
            "",
            f"Presidio latency p50 {1000 * percentile(presidio_latencies, 0.5):.3f} ms, "
            f"p99 {1000 * percentile(presidio_latencies, 0.99):.3f} ms per post "
            "(its four recognizers only; Someluotsi's figures are for all of its detectors).",
        ]
    print(report(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
