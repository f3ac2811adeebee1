"""Loading and validating a municipality's rulebook (a TOML file).

A broken file is refused with a message that names the file, the rule and the problem, so the
communications team can fix it without reading code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from someluotsi.guideline.model import LANGUAGES, AuthorRole, Category, Severity

DEFAULT_RULEBOOK = Path(__file__).parents[1] / "data" / "rulebooks" / "kokkola-2021.toml"
RULE_ID = re.compile(r"^[a-z][a-z0-9]*-\d{3}$")
SECTION = re.compile(r"^§\d{1,2}(\.\d{1,2})?$")


class RulebookError(ValueError):
    """The rulebook file is missing, unreadable or inconsistent."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: Category
    guideline: tuple[str, ...]
    severity: Mapping[AuthorRole, Severity]
    message: Mapping[str, str]
    suggestion: Mapping[str, str]

    def severity_for(self, role: AuthorRole) -> Severity:
        return self.severity[role]


@dataclass(frozen=True, slots=True)
class CityProfile:
    """The municipality's own facts that checks rely on (data, never code)."""

    domains: tuple[str, ...]
    trusted_domains: tuple[str, ...]
    contact_phones: tuple[str, ...]
    contact_emails: tuple[str, ...]
    contact_ibans: tuple[str, ...]
    feedback_url: str
    hashtags: tuple[str, ...]
    # Street addresses the city publishes ("Kauppatori 5, 67100 Kokkola"): a street, a house
    # number and optionally a postal code and town, as written on its contact pages.
    contact_addresses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rulebook:
    id: str
    version: str
    municipality: str
    title: str
    city: CityProfile
    rules: Mapping[str, Rule]
    source: str

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]


def _fail(source: str, where: str, problem: str) -> RulebookError:
    return RulebookError(f"{source}: {where}: {problem}")


def _texts(source: str, where: str, value: Any, field: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _fail(source, where, f"'{field}' must have fi, sv and en texts")
    texts = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise _fail(source, where, f"'{field}.{language}' is missing or empty")
        texts[language] = text.strip()
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise _fail(source, where, f"'{field}' has unknown languages: {', '.join(sorted(unknown))}")
    return texts


def _severity(source: str, where: str, value: Any) -> dict[AuthorRole, Severity]:
    if not isinstance(value, dict) or not value:
        raise _fail(source, where, "'severity' must be a table such as { default = \"warn\" }")
    allowed = {severity.value for severity in Severity}
    roles = {role.value for role in AuthorRole}
    for key, level in value.items():
        if key != "default" and key not in roles:
            raise _fail(
                source,
                where,
                f"severity for unknown role '{key}' (roles: {', '.join(sorted(roles))})",
            )
        if level not in allowed:
            raise _fail(
                source, where, f"severity.{key} must be one of block, warn, info, got '{level}'"
            )
    result = {}
    for role in AuthorRole:
        level = value.get(role.value, value.get("default"))
        if level is None:
            raise _fail(source, where, f"no severity for role '{role.value}' and no default")
        result[role] = Severity(level)
    return result


def _strings(source: str, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(source, where, "must be a list of strings")
    return tuple(value)


def _rule(source: str, index: int, raw: Any) -> Rule:
    where = f"rule #{index + 1}"
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise _fail(source, where, f"id must look like 'privacy-001', got {rule_id!r}")
    where = f"rule '{rule_id}'"
    try:
        category = Category(str(raw.get("category")))
    except ValueError:
        options = ", ".join(c.value for c in Category)
        raise _fail(
            source, where, f"unknown category {raw.get('category')!r} ({options})"
        ) from None
    sections = _strings(source, f"{where}: guideline", raw.get("guideline"))
    if not sections:
        raise _fail(source, where, "cites no guideline section")
    for section in sections:
        if not SECTION.match(section):
            raise _fail(source, where, f"guideline section must look like '§10.6', got {section!r}")
    unknown = set(raw) - {"id", "category", "guideline", "severity", "message", "suggestion"}
    if unknown:
        raise _fail(source, where, f"unknown fields: {', '.join(sorted(unknown))}")
    return Rule(
        id=rule_id,
        category=category,
        guideline=sections,
        severity=_severity(source, where, raw.get("severity")),
        message=_texts(source, where, raw.get("message"), "message"),
        suggestion=_texts(source, where, raw.get("suggestion"), "suggestion"),
    )


def _city(source: str, raw: Any) -> CityProfile:
    if not isinstance(raw, dict):
        raise _fail(source, "[city]", "section is missing")

    def strings(key: str) -> tuple[str, ...]:
        return _strings(source, f"[city] {key}", raw.get(key, []))

    hashtags = strings("hashtags")
    for tag in hashtags:
        if not tag.startswith("#"):
            raise _fail(source, "[city] hashtags", f"{tag!r} must start with #")
    return CityProfile(
        domains=tuple(d.lower() for d in strings("domains")),
        trusted_domains=tuple(d.lower() for d in strings("trusted_domains")),
        contact_phones=strings("contact_phones"),
        contact_emails=tuple(e.lower() for e in strings("contact_emails")),
        contact_ibans=strings("contact_ibans"),
        feedback_url=str(raw.get("feedback_url", "")),
        hashtags=hashtags,
        contact_addresses=strings("contact_addresses"),
    )


def rulebook_parse(text: str, *, source: str = "<rulebook>") -> Rulebook:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError(f"{source}: not valid TOML: {exc}") from None
    meta = raw.get("rulebook")
    if not isinstance(meta, dict):
        raise _fail(source, "[rulebook]", "section is missing")
    for key in ("id", "version", "municipality", "title"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise _fail(source, "[rulebook]", f"'{key}' is missing")
    raw_rules = raw.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise _fail(source, "[[rules]]", "no rules")
    rules: dict[str, Rule] = {}
    for index, entry in enumerate(raw_rules):
        rule = _rule(source, index, entry)
        if rule.id in rules:
            raise _fail(source, f"rule '{rule.id}'", "the id is used twice")
        rules[rule.id] = rule
    return Rulebook(
        id=meta["id"],
        version=meta["version"],
        municipality=meta["municipality"],
        title=meta["title"],
        city=_city(source, raw.get("city")),
        rules=rules,
        source=source,
    )


@cache
def rulebook_load(path: str | Path | None = None) -> Rulebook:
    """Load and validate a rulebook file (the bundled Kokkola 2021 one by default)."""
    file = Path(path) if path else DEFAULT_RULEBOOK
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulebookError(f"{file}: cannot read the rulebook ({exc.strerror})") from None
    return rulebook_parse(text, source=file.name)
