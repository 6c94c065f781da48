"""Tables of the Word file: the indicator tables and the 自评表 appendix, written as XML.

Full borders (the Table Grid style), the header row repeated on each page, numbers right-aligned,
column widths from the content, and each cell holding only 〃 (同上) merged into the cell above it
as a ``w:vMerge`` run. Each cell is written once, in one pass: the cost is linear in the table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from markdown_it.token import Token

from perfgen.writers.docx.comments import commented
from perfgen.writers.docx.inline import runs
from perfgen.writers.docx.styles import TEXT_WIDTH_TWIPS

DITTO = "〃"
"""A table cell holding only 〃 (同上) continues the cell above it (see the 自评表 template)."""

_TABLE_PROPERTIES = (
    '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
"""Borders drawn directly when a reference document has no Table Grid style."""

Row = list[tuple[Token, str]]
"""A table row: each cell's inline token and its ``style`` attribute (text-align)."""


def table_rows(tokens: list[Token]) -> list[Row]:
    """The rows of a table's tokens (``table_open`` … before ``table_close``)."""
    rows: list[Row] = []
    for k, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append((tokens[k + 1], str(token.attrGet("style") or "")))
    return rows


def table(tokens: list[Token], style_ids: Mapping[str, str | None]) -> str:
    """The ``w:tbl`` of a Markdown table; a draft's notes placed on a row
    (:func:`perfgen.writers.notes.place`) are comments on its first cell."""
    rows = table_rows(tokens)
    row_notes = [list(t.meta.get("notes", ())) for t in tokens if t.type == "tr_open"]
    if not rows:
        return ""
    widths = column_widths(rows)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    table_style = style_ids.get("Table Grid")
    style = f'<w:tblStyle w:val="{table_style}"/>' if table_style else ""
    borders = "" if table_style else f"<w:tblBorders>{_BORDERS}</w:tblBorders>"
    text_style = style_ids.get("Table Text")
    paragraph_style = f'<w:pStyle w:val="{text_style}"/>' if text_style else ""
    merges = _merges(rows)
    out = [
        f"<w:tbl><w:tblPr>{style}{_TABLE_PROPERTIES}{borders}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr>")
        notes = row_notes[r]  # on the row's first cell with content
        for c, (inline, css) in enumerate(row):
            merge = merges.get((r, c), "")
            jc = ""
            if "right" in css:
                jc = '<w:jc w:val="right"/>'
            elif "left" in css or ("center" not in css and c == 0):
                jc = '<w:jc w:val="left"/>'
            content = "" if merge == "<w:vMerge/>" else runs(inline, bold=r == 0)
            if notes and merge != "<w:vMerge/>":
                content, notes = commented(content, notes), []
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[c]}"/>{merge}</w:tcPr>'
                f"<w:p><w:pPr>{paragraph_style}{jc}</w:pPr>{content}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _merges(rows: list[Row]) -> dict[tuple[int, int], str]:
    """(row, column) → its ``w:vMerge``: each 〃 continues the nearest cell above that is not
    〃 (the header at the latest), which starts the merge."""
    merges: dict[tuple[int, int], str] = {}
    for c in range(len(rows[0])):
        top = 0
        for r in range(1, len(rows)):
            if c >= len(rows[r]) or rows[r][c][0].content != DITTO:
                top = r
                continue
            merges[(top, c)] = '<w:vMerge w:val="restart"/>'
            merges[(r, c)] = "<w:vMerge/>"
    return merges


TABLE_CHAR_TWIPS = 240
"""Width of one 小四 (12 pt) character in twips."""

CELL_PADDING_CHARS = 1.5
"""Room for the cell margins (2 × 0.19 cm) and a little air, in characters."""

ASCII_CELL_WIDTH = 0.6
"""Width of an ASCII digit or letter in a table cell, in characters: proportional Latin
glyphs run wider than half a character in the fonts renderers substitute."""


def _cell_width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else ASCII_CELL_WIDTH for c in text)


def column_widths(rows: list[Row]) -> list[int]:
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
