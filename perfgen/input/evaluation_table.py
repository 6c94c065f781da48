"""Read a 部门整体支出绩效自评表 from an Excel workbook (the common column layout).

The sheet named 自评表 (else the first sheet), read by :mod:`perfgen.input.sheet` in one bounded
pass, is searched for its header rows by their texts, as :mod:`perfgen.input.table_layout` defines
them: the funding block (全年预算数, 全年执行数 …) and the indicator block (一级指标 … 偏差原因分析
及改进措施). Merged 一级/二级指标 cells apply to every row they span. Every bad cell is reported
with sheet, cell and column's header, also the errors validation finds once the table is read;
numbers are read as Decimal from Excel's shortest representation of the stored double, so 1836.2
stays 1836.2.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from perfgen.errors import InputError
from perfgen.input.model import SelfEvaluationTable
from perfgen.input.sheet import Sheet, finite, open_sheet
from perfgen.input.table_layout import (
    END_LABELS,
    FUNDING_COLUMNS,
    INDICATOR_COLUMNS,
    SHEET,
    SUBTOTAL_PREFIXES,
    TOTAL_LABELS,
    read_columns,
)
from perfgen.input.validation import Input, explain
from perfgen.input.values import ACHIEVED, INDICATOR_KINDS
from perfgen.locations import Problem

COMPARATORS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", "=": "=", "＝": "=", "定性": "定性"}
"""How workbooks write 指标性质 → the comparator."""

KIND_WORDS = {label.removesuffix("指标"): kind for kind, label in INDICATOR_KINDS.items()}
"""A word in 二级指标 → the indicator kind (产出 → output …)."""


def read_table(path: str | Path) -> SelfEvaluationTable:
    """Read the self-evaluation table of a workbook.

    Args:
        path: The .xlsx file.

    Returns:
        The table as the YAML would state it (scores in the sheet count as typed).

    Raises:
        InputError: an unreadable or oversized file, missing headers, or bad cells (all of
            them, each at its ``sheet!cell`` under its column's header, in Chinese).
    """
    sheet = open_sheet(path, SHEET)
    header = sheet.find("三级指标")
    if header is None:
        message = "找不到指标表头（“三级指标”所在行）"
        raise InputError([Problem(sheet.file, 0, 0, sheet.title, message)])
    places = _Places()
    data: dict[str, Any] = {
        "indicators": _indicators(sheet, header[0], places),
        **_funding(sheet, places),
        **_texts(sheet, places),
    }
    if sheet.problems:
        raise InputError(sheet.problems)
    try:
        return SelfEvaluationTable.model_validate(data)
    except ValidationError as exc:
        raise InputError([places.problem(sheet, error) for error in exc.errors()]) from None


class _Places:
    """Where each value of the table came from: field path → (row, column, header)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str | int, ...], tuple[int, int, str]] = {}

    def note(self, path: tuple[str | int, ...], row: int, col: int, header: str) -> None:
        self.cells[path] = (row, col, header)

    def problem(self, sheet: Sheet, error: ErrorDetails) -> Problem:
        """A validation error at the cell its value came from, explained in Chinese."""
        path = tuple(k for k in error["loc"] if isinstance(k, str | int))
        message = explain(error, SelfEvaluationTable)
        for end in range(len(path), 0, -1):
            if path[:end] in self.cells:
                row, col, header = self.cells[path[:end]]
                return Problem(
                    sheet.file, row, col, sheet.place(row, col), f"{header}列：{message}"
                )
        return Problem(sheet.file, 0, 0, sheet.title, message)


def _indicators(sheet: Sheet, header: int, places: _Places) -> list[dict[str, Any]]:
    """The indicator rows below the header row, up to the 总分 row or an empty row."""
    columns = sheet.columns(header, read_columns(INDICATOR_COLUMNS))
    missing = [c.match for c in INDICATOR_COLUMNS if c.required and c.field not in columns]
    if missing:
        message = f"找不到{'、'.join(missing)}列；表头的合并单元格须拆开，每列一个标题"
        sheet.fail(header, 1, "表头", message)
        return []
    headers = {c.field: c.match for c in INDICATOR_COLUMNS}
    own = [col for field, col in columns.items() if field not in ("level1", "level2")]
    rows: list[dict[str, Any]] = []
    for row in range(header + 1, sheet.max_row + 1):
        if sheet.text(row, columns["level1"], "一级指标").startswith(END_LABELS):
            break
        if not any(sheet.text(row, col) for col in own):
            break  # an empty row ends the table
        n = len(rows)
        for field, col in columns.items():
            places.note(("indicators", n, field), row, col, headers[field])
        item: dict[str, Any] = {"name": sheet.text(row, columns["name"], "三级指标")}
        if not item["name"]:
            sheet.fail(row, columns["name"], "三级指标", "不能为空（每个指标都要有名称）")
        for field in ("level1", "level2", "unit", "deviation"):
            if field in columns and (text := sheet.text(row, columns[field], headers[field])):
                item[field] = text
        sign = sheet.text(row, columns["comparator"], "指标性质")
        if sign not in COMPARATORS:
            message = f"应为 ≥、≤、= 或 定性，实际为 “{sign}”"
            sheet.fail(row, columns["comparator"], "指标性质", message)
        item["comparator"] = COMPARATORS.get(sign, "≥")
        actual = sheet.text(row, columns["actual"], "实际完成值")
        unit = item.get("unit", "")  # a value may be written with it: 1,300人次
        if actual.startswith("约"):
            item["approximate"] = True
            item["actual"] = _parse(sheet, row, columns["actual"], actual, "实际完成值", unit)
        elif actual not in ACHIEVED:
            item["actual"] = sheet.number(row, columns["actual"], "实际完成值", unit)
        else:
            item["achieved"] = actual
        item["target"] = sheet.number(row, columns["target"], headers["target"], unit)
        for field in ("weight", "score"):
            item[field] = sheet.number(row, columns[field], headers[field])
        for word, kind in KIND_WORDS.items():
            if word in item.get("level2", ""):
                item["kind"] = kind
        rows.append({k: v for k, v in item.items() if v is not None})
    return rows


def _parse(sheet: Sheet, row: int, col: int, text: str, header: str, unit: str) -> Decimal | None:
    """An approximate value written “约1300” (or “约1,300人次”, with the row's unit): its number."""
    number = finite(text.removeprefix("约").strip().removesuffix(unit) if unit else text[1:])
    if number is None:
        sheet.fail(row, col, header, f"应为数字（可写作“约1300”），实际为 “{text}”")
    return number


def _funding(sheet: Sheet, places: _Places) -> dict[str, Any]:
    """The funding block: the 年度资金总额 row's weight and score, and the “其中：” rows."""
    header = sheet.find("全年执行数")
    if header is None:
        return {}
    columns = sheet.columns(header[0], read_columns(FUNDING_COLUMNS))
    names = {c.field: c.match for c in FUNDING_COLUMNS}
    labels = columns.get("name", 1)
    out: dict[str, Any] = {"funding": []}
    for row in range(header[0] + 1, sheet.max_row + 1):
        label = sheet.text(row, labels, "资金")
        for prefix in SUBTOTAL_PREFIXES:
            label = label.removeprefix(prefix)
        if not label or label.endswith("指标"):
            break
        if label in TOTAL_LABELS:
            for field, key in (("weight", "funding_weight"), ("score", "funding_score")):
                if field in columns:
                    places.note((key,), row, columns[field], names[field])
                    out[key] = sheet.number(row, columns[field], names[field])
            continue
        n = len(out["funding"])
        fields = ("initial_budget", "full_year_budget", "executed")
        amounts = {f: sheet.number(row, columns[f], names[f]) for f in fields if f in columns}
        for field in fields:
            if field in columns:
                places.note(("funding", n, field), row, columns[field], names[field])
        places.note(("funding", n, "name"), row, labels, "资金")
        row_data: dict[str, Any] = {k: v for k, v in amounts.items() if v is not None}
        out["funding"].append({"name": label, **row_data})
    return {k: v for k, v in out.items() if v is not None}


def _texts(sheet: Sheet, places: _Places) -> dict[str, Any]:
    """The table's texts, each in the cell right of its label."""
    out: dict[str, Any] = {}
    for label, field in (
        ("年度总体绩效目标", "goals"),
        ("评价结论", "conclusion"),
        ("负责人", "responsible"),
        ("填表人", "preparer"),
    ):
        at = sheet.find(label)
        if at is None:
            continue
        for col in range(at[1] + 1, sheet.max_column + 1):
            text = sheet.text(at[0], col, label)
            if text and text != sheet.text(*at):  # skip the label's own merged cells
                places.note((field,), at[0], col, label)
                out[field] = text
                break
    return out


def attach_table(source: Input, path: Path) -> Input:
    """``source`` with its self-evaluation table read from the workbook ``path``.

    Whatever the YAML's ``evaluation.table`` held besides ``xlsx`` and ``appendix`` is replaced,
    and so are the placeholders recorded there.

    Raises:
        InputError: the workbook cannot be read or has bad cells.
    """
    table = read_table(path)
    report = source.report
    old = report.evaluation.table
    if old is not None:
        table = table.model_copy(update={"appendix": old.appendix, "xlsx": old.xlsx})
    evaluation = report.evaluation.model_copy(update={"table": table})
    kept = ("evaluation", "table", "xlsx"), ("evaluation", "table", "appendix")
    pending = {
        path: text
        for path, text in source.pending.items()
        if path[:2] != ("evaluation", "table") or path[:3] in kept
    }
    return Input(report.model_copy(update={"evaluation": evaluation}), source.source, pending)
