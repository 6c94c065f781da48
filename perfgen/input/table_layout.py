"""The column layout of the 自评表 in Excel, used by the reader
(:mod:`perfgen.input.evaluation_table`) and the writer (:mod:`perfgen.writers.xlsx`) alike, so that
a written workbook reads back.

The layout is the common printed form (docs/domain.md §3): a funding block (资金, 年初预算数,
全年预算数, 全年执行数, 执行率, 分值, 得分) above an indicator block (一级指标 … 偏差原因分析及
改进措施). The reader finds each column by the start of its header text, so a unit's own
workbook may carry extra columns, or headers such as “全年预算数（万元）”.
"""

from __future__ import annotations

from dataclasses import dataclass

SHEET = "自评表"
"""The sheet's name (the reader falls back to the first sheet)."""

MONEY_FORMAT = "0.00"
PERCENT_FORMAT = "0.00%"


@dataclass(frozen=True)
class Column:
    """One column of a block.

    Attributes:
        header: The header the writer prints.
        field: The field of the model (or figure) the column holds.
        match: The header's start that the reader looks for (``""``: not read back, computed).
        number_format: Excel's number format of the column's cells, if any.
        required: The reader refuses a workbook without this column.
    """

    header: str
    field: str
    match: str = ""
    number_format: str | None = None
    required: bool = True


FUNDING_COLUMNS = (
    Column("资金", "name", "资金", None, False),
    Column("年初预算数（万元）", "initial_budget", "年初预算数", MONEY_FORMAT, False),
    Column("全年预算数（万元）", "full_year_budget", "全年预算数", MONEY_FORMAT, False),
    Column("全年执行数（万元）", "executed", "全年执行数", MONEY_FORMAT),
    Column("执行率", "execution_rate", "", PERCENT_FORMAT, False),
    Column("分值", "weight", "分值", None, False),
    Column("得分", "score", "得分", MONEY_FORMAT, False),
)
"""The funding block: the 年度资金总额 row, then a “其中：” row per source of funds."""

INDICATOR_COLUMNS = (
    Column("一级指标", "level1", "一级指标"),
    Column("二级指标", "level2", "二级指标"),
    Column("三级指标", "name", "三级指标"),
    Column("指标性质", "comparator", "指标性质"),
    Column("年度指标值", "target", "年度指标值"),
    Column("度量单位", "unit", "度量单位"),
    Column("实际完成值", "actual", "实际完成值"),
    Column("完成率", "completion_rate", "", PERCENT_FORMAT, False),
    Column("分值", "weight", "分值"),
    Column("得分", "score", "得分", MONEY_FORMAT),
    Column("偏差原因分析及改进措施", "deviation", "偏差原因", None, False),
)
"""The indicator block, one row per indicator, ended by the 总分 row."""

WIDTHS = (10, 10, 22, 10, 11, 8, 11, 9, 7, 8, 26)
"""Sheet column widths A–K in Excel character units (the indicator block is the widest)."""

TOTAL_LABELS = ("年度资金总额", "合计")
"""First-column labels of the funding block's total row."""

END_LABELS = ("总分", "合计")
"""First-column labels that end the indicator block."""

SUBTOTAL_PREFIXES = ("其中：", "其中:")
"""Prefixes of the funding rows below the total."""


def read_columns(columns: tuple[Column, ...]) -> dict[str, str]:
    """The columns the reader looks for: header start → field."""
    return {c.match: c.field for c in columns if c.match}


def number_formats(columns: tuple[Column, ...]) -> dict[int, str]:
    """1-based column number → number format, for the writer."""
    return {n: c.number_format for n, c in enumerate(columns, 1) if c.number_format}
