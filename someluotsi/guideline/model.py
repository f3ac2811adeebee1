"""The engine's vocabulary: categories, severities, roles, matches, findings and reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    PERSONAL_DATA = "personal_data"
    CONFIDENTIAL = "confidential"
    SECURITY = "security"
    THREAT = "threat"
    INSULT = "insult"
    OBSCENE = "obscene"
    IDENTITY_ATTACK = "identity_attack"
    RUMOR = "rumor"
    ROLE_CONDUCT = "role_conduct"
    DISCLAIMER = "disclaimer"
    SUSPICIOUS_LINK = "suspicious_link"
    ACCESSIBILITY = "accessibility"
    ENGAGEMENT = "engagement"


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"block": 3, "warn": 2, "info": 1}[self.value]


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    BLOCK = "block"


class AuthorRole(StrEnum):
    """Who is about to publish (§4): the role selects how hard each rule applies."""

    EMPLOYEE = "employee"
    ELECTED = "elected"
    ORGANIZATION = "organization"
    EXPERT = "expert"


class ChannelKind(StrEnum):
    CITY = "city"
    UNIT = "unit"
    OFFICE_ROLE = "office_role"
    EXPERT = "expert"
    PERSONAL = "personal"


LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True, slots=True)
class ChannelContext:
    """What the engine needs to know of the channel a post goes to."""

    kind: ChannelKind = ChannelKind.PERSONAL
    platform: str = ""
    name: str = ""
    incident: bool = False  # a reply drafted during a storm: also check its tone (§17.3)


@dataclass(frozen=True, slots=True)
class Media:
    """An attachment: images need alt text, videos captions (§1.1)."""

    kind: str  # "image", "video", "file"
    alt: str = ""
    captions: bool = False
    filename: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """What a detector found: a rule, a span of the original text and why."""

    rule: str
    start: int
    end: int
    confidence: float
    reason: str  # key of an explanation in data/explanations.toml
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    excerpt: str
    guideline: tuple[str, ...]
    message: str
    suggestion: str
    explanation: str
    confidence: float
    # Where the finding is when it is not in the text: an attachment's alt text or file name,
    # as (index of the attachment from 0, "alt" or "filename"); start and end are then 0 and
    # the excerpt is the piece of that field.
    media: tuple[int, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        found = self._fields()
        if self.media is not None:
            found["media"] = {"index": self.media[0], "field": self.media[1]}
        return found

    def _fields(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "guideline": list(self.guideline),
            "message": self.message,
            "suggestion": self.suggestion,
            "explanation": self.explanation,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class LanguagePart:
    start: int
    end: int
    language: str


@dataclass(frozen=True, slots=True)
class Report:
    guideline_version: str
    language: str
    role: AuthorRole
    verdict: Verdict
    findings: tuple[Finding, ...]
    parts: tuple[LanguagePart, ...] = ()
    id: Any = None
    # False when nothing in the text told its language (a text in another script, a name, a
    # number): `language` is then the hint or Finnish the text was read in, not its language.
    language_certain: bool = True

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule for f in self.findings))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "guideline_version": self.guideline_version,
            "language": self.language,
            "language_certain": self.language_certain,
            "languages": [
                {"start": p.start, "end": p.end, "language": p.language} for p in self.parts
            ],
            "role": self.role.value,
            "verdict": self.verdict.value,
            "findings": [f.to_dict() for f in self.findings],
        }


class EngineError(ValueError):
    """Input the engine refuses, with a message the user can act on."""


class TextTooLongError(EngineError):
    pass


class BlankTextError(EngineError):
    """The text shows nothing to a reader: empty, or only spaces, line breaks, zero-width and
    other invisible characters (`text.blank.is_blank`). `check()` refuses it, as the command
    line (exit 3, empty_text) and the web forms do, rather than report "ok" for a draft that
    says nothing; `triage()` sorts such a message as "other" without checking it."""
