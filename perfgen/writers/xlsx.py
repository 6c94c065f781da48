"""Excel writer: the computed 部门整体支出绩效自评表 as a printable .xlsx (openpyxl).

Numbers are written as numbers, rates as fractions in a percent format, the 一级/二级指标
groups (as :class:`perfgen.figures.TableRow` marks them) as merged cells. The column layout is
:mod:`perfgen.input.table_layout`, the one :mod:`perfgen.input.evaluation_table` reads back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange

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
from perfgen.writers.sheet import CellValue, Sheet, add_styles, print_wide
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

if TYPE_CHECKING:
    from perfgen.figures import Figures, TableRow
    from perfgen.input.model import Report


def _number(value: object) -> Decimal | int | None:
    """A cell value for a figure: int when whole, else the Decimal (written as its digits);
    ``None`` for a missing or pending one."""
    if not isinstance(value, Decimal):
        return None
    return int(value) if value == value.to_integral_value() else value


def _rate(value: object) -> Decimal | None:
    """A percentage as the fraction Excel's percent format expects: 99.63 → 0.9963."""
    return value / HUNDRED if isinstance(value, Decimal) else None


def _styles(columns: Sequence[Column]) -> list[str]:
    """Each column's named style: its number format's, else text."""
    return [FORMATTED.get(c.number_format or "", TEXT) for c in columns]


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
    _banner(out, "部门整体支出绩效自评表", TITLE)
    _banner(out, f"（{report.year}年度）", YEAR)
    _label(out, "单位名称", report.unit.name)
    _label(out, "年度总体绩效目标", "".join(table.goals))
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
    _label(out, "自评等级", figures.grade if isinstance(figures.grade, str) else "")
    _label(out, "评价结论", table.conclusion or "")
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


def _banner(out: Sheet, text: str, style: str) -> None:
    """A row of one text across the table's width."""
    row = out.add([text], [style])
    out.merge(row, 1, row, len(WIDTHS))


def _label(out: Sheet, label: str, value: str) -> None:
    """A row of a label and its value, the value across the rest of the table's width."""
    covered = [*[ACROSS] * (len(WIDTHS) - 3), ACROSS_END]
    row = out.add([label, value, *[None] * (len(WIDTHS) - 2)], [TEXT, TEXT, *covered])
    out.merge(row, 2, row, len(WIDTHS))


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
