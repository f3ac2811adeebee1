"""The PDF page set-up shared by the documents the product prints (evidence, reports): A4,
the configured Unicode font (DejaVu) or a Latin-1 core font when it is missing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from fpdf import FPDF
from fpdf.fonts import FontFace


class DocumentPdf(FPDF):
    def __init__(self, orientation: str = "portrait") -> None:
        super().__init__(orientation=orientation, format="A4")
        font = Path(settings.PDF_FONT)
        if font.is_file():
            self.add_font("Body", "", str(font))
            self.family = "Body"
        else:  # a core font: Latin-1 only, other characters become "?"
            self.family = "Helvetica"
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(18, 18, 18)

    def clean(self, text: str) -> str:
        if self.family == "Helvetica":
            return text.encode("latin-1", "replace").decode("latin-1")
        return text

    def heading(self, text: str) -> None:
        self.set_font(self.family, size=14)
        self.multi_cell(0, 8, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def field(self, label: str, value: Any) -> None:
        self.set_font(self.family, size=9)
        self.set_text_color(80, 80, 80)
        self.multi_cell(0, 5, self.clean(label), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(self.family, size=11)
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.multi_cell(0, 6, self.clean(shown or "–"), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def grid(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float = 7.5,
    ) -> None:
        """A table over the page width, its heading row repeated on every page; the first
        column left-aligned (names), the rest right-aligned (figures)."""
        self.set_font(self.family, size=size)
        heading = FontFace(emphasis=None, fill_color=(228, 233, 240))
        with self.table(
            col_widths=tuple(widths),
            headings_style=heading,
            repeat_headings=1,
            line_height=self.font_size * 1.5,
            text_align=("LEFT", *["RIGHT"] * (len(headers) - 1)),
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            for cells in (headers, *rows):
                row = table.row()
                for cell in cells:
                    row.cell(self.clean(cell))
