"""Finds words a reader should never see: raw codes, Python objects, English left in a Finnish or
Swedish page, the same word twice ("Besvarad (Besvarad)").

`html_problems(html, language)` reads a page's visible text node by node. Text inside `<code>`
is a deliberate technical detail and may hold codes; text in another language (an element with
its own `lang`, a citizen's English message) is not judged for the page's language; `<script>`,
`<style>` and `<textarea>` (an editable draft) are skipped. `text_problems(text, language)` does
the same for a notification or an e-mail.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

from someluotsi.audit.registry import all_actions
from someluotsi.compliance.engine import configured_engine

LOCALE = Path(__file__).resolve().parents[1] / "locale"
SKIPPED = {"script", "style", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
DOTTED = re.compile(r"(?<![\w./@-])[a-z][a-z_]*(?:\.[a-z_]+)+(?![\w/@-])")
RULE_ID = re.compile(r"\b[a-z]+-\d{3}\b")
DOUBLED = re.compile(r"\b(\w{3,})\s*\(\s*\1\s*\)", re.IGNORECASE)
REPRS = (
    re.compile(r"\{'[\w-]+': "),  # a dict
    re.compile(r"\['[^']*'[,\]]"),  # a list of strings
    re.compile(r"<[A-Z]\w+: "),  # a model instance <Channel: ...>
    re.compile(r"object at 0x[0-9a-f]+"),
    re.compile(r"\b(?:QuerySet|datetime\.datetime|datetime\.date|Decimal|UUID)\("),
    re.compile(r"__\w+__"),
)
# Python's constants, wrong in a Finnish or Swedish sentence.
CONSTANTS = re.compile(r"(?<![\w-])(?:None|True|False)(?![\w-])")


@cache
def known_codes() -> frozenset[str]:
    """Every audit action code: the dotted codes a reader must never see outside `<code>`."""
    return frozenset(action.code for action in all_actions())


@cache
def rule_ids() -> frozenset[str]:
    return frozenset(configured_engine().rulebook.rules)


# Language names written in their own language on purpose (a language switcher, a choice of
# report language): "English" is right in a Finnish page there.
NATIVE_NAMES = frozenset({"suomi", "svenska", "English"})


@cache
def english_texts(language: str) -> frozenset[str]:
    """Catalogue texts that appear in English when shown in `language`: every msgid whose
    translation differs from it or is missing (a page showing it has skipped gettext). Texts
    under four letters are left out: "to" is also Finnish for Thursday."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in catalogue:
        if entry.obsolete or not entry.msgid or "%" in entry.msgid or "{" in entry.msgid:
            continue
        translated = entry.msgstr if not entry.msgid_plural else entry.msgstr_plural.get(0, "")
        if "fuzzy" in entry.flags or translated != entry.msgid:
            text = " ".join(entry.msgid.split())
            if len(text) >= 4 and re.search(r"[A-Za-z]{2}", text):
                found.add(text)
    return frozenset(found - NATIVE_NAMES)


def text_problems(text: str, language: str, *, in_code: bool = False) -> list[str]:
    """What is wrong in one piece of text shown to a reader of `language` (fi, sv or en)."""
    problems = []
    if not in_code:
        problems += [f"code {m!r}" for m in DOTTED.findall(text) if m in known_codes()]
        problems += [f"rule id {m!r}" for m in RULE_ID.findall(text) if m in rule_ids()]
    problems += [f"Python object {m.group(0)!r}" for r in REPRS for m in r.finditer(text)]
    if language != "en":
        problems += [f"Python constant {m!r}" for m in CONSTANTS.findall(text)]
    problems += [f"doubled {m.group(0)!r}" for m in DOUBLED.finditer(text)]
    return problems


class _Visible(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang it sets)
        self.nodes: list[tuple[str, bool, str]] = []  # (text, inside <code>, language)
        self.language = language

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang.split("-")[0].lower() if lang else None))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        tags = {tag for tag, _lang in self.stack}
        if tags & SKIPPED or not data.strip():
            return
        language = self.language
        for _tag, lang in self.stack:
            if lang:
                language = lang
        self.nodes.append((" ".join(data.split()), "code" in tags, language))


def html_problems(html: str, language: str) -> list[str]:
    """What is wrong in a page's visible text for a reader of `language`."""
    parser = _Visible(language)
    parser.feed(html)
    problems = []
    english = english_texts(language) if language != "en" else frozenset()
    for text, in_code, node_language in parser.nodes:
        found = text_problems(text, language, in_code=in_code)
        if node_language == language and not in_code and text in english:
            found.append(f"untranslated {text!r}")
        problems += [f"{problem} in “{text[:80]}”" for problem in found]
    return problems
