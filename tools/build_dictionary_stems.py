"""Decide with a real Finnish analyser which words only look like harmful compounds.

    uv run --group build python tools/build_dictionary_stems.py [--corpus DIR]

The engine finds Finnish insults and swearing inside compounds by their first part ("kusi-" in
kusipää, "paska-" in paskahousu) and group attacks by a group word glued to a degrading one
("muslimikoirat"). A prefix is not a word boundary: the Finnish word for an ant, "kusiainen",
starts with "kusi" and is no insult (issue 16 §5, the Scunthorpe problem in a compounding
language). Instead of a hand list of exceptions, this build step asks Voikko (the Finnish
morphological analyser; Debian's libvoikko1 + voikko-fi, GPL-2+, used here at build time only,
through the PyPI `libvoikko` binding) where each candidate word's compound boundaries are:

1. Candidates: every word of a Finnish word list that the engine's compound and group-compound
   lookups flag: the words of the development corpora (`--corpus`, default ../shared/data: the
   XED subtitles, the Suomi24 comments) and of the city's posts, plus each harmful first part
   followed by common Finnish derivational endings (-ainen, -inen, -isto, ...) and Voikko's
   spelling suggestions for those, which find dictionary words the corpora lack.
2. A candidate is a dictionary word when Voikko knows it. It is innocent when no analysis
   builds it on a harmful word: Voikko's word bases name every part and derivation root
   (kusipää is kusi + pää, paskainen is paska + -inen: harmful; kusiainen is one base: an ant).
3. Each innocent base form is inflected with the pypykko generator; the longest prefix common
   to all its forms (kusiainen, kusiaisen, kusiaisia -> "kusiai") is written to
   someluotsi/guideline/data/wordforms/dictionary_stems.txt, which the engine loads: a word
   that starts with such a stem is not a harmful compound (kusiaispesä neither), unless the
   word itself is a listed harmful form (kusiaivo).

It prints, and writes in the output's header, how many dictionary words the harmful stems
matched before and after.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "someluotsi" / "guideline" / "data" / "wordforms" / "dictionary_stems.txt"
CITY_POSTS = ROOT / "someluotsi" / "guideline" / "data" / "training" / "city_posts.txt"
ENDINGS = (
    "ainen", "äinen", "inen", "nen", "isto", "istö", "ikko", "ikkö", "kka", "kkä", "la", "lä",
    "ja", "jä", "u", "o", "us", "ys", "ri", "na", "nä", "sto", "stö", "mo", "mö", "ton", "tön",
    "ttaa", "ttää", "stella", "stellä", "illa", "illä", "ella", "ellä", "aus", "äys", "ike",
)  # fmt: skip
BASE = re.compile(r"\(([^()]*)\)")
WORD = re.compile(r"[a-zåäöšž]+(?:-[a-zåäöšž]+)*")
HARMFUL = ("insult", "obscene", "identity")


def corpus_words(corpus: Path) -> set[str]:
    """Lower-case words of the Finnish development texts and the city's posts."""
    files = [
        corpus / "xed" / "fi-annotated.tsv",
        corpus / "xed" / "neu_fi.txt",
        corpus / "suomi24-toxicity" / "dev.tsv",
        CITY_POSTS,
    ]
    words: set[str] = set()
    for path in files:
        if not path.exists():
            print(f"  no {path}; skipping it", file=sys.stderr)
            continue
        words.update(WORD.findall(path.read_text(encoding="utf-8").lower()))
    return words


def flagged(vocabulary, word: str) -> str | None:  # type: ignore[no-untyped-def]
    """The insulting compound part or the group of a group compound the engine would see in
    `word`, if any (only for words that are not listed forms themselves). Swearing stems are
    left out: what derives from "paska" or "vittu" stays swearing (paskainen, vittumainen)."""
    if vocabulary.lookup(word):
        return None
    part = vocabulary.compound_part(word, "insult")
    if part:
        return str(part)
    attack = vocabulary.group_compound(word, ("dehumanising", "insult", "obscene"))
    return attack.lemma.split("-", 1)[0] if attack else None


def innocent_lemma(voikko, word: str, part: str, harmful: set[str]) -> str | None:  # type: ignore[no-untyped-def]
    """The word's base form when Voikko knows it and no analysis builds it on a harmful word:
    none of its word bases (WORDBASES: "+kusi(kusi)+pää(pää)" for kusipää, "+paska(paska)
    +inen(+inen)" for paskainen, "+kusiainen(kusiainen)" for the ant) is a listed harmful
    lemma or compound part, and, where Voikko gives no bases, no compound boundary falls right
    after `part`. None for unknown or harmful words."""
    analyses = voikko.analyze(word)
    if not analyses:
        return None
    for analysis in analyses:
        base = str(analysis.get("BASEFORM", "")).lower()
        if base in harmful:
            return None
        bases = str(analysis.get("WORDBASES", ""))
        if bases:
            found = {b.lower() for b in BASE.findall(bases) if not b.startswith("+")}
            if found & harmful:
                return None
            continue
        structure = str(analysis.get("STRUCTURE", ""))
        position, boundaries = 0, set()
        for chunk in structure.replace("=", "|=").split("|"):
            if chunk.startswith("="):
                boundaries.add(position)
            position += len(chunk.replace("=", ""))
        if len(part) in boundaries:
            return None
    return str(analyses[0].get("BASEFORM", word)).lower()


def stem_of(generate, lemma: str) -> str:  # type: ignore[no-untyped-def]
    """The longest prefix common to the noun's or adjective's forms (at least the lemma's
    first letters)."""
    forms = {lemma}
    for number in ("sg", "pl"):
        for case in ("nom", "gen", "par", "ine", "ela", "ill", "ade", "abl", "all", "ess", "tra"):
            for pos in ("noun", "adjective"):
                forms.update(f.lower() for f in generate(lemma, pos, f"+{number}+{case}"))
    prefix = lemma
    for form in forms:
        while not form.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def count(vocabulary, voikko, words: Iterable[str], listed: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Dictionary words the engine flags although Voikko says they are not harmful."""
    found = []
    for word in sorted(words):
        part = flagged(vocabulary, word)
        if part and innocent_lemma(voikko, word, part, listed):
            found.append(word)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", default="../shared/data", help="the development data folder")
    args = parser.parse_args()

    import libvoikko  # type: ignore[import-not-found]
    from pypykko.generate import generate_wordform

    from someluotsi.guideline.text import vocabulary as vocabulary_module

    voikko = libvoikko.Voikko("fi")
    OUT.write_text("", encoding="utf-8")  # measure "before" without any stems
    vocabulary_module.vocabulary.cache_clear()
    before_vocabulary = vocabulary_module.vocabulary()
    parts = {p for ps in before_vocabulary._compounds.values() for p in ps}
    listed = {
        info.lemma
        for infos in before_vocabulary._forms.values()
        for info in infos
        if info.category in HARMFUL
    } | parts
    # A group compound is harmful when its bases hold a degrading word: muslimi + koira.
    listed |= {
        info.lemma
        for infos in before_vocabulary._forms.values()
        for info in infos
        if info.category in ("dehumanising", "insult", "obscene")
    }
    words = corpus_words(Path(args.corpus))
    probes = {part + ending for part in parts for ending in ENDINGS}
    # Voikko's spelling suggestions for each probe reach dictionary words the corpora lack.
    probes |= {
        suggestion.lower()
        for probe in sorted(probes)
        for suggestion in voikko.suggest(probe)
        if " " not in suggestion and "-" not in suggestion
    }
    candidates = {w for w in words | probes if flagged(before_vocabulary, w)}
    dictionary = {w for w in candidates if voikko.analyze(w)}
    before = count(before_vocabulary, voikko, dictionary, listed)
    lemmas: set[str] = set()
    for word in before:
        part = flagged(before_vocabulary, word)
        lemma = innocent_lemma(voikko, word, part or "", listed)
        if lemma:
            lemmas.add(lemma)
    stems = sorted({stem_of(generate_wordform, lemma) for lemma in lemmas})
    stems = [s for s in stems if len(s) >= 5]
    header = [
        "# Generated by tools/build_dictionary_stems.py (Voikko + pypykko); do not edit by hand.",
        "# Stems of dictionary words that begin like a harmful compound but are not one.",
        f"# Dictionary words flagged before: {len(before)}: {' '.join(before[:40])}",
    ]
    OUT.write_text("\n".join([*header, *stems]) + "\n", encoding="utf-8")
    vocabulary_module.vocabulary.cache_clear()
    after = count(vocabulary_module.vocabulary(), voikko, dictionary, listed)
    header.append(f"# Dictionary words flagged after: {len(after)}: {' '.join(after[:40])}")
    header.append(f"# Candidates checked: {len(candidates)}, known to Voikko: {len(dictionary)}")
    OUT.write_text("\n".join([*header, *stems]) + "\n", encoding="utf-8")
    print(f"dictionary words flagged: before {len(before)}, after {len(after)}", file=sys.stderr)
    print(f"{len(stems)} stems -> {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
