"""The engine: one text in, one report out, every finding citing the rulebook.

`check()` is the public entry point; `GuidelineEngine` holds a validated rulebook with its
detectors, so a municipality's own rulebook gets its own engine.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from someluotsi.guideline.checker.detectors.base import CheckContext, Detector
from someluotsi.guideline.checker.prefilter import Prefilter
from someluotsi.guideline.checker.registry import DETECTORS, REDUNDANT_WITH, SUBSUMED_BY
from someluotsi.guideline.checker.rulebook import Rulebook, RulebookError, rulebook_load
from someluotsi.guideline.model import (
    LANGUAGES,
    AuthorRole,
    BlankTextError,
    Category,
    ChannelContext,
    ChannelKind,
    Finding,
    Match,
    Media,
    Report,
    Severity,
    TextTooLongError,
    Verdict,
)
from someluotsi.guideline.text import language as language_id
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.blank import is_blank

MAX_CHARS = 100_000
MAX_PER_RULE = 50  # more findings of one rule help nobody and only cost time
MAX_PER_DETECTOR = 200
EXCERPT_CHARS = 200
EXPLANATIONS = Path(__file__).parents[1] / "data" / "explanations.toml"
MAX_MEDIA = 20  # attachments whose alt text and file name are read
MAX_MEDIA_CHARS = 2_000  # of each alt text and file name
# Where a finding in an attachment is, at the start of its message.
MEDIA_PLACES = {
    "alt": {
        "fi": "Liitteen {number} vaihtoehtoisessa tekstissä (alt)",
        "sv": "I alt-texten till bilaga {number}",
        "en": "In the alt text of attachment {number}",
    },
    "filename": {
        "fi": "Liitteen {number} tiedostonimessä",
        "sv": "I filnamnet till bilaga {number}",
        "en": "In the file name of attachment {number}",
    },
}
_FILE_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_FILE_SEPARATOR = re.compile(r"[_+]|-(?!\d)|(?<!\d)-")


def _file_words(filename: str) -> str:
    """A file name as words: its folder and extension left out, "_" and "+" and a "-" that
    is not between digits (a hyphen of "131052-308T" stays) read as spaces
    ("potilas_matti-virtanen_131052-308T.jpg" -> "potilas matti virtanen 131052-308T")."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return _FILE_SEPARATOR.sub(" ", _FILE_EXTENSION.sub("", name))


class _SafeParams(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def _explanations() -> Mapping[str, Any]:
    return tomllib.loads(EXPLANATIONS.read_text(encoding="utf-8"))


def _ui_language(value: str | None) -> str:
    return value if value in LANGUAGES else "fi"


class GuidelineEngine:
    def __init__(self, rulebook: Rulebook, detectors: Sequence[Detector] = DETECTORS) -> None:
        missing = sorted({r for d in detectors for r in d.rules} - set(rulebook.rules))
        if missing:
            raise RulebookError(
                f"{rulebook.source}: the rulebook lacks rules the detectors report: "
                + ", ".join(missing)
            )
        explanations = _explanations()
        language_id.preload()  # the first check should not pay for loading the model
        self.rulebook = rulebook
        self.detectors = tuple(detectors)
        self.prefilter = Prefilter(self.detectors)
        # The detectors an attachment's alt text and file name are read with: those of
        # personal data alone (an alt text is no post: tone, links and length are not asked).
        self._media_prefilter = Prefilter(
            [
                d
                for d in self.detectors
                if all(
                    rulebook.rules[r].category is Category.PERSONAL_DATA
                    for r in d.rules
                    if r in rulebook.rules
                )
            ]
        )
        self._explanations = explanations

    def check(
        self,
        text: str | AnalysedText,
        *,
        role: AuthorRole | str = AuthorRole.EMPLOYEE,
        channel: ChannelContext | None = None,
        media: Iterable[Media] = (),
        language: str | None = None,
        ui_language: str | None = "fi",
        report_id: Any = None,
    ) -> Report:
        """Check one draft. Raises TextTooLongError above MAX_CHARS and BlankTextError for a
        text that shows nothing (`text.blank.is_blank`: empty, white space, zero-width
        characters only); both are EngineError (a ValueError). Never raises on odd content.

        `text` may be an `AnalysedText` already built for the same text (triage shares one with
        the tone reading); it carries its own language, and `language` is then ignored.
        """
        if not isinstance(text, str | AnalysedText):
            raise TypeError("text must be a string")
        original = text.original if isinstance(text, AnalysedText) else text
        if len(original) > MAX_CHARS:
            raise TextTooLongError(
                f"The text has {len(original):,} characters; the limit is {MAX_CHARS:,}."
            )
        if is_blank(original):  # stops at the first visible character
            raise BlankTextError("The text shows nothing: write or paste the draft first.")
        author = AuthorRole(role)
        analysed = AnalysedText.of(text, language=language)
        ctx = CheckContext(
            text=analysed,
            role=author,
            channel=channel or ChannelContext(),
            media=tuple(media),
            city=self.rulebook.city,
        )
        # Detectors are lazy: islice bounds their work on pathological texts, not just output.
        detectors = self.prefilter.select(analysed.text)
        matches = _resolve([m for d in detectors for m in islice(d.detect(ctx), MAX_PER_DETECTOR)])
        ui = _ui_language(ui_language)
        findings = tuple(self._finding(m, author, original, ui) for m in matches)
        if ctx.media:
            findings += self._media_findings(ctx, ui)
        report = Report(
            guideline_version=f"{self.rulebook.id}/{self.rulebook.version}",
            language=analysed.main_language,
            role=author,
            verdict=_verdict(findings),
            findings=findings,
            # Identified with the language, or for a detector; with language= given, parts
            # are only identified when a detector needs them (engagement on city channels).
            parts=analysed.known_parts,
            id=report_id,
            language_certain=analysed.language_certain,
        )
        if analysed is not text:  # made here for this check alone: free it at once
            analysed.release()
        return report

    def _media_findings(self, ctx: CheckContext, ui: str) -> tuple[Finding, ...]:
        """Personal data in the attachments' alt texts and file names (§2.5, §6.4): each is
        checked by the personal-data detectors as a text of its own (a file name with its
        extension left out and "_" and "-" between words read as spaces), and each finding
        says where it is (`Finding.media`, and its message starts with it)."""
        found: list[Finding] = []
        for index, item in enumerate(ctx.media[:MAX_MEDIA]):
            for field, value in (("alt", item.alt), ("filename", _file_words(item.filename))):
                value = value[:MAX_MEDIA_CHARS]
                if not value.strip():
                    continue
                analysed = AnalysedText.of(value, language=ctx.text.main_language)
                sub = replace(ctx, text=analysed, media=())
                detectors = self._media_prefilter.select(analysed.text)
                matches = _resolve(
                    [m for d in detectors for m in islice(d.detect(sub), MAX_PER_DETECTOR)]
                )
                where = MEDIA_PLACES[field][ui].format(number=index + 1)
                for match in matches:
                    finding = self._finding(match, ctx.role, value, ui)
                    found.append(
                        replace(
                            finding,
                            start=0,
                            end=0,
                            message=f"{where}: {finding.message}",
                            media=(index, field),
                        )
                    )
                analysed.release()
        return tuple(found)

    def analyse_many(
        self, texts: Sequence[str], languages: Sequence[str | None]
    ) -> list[str | AnalysedText]:
        """Each text analysed for `check`, with its caller's language (same length as
        `texts`; None: identify it), the languages of all of them identified in one batch
        (`AnalysedText.identify_languages`), and what a detector can do for many texts at
        once done for all of them (its `prepare(texts)`, where it has one: the classifier
        scores them together). `check(result[i])` then gives what
        `check(texts[i], language=languages[i])` gives. A text over MAX_CHARS is returned
        as it is, so that its `check` raises TextTooLongError as always."""
        analysed: list[str | AnalysedText] = [
            AnalysedText(text, language=language) if len(text) <= MAX_CHARS else text
            for text, language in zip(texts, languages, strict=True)
        ]
        ready = [t for t in analysed if isinstance(t, AnalysedText)]
        AnalysedText.identify_languages(ready)
        for detector in self.detectors:
            prepare = getattr(detector, "prepare", None)
            if prepare is not None:
                prepare(ready)
        return analysed

    def _finding(self, match: Match, role: AuthorRole, text: str, ui: str) -> Finding:
        rule = self.rulebook.rule(match.rule)
        params = _SafeParams(match.params)
        topic = params.get("topic")
        if topic:
            params["topic"] = self._explanations.get("topics", {}).get(topic, {}).get(ui, topic)
        explanation = self._explanations.get(match.reason, {}).get(ui, "")
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=rule.severity_for(role),
            start=match.start,
            end=match.end,
            excerpt=text[match.start : match.end][:EXCERPT_CHARS],
            guideline=rule.guideline,
            message=rule.message[ui].format_map(params),
            suggestion=rule.suggestion[ui].format_map(params),
            explanation=explanation.format_map(params),
            confidence=match.confidence,
        )


def _resolve(matches: list[Match]) -> list[Match]:
    """Drop duplicates, matches subsumed by a more specific overlapping one, and model findings
    a rule already explains; keep at most MAX_PER_RULE per rule, the last of them grown over
    the rule's further matches (a redacted copy removes them too); merge overlapping matches
    of one rule; sort by position."""
    best: dict[tuple[str, int, int], Match] = {}
    per_rule: dict[str, int] = {}
    last: dict[str, tuple[str, int, int]] = {}  # each rule's last kept key
    for match in matches:
        key = (match.rule, match.start, match.end)
        if key in best:
            if best[key].confidence < match.confidence:
                best[key] = match
        elif per_rule.get(match.rule, 0) < MAX_PER_RULE:
            per_rule[match.rule] = per_rule.get(match.rule, 0) + 1
            last[match.rule] = key
            best[key] = match
        else:
            # Past MAX_PER_RULE the rule's last finding grows to cover the rest, so that
            # nothing found is left out of the redacted copy (60 identity codes: 50 findings,
            # the last spanning the 50th to the 60th).
            widest = best.pop(last[match.rule])
            grown = replace(
                widest, start=min(widest.start, match.start), end=max(widest.end, match.end)
            )
            last[match.rule] = (grown.rule, grown.start, grown.end)
            best[last[match.rule]] = grown
    spans: dict[str, list[tuple[int, int]]] = {}
    for match in best.values():
        spans.setdefault(match.rule, []).append((match.start, match.end))
    kept = []
    for match in best.values():
        if REDUNDANT_WITH.get(match.rule, frozenset()) & spans.keys():
            continue
        winners = SUBSUMED_BY.get(match.rule, frozenset())
        if any(
            start < match.end and match.start < end
            for rule in winners
            for start, end in spans.get(rule, ())
        ):
            continue
        kept.append(match)
    return sorted(_merge_overlaps(kept), key=lambda m: (m.start, m.end, m.rule))


def _merge_overlaps(matches: list[Match]) -> list[Match]:
    """One match per stretch of text a rule covers: overlapping matches of the same rule ("Olet
    kuollut" inside "Olet kuollut mies") become one spanning them all, which says what the
    longest of them says, with the highest confidence."""
    by_rule: dict[str, list[Match]] = {}
    for match in matches:
        by_rule.setdefault(match.rule, []).append(match)
    merged: list[Match] = []
    for group in by_rule.values():
        group.sort(key=lambda m: (m.start, -m.end))
        run = [group[0]]
        for match in group[1:]:
            if match.start < max(m.end for m in run):
                run.append(match)
            else:
                merged.append(_merged(run))
                run = [match]
        merged.append(_merged(run))
    return merged


def _merged(run: list[Match]) -> Match:
    if len(run) == 1:
        return run[0]
    longest = max(run, key=lambda m: (m.end - m.start, m.confidence))
    return replace(
        longest,
        start=min(m.start for m in run),
        end=max(m.end for m in run),
        confidence=max(m.confidence for m in run),
    )


def _verdict(findings: Iterable[Finding]) -> Verdict:
    severities = {finding.severity for finding in findings}
    if Severity.BLOCK in severities:
        return Verdict.BLOCK
    if Severity.WARN in severities:
        return Verdict.WARN
    return Verdict.OK


@cache
def engine_for(rulebook_path: str | None = None) -> GuidelineEngine:
    """The engine for a rulebook file (cached; the bundled Kokkola rulebook by default)."""
    return GuidelineEngine(rulebook_load(rulebook_path))


def check(
    text: str | AnalysedText,
    *,
    role: AuthorRole | str = AuthorRole.EMPLOYEE,
    channel: ChannelContext | None = None,
    media: Iterable[Media] = (),
    language: str | None = None,
    ui_language: str | None = "fi",
    rulebook_path: str | None = None,
) -> Report:
    """Check a draft against the guideline with the default (or a given) rulebook."""
    return engine_for(rulebook_path).check(
        text, role=role, channel=channel, media=media, language=language, ui_language=ui_language
    )


__all__ = ["MAX_CHARS", "ChannelContext", "ChannelKind", "GuidelineEngine", "check", "engine_for"]
