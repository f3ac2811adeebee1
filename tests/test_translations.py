"""Every user-facing string has a Finnish, Swedish and English translation."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_is_complete(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_survive_translation(language: str) -> None:
    import re

    placeholder = re.compile(r"%\([a-z_]+\)s")
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in po.translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = sorted(placeholder.findall(text))
            # A singular form may omit the count ("yksi tapahtuma"), never add an unknown one.
            assert set(found) <= set(expected + placeholder.findall(entry.msgid_plural or "")), (
                entry.msgid
            )
            if not entry.msgid_plural:
                assert found == expected, entry.msgid


def test_translation_functions_are_imported_under_names_makemessages_knows() -> None:
    """xgettext only extracts `_()`, `gettext_lazy()` and the other real names: a string
    marked with an alias such as `_lazy()` never reaches the catalogues."""
    import re

    root = Path(__file__).resolve().parents[1] / "someluotsi"
    alias = re.compile(r"from django\.utils\.translation import [^\n]*\bas (?!_\b)(\w+)")
    found = [
        f"{path.relative_to(root)}: {match.group(1)}"
        for path in root.rglob("*.py")
        for match in alias.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
