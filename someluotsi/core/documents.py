"""Documents the product prints (escalation evidence, reports): HTML templates rendered to PDF
by WeasyPrint, in one language from the first word to the page numbers.

Fonts come from the system (Debian's fonts-dejavu-core: DejaVu Sans covers Finnish, Swedish
and every character a message may carry); nothing is fetched while rendering: only `data:`
URLs (the charts' own SVG) are read, so a link in a message can never make the server call
out. Templates live in `templates/documents/` and extend `documents/base.html` (A4, page
numbers "Sivu 2/5", the document's title in the footer).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class PdfAttachment:
    """A file carried inside the PDF (the evidence JSON): a PDF reader lists it with a
    paperclip, and `data` is exactly the bytes that were hashed."""

    name: str
    data: bytes
    description: str


def _fetcher() -> Any:
    return weasyprint.URLFetcher(allowed_protocols=("data",), fail_on_errors=False)


def render_html(template: str, context: Mapping[str, Any], *, language: str) -> str:
    """The document's HTML in `language` (what the PDF is made from; tests read it too)."""
    with translation.override(language):
        return render_to_string(template, {**context, "document_language": language})


def render_pdf(
    template: str,
    context: Mapping[str, Any],
    *,
    language: str,
    attachments: Sequence[PdfAttachment] = (),
    tagged: bool = True,
    on_stage: Callable[[str], None] | None = None,
) -> bytes:
    """Render `template` with `context` in `language` (fi, sv or en) to PDF bytes.

    `tagged` adds the PDF structure tags screen readers use (slower on long documents).
    `on_stage` hears "layout" before the pages are laid out and "write" before the PDF is
    written (the two long steps of a long document), so a job can show its progress.
    Raises nothing for content: any text renders (WeasyPrint escapes nothing itself, the
    template's autoescaping does). External resources are refused, never fetched."""
    html = render_html(template, context, language=language)
    options: dict[str, Any] = {
        "attachments": [
            weasyprint.Attachment(string=item.data, name=item.name, description=item.description)
            for item in attachments
        ],
        "pdf_tags": tagged,
    }
    if on_stage:
        on_stage("layout")
    source = weasyprint.HTML(string=html, url_fetcher=_fetcher(), base_url="data:,")
    document = source.render(**options)
    if on_stage:
        on_stage("write")
    return bytes(document.write_pdf(**options))
