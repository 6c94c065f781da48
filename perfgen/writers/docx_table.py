"""Tables of the Word file: the indicator tables and the 自评表 appendix.

Full borders, the header row repeated on each page, numbers right-aligned, column widths from
the content, and each cell holding only 〃 (同上) merged into the cell above it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Twips
from markdown_it.token import Token

from perfgen.writers.docx_inline import add_inline
from perfgen.writers.docx_styles import TEXT_WIDTH_TWIPS


def add_table(document: Any, tokens: list[Token]) -> None:
    """Add the table of ``tokens`` (``table_open`` … before ``table_close``) to ``document``:
    full borders, a repeated header row, right-aligned number columns, widths from content,
    and each 〃 cell merged into the cell above."""
    rows: list[list[tuple[Token, str]]] = []
    for k, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append((tokens[k + 1], str(token.attrGet("style") or "")))
    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for c, twips in enumerate(_column_widths(rows)):
        table.columns[c].width = Twips(twips)
        for cell in table.columns[c].cells:
            cell.width = Twips(twips)
    for r, row in enumerate(rows):
        for c, (inline, css) in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            paragraph.style = document.styles["Table Text"]
            if "right" in css:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif "left" in css or ("center" not in css and c == 0):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            add_inline(paragraph, inline)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
    _merge_ditto(table)


DITTO = "〃"
"""A table cell holding only 〃 (同上) continues the cell above it (see the 自评表 template)."""


def _merge_ditto(table: Any) -> None:
    """Merge every 〃 cell into the cell above it, keeping the text of the top cell only."""
    for c in range(len(table.columns)):
        top = 0
        for r in range(1, len(table.rows)):
            cell = table.cell(r, c)
            if cell.text != DITTO:
                top = r
                continue
            for paragraph in cell.paragraphs:
                paragraph.clear()
            merged = table.cell(top, c).merge(cell)
            for paragraph in merged.paragraphs[1:]:
                if not paragraph.text:
                    paragraph._p.getparent().remove(paragraph._p)


TABLE_CHAR_TWIPS = 240
"""Width of one 小四 (12 pt) character in twips."""

CELL_PADDING_CHARS = 1.5
"""Room for the cell margins (2 × 0.19 cm) and a little air, in characters."""

ASCII_CELL_WIDTH = 0.6
"""Width of an ASCII digit or letter in a table cell, in characters: proportional Latin
glyphs run wider than half a character in the fonts renderers substitute."""


def _cell_width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else ASCII_CELL_WIDTH for c in text)


def _column_widths(rows: list[list[tuple[Token, str]]]) -> list[int]:
    """Column widths in twips that fill the text block.

    Columns whose body cells are all ASCII (numbers, ≥, %) get exactly what their widest cell
    needs (at least two characters, so headers wrap in pairs); the remaining width is shared by
    the text columns in proportion to their widest cell, capped at ten characters.
    """
    body = rows[1:] or rows
    columns = range(len(rows[0]))
    widest = [
        max((_cell_width(r[c][0].content) for r in body if c < len(r)), default=0) for c in columns
    ]
    numeric = [all(r[c][0].content.isascii() for r in body if c < len(r)) for c in columns]
    capacity = TEXT_WIDTH_TWIPS / TABLE_CHAR_TWIPS
    need = [max(w + CELL_PADDING_CHARS, 2.0) for w in widest]
    fixed = sum(n for n, is_number in zip(need, numeric, strict=True) if is_number)
    flexible = [
        min(n, 10.0) if not is_number else 0.0 for n, is_number in zip(need, numeric, strict=True)
    ]
    if not sum(flexible) or fixed >= capacity:
        chars = [n * capacity / sum(need) for n in need]
    else:
        scale = (capacity - fixed) / sum(flexible)
        chars = [
            n if is_number else f * scale
            for n, f, is_number in zip(need, flexible, numeric, strict=True)
        ]
    return [int(c * TABLE_CHAR_TWIPS) for c in chars]
