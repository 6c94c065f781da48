"""Tables of the Word file: the indicator tables and the 自评表 appendix, written as XML.

Full borders (the Table Grid style), the header row repeated on each page, no row split across
pages, a short table kept on one page, numbers right-aligned, column widths from the content
(no column narrower than two characters, no number broken), and each cell holding only 〃 (同上)
merged into the cell above it as a ``w:vMerge`` run. Each cell is written once, in one pass: the
cost is linear in the table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from markdown_it.token import Token

from perfgen.writers.docx.comments import commented
from perfgen.writers.docx.inline import plain_runs, runs_of
from perfgen.writers.docx.styles import TEXT_WIDTH_TWIPS
from perfgen.writers.pipe_tables import TABLE, Table
from perfgen.writers.widths import width

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

KEPT_ROWS = 12
"""A table of at most this many rows is kept on one page (each row kept with the next)."""


def table(
    content: Table,
    style_ids: Mapping[str, str | None],
    text_width: int = TEXT_WIDTH_TWIPS,
    *,
    keep_with_next: bool = False,
) -> str:
    """The ``w:tbl`` of a table; a draft's notes placed on a row
    (:func:`perfgen.writers.notes.place`) are comments on its first cell.

    Args:
        content: The table's rows (:func:`perfgen.writers.tokens.parse`).
        style_ids: The package's style ids by name.
        text_width: The width of the page's text block, in twips (a landscape page's is wider).
        keep_with_next: Keep the last row on the page of the paragraph after the table (the
            lines that close it, such as 负责人/填表人).
    """
    rows = content.rows
    if not rows:
        return ""
    widths = column_widths(content, text_width)
    kept = len(rows) <= KEPT_ROWS
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    table_style = style_ids.get("Table Grid")
    style = f'<w:tblStyle w:val="{table_style}"/>' if table_style else ""
    borders = "" if table_style else f"<w:tblBorders>{_BORDERS}</w:tblBorders>"
    text_style = style_ids.get("Table Text")
    paragraph_style = f'<w:pStyle w:val="{text_style}"/>' if text_style else ""
    merges = _merges(rows)
    justify = [_JUSTIFY[_justified(align, c)] for c, align in enumerate(content.aligns)]
    out = [
        f"<w:tbl><w:tblPr>{style}{_TABLE_PROPERTIES}{borders}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    last = len(rows) - 1
    starts = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/>' for w in widths]
    ends = {
        keep: [f"</w:tcPr><w:p><w:pPr>{paragraph_style}{keep}{j}</w:pPr>" for j in justify]
        for keep in ("", "<w:keepNext/>")
    }
    plain: dict[str, str] = {}  # a body cell's plain text → its runs (many cells repeat)
    for r, row in enumerate(rows):
        header = "<w:tblHeader/>" if r == 0 else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        keep = "<w:keepNext/>" if (kept and r != last) or (r == last and keep_with_next) else ""
        middle = ends[keep]
        notes = content.row_notes(r)  # on the row's first cell with content
        for c, source in enumerate(row):
            merge = merges.get((r, c), "") if merges else ""
            if merge == _CONTINUE:
                cell = ""
            elif r and (known := plain.get(source)) is not None:
                cell = known  # a plain text's runs, whether or not this cell was parsed
            elif content.is_plain(r, c):
                cell = plain_runs(source, bold=r == 0)
                if r:
                    plain[source] = cell
            else:
                cell = runs_of(content.children(r, c), bold=r == 0)
            if notes and merge != _CONTINUE:
                cell, notes = commented(cell, notes), []
            out.append(f"{starts[c]}{merge}{middle[c]}{cell}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_CONTINUE = "<w:vMerge/>"
_JUSTIFY = {"right": '<w:jc w:val="right"/>', "left": '<w:jc w:val="left"/>', "": ""}


def _justified(align: str, column: int) -> str:
    """A cell's justification: right or left as its column is aligned; an unaligned first
    column left."""
    if align == "right":
        return "right"
    if align == "left" or (align != "center" and column == 0):
        return "left"
    return ""


def _merges(rows: list[list[str]]) -> dict[tuple[int, int], str]:
    """(row, column) → its ``w:vMerge``: each 〃 continues the nearest cell above that is not
    〃 (the header at the latest), which starts the merge."""
    merges: dict[tuple[int, int], str] = {}
    for c in range(len(rows[0])):
        top = 0
        for r in range(1, len(rows)):
            if c >= len(rows[r]) or rows[r][c] != DITTO:
                top = r
                continue
            merges[(top, c)] = '<w:vMerge w:val="restart"/>'
            merges[(r, c)] = _CONTINUE
    return merges


TABLE_CHAR_TWIPS = 240
"""Width of one 小四 (12 pt) character in twips."""

CELL_PADDING_CHARS = 1.5
"""Room for the cell margins (2 × 0.19 cm) and a little air, in characters."""

ASCII_CELL_WIDTH = 0.6
"""Width of an ASCII digit or letter in a table cell, in characters: proportional Latin
glyphs run wider than half a character in the fonts renderers substitute."""


class _CharWidths(dict[str, float]):
    """Character → its width in a table cell: 1 for a wide (Chinese) one, else
    :data:`ASCII_CELL_WIDTH`; looked up once per character."""

    def __missing__(self, char: str) -> float:
        value = 1 if unicodedata.east_asian_width(char) in "WF" else ASCII_CELL_WIDTH
        self[char] = value
        return value


_CHAR_WIDTHS = _CharWidths()


def _cell_width(text: str) -> float:
    """The width of a cell's text, in characters (summed character by character)."""
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


MIN_TEXT_CHARS = 2.0
"""No column's text is narrower than two characters, so a header wraps in pairs (指标/性质)."""

_UNBROKEN = re.compile(r"[0-9A-Za-z.,%‰+\-]+")
"""What a line never breaks inside: a number with its sign, point and % (约1300 breaks only
after 约)."""


Needs = tuple[list[float], list[float], list[bool]]


def _needs(content: Table) -> Needs:
    """Per column, in characters with the padding: what its widest body cell needs, the least
    it can have (two characters, its longest number, half its header), and whether its body
    cells are all ASCII (numbers, ≥, %). Computed once per table."""
    cached: Needs | None = content.layout.get("needs")
    if cached is None:
        cached = content.layout["needs"] = _measured(content.rows)
    return cached


def _measured(rows: list[list[str]]) -> Needs:
    body = rows[1:] or rows
    columns = range(len(rows[0]))
    cells = [{r[c] for r in body if c < len(r)} for c in columns]  # each text measured once
    widest = [max((_cell_width(text) for text in column), default=0.0) for column in cells]
    # every character a number is made of is as wide as the next: the longest is the widest
    numbers = [_UNBROKEN.findall("\n".join(column)) for column in cells]
    unbroken = [_cell_width(max(found, key=len)) if found else 0.0 for found in numbers]
    header = [_cell_width(cell) / 2 for cell in rows[0]] if rows[1:] else []
    header += [0.0] * (len(cells) - len(header))  # a header wraps onto two lines at most
    least = [
        max(u, h, MIN_TEXT_CHARS) + CELL_PADDING_CHARS
        for u, h in zip(unbroken, header, strict=True)
    ]
    need = [max(w, MIN_TEXT_CHARS) + CELL_PADDING_CHARS for w in widest]
    numeric = [all(text.isascii() for text in column) for column in cells]
    return need, least, numeric


COMFORTABLE_CHARS = 6.0
"""A text column narrower than this (with its padding) wraps most of its cells."""


def wanted_width(content: Table) -> int:
    """The width the table wants, in twips: each number column what its widest cell needs, each
    text column that or :data:`COMFORTABLE_CHARS`, whichever is less. A table wanting more than
    a portrait page's text block is set on a landscape page."""
    need, _least, numeric = _needs(content)
    chars = [
        n if is_number else min(n, COMFORTABLE_CHARS)
        for n, is_number in zip(need, numeric, strict=True)
    ]
    return int(sum(chars) * TABLE_CHAR_TWIPS)


def column_widths(content: Table, text_width: int = TEXT_WIDTH_TWIPS) -> list[int]:
    """Column widths in twips that fill the text block of ``text_width`` twips.

    Columns whose body cells are all ASCII (numbers, ≥, %) get exactly what their widest cell
    needs; the remaining width is shared by the text columns in proportion to their widest cell
    (capped at ten characters), none below its least — two characters, or its longest number.
    """
    need, least, numeric = _needs(content)
    capacity = text_width / TABLE_CHAR_TWIPS
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
    chars = _at_least(chars, least, capacity)
    return [int(c * TABLE_CHAR_TWIPS) for c in chars]


def _at_least(chars: list[float], least: list[float], capacity: float) -> list[float]:
    """Raise each column to its least, taking the room from the columns above theirs in
    proportion to their spare width (when the least all fit; else in proportion to the least)."""
    if sum(least) >= capacity:
        return [n * capacity / sum(least) for n in least]
    short = sum(max(m - c, 0.0) for c, m in zip(chars, least, strict=True))
    spare = [max(c - m, 0.0) for c, m in zip(chars, least, strict=True)]
    if not short or not sum(spare):
        return chars
    return [
        max(c, m) - (s / sum(spare)) * short if c > m else max(c, m)
        for c, m, s in zip(chars, least, spare, strict=True)
    ]


CLOSING_LINE_CHARS = 56
"""A paragraph after a table of at most two lines (负责人/填表人, 自评等级) is kept with it."""


CAPTION_CHARS = 28
"""A paragraph right before a table of at most one line is its caption, kept with it."""


def is_caption(tokens: list[Token], at: int) -> bool:
    """Whether the paragraph opening at ``at`` is a table's caption: one line right before it
    (a longer paragraph may stay on the page before, and leaves no half-empty page)."""
    after = at + 3  # paragraph_open, inline, paragraph_close
    return (
        after < len(tokens)
        and tokens[after].type == TABLE
        and width(tokens[at + 1].content) <= CAPTION_CHARS
    )


def keep_closing_lines(tokens: list[Token], at: int) -> bool:
    """Whether short paragraphs follow the table that ends before ``at``; each of them but the
    last is marked to keep with the next, so the table's last row and they share a page."""
    run = []
    while at + 2 < len(tokens) and tokens[at].type == "paragraph_open":
        if width(tokens[at + 1].content) > CLOSING_LINE_CHARS:
            break
        run.append(tokens[at])
        at += 3
    for token in run[:-1]:
        token.meta["keep"] = True
    return bool(run)
