"""Excel writer: the computed 部门整体支出绩效自评表 as a printable .xlsx (openpyxl).

Numbers are written as numbers, rates as fractions in a percent format, the 一级/二级指标
groups (as :class:`perfgen.figures.TableRow` marks them) as merged cells. The column layout is
:mod:`perfgen.input.table_layout`, the one :mod:`perfgen.input.evaluation_table` reads back.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import NamedStyle
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet

from perfgen.arithmetic import HUNDRED
from perfgen.input.table_layout import (
    FUNDING_COLUMNS,
    INDICATOR_COLUMNS,
    SHEET,
    WIDTHS,
    Column,
)
from perfgen.locations import visible
from perfgen.writers import fixed_zip
from perfgen.writers.sheet_styles import (
    ACROSS,
    ACROSS_END,
    DOWN,
    DOWN_END,
    FORMATTED,
    HEADER,
    TEXT,
    TITLE,
    YEAR,
    named_styles,
)
from perfgen.writers.widths import width

if TYPE_CHECKING:  # the batch summary uses this module's cell helpers without the models
    from perfgen.figures import Figures, TableRow
    from perfgen.input.model import Report

CellValue = str | int | Decimal | None


def _number(value: object) -> Decimal | int | None:
    """A cell value for a figure: int when whole, else the Decimal (written as its digits);
    ``None`` for a missing or pending one."""
    if not isinstance(value, Decimal):
        return None
    return int(value) if value == value.to_integral_value() else value


def _rate(value: object) -> Decimal | None:
    """A percentage as the fraction Excel's percent format expects: 99.63 → 0.9963."""
    return value / HUNDRED if isinstance(value, Decimal) else None


def put(cell: Any, value: CellValue) -> None:
    """Set a cell: text always as a string (never a formula, whatever it starts with: ``=``,
    ``+``, ``-``, ``@``), its XML-illegal characters shown as symbols; numbers as numbers."""
    if isinstance(value, str):
        cell.value = visible(value)
        cell.data_type = "s"
    else:
        cell.value = value


def _styles(columns: Sequence[Column]) -> list[str]:
    """Each column's named style: its number format's, else text."""
    return [FORMATTED.get(c.number_format or "", TEXT) for c in columns]


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
        added[style.name] = (style.as_tuple(), float(style.font.sz or DEFAULT_SIZE))
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

    def banner(self, text: str, style: str) -> None:
        row = self.add([text], [style])
        self.merge(row, 1, row, len(WIDTHS))

    def label(self, label: str, value: str) -> None:
        covered = [*[ACROSS] * (len(WIDTHS) - 3), ACROSS_END]
        row = self.add([label, value, *[None] * (len(WIDTHS) - 2)], [TEXT, TEXT, *covered])
        self.merge(row, 2, row, len(WIDTHS))


def render(report: Report, figures: Figures, date: dt.date | None = None) -> bytes:
    """The computed self-evaluation table as .xlsx bytes.

    Args:
        report: A report with ``evaluation.table``.
        figures: Its derived figures (``figures.table`` must be set).
        date: Stamped into the workbook's properties, so the bytes repeat.

    Raises:
        ValueError: the report has no table (the pipeline says so before calling).
    """
    table, computed = report.evaluation.table, figures.table
    if table is None or computed is None:
        raise ValueError("report has no self-evaluation table")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    out = Sheet(sheet, add_styles(book, named_styles(report.settings.fonts.body)))
    out.banner("部门整体支出绩效自评表", TITLE)
    out.banner(f"（{report.year}年度）", YEAR)
    out.label("单位名称", report.unit.name)
    out.label("年度总体绩效目标", "".join(table.goals))
    if computed.funding:
        out.add([c.header for c in FUNDING_COLUMNS], [TEXT] * len(FUNDING_COLUMNS))
        styles = _styles(FUNDING_COLUMNS)
        for funding in computed.funding:
            total = funding.is_total
            out.add(
                [
                    funding.name if total else f"其中：{funding.name}",
                    _number(funding.initial_budget),
                    _number(funding.full_year_budget),
                    _number(funding.executed),
                    _rate(funding.execution_rate),
                    _number(computed.funding_weight) if total else None,
                    _number(computed.funding_score) if total else None,
                ],
                styles,
            )
    header = out.add([c.header for c in INDICATOR_COLUMNS], [HEADER] * len(INDICATOR_COLUMNS))
    styles = _styles(INDICATOR_COLUMNS)
    covered = _merge_groups(out, out.row + 1, computed.rows)
    for n, row in enumerate(computed.rows):
        result, i = row.result, row.result.indicator
        actual: CellValue = _number(result.actual) if result.actual is not None else i.achieved
        if i.approximate and isinstance(result.actual, Decimal):
            actual = f"约{result.actual.normalize():f}"
        level1, level2 = covered.get((n, 1)), covered.get((n, 2))
        out.add(
            [
                None if level1 else i.level1,
                None if level2 else i.level2,
                i.name,
                i.comparator,
                _number(result.target),
                i.unit,
                actual,
                _rate(result.completion_rate),
                _number(i.weight),
                _number(result.score),
                i.deviation,
            ],
            [level1 or styles[0], level2 or styles[1], *styles[2:]],
        )
    out.add(
        ["总分", *[None] * 7, _number(computed.weights_total), _number(computed.total), None],
        styles,
    )
    out.label("自评等级", figures.grade if isinstance(figures.grade, str) else "")
    out.label("评价结论", table.conclusion or "")
    out.add(["负责人", table.responsible, None, "填表人", table.preparer] + [None] * 6, [TEXT] * 11)
    sheet.merged_cells = MultiCellRange(out.merged)
    for c, column_width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(c)].width = column_width
    out.fit(WIDTHS)
    print_wide(sheet, title_rows=f"{header}:{header}")
    stamp = dt.datetime.combine(date or dt.date(report.year + 1, 1, 1), dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = visible(report.unit.name)
    book.properties.title = "部门整体支出绩效自评表"
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), modified=stamp)


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


def _merge_groups(out: Sheet, first: int, rows: Sequence[TableRow]) -> dict[tuple[int, int], str]:
    """Merge each run of rows that continue the 一级指标 (column A) or, within it, the 二级指标
    (column B) of the row above, as the figures mark them; the rows start at sheet row
    ``first``.

    Returns:
        (row number in ``rows``, column) → the named style of each cell a merge covers.
    """
    covered: dict[tuple[int, int], str] = {}
    for column, continues in ((1, "same_level1"), (2, "same_level2")):
        start = 0
        for n in range(1, len(rows) + 1):
            if n < len(rows) and getattr(rows[n], continues):
                continue
            if n - 1 > start:
                out.merge(first + start, column, first + n - 1, column)
                covered.update(((k, column), DOWN) for k in range(start + 1, n - 1))
                covered[(n - 1, column)] = DOWN_END
            start = n
    return covered
