"""A worksheet filled row by row, each cell in one of the workbook's named styles
(:mod:`perfgen.writers.sheet_styles`), its rows as high as their wrapped text needs and printed
A4 landscape: what the 自评表 (:mod:`perfgen.writers.xlsx`) and the batch's ``汇总.xlsx``
(:mod:`perfgen.writers.summary`) are written with (openpyxl).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.cell_range import CellRange

from perfgen.locations import visible
from perfgen.writers.widths import width

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import NamedStyle
    from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | Decimal | None


def put(cell: Any, value: CellValue) -> None:
    """Set a cell: text always as a string (never a formula, whatever it starts with: ``=``,
    ``+``, ``-``, ``@``), its XML-illegal characters shown as symbols; numbers as numbers."""
    if isinstance(value, str):
        cell.value = visible(value)
        cell.data_type = "s"
    else:
        cell.value = value


DEFAULT_SIZE = 11.0
"""The font size (points) of a cell in no named style: openpyxl's default font, Calibri 11."""

Styles = dict[str | None, tuple[StyleArray | None, float]]
"""A named style's name → the style indexes each of its cells takes and its font's size in
points (``None``: the default style)."""


def add_styles(book: Workbook, styles: Sequence[NamedStyle]) -> Styles:
    """Add ``styles`` (:mod:`perfgen.writers.sheet_styles`) to ``book``, once, for every sheet
    of it to give by name."""
    added: Styles = {None: (None, DEFAULT_SIZE)}
    for style in styles:
        book.add_named_style(style)
        added[style.name] = (style.as_tuple(), style.font.sz or DEFAULT_SIZE)
    return added


class Sheet:
    """Appends rows to a worksheet, each cell in one of the workbook's named styles (from
    :func:`add_styles`), and collects the merged ranges (given to the sheet at once: openpyxl
    compares each range it is given one by one with every range it has) and each row's texts
    with their font sizes, from which :meth:`fit` gives the rows their heights."""

    def __init__(self, sheet: Worksheet, styles: Styles) -> None:
        self.sheet = sheet
        self.row = 0
        self.merged: list[CellRange] = []
        self.styles = styles
        self.texts: list[list[tuple[int, str, float]]] = []
        """Each row's text cells: column, the text as the cell holds it, font size (points)."""

    def add(self, values: Sequence[CellValue], styles: Sequence[str | None]) -> int:
        """Append a row of cells, each in its style (``None``: the default)."""
        cells, texts = [], []
        for c, (value, style) in enumerate(zip(values, styles, strict=True), 1):
            array, size = self.styles[style]
            cell = Cell(self.sheet, self.row + 1, c, style_array=array)
            put(cell, value)
            cells.append(cell)
            if isinstance(cell.value, str) and cell.value:
                texts.append((c, cell.value, size))
        self.sheet.append(cells)
        self.texts.append(texts)
        self.row += 1
        return self.row

    def fit(self, widths: Sequence[float]) -> None:
        """Give each row the height its wrapped text needs, since Excel only grows a row that
        someone edits: the lines of each text cell in its column's width (or in its merged
        range's width, a vertical merge sharing its lines among its rows), at its font's size.
        Call it once every row is added and every range merged.

        Args:
            widths: The column widths, in Excel's character units (a Chinese character takes
                two).
        """
        spans = {}
        for merged in self.merged:
            across = sum(widths[c - 1] for c in range(merged.min_col, merged.max_col + 1))
            spans[(merged.min_row, merged.min_col)] = (across, merged.max_row - merged.min_row + 1)
        heights = self.sheet.row_dimensions
        measured: dict[tuple[str, float], int] = {}  # a long table repeats a few texts
        for number, texts in enumerate(self.texts, 1):
            needed = 0.0
            for column, text, size in texts:
                across, rows = spans.get((number, column), (widths[column - 1], 1))
                per_line = max(across - 1.5, 2.0)  # the cell's padding
                lines = measured.get((text, per_line))
                if lines is None:
                    lines = sum(_lines(part, per_line) for part in text.split("\n"))
                    measured[(text, per_line)] = lines
                needed = max(needed, lines * size * LINE_HEIGHT / rows)
            if needed:
                heights[number].height = round_up_points(needed)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        self.merged.append(CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom))


def print_wide(sheet: Worksheet, title_rows: str) -> None:
    """Print ``sheet`` as a table is printed: A4 landscape, every column on one page's width
    (as many pages down as it needs), ``title_rows`` (``"5:5"``) repeated on each page, and
    margins of 15 mm (10 mm for the header and footer)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if sheet.sheet_properties.pageSetUpPr is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    margins = sheet.page_margins
    margins.left = margins.right = margins.top = margins.bottom = 15 / 25.4
    margins.header = margins.footer = 10 / 25.4


LINE_HEIGHT = 1.3
"""A wrapped line's height in points, per point of the font's size."""


def _lines(text: str, per_line: float) -> int:
    """The lines ``text`` wraps into at ``per_line`` half-width characters a line; a text of
    no more characters than half of that fits on one, whatever they are (none is wider than
    two halves), without measuring it."""
    if len(text) * 2 <= per_line:
        return 1
    return max(1, math.ceil(width(text) * 2 / per_line))


def round_up_points(height: float) -> float:
    """A row height in Excel's steps (¼ point), never lower than the default 15 points."""
    return max(15.0, math.ceil(height * 4) / 4)
