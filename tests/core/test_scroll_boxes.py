"""Every table that scrolls inside its own box on a phone can be reached by keyboard.

A box that scrolls sideways (`table-box`, `table-wrap` in the shared CSS) must be focusable
and named, or keyboard users cannot scroll it (WCAG 2.1.1; axe-core's
scrollable-region-focusable). axe only sees the boxes that overflow on the pages the browser
tests open with demo data; this reads every template, so a box that overflows only with real
data is caught too.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "someluotsi" / "templates"
BOX = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-(?:box|wrap)\b[^\"]*\"[^>]*>")


def _faults(html: str) -> list[str]:
    faults = []
    for match in BOX.finditer(html):
        tag = match.group(0)
        named = "aria-label=" in tag or "aria-labelledby=" in tag
        if 'tabindex="0"' not in tag or 'role="region"' not in tag or not named:
            faults.append(tag)
    return faults


def test_every_scroll_box_is_focusable_and_named() -> None:
    faults = [
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for tag in _faults(path.read_text(encoding="utf-8"))
    ]
    assert faults == []


def test_the_check_finds_an_unreachable_box() -> None:
    assert _faults('<div class="table-wrap"><table>') == ['<div class="table-wrap">']
    assert _faults('<div class="x table-box" tabindex="0" role="region">') != []
    assert _faults('<div class="table-box" role="region" aria-label="A" tabindex="0">') == []
