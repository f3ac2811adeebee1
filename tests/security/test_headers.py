"""Every page carries a Content-Security-Policy without 'unsafe-inline' and no-store caching, and
no template holds inline script or style that such a policy would block."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.enums import Role

TEMPLATES = Path(__file__).resolve().parents[2] / "someluotsi" / "templates"
# <script> without src=, <style>, style="...", and event-handler attributes (onclick=...).
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE
)


# Templates rendered into PDF files by WeasyPrint, never served to a browser: their styles
# are the document's own and no Content-Security-Policy applies to them.
PDF_ONLY = ("documents/",)


def test_no_template_has_inline_script_or_style() -> None:
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if not str(path.relative_to(TEMPLATES)).startswith(PDF_ONLY)
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_inline_pattern_finds_what_it_must() -> None:
    for html in ('<script>x()</script>', '<p style="color:red">', "<style>p{}</style>",
                 '<a onclick="x()">'):  # fmt: skip
        assert INLINE.search(html), html
    assert not INLINE.search('<script src="/static/js/check.js" defer></script>')


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["core:home", "inbox:queue", "channels:list", "compliance:check", "api:docs"]
)
def test_pages_carry_csp_and_no_store(client_for: Callable[..., Client], name: str) -> None:
    response = client_for(Role.MAVI).get(reverse(name))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert not INLINE.search(body), INLINE.search(body)


@pytest.mark.django_db
def test_api_docs_script_is_a_separate_file(client_for: Callable[..., Client]) -> None:
    response = client_for(Role.MAVI).get(reverse("api:docs"), {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
