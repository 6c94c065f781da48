"""Excel writer: the computed 部门整体支出绩效自评表 as a printable .xlsx (openpyxl).

Numbers are written as numbers, rates as fractions in a percent format, the 一级/二级指标
groups as merged cells. The column layout is the one :mod:`perfgen.workbook` reads back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from perfgen.figures import Figures
from perfgen.model import Report
from perfgen.numbers import HUNDRED
from perfgen.writers import fixed_zip

CellValue = str | int | Decimal | None
SHEET = "自评表"
FUNDING_HEADERS = (
    "资金",
    "年初预算数（万元）",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率",
    "分值",
    "得分",
)
INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "年度指标值",
    "度量单位",
    "实际完成值",
    "完成率",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
WIDTHS = (10, 10, 22, 8, 11, 8, 11, 9, 7, 8, 26)
"""Column widths in Excel character units, A–K."""

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="仿宋_GB2312", size=11)
_WRAP = Alignment(wrap_text=True, vertical="center")


def _number(value: Decimal | None) -> Decimal | int | None:
    """A cell value for a Decimal: int when whole, else the Decimal (written as its digits)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _rate(value: Decimal | None) -> Decimal | None:
    """A percentage as the fraction Excel's percent format expects: 99.63 → 0.9963."""
    return None if value is None else value / HUNDRED


class _Sheet:
    """Appends bordered rows to a worksheet."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def add(
        self,
        values: Sequence[CellValue],
        *,
        border: bool = True,
        formats: dict[int, str] | None = None,
    ) -> int:
        self.row += 1
        for c, value in enumerate(values, 1):
            cell = self.sheet.cell(self.row, c, value)
            cell.font, cell.alignment = _FONT, _WRAP
            if border:
                cell.border = _BORDER
            if formats and c in formats:
                cell.number_format = formats[c]
        return self.row

    def banner(self, text: str, size: int = 11, bold: bool = False) -> None:
        row = self.add([text], border=False)
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
        cell = self.sheet.cell(row, 1)
        cell.font = Font(name=_FONT.name, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def label(self, label: str, value: str) -> None:
        row = self.add([label, value, *[None] * (len(WIDTHS) - 2)])
        self.sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(WIDTHS))


def render(report: Report, figures: Figures, date: dt.date | None = None) -> bytes:
    """The computed self-evaluation table as .xlsx bytes.

    Args:
        report: A report with ``evaluation.table``.
        figures: Its derived figures (``figures.table`` must be set).
        date: Stamped into the workbook's properties, so the bytes repeat.

    Raises:
        ValueError: the report has no table (the CLI says so before calling).
    """
    table, computed = report.evaluation.table, figures.table
    if table is None or computed is None:
        raise ValueError("report has no self-evaluation table")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    out = _Sheet(sheet)
    out.banner("部门整体支出绩效自评表", size=16, bold=True)
    out.banner(f"（{report.year}年度）")
    out.label("单位名称", report.unit.name)
    out.label("年度总体绩效目标", "".join(table.goals))
    money, percent = "0.00", "0.00%"
    if computed.funding_total:
        out.add(list(FUNDING_HEADERS))
        for n, funding in enumerate([computed.funding_total, *computed.funding]):
            row = funding.row
            out.add(
                [
                    row.name if n == 0 else f"其中：{row.name}",
                    _number(row.initial_budget),
                    _number(row.full_year_budget),
                    _number(row.executed),
                    _rate(funding.execution_rate),
                    _number(table.funding_weight) if n == 0 else None,
                    _number(computed.funding_score) if n == 0 else None,
                ],
                formats={2: money, 3: money, 4: money, 5: percent, 7: money},
            )
    header = out.add(list(INDICATOR_HEADERS))
    for cell in sheet[header]:
        cell.font = Font(name=_FONT.name, size=11, bold=True)
    first = out.row + 1
    for result in computed.indicators:
        i = result.indicator
        actual: CellValue = _number(i.actual) if i.actual is not None else i.achieved
        if i.approximate and i.actual is not None:
            actual = f"约{i.actual.normalize():f}"
        out.add(
            [
                i.level1,
                i.level2,
                i.name,
                i.comparator,
                _number(i.target),
                i.unit,
                actual,
                _rate(result.completion_rate),
                _number(i.weight),
                _number(result.score),
                i.deviation,
            ],
            formats={8: percent, 10: money},
        )
    _merge_groups(sheet, first, out.row)
    out.add(
        [
            "总分",
            *[None] * 7,
            _number(computed.weights_total),
            _number(computed.total) if computed.complete else None,
            None,
        ],
        formats={10: money},
    )
    out.label("自评等级", figures.grade or "")
    out.label("评价结论", table.conclusion or "")
    out.add(["负责人", table.responsible, None, "填表人", table.preparer] + [None] * 6)
    for c, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[chr(64 + c)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if sheet.sheet_properties.pageSetUpPr is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    stamp = dt.datetime.combine(date or dt.date(report.year + 1, 1, 1), dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = report.unit.name
    book.properties.title = "部门整体支出绩效自评表"
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue(), modified=stamp)


def _merge_groups(sheet: Worksheet, first: int, last: int) -> None:
    """Merge runs of equal 一级指标 (column A) and, within them, 二级指标 (column B)."""
    for column, parents in ((1, ()), (2, (1,))):
        start = first
        for row in range(first + 1, last + 2):
            same = row <= last and all(
                sheet.cell(row, c).value == sheet.cell(start, c).value for c in (*parents, column)
            )
            if not same:
                if row - 1 > start and sheet.cell(start, column).value:
                    sheet.merge_cells(
                        start_row=start, start_column=column, end_row=row - 1, end_column=column
                    )
                start = row
