"""Expand the harmful-language lemma lists into every inflected form.

    uv run --group build python tools/build_wordforms.py

Reads someluotsi/guideline/data/harm_src/*.txt and writes
someluotsi/guideline/data/wordforms/harm.tsv (category, language, form, lemma, tags), which the
engine loads at run time for set lookups: no analyser runs while checking a post.

Finnish nouns, adjectives and verbs are inflected with the pypykko generator (MIT; it takes about
a gigabyte and a quarter of a minute to load, which is why this runs at build time). Swedish and
English verbs are conjugated from their principal parts (`[sv verb]`, `[en verb]`: infinitive,
present, past, supine or past participle, passive and participles, each tagged so that the
detectors can read the construction); other Swedish and English words get simple suffix rules;
over-generated non-words do no harm in a lookup set.

Verb lines may carry marks (data/harm_src/threat_verbs.txt): `!` lethal violence (tag
`+lethal`), `?` ambiguous in everyday use (`+ambiguous`), `~word` a particle or object word the
verb needs nearby (`+prt=word`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "someluotsi" / "guideline" / "data" / "harm_src"
OUT = ROOT / "someluotsi" / "guideline" / "data" / "wordforms" / "harm.tsv"

CASES = ("nom", "gen", "par", "ess", "tra", "ine", "ela", "ill", "ade", "abl", "all", "abe", "ins")
VERB_TAGS = tuple(
    [f"+pres+{p}" for p in ("1sg", "2sg", "3sg", "1pl", "2pl", "3pl")]
    + [f"+past+{p}" for p in ("1sg", "2sg", "3sg", "1pl", "2pl", "3pl")]
    + [f"+cond+{p}" for p in ("1sg", "2sg", "3sg", "1pl", "2pl", "3pl")]
    + ["+imper+2sg", "+imper+2pl", "+imper+3sg", "+imper+3pl", "+imper+1pl"]
    + ["+pass+pres", "+pass+past", "+pass+cond", "+pres+conneg", "+cond+conneg"]
    + ["+inf1", "+inf3+ill", "+inf3+ine", "+inf3+ela", "+inf2+ine"]
)
SV_SUFFIXES = ("", "en", "et", "n", "na", "ne", "ar", "er", "or", "arna", "erna", "orna", "s",
               "ens", "ets", "arnas", "ernas", "t", "a")  # fmt: skip
EN_SUFFIXES = ("", "s", "es", "ed", "ing", "er", "ers")


def sections(path: Path) -> Iterator[tuple[str, str]]:
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        yield section, line


def finnish_forms(generate, lemma: str, pos: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    forms: set[tuple[str, str]] = set()
    # Compounds the lexicon lacks (kusiaivo) inflect like their last part via the prefix source.
    for source in ("Lexicon", "Lexicon|Pfx"):
        if pos == "verb":
            for tags in VERB_TAGS:
                forms.update((form, tags) for form in generate(lemma, "verb", tags, source=source))
        else:
            for number in ("sg", "pl"):
                for case in CASES:
                    tags = f"+{number}+{case}"
                    forms.update((form, tags) for form in generate(lemma, pos, tags, source=source))
        if forms:
            break
    forms.add((lemma, "+lemma"))
    return {(form.lower(), tags) for form, tags in forms}


def verb_marks(line: str) -> tuple[str, str, str, str]:
    """(lemma, the verb to conjugate, principal parts, extra tags) of a marked verb line."""
    head, _, parts = line.partition(":")
    marks = ""
    head = head.strip()
    if head.startswith("!"):
        marks += "+lethal"
        head = head[1:]
    if head.startswith("?"):
        marks += "+ambiguous"
        head = head[1:]
    words = head.split()
    verb = words[0]
    particles = [w[1:] for w in words[1:] if w.startswith("~")]
    for particle in particles:
        marks += f"+prt={particle}"
    lemma = " ".join([verb, *particles])
    return lemma, verb, parts.strip(), marks


def swedish_verb(verb: str, parts: str) -> set[tuple[str, str]]:
    """Every form of a Swedish verb from its principal parts (regular first conjugation when
    none are given): infinitive, imperative, present, past, supine, the s-passive and the past
    participle in its three forms."""
    if parts:
        present, past, supine, participle = parts.split()
    else:
        stem = verb[:-1] if verb.endswith("a") else verb
        present, past, supine, participle = stem + "ar", stem + "ade", stem + "at", stem + "ad"
    # The first conjugation's imperative is its infinitive ("döda!", "mörda!"); the others
    # drop the final -a ("skjut!", "bränn!").
    drops_a = verb.endswith("a") and len(verb) > 3 and not present.endswith("ar")
    imperative = verb[:-1] if drops_a else verb
    if present.endswith("ar") or (present.endswith("r") and not present.endswith("er")):
        present_passive = present[:-1] + "s"
    elif present.endswith("er"):
        present_passive = present[:-2] + "s"
    else:
        present_passive = present + "s"
    forms = {
        (verb, "+inf"),
        (imperative, "+imper"),
        (present, "+pres"),
        (past, "+past"),
        (supine, "+sup"),
        (verb + "s", "+pass+inf"),
        (present_passive, "+pass+pres"),
        (past + "s", "+pass+past"),
        (supine + "s", "+pass+sup"),
        (participle, "+part"),
    }
    if participle.endswith("ad"):
        forms |= {(participle + "e", "+part"), (participle[:-1] + "t", "+part")}
    elif participle.endswith("en"):
        forms |= {(participle[:-2] + "na", "+part"), (participle[:-1] + "t", "+part")}
    elif participle.endswith(("d", "t")):
        forms.add((participle + "a", "+part"))
    return forms


def english_verb(verb: str, parts: str) -> set[tuple[str, str]]:
    """Base form, third person, past, past participle and -ing form of an English verb."""
    if parts:
        third, past, participle, ing = parts.split()
    else:
        stem = verb[:-1] if verb.endswith("e") else verb
        third, past, participle, ing = verb + "s", stem + "ed", stem + "ed", stem + "ing"
    return {
        (verb, "+base"),
        (third, "+pres3"),
        (past, "+past"),
        (participle, "+pp"),
        (ing, "+ing"),
    }


def suffixed(word: str, suffixes: tuple[str, ...]) -> set[str]:
    if " " in word or len(word) < 4:
        return {word}
    return {word + suffix for suffix in suffixes}


def not_forms() -> frozenset[str]:
    """harm_src/not_forms.txt: forms to leave out (the engine drops them on load as well)."""
    return frozenset(word for _section, word in sections(SRC / "not_forms.txt"))


def main() -> int:
    print("loading the Finnish generator (about 15 s)...", file=sys.stderr)
    from pypykko.generate import generate_wordform

    rows: set[tuple[str, str, str, str, str]] = set()
    files = sorted(path for path in SRC.glob("*.txt") if path.stem != "not_forms")
    for index, path in enumerate(files, 1):
        category = path.stem
        for section, lemma in sections(path):
            lemma = lemma.lower()
            if section == "fi verb":
                lemma, verb, _parts, marks = verb_marks(lemma)
                produced = finnish_forms(generate_wordform, verb, "verb")
                if len(produced) <= 1:
                    print(f"  {category}: the generator does not know {verb!r}", file=sys.stderr)
                rows.update((category, "fi", f, lemma, tags + marks) for f, tags in produced)
            elif section in {"sv verb", "en verb"}:
                lemma, verb, parts, marks = verb_marks(lemma)
                language = section.split()[0]
                conjugate = swedish_verb if language == "sv" else english_verb
                rows.update(
                    (category, language, f, lemma, tags + marks)
                    for f, tags in conjugate(verb, parts)
                )
            elif section in {"fi noun", "fi adjective"}:
                pos = section.split()[1]
                produced = finnish_forms(generate_wordform, lemma, pos)
                if category in {"targets", "places"}:
                    # "your school", "your family" are aimed at the reader: koulusi, perheenne.
                    stems = {f[:-1] for f, tags in produced if tags == "+sg+gen" and f[-1] == "n"}
                    produced |= {(s + "si", "+px2sg") for s in stems}
                    produced |= {(s + "nne", "+px2pl") for s in stems}
                if len(produced) <= 1:
                    print(f"  {category}: the generator does not know {lemma!r}", file=sys.stderr)
                rows.update((category, "fi", form, lemma, tags) for form, tags in produced)
            elif section == "fi compound":
                rows.add((category, "fi", lemma, lemma, "+compound"))
            elif section in {"fi exact", "phrases"}:
                rows.add((category, "fi", lemma, lemma, ""))
            elif section in {"sv", "en"}:
                suffixes = SV_SUFFIXES if section == "sv" else EN_SUFFIXES
                rows.update((category, section, f, lemma, "") for f in suffixed(lemma, suffixes))
            else:
                raise SystemExit(f"{path.name}: unknown section [{section}]")
        print(f"[{index}/{len(files)}] {category}", file=sys.stderr)
    # Everyday words and names the suffix rules make (spices from spic, Jerker from jerk).
    excluded = not_forms()
    rows = {row for row in rows if row[2] not in excluded}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = "# Generated by tools/build_wordforms.py from data/harm_src; do not edit by hand.\n"
    body = "\n".join("\t".join(row) for row in sorted(rows))
    OUT.write_text(header + body + "\n", encoding="utf-8")
    print(f"{len(rows):,} forms -> {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
